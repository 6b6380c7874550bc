// The public JSON API, and nothing else. Errors carry the API's message.

export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function getJson(path, params, signal) {
  const query = params && params.toString();
  let response;
  try {
    response = await fetch(query ? `${path}?${query}` : path, { signal, headers: { Accept: 'application/json' } });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError('le serveur ne répond pas (réseau indisponible ?)', 0, 'network');
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    if (e.name === 'AbortError') throw e;
  }
  if (!response.ok) {
    const message = body && body.error && body.error.message;
    throw new ApiError(message || `erreur HTTP ${response.status}`, response.status, body?.error?.code || 'http');
  }
  if (body === null) throw new ApiError('réponse illisible du serveur', response.status, 'bad_json');
  return body;
}

export const api = {
  search: (params, signal) => getJson('/api/v1/search', params, signal),
  suggest: (q, signal) => getJson('/api/v1/suggest', new URLSearchParams({ q, size: '6' }), signal),
  article: (id, signal) => getJson(`/api/v1/articles/${encodeURIComponent(id)}`, null, signal),
  related: (id, signal) =>
    getJson(`/api/v1/articles/${encodeURIComponent(id)}/related`, new URLSearchParams({ size: '8' }), signal),
  versions: (id, signal) => getJson(`/api/v1/articles/${encodeURIComponent(id)}/versions`, null, signal),
  story: (id, signal) => getJson(`/api/v1/articles/${encodeURIComponent(id)}/story`, null, signal),
  stories: (params, signal) => getJson('/api/v1/stories', params, signal),
  quotes: (params, signal) => getJson('/api/v1/quotes', params, signal),
  entity: (id, signal) =>
    getJson(`/api/v1/entities/${encodeURIComponent(id)}`, new URLSearchParams({ size: '10' }), signal),
  stats: (signal) => getJson('/api/v1/stats', null, signal),
};
