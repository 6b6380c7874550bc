// Small DOM helpers. Text always goes in as text nodes; the only elements
// made from the API's text are the <mark>s of its highlighted ranges (see
// marked()), so an article can never inject markup.

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

// A highlighted text of the API ({text, marks: [[start, end], …]}, offsets in
// code points): text nodes and <mark> elements only.
export function marked({ text, marks }) {
  // Code points, not UTF-16 units: the offsets count "🗞" as one.
  const chars = Array.from(text);
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const [start, end] of marks) {
    if (start > at) frag.append(chars.slice(at, start).join(''));
    frag.append(h('mark', null, chars.slice(start, end).join('')));
    at = end;
  }
  if (at < chars.length) frag.append(chars.slice(at).join(''));
  return frag;
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric' });
const shortMonth = new Intl.DateTimeFormat('fr-FR', { month: 'short' });
const numberFormat = new Intl.NumberFormat('fr-FR');

// A day in words, French style: "7 janvier 2022", and "1er décembre 2022"
// (Intl writes "1 décembre").
function formatDay(y, m, d) {
  const text = dayFormat.format(new Date(Date.UTC(y, m - 1, d, 12)));
  return d === 1 ? text.replace(/^1(?=\D)/, '1er') : text;
}

// "2022-01-07T20:36:22+01:00" or "2022-01-07" → "7 janvier 2022" (the local
// date of the publication, as written in the ISO string).
export function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  if (!m) return '';
  return formatDay(+m[1], +m[2], +m[3]);
}

// A period value of the API: "2022", "2022-03" or "2022-03-01", in words.
export function formatPeriod(value) {
  const [y, m, d] = String(value).split('-').map(Number);
  if (d) return formatDay(y, m, d);
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

// Lower case, without accents: "Économie" and "economie" compare equal.
export const fold = (s) => String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

// What the reader typed, to quote in a sentence: between guillemets unless it
// has its own (« « Macron » » was shown), and cut with an ellipsis past 80
// characters (a long query took eight lines).
export function quoted(query) {
  let q = String(query).trim();
  if (q.length > 80) q = q.slice(0, 79).trimEnd() + '…';
  return /^[«“"]/.test(q) && /[»”"]$/.test(q) ? q : `« ${q} »`;
}

export function plural(n, one, many) {
  return `${formatNumber(n)} ${n > 1 ? many : one}`;
}

// An http(s) URL or null: article URLs come from the data and are never
// trusted as javascript: or data: links.
export function safeUrl(url) {
  return /^https?:\/\//i.test(url || '') ? url : null;
}

// One Tab stop for a group of controls (a facet's checkboxes, the bars of a
// histogram), the arrow keys moving inside it: WAI-ARIA's "roving tabindex".
// Without it, every facet value and every bar was a stop (57 Tabs from the
// search box to the first result). The stop is the item last focused, or
// initially `first()` (default: the first item). Items that are hidden or
// disabled are skipped. Down/Right go to the next item, Up/Left to the
// previous, Home/End to the ends; in a text box (a facet's filter) only
// Up/Down move: the other keys edit the text.
export function rovingFocus(group, selector, { first = null } = {}) {
  const items = () => [...group.querySelectorAll(selector)].filter((el) => !el.disabled && !el.closest('[hidden]'));
  const setStop = (stop) => {
    const list = items();
    const chosen = list.includes(stop) ? stop : list[0];
    for (const el of list) el.tabIndex = el === chosen ? 0 : -1;
  };
  group.addEventListener('focusin', (e) => {
    if (e.target.matches(selector)) setStop(e.target);
  });
  group.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const list = items();
    const i = list.indexOf(e.target);
    if (i < 0) return;
    const typing = e.target.matches('input[type=search], input[type=text]');
    const moves = { ArrowDown: i + 1, ArrowUp: i - 1 };
    if (!typing) Object.assign(moves, { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: list.length - 1 });
    if (!(e.key in moves)) return;
    e.preventDefault();
    list[Math.max(0, Math.min(list.length - 1, moves[e.key]))].focus();
  });
  setStop(first?.() ?? null);
  // Call again after items are shown or hidden (a filter box).
  return { refresh: () => setStop(group.querySelector(`${selector}[tabindex="0"]`)) };
}
