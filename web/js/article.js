// The article view: GET /api/v1/articles/{id} and its related coverage
// (GET /api/v1/articles/{id}/related). Every field is shown as text.
import { api } from './api.js';
import { h, clear, formatDate, plural, safeUrl, rovingFocus } from './dom.js';
import { urlOf, withChanges, searchOn, articleUrl, entityPageUrl } from './state.js';
import { ENTITY_TYPES, rememberEntity } from './entities.js';

// Returns the article's title (for document.title) or throws the ApiError.
export async function renderArticle(container, state, signal) {
  const back = withChanges(state, { article: '' });
  const backLink = h('a.back', { href: urlOf(back), dataset: { nav: '', focusKey: 'back' } },
    state.q || state.page > 1 ? '← Retour aux résultats' : '← Retour à la recherche');
  const failed = (e) => (e.name === 'AbortError' ? Promise.reject(e) : { error: e });
  const [article, related, versions, story] = await Promise.all([
    api.article(state.article, signal),
    api.related(state.article, signal).catch(failed),
    api.versions(state.article, signal).catch(failed),
    api.story(state.article, signal).catch(failed),
  ]);
  clear(container);

  const meta = [];
  if (article.section) meta.push(h('span.article-section', null, article.section));
  if (article.published) meta.push(h('time', { datetime: article.published }, formatDate(article.published)));

  const body = h('div.article-body');
  for (const para of paragraphs(String(article.body || ''), article.quotes || [])) body.append(para);
  const summary = summaryShown(article);
  for (const para of paragraphs(summary.after, [])) body.append(para);
  if (!body.childNodes.length) body.append(h('p.muted', null, 'Le texte de cet article n’est pas disponible.'));
  if (article.truncated) body.append(h('p.muted', null, '(Texte tronqué à l’import.)'));

  const tags = (article.tags || []).map((tag) =>
    h('li', null, h('a.tag', { href: urlOf(searchOn('tag', tag)), dataset: { nav: '' } }, tag)));
  const source = safeUrl(article.url);

  container.append(
    h('nav.article-nav', { 'aria-label': 'Navigation' }, backLink),
    h('article.article', { 'aria-labelledby': 'article-title' },
      h('p.article-meta', null, meta.flatMap((m, i) => (i ? [h('span.sep', { 'aria-hidden': 'true' }, ' · '), m] : [m]))),
      h('h1.article-title', { id: 'article-title', tabindex: '-1' }, article.title || '(sans titre)'),
      article.authors?.length ? h('p.article-authors', null, `Par ${article.authors.join(', ')}`) : null,
      summary.above ? h('p.article-summary', null, article.summary) : null,
      body,
      tags.length ? h('ul.article-tags', { 'aria-label': 'Mots-clés' }, tags) : null,
      entitiesBlock(state, article.entities || []),
      source ? h('p.article-source', null, h('a', { href: source, rel: 'noopener noreferrer', target: '_blank' }, 'Lire sur le site d’origine ↗')) : null),
    relatedBlock(state, related, versions, story));
  return article.title || 'Article';
}

// The body's paragraphs (blank lines separate them), each quote the indexer
// found marked as #citation-N with its speaker: the places that
// GET /api/v1/quotes links to.
function paragraphs(text, quotes) {
  // Quote offsets count UTF-8 bytes; the text is indexed in UTF-16 units.
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  const marks = quotes.map((q, i) => {
    const start = decoder.decode(bytes.subarray(0, q.offset)).length;
    return { start, end: start + q.text.length, text: q.text, id: `citation-${i}`, speaker: q.speaker };
  }).filter((m) => text.slice(m.start, m.end) === m.text);
  const out = [];
  const separator = /\n\s*\n/g;
  for (let from = 0; from <= text.length;) {
    const found = separator.exec(text);
    const to = found ? found.index : text.length;
    const para = paragraph(text, from, to, marks);
    if (para) out.push(para);
    if (!found) break;
    from = separator.lastIndex;
  }
  return out;
}

function paragraph(text, from, to, marks) {
  while (from < to && /\s/.test(text[from])) from++;
  while (to > from && /\s/.test(text[to - 1])) to--;
  if (from === to) return null;
  const p = h('p');
  let at = from;
  for (const m of marks) {
    if (m.start < at || m.end > to) continue;
    p.append(text.slice(at, m.start), h('span.quote', {
      id: m.id, tabindex: '-1', title: m.speaker ? `Citation de ${m.speaker}` : 'Citation',
    }, text.slice(m.start, m.end)));
    at = m.end;
  }
  p.append(text.slice(at, to));
  return p;
}

// First the other versions of the text (wire copies, updates), which
// searches and related lists show as one: nothing when there are none, or
// when they could not be read (the article is what was asked for).
function versionsSection(state, versions) {
  if (versions.error || !versions.versions?.length) return null;
  return h('section.versions', { 'aria-labelledby': 'versions-title' },
    h('h2.related-title', { id: 'versions-title' }, 'Autres versions de ce texte'),
    articleList(state, versions.versions));
}

// The story the article belongs to, as a vertical timeline of its days, the
// article marked: nothing when it is alone in its story.
function storySection(state, data) {
  if (data.error || !data.story || data.story.texts < 2) return null;
  const s = data.story;
  const span = s.first === s.last ? `le ${formatDate(s.first)}` : `du ${formatDate(s.first)} au ${formatDate(s.last)}`;
  const days = data.days.map((day) =>
    h('li.story-day', null,
      day.date ? h('time.story-date', { datetime: day.date }, formatDate(day.date)) : h('span.story-date', null, 'Sans date'),
      h('ul.story-articles', null, day.articles.map((a) => (a.current
        ? h('li.story-article.is-current', { 'aria-current': 'true' }, h('span.story-current-label', null, 'Cet article : '), a.title || '(sans titre)')
        : h('li.story-article', null, h('a', { href: articleUrl(state, a.id), dataset: { nav: '' } }, a.title || '(sans titre)'),
          a.versions > 0 ? h('span.muted', null, ` (+ ${plural(a.versions, 'version', 'versions')})`) : null))))));
  return h('section.story', { 'aria-labelledby': 'story-title' },
    h('h2.related-title', { id: 'story-title' }, 'Le fil de l’histoire'),
    h('p.story-meta', null, `${plural(s.articles, 'article', 'articles')}, ${span}`),
    h('ol.story-timeline', null, days),
    data.complete ? null : h('p.muted', null, 'Seuls les articles les plus proches de celui-ci sont montrés.'));
}

function relatedBlock(state, related, versions, story) {
  const box = h('aside.related', { 'aria-labelledby': 'related-title' }, storySection(state, story), versionsSection(state, versions),
    h('h2.related-title', { id: 'related-title' }, 'Sur le même sujet'));
  if (related.error) {
    box.append(h('p.error', { role: 'alert' }, `Articles liés indisponibles : ${related.error.message}`));
  } else if (!related.related?.length) {
    box.append(h('p.muted', null, 'Aucun article lié.'));
  } else {
    box.append(articleList(state, related.related));
  }
  return box;
}

// Every list of articles outside the results (related coverage, versions,
// an entity's latest) reads the same: title, then date, section and source.
export function articleList(state, articles) {
  return h('ol.related-list', null, articles.map((a) =>
    h('li.related-item', null,
      h('a', { href: articleUrl(state, a.id), dataset: { nav: '' } }, a.title || '(sans titre)'),
      h('p.related-meta', null,
        a.published ? h('time', { datetime: a.published }, formatDate(a.published)) : null,
        [a.section, a.source].filter(Boolean).map((v, i) => (i || a.published ? ` · ${v}` : v))))));
}

// The people, places and organisations the article names: each a link to the
// articles naming it, with a link to its page.
function entitiesBlock(state, entities) {
  if (!entities.length) return null;
  for (const e of entities) rememberEntity(e.id, e.name);
  const groups = ENTITY_TYPES.map((t) => {
    const list = entities.filter((e) => e.type === t.type);
    if (!list.length) return null;
    // One Tab stop per group (arrows inside): each entity is two links.
    const chips = h('ul.entity-chips', { 'aria-label': t.label }, list.map((e) =>
      h('li.entity-item', null,
        h('a.entity-chip', { href: urlOf(searchOn('entity', e.id)), dataset: { nav: '', entity: e.id }, title: `Rechercher les articles citant ${e.name}` }, e.name),
        h('a.entity-page-link', { href: entityPageUrl(state, e.id), dataset: { nav: '', entity: e.id, focusKey: `fiche:${e.id}` }, 'aria-label': `Fiche : ${e.name}`, title: `Fiche : ${e.name}` }, 'fiche'))));
    rovingFocus(chips, 'a');
    return h('div.entity-group', { dataset: { type: t.type } }, h('h3.entity-group-title', null, t.label), chips);
  });
  return h('section.article-entities', { 'aria-labelledby': 'entities-title' },
    h('h2.article-entities-title', { id: 'entities-title' }, 'Personnes, lieux et organisations cités'), groups);
}

// Many wire articles repeat their summary as the body's first lines, or as
// the whole body: the summary is shown (above) only when it says something
// else. Others have a summary that is the whole text and a body that is its
// start: the summary's rest follows the body (after), so that the text is
// read once and whole.
function summaryShown(article) {
  const summary = String(article.summary || '').trim();
  const body = String(article.body || '');
  const flat = (s) => s.replace(/\s+/g, ' ').replace(/(…|\.\.\.)\s*$/, '').trim();
  if (!summary || flat(body).startsWith(flat(summary))) return { above: false, after: '' };
  const rest = restAfter(summary, body);
  return rest === null ? { above: true, after: '' } : { above: false, after: rest };
}

// What `longer` holds after the text of `start`, white space aside; null
// when `longer` does not start with it.
function restAfter(longer, start) {
  let i = 0;
  for (const c of start) {
    if (/\s/.test(c)) continue;
    while (i < longer.length && /\s/.test(longer[i])) i++;
    if (longer[i] !== c) return null;
    i++;
  }
  return start.trim() ? longer.slice(i).trim() : null;
}
