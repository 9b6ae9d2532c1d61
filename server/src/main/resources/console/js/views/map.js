// The live map: the office's persons at their newest fix (GET /api/positions), clustered so 5,000 stay
// smooth; coloured by status (正常 / 告警 / 失联); their zones; new alerts arrive over the SSE stream
// without a reload (toast, marker turns red and pulses); moves come by polling positions?since=.
// Accuracy circles are drawn for the persons in view once zoomed in (5,000 circles at county zoom
// would be noise and slow), and always for the person whose card is open.
import { STATUS_COLOURS } from '../map.js';

const UUID = /^[0-9a-f-]{36}$/i;
const CIRCLES_FROM_ZOOM = 15;
const MAX_CIRCLES = 400;
const STATUSES = ['ALERT', 'NO_SIGNAL', 'OK', 'NO_FIX'];

export async function render(root, ctx, params) {
  const { api, t, i18n, format, maps } = ctx;
  const L = window.L;
  i18n.add(MESSAGES);
  root.classList.add('map-page');

  const side = document.createElement('aside');
  side.className = 'side-panel';
  side.dataset.test = 'map-panel';
  const mapEl = document.createElement('div');
  mapEl.dataset.test = 'live-map';
  root.append(mapEl, side);

  const title = document.createElement('h1');
  title.textContent = t('map.title');
  const counts = document.createElement('div');
  counts.className = 'status-counts';
  const asOf = document.createElement('p');
  asOf.className = 'muted small';
  asOf.dataset.test = 'map-as-of';
  const cardBox = document.createElement('div');
  cardBox.dataset.test = 'person-card-box';
  const liveTitle = document.createElement('h2');
  liveTitle.textContent = t('map.liveAlerts');
  const live = document.createElement('ol');
  live.className = 'live-alerts';
  live.dataset.test = 'live-alerts';
  const liveEmpty = document.createElement('p');
  liveEmpty.className = 'muted small';
  liveEmpty.textContent = t('map.noLiveAlerts');
  const legend = document.createElement('div');
  legend.className = 'legend';
  for (const s of ['OK', 'ALERT', 'NO_SIGNAL']) {
    const item = document.createElement('span');
    const dot = document.createElement('i');
    dot.className = 'status-dot ' + s;
    item.append(dot, t('status.' + s));
    legend.append(item);
  }
  side.append(title, counts, asOf, legend, cardBox, liveTitle, liveEmpty, live);

  const map = maps.create(mapEl);
  const persons = new Map();   // personId -> {data, marker}
  const cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50,
    spiderfyOnMaxZoom: true, iconCreateFunction: clusterIcon });
  const zones = L.featureGroup();
  const circles = L.layerGroup();
  const evidence = L.layerGroup();
  cluster.addTo(map);
  zones.addTo(map);
  circles.addTo(map);
  evidence.addTo(map);
  L.control.layers(null, { [t('map.layer.persons')]: cluster, [t('map.layer.zones')]: zones,
    [t('map.layer.accuracy')]: circles }, { collapsed: false, position: 'topright' }).addTo(map);

  let since = null;
  let selected = null;
  let closed = false;

  function clusterIcon(group) {
    const children = group.getAllChildMarkers();
    let alerts = 0;
    let silent = 0;
    for (const m of children) {
      if (m.status === 'ALERT') alerts += 1;
      else if (m.status === 'NO_SIGNAL') silent += 1;
    }
    const n = children.length;
    const kind = alerts > 0 ? 'alert' : (silent > 0 ? 'silent' : 'ok');
    const size = n < 10 ? 34 : n < 100 ? 40 : n < 1000 ? 46 : 52;
    return L.divIcon({ className: 'person-cluster cluster-' + kind,
      html: '<div data-test="person-cluster" data-count="' + n + '" data-alerts="' + alerts + '"><span>' + n
        + '</span>' + (alerts > 0 ? '<b>' + alerts + '</b>' : '') + '</div>',
      iconSize: [size, size] });
  }

  function icon(p, highlighted) {
    const id = UUID.test(p.personId) ? p.personId : '';
    return L.divIcon({ className: 'person-marker status-' + p.status + (highlighted ? ' highlighted' : ''),
      html: '<span data-test="person-marker" data-person-id="' + id + '" data-status="' + p.status
        + '" data-fix-time="' + (p.time ? String(p.time).replace(/[^0-9TZ:.+-]/g, '') : '') + '"></span>',
      iconSize: [16, 16], iconAnchor: [8, 8] });
  }

  function tooltip(p) {
    const el = document.createElement('span');
    el.textContent = (p.name || '') + ' · ' + t('status.' + p.status);
    return el;
  }

  function upsert(p) {
    const entry = persons.get(p.personId);
    const located = p.lat !== null && p.lat !== undefined && p.lon !== null && p.lon !== undefined;
    if (entry) {
      const was = entry.data;
      entry.data = p;
      if (!located) {
        if (entry.marker) { cluster.removeLayer(entry.marker); entry.marker = null; }
        return;
      }
      if (!entry.marker) {
        entry.marker = marker(p);
        cluster.addLayer(entry.marker);
        return;
      }
      const moved = was.lat !== p.lat || was.lon !== p.lon;
      const changed = was.status !== p.status;
      if (moved) {
        entry.marker.setLatLng([p.lat, p.lon]);
        // A person who alerted while the page is open is followed: the officer wants to see where they went.
        if (entry.highlighted && !map.getBounds().contains([p.lat, p.lon])) map.panTo([p.lat, p.lon]);
      }
      if (changed || moved || was.time !== p.time) {
        entry.marker.status = p.status;
        entry.marker.setIcon(icon(p, entry.highlighted));
        entry.marker.setTooltipContent(tooltip(p));
        // A cluster's colour depends on its members' statuses: recompute it.
        cluster.refreshClusters(entry.marker);
      }
      return;
    }
    persons.set(p.personId, { data: p, marker: null });
    if (located) {
      const m = marker(p);
      persons.get(p.personId).marker = m;
      cluster.addLayer(m);
    }
  }

  function marker(p) {
    const m = L.marker([p.lat, p.lon], { icon: icon(p, false), keyboard: false });
    m.status = p.status;
    m.personId = p.personId;
    m.bindTooltip(tooltip(p), { direction: 'top', offset: [0, -8] });
    m.on('click', () => select(p.personId));
    return m;
  }

  function remove(personId) {
    const entry = persons.get(personId);
    if (!entry) return;
    if (entry.marker) cluster.removeLayer(entry.marker);
    persons.delete(personId);
    if (selected === personId) select(null);
  }

  function drawCounts() {
    const n = { OK: 0, ALERT: 0, NO_SIGNAL: 0, NO_FIX: 0 };
    persons.forEach(e => { n[e.data.status] = (n[e.data.status] || 0) + 1; });
    counts.replaceChildren(...STATUSES.map(s => {
      const chip = document.createElement('div');
      chip.className = 'count-chip count-' + s;
      chip.dataset.test = 'count-' + s;
      const num = document.createElement('strong');
      num.textContent = String(n[s]);
      const label = document.createElement('span');
      label.textContent = t('status.' + s);
      chip.append(num, label);
      return chip;
    }));
  }

  function drawCircles() {
    circles.clearLayers();
    const showAll = map.getZoom() >= CIRCLES_FROM_ZOOM;
    const bounds = map.getBounds().pad(0.1);
    let drawn = 0;
    for (const [id, entry] of persons) {
      const p = entry.data;
      if (!entry.marker || !p.accuracyMeters) continue;
      if (id !== selected && (!showAll || drawn >= MAX_CIRCLES || !bounds.contains([p.lat, p.lon]))) continue;
      circles.addLayer(maps.accuracyCircle(p.lat, p.lon, p.accuracyMeters, p.status));
      drawn += 1;
    }
    mapEl.dataset.circles = String(drawn);
  }

  function select(personId) {
    selected = personId;
    cardBox.replaceChildren();
    drawCircles();
    if (!personId || !persons.has(personId)) return;
    const p = persons.get(personId).data;
    const card = document.createElement('div');
    card.className = 'person-card';
    card.dataset.test = 'person-card';
    const name = document.createElement('h2');
    name.textContent = p.name || p.personId;
    const status = document.createElement('p');
    const dot = document.createElement('i');
    dot.className = 'status-dot ' + p.status;
    status.append(dot, t('status.' + p.status));
    if (p.openAlerts > 0) status.append(' · ' + t('map.openAlerts', { n: p.openAlerts }));
    const dl = document.createElement('dl');
    const rows = [
      [t('map.fixTime'), p.time ? format.time(p.time) + ' (' + format.ago(p.time, t) + ')' : '—'],
      [t('map.accuracy'), p.accuracyMeters ? Math.round(p.accuracyMeters) + ' m' : '—'],
      [t('map.device'), p.deviceKind ? t('map.deviceKind.' + p.deviceKind) : '—'],
    ];
    for (const [k, v] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      dl.append(dt, dd);
    }
    const links = document.createElement('div');
    links.className = 'card-links';
    const open = document.createElement('a');
    open.href = '#/persons/' + encodeURIComponent(p.personId);
    open.textContent = t('map.openPerson');
    open.dataset.test = 'open-person';
    const alerts = document.createElement('a');
    alerts.href = '#/alerts?personId=' + encodeURIComponent(p.personId);
    alerts.textContent = t('map.personAlerts');
    links.append(open, alerts);
    card.append(name, status, dl, links);
    cardBox.append(card);
  }

  async function loadPositions() {
    const answer = await api.get('/api/positions', since ? { since } : undefined);
    if (closed) return;
    for (const p of answer.items || []) upsert(p);
    for (const id of answer.removedPersonIds || []) remove(id);
    const first = since === null;
    since = answer.asOf || since;
    asOf.textContent = t('map.asOf', { time: format.time(answer.asOf) });
    drawCounts();
    if (first) fitToPersons();
    drawCircles();
    if (selected) select(selected);
    mapEl.dataset.persons = String(persons.size);
  }

  function fitToPersons() {
    const bounds = L.latLngBounds([]);
    persons.forEach(e => { if (e.marker) bounds.extend(e.marker.getLatLng()); });
    zones.eachLayer(z => { if (z.getBounds) bounds.extend(z.getBounds()); });
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.15), { maxZoom: 16 });
  }

  async function loadZones() {
    const answer = await api.get('/api/zones');
    if (closed) return;
    zones.clearLayers();
    for (const z of answer.items || []) {
      try { zones.addLayer(maps.zoneLayer(z)); } catch (e) { console.warn('zone not drawn', z.id, e); }
    }
  }

  function onAlert(message) {
    if (message.event !== 'alert' || !message.data) return;
    const a = message.data;
    const entry = persons.get(a.personId);
    const name = (entry && entry.data.name) || a.personName || '';
    const isNew = a.state === 'OPEN' && a.occurrences <= 1 && !live.querySelector('[data-alert-id="' + a.id + '"]');
    if (a.state !== 'RESOLVED' && entry) {
      entry.data = Object.assign({}, entry.data, { status: 'ALERT', openAlerts: Math.max(1, entry.data.openAlerts || 0) });
      entry.highlighted = true;
      if (entry.marker) {
        entry.marker.status = 'ALERT';
        entry.marker.setIcon(icon(entry.data, true));
        entry.marker.setTooltipContent(tooltip(entry.data));
        cluster.refreshClusters(entry.marker);
      }
      drawCounts();
      drawCircles();
    }
    if (isNew) {
      ctx.toast(t('map.newAlert', { type: i18n.label(a.label) || t('alertType.' + a.type), name }), 'alert',
        { href: '#/alerts/' + a.id });
      liveEmpty.hidden = true;
      const li = document.createElement('li');
      li.dataset.test = 'live-alert';
      li.dataset.alertId = String(a.id);
      const link = document.createElement('a');
      link.href = '#/alerts/' + a.id;
      const sev = document.createElement('span');
      sev.className = 'badge sev-' + a.severity;
      sev.textContent = t('severity.' + a.severity);
      const text = document.createElement('span');
      text.textContent = ' ' + (i18n.label(a.label) || a.type) + ' · ' + name;
      const when = document.createElement('small');
      when.className = 'muted';
      when.textContent = format.clock(a.lastSeen);
      link.append(sev, text, when);
      li.append(link);
      live.prepend(li);
      while (live.children.length > 20) live.lastChild.remove();
    }
    // The stream says what changed; positions say the resulting status (another alert may still be open).
    setTimeout(() => { if (!closed) loadPositions().catch(() => {}); }, 500);
  }

  map.on('zoomend moveend', drawCircles);
  await Promise.all([loadZones(), loadPositions()]);
  if (params.query && params.query.person && persons.has(params.query.person)) {
    const e = persons.get(params.query.person);
    if (e.marker) cluster.zoomToShowLayer(e.marker, () => select(params.query.person));
  }
  const stopStream = api.stream('/api/alerts/stream', onAlert, () => loadPositions().catch(() => {}));
  const pollMs = Math.max(2, Number(ctx.config.positionsPollSeconds) || 10) * 1000;
  const timer = setInterval(() => { loadPositions().catch(e => console.warn('positions poll failed', e)); }, pollMs);
  root.dataset.ready = 'true';

  return () => {
    closed = true;
    clearInterval(timer);
    stopStream();
    map.remove();
  };
}

const MESSAGES = {
  'zh-CN': {
    'map.title': '实时地图', 'map.liveAlerts': '实时告警', 'map.noLiveAlerts': '打开页面以来没有新告警。',
    'map.asOf': '位置更新于 {time}', 'map.layer.persons': '社区矫正对象', 'map.layer.zones': '电子围栏',
    'map.layer.accuracy': '定位精度', 'map.openAlerts': '{n} 条未处置告警', 'map.fixTime': '定位时间',
    'map.accuracy': '精度', 'map.device': '设备', 'map.deviceKind.PHONE': '手机', 'map.deviceKind.BRACELET': '电子定位装置',
    'map.openPerson': '查看档案', 'map.personAlerts': '查看告警', 'map.newAlert': '新告警：{type} · {name}',
  },
  en: {
    'map.title': 'Live map', 'map.liveAlerts': 'Live alerts', 'map.noLiveAlerts': 'No new alerts since this page opened.',
    'map.asOf': 'Positions as of {time}', 'map.layer.persons': 'Supervised persons', 'map.layer.zones': 'Zones',
    'map.layer.accuracy': 'Fix accuracy', 'map.openAlerts': '{n} open alerts', 'map.fixTime': 'Fix time',
    'map.accuracy': 'Accuracy', 'map.device': 'Device', 'map.deviceKind.PHONE': 'Phone', 'map.deviceKind.BRACELET': 'Bracelet',
    'map.openPerson': 'Open profile', 'map.personAlerts': 'Alerts', 'map.newAlert': 'New alert: {type} · {name}',
  },
};

export { STATUS_COLOURS };
