// The dashboard's only renderer: draws every part of index.html from GET /api/dashboard, keeps it current
// from /api/dashboard/stream (Server-Sent Events, the same JSON), and sends the controls' actions (listed by
// GET /api/dashboard/actions). The charts are drawn with uPlot, served by the traffic manager from its WebJar
// (/webjars/uplot/...): nothing is fetched from elsewhere, so the page works offline.
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

  const perSecond = (v) => (v === null || v === undefined ? 'n/a' : v.toFixed(1));

  function instanceRow(i) {
    return h('li', { id: 'instance-' + i.name, 'data-instance': i.name },
      h('b', {}, i.name), ' :' + (i.port || '?') + ' ', pill(i.status, 'instance-status-' + i.name),
      ' ' + perSecond(i.requestsPerSecond) + ' req/s');
  }

  function nodeBox(n, g) {
    const instances = n.instances || [];
    return h('div', { class: 'box node' + (n.serving ? ' serving' : ''), id: 'node-' + n.endpoint },
      h('h2', {}, n.endpoint + ' ', h('small', {}, 'priority ' + n.priority + (n.serving ? ' \u00b7 serving' : ''))),
      para(null, 'endpoint ', pill(n.monitorStatus, 'monitor-' + n.endpoint)),
      para(null, 'health ', pill(n.health, 'health-' + n.endpoint)),
      para('detail', faults(n) + ' \u00b7 ' + rate(g.requestsPerSecond, n.endpoint) + ' req/s'
        + (n.about && n.about.circuitBreaker ? ' \u00b7 store circuit ' + n.about.circuitBreaker : '')),
      instances.length ? h('ul', { class: 'instances', 'aria-label': n.endpoint + ' instances' },
        ...instances.map(instanceRow)) : null);
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
    const key = nodes.map((n) => n.endpoint + ':' + (n.instances || []).map((i) => i.name).join(',')).join(' ');
    if (key === controlsFor) return;
    controlsFor = key;
    const group = (title, target, of, ...extra) => h('div', { class: 'group' }, h('h3', {}, title),
      ...actions.filter((a) => a.target === of).map((a) => button(a, target)), ...extra);
    // an instance's own controls (its own port's /_services/chaos), under its region's
    const instanceGroup = (i) => h('div', { class: 'group' }, h('h4', {}, i.name),
      ...actions.filter((a) => a.target === 'INSTANCE').map((a) => button(a, i.name)));
    const regionGroups = [];
    for (const n of nodes) {
      regionGroups.push(group(n.endpoint, n.endpoint, 'NODE'));
      for (const i of n.instances || []) regionGroups.push(instanceGroup(i));
    }
    $('action-groups').replaceChildren(...regionGroups,
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
    if (s.charts) charts.draw(s.charts);
  }

  // --- Charts: the last minutes of the snapshot's columns, with a vertical line at every event --------------------
  // window.ppDashboardCharts holds the uPlot instances, so that a test (or a curious trainer) can read their data.
  const charts = (function () {
    const PALETTE = ['#0033aa', '#c36a00', '#7a1fa2', '#007a7a', '#8a5a00', '#444444', '#b0006e', '#2d6a00'];
    const MARKER = { StatusChange: '#c50f1f', Scale: '#107c10' };
    let markers = [];
    const made = {};
    window.ppDashboardCharts = made;

    function drawMarkers(u) {
      const ctx = u.ctx, top = u.bbox.top, height = u.bbox.height;
      const [min, max] = [u.scales.x.min, u.scales.x.max];
      ctx.save();
      ctx.lineWidth = 2 * devicePixelRatio;
      ctx.font = (11 * devicePixelRatio) + 'px sans-serif';
      for (const m of markers) {
        const t = m.epochMillis / 1000;
        if (t < min || t > max) continue;
        const x = Math.round(u.valToPos(t, 'x', true));
        ctx.strokeStyle = ctx.fillStyle = MARKER[m.kind] || '#555';
        ctx.setLineDash(m.kind === 'Scale' ? [6 * devicePixelRatio, 4 * devicePixelRatio] : []);
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, top + height);
        ctx.stroke();
        ctx.fillText(m.text.length > 34 ? m.text.substring(0, 33) + '\u2026' : m.text, x + 3, top + 12 * devicePixelRatio);
      }
      ctx.restore();
    }

    function width(id) {
      return Math.max(260, $(id).parentElement.clientWidth - 16);
    }

    function series(labels) {
      return [{}].concat(labels.map((l, n) => ({
        label: l.label, stroke: l.color || PALETTE[n % PALETTE.length], width: l.dash ? 1.5 : 2.5,
        dash: l.dash ? [5, 4] : undefined, spanGaps: false, points: { show: false },
        value: (u, v) => (v === null || v === undefined ? 'n/a' : v.toFixed(1)) })));
    }

    function chart(id, labels, columns, windowSeconds) {
      const key = labels.map((l) => l.label).join('|');
      let c = made[id];
      if (c && c.key !== key) { c.plot.destroy(); c = null; }
      if (!c) {
        const opts = { width: width(id), height: 190, series: series(labels),
          scales: { x: { time: true }, y: { range: (u, lo, hi) => [0, Math.max(1, hi * 1.15)] } },
          axes: [{}, { size: 50 }], legend: { live: false }, cursor: { show: true },
          hooks: { draw: [drawMarkers] } };
        c = made[id] = { key: key, plot: new uPlot(opts, columns, $(id)) };
      } else {
        c.plot.setData(columns, false);
      }
      const last = columns[0].length ? columns[0][columns[0].length - 1] : Date.now() / 1000;
      c.plot.setScale('x', { min: last - windowSeconds, max: last });
    }

    return {
      draw(ch) {
        if (typeof uPlot === 'undefined') return; // the library did not load: the rest of the page still works
        markers = ch.markers || [];
        const times = ch.times.map((t) => t / 1000);
        $('chart-window').textContent = '(last ' + Math.round(ch.windowSeconds / 60) + ' min)';
        const rateLabels = [], rateColumns = [times];
        for (const [region, values] of Object.entries(ch.regionRps)) {
          rateLabels.push({ label: region });
          rateColumns.push(values);
        }
        for (const [instance, values] of Object.entries(ch.instanceRps)) {
          rateLabels.push({ label: instance, dash: true });
          rateColumns.push(values);
        }
        chart('chart-rate', rateLabels, rateColumns, ch.windowSeconds);
        chart('chart-failed', [{ label: 'failed/s', color: '#c50f1f' }], [times, ch.failedPerSecond], ch.windowSeconds);
        chart('chart-p95', [{ label: 'p95 ms', color: '#0033aa' }], [times, ch.p95Ms], ch.windowSeconds);
      }
    };
  })();

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
