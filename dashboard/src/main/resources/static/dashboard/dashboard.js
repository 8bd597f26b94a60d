// The dashboard's only renderer: draws every part of index.html from GET /api/dashboard, keeps it current
// from /api/dashboard/stream (Server-Sent Events, the same JSON), and sends the controls' actions (listed by
// GET /api/dashboard/actions). No libraries: works offline.
(function () {
  'use strict';
  const KEY = 'pp-emulator-admin-key';
  const TIMELINE_SHOWN = 14;
  const $ = (id) => document.getElementById(id);

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined) el.setAttribute(k, v);
    }
    for (const c of children) {
      if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
    }
    return el;
  }
  const tone = (t) => 'pill tone-' + String(t || 'UNKNOWN').toLowerCase();
  const pill = (s, id) => h('span', { id: id, class: tone(s.tone), title: s.detail }, s.text);
  const time = (iso) => (iso && iso.length >= 19 ? iso.substring(11, 19) : '');
  const rate = (rps, ep) => (rps && ep in rps ? rps[ep].toFixed(1) : 'n/a');
  const total = (rps) => (rps ? Object.values(rps).reduce((a, b) => a + b, 0).toFixed(1) : 'n/a');
  const onOff = (b) => (b === null || b === undefined ? 'n/a' : b ? 'on' : 'off');
  const para = (cls, ...c) => h('p', cls ? { class: cls } : {}, ...c);

  function faults(n) {
    if (!n.faults) return 'faults: n/a';
    const active = Object.entries(n.faults)
      .filter(([, v]) => !(v === false || v === 0))
      .map(([k, v]) => (typeof v === 'boolean' ? k : k + '=' + v));
    return active.length ? 'faults: ' + active.join(', ') : 'no faults';
  }

  function gateway(g) {
    const waf = g.waf.enabledState ? g.waf.enabledState + (g.waf.mode ? ' (' + g.waf.mode + ')' : '') : 'n/a';
    return [pill(g.status, 'gateway-status'),
      g.status.detail ? para('detail', g.status.detail) : null,
      para(null, 'origin: ', h('b', {}, g.origin || 'n/a'), g.originStale ? ' (stale)' : ''),
      para(null, total(g.requestsPerSecond) + ' req/s'),
      para(null, 'CDN: ', h('b', {}, onOff(g.cdn.enabled)), ' \u00b7 WAF: ', h('b', {}, waf))];
  }

  function trafficManager(p) {
    if (!p) return [h('span', { class: 'pill tone-bad' }, 'No profile')];
    return [pill(p.profileMonitorStatus, 'profile-status'), para(null, p.routingMethod + ' routing'),
      para(null, 'DNS answers: ', h('b', { id: 'serving' }, p.servingEndpoint || 'NXDOMAIN')),
      p.allEndpointsDegraded ? para('detail', 'all endpoints Degraded: best effort') : null];
  }

  function nodeBox(n, g) {
    return h('div', { class: 'box node' + (n.serving ? ' serving' : ''), id: 'node-' + n.endpoint },
      h('h2', {}, n.endpoint + ' ', h('small', {}, 'priority ' + n.priority + (n.serving ? ' \u00b7 serving' : ''))),
      para(null, 'endpoint ', pill(n.monitorStatus, 'monitor-' + n.endpoint)),
      para(null, 'health ', pill(n.health, 'health-' + n.endpoint)),
      para('detail', faults(n) + ' \u00b7 ' + rate(g.requestsPerSecond, n.endpoint) + ' req/s'
        + (n.about && n.about.circuitBreaker ? ' \u00b7 store circuit ' + n.about.circuitBreaker : '')));
  }

  function store(s) {
    return [pill(s.status, 'store-status'), s.status.detail ? para('detail', s.status.detail) : null,
      para('detail', s.url)];
  }

  function endpointRow(n) {
    const st = n.monitorStatus.text;
    return h('tr', {}, h('td', {}, n.priority), h('td', {}, n.endpoint), h('td', {}, n.location),
      h('td', {}, n.target), h('td', {}, n.endpointStatus), h('td', {}, h('span', { class: 's ' + st }, st)),
      h('td', {}, n.lastProbe || 'none yet'));
  }

  function figures(s) {
    const g = s.gateway, out = [];
    for (const n of s.nodes) out.push(h('dt', {}, 'req/s ' + n.endpoint), h('dd', {}, rate(g.requestsPerSecond, n.endpoint)));
    out.push(h('dt', {}, 'CDN hit ratio'), h('dd', {}, g.cdn.hitRatio === null ? 'n/a' : Math.round(g.cdn.hitRatio * 100) + ' %'));
    out.push(h('dt', {}, 'WAF blocks'), h('dd', {}, g.waf.blocks === null ? 'n/a' : g.waf.blocks));
    out.push(h('dt', {}, 'Store'), h('dd', {}, s.store.status.text));
    return out;
  }

  function timelineItem(e) {
    const kind = e.kind.toLowerCase();
    return h('li', { class: 'kind-' + kind }, h('span', { class: tone(e.tone) }, kind), ' ',
      h('time', {}, time(e.time)), ' ' + e.text);
  }

  function button(a, target) {
    return h('button', { type: 'button', 'data-action': a.id, 'data-target': target,
      disabled: a.available ? null : 'disabled', title: a.available ? null : a.note }, a.button);
  }

  // One group per app node, then the edge and the store; drawn again only when the nodes change, so that
  // a button is never replaced under the pointer.
  let actions = [], controlsFor = null;
  function controls(nodes) {
    const key = nodes.map((n) => n.endpoint).join(' ');
    if (key === controlsFor) return;
    controlsFor = key;
    const group = (title, target, of, ...extra) => h('div', { class: 'group' }, h('h3', {}, title),
      ...actions.filter((a) => a.target === of).map((a) => button(a, target)), ...extra);
    $('action-groups').replaceChildren(...nodes.map((n) => group(n.endpoint, n.endpoint, 'NODE')),
      group('edge', null, 'GATEWAY'),
      group('store', null, 'STORE', h('span', { class: 'note' }, 'stopped = an outage: its Web API and token endpoint answer 503')));
  }

  function render(s) {
    if (s.profile) {
      $('fqdn').textContent = s.profile.fqdn; $('ttl').textContent = s.profile.ttl;
      $('profile-link').textContent = s.profile.name;
      $('profile-link').setAttribute('href', '/api/profiles/' + encodeURIComponent(s.profile.name));
    }
    $('updated').textContent = time(s.time) + ' UTC';
    $('gateway').replaceChildren(...gateway(s.gateway).filter(Boolean));
    $('tm').replaceChildren(...trafficManager(s.profile).filter(Boolean));
    $('nodes').replaceChildren(...s.nodes.map((n) => nodeBox(n, s.gateway)));
    $('store').replaceChildren(...store(s.store).filter(Boolean));
    $('endpoints').replaceChildren(...s.nodes.map(endpointRow));
    $('figures').replaceChildren(...figures(s));
    const hide = $('hide-probes').checked;
    const entries = s.timeline.filter((e) => !(hide && e.kind === 'PROBE')).slice(0, TIMELINE_SHOWN);
    $('timeline').replaceChildren(...entries.map(timelineItem));
    controls(s.nodes);
  }

  function connection(text, t) {
    const c = $('conn');
    c.textContent = text;
    c.className = 'pill tone-' + t;
  }

  let last = null;
  function connect() {
    const source = new EventSource('/api/dashboard/stream');
    source.addEventListener('snapshot', (event) => {
      last = JSON.parse(event.data);
      render(last);
      connection('Live', 'ok');
    });
    // EventSource reconnects by itself; say so meanwhile and keep the last picture
    source.onerror = () => connection('Reconnecting\u2026', 'warn');
  }

  function adminKey() {
    let key = sessionStorage.getItem(KEY);
    if (!key) {
      key = window.prompt('Admin key (X-Admin-Key) for the dashboard controls:');
      if (key) sessionStorage.setItem(KEY, key);
    }
    keyState();
    return key;
  }

  function keyState() {
    $('key-state').textContent = sessionStorage.getItem(KEY)
      ? 'Admin key remembered for this tab.' : 'Controls ask for the admin key once.';
  }

  async function act(button) {
    const key = adminKey();
    const result = $('action-result');
    if (!key) { result.textContent = 'No admin key given: nothing done.'; return; }
    const params = new URLSearchParams();
    if (button.dataset.target) params.set('target', button.dataset.target);
    if (button.dataset.action === 'add-latency') params.set('latencyMs', $('latency').value || '0');
    result.textContent = button.textContent + '\u2026';
    try {
      const response = await fetch('/api/dashboard/actions/' + button.dataset.action + '?' + params,
        { method: 'POST', headers: { 'X-Admin-Key': key } });
      const body = await response.json();
      if (response.status === 401) sessionStorage.removeItem(KEY);
      result.textContent = body.message || (body.error && body.error.message) || ('HTTP ' + response.status);
      keyState();
    } catch (e) {
      result.textContent = 'The traffic manager did not answer: ' + e;
    }
  }

  document.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (button && !button.disabled) act(button);
  });
  $('forget-key').addEventListener('click', () => { sessionStorage.removeItem(KEY); keyState(); });
  $('hide-probes').addEventListener('change', () => { if (last) render(last); });
  keyState();
  // the first picture from the JSON API, then the stream; Snapshot until the stream is connected
  Promise.all([fetch('/api/dashboard/actions').then((r) => r.json()), fetch('/api/dashboard').then((r) => r.json())])
    .then(([listed, snapshot]) => {
      actions = listed.value;
      if (!last) { last = snapshot; render(snapshot); connection('Snapshot', 'unknown'); }
    })
    .catch(() => connection('Reconnecting\u2026', 'warn'))
    .finally(connect);
})();
