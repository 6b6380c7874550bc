// Gazette's web page: a single page over the public JSON API (/api/v1/…).
// The URL holds the whole state (js/state.js); every change of view is a
// history entry, so Back/Forward and copied links work.
import { api } from './js/api.js';
import { h, clear, formatDate, formatNumber, quoted } from './js/dom.js';
import { stateFromUrl, urlOf, withChanges, searchParams, searchTerms, effectiveSort, searchOn } from './js/state.js';
import { attachSuggestions } from './js/suggest.js';
import { renderFacets, facetSize } from './js/facets.js';
import { renderHistogram } from './js/histogram.js';
import { renderChips, renderResults, renderStories, summaryText } from './js/results.js';
import { renderArticle } from './js/article.js';
import { renderQuotes, quotesSummary } from './js/quotes.js';
import { renderEntity } from './js/entity.js';

const $ = (id) => document.getElementById(id);
const ui = {
  form: $('search-form'),
  q: $('q'),
  suggestions: $('suggestions'),
  sort: $('sort'),
  status: $('status'),
  chips: $('chips'),
  histogram: $('histogram'),
  stories: $('stories'),
  facets: $('facets'),
  sidebar: $('sidebar'),
  filtersToggle: $('filters-toggle'),
  feedLink: $('feed-link'),
  quotesToggle: $('quotes-toggle'),
  feedAlternate: $('feed-alternate'),
  results: $('results'),
  searchView: $('search-view'),
  articleView: $('article-view'),
  entityView: $('entity-view'),
  stats: $('stats'),
  main: $('main'),
  searchTitle: $('search-title'),
  resultsTitle: $('results-title'),
  skipResults: $('skip-results'),
  sheetClose: $('sheet-close'),
  sheetApply: $('sheet-apply'),
};

let state = stateFromUrl(location.search);
let controller = null; // the request being shown next
let loadingTimer = 0;
const cache = new Map(); // search parameters → response, for instant Back
const CACHE_SIZE = 30;

history.scrollRestoration = 'manual';

// ---- navigation ----

// scroll: where to scroll once shown (null: stay where the reader is).
// hash: a place in the new view ("#citation-2"). chip: the place of the
// filter chip that was removed, if one was.
function navigate(next, { scroll = 0, hash = '', chip = -1 } = {}) {
  // Remember where the reader was on the page being left, for Back.
  history.replaceState({ scroll: window.scrollY }, '');
  const url = urlOf(next);
  // The same view again (Enter twice) is not a new history entry.
  if ((url === './' ? '' : url) !== location.search || hash !== location.hash)
    history.pushState({ scroll: 0 }, '', url + hash);
  moveTo(next, chip);
  render({ scroll });
}

window.addEventListener('popstate', (e) => {
  suggestions.close();
  moveTo(stateFromUrl(location.search));
  render({ scroll: e.state?.scroll ?? 0 });
});

// ---- focus after a navigation ----

// When a navigation removes the control that had the focus (a pager link, a
// removed chip, the article's "← Retour"), the focus would fall to the page
// body. It goes instead to the chip that took the removed one's place, or
// back to the hit of the article just left (to the "fiche" link of the
// entity page just left), else to the heading of the results. Focus still
// in the page (a checkbox, a bar, the search box) stays where it is.
let focusAfter = null; // {article, entity: the views being left, chip}, until the next view is drawn

function moveTo(next, chip = -1) {
  focusAfter = {
    article: state.article && !next.article ? state.article : '',
    entity: state.entityPage && !next.entityPage ? state.entityPage : '',
    chip,
  };
  state = next;
}

const byFocusKey = (root, key) => [...root.querySelectorAll('[data-focus-key]')].find((el) => el.dataset.focusKey === key);

function placeFocus() {
  const f = focusAfter;
  focusAfter = null;
  const active = document.activeElement;
  if (!f || (active && active !== document.body && active.isConnected && !active.closest('[hidden]'))) return;
  const chips = [...ui.chips.querySelectorAll('.chip')];
  const chip = f.chip >= 0 ? chips[Math.min(f.chip, chips.length - 1)] : null;
  const target = chip || (f.article && byFocusKey(ui.results, `hit:${f.article}`)) || ui.resultsTitle;
  target.focus({ preventScroll: true });
  const box = target.getBoundingClientRect();
  if (box.top < 0 || box.bottom > window.innerHeight) target.scrollIntoView({ block: 'center' });
}

// Plain clicks on the page's own links become history entries.
document.addEventListener('click', (e) => {
  const a = e.target.closest?.('a[data-nav]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin) return;
  e.preventDefault();
  const next = stateFromUrl(url.search);
  // Removing a filter keeps the reader where they are; other links start at the top.
  const keep = !next.article && !state.article && !next.entityPage && !state.entityPage && a.matches('.chip, .chips-clear');
  navigate(next, { scroll: keep ? null : 0, hash: url.hash, chip: [...ui.chips.querySelectorAll('.chip')].indexOf(a) });
});

// ---- rendering ----

let pendingScroll = null; // applied once the new view is drawn
let renders = 0; // views drawn so far, in main[data-renders] (the browser tests wait on it)

async function render({ scroll = null } = {}) {
  pendingScroll = scroll;
  ui.q.value = state.q;
  if (controller) controller.abort();
  controller = new AbortController();
  const { signal } = controller;
  if (state.entityPage) await showEntity(signal);
  else if (state.article) await showArticle(signal);
  else await showSearch(signal);
  if (!signal.aborted) ui.main.dataset.renders = String(++renders);
}

function applyScroll() {
  if (pendingScroll !== null) window.scrollTo(0, pendingScroll);
  pendingScroll = null;
}

// Shows one of the detail views (article, entity) in place of the others:
// render(view) fills it and gives the page title; on failure the view shows
// the API's error and a link back (closeChange: the state change that leaves).
async function showDetail(view, signal, render, { closeChange, notFound, missing, failed }) {
  for (const other of [ui.searchView, ui.articleView, ui.entityView]) {
    if (other === view) continue;
    other.hidden = true;
    if (other !== ui.searchView) clear(other);
  }
  closeFilters();
  ui.skipResults.hidden = true;
  view.hidden = false;
  const left = focusAfter?.entity; // back from an entity's page: to its "fiche" link
  focusAfter = null;
  setLoading(view, true);
  try {
    const title = await render(view);
    document.title = `${title} — Gazette`;
    applyScroll();
    // A link to a place in the view (#citation-2, #story-title) goes there.
    const place = location.hash ? document.getElementById(decodedHash()) : null;
    const fiche = left ? byFocusKey(view, `fiche:${left}`) : null;
    if (place && view.contains(place)) {
      place.scrollIntoView({ block: 'center' });
      place.focus({ preventScroll: true });
    } else if (fiche) {
      fiche.focus({ preventScroll: true });
      fiche.scrollIntoView({ block: 'center' });
    } else {
      view.querySelector('h1')?.focus({ preventScroll: true });
    }
  } catch (e) {
    if (e.name === 'AbortError') return;
    clear(view).append(
      h('nav.article-nav', null, h('a.back', { href: urlOf(withChanges(state, closeChange)), dataset: { nav: '' } }, '← Retour')),
      e.status === 404 ? errorBox(notFound, missing) : errorBox(failed, e.message));
    document.title = `${notFound} — Gazette`;
  } finally {
    if (!signal.aborted) setLoading(view, false);
  }
}

function showEntity(signal) {
  return showDetail(ui.entityView, signal, (view) => renderEntity(view, state, signal, {
    onPeriod: (id, from, to) => {
      const next = withChanges(state, { entityPage: '', article: '', q: '', from, to, page: 1 });
      for (const g of Object.keys(next.filters)) next.filters[g] = [];
      next.filters.entity = [id];
      navigate(next);
    },
  }), { closeChange: { entityPage: '' }, notFound: 'Entité introuvable', failed: 'La fiche n’a pas pu être chargée',
    missing: `Aucune personne, aucun lieu ni aucune organisation n’a l’identifiant ${quoted(state.entityPage)}.` });
}

function showArticle(signal) {
  return showDetail(ui.articleView, signal, (view) => renderArticle(view, state, signal),
    { closeChange: { article: '' }, notFound: 'Article introuvable', failed: 'L’article n’a pas pu être chargé',
      missing: `Aucun article n’a l’identifiant ${quoted(state.article)} : il a pu être retiré des archives.` });
}

async function showSearch(signal) {
  ui.articleView.hidden = true;
  clear(ui.articleView);
  ui.entityView.hidden = true;
  clear(ui.entityView);
  ui.searchView.hidden = false;
  ui.skipResults.hidden = false;
  ui.searchTitle.textContent = state.q ? `Recherche : ${quoted(state.q)}` : 'Archives de presse';
  ui.resultsTitle.textContent = state.quotes ? 'Citations' : 'Articles';
  ui.sort.value = effectiveSort(state);
  renderChips(ui.chips, state);
  // The same words, filters and period as an Atom feed, newest first.
  const terms = searchTerms(state).toString();
  ui.feedLink.href = ui.feedAlternate.href = `/api/v1/search.atom${terms ? `?${terms}` : ''}`;
  // Articles or who said what: the same search either way.
  ui.quotesToggle.href = urlOf(withChanges(state, { quotes: !state.quotes, page: 1 }));
  ui.quotesToggle.textContent = state.quotes ? 'Voir les articles' : 'Qui a dit… ?';
  ui.sort.disabled = state.quotes;
  if (state.quotes) ui.sort.value = 'date'; // quotes come newest first
  ui.searchView.classList.toggle('without-filters', state.quotes);
  if (state.quotes) return showQuotes(signal);
  const params = searchParams(state, facetSize());
  const data = await fetchShown(params.toString(), () => api.search(params, signal), signal);
  if (!data) return;
  withFocusKept(() => {
    ui.status.textContent = summaryText(state, data);
    renderResults(ui.results, state, data);
    renderFacets(ui.facets, state, data.facets, { onToggle: toggleFilter, onExpand: () => render() });
    renderHistogram(ui.histogram, data.facets?.date, state, { onSelect: selectPeriod });
    renderChips(ui.chips, state); // again: entity names are known now
  });
  updateFiltersToggle();
  const n = data.total;
  ui.sheetApply.textContent = n === 0 ? 'Aucun résultat' : n === 1 ? 'Voir le résultat' : `Voir les ${formatNumber(n)} résultats`;
  document.title = state.q ? `${state.q} — Gazette` : 'Gazette — archives de presse';
  applyScroll();
  placeFocus();
  showStories(signal, data);
}

// The place named after '#', as written when it is not percent-encoded text.
function decodedHash() {
  const raw = location.hash.slice(1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

// The answer of `fetch` for `key`, cached for an instant Back; null when
// the request was aborted or failed (the error is then shown).
async function fetchShown(key, fetch, signal) {
  const cached = cache.get(key);
  if (cached) return cached;
  setLoading(ui.searchView, true);
  let data;
  try {
    data = await fetch();
  } catch (e) {
    if (e.name === 'AbortError') return null;
    setLoading(ui.searchView, false);
    showError(e);
    return null;
  }
  if (signal.aborted) return null;
  setLoading(ui.searchView, false);
  cache.set(key, data);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value);
  return data;
}

// Who said what: the quotes of the search (GET /api/v1/quotes), newest
// first, in place of its articles; more on request.
async function showQuotes(signal) {
  const params = searchTerms(state);
  params.set('size', '20');
  const data = await fetchShown(`quotes:${params}`, () => api.quotes(params, signal), signal);
  if (!data) return;
  withFocusKept(() => {
    ui.status.textContent = quotesSummary(state, data);
    clear(ui.facets);
    clear(ui.histogram);
    ui.histogram.hidden = true;
    ui.stories.hidden = true;
    renderQuotes(ui.results, state, data, (cursor) => {
      const more = searchTerms(state);
      more.set('size', '20');
      more.set('cursor', cursor);
      return api.quotes(more);
    });
  });
  updateFiltersToggle();
  document.title = `${state.q ? `${state.q} : ` : ''}qui a dit… — Gazette`;
  applyScroll();
  placeFocus();
}

// After the hits: the stories of the search, which take a pass of their own.
async function showStories(signal, data) {
  ui.stories.hidden = true;
  if (!data.hits.length) return;
  const params = searchTerms(state);
  params.set('size', '3');
  const key = `stories:${params}`;
  let stories = cache.get(key);
  if (!stories) {
    try {
      stories = await api.stories(params, signal);
    } catch (e) {
      return;  // the hits are what was asked for; the stories are a help
    }
    if (signal.aborted) return;
    cache.set(key, stories);
  }
  withFocusKept(() => renderStories(ui.stories, ui.results, state, stories));
}

function showError(e) {
  ui.status.textContent = 'La recherche a échoué';
  clear(ui.results).append(errorBox('La recherche a échoué', e.message));
  clear(ui.facets);
  clear(ui.histogram);
  ui.histogram.hidden = true;
  ui.stories.hidden = true;
  document.title = 'Erreur — Gazette';
  applyScroll();
}

function errorBox(title, message) {
  return h('div.error', { role: 'alert' }, h('p.error-title', null, title), h('p.error-message', null, message));
}

// The "loading" state shows only when an answer takes a moment.
function setLoading(view, on) {
  clearTimeout(loadingTimer);
  view.setAttribute('aria-busy', String(on));
  if (!on) {
    view.classList.remove('is-loading');
    return;
  }
  loadingTimer = setTimeout(() => {
    view.classList.add('is-loading');
    if (view === ui.searchView) ui.status.textContent = 'Recherche en cours…';
  }, 150);
}

// Re-rendering replaces elements: give the focus back to the same control.
function withFocusKept(fn) {
  const key = document.activeElement?.dataset?.focusKey;
  fn();
  if (!key) return;
  const el = [...document.querySelectorAll('[data-focus-key]')].find((x) => x.dataset.focusKey === key);
  if (el) el.focus({ preventScroll: true });
}

// ---- actions ----

function toggleFilter(param, value, checked) {
  const values = state.filters[param].filter((v) => v !== value);
  if (checked) values.push(value);
  navigate(withChanges(state, { filters: { ...state.filters, [param]: values }, page: 1 }), { scroll: null });
}

function selectPeriod(from, to) {
  navigate(withChanges(state, { from, to, page: 1 }), { scroll: null });
}

ui.form.addEventListener('submit', (e) => {
  e.preventDefault();
  suggestions.close();
  navigate(withChanges(state, { q: ui.q.value.trim(), page: 1, article: '', entityPage: '' }));
});

ui.sort.addEventListener('change', () => {
  navigate(withChanges(state, { sort: ui.sort.value, page: 1 }), { scroll: null });
});

const suggestions = attachSuggestions(ui.q, ui.suggestions, {
  onQuery: (q) => navigate(withChanges(state, { q, page: 1, article: '', entityPage: '' })),
  onEntity: (id) => navigate(searchOn('entity', id)),
  onArticle: (id) => navigate(withChanges(state, { article: id, entityPage: '' })),
});

// Narrow screens: the filters are a sheet over the page (a modal dialog:
// the rest of the page is inert), ticked values redraw the results behind
// it, "Voir les N résultats" closes it. It used to open in place and push
// the first result 2.5 screens down.
const narrow = matchMedia('(max-width: 860px)');
const behindSheet = [document.querySelector('.masthead'), document.querySelector('.toolbar'), ui.chips,
  document.querySelector('.results-column'), document.querySelector('.footer')];

function openFilters() {
  ui.sidebar.classList.add('open');
  ui.sidebar.setAttribute('role', 'dialog');
  ui.sidebar.setAttribute('aria-modal', 'true');
  for (const el of behindSheet) el.inert = true;
  document.body.classList.add('sheet-open');
  ui.filtersToggle.setAttribute('aria-expanded', 'true');
  ui.sheetClose.focus();
}

// focus: where the focus goes (null: leave it).
function closeFilters(focus = null) {
  if (!ui.sidebar.classList.contains('open')) return;
  ui.sidebar.classList.remove('open');
  ui.sidebar.removeAttribute('role');
  ui.sidebar.removeAttribute('aria-modal');
  for (const el of behindSheet) el.inert = false;
  document.body.classList.remove('sheet-open');
  ui.filtersToggle.setAttribute('aria-expanded', 'false');
  focus?.focus();
}

ui.filtersToggle.addEventListener('click', () => {
  if (ui.sidebar.classList.contains('open')) closeFilters(ui.filtersToggle);
  else openFilters();
});
ui.sheetClose.addEventListener('click', () => closeFilters(ui.filtersToggle));
// The top of the page after it: the new count and the chips in view.
ui.sheetApply.addEventListener('click', () => {
  closeFilters();
  ui.resultsTitle.focus({ preventScroll: true });
  window.scrollTo(0, 0);
});
narrow.addEventListener('change', () => closeFilters());

// "Aller aux résultats": to the results' heading, whence Tab reaches the
// first hit (without it, the filters and the chart are a dozen stops).
ui.skipResults.addEventListener('click', (e) => {
  e.preventDefault();
  ui.resultsTitle.focus({ preventScroll: true });
  ui.resultsTitle.scrollIntoView({ block: 'center' });
});

function updateFiltersToggle() {
  let n = Object.values(state.filters).reduce((sum, list) => sum + list.length, 0);
  if (state.from || state.to) n++;
  ui.filtersToggle.textContent = n ? `Filtres (${n})` : 'Filtres';
}

// Escape closes the filters' sheet, or leaves an article or an entity's
// page as its "← Retour" link does (the suggestions' list takes it first).
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape' || e.defaultPrevented) return;
  if (ui.sidebar.classList.contains('open')) {
    closeFilters(ui.filtersToggle);
    return;
  }
  const view = state.entityPage ? ui.entityView : state.article ? ui.articleView : null;
  view?.querySelector('a.back')?.click();
});

// "/" focuses the search box, as on many sites.
document.addEventListener('keydown', (e) => {
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  const typing = t instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(t.type);
  if (typing || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement || t.isContentEditable) return;
  e.preventDefault();
  ui.q.focus();
  ui.q.select();
});

// The size of the archive, in the footer.
api.stats().then((s) => {
  const span = s.first_date && s.last_date ? ` publiés du ${formatDate(s.first_date)} au ${formatDate(s.last_date)}` : '';
  ui.stats.textContent = `${formatNumber(s.articles)} articles${span}.`;
}).catch(() => {});

render();
