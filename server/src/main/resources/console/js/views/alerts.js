// The alert queue (#/alerts) and one alert (#/alerts/{id}): most severe and newest first; filters by
// type, severity, state, office and person; acknowledge (确认) and resolve (处置) with a resolution and
// a note right in the queue; the opened alert's evidence — its fixes with their accuracy, the zone and
// the rule — drawn on a map. New and changed alerts come in over the stream without a reload.
import { ALERT_TYPES, SEVERITIES, RESOLUTIONS } from '../i18n.js';

const SEVERITY_RANK = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1 };
const LIMIT = 200;
// The queue's filters outlive a visit to an alert or a person and back.
const remembered = { type: '', severity: '', state: 'ACTIVE', officeId: '', personId: '' };

export async function render(root, ctx, params) {
  const { api, t, i18n, format } = ctx;
  i18n.add(MESSAGES);
  const L = window.L;
  const alertId = params[0] ? String(params[0]) : null;
  if (params.query && params.query.personId !== undefined) remembered.personId = params.query.personId;
  const filters = remembered;
  root.classList.add('alerts-page');
  if (alertId) root.classList.add('with-detail');

  const [offices, persons] = await Promise.all([
    api.get('/api/offices').then(r => r.items || []).catch(() => []),
    api.get('/api/persons').then(r => r.items || []).catch(() => []),
  ]);
  const officeName = new Map(offices.map(o => [o.id, o.name]));
  const personName = new Map(persons.map(p => [p.id, p.displayName]));
  const personOffice = new Map(persons.map(p => [p.id, p.officeId]));

  // ---- list side ----
  const listPane = document.createElement('div');
  listPane.className = 'queue-pane';
  const head = document.createElement('div');
  head.className = 'queue-head';
  const h1 = document.createElement('h1');
  h1.textContent = t('alerts.title');
  const summary = document.createElement('span');
  summary.className = 'muted';
  summary.dataset.test = 'alert-count';
  head.append(h1, summary);

  const bar = document.createElement('form');
  bar.className = 'filter-bar';
  bar.dataset.test = 'alert-filters';
  const typeSel = select('type', [['', t('alerts.filter.allTypes')], ...ALERT_TYPES.map(x => [x, t('alertType.' + x)])]);
  const sevSel = select('severity', [['', t('alerts.filter.allSeverities')], ...SEVERITIES.map(x => [x, t('severity.' + x)])]);
  const stateSel = select('state', [['ACTIVE', t('alerts.filter.active')], ['OPEN', t('state.OPEN')],
    ['ACKNOWLEDGED', t('state.ACKNOWLEDGED')], ['RESOLVED', t('state.RESOLVED')], ['ALL', t('alerts.filter.allStates')]]);
  const visibleOffices = offices.filter(o => !ctx.session.officeIds || ctx.session.officeIds.includes(o.id));
  const officeSel = select('officeId', [['', t('alerts.filter.allOffices')], ...visibleOffices.map(o => [o.id, o.name])]);
  const personSel = select('personId', [['', t('alerts.filter.allPersons')],
    ...persons.slice().sort((a, b) => (a.displayName || '').localeCompare(b.displayName || '', 'zh-CN'))
      .map(p => [p.id, p.displayName])]);
  if (filters.personId && !personName.has(filters.personId)) {
    personSel.append(option(filters.personId, filters.personId));
  }
  for (const [sel, key] of [[typeSel, 'type'], [sevSel, 'severity'], [stateSel, 'state'], [officeSel, 'officeId'],
    [personSel, 'personId']]) {
    sel.value = filters[key] || '';
    if (sel.value !== (filters[key] || '')) filters[key] = sel.value;
    sel.addEventListener('change', () => { filters[key] = sel.value; load(); });
    bar.append(labelled(t('alerts.filter.' + key), sel));
  }
  const reset = document.createElement('button');
  reset.type = 'button';
  reset.className = 'secondary';
  reset.textContent = t('alerts.filter.reset');
  reset.dataset.test = 'filter-reset';
  reset.addEventListener('click', () => {
    Object.assign(filters, { type: '', severity: '', state: 'ACTIVE', officeId: '', personId: '' });
    typeSel.value = ''; sevSel.value = ''; stateSel.value = 'ACTIVE'; officeSel.value = ''; personSel.value = '';
    load();
  });
  bar.append(reset);

  const table = document.createElement('table');
  table.className = 'queue';
  table.dataset.test = 'alert-queue';
  const thead = document.createElement('thead');
  const hr = document.createElement('tr');
  for (const k of ['severity', 'type', 'person', 'office', 'time', 'state', 'actions']) {
    const th = document.createElement('th');
    th.textContent = t('alerts.col.' + k);
    hr.append(th);
  }
  thead.append(hr);
  const tbody = document.createElement('tbody');
  table.append(thead, tbody);
  const empty = document.createElement('p');
  empty.className = 'view-message';
  empty.dataset.test = 'alert-queue-empty';
  empty.textContent = t('alerts.empty');
  empty.hidden = true;
  const error = document.createElement('p');
  error.className = 'form-error';
  error.dataset.test = 'alert-error';
  error.hidden = true;
  listPane.append(head, bar, error, table, empty);
  root.append(listPane);

  // ---- detail side ----
  const detail = document.createElement('div');
  detail.className = 'detail-pane';
  detail.dataset.test = 'alert-detail';
  detail.hidden = !alertId;
  root.append(detail);

  let alerts = [];
  let closed = false;
  let detailMap = null;
  const fresh = new Set();

  function matches(a) {
    if (filters.type && a.type !== filters.type) return false;
    if (filters.severity && a.severity !== filters.severity) return false;
    if (filters.state === 'ACTIVE' && a.state === 'RESOLVED') return false;
    if (!['ACTIVE', 'ALL', ''].includes(filters.state) && a.state !== filters.state) return false;
    if (filters.personId && a.personId !== filters.personId) return false;
    const office = a.officeId || personOffice.get(a.personId);
    if (filters.officeId && office && office !== filters.officeId) return false;
    return true;
  }

  function sortQueue(list) {
    return list.sort((a, b) => (SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity])
      || (Date.parse(b.lastSeen) - Date.parse(a.lastSeen)) || (b.id - a.id));
  }

  async function load() {
    error.hidden = true;
    const base = { type: filters.type, severity: filters.severity, officeId: filters.officeId,
      personId: filters.personId, sort: 'priority', limit: LIMIT };
    const states = filters.state === 'ACTIVE' ? ['OPEN', 'ACKNOWLEDGED'] : filters.state === 'ALL' ? [''] : [filters.state];
    try {
      const answers = await Promise.all(states.map(s => api.get('/api/alerts', Object.assign({ state: s }, base))));
      if (closed) return;
      const byId = new Map();
      answers.forEach(a => (a.items || []).forEach(x => byId.set(x.id, x)));
      // The server filters and sorts too; doing it here as well keeps the queue right while
      // stream updates are merged in between reads.
      alerts = sortQueue([...byId.values()].filter(matches));
      draw();
    } catch (e) {
      if (closed) return;
      error.textContent = t('shell.error', { detail: e.detail || e.message });
      error.hidden = false;
    }
  }

  function draw() {
    tbody.replaceChildren();
    for (const a of alerts) tbody.append(row(a));
    empty.hidden = alerts.length > 0;
    table.hidden = alerts.length === 0;
    summary.textContent = t('alerts.count', { n: alerts.length });
  }

  function nameOf(a) {
    return a.personName || personName.get(a.personId) || a.personId.slice(0, 8);
  }

  function row(a) {
    const tr = document.createElement('tr');
    tr.dataset.test = 'alert-row';
    tr.dataset.alertId = String(a.id);
    tr.dataset.state = a.state;
    tr.dataset.type = a.type;
    tr.className = 'sev-row-' + a.severity + (String(a.id) === alertId ? ' selected' : '') + (fresh.has(a.id) ? ' row-new' : '');
    const sev = document.createElement('span');
    sev.className = 'badge sev-' + a.severity;
    sev.textContent = t('severity.' + a.severity);
    const type = document.createElement('div');
    const typeText = document.createElement('strong');
    typeText.textContent = i18n.label(a.label) || t('alertType.' + a.type);
    type.append(typeText);
    if (a.occurrences > 1) {
      const n = document.createElement('small');
      n.className = 'muted';
      n.textContent = ' ×' + a.occurrences;
      type.append(n);
    }
    if (a.escalated) {
      const esc = document.createElement('span');
      esc.className = 'badge sev-HIGH';
      esc.textContent = t('alerts.escalated');
      type.append(' ', esc);
    }
    const person = document.createElement('a');
    person.href = '#/persons/' + encodeURIComponent(a.personId);
    person.textContent = nameOf(a);
    person.dataset.test = 'alert-person';
    const office = officeName.get(a.officeId || personOffice.get(a.personId)) || '';
    const when = document.createElement('div');
    when.textContent = format.time(a.lastSeen);
    if (a.firstSeen !== a.lastSeen) {
      const first = document.createElement('small');
      first.className = 'muted';
      first.textContent = t('alerts.since', { time: format.time(a.firstSeen) });
      when.append(document.createElement('br'), first);
    }
    const state = document.createElement('span');
    state.className = 'badge st-' + a.state;
    state.dataset.test = 'alert-state';
    state.textContent = t('state.' + a.state);
    const actions = document.createElement('div');
    actions.className = 'row-actions';
    const canAct = ['OFFICER', 'COUNTY_SUPERVISOR'].includes(ctx.session.role);
    if (canAct && a.state === 'OPEN') actions.append(button(t('alerts.acknowledge'), 'acknowledge', () => acknowledge(a)));
    if (canAct && a.state !== 'RESOLVED') actions.append(button(t('alerts.resolve'), 'resolve', () => openResolve(tr, a)));
    const cells = [sev, type, person, office, when, state, actions];
    for (const c of cells) {
      const td = document.createElement('td');
      td.append(c);
      tr.append(td);
    }
    tr.addEventListener('click', (e) => {
      if (e.target.closest('button, a, select, textarea, input')) return;
      ctx.navigate('#/alerts/' + a.id);
    });
    return tr;
  }

  function button(text, test, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = test === 'resolve' ? 'secondary' : 'primary';
    b.textContent = text;
    b.dataset.test = 'alert-' + test;
    b.addEventListener('click', onClick);
    return b;
  }

  function replace(updated) {
    const i = alerts.findIndex(x => x.id === updated.id);
    if (i >= 0) alerts[i] = Object.assign({}, alerts[i], updated);
    else alerts.push(updated);
    alerts = sortQueue(alerts.filter(matches));
    draw();
    if (alertId && String(updated.id) === alertId) showDetail();
  }

  async function acknowledge(a) {
    try {
      replace(await api.post('/api/alerts/' + a.id + '/acknowledge', {}));
      ctx.toast(t('alerts.acknowledged'), 'info', { ms: 3000 });
    } catch (e) {
      showError(e);
    }
  }

  function showError(e) {
    error.textContent = t('shell.error', { detail: e.detail || e.message });
    error.hidden = false;
  }

  function openResolve(tr, a) {
    const existing = tbody.querySelector('.resolve-row');
    if (existing) existing.remove();
    const formRow = document.createElement('tr');
    formRow.className = 'resolve-row';
    const td = document.createElement('td');
    td.colSpan = 7;
    td.append(resolveForm(a, () => formRow.remove()));
    formRow.append(td);
    tr.after(formRow);
    formRow.querySelector('select').focus();
  }

  function resolveForm(a, close) {
    const form = document.createElement('form');
    form.className = 'resolve-form';
    form.dataset.test = 'resolve-form';
    form.noValidate = true;
    const resolution = select('resolution', [['', t('alerts.chooseResolution')],
      ...RESOLUTIONS.map(r => [r, t('resolution.' + r)])]);
    resolution.dataset.test = 'resolve-resolution';
    const note = document.createElement('textarea');
    note.rows = 2;
    note.maxLength = 2000;
    note.placeholder = t('alerts.notePlaceholder');
    note.dataset.test = 'resolve-note';
    const problem = document.createElement('p');
    problem.className = 'form-error';
    problem.dataset.test = 'resolve-error';
    problem.hidden = true;
    const submit = document.createElement('button');
    submit.type = 'submit';
    submit.className = 'primary';
    submit.textContent = t('alerts.resolveSubmit');
    submit.dataset.test = 'resolve-submit';
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'secondary';
    cancel.textContent = t('common.cancel');
    cancel.addEventListener('click', close);
    const buttons = document.createElement('div');
    buttons.className = 'form-buttons';
    buttons.append(submit, cancel);
    form.append(labelled(t('alerts.resolution'), resolution), labelled(t('alerts.note'), note), problem, buttons);
    for (const control of [resolution, note]) {
      control.addEventListener('input', () => { problem.hidden = true; control.classList.remove('invalid'); });
    }
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      problem.hidden = true;
      resolution.classList.remove('invalid');
      note.classList.remove('invalid');
      if (!resolution.value) { fail('resolution', t('alerts.needResolution')); return; }
      if (!note.value.trim()) { fail('note', t('alerts.needNote')); return; }
      submit.disabled = true;
      try {
        const updated = await api.post('/api/alerts/' + a.id + '/resolve', { resolution: resolution.value, note: note.value.trim() });
        close();
        replace(updated);
        ctx.toast(t('alerts.resolved'), 'info', { ms: 3000 });
      } catch (err) {
        submit.disabled = false;
        fail(err.field, err.detail || err.message);
      }
    });
    function fail(field, text) {
      problem.textContent = text;
      problem.hidden = false;
      if (field === 'resolution') resolution.classList.add('invalid');
      if (field === 'note') note.classList.add('invalid');
    }
    return form;
  }

  async function showDetail() {
    if (!alertId) return;
    let a;
    try {
      a = await api.get('/api/alerts/' + encodeURIComponent(alertId));
    } catch (e) {
      if (closed) return;
      detail.replaceChildren(message(e.status === 404 ? t('alerts.notFound') : t('shell.error', { detail: e.detail })));
      return;
    }
    if (closed) return;
    if (detailMap) { detailMap.remove(); detailMap = null; }
    detail.replaceChildren();
    detail.dataset.alertId = String(a.id);
    const top = document.createElement('div');
    top.className = 'detail-head';
    const h2 = document.createElement('h2');
    h2.textContent = (i18n.label(a.label) || a.type) + ' · ' + nameOf(a);
    const close = document.createElement('a');
    close.href = '#/alerts';
    close.className = 'close-link';
    close.textContent = t('common.close');
    close.dataset.test = 'alert-detail-close';
    top.append(h2, close);
    const badges = document.createElement('p');
    const sev = document.createElement('span');
    sev.className = 'badge sev-' + a.severity;
    sev.textContent = t('severity.' + a.severity);
    const st = document.createElement('span');
    st.className = 'badge st-' + a.state;
    st.dataset.test = 'alert-detail-state';
    st.textContent = t('state.' + a.state);
    badges.append(sev, ' ', st);
    if (a.conditionCleared) {
      const c = document.createElement('span');
      c.className = 'badge';
      c.textContent = t('alerts.conditionCleared');
      badges.append(' ', c);
    }
    const dl = document.createElement('dl');
    dl.className = 'facts';
    const facts = [
      [t('alerts.firstSeen'), format.time(a.firstSeen)], [t('alerts.lastSeen'), format.time(a.lastSeen)],
      [t('alerts.occurrences'), String(a.occurrences)], [t('alerts.device'), a.deviceId || '—'],
    ];
    if (a.resolution) facts.push([t('alerts.resolution'), t('resolution.' + a.resolution)], [t('alerts.note'), a.resolutionNote || '']);
    for (const [k, v] of facts) {
      const dt = document.createElement('dt'); dt.textContent = k;
      const dd = document.createElement('dd'); dd.textContent = v;
      dl.append(dt, dd);
    }
    const rule = document.createElement('p');
    rule.className = 'rule';
    rule.dataset.test = 'alert-rule';
    rule.textContent = t('alerts.rule') + '：' + ((a.evidence && a.evidence.rule) || a.rule || '—');
    const mapEl = document.createElement('div');
    mapEl.className = 'evidence-map';
    mapEl.dataset.test = 'evidence-map';
    const actions = document.createElement('div');
    actions.className = 'row-actions';
    const canAct = ['OFFICER', 'COUNTY_SUPERVISOR'].includes(ctx.session.role);
    if (canAct && a.state === 'OPEN') actions.append(button(t('alerts.acknowledge'), 'acknowledge', () => acknowledge(a)));
    const formBox = document.createElement('div');
    if (canAct && a.state !== 'RESOLVED') {
      actions.append(button(t('alerts.resolve'), 'resolve', () => {
        formBox.replaceChildren(resolveForm(a, () => formBox.replaceChildren()));
      }));
    }
    detail.append(top, badges, actions, formBox, rule, mapEl, dl);

    const events = (a.evidence && a.evidence.events) || [];
    if (events.length) {
      const h = document.createElement('h3');
      h.textContent = t('alerts.events');
      const ul = document.createElement('ul');
      ul.className = 'plain-list';
      for (const ev of events) {
        const li = document.createElement('li');
        li.textContent = format.time(ev.eventTime) + ' · ' + ev.type + (ev.batteryPercent != null ? ' · ' + ev.batteryPercent + '%' : '');
        ul.append(li);
      }
      detail.append(h, ul);
    }
    const history = a.history || [];
    if (history.length) {
      const h = document.createElement('h3');
      h.textContent = t('alerts.history');
      const ul = document.createElement('ul');
      ul.className = 'plain-list';
      ul.dataset.test = 'alert-history';
      for (const x of history) {
        const li = document.createElement('li');
        li.textContent = format.time(x.at) + ' · ' + t('alerts.action.' + x.action);
        ul.append(li);
      }
      detail.append(h, ul);
    }

    // Evidence on the map: the zone, the cited fixes (with their accuracy), the path between them.
    detailMap = ctx.maps.create(mapEl, { zoom: 14 });
    const layers = L.featureGroup().addTo(detailMap);
    // The zone the alert names, else the person's zones (an inclusion area may be several zones).
    let zoneIds = a.zoneId ? [a.zoneId] : [];
    if (!zoneIds.length) {
      try {
        zoneIds = (await api.get('/api/persons/' + encodeURIComponent(a.personId))).zoneIds || [];
      } catch (e) {
        console.warn('person not loaded', e);
      }
    }
    const zones = await Promise.all(zoneIds.map(id => api.get('/api/zones/' + encodeURIComponent(id)).catch(() => null)));
    if (closed || !detailMap) return;
    let drawnZones = 0;
    for (const zone of zones.filter(Boolean)) {
      layers.addLayer(ctx.maps.zoneLayer(zone));
      drawnZones += 1;
    }
    const fixes = ((a.evidence && a.evidence.fixes) || []).slice().sort((x, y) => Date.parse(x.fixTime) - Date.parse(y.fixTime));
    if (fixes.length > 1) {
      layers.addLayer(L.polyline(fixes.map(f => [f.lat, f.lon]), { color: '#c62828', weight: 2, dashArray: '4 4' }));
    }
    fixes.forEach((f, i) => {
      layers.addLayer(ctx.maps.accuracyCircle(f.lat, f.lon, f.accuracyMeters, 'ALERT'));
      const m = L.marker([f.lat, f.lon], { icon: L.divIcon({ className: 'evidence-fix cited',
        html: '<span data-test="evidence-fix"></span>', iconSize: [14, 14], iconAnchor: [7, 7] }) });
      const tip = document.createElement('span');
      tip.textContent = (i + 1) + '. ' + format.time(f.fixTime) + ' · ±' + Math.round(f.accuracyMeters || 0) + ' m';
      m.bindTooltip(tip, { direction: 'top' });
      layers.addLayer(m);
    });
    mapEl.dataset.fixes = String(fixes.length);
    mapEl.dataset.zones = String(drawnZones);
    setTimeout(() => {
      if (!detailMap) return;
      detailMap.invalidateSize();
      const b = layers.getBounds();
      if (b.isValid()) detailMap.fitBounds(b.pad(0.2), { maxZoom: 17 });
    }, 0);
  }

  function onStream(m) {
    if (m.event !== 'alert' || !m.data) return;
    const a = m.data;
    const known = alerts.find(x => x.id === a.id);
    if (!known && a.state === 'OPEN') {
      fresh.add(a.id);
      ctx.toast(t('alerts.newAlert', { type: i18n.label(a.label) || a.type, name: nameOf(a) }), 'alert',
        { href: '#/alerts/' + a.id });
    }
    if (matches(a)) replace(a);
    else if (known) { alerts = alerts.filter(x => x.id !== a.id); draw(); }
  }

  await load();
  if (alertId) await showDetail();
  const stop = api.stream('/api/alerts/stream', onStream, load);
  root.dataset.ready = 'true';
  return () => {
    closed = true;
    stop();
    if (detailMap) detailMap.remove();
  };

  function message(text) {
    const p = document.createElement('p');
    p.className = 'view-message';
    p.textContent = text;
    return p;
  }
}

function option(value, text) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  return o;
}

function select(name, options) {
  const s = document.createElement('select');
  s.name = name;
  s.dataset.test = 'filter-' + name;
  for (const [v, text] of options) s.append(option(v, text));
  return s;
}

function labelled(text, control) {
  const l = document.createElement('label');
  l.className = 'field compact';
  const span = document.createElement('span');
  span.textContent = text;
  l.append(span, control);
  return l;
}

const MESSAGES = {
  'zh-CN': {
    'alerts.title': '告警', 'alerts.count': '共 {n} 条', 'alerts.empty': '没有符合条件的告警。',
    'alerts.filter.type': '类型', 'alerts.filter.severity': '级别', 'alerts.filter.state': '状态',
    'alerts.filter.officeId': '司法所', 'alerts.filter.personId': '社区矫正对象', 'alerts.filter.reset': '重置',
    'alerts.filter.allTypes': '全部类型', 'alerts.filter.allSeverities': '全部级别', 'alerts.filter.active': '未处置',
    'alerts.filter.allStates': '全部', 'alerts.filter.allOffices': '全部司法所', 'alerts.filter.allPersons': '全部对象',
    'alerts.col.severity': '级别', 'alerts.col.type': '告警', 'alerts.col.person': '社区矫正对象', 'alerts.col.office': '司法所',
    'alerts.col.time': '时间', 'alerts.col.state': '状态', 'alerts.col.actions': '操作',
    'alerts.since': '首次 {time}', 'alerts.escalated': '已上报', 'alerts.acknowledge': '确认', 'alerts.resolve': '处置',
    'alerts.acknowledged': '告警已确认。', 'alerts.resolved': '告警已处置。', 'alerts.resolution': '处置结果',
    'alerts.note': '处置说明', 'alerts.notePlaceholder': '核查情况与处置措施（必填）', 'alerts.resolveSubmit': '提交处置',
    'alerts.chooseResolution': '请选择', 'alerts.needResolution': '请选择处置结果。', 'alerts.needNote': '请填写处置说明。',
    'alerts.notFound': '没有这条告警，或不在您的辖区内。', 'alerts.conditionCleared': '情况已消除',
    'alerts.firstSeen': '首次发生', 'alerts.lastSeen': '最近发生', 'alerts.occurrences': '次数', 'alerts.device': '设备',
    'alerts.rule': '触发规则', 'alerts.events': '设备事件', 'alerts.history': '处理记录', 'alerts.newAlert': '新告警：{type} · {name}',
    'alerts.action.RAISED': '产生', 'alerts.action.REPEATED': '再次发生', 'alerts.action.ACKNOWLEDGED': '已确认',
    'alerts.action.RESOLVED': '已处置', 'alerts.action.CONDITION_CLEARED': '情况消除', 'alerts.action.ESCALATED': '上报县级机构',
    'alerts.action.MARKED_MAJOR_INCIDENT': '标记为重大事件', 'alerts.action.CONDITION_RETURNED': '情况再次出现',
  },
  en: {
    'alerts.title': 'Alerts', 'alerts.count': '{n} alerts', 'alerts.empty': 'No alerts match these filters.',
    'alerts.filter.type': 'Type', 'alerts.filter.severity': 'Severity', 'alerts.filter.state': 'State',
    'alerts.filter.officeId': 'Justice office', 'alerts.filter.personId': 'Person', 'alerts.filter.reset': 'Reset',
    'alerts.filter.allTypes': 'All types', 'alerts.filter.allSeverities': 'All severities', 'alerts.filter.active': 'Not resolved',
    'alerts.filter.allStates': 'All', 'alerts.filter.allOffices': 'All offices', 'alerts.filter.allPersons': 'All persons',
    'alerts.col.severity': 'Severity', 'alerts.col.type': 'Alert', 'alerts.col.person': 'Person', 'alerts.col.office': 'Office',
    'alerts.col.time': 'Time', 'alerts.col.state': 'State', 'alerts.col.actions': 'Actions',
    'alerts.since': 'since {time}', 'alerts.escalated': 'Escalated', 'alerts.acknowledge': 'Acknowledge', 'alerts.resolve': 'Resolve',
    'alerts.acknowledged': 'Alert acknowledged.', 'alerts.resolved': 'Alert resolved.', 'alerts.resolution': 'Resolution',
    'alerts.note': 'Note', 'alerts.notePlaceholder': 'What was checked and done (required)', 'alerts.resolveSubmit': 'Resolve',
    'alerts.chooseResolution': 'Choose…', 'alerts.needResolution': 'Choose a resolution.', 'alerts.needNote': 'Write a note.',
    'alerts.notFound': 'No such alert in your offices.', 'alerts.conditionCleared': 'Condition cleared',
    'alerts.firstSeen': 'First seen', 'alerts.lastSeen': 'Last seen', 'alerts.occurrences': 'Occurrences', 'alerts.device': 'Device',
    'alerts.rule': 'Rule', 'alerts.events': 'Device events', 'alerts.history': 'History', 'alerts.newAlert': 'New alert: {type} · {name}',
    'alerts.action.RAISED': 'Raised', 'alerts.action.REPEATED': 'Repeated', 'alerts.action.ACKNOWLEDGED': 'Acknowledged',
    'alerts.action.RESOLVED': 'Resolved', 'alerts.action.CONDITION_CLEARED': 'Condition cleared', 'alerts.action.ESCALATED': 'Escalated',
    'alerts.action.MARKED_MAJOR_INCIDENT': 'Marked as major incident', 'alerts.action.CONDITION_RETURNED': 'Condition returned',
  },
};
