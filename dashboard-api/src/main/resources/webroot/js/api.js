// The one way the console talks to the API: JSON in and out, the CSRF token on every write, and
// a 401 anywhere sends the operator back to the login page.
const BASE = 'api/v1';

// Kept in memory only: a script injected elsewhere cannot read it from storage, and a reload
// fetches it again with GET /session.
let csrfToken = null;
let onSignedOut = () => {};

/** An API answer that was not 2xx; status and the problem JSON's detail are kept for the page. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export function whenSignedOut(callback) {
  onSignedOut = callback;
}

async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    if (response.status === 401 && path !== '/session') {
      csrfToken = null;
      onSignedOut();
    }
    throw new ApiError(response.status, typeof data === 'object' ? data : { detail: data });
  }
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body = {}) => request('POST', path, body);
export const put = (path, body) => request('PUT', path, body);

/** A query string from the given parameters, leaving out empty ones. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The current user, or null when nobody is signed in. */
export async function currentSession() {
  try {
    const session = await request('GET', '/session');
    csrfToken = session.csrfToken;
    return session.user;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function signIn(login, password) {
  const session = await request('POST', '/session', { login, password });
  csrfToken = session.csrfToken;
  return session.user;
}

export async function signOut() {
  try {
    await request('DELETE', '/session');
  } finally {
    csrfToken = null;
  }
}

/** A URL the browser opens itself (e.g. a CSV download); the session cookie goes along. */
export function href(path) {
  return `${BASE}${path}`;
}
