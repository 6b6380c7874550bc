// The result list, the active filters as chips, the pager and the states
// (no results, error). Links carry real URLs (see urlOf), so that they can be
// opened in a new tab; app.js turns plain clicks into history.pushState.
import { h, clear, marked, formatDate, formatNumber, plural, quoted, rovingFocus } from './dom.js';
import { FACET_GROUPS, PAGE_SIZE, MAX_PAGE, urlOf, withChanges, hasFilters, articleUrl } from './state.js';
import { periodLabel } from './histogram.js';
import { entityName, typeInfo, typeOfId, rememberEntity } from './entities.js';

// The one-line summary read out by screen readers (aria-live).
export function summaryText(state, data) {
  const n = data.total;
  const count = n === 0 ? 'Aucun résultat' : `${data.total_exact ? '' : 'environ '}${plural(n, 'résultat', 'résultats')}`;
  const q = state.q.trim();
  // Versions of one text show as one hit (hits_total): say why fewer show.
  const grouped = n - (data.hits_total ?? n);
  const versions = grouped > 0 ? ` (${plural(grouped, 'version regroupée', 'versions regroupées')})` : '';
  // After "Suivante" or a page number, the status says where the reader is.
  const where = state.page > 1 && data.hits.length ? ` · page ${formatNumber(state.page)} sur ${formatNumber(pageCount(data))}` : '';
  if (data.corrected) return `Aucun résultat pour ${quoted(q)} : ${count} pour ${quoted(data.suggestion)}${versions}${where}`;
  return (q ? `${count} pour ${quoted(q)}${versions}` : `${count}${n ? ' dans les archives' : ''}${versions}`) + where;
}

// The pages of hits there are to show (versions of one text are one hit).
export function pageCount(data) {
  return Math.min(MAX_PAGE, Math.max(1, Math.ceil((data.hits_total ?? data.total) / PAGE_SIZE)));
}

export function renderChips(container, state) {
  clear(container);
  const chips = [];
  for (const g of FACET_GROUPS)
    for (const value of state.filters[g.param])
      chips.push(chip(g.param === 'entity' ? `${typeInfo(typeOfId(value)).one} : ${entityName(value)}` : `${g.chip} : ${value}`,
        `chip:${g.param}:${value}`,
        withChanges(state, { filters: { ...state.filters, [g.param]: state.filters[g.param].filter((v) => v !== value) }, page: 1 })));
  if (state.from || state.to)
    chips.push(chip(`Période : ${periodLabel(state.from, state.to)}`, 'chip:period', withChanges(state, { from: '', to: '', page: 1 }), 'chip-period'));
  container.hidden = chips.length === 0;
  if (!chips.length) return;
  const clearAll = withChanges(state, { from: '', to: '', page: 1 });
  for (const g of FACET_GROUPS) clearAll.filters[g.param] = [];
  container.append(
    h('span.chips-label', null, 'Filtres :'),
    h('ul.chips', { 'aria-label': 'Filtres actifs' }, chips.map((c) => h('li', null, c))),
    h('a.chips-clear', { href: urlOf(clearAll), dataset: { nav: '', focusKey: 'chips-clear' } }, 'Tout effacer'));
}

function chip(text, key, without, extraClass) {
  const a = h('a.chip', { href: urlOf(without), 'aria-label': `Retirer le filtre ${text}`, dataset: { nav: '', focusKey: key } },
    h('span.chip-text', null, text), h('span.chip-x', { 'aria-hidden': 'true' }, '×'));
  if (extraClass) a.classList.add(extraClass);
  return a;
}

export function renderResults(container, state, data) {
  clear(container);
  // What was left out of the query to read it: "« OR » ignoré : …".
  if (data.notice) container.append(h('p.query-notice', { role: 'note' }, data.notice));
  if (data.corrected)
    container.append(h('p.did-you-mean', null, 'Aucun article ne correspond à ', h('strong', null, quoted(state.q)),
      ' ; voici les résultats pour ', suggestionLink(state, data.suggestion), '.'));
  else if (data.suggestion && data.total > 0)
    container.append(h('p.did-you-mean', null, 'Vouliez-vous dire ', suggestionLink(state, data.suggestion), ' ?'));
  if (!data.hits.length && data.total > 0) {
    // The pager counts every article until a deep page collapses versions
    // of one text (hits_total): its last pages can be past the hits.
    const last = pageCount(data);
    container.append(h('div.empty', { role: 'status' },
      h('p.empty-title', null, `La page ${formatNumber(state.page)} est au-delà des résultats`),
      h('p', null, last > 1 && last < state.page
        ? h('a', { href: urlOf(withChanges(state, { page: last })), dataset: { nav: '' } }, `Aller à la dernière page (${formatNumber(last)})`)
        : h('a', { href: urlOf(withChanges(state, { page: 1 })), dataset: { nav: '' } }, 'Revenir à la première page'))));
    return;
  }
  if (!data.hits.length) {
    container.append(noResults(state, data));
    return;
  }
  const list = h('ol.hits', { start: String(data.offset + 1), 'aria-label': 'Résultats' });
  for (const hit of data.hits) list.append(renderHit(state, hit));
  container.append(list);
  const pages = pager(state, data);  // none when the hits fit on one page
  if (pages) container.append(pages);
}

function suggestionLink(state, suggestion) {
  return h('a.suggestion-link', { href: urlOf(withChanges(state, { q: suggestion, page: 1, article: '' })), dataset: { nav: '' } },
    suggestion);
}

function noResults(state, data) {
  const box = h('div.empty', { role: 'status' });
  const q = state.q.trim();
  box.append(h('p.empty-title', null, q ? `Aucun article ne correspond à ${quoted(q)}` : 'Aucun article ne correspond à ces filtres'));
  if (data.suggestion) box.append(h('p', null, 'Vouliez-vous dire ', suggestionLink(state, data.suggestion), ' ?'));
  const tips = [];
  if (hasFilters(state)) tips.push('retirez un filtre ou la période');
  if (q) tips.push('vérifiez l’orthographe ou essayez des mots plus généraux');
  if (tips.length) box.append(h('p.empty-tips', null, `Conseil : ${tips.join(' ; ')}.`));
  return box;
}

// The stories with the most matching articles (GET /api/v1/stories), above
// the hits; each hit of one of them links to its timeline.
export function renderStories(container, results, state, data) {
  clear(container);
  const stories = (data?.stories || []).filter((s) => s.texts > 1);
  container.hidden = stories.length === 0;
  if (!stories.length) return;
  const told = (s) => `${plural(s.articles, 'article', 'articles')} sur cette histoire`;
  container.append(
    h('h2.stories-title', { id: 'stories-title' }, 'Histoires'),
    h('ol.stories-list', { 'aria-labelledby': 'stories-title' }, stories.map((s) =>
      h('li.stories-item', null,
        h('a', { href: `${articleUrl(state, s.central_id)}#story-title`, dataset: { nav: '' } }, s.title || '(sans titre)'),
        h('p.related-meta', null, `${told(s)} · ${s.first === s.last ? formatDate(s.first) : `${formatDate(s.first)} – ${formatDate(s.last)}`}`)))));
  const byId = new Map(stories.map((s) => [s.id, s]));
  for (const meta of results.querySelectorAll('.hit-meta[data-story]')) {
    const s = byId.get(meta.dataset.story);
    if (!s || meta.querySelector('.hit-story')) continue;
    meta.append(h('span.sep', { 'aria-hidden': 'true' }, ' · '),
      h('a.hit-story', { href: `${articleUrl(state, meta.dataset.id)}#story-title`, dataset: { nav: '' } }, told(s)));
  }
}

function renderHit(state, hit) {
  const title = h('a.hit-link', { href: articleUrl(state, hit.id), dataset: { nav: '', focusKey: `hit:${hit.id}` } },
    hit.title ? marked(hit.title_marked) : '(sans titre)');
  const meta = [];
  if (hit.published) meta.push(h('time', { datetime: hit.published.slice(0, 10) }, formatDate(hit.published)));
  if (hit.section) meta.push(h('span.hit-section', null, hit.section));
  if (hit.authors?.length) meta.push(h('span.hit-authors', null, hit.authors.join(', ')));
  if (hit.versions > 0) {
    const s = hit.versions > 1 ? 's' : '';
    meta.push(h('a.hit-versions', { href: `${articleUrl(state, hit.id)}#versions-title`, dataset: { nav: '' } },
      `${hit.versions} autre${s} version${s}`));
  }
  const snippets = (hit.snippets || []).slice(0, 2).map((s) => h('p.snippet', null, marked(s)));
  const entities = (hit.entities || []).map((e) => {
    rememberEntity(e.id, e.name);
    return h('li', null, h('a.entity-chip', {
      href: urlOf(withChanges(state, { filters: { ...state.filters, entity: [e.id] }, page: 1 })),
      dataset: { nav: '', entity: e.id }, title: `${typeInfo(e.type).one} : ${e.name}`,
    }, e.name));
  });
  // A hit's entities are one Tab stop (arrows inside): with four or five per
  // hit, they made 47 Tabs from the first hit to "Suivante".
  const chips = entities.length ? h('ul.hit-entities', { 'aria-label': 'Personnes, lieux et organisations cités' }, entities) : null;
  if (chips) rovingFocus(chips, 'a');
  return h('li.hit', null,
    h('h3.hit-title', null, title),
    h('p.hit-meta', { dataset: { story: hit.story || '', id: hit.id } }, meta.flatMap((m, i) => (i ? [h('span.sep', { 'aria-hidden': 'true' }, ' · '), m] : [m]))),
    snippets,
    chips);
}

// Pager links have no focus key: after one, the focus goes to the results'
// heading (app.js), not to a link of the new pager.
function pager(state, data) {
  const pages = pageCount(data);
  if (pages <= 1) return null;
  const page = state.page;
  const link = (p, text, label, cls) =>
    h(`a.${cls}`, { href: urlOf(withChanges(state, { page: p })), 'aria-label': label, dataset: { nav: '' } }, text);
  const items = [];
  if (page > 1) items.push(link(page - 1, '‹ Précédente', 'Page précédente', 'page-prev'));
  // First, last and the neighbours of the current page.
  const numbers = [...new Set([1, page - 1, page, page + 1, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  let previous = 0;
  for (const p of numbers) {
    if (p > previous + 1) items.push(h('span.page-gap', { 'aria-hidden': 'true' }, '…'));
    items.push(p === page
      ? h('span.page-current', { 'aria-current': 'page' }, formatNumber(p))
      : link(p, formatNumber(p), `Page ${p}`, 'page-number'));
    previous = p;
  }
  if (page < pages && data.next_cursor !== null) items.push(link(page + 1, 'Suivante ›', 'Page suivante', 'page-next'));
  return h('nav.pager', { 'aria-label': 'Pages de résultats' }, items);
}
