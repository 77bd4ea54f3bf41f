// Where and how to submit: endpoint URL, namespace, auth, target. Kept in
// localStorage under SETTINGS_KEY only (never in share links, exports or the
// URL). The token leaves this module only inside endpointJson(), which goes to
// the core, and from there only into requests to the endpoint's own origin.

export const SETTINGS_KEY = 'kfp-playground:submit-settings:v1';
export const AUTH_MODES = ['none', 'token', 'cookies'];
export const TARGETS = ['kfp', 'argo'];

export const DEFAULTS = Object.freeze({ endpoint: '', namespace: '', auth: 'none', token: '', target: 'kfp', timeoutSeconds: 30 });

// Problems with a settings object, as sentences ([] when it is usable).
export function settingsProblems(s) {
  const out = [];
  if (!s.endpoint) {
    out.push('Set the endpoint URL (the KFP API base, e.g. https://kfp.example.com/pipeline, or the Argo Server URL).');
  } else {
    let u = null;
    try {
      u = new URL(s.endpoint);
    } catch {
      out.push('The endpoint is not a valid URL.');
    }
    if (u) {
      if (u.protocol !== 'https:' && u.protocol !== 'http:') out.push('The endpoint must be an http: or https: URL.');
      if (u.username || u.password) out.push('Put no user name or password in the endpoint URL; use a token or browser cookies.');
      if (u.search || u.hash) out.push('The endpoint URL must not have a query (?…) or fragment (#…).');
    }
  }
  if (!AUTH_MODES.includes(s.auth)) out.push('Choose an authentication mode.');
  if (s.auth === 'token' && !s.token) out.push('Enter the bearer token, or choose another authentication mode.');
  if (!TARGETS.includes(s.target)) out.push('Choose KFP or Argo.');
  if (s.namespace && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s.namespace)) out.push('The namespace must be a Kubernetes name (a-z, 0-9, -).');
  return out;
}

function clean(obj) {
  const s = { ...DEFAULTS };
  if (!obj || typeof obj !== 'object') return s;
  for (const k of ['endpoint', 'namespace', 'token']) if (typeof obj[k] === 'string') s[k] = obj[k].trim();
  if (AUTH_MODES.includes(obj.auth)) s.auth = obj.auth;
  if (TARGETS.includes(obj.target)) s.target = obj.target;
  const t = Number(obj.timeoutSeconds);
  if (Number.isFinite(t) && t >= 1 && t <= 600) s.timeoutSeconds = Math.round(t);
  s.endpoint = s.endpoint.replace(/\/+$/, '');
  return s;
}

export function loadSettings() {
  try {
    return clean(JSON.parse(localStorage.getItem(SETTINGS_KEY) || 'null'));
  } catch {
    return clean(null);
  }
}

export function saveSettings(obj) {
  const s = clean(obj);
  // A token is stored only while token auth is chosen.
  if (s.auth !== 'token') s.token = '';
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(s));
  return s;
}

// The endpoint as the core takes it (core/submit/flow.h endpoint_from_json).
export function endpointJson(s) {
  return {
    base_url: s.endpoint,
    namespace: s.namespace,
    token: s.auth === 'token' ? s.token : '',
    use_cookies: s.auth === 'cookies',
  };
}

// The endpoint's origin, for display and for the same-origin check in http.js.
export function endpointOrigin(s) {
  try {
    return new URL(s.endpoint).origin;
  } catch {
    return '';
  }
}
