// Who said what: the quotes of a search (GET /api/v1/quotes), each with its
// speaker (a link to their page when known) and a link to its place in its
// article. Every field is shown as text.
import { h, clear, formatDate, plural } from './dom.js';
import { articleUrl, entityPageUrl } from './state.js';

export function quotesSummary(state, data) {
  if (!data.quotes.length) return state.q.trim() ? `Aucune citation pour « ${state.q.trim()} »` : 'Aucune citation';
  const articles = plural(data.articles, 'article', 'articles');
  return state.q.trim() ? `Citations pour « ${state.q.trim()} » dans ${articles}` : `Citations de ${articles}`;
}

// loadMore(cursor) fetches the next page.
export function renderQuotes(container, state, data, loadMore) {
  clear(container);
  const speakers = data.facets?.speaker || [];
  if (speakers.length)
    container.append(h('p.quote-speakers', null, 'Les plus cités : ',
      speakers.slice(0, 5).flatMap((s, i) => [i ? ', ' : '',
        h('a', { href: entityPageUrl(state, s.value), dataset: { nav: '', entity: s.value } }, s.name),
        ` (${s.count})`])));
  if (!data.quotes.length) {
    container.append(h('div.empty', { role: 'status' }, h('p.empty-title', null, 'Aucune citation trouvée'),
      h('p', null, 'Les citations sont les passages entre guillemets (« … » ou "…") des articles.')));
    return;
  }
  const list = h('ol.quote-list.quote-results');
  container.append(list);
  const append = (page) => {
    const items = page.quotes.map((q) => quoteItem(state, q));
    list.append(...items);
    more.hidden = !page.next_cursor;
    more.dataset.cursor = page.next_cursor || '';
    return items[0];
  };
  // While a page loads the button stays enabled (a disabled button drops the
  // focus to the page body) and busy; then the focus goes to the first new
  // quote, so that Tab goes on through the new ones.
  const more = h('button.more-quotes', { type: 'button' }, 'Plus de citations');
  more.addEventListener('click', async () => {
    if (more.getAttribute('aria-busy') === 'true') return;
    more.setAttribute('aria-busy', 'true');
    try {
      const first = append(await loadMore(more.dataset.cursor));
      first?.focus();
    } finally {
      more.removeAttribute('aria-busy');
    }
  });
  container.append(more);
  append(data);
}

function quoteItem(state, q) {
  const who = q.speaker
    ? (q.speaker.id
      ? h('a.quote-speaker', { href: entityPageUrl(state, q.speaker.id), dataset: { nav: '', entity: q.speaker.id } }, q.speaker.name)
      : h('span.quote-speaker', null, q.speaker.name))
    : h('span.quote-speaker.muted', null, 'Locuteur non identifié');
  return h('li.quote-item', { tabindex: '-1' },
    h('blockquote.quote-text', null, `« ${q.text} »`),
    h('p.related-meta', null, who, ' — ',
      h('a.quote-article', { href: `${articleUrl(state, q.article.id)}#citation-${q.index}`, dataset: { nav: '' } },
        q.article.title || '(sans titre)'),
      q.article.date ? ` · ${formatDate(q.article.date)}` : ''));
}
