// The admin API, with the token kept in sessionStorage (gone with the tab) and sent as a bearer header:
// no cookie is involved, so another site cannot make the browser act for the user (no CSRF).

const TOKEN = 'console.token';
const BOT = 'console.bot';

export const session = {
  get token() { return sessionStorage.getItem(TOKEN); },
  get botId() { return sessionStorage.getItem(BOT); },
  signIn(token) { sessionStorage.setItem(TOKEN, token); },
  pickBot(id) { sessionStorage.setItem(BOT, String(id)); },
  signOut() { sessionStorage.removeItem(TOKEN); sessionStorage.removeItem(BOT); },
};

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function headers(token, extra = {}) {
  return { Authorization: 'Bearer ' + token, ...extra };
}

export async function api(method, path, body, token = session.token) {
  const init = { method, headers: headers(token, { Accept: 'application/json, application/problem+json' }),
    credentials: 'omit', cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch('/api/v1' + path, init);
  if (response.status === 204) return null;
  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = { detail: text }; }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

export function botPath(botId, rest = '') {
  return '/bots/' + encodeURIComponent(botId) + rest;
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value != null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

/**
 * Reads a server-sent event stream with fetch, since EventSource cannot send the bearer header.
 * Calls onEvent(name, data) per event and onState('live'|'reconnecting'|'closed'); reconnects until aborted.
 */
export function stream(path, onEvent, onState, signal) {
  const decoder = new TextDecoder();
  let delay = 1000;
  const run = async () => {
    while (!signal.aborted) {
      try {
        const response = await fetch('/api/v1' + path, { headers: headers(session.token, { Accept: 'text/event-stream' }),
          credentials: 'omit', cache: 'no-store', signal });
        if (response.status === 401 || response.status === 404) {
          onState('closed', new ApiError(response.status, await response.json().catch(() => null)));
          return;
        }
        if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
        onState('live');
        delay = 1000;
        const reader = response.body.getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end;
          while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
            dispatch(block, onEvent);
          }
        }
        if (signal.aborted) return;
        onState('reconnecting', new Error('the stream ended'));
      } catch (error) {
        if (signal.aborted) return;
        onState('reconnecting', error);
      }
      await new Promise(resolve => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30000);
    }
  };
  run();
}

function dispatch(block, onEvent) {
  let name = 'message';
  const data = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':')) continue; // a heartbeat comment
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length) onEvent(name, JSON.parse(data.join('\n')));
}
