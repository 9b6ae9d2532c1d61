// The staff API over fetch with the bearer token from sessionStorage. Errors are ApiError with the
// server's problem JSON (field + detail), so forms can show the message next to the field it names.
const TOKEN_KEY = 'tether.token';

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || {};
    this.field = this.problem.field || null;
    this.detail = this.problem.detail || this.message;
    this.retryAfter = null;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

function url(path, query) {
  const u = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query || {})) {
    if (v === undefined || v === null || v === '') continue;
    u.searchParams.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  return u.pathname + u.search;
}

/**
 * @param onUnauthorized called on a 401 of a signed-in call (expired or revoked session)
 */
export function createApi(onUnauthorized) {
  async function request(method, path, body, query) {
    const headers = { Accept: 'application/json' };
    const t = token();
    if (t) headers.Authorization = 'Bearer ' + t;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(url(path, query), { method, headers,
        body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new ApiError(0, { title: 'Network error', detail: e.message });
    }
    const text = await response.text();
    let json = null;
    if (text) {
      try { json = JSON.parse(text); } catch (e) { json = { detail: text }; }
    }
    if (!response.ok) {
      const error = new ApiError(response.status, json);
      error.retryAfter = response.headers.get('Retry-After');
      if (response.status === 401 && t && path !== '/api/session') {
        onUnauthorized();
      }
      throw error;
    }
    return json;
  }

  /**
   * Server-sent events over fetch (EventSource cannot send the Authorization header). Calls
   * onEvent({event, id, data}) with data parsed as JSON; reconnects after a drop (with onReconnect,
   * so a view can re-read what it may have missed); returns a function that closes the stream.
   */
  function stream(path, onEvent, onReconnect) {
    let closed = false;
    let controller = null;
    let delay = 1000;
    async function run(first) {
      while (!closed) {
        controller = new AbortController();
        try {
          const response = await fetch(path, { headers: { Authorization: 'Bearer ' + token(),
            Accept: 'text/event-stream' }, signal: controller.signal });
          if (response.status === 401) { onUnauthorized(); return; }
          if (!response.ok) throw new Error('stream answered ' + response.status);
          if (!first && onReconnect) onReconnect();
          first = false;
          delay = 1000;
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const message = { event: 'message', id: null, data: '' };
              for (const line of block.split('\n')) {
                if (line.startsWith(':')) continue;
                const colon = line.indexOf(':');
                const field = colon < 0 ? line : line.slice(0, colon);
                const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
                if (field === 'event') message.event = val;
                else if (field === 'id') message.id = val;
                else if (field === 'data') message.data += (message.data ? '\n' : '') + val;
              }
              if (!message.data) continue;
              try { message.data = JSON.parse(message.data); } catch (e) { /* plain text data */ }
              try { onEvent(message); } catch (e) { console.error('stream handler failed', e); }
            }
          }
        } catch (e) {
          if (closed) return;
        }
        if (closed) return;
        await new Promise(r => setTimeout(r, delay));
        delay = Math.min(delay * 2, 30000);
      }
    }
    run(true);
    return () => { closed = true; if (controller) controller.abort(); };
  }

  return {
    get: (path, query) => request('GET', path, undefined, query),
    post: (path, body) => request('POST', path, body === undefined ? {} : body),
    put: (path, body) => request('PUT', path, body),
    del: (path) => request('DELETE', path),
    stream,
  };
}
