// The page's whole state lives in the URL's query string, so that a copied
// link reproduces the view and Back/Forward walk through earlier searches:
//   ?q=…&section=…&section=…&tag=…&from=2022-03&to=2022-04&sort=date&page=2
//   &article=ID  (the article view, keeping the search it was opened from)
//   &entity=p:…  (entity filters) &entity_page=ID (an entity's page, likewise)
//   &view=quotes (who said what: the quotes of the search instead of its articles)

// The facet groups of the sidebar, in display order. `param` is both the API's
// facet name and its filter parameter. A new facet of the API (e.g. `entity`)
// is one more line here.
export const FACET_GROUPS = [
  { param: 'section', label: 'Rubriques', chip: 'Rubrique' },
  { param: 'tag', label: 'Mots-clés', chip: 'Mot-clé' },
  // Named entities: one API facet, shown as three groups (js/facets.js).
  { param: 'entity', label: 'Entités', chip: 'Entité' },
];

export const SORTS = [
  { value: 'relevance', label: 'Pertinence' },
  { value: 'date', label: 'Plus récents' },
  { value: '-date', label: 'Plus anciens' },
];

export const PAGE_SIZE = 10;
export const MAX_PAGE = 10000;

function emptyState() {
  const filters = {};
  for (const g of FACET_GROUPS) filters[g.param] = [];
  return { q: '', filters, from: '', to: '', sort: '', page: 1, article: '', entityPage: '', quotes: false };
}

export function stateFromUrl(search) {
  const p = new URLSearchParams(search);
  const s = emptyState();
  s.q = p.get('q') || '';
  for (const g of FACET_GROUPS) s.filters[g.param] = unique(p.getAll(g.param).filter(Boolean));
  s.from = p.get('from') || '';
  s.to = p.get('to') || '';
  const sort = p.get('sort') || '';
  s.sort = SORTS.some((o) => o.value === sort) ? sort : '';
  const page = parseInt(p.get('page') || '1', 10);
  s.page = page >= 1 && page <= MAX_PAGE ? page : 1;
  s.article = p.get('article') || '';
  s.entityPage = p.get('entity_page') || '';
  s.quotes = p.get('view') === 'quotes';
  return s;
}

// The words, filters and period of a state: the page's URL and the API's
// search take them under the same names.
export function searchTerms(s) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const g of FACET_GROUPS) for (const v of s.filters[g.param]) p.append(g.param, v);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  return p;
}

// The URL of a state ("?q=…" or "./" for the empty state).
export function urlOf(s) {
  const p = searchTerms(s);
  if (s.sort) p.set('sort', s.sort);
  if (s.page > 1) p.set('page', String(s.page));
  if (s.quotes) p.set('view', 'quotes');
  if (s.article) p.set('article', s.article);
  if (s.entityPage) p.set('entity_page', s.entityPage);
  const text = p.toString();
  return text ? `?${text}` : './';
}

// Relevance needs words; without any, newest first.
export function effectiveSort(s) {
  return s.sort || (s.q.trim() ? 'relevance' : 'date');
}

export function hasFilters(s) {
  return Boolean(s.from || s.to || FACET_GROUPS.some((g) => s.filters[g.param].length));
}

// A copy with changes; filters are copied deeply.
export function withChanges(s, changes) {
  const filters = {};
  for (const g of FACET_GROUPS) filters[g.param] = [...s.filters[g.param]];
  return { ...s, filters, ...changes };
}

// A new search filtered on one value (a tag, an entity).
export function searchOn(param, value) {
  const s = emptyState();
  s.filters[param] = [value];
  return s;
}

// An article, opened from the view of `s` (Back returns to it).
export function articleUrl(s, id) {
  return urlOf(withChanges(s, { article: id, entityPage: '' }));
}

// An entity's page, keeping the search (and article) the reader came from.
export function entityPageUrl(s, id) {
  return urlOf(withChanges(s, { entityPage: id }));
}

// The parameters of GET /api/v1/search for a state.
export function searchParams(s, facetSize) {
  const p = searchTerms(s);
  p.set('sort', effectiveSort(s));
  p.set('page', String(s.page));
  p.set('size', String(PAGE_SIZE));
  p.set('facets', [...FACET_GROUPS.map((g) => g.param), 'date'].join(','));
  p.set('facet_size', String(facetSize));
  return p;
}

function unique(list) {
  return [...new Set(list)];
}
