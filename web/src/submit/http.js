// Performs one request the core built (core/submit/requests.h) with fetch()
// and reports what happened in the core's terms: {transport, status, body}.
// transport: ok | unreachable | timeout | cors. The core turns failures into
// messages (core/submit/errors.h); nothing here words them.
//
// The token travels only in the Authorization header the core put on a
// request to the configured endpoint: a request for any other origin is
// refused here before it is sent, and cookies are sent only when the user
// chose "use browser cookies".
import { endpointOrigin } from './settings.js';

export class OriginRefused extends Error {
  constructor(url) {
    super(`refusing to send a request for ${new URL(url).origin}: it is not the configured endpoint`);
    this.name = 'OriginRefused';
  }
}

// A fetch() TypeError says "blocked or unreachable" without saying which. A
// no-cors request (no headers, no credentials, no token) to the same origin
// tells them apart: it resolves, opaquely, when the server answers at all.
async function reachable(origin, timeoutMs) {
  const ctl = new AbortController();
  const t = setTimeout(() => ctl.abort(), Math.min(timeoutMs, 5000));
  try {
    await fetch(origin + '/', { mode: 'no-cors', credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer', signal: ctl.signal });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(t);
  }
}

export async function perform(request, settings, { timeoutMs = settings.timeoutSeconds * 1000 } = {}) {
  const origin = endpointOrigin(settings);
  const url = new URL(request.url);
  if (!origin || url.origin !== origin) throw new OriginRefused(request.url);
  const headers = new Headers();
  for (const [k, v] of request.headers || []) {
    if (k.toLowerCase() === 'authorization' && settings.auth !== 'token') continue;
    headers.set(k, v);
  }
  const ctl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, timeoutMs);
  try {
    const res = await fetch(url.href, {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
      mode: 'cors',
      credentials: settings.auth === 'cookies' ? 'include' : 'omit',
      // A redirect (typically to a login page) is reported, not followed.
      redirect: 'manual',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: ctl.signal,
    });
    if (res.type === 'opaqueredirect') {
      return { transport: 'ok', status: 302, body: 'the endpoint answered with a redirect (to a login page?); sign in to it in this browser and use browser cookies, or use a token' };
    }
    return { transport: 'ok', status: res.status, body: await res.text() };
  } catch (e) {
    if (timedOut) return { transport: 'timeout', status: 0, body: '' };
    if (e instanceof TypeError) return { transport: (await reachable(origin, timeoutMs)) ? 'cors' : 'unreachable', status: 0, body: '' };
    throw e;
  } finally {
    clearTimeout(timer);
  }
}
