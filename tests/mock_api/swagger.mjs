// A strict checker of HTTP requests against a Swagger 2.0 document (KFP's
// backend/api/v2beta1 swagger): path template, method, query parameter names
// and types, JSON body schema (no unknown fields), multipart field names.
// Test tooling only: it makes the mock server refuse anything KFP would not
// accept as written.

export function loadSwagger(doc) {
  const routes = [];
  for (const [tmpl, ops] of Object.entries(doc.paths || {})) {
    // "/apis/v2beta1/runs/{run_id}:archive" -> regexp with named groups
    const names = [];
    const re = new RegExp('^' + tmpl.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, n) => {
      names.push(n);
      return '([^/:]+)';
    }) + '$');
    for (const [method, op] of Object.entries(ops)) {
      if (method === 'parameters') continue;
      routes.push({ tmpl, re, names, method: method.toUpperCase(), op });
    }
  }
  return { doc, routes };
}

export function findRoute(sw, method, pathname) {
  for (const r of sw.routes) {
    if (r.method !== method) continue;
    const m = r.re.exec(pathname);
    if (m) {
      const params = {};
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
      return { route: r, params };
    }
  }
  return null;
}

function resolve(sw, schema) {
  let s = schema;
  for (let i = 0; s && s.$ref && i < 20; i++) {
    const name = s.$ref.replace('#/definitions/', '');
    s = sw.doc.definitions[name];
  }
  return s || {};
}

// Returns a list of problems ('' path = body root).
export function checkValue(sw, schema, value, path = 'body') {
  const s = resolve(sw, schema);
  const errs = [];
  if (s.enum && !s.enum.includes(value)) errs.push(`${path}: ${JSON.stringify(value)} is not one of ${s.enum.join(', ')}`);
  const type = s.type || (s.properties ? 'object' : undefined);
  switch (type) {
    case 'object':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        errs.push(`${path}: expected an object`);
        break;
      }
      if (s.properties) {
        for (const [k, v] of Object.entries(value)) {
          if (!(k in s.properties)) errs.push(`${path}.${k}: unknown field`);
          else errs.push(...checkValue(sw, s.properties[k], v, `${path}.${k}`));
        }
      }
      for (const req of s.required || []) if (!(req in value)) errs.push(`${path}.${req}: required`);
      break;
    case 'array':
      if (!Array.isArray(value)) errs.push(`${path}: expected an array`);
      else value.forEach((v, i) => errs.push(...checkValue(sw, s.items || {}, v, `${path}[${i}]`)));
      break;
    case 'string':
      if (typeof value !== 'string') errs.push(`${path}: expected a string (int64 values are strings in this API)`);
      else if (s.format === 'int64' && !/^-?\d+$/.test(value)) errs.push(`${path}: expected an int64 string`);
      break;
    case 'integer':
      if (!Number.isInteger(value)) errs.push(`${path}: expected an integer`);
      break;
    case 'number':
      if (typeof value !== 'number') errs.push(`${path}: expected a number`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') errs.push(`${path}: expected a boolean`);
      break;
    default:
      break;  // protobuf Struct / Value: anything goes
  }
  return errs;
}

function checkScalar(p, raw) {
  if (p.type === 'integer' && !/^-?\d+$/.test(raw)) return `query ${p.name}: expected an integer`;
  if (p.type === 'boolean' && !/^(true|false)$/.test(raw)) return `query ${p.name}: expected true/false`;
  if (p.enum && !p.enum.includes(raw)) return `query ${p.name}: not one of ${p.enum.join(', ')}`;
  return null;
}

// Parses multipart/form-data (enough for one or a few fields).
export function parseMultipart(body, contentType) {
  const m = /boundary=([^;]+)/.exec(contentType || '');
  if (!m) return null;
  const boundary = '--' + m[1].replace(/^"|"$/g, '');
  const parts = {};
  for (const chunk of body.split(boundary).slice(1)) {
    if (chunk.startsWith('--')) break;
    const sep = chunk.indexOf('\r\n\r\n');
    if (sep < 0) return null;
    const head = chunk.slice(0, sep);
    const name = /name="([^"]*)"/.exec(head);
    if (!name) return null;
    parts[name[1]] = chunk.slice(sep + 4).replace(/\r\n$/, '');
  }
  return parts;
}

// Checks one request; returns {route, params, query, body, problems}.
export function checkRequest(sw, { method, url, headers, body }) {
  const u = new URL(url, 'http://x');
  const found = findRoute(sw, method, u.pathname);
  if (!found) return { problems: [`no ${method} ${u.pathname} in the API`] };
  const { route, params } = found;
  const problems = [];
  const declared = route.op.parameters || [];
  const query = {};
  for (const [k, v] of u.searchParams) {
    const p = declared.find((d) => d.in === 'query' && d.name === k);
    if (!p) problems.push(`query ${k}: not a parameter of ${route.op.operationId}`);
    else {
      const e = checkScalar(p, v);
      if (e) problems.push(e);
    }
    query[k] = v;
  }
  for (const p of declared) {
    if (p.required && p.in === 'query' && !(p.name in query)) problems.push(`query ${p.name}: required`);
  }
  let parsed = null;
  const formParams = declared.filter((d) => d.in === 'formData');
  const bodyParam = declared.find((d) => d.in === 'body');
  const ctype = headers['content-type'] || '';
  if (formParams.length) {
    if (!ctype.startsWith('multipart/form-data')) problems.push('expected multipart/form-data');
    parsed = parseMultipart(body, ctype);
    if (!parsed) problems.push('malformed multipart body');
    else {
      for (const k of Object.keys(parsed))
        if (!formParams.find((f) => f.name === k)) problems.push(`form field ${k}: not a field of ${route.op.operationId}`);
      for (const f of formParams) if (f.required && !(f.name in parsed)) problems.push(`form field ${f.name}: required`);
    }
  } else if (bodyParam) {
    if (!ctype.startsWith('application/json')) problems.push('expected Content-Type: application/json');
    try {
      parsed = JSON.parse(body);
      problems.push(...checkValue(sw, bodyParam.schema, parsed));
    } catch {
      problems.push('body is not JSON');
    }
  } else if (body && body.length) {
    problems.push(`${route.op.operationId} takes no body`);
  }
  return { route, params, query, body: parsed, problems };
}
