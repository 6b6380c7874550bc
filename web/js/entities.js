// Named entities (people, places, organisations): their French labels and a
// cache of names seen in facets, articles and entity pages (entity filters in
// the URL are ids; chips show names when known, else the id).

export const ENTITY_TYPES = [
  { type: 'person', prefix: 'p', label: 'Personnes', one: 'Personne' },
  { type: 'place', prefix: 'l', label: 'Lieux', one: 'Lieu' },
  { type: 'organisation', prefix: 'o', label: 'Organisations', one: 'Organisation' },
];

const names = new Map(); // id → name
const canonical = new Set(); // ids whose name came from the index's directory

// `fromDirectory`: the name the index gives the entity (facets, entity
// pages, suggestions), which a chip keeps; an article's own spelling
// ("Edouard Philippe") is only used until that one is known.
export function rememberEntity(id, name, fromDirectory = false) {
  if (!id || !name || (canonical.has(id) && !fromDirectory)) return;
  names.set(id, name);
  if (fromDirectory) canonical.add(id);
}

export const entityName = (id) => names.get(id) || id;

// The type of an entity from the letter of its id (p:…, l:…, o:…).
export function typeOfId(id) {
  return ENTITY_TYPES.find((t) => String(id).startsWith(`${t.prefix}:`))?.type || '';
}

export const typeInfo = (type) => ENTITY_TYPES.find((t) => t.type === type) || { type, label: 'Entités', one: 'Entité' };
