// The facet sidebar: one group per entry of FACET_GROUPS, each a list of
// checkboxes with the API's disjunctive counts (a group is counted as if its
// own filter were not set, so ticking a second value shows what it adds).
// Each group is one Tab stop; the arrow keys move inside it (rovingFocus).
import { h, clear, formatNumber, fold, rovingFocus } from './dom.js';
import { FACET_GROUPS } from './state.js';
import { ENTITY_TYPES, rememberEntity, entityName, typeOfId } from './entities.js';

export const VISIBLE = 8; // values shown before "afficher plus"
export const EXPANDED_SIZE = 200; // values asked for once a group is expanded
const FILTER_FROM = 12; // a filter box inside lists longer than this

const expanded = new Set(); // params of expanded groups
const filterText = new Map(); // param → text of its filter box
const checkboxIds = new Set(); // ids given in the sidebar being drawn

// The facet_size to ask the API for.
export function facetSize() {
  return expanded.size ? EXPANDED_SIZE : VISIBLE + 1;
}

// container: the sidebar element; facets: the API's `facets` object;
// onToggle(param, value, checked); onExpand() after a group is expanded or collapsed.
export function renderFacets(container, state, facets, { onToggle, onExpand }) {
  clear(container);
  checkboxIds.clear();
  for (const group of FACET_GROUPS) {
    const data = facets?.[group.param];
    if (group.param === 'entity') {
      renderEntityGroups(container, state, data, onToggle, onExpand);
      continue;
    }
    // An empty group says nothing: it shows only while one of its values is ticked.
    if (!data || (!data.values?.length && !state.filters[group.param].length)) continue;
    container.append(renderGroup(group, data.values || [], state.filters[group.param], onToggle, onExpand));
  }
}

// The entity facet (people, then places, then organisations) as three groups
// sharing the `entity` filter; each value shows the entity's name.
function renderEntityGroups(container, state, data, onToggle, onExpand) {
  if (!data) return;
  for (const v of data.values || []) rememberEntity(v.value, v.name, true);
  for (const t of ENTITY_TYPES) {
    const values = (data.values || []).filter((v) => (v.type || typeOfId(v.value)) === t.type);
    const selected = state.filters.entity.filter((id) => typeOfId(id) === t.type);
    if (!values.length && !selected.length) continue;
    const section = renderGroup({ param: 'entity', key: `entity-${t.type}`, label: t.label }, values, selected, onToggle, onExpand);
    section.dataset.type = t.type;
    container.append(section);
  }
}

// A checkbox's id, the same on every render, from its group and value made
// safe for ids; two values that read alike once folded ("Économie",
// "economie") are told apart by a number.
function checkboxId(key, value) {
  const slug = fold(value).replace(/[^a-z0-9]+/g, '-').slice(0, 40).replace(/^-+|-+$/g, '') || 'v';
  const base = `f-${key}-${slug}`;
  let id = base;
  for (let n = 2; checkboxIds.has(id); n++) id = `${base}-${n}`;
  checkboxIds.add(id);
  return id;
}

function renderGroup(group, values, selected, onToggle, onExpand) {
  const param = group.param;
  const key = group.key || param; // the group's own name (entity groups share a param)
  const isOpen = expanded.has(key);
  const headingId = `facet-${key}-heading`;
  const list = listedValues(param, values, selected);
  const shown = isOpen ? list : collapsed(list);

  const items = shown.map((v) => valueItem(key, param, v, onToggle));
  const ul = h('ul.facet-values', { 'aria-labelledby': headingId }, items);
  if (!list.length) ul.append(h('li.facet-empty', null, 'Aucune valeur'));

  const section = h('section.facet', { role: 'group', 'aria-labelledby': headingId, dataset: { facet: param } },
    h('h3.facet-title', { id: headingId }, group.label));
  let roving = null;
  if (isOpen && list.length > FILTER_FROM) {
    section.append(...filterBox(key, group.label, items, () => roving?.refresh()));
    ul.classList.add('facet-values-long');
  }
  section.append(ul);
  if (list.length > VISIBLE || isOpen) section.append(moreButton(key, isOpen, onExpand));
  // The group's stop: its first ticked value, else its first control.
  roving = rovingFocus(section, 'input, button', { first: () => ul.querySelector('input:checked') });
  return section;
}

// Spellings that filter alike ("Planete" in a link, "Planète" in the facet):
// accents, case and punctuation aside, as the API's keys.
const sameKey = (a, b) => {
  const key = (s) => fold(s).replace(/[^a-z0-9:]+/g, ' ').trim();
  return key(a) === key(b);
};

// The API's values, each with the ticked spelling that names it (`ticked`),
// then the ticked ones it did not return: a ticked value always shows, even
// when it is not among the most frequent.
function listedValues(param, values, selected) {
  const list = values.map((v) => ({
    value: v.value, count: v.count, name: v.name || v.value, ticked: selected.find((s) => sameKey(s, v.value)) ?? null,
  }));
  for (const value of selected)
    if (!list.some((v) => v.ticked === value))
      list.push({ value, count: null, name: param === 'entity' ? entityName(value) : value, ticked: value });
  return list;
}

// A closed group shows its first values, and the ticked ones further down.
function collapsed(list) {
  return [...list.slice(0, VISIBLE), ...list.slice(VISIBLE).filter((v) => v.ticked !== null)];
}

// Unticking removes the spelling that ticked it.
function valueItem(key, param, v, onToggle) {
  const id = checkboxId(key, v.value);
  const box = h('input', {
    type: 'checkbox',
    id,
    checked: v.ticked !== null,
    dataset: { focusKey: `facet:${param}:${v.value}` },
  });
  box.addEventListener('change', () => onToggle(param, box.checked ? v.value : v.ticked, box.checked));
  const li = h('li.facet-value', null,
    box,
    h('label', { for: id }, h('span.facet-name', null, v.name),
      h('span.facet-count', { 'aria-label': v.count === null ? 'nombre inconnu' : `${formatNumber(v.count)} articles` },
        v.count === null ? '–' : formatNumber(v.count))));
  li.dataset.fold = fold(v.name); // what the filter box compares
  return li;
}

// A long open group gets a box that hides the values not containing its
// text, accents ignored; its text survives redraws until the group closes.
// onFilter() after values were hidden or shown.
function filterBox(key, label, items, onFilter) {
  const filter = h('input.facet-filter', {
    type: 'search',
    placeholder: 'Filtrer…',
    'aria-label': `Filtrer les ${label.toLowerCase()}`,
    value: filterText.get(key) || '',
    dataset: { focusKey: `facet-filter:${key}` },
  });
  const noMatch = h('p.facet-empty', { hidden: true }, 'Aucune valeur ne correspond.');
  const apply = () => {
    const text = fold(filter.value.trim());
    filterText.set(key, filter.value);
    let visible = 0;
    for (const li of items) {
      const show = !text || li.dataset.fold.includes(text);
      li.hidden = !show;
      if (show) visible++;
    }
    noMatch.hidden = visible > 0;
    onFilter();
  };
  filter.addEventListener('input', apply);
  apply();
  return [filter, noMatch];
}

function moreButton(key, isOpen, onExpand) {
  const button = h('button.facet-more', {
    type: 'button',
    'aria-expanded': String(isOpen),
    dataset: { focusKey: `facet-more:${key}` },
  }, isOpen ? 'Afficher moins' : 'Afficher plus');
  button.addEventListener('click', () => {
    if (isOpen) expanded.delete(key);
    else expanded.add(key);
    filterText.delete(key);
    onExpand(key);
  });
  return button;
}
