// Junction's operator console. Every view is drawn from the operations API (/api/ops/*) and readiness (/q/health);
// every action is an API call. The key or token the operator signs in with stays in this tab's sessionStorage and
// travels in a header (X-API-Key or Authorization), never in a cookie: a page on another site cannot make the browser
// send it, which is what keeps the actions safe from cross-site request forgery, and no server holds a session that
// another replica would have to know. Data is put on the page as text nodes only (see el()), never as HTML.
'use strict';

const AUTH = 'junction.console.auth';
const OPS = '/api/ops';
let refresh = null;
/** The latest replay job started from this tab: the dead-letter list keeps showing how it went. */
let lastJob = null;
let me = { name: '', roles: [] };

// --- DOM and HTTP helpers ------------------------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Puts children on a page, skipping absent ones (DOM append would write them as the text "null"). */
function show(parent, ...children) {
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) parent.append(child);
  }
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  for (const child of children.flat()) node.append(child instanceof Node ? child : document.createTextNode(child));
  return node;
}

function credentials() {
  try { return JSON.parse(sessionStorage.getItem(AUTH)); } catch (e) { return null; }
}

class ApiError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.title) || ('HTTP ' + status));
    this.status = status;
  }
}

async function api(method, path, body) {
  const auth = credentials();
  const headers = { 'Accept': 'application/json' };
  if (auth && auth.scheme === 'key') headers['X-API-Key'] = auth.value;
  if (auth && auth.scheme === 'bearer') headers['Authorization'] = 'Bearer ' + auth.value;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, credentials: 'omit', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (response.status === 401 && path !== OPS + '/about') {
    signOut('Your key or token is no longer accepted; sign in again.');
    throw new ApiError(401, json);
  }
  if (!response.ok && !(path.startsWith('/q/health') && json)) throw new ApiError(response.status, json);
  return { status: response.status, json, headers: response.headers };
}

function banner(message, bad) {
  const node = document.getElementById('banner');
  node.textContent = message || '';
  node.hidden = !message;
  node.className = bad ? 'bad' : '';
}

function canAct() { return me.roles.includes('operator'); }

function actionButton(label, handler, extra) {
  return el('button', Object.assign({ type: 'button', disabled: !canAct(),
    title: canAct() ? null : 'Needs the operator role', onclick: async (event) => {
      event.target.disabled = true;
      try { await handler(); } catch (e) { banner(e.message, true); } finally { event.target.disabled = !canAct(); }
    } }, extra || {}), label);
}

function pill(text, kind) { return el('span', { class: 'pill ' + (kind || '') }, text); }
function when(iso) { return iso ? new Date(iso).toLocaleString() : ''; }
function statusKind(status) {
  return status === 'Started' ? 'ok' : status === 'Suspended' || status === 'Stopped' ? 'warn' : 'bad';
}

// --- Sign in -------------------------------------------------------------------------------------------------------

function signOut(message) {
  sessionStorage.removeItem(AUTH);
  me = { name: '', roles: [] };
  location.hash = '#/login';
  if (message) banner(message, true);
}

function loginPage(main) {
  document.getElementById('nav').hidden = true;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('who').textContent = '';
  const scheme = el('select', { id: 'login-scheme' },
    el('option', { value: 'key' }, 'API key (X-API-Key)'), el('option', { value: 'bearer' }, 'Bearer token (JWT)'));
  const secret = el('input', { id: 'login-secret', type: 'password', autocomplete: 'off', required: true });
  const error = el('p', { class: 'bad', id: 'login-error' });
  const form = el('form', { class: 'login', id: 'login-form' },
    el('h1', {}, 'Sign in to the Junction console'),
    el('p', { class: 'muted' }, 'With the key or token of a client that has the operator role (to act) or the'
      + ' viewer role (to look). It is kept in this browser tab only.'),
    el('label', { for: 'login-scheme' }, 'Credential'), scheme,
    el('label', { for: 'login-secret' }, 'Key or token'), secret,
    el('p', {}, el('button', { type: 'submit', class: 'primary', id: 'login-submit' }, 'Sign in')), error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    sessionStorage.setItem(AUTH, JSON.stringify({ scheme: scheme.value, value: secret.value.trim() }));
    try {
      await loadMe();
      banner('');
      // On to the page that was asked for (a link to a dead letter, say), or the overview.
      if (!location.hash || location.hash === '#/login') location.hash = '#/overview'; else render();
    } catch (e) {
      sessionStorage.removeItem(AUTH);
      error.textContent = e.status === 401 ? 'That key or token was not accepted.'
        : e.status === 403 ? 'That client has neither the operator nor the viewer role.' : e.message;
    }
  });
  show(main, form);
}

async function loadMe() {
  const about = (await api('GET', OPS + '/about')).json;
  me = { name: about.you.name || '', roles: about.you.roles || [] };
  document.getElementById('who').textContent = me.name + ' (' + (canAct() ? 'operator' : 'viewer') + ')';
  document.getElementById('nav').hidden = false;
  document.getElementById('sign-out').hidden = false;
  return about;
}

// --- Overview ------------------------------------------------------------------------------------------------------

async function overviewPage(main) {
  show(main, el('h1', {}, 'Overview'));
  const showInternal = el('input', { type: 'checkbox', id: 'show-internal' });
  const routesBox = el('div', { id: 'routes' });
  const readyBox = el('div', { id: 'readiness' });
  const aboutBox = el('div', { id: 'versions' });
  show(main, el('div', { class: 'row' }, el('span', { class: 'muted' }, 'Refreshed every 5 s.'),
    el('label', {}, el('span', {}, showInternal, ' also the operations API\'s own routes'))),
    routesBox, el('div', { class: 'grid2' }, el('div', {}, el('h2', {}, 'Readiness'), readyBox),
      el('div', {}, el('h2', {}, 'Versions'), aboutBox)));
  showInternal.addEventListener('change', () => draw());
  const draw = async () => {
    const [routes, ready, about] = await Promise.all([api('GET', OPS + '/routes'), api('GET', '/q/health/ready'),
      api('GET', OPS + '/about')]);
    routesBox.replaceChildren(routesTable(routes.json.filter(r => showInternal.checked || !r.internal)));
    readyBox.replaceChildren(readiness(ready.json));
    const v = about.json.versions;
    aboutBox.replaceChildren(el('table', {}, Object.entries(v).map(([k, value]) => el('tr', {}, el('th', {}, k),
      el('td', {}, value))), el('tr', {}, el('th', {}, 'profile'), el('td', {}, about.json.profile))));
  };
  await draw();
  refresh = setInterval(() => draw().catch(e => banner(e.message, true)), 5000);
}

function routesTable(routes) {
  return el('table', { id: 'routes-table' },
    el('tr', {}, ['Route', 'Source', 'Status', 'Exchanges', 'Failed', 'In flight', 'p50 ms', 'p99 ms', 'SLO',
      'Last error', ''].map(h => el('th', { class: ['Exchanges', 'Failed', 'In flight', 'p50 ms', 'p99 ms']
      .includes(h) ? 'num' : null }, h))),
    routes.map(r => el('tr', { 'data-route': r.id },
      el('td', {}, el('a', { href: '#/routes/' + encodeURIComponent(r.id) }, r.id)),
      el('td', { class: 'muted' }, r.source),
      el('td', {}, pill(r.status, statusKind(r.status)), r.supervision ? [' ', pill(r.supervision, 'bad')] : null),
      el('td', { class: 'num' }, r.exchanges.total),
      el('td', { class: 'num', title: 'failed, and in brackets failed but handled (dead-lettered, answered)' },
        r.exchanges.failed, r.exchanges.failuresHandled ? ' (' + r.exchanges.failuresHandled + ')' : ''),
      el('td', { class: 'num' }, r.exchanges.inflight),
      el('td', { class: 'num' }, r.slo && r.slo.p50Ms !== undefined ? r.slo.p50Ms : ''),
      el('td', { class: 'num' }, r.slo && r.slo.p99Ms !== undefined ? r.slo.p99Ms : ''),
      el('td', {}, r.slo ? pill(r.slo.met ? 'met' : 'breached', r.slo.met ? 'ok' : 'bad') : ''),
      el('td', { class: 'bad' }, r.lastError ? (r.lastError.message || r.lastError) : ''),
      el('td', {}, routeActions(r)))));
}

function routeActions(route) {
  const act = (action) => actionButton(action, async () => {
    const answer = await api('POST', OPS + '/routes/' + encodeURIComponent(route.id) + '/' + action.toLowerCase());
    banner('Route ' + route.id + ' is ' + answer.json.status + '.');
    render();
  }, { 'data-action': action.toLowerCase() + '-' + route.id });
  return route.status === 'Suspended' ? act('Resume') : route.status === 'Started' ? act('Suspend') : act('Restart');
}

function readiness(health) {
  return el('table', {}, (health.checks || []).map(check => el('tr', {},
    el('td', {}, pill(check.status, check.status === 'UP' ? 'ok' : 'bad')), el('td', {}, check.name),
    el('td', { class: 'muted' }, check.data ? Object.entries(check.data).map(([k, v]) => k + ': ' + v).join('; ')
      : ''))));
}

// --- Topology ------------------------------------------------------------------------------------------------------

async function topologyPage(main) {
  const graph = (await api('GET', OPS + '/topology')).json;
  const showInternal = el('input', { type: 'checkbox', id: 'topology-internal' });
  const holder = el('div', { id: 'topology' });
  show(main, el('h1', {}, 'Topology'),
    el('div', { class: 'row legend' }, el('span', {}, 'Routes (click one for its steps and file), HTTP paths, Kafka'
      + ' topics, SQL tables, directories and schedules; arrows point the way messages go.'),
    el('label', {}, el('span', {}, showInternal, ' also the operations API'))), holder);
  const draw = () => holder.replaceChildren(drawGraph(graph, showInternal.checked));
  showInternal.addEventListener('change', draw);
  draw();
}

// A layered drawing: each node sits one column right of the furthest node that feeds it, so an integration reads
// left to right from where messages enter to where they end up.
function drawGraph(graph, withInternal) {
  const hidden = new Set(graph.nodes.filter(n => n.internal && !withInternal).map(n => n.id));
  const edges = graph.edges.filter(e => !hidden.has(e.from) && !hidden.has(e.to) && e.from !== e.to);
  const linked = new Set(edges.flatMap(e => [e.from, e.to]));
  const nodes = graph.nodes.filter(n => !hidden.has(n.id) && (linked.has(n.id) || n.kind === 'route'));
  const column = new Map(nodes.map(n => [n.id, 0]));
  for (let pass = 0; pass < nodes.length; pass++) {
    let moved = false;
    for (const e of edges) {
      const next = Math.min(column.get(e.from) + 1, 12);
      if (column.has(e.to) && column.get(e.to) < next) { column.set(e.to, next); moved = true; }
    }
    if (!moved) break;
  }
  const columns = [];
  for (const n of nodes) (columns[column.get(n.id)] = columns[column.get(n.id)] || []).push(n);
  const W = 210, H = 30, GAP_X = 70, GAP_Y = 12;
  const place = new Map();
  columns.forEach((list, c) => (list || []).forEach((n, r) => place.set(n.id, { x: 10 + c * (W + GAP_X),
    y: 10 + r * (H + GAP_Y) })));
  const width = 20 + columns.length * (W + GAP_X);
  const height = 20 + Math.max(1, ...Array.from(columns, l => (l || []).length)) * (H + GAP_Y);
  const picture = svg('svg', { width, height, viewBox: '0 0 ' + width + ' ' + height, id: 'topology-svg' },
    svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '6',
      markerHeight: '6', orient: 'auto' }, svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#9aa7b4' }))));
  for (const e of edges) {
    const a = place.get(e.from), b = place.get(e.to);
    if (!a || !b) continue;
    const x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2;
    const bend = Math.max(30, Math.abs(x2 - x1) / 2);
    picture.append(svg('path', { class: 'edge', 'marker-end': 'url(#arrow)',
      d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}` }));
  }
  for (const n of nodes) {
    const p = place.get(n.id);
    const label = n.label.length > 34 ? n.label.substring(0, 33) + '…' : n.label;
    const group = svg('g', { class: 'node ' + n.kind + (n.status ? ' ' + n.status.toLowerCase() : ''),
      'data-node': n.id }, svg('title', {}, n.label + (n.status ? ' (' + n.status + ')' : '')),
    svg('rect', { x: p.x, y: p.y, width: W, height: H, rx: n.kind === 'route' ? 4 : 14 }),
    svg('text', { x: p.x + 8, y: p.y + 19 }, label));
    if (n.kind === 'route') {
      const link = svg('a', { href: '#/routes/' + encodeURIComponent(n.route) });
      link.append(group);
      picture.append(link);
    } else {
      picture.append(group);
    }
  }
  return picture;
}

async function routePage(main, id) {
  const definition = (await api('GET', OPS + '/topology/routes/' + encodeURIComponent(id))).json;
  const routes = (await api('GET', OPS + '/routes')).json;
  const route = routes.find(r => r.id === id);
  show(main, el('h1', {}, 'Route ', id),
    route ? el('p', {}, pill(route.status, statusKind(route.status)), ' from ', el('code', {}, definition.from), ' ',
      routeActions(route)) : null,
    el('div', { class: 'grid2' },
      el('div', { class: 'steps' }, el('h2', {}, 'Steps'), stepList(definition.steps)),
      el('div', {}, el('h2', {}, 'Source: ', definition.sourceFile),
        definition.sourceText ? el('pre', { id: 'route-source' }, definition.sourceText)
          : el('p', { class: 'muted' }, 'A Java route: its source is in the application.'))));
}

function stepList(steps) {
  return el('ul', {}, (steps || []).map(s => el('li', {}, el('b', {}, s.step), ' ',
    el('span', { class: 'muted' }, s.label), s.id ? ' [' + s.id + ']' : '', s.steps ? stepList(s.steps) : null)));
}

// --- Dead letters --------------------------------------------------------------------------------------------------

const FILTERS = ['route', 'status', 'exception', 'from', 'to', 'correlationId', 'key'];

async function deadLettersPage(main, query) {
  const filter = {};
  FILTERS.forEach(f => { if (query.get(f)) filter[f] = query.get(f); });
  const offset = Number(query.get('offset') || 0);
  const params = new URLSearchParams(Object.assign({}, filter, { offset, limit: 50 }));
  const [page, routes] = await Promise.all([api('GET', OPS + '/dead-letters?' + params),
    api('GET', OPS + '/routes')]);
  const inputs = {
    route: el('select', { name: 'route' }, el('option', { value: '' }, 'any route'),
      routes.json.filter(r => !r.internal).map(r => el('option', { value: r.id, selected: r.id === filter.route },
        r.id))),
    status: el('select', { name: 'status' }, ['', 'PENDING,REPLAY_FAILED', 'PENDING', 'REPLAY_FAILED', 'REPLAYING',
      'REPLAYED', 'DISCARDED'].map(s => el('option', { value: s, selected: s === (filter.status || '') },
      s || 'any status'))),
    exception: el('input', { name: 'exception', value: filter.exception || '', placeholder: 'part of the class' }),
    from: el('input', { name: 'from', type: 'datetime-local', value: local(filter.from) }),
    to: el('input', { name: 'to', type: 'datetime-local', value: local(filter.to) }),
    correlationId: el('input', { name: 'correlationId', value: filter.correlationId || '' }),
    // The Kafka record key (an order's id): the one part of a message kept searchable, the rest is encrypted.
    key: el('input', { name: 'key', value: filter.key || '', placeholder: 'record key' }),
  };
  const form = el('form', { class: 'row', id: 'dead-letter-filter' },
    FILTERS.map(f => el('label', {}, f, inputs[f])), el('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    FILTERS.forEach(f => {
      const value = inputs[f].value.trim();
      if (value) next.set(f, f === 'from' || f === 'to' ? new Date(value).toISOString() : value);
    });
    location.hash = '#/dead-letters?' + next;
  });
  const job = el('div', { id: 'replay-job' });
  show(main, el('h1', {}, 'Dead letters'), form,
    el('p', {}, page.json.total + ' match. ',
      actionButton('Replay all that match, in the background', async () => {
        const started = await api('POST', OPS + '/replay-jobs', { filter });
        lastJob = started.json.id;
        followJob(job, lastJob, render);
      }, { id: 'replay-matching' })), job,
    el('table', { id: 'dead-letter-table' },
      el('tr', {}, ['Id', 'Route', 'Status', 'Exception', 'Attempts', 'Last failed', 'Correlation id']
        .map(h => el('th', {}, h))),
      page.json.items.map(d => el('tr', { 'data-id': d.id },
        el('td', {}, el('a', { href: '#/dead-letters/' + d.id }, d.id.substring(0, 8))),
        el('td', {}, d.route), el('td', {}, pill(d.status, d.status === 'REPLAYED' ? 'ok'
          : d.status === 'DISCARDED' ? '' : 'warn')),
        el('td', {}, d.exception.class ? d.exception.class.replace(/^.*\./, '') : '',
          el('div', { class: 'muted' }, d.exception.message || '')),
        el('td', { class: 'num' }, d.attempts), el('td', {}, when(d.lastFailedAt)),
        el('td', { class: 'muted' }, d.correlationId || '')))),
    pager(page.json, filter));
  if (lastJob) followJob(job, lastJob, null);
}

function local(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().substring(0, 16);
}

function pager(page, filter) {
  const link = (offset, text) => el('a', { href: '#/dead-letters?' + new URLSearchParams(Object.assign({}, filter,
    { offset })) }, text);
  return el('p', {}, page.offset > 0 ? link(Math.max(0, page.offset - page.limit), '← newer') : null, ' ',
    page.offset + page.limit < page.total ? link(page.offset + page.limit, 'older →') : null);
}

// A bulk replay runs as a job on the server; the page only watches its progress, and may be left and come back.
// When a job it saw running ends, finished() draws the list again, with the letters' new status.
async function followJob(box, jobId, finished) {
  const bar = el('div');
  const text = el('span', { id: 'replay-job-status' });
  box.replaceChildren(el('div', { class: 'row' }, el('div', { class: 'progress' }, bar), text));
  for (;;) {
    const job = (await api('GET', OPS + '/replay-jobs/' + encodeURIComponent(jobId) + '?limit=1')).json;
    bar.style.width = (job.total ? Math.round(100 * job.done / job.total) : 100) + '%';
    text.textContent = 'Job ' + job.id.substring(0, 8) + ': ' + job.status + ', ' + job.done + ' of ' + job.total
      + ' done (' + job.replayed + ' replayed, ' + job.replayFailed + ' failed again, ' + job.refused
      + ' refused)';
    if (job.status !== 'QUEUED' && job.status !== 'RUNNING') {
      if (finished) finished();
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 700));
  }
}

async function deadLetterPage(main, id) {
  const d = (await api('GET', OPS + '/dead-letters/' + encodeURIComponent(id))).json;
  const body = el('textarea', { id: 'dead-letter-body', rows: 12 }, d.body === null ? '' : d.body);
  const force = el('input', { type: 'checkbox', id: 'replay-force' });
  const reason = el('input', { id: 'discard-reason', placeholder: 'why it is discarded', size: 40 });
  const replay = actionButton('Replay', async () => {
    const request = {};
    if (body.value !== (d.body === null ? '' : d.body)) {
      request.body = body.value;
      request.bodyEncoding = d.bodyEncoding;
    }
    if (force.checked) request.force = true;
    try {
      const outcome = (await api('POST', OPS + '/dead-letters/' + encodeURIComponent(id) + '/replay', request)).json;
      banner('Replay ' + outcome.outcome + ': ' + outcome.detail, outcome.outcome !== 'REPLAYED');
    } catch (e) {
      banner('Replay refused: ' + e.message, true);
    }
    render();
  }, { id: 'replay', class: 'primary' });
  const discard = actionButton('Discard', async () => {
    try {
      await api('POST', OPS + '/dead-letters/' + encodeURIComponent(id) + '/discard', { reason: reason.value });
      banner('Dead letter ' + id + ' discarded.');
    } catch (e) {
      banner('Discard refused: ' + e.message, true);
    }
    render();
  }, { id: 'discard' });
  show(main, el('h1', {}, 'Dead letter ', id),
    el('div', { class: 'cards' },
      card('Status', pill(d.status, d.status === 'REPLAYED' ? 'ok' : 'warn'), d.discardReason
        ? el('div', { class: 'muted' }, 'Discarded' + (d.discardedBy ? ' by ' + d.discardedBy : '') + ': '
          + d.discardReason) : null),
      card('Route', el('a', { href: '#/routes/' + encodeURIComponent(d.route) }, d.route)),
      card('Attempts', d.attempts), card('First failed', when(d.firstFailedAt)),
      card('Last failed', when(d.lastFailedAt)), card('Correlation id', d.correlationId || '')),
    el('h2', {}, 'Exception'),
    el('p', { class: 'bad', id: 'dead-letter-exception' }, d.exception.class, ': ', d.exception.message),
    d.failedEndpoint ? el('p', { class: 'muted' }, 'Failed at ', d.failedEndpoint) : null,
    d.stackSummary ? el('pre', {}, d.stackSummary) : null,
    el('h2', {}, 'Message'),
    el('p', { class: 'muted' }, (d.contentType || 'no content type') + ', body as ' + d.bodyEncoding
      + '. Edit it and replay to send the fixed message into the route.'), body,
    el('p', { class: 'row' }, replay, el('label', {}, el('span', {}, force, ' force (replay again)')),
      reason, discard),
    el('h2', {}, 'Headers'),
    el('table', {}, Object.entries(d.headers || {}).map(([k, v]) => el('tr', {}, el('th', {}, k),
      el('td', {}, typeof v === 'string' ? v : JSON.stringify(v))))),
    el('h2', {}, 'Replays'),
    el('table', { id: 'dead-letter-replays' }, el('tr', {}, ['#', 'At', 'Outcome', 'By', 'Edited', 'Forced',
      'Exception'].map(h => el('th', {}, h))),
    (d.replays || []).map(r => el('tr', {}, el('td', {}, r.replayNo), el('td', {}, when(r.replayedAt)),
      el('td', {}, pill(r.outcome, r.outcome === 'REPLAYED' ? 'ok' : 'bad')), el('td', {}, r.by || ''),
      el('td', {}, r.edited ? 'yes' : ''), el('td', {}, r.forced ? 'yes' : ''),
      el('td', { class: 'muted' }, r.exception ? r.exception.class + ': ' + r.exception.message : '')))));
}

function card(title, ...value) {
  return el('div', { class: 'card' }, el('div', { class: 'muted' }, title), el('div', {}, value));
}

// --- Reloads and audit ---------------------------------------------------------------------------------------------

async function reloadsPage(main) {
  const [files, routes] = await Promise.all([api('GET', OPS + '/route-files'), api('GET', OPS + '/routes')]);
  const byId = new Map(routes.json.map(r => [r.id, r]));
  show(main, el('h1', {}, 'Route files and reloads'),
    el('h2', {}, 'Running'),
    el('table', { id: 'route-files' }, el('tr', {}, el('th', {}, 'File'), el('th', {}, 'Routes')),
      Object.entries(files.json.files).map(([file, ids]) => el('tr', {}, el('td', {}, file,
        files.json.refused.includes(file) ? [' ', pill('latest edit refused', 'bad')] : null),
      el('td', {}, ids.map(id => el('div', {}, el('a', { href: '#/routes/' + encodeURIComponent(id) }, id), ' ',
        byId.has(id) ? [pill(byId.get(id).status, statusKind(byId.get(id).status)), ' ', routeActions(byId.get(id))]
          : null)))))),
    el('h2', {}, 'Recent reloads'),
    el('table', { id: 'reloads' }, el('tr', {}, ['At', 'File', 'Change', 'Outcome', 'Problems', 'Routes', 'ms']
      .map(h => el('th', {}, h))),
    files.json.reloads.map(r => el('tr', {}, el('td', {}, when(r.at)), el('td', {}, r.file), el('td', {}, r.change),
      el('td', {}, pill(r.ok ? 'accepted' : 'refused', r.ok ? 'ok' : 'bad')),
      el('td', { class: 'bad' }, (r.problems || []).map(p => el('div', {}, p))),
      el('td', {}, (r.routes || []).join(', ')), el('td', { class: 'num' }, r.durationMs)))));
}

async function auditPage(main) {
  const audit = (await api('GET', OPS + '/audit?limit=200')).json;
  show(main, el('h1', {}, 'Audit'), el('p', { class: 'muted' }, 'Every action taken through the operations API,'
    + ' newest first, with who took it.'),
  el('table', { id: 'audit' }, el('tr', {}, ['At', 'Who', 'Action', 'Target', 'Detail'].map(h => el('th', {}, h))),
    audit.items.map(a => el('tr', {}, el('td', {}, when(a.at)), el('td', {}, a.actor), el('td', {}, a.action),
      el('td', {}, a.target), el('td', { class: 'muted' }, a.detail || '')))));
}

// --- Routing -------------------------------------------------------------------------------------------------------

const PAGES = { overview: overviewPage, topology: topologyPage, 'dead-letters': deadLettersPage, reloads: reloadsPage,
  audit: auditPage };

async function render() {
  if (refresh) { clearInterval(refresh); refresh = null; }
  const main = document.getElementById('main');
  main.replaceChildren();
  const [path, queryText] = location.hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').map(decodeURIComponent);
  if (!credentials()) {
    loginPage(main);
    return;
  }
  try {
    if (!me.name) await loadMe();
    document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.dataset.page === parts[0]));
    const query = new URLSearchParams(queryText || '');
    if (parts[0] === 'routes' && parts[1]) await routePage(main, parts[1]);
    else if (parts[0] === 'dead-letters' && parts[1]) await deadLetterPage(main, parts[1]);
    else await (PAGES[parts[0]] || overviewPage)(main, query);
  } catch (e) {
    if (credentials()) show(main, el('p', { class: 'bad', id: 'page-error' }, e.message));
    else loginPage(main);
  }
}

window.addEventListener('hashchange', () => { banner(''); render(); });
document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('sign-out').addEventListener('click', () => signOut());
  render();
});
