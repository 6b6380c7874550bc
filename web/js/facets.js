// The facet sidebar: one group per entry of FACET_GROUPS, each a list of
// checkboxes with the API's disjunctive counts (a group is counted as if its
// own filter were not set, so ticking a second value shows what it adds).
import { h, clear, formatNumber } from './dom.js';
import { FACET_GROUPS } from './state.js';

export const VISIBLE = 8; // values shown before "afficher plus"
export const EXPANDED_SIZE = 200; // values asked for once a group is expanded
const FILTER_FROM = 12; // a filter box inside lists longer than this

const expanded = new Set(); // params of expanded groups
const filterText = new Map(); // param → text of its filter box

// The facet_size to ask the API for.
export function facetSize() {
  return expanded.size ? EXPANDED_SIZE : VISIBLE + 1;
}

const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

// container: the sidebar element; facets: the API's `facets` object;
// onToggle(param, value, checked); onExpand() after a group is expanded or collapsed.
export function renderFacets(container, state, facets, { onToggle, onExpand }) {
  clear(container);
  for (const group of FACET_GROUPS) {
    const data = facets?.[group.param];
    // An empty group says nothing: it shows only while one of its values is ticked.
    if (!data || (!data.values?.length && !state.filters[group.param].length)) continue;
    container.append(renderGroup(group, data.values || [], state.filters[group.param], onToggle, onExpand));
  }
}

function renderGroup(group, values, selected, onToggle, onExpand) {
  const param = group.param;
  const isOpen = expanded.has(param);
  const headingId = `facet-${param}-heading`;
  const list = values.map((v) => ({ value: v.value, count: v.count }));
  // A ticked value always shows, even when it is not among the most frequent.
  for (const value of selected)
    if (!list.some((v) => v.value === value)) list.push({ value, count: null });
  const more = list.length > VISIBLE;

  let shown = list;
  if (!isOpen && more) {
    shown = list.slice(0, VISIBLE);
    for (const v of list.slice(VISIBLE)) if (selected.includes(v.value)) shown.push(v);
  }

  const ul = h('ul.facet-values', { 'aria-labelledby': headingId });
  const items = shown.map((v) => {
    const id = `f-${param}-${Math.random().toString(36).slice(2, 9)}`;
    const box = h('input', {
      type: 'checkbox',
      id,
      checked: selected.includes(v.value),
      dataset: { focusKey: `facet:${param}:${v.value}` },
    });
    box.addEventListener('change', () => onToggle(param, v.value, box.checked));
    const li = h('li.facet-value', null,
      box,
      h('label', { for: id }, h('span.facet-name', null, v.value),
        h('span.facet-count', { 'aria-label': v.count === null ? 'nombre inconnu' : `${formatNumber(v.count)} articles` },
          v.count === null ? '–' : formatNumber(v.count))));
    li.dataset.fold = fold(v.value);
    return li;
  });
  ul.append(...items);
  if (!list.length) ul.append(h('li.facet-empty', null, 'Aucune valeur'));

  const section = h('section.facet', { 'aria-labelledby': headingId, dataset: { facet: param } },
    h('h3.facet-title', { id: headingId }, group.label));

  if (isOpen && list.length > FILTER_FROM) {
    const filter = h('input.facet-filter', {
      type: 'search',
      placeholder: 'Filtrer…',
      'aria-label': `Filtrer les ${group.label.toLowerCase()}`,
      value: filterText.get(param) || '',
      dataset: { focusKey: `facet-filter:${param}` },
    });
    const apply = () => {
      const text = fold(filter.value.trim());
      filterText.set(param, filter.value);
      let visible = 0;
      for (const li of items) {
        const show = !text || li.dataset.fold.includes(text);
        li.hidden = !show;
        if (show) visible++;
      }
      noMatch.hidden = visible > 0;
    };
    const noMatch = h('p.facet-empty', { hidden: true }, 'Aucune valeur ne correspond.');
    filter.addEventListener('input', apply);
    section.append(filter, noMatch);
    apply();
    ul.classList.add('facet-values-long');
  }
  section.append(ul);

  if (more || isOpen) {
    const button = h('button.facet-more', {
      type: 'button',
      'aria-expanded': String(isOpen),
      dataset: { focusKey: `facet-more:${param}` },
    }, isOpen ? 'Afficher moins' : 'Afficher plus');
    button.addEventListener('click', () => {
      if (isOpen) expanded.delete(param);
      else expanded.add(param);
      filterText.delete(param);
      onExpand(param);
    });
    section.append(button);
  }
  return section;
}
