// The date histogram: one bar per year, month or day of the API's `date` facet
// (which ignores the date filter, so the whole span stays visible and the
// chosen period is highlighted). A click on a bar chooses its period, a drag
// across bars chooses the span, Shift+click extends the current one. The
// bars are one Tab stop (rovingFocus): the arrow keys move between them,
// Enter/Space chooses, Shift+Enter extends. Where bars would be narrower
// than a finger (24 px on a phone) or a pointer (8 px), neighbours are
// grouped (quarters, years, spans of years): a bar then chooses its span.
import { h, clear, formatPeriod, shortPeriod, plural, rovingFocus } from './dom.js';

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

// Whether the period holds part of the bucket (a day of a year's bar).
function touchesPeriod(value, from, to) {
  if (!from && !to) return false;
  return (!from || endOf(value) >= startOf(from)) && (!to || startOf(value) <= endOf(to));
}

// The narrowest bar, in CSS pixels: a touch target on a phone or a touch
// screen (WCAG 2.5.8), a click target elsewhere.
const narrowest = () => (matchMedia('(pointer: coarse), (max-width: 860px)').matches ? 24 : 8);
const GAP = 2; // between bars (style.css)
const HELP = 'Choisissez une barre, ou faites glisser sur plusieurs, pour choisir une période.';

// Ways to group the buckets of an interval, finest first: each maps a
// bucket's value (and its index) to the key of its group.
const quarter = (v) => `${v.slice(0, 4)}-Q${Math.ceil(Number(v.slice(5, 7)) / 3)}`;
const yearsOf = (k) => (v, i, first) => String(Math.floor((Number(v.slice(0, 4)) - first) / k));
const GROUPINGS = {
  day: [null, { by: (v, i) => String(Math.floor(i / 7)), label: 'day' }, { by: (v) => v.slice(0, 7), label: 'month' },
    { by: quarter, label: 'month' }, { by: (v) => v.slice(0, 4), label: 'year' }],
  month: [null, { by: quarter, label: 'month' }, { by: (v) => v.slice(0, 4), label: 'year' }],
  year: [null],
};
const YEAR_SPANS = [2, 3, 5, 10, 20, 50, 100];

// The bars for `buckets` in `width` pixels: each {from, to, count, buckets:
// [first index, last index], label: the interval its label is written in,
// grouped}, in the finest grouping whose bars are all at least narrowest()
// wide (or the coarsest, if none is).
export function barsFor(buckets, interval, width) {
  const fits = (n) => n * (narrowest() + GAP) <= width + GAP;
  const first = Number(buckets[0].value.slice(0, 4));
  const ways = [...(GROUPINGS[interval] || [null]), ...YEAR_SPANS.map((k) => ({ by: yearsOf(k), label: 'year' }))];
  let bars = [];
  for (const way of ways) {
    bars = group(buckets, way, first, interval);
    if (fits(bars.length)) break;
  }
  return bars;
}

function group(buckets, way, first, interval) {
  const bars = [];
  buckets.forEach((b, i) => {
    const key = way ? way.by(b.value, i, first) : b.value;
    const last = bars[bars.length - 1];
    if (last && last.key === key) {
      last.to = b.value;
      last.count += b.count;
      last.buckets[1] = i;
    } else {
      bars.push({ key, from: b.value, to: b.value, count: b.count, buckets: [i, i], label: way ? way.label : interval, grouped: Boolean(way) });
    }
  });
  return bars;
}

// container: the histogram's element; date: the API's facets.date;
// onSelect(from, to) with period values of the buckets; title and help: the
// texts above the bars.
export function renderHistogram(container, date, state, { onSelect, title = 'Période', help = HELP }) {
  clear(container);
  const buckets = fillBuckets(date?.values || [], date?.interval || 'year');
  container.hidden = buckets.length === 0;
  if (!buckets.length) return;
  const interval = date.interval;
  const width = container.clientWidth - 24;
  const bars = barsFor(buckets, interval, width);
  // Drawn again when a new width groups the buckets otherwise (a phone turned).
  for (const drawn of redraws.keys()) if (!drawn.isConnected) redraws.delete(drawn);
  redraws.set(container, { date, state, options: { onSelect, title, help }, count: bars.length });
  const max = Math.max(1, ...bars.map((b) => b.count));
  const unit = interval === 'year' ? 'année' : interval === 'month' ? 'mois' : 'jour';
  const labelled = labelIndexes(bars, interval, width);

  const cells = bars.map((b, i) => {
    // Pressed when the chosen period holds the whole bar, "mixed" when part
    // of it (a day chosen, bars of years).
    const own = buckets.slice(b.buckets[0], b.buckets[1] + 1);
    const whole = own.every((x) => inPeriod(x.value, state.from, state.to));
    const part = own.some((x) => touchesPeriod(x.value, state.from, state.to));
    const fill = h('span.bar-fill');
    fill.style.height = b.count ? `${Math.max(2, (100 * b.count) / max)}%` : '0';
    const text = `${b.from === b.to ? formatPeriod(b.from) : periodLabel(b.from, b.to)} : ${plural(b.count, 'article', 'articles')}`;
    const bar = h('button.bar', {
      type: 'button',
      'aria-pressed': whole ? 'true' : part ? 'mixed' : 'false',
      disabled: b.count === 0, // a period without articles chooses nothing
      'aria-label': text,
      title: text,
      dataset: { index: String(i), value: b.from, focusKey: `bar:${b.from}` },
    }, fill);
    const label = labelled.has(i) ? h('span.bar-label', { 'aria-hidden': 'true' }, shortPeriod(b.from, b.label)) : null;
    return h('div.bar-cell', null, bar, label);
  });

  const plot = h('div.histogram-bars', { role: 'group', 'aria-label': `Articles par ${unit} ; choisir une période avec les flèches` }, cells);
  plot.classList.toggle('has-selection', Boolean(state.from || state.to));
  container.append(
    h('div.histogram-head', null,
      h('h2.histogram-title', null, title),
      h('p.histogram-help', null, help)),
    plot);
  rovingFocus(plot, '.bar', { first: () => plot.querySelector('.bar[aria-pressed="true"], .bar[aria-pressed="mixed"]') });
  listenForPeriods(plot, bars, state, onSelect);
}

const redraws = new Map(); // histogram element → what drew it
let resizeTimer = 0;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    for (const [container, last] of redraws) {
      if (!container.isConnected) continue;
      const buckets = fillBuckets(last.date?.values || [], last.date?.interval || 'year');
      if (buckets.length && barsFor(buckets, last.date.interval, container.clientWidth - 24).length !== last.count)
        renderHistogram(container, last.date, last.state, last.options);
    }
  }, 150);
});

// The pointer and keyboard gestures of the top of this file, over `bars`
// (each a span of buckets: {from, to}).
function listenForPeriods(plot, bars, state, onSelect) {
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
    onSelect(bars[lo].from, bars[hi].to);
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
      const sel = selectedRange(bars, state);
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
    const sel = e.shiftKey ? selectedRange(bars, state) : null;
    if (sel) choose(Math.min(i, sel[0]), Math.max(i, sel[1]));
    else choose(i, i);
  });
}

// The bars that get a label: natural ticks (every year; January when months
// span more than a year, else every month; the 1st when days span more than
// three weeks; every group of grouped buckets), thinned so that labels stay
// about 64 px apart.
function labelIndexes(bars, interval, width) {
  const n = bars.length;
  const ticks = [];
  bars.forEach((b, i) => {
    const [, m, d] = b.from.split('-').map(Number);
    if (b.grouped || interval === 'year' || (interval === 'month' && (n <= 14 || m === 1)) || (interval === 'day' && (n <= 21 || d === 1)))
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

// Indexes of the first and last bars inside the chosen period, or null.
function selectedRange(bars, state) {
  const idx = bars.map((b, i) => (inPeriod(b.from, state.from, state.to) || inPeriod(b.to, state.from, state.to) ? i : -1))
    .filter((i) => i >= 0);
  return idx.length ? [idx[0], idx[idx.length - 1]] : null;
}

// The chip text of a period.
export function periodLabel(from, to) {
  if (from && to) return from === to ? formatPeriod(from) : `${formatPeriod(from)} – ${formatPeriod(to)}`;
  if (from) return `depuis ${formatPeriod(from)}`;
  if (to) return `jusqu’à ${formatPeriod(to)}`;
  return '';
}
