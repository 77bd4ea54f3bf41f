// A stand-in for a KFP API server (v2beta1) and an Argo Server on 127.0.0.1,
// for tests: no cluster can run here. Every request is checked against KFP's
// own swagger (swagger.mjs) and refused with 400 when it does not fit;
// responses are shaped by the swagger's definitions (and self-checked).
//
//   node tests/mock_api/server.mjs --swagger DIR [--port 0] [--token T] [--cors ORIGIN[,ORIGIN...]|*|none]
// CORS: browsers may read responses only from the allowed origins ('*' = any,
// the default; 'none' = no CORS headers at all). A preflight (OPTIONS) is
// answered only for an allowed origin asking for a route the swagger (or the
// Argo Server) has, with headers the real servers accept; anything else gets
// 403 without CORS headers, which the browser reports as a CORS refusal.
//   [--delay MS]  answer every API request MS milliseconds late (timeouts)
// prints {"port": N} on its first stdout line. Test hooks (not part of KFP):
//   GET  /__mock/requests   every request received (method, url, headers, body)
//   POST /__mock/reset
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { loadSwagger, checkRequest, checkValue, findRoute } from './swagger.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const swaggerDir = opt('--swagger', path.resolve(import.meta.dirname, '../../../shared/corpus/kfp-api-v2beta1'));
const token = opt('--token', '');
const cors = opt('--cors', '*');
const port = Number(opt('--port', '0'));
const delay = Number(opt('--delay', '0'));

const sw = loadSwagger(JSON.parse(fs.readFileSync(path.join(swaggerDir, 'kfp_api_single_file.swagger.json'), 'utf8')));

let log = [];
let state;
function reset() {
  state = { pipelines: [], versions: [], experiments: [], runs: [], recurring: [], workflows: [], seq: 0 };
  log = [];
}
reset();
const id = (p) => `${p}-${(++state.seq).toString().padStart(4, '0')}`;
const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, state.seq)).toISOString();

function rpcError(res, http, code, message) {
  send(res, http, { code, message, details: [] });
}
function send(res, status, obj) {
  res.writeHead(status, { 'content-type': 'application/json', ...corsHeaders(res.req) });
  res.end(JSON.stringify(obj));
}
const allowedOrigins = cors === '*' || cors === 'none' ? [] : cors.split(',');
function originAllowed(origin) {
  if (cors === 'none' || !origin) return false;
  return cors === '*' || allowedOrigins.includes(origin);
}
function corsHeaders(req) {
  const origin = req.headers.origin;
  if (!originAllowed(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    vary: 'origin',
  };
}
// Answers only with what the swagger says the operation returns.
function reply(res, route, obj) {
  const schema = route.op.responses?.['200']?.schema;
  const problems = schema ? checkValue(sw, schema, obj, 'response') : [];
  if (problems.length) return rpcError(res, 500, 13, 'mock built an invalid response: ' + problems.join('; '));
  send(res, 200, obj);
}

function pipelineSpecOf(text) {
  if (!/^pipelineInfo:/m.test(text) || !/^root:/m.test(text)) return null;
  return { text };
}

function handleKfp(req, res, body, chk) {
  const op = chk.route.op.operationId;
  const q = chk.query;
  switch (op) {
    case 'UploadPipeline': {
      const spec = pipelineSpecOf(chk.body.uploadfile || '');
      if (!spec) return rpcError(res, 400, 3, 'Failed to upload pipeline: the file is not a KFP pipeline spec (pipelineInfo, root)');
      const name = q.name || q.display_name || 'pipeline';
      if (state.pipelines.find((p) => p.name === name && p.namespace === (q.namespace || '')))
        return rpcError(res, 409, 6, `Failed to create a pipeline: pipeline with name ${name} already exists`);
      const p = { pipeline_id: id('p'), name, display_name: q.display_name || name, description: q.description || '', created_at: now(), namespace: q.namespace || '' };
      state.pipelines.push(p);
      state.versions.push({ pipeline_id: p.pipeline_id, pipeline_version_id: id('v'), name, display_name: name, created_at: now(), spec });
      return reply(res, chk.route, p);
    }
    case 'UploadPipelineVersion': {
      const spec = pipelineSpecOf(chk.body.uploadfile || '');
      if (!spec) return rpcError(res, 400, 3, 'Failed to upload pipeline version: not a KFP pipeline spec');
      if (!q.pipelineid || !state.pipelines.find((p) => p.pipeline_id === q.pipelineid))
        return rpcError(res, 404, 5, `pipeline ${q.pipelineid} not found`);
      const v = { pipeline_id: q.pipelineid, pipeline_version_id: id('v'), name: q.name || 'v', display_name: q.display_name || q.name || 'v', created_at: now() };
      state.versions.push({ ...v, spec });
      return reply(res, chk.route, v);
    }
    case 'PipelineService_GetPipelineByName': {
      const p = state.pipelines.find((x) => x.name === chk.params.name);
      return p ? reply(res, chk.route, p) : rpcError(res, 404, 5, `pipeline ${chk.params.name} not found`);
    }
    case 'PipelineService_ListPipelineVersions': {
      const vs = state.versions.filter((v) => v.pipeline_id === chk.params.pipeline_id).reverse();
      const n = Number(q.page_size || vs.length);
      const out = vs.slice(0, n).map(({ spec, ...v }) => v);
      return reply(res, chk.route, { pipeline_versions: out, total_size: vs.length });
    }
    case 'ExperimentService_ListExperiments': {
      let ex = state.experiments.filter((e) => (e.namespace || '') === (q.namespace || ''));
      if (q.filter) {
        let f;
        try { f = JSON.parse(q.filter); } catch { return rpcError(res, 400, 3, 'filter is not valid JSON'); }
        for (const p of f.predicates || []) if (p.key === 'display_name') ex = ex.filter((e) => e.display_name === p.string_value);
      }
      return reply(res, chk.route, { experiments: ex, total_size: ex.length });
    }
    case 'ExperimentService_CreateExperiment': {
      if (!chk.body.display_name) return rpcError(res, 400, 3, 'experiment display_name is required');
      const e = { experiment_id: id('e'), display_name: chk.body.display_name, namespace: chk.body.namespace || '', created_at: now(), storage_state: 'AVAILABLE' };
      state.experiments.push(e);
      return reply(res, chk.route, e);
    }
    case 'RunService_CreateRun':
    case 'RecurringRunService_CreateRecurringRun': {
      const b = chk.body;
      const ref = b.pipeline_version_reference;
      if (!b.pipeline_spec && !(ref && ref.pipeline_id)) return rpcError(res, 400, 3, 'a run needs pipeline_version_reference or pipeline_spec');
      if (ref && !state.pipelines.find((p) => p.pipeline_id === ref.pipeline_id)) return rpcError(res, 404, 5, `pipeline ${ref.pipeline_id} not found`);
      if (b.experiment_id && !state.experiments.find((e) => e.experiment_id === b.experiment_id)) return rpcError(res, 404, 5, `experiment ${b.experiment_id} not found`);
      if (op === 'RunService_CreateRun') {
        const r = { ...b, run_id: id('r'), created_at: now(), state: 'PENDING', storage_state: 'AVAILABLE' };
        state.runs.push(r);
        return reply(res, chk.route, r);
      }
      if (!b.trigger || (!b.trigger.cron_schedule && !b.trigger.periodic_schedule)) return rpcError(res, 400, 3, 'a recurring run needs a trigger');
      const r = { ...b, recurring_run_id: id('rr'), created_at: now(), status: 'ENABLED' };
      state.recurring.push(r);
      return reply(res, chk.route, r);
    }
    case 'RunService_GetRun': {
      const r = state.runs.find((x) => x.run_id === chk.params.run_id);
      return r ? reply(res, chk.route, r) : rpcError(res, 404, 5, 'run not found');
    }
    case 'HealthzService_GetHealthz':
      return reply(res, chk.route, { multi_user: false });
    default:
      return rpcError(res, 501, 12, `${op} is not implemented by the mock`);
  }
}

// Argo Server: POST /api/v1/workflows/{namespace}[/lint]
function handleArgo(req, res, body, m) {
  let b;
  try { b = JSON.parse(body); } catch { return send(res, 400, { code: 3, message: 'body is not JSON' }); }
  const wf = b && b.workflow;
  const problems = [];
  if (!wf || typeof wf !== 'object') problems.push('workflow is required');
  else {
    if (wf.apiVersion !== 'argoproj.io/v1alpha1') problems.push('workflow.apiVersion must be argoproj.io/v1alpha1');
    if (wf.kind !== 'Workflow') problems.push('workflow.kind must be Workflow');
    const names = new Set((wf.spec?.templates || []).map((t) => t.name));
    if (!wf.spec?.entrypoint || !names.has(wf.spec.entrypoint)) problems.push('spec.entrypoint must name a template');
    if (!wf.metadata?.name && !wf.metadata?.generateName) problems.push('metadata.name or generateName is required');
  }
  if (b && b.namespace && b.namespace !== m[1]) problems.push('namespace in body and path differ');
  if (problems.length) return send(res, 400, { code: 3, message: problems.join('; ') });
  const out = { ...wf, metadata: { ...wf.metadata, name: wf.metadata.name || wf.metadata.generateName + 'x7k2q', namespace: m[1] } };
  if (!m[2]) state.workflows.push(out);
  send(res, 200, out);
}

const ARGO_ROUTE = /^\/api\/v1\/workflows\/([a-z0-9-]+)(\/lint)?$/;
// Why a CORS preflight is refused ('' when it is allowed).
function preflightProblem(req, url) {
  const origin = req.headers.origin;
  if (!originAllowed(origin)) return `origin ${origin || '(none)'} is not allowed`;
  const method = String(req.headers['access-control-request-method'] || '');
  const known = (method === 'POST' && ARGO_ROUTE.test(url.pathname)) || findRoute(sw, method, url.pathname);
  if (!known) return `no ${method} ${url.pathname} in the API`;
  const asked = String(req.headers['access-control-request-headers'] || '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  const bad = asked.filter((h) => h !== 'authorization' && h !== 'content-type');
  return bad.length ? `headers not allowed: ${bad.join(', ')}` : '';
}

const server = http.createServer((req, res) => {
  let chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname.startsWith('/__mock/')) {
      if (url.pathname === '/__mock/requests') return send(res, 200, log);
      if (url.pathname === '/__mock/state') return send(res, 200, state);
      if (url.pathname === '/__mock/reset') { reset(); return send(res, 200, {}); }
      return send(res, 404, {});
    }
    log.push({ method: req.method, url: req.url, headers: req.headers, body });
    if (delay > 0 && req.method !== 'OPTIONS') return setTimeout(() => answer(req, res, url, body), delay);
    answer(req, res, url, body);
  });
});

function answer(req, res, url, body) {
  if (req.method === 'OPTIONS') {
    const why = preflightProblem(req, url);
    res.writeHead(why ? 403 : 204, why ? { 'content-type': 'text/plain' } : corsHeaders(req));
    return res.end(why);
  }
  if (token && req.headers.authorization !== `Bearer ${token}`)
    return rpcError(res, 401, 16, 'Unauthenticated: request has no valid bearer token');
  const argo = ARGO_ROUTE.exec(url.pathname);
  if (argo && req.method === 'POST') return handleArgo(req, res, body, argo);
  const chk = checkRequest(sw, { method: req.method, url: req.url, headers: req.headers, body });
  if (chk.problems.length) return rpcError(res, 400, 3, 'mock KFP API refused the request: ' + chk.problems.join('; '));
  handleKfp(req, res, body, chk);
}

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
