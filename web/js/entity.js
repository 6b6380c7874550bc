// An entity's page (?entity_page=ID): GET /api/v1/entities/{id} — its name,
// type, aliases, articles per month (the search page's histogram: a bar opens
// the search on the entity for that month), the entities found with it and
// its latest articles. Every field is shown as text.
import { api } from './api.js';
import { h, clear, formatDate, formatNumber, plural, fold } from './dom.js';
import { urlOf, withChanges, searchOn, entityPageUrl, articleUrl } from './state.js';
import { renderHistogram } from './histogram.js';
import { rememberEntity, typeInfo } from './entities.js';
import { articleList } from './article.js';

// onPeriod(id, from, to): a bar was chosen. Returns the name (for document.title).
export async function renderEntity(container, state, signal, { onPeriod }) {
  const storyParams = new URLSearchParams({ entity: state.entityPage, size: '5' });
  const [e, stories] = await Promise.all([
    api.entity(state.entityPage, signal),
    api.stories(storyParams, signal).catch((err) => (err.name === 'AbortError' ? Promise.reject(err) : { error: err })),
  ]);
  clear(container);
  rememberEntity(e.id, e.name, true);
  for (const c of e.cooccurring || []) rememberEntity(c.id, c.name, true);
  const back = withChanges(state, { entityPage: '' });
  const info = typeInfo(e.type);

  const chart = h('section.histogram.entity-histogram', { 'aria-label': 'Articles au fil du temps' });
  const cooccurring = (e.cooccurring || []).map((c) =>
    h('li.entity-item', null,
      h('a.cooccurring-link', { href: entityPageUrl(state, c.id), dataset: { nav: '', entity: c.id } }, c.name),
      h('span.entity-item-count', { 'aria-label': plural(c.count, 'article commun', 'articles communs') }, ` ${formatNumber(c.count)}`)));

  container.append(
    h('nav.article-nav', { 'aria-label': 'Navigation' },
      h('a.back', { href: urlOf(back), dataset: { nav: '', focusKey: 'back' } }, state.article ? '← Retour à l’article' : '← Retour à la recherche')),
    h('article.entity', { 'aria-labelledby': 'entity-name' },
      h('p.article-meta.entity-type', null, info.one),
      h('h1.article-title.entity-name', { id: 'entity-name', tabindex: '-1' }, e.name || e.id),
      h('p.entity-count', null, `Cité dans ${plural(e.articles || 0, 'article', 'articles')}`),
      otherSpellings(e).length ? h('p.entity-aliases', null, h('span.muted', null, 'Aussi écrit : '), otherSpellings(e).join(' · ')) : null,
      h('p', null, h('a.entity-search', { href: urlOf(searchOn('entity', e.id)), dataset: { nav: '' } }, 'Rechercher dans ses articles →')),
      chart,
      quotesSection(state, e.quotes || []),
      mainStories(state, stories),
      h('div.entity-columns', null,
        h('section.entity-latest', { 'aria-labelledby': 'entity-latest-title' },
          h('h2.related-title', { id: 'entity-latest-title' }, 'Derniers articles'),
          e.latest?.length ? articleList(state, e.latest) : h('p.muted', null, 'Aucun article.')),
        h('section.entity-cooccurring', { 'aria-labelledby': 'entity-cooccurring-title' },
          h('h2.related-title', { id: 'entity-cooccurring-title' }, 'Souvent cités avec'),
          cooccurring.length ? h('ul.entity-cooccurring-list', null, cooccurring) : h('p.muted', null, 'Aucune entité associée.')))));

  // The chart is drawn once in the page (its labels depend on its width).
  renderHistogram(chart, { interval: 'month', values: e.per_month || [] }, { from: '', to: '' }, {
    onSelect: (from, to) => onPeriod(e.id, from, to),
    title: 'Au fil du temps',
    help: 'Choisissez une barre pour lire les articles de sa période.',
  });
  return e.name || e.id;
}

// What the entity is quoted as saying (GET /api/v1/entities/{id} gives the
// latest quotes): each a link to its place in its article.
function quotesSection(state, quotes) {
  if (!quotes.length) return null;
  return h('section.entity-quotes', { 'aria-labelledby': 'entity-quotes-title' },
    h('h2.related-title', { id: 'entity-quotes-title' }, 'Citations'),
    h('ol.quote-list', null, quotes.map((q) =>
      h('li.quote-item', null,
        h('blockquote.quote-text', null, `« ${q.text} »`),
        h('p.related-meta', null,
          h('a', { href: `${articleUrl(state, q.article.id)}#citation-${q.index}`, dataset: { nav: '' } }, q.article.title || '(sans titre)'),
          q.article.date ? ` · ${formatDate(q.article.date)}` : '')))));
}

// The stories that cite the entity most (GET /api/v1/stories?entity=):
// nothing when none has two articles or more.
function mainStories(state, data) {
  const stories = (data.stories || []).filter((s) => s.texts > 1);
  if (data.error || !stories.length) return null;
  return h('section.entity-stories', { 'aria-labelledby': 'entity-stories-title' },
    h('h2.related-title', { id: 'entity-stories-title' }, 'Ses principales histoires'),
    h('ol.related-list', null, stories.map((s) =>
      h('li.related-item', null,
        h('a', { href: `${articleUrl(state, s.central_id)}#story-title`, dataset: { nav: '' } }, s.title || '(sans titre)'),
        h('p.related-meta', null,
          `${plural(s.matching, 'article la cite', 'articles la citent')} sur ${plural(s.articles, 'article', 'articles')} · `,
          s.first === s.last ? formatDate(s.first) : `${formatDate(s.first)} – ${formatDate(s.last)}`)))));
}

// The entity's other spellings, not its name again ("Claude Guéant · Guéant"
// showed "Claude Guéant" twice).
function otherSpellings(e) {
  const same = (s) => fold(s).replace(/\s+/g, ' ').trim(); // "Emmanuel\u00a0 Macron" is "Emmanuel Macron"
  return (e.aliases || []).filter((a) => same(a) !== same(e.name));
}
