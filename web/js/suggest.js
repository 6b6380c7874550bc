// Suggestions while typing (GET /api/v1/suggest), as an ARIA combobox:
// ArrowDown/ArrowUp move through the list, Enter chooses, Escape closes.
// Completions replace the query; entities filter the search on them; titles
// open the article.
import { api } from './api.js';
import { h, clear, formatNumber, plural } from './dom.js';
import { rememberEntity, typeInfo } from './entities.js';

const DELAY_MS = 120;
const MIN_CHARS = 2;
// At most this many options (the API gives up to 6 of each kind): searches
// first (up to 4), then entities and titles (up to 2 each), spare places
// going to the kinds that have more, in that order.
const MAX_OPTIONS = 8;
const SHARES = [4, 2, 2];

function share(lists) {
  const take = lists.map((list, i) => Math.min(list.length, SHARES[i]));
  let spare = MAX_OPTIONS - take.reduce((a, b) => a + b, 0);
  lists.forEach((list, i) => {
    const more = Math.min(spare, list.length - take[i]);
    take[i] += more;
    spare -= more;
  });
  return lists.map((list, i) => list.slice(0, take[i]));
}

// input: the search <input>; list: the <ul role="listbox">;
// onQuery(text): run a search; onEntity(id): search its articles;
// onArticle(id): open an article.
export function attachSuggestions(input, list, { onQuery, onEntity, onArticle }) {
  let options = []; // [{el, kind: 'query'|'entity'|'article', value}]
  let active = -1;
  let timer = 0;
  let controller = null;
  let lastAsked = '';

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');

  function close() {
    clearTimeout(timer);
    if (controller) controller.abort();
    controller = null;
    options = [];
    active = -1;
    clear(list);
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function setActive(i) {
    if (options[active]) options[active].el.setAttribute('aria-selected', 'false');
    active = i;
    const o = options[active];
    if (o) {
      o.el.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', o.el.id);
      o.el.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function choose(o) {
    close();
    if (o.kind === 'query') {
      input.value = o.value;
      onQuery(o.value);
    } else if (o.kind === 'entity') {
      input.value = '';
      onEntity(o.value);
    } else {
      onArticle(o.value);
    }
  }

  function show(data, typed) {
    clear(list);
    options = [];
    active = -1;
    const add = (kind, value, children, label) => {
      const el = h('li.suggestion', { role: 'option', id: `suggestion-${options.length}`, 'aria-selected': 'false', 'aria-label': label }, children);
      el.classList.add(`suggestion-${kind}`);
      const o = { el, kind, value };
      el.addEventListener('mousedown', (e) => e.preventDefault()); // keep the focus in the box
      el.addEventListener('click', () => choose(o));
      options.push(o);
      list.append(el);
    };
    const [completions, entities, titles] = share([
      (data.completions || []).filter((c) => c.query && c.query !== typed.trim()), data.entities || [], data.titles || []]);
    if (completions.length) list.append(h('li.suggestion-heading', { role: 'presentation', 'aria-hidden': 'true' }, 'Recherches'));
    // The count is what the search for it will give (the API counts the results).
    for (const c of completions)
      add('query', c.query, [h('span.suggestion-text', null, c.query), h('span.suggestion-count', null, formatNumber(c.count))],
        `${c.query} (${plural(c.count, 'résultat', 'résultats')})`);
    if (entities.length) list.append(h('li.suggestion-heading', { role: 'presentation', 'aria-hidden': 'true' }, 'Personnes, lieux, organisations'));
    for (const e of entities) {
      rememberEntity(e.id, e.name, true);
      add('entity', e.id, [h('span.suggestion-text', null, e.name), h('span.suggestion-count', null, formatNumber(e.articles))],
        `${typeInfo(e.type).one} : ${e.name} (${formatNumber(e.articles)} articles)`);
    }
    if (titles.length) list.append(h('li.suggestion-heading', { role: 'presentation', 'aria-hidden': 'true' }, 'Articles'));
    for (const t of titles) add('article', t.id, [h('span.suggestion-text', null, t.title)], `Article : ${t.title}`);
    const open = options.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
  }

  async function ask() {
    const typed = input.value;
    if (typed.trim().length < MIN_CHARS) return close();
    if (typed === lastAsked && !list.hidden) return;
    lastAsked = typed;
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const data = await api.suggest(typed, controller.signal);
      if (input.value === typed && document.activeElement === input) show(data, typed);
    } catch (e) {
      if (e.name !== 'AbortError') close(); // suggestions are a help: fail quietly
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    lastAsked = '';
    timer = setTimeout(ask, DELAY_MS);
  });

  input.addEventListener('keydown', (e) => {
    const open = !list.hidden && options.length > 0;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) { lastAsked = ''; ask(); return; }
      setActive(active + 1 >= options.length ? 0 : active + 1);
    } else if (e.key === 'ArrowUp') {
      if (!open) return;
      e.preventDefault();
      setActive(active <= 0 ? options.length - 1 : active - 1);
    } else if (e.key === 'Enter') {
      if (open && options[active]) {
        e.preventDefault();
        choose(options[active]);
      } else {
        close(); // the form submits the typed text
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        close();
      }
    }
  });

  input.addEventListener('blur', () => setTimeout(() => { if (document.activeElement !== input) close(); }, 0));

  return { close };
}
