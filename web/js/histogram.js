// The date histogram: one bar per year, month or day of the API's `date` facet
// (which ignores the date filter, so the whole span stays visible and the
// chosen period is highlighted). A click on a bar chooses its period, a drag
// across bars chooses the span, Shift+click extends the current one. Bars
// are buttons: Tab reaches them, Enter/Space chooses, Shift+Enter extends.
import { h, clear, formatPeriod, shortPeriod, plural } from './dom.js';

// The bucket values from first to last, gaps filled with zero counts.
export function fillBuckets(values, interval) {
  if (!values.length) return [];
  const counts = new Map(values.map((v) => [v.value, v.count]));
  const sorted = values.map((v) => v.value).sort();
  const out = [];
  let [y, m, d] = sorted[0].split('-').map(Number);
  const last = sorted[sorted.length - 1];
  for (let guard = 0; guard < 2000; guard++) {
    let value;
    if (interval === 'year') value = `${y}`;
    else if (interval === 'month') value = `${y}-${pad(m)}`;
    else value = `${y}-${pad(m)}-${pad(d)}`;
    out.push({ value, count: counts.get(value) || 0 });
    if (value >= last) break;
    if (interval === 'year') y++;
    else if (interval === 'month') { if (++m > 12) { m = 1; y++; } }
    else {
      const next = new Date(Date.UTC(y, m - 1, d + 1));
      [y, m, d] = [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
    }
  }
  return out;
}

const pad = (n) => String(n).padStart(2, '0');

// Compact bounds of a period value, for comparisons: 2022-03 → 20220301 … 20220399.
const startOf = (v) => v.replace(/-/g, '').padEnd(8, '0').replace(/00$/, '01').replace(/^(\d{4})00/, '$101');
const endOf = (v) => v.replace(/-/g, '').padEnd(8, '9');

function inPeriod(value, from, to) {
  if (!from && !to) return false;
  return (!from || startOf(value) >= startOf(from)) && (!to || endOf(value) <= endOf(to));
}

// container: the histogram's element; date: the API's facets.date;
// onSelect(from, to) with period values of the bars.
export function renderHistogram(container, date, state, { onSelect }) {
  clear(container);
  const buckets = fillBuckets(date?.values || [], date?.interval || 'year');
  container.hidden = buckets.length === 0;
  if (!buckets.length) return;
  const interval = date.interval;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const unit = interval === 'year' ? 'année' : interval === 'month' ? 'mois' : 'jour';
  const labelled = labelIndexes(buckets, interval, container.clientWidth - 24);

  const bars = buckets.map((b, i) => {
    const selected = inPeriod(b.value, state.from, state.to);
    const fill = h('span.bar-fill');
    fill.style.height = b.count ? `${Math.max(2, (100 * b.count) / max)}%` : '0';
    const bar = h('button.bar', {
      type: 'button',
      'aria-pressed': String(selected),
      'aria-label': `${formatPeriod(b.value)} : ${plural(b.count, 'article', 'articles')}`,
      title: `${formatPeriod(b.value)} : ${plural(b.count, 'article', 'articles')}`,
      dataset: { index: String(i), value: b.value, focusKey: `bar:${b.value}` },
    }, fill);
    const label = labelled.has(i) ? h('span.bar-label', { 'aria-hidden': 'true' }, shortPeriod(b.value, interval)) : null;
    return h('div.bar-cell', null, bar, label);
  });

  const plot = h('div.histogram-bars', { role: 'group', 'aria-label': `Articles par ${unit} ; choisir une période` }, bars);
  plot.classList.toggle('has-selection', Boolean(state.from || state.to));
  container.append(
    h('div.histogram-head', null,
      h('h2.histogram-title', null, 'Période'),
      h('p.histogram-help', null, 'Cliquez sur une barre ou faites glisser pour choisir une période.')),
    plot);
  listenForPeriods(plot, buckets, state, onSelect);
}

// The pointer and keyboard gestures of the top of this file.
function listenForPeriods(plot, buckets, state, onSelect) {
  // Pointer: press on a bar, move across others, release.
  let anchor = null;
  let current = null;
  const indexAt = (e) => {
    const el = document.elementFromPoint(e.clientX, e.clientY)?.closest?.('.bar-cell');
    const bar = el?.querySelector('.bar');
    return bar && plot.contains(bar) ? Number(bar.dataset.index) : null;
  };
  const preview = () => {
    const [a, b] = anchor <= current ? [anchor, current] : [current, anchor];
    plot.querySelectorAll('.bar').forEach((bar, i) => bar.classList.toggle('previewed', i >= a && i <= b));
  };
  const choose = (a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    onSelect(buckets[lo].value, buckets[hi].value);
  };
  plot.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    const i = indexAt(e);
    if (i === null) return;
    e.preventDefault(); // no text selection while dragging
    plot.setPointerCapture(e.pointerId);
    anchor = i;
    current = i;
    if (e.shiftKey) {
      const sel = selectedRange(buckets, state);
      if (sel) anchor = i < sel[0] ? sel[1] : sel[0];
    }
    preview();
  });
  plot.addEventListener('pointermove', (e) => {
    if (anchor === null) return;
    const i = indexAt(e);
    if (i !== null && i !== current) {
      current = i;
      preview();
    }
  });
  const end = (e) => {
    if (anchor === null) return;
    const [a, b] = [anchor, current];
    anchor = null;
    if (e.type === 'pointerup') {
      plot.querySelector(`.bar[data-index="${b}"]`)?.focus({ preventScroll: true });
      choose(a, b);
    } else {
      plot.querySelectorAll('.previewed').forEach((bar) => bar.classList.remove('previewed'));
    }
  };
  plot.addEventListener('pointerup', end);
  plot.addEventListener('pointercancel', end);
  // Keyboard (a click with detail 0): choose the bar, or extend with Shift.
  plot.addEventListener('click', (e) => {
    const bar = e.target.closest('.bar');
    if (!bar || e.detail !== 0) return;
    const i = Number(bar.dataset.index);
    const sel = e.shiftKey ? selectedRange(buckets, state) : null;
    if (sel) choose(Math.min(i, sel[0]), Math.max(i, sel[1]));
    else choose(i, i);
  });
}

// The bars that get a label: natural ticks (every year; January when months
// span more than a year, else every month; the 1st when days span more than
// three weeks), thinned so that labels stay about 64 px apart.
function labelIndexes(buckets, interval, width) {
  const n = buckets.length;
  const ticks = [];
  buckets.forEach((b, i) => {
    const [, m, d] = b.value.split('-').map(Number);
    if (interval === 'year' || (interval === 'month' && (n <= 14 || m === 1)) || (interval === 'day' && (n <= 21 || d === 1)))
      ticks.push(i);
  });
  if (!ticks.length) ticks.push(0);
  const barWidth = Math.max(1, width) / n;
  const out = new Set();
  let last = -Infinity;
  for (const i of ticks) {
    if ((i - last) * barWidth >= 64) {
      out.add(i);
      last = i;
    }
  }
  return out;
}

// Indexes of the first and last highlighted bars, or null.
function selectedRange(buckets, state) {
  const idx = buckets.map((b, i) => (inPeriod(b.value, state.from, state.to) ? i : -1)).filter((i) => i >= 0);
  return idx.length ? [idx[0], idx[idx.length - 1]] : null;
}

// The chip text of a period.
export function periodLabel(from, to) {
  if (from && to) return from === to ? formatPeriod(from) : `${formatPeriod(from)} – ${formatPeriod(to)}`;
  if (from) return `depuis ${formatPeriod(from)}`;
  if (to) return `jusqu’à ${formatPeriod(to)}`;
  return '';
}
