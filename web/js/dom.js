// Small DOM helpers. Text always goes in as text nodes; the only HTML the page
// ever inserts is the <mark> of the API's title_html and snippets, rebuilt
// here as elements (see marked()), so an article can never inject markup.

// h('a.hit-title', {href: '…'}, 'text', child…): an element with attributes
// (null/false values skipped) and children (strings become text nodes).
export function h(tag, attrs, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name || 'div');
  if (classes.length) el.className = classes.join(' ');
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k.startsWith('on')) { if (typeof v === 'function') el.addEventListener(k.slice(2), v); }
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

// Decodes the character references of text escaped by the server.
export function unescapeHtml(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, ref) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[ref.toLowerCase()] ?? all;
  });
}

// A fragment from the API's HTML with <mark>: text nodes and <mark> elements only.
export function marked(html) {
  const frag = document.createDocumentFragment();
  const parts = String(html ?? '').split(/<(\/?)mark>/i);
  // split with one capture group: text, slash, text, slash, …
  let inMark = false;
  for (let i = 0; i < parts.length; i += 2) {
    if (i > 0) inMark = parts[i - 1] !== '/';
    const text = unescapeHtml(parts[i]);
    if (!text) continue;
    frag.append(inMark ? h('mark', null, text) : document.createTextNode(text));
  }
  return frag;
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric' });
const shortMonth = new Intl.DateTimeFormat('fr-FR', { month: 'short' });
const numberFormat = new Intl.NumberFormat('fr-FR');

// "2022-01-07T20:36:22+01:00" or "2022-01-07" → "7 janvier 2022" (the local
// date of the publication, as written in the ISO string).
export function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  if (!m) return '';
  return dayFormat.format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], 12)));
}

// A period value of the API: "2022", "2022-03" or "2022-03-01", in words.
export function formatPeriod(value) {
  const [y, m, d] = String(value).split('-').map(Number);
  if (d) return dayFormat.format(new Date(Date.UTC(y, m - 1, d, 12)));
  if (m) return monthFormat.format(new Date(Date.UTC(y, m - 1, 15)));
  return String(y);
}

// Short label under a histogram bar.
export function shortPeriod(value, interval) {
  const [y, m, d] = String(value).split('-').map(Number);
  const date = new Date(Date.UTC(y, (m || 1) - 1, d || 1, 12));
  if (interval === 'day') return d === 1 ? `1er ${shortMonth.format(date)}` : `${d} ${shortMonth.format(date)}`;
  if (interval === 'month') return m === 1 ? String(y) : shortMonth.format(date);
  return String(y);
}

export const formatNumber = (n) => numberFormat.format(n);

export function plural(n, one, many) {
  return `${formatNumber(n)} ${n > 1 ? many : one}`;
}

// An http(s) URL or null: article URLs come from the data and are never
// trusted as javascript: or data: links.
export function safeUrl(url) {
  return /^https?:\/\//i.test(url || '') ? url : null;
}
