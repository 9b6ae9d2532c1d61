// #/persons: the supervised persons of the caller's offices (search, open one).
// #/persons/{id}: one supervised person (社区矫正对象) — profile, devices, zones on the map, EM order,
// check-ins, leave, points — and the trail playback. Opening a trail asks for the purpose first; the
// server records it in the audit trail with the read (law Art. 29, 61: location data is confidential).
import * as format from '../format.js';
import {addCodeLabels, code} from './labels.js';
import {
  badge, el, field, fill, formDialog, fromShanghaiInput, isStatus, panel, problemText, select, settle, table,
  toShanghaiInput, viewStyles,
} from './view-kit.js';

const MESSAGES = {
  'zh-CN': {
    'person.loading': '正在加载…',
    'person.notFound': '未找到该社区矫正对象，或不在您的辖区内。',
    'person.title': '社区矫正对象',
    'person.profile': '基本信息',
    'person.name': '姓名',
    'person.idCard': '身份证号',
    'person.caseType': '矫正类别',
    'person.tier': '管理等级',
    'person.status': '状态',
    'person.period': '矫正期限',
    'person.office': '司法所',
    'person.minor': '未成年人',
    'person.minorYes': '是（信息封存）',
    'person.no': '否',
    'person.devices': '设备',
    'person.device': '设备号',
    'person.deviceKind': '类型',
    'person.battery': '电量',
    'person.lastContact': '最后联系',
    'person.lastFix': '最后定位',
    'person.boundAt': '绑定时间',
    'person.noDevices': '未绑定设备',
    'person.zones': '电子围栏',
    'person.noZones': '未设置区域',
    'person.emOrders': '电子定位装置使用',
    'person.noEmOrders': '无电子定位决定',
    'person.ground': '适用情形',
    'person.term': '期限',
    'person.daysLeft': '剩余 {days} 天',
    'person.expiringSoon': '即将到期',
    'person.checkIns': '报到记录',
    'person.noCheckIns': '暂无报到记录',
    'person.receivedAt': '报到时间',
    'person.inWindow': '按时',
    'person.outOfWindow': '不在报到时段',
    'person.area': '位置',
    'person.leave': '外出请假',
    'person.noLeave': '暂无外出请假',
    'person.destination': '目的地',
    'person.leavePeriod': '期间',
    'person.reportedBack': '已销假',
    'person.points': '量化积分',
    'person.noPoints': '暂无积分记录',
    'person.month': '月份',
    'person.kind': '事项',
    'person.pointsValue': '分值',
    'person.reason': '事由',
    'person.monthTotal': '{month} 合计 {points} 分',
    'person.unavailable': '暂时无法获取：{reason}',
    'person.map': '地图',
    'person.trail': '轨迹回放',
    'person.from': '开始',
    'person.to': '结束',
    'person.openTrail': '查看轨迹',
    'person.purposeTitle': '查看轨迹的事由',
    'person.purposeHint': '位置信息仅限社区矫正工作使用，查看将记入审计日志。',
    'person.purpose': '事由（必填）',
    'person.purposeCancel': '取消',
    'person.purposeOk': '查看',
    'person.trailLoading': '正在读取轨迹…',
    'person.trailEmpty': '该时段内无定位记录',
    'person.trailCount': '{count} 个定位点',
    'person.trailTruncated': '（已截断，请缩短时段）',
    'person.play': '播放',
    'person.pause': '暂停',
    'person.accuracy': '精度 {m} 米',
    'person.trailBadPeriod': '请选择有效的时段（结束晚于开始，最长 31 天）',
    'person.close': '关闭轨迹',
    'person.listTitle': '社区矫正对象',
    'person.search': '搜索姓名',
    'person.statusFilter': '状态',
    'person.all': '全部',
    'person.none': '没有符合条件的社区矫正对象',
    'person.count': '共 {count} 人',
    'person.live': '监管状态',
  },
  en: {
    'person.loading': 'Loading…',
    'person.notFound': 'No such person in your offices.',
    'person.title': 'Supervised person',
    'person.profile': 'Profile',
    'person.name': 'Name',
    'person.idCard': 'ID number',
    'person.caseType': 'Case type',
    'person.tier': 'Tier',
    'person.status': 'Status',
    'person.period': 'Correction period',
    'person.office': 'Justice office',
    'person.minor': 'Minor',
    'person.minorYes': 'Yes (records sealed)',
    'person.no': 'No',
    'person.devices': 'Devices',
    'person.device': 'Device',
    'person.deviceKind': 'Kind',
    'person.battery': 'Battery',
    'person.lastContact': 'Last contact',
    'person.lastFix': 'Last fix',
    'person.boundAt': 'Bound',
    'person.noDevices': 'No device bound',
    'person.zones': 'Zones',
    'person.noZones': 'No zones',
    'person.emOrders': 'Electronic monitoring',
    'person.noEmOrders': 'No EM order',
    'person.ground': 'Ground',
    'person.term': 'Term',
    'person.daysLeft': '{days} days left',
    'person.expiringSoon': 'Expiring soon',
    'person.checkIns': 'Check-ins',
    'person.noCheckIns': 'No check-ins yet',
    'person.receivedAt': 'Received',
    'person.inWindow': 'On time',
    'person.outOfWindow': 'Outside the window',
    'person.area': 'Location',
    'person.leave': 'Leave',
    'person.noLeave': 'No leave requests',
    'person.destination': 'Destination',
    'person.leavePeriod': 'Period',
    'person.reportedBack': 'Reported back',
    'person.points': 'Points',
    'person.noPoints': 'No points entries',
    'person.month': 'Month',
    'person.kind': 'Entry',
    'person.pointsValue': 'Points',
    'person.reason': 'Reason',
    'person.monthTotal': '{month}: {points} points in total',
    'person.unavailable': 'Not available: {reason}',
    'person.map': 'Map',
    'person.trail': 'Trail playback',
    'person.from': 'From',
    'person.to': 'To',
    'person.openTrail': 'Show trail',
    'person.purposeTitle': 'Purpose of this trail read',
    'person.purposeHint': 'Location data is for community-correction work only; this read is recorded in the audit trail.',
    'person.purpose': 'Purpose (required)',
    'person.purposeCancel': 'Cancel',
    'person.purposeOk': 'Show',
    'person.trailLoading': 'Reading the trail…',
    'person.trailEmpty': 'No positions in this period',
    'person.trailCount': '{count} positions',
    'person.trailTruncated': '(truncated: choose a shorter period)',
    'person.play': 'Play',
    'person.pause': 'Pause',
    'person.accuracy': 'accuracy {m} m',
    'person.trailBadPeriod': 'Choose a valid period (end after start, at most 31 days)',
    'person.close': 'Close trail',
    'person.listTitle': 'Supervised persons',
    'person.search': 'Search by name',
    'person.statusFilter': 'Status',
    'person.all': 'All',
    'person.none': 'No persons match',
    'person.count': '{count} persons',
    'person.live': 'Monitoring',
  },
};

const DAY_MS = 24 * 3600 * 1000;

export async function render(root, ctx, params) {
  viewStyles();
  ctx.i18n.add(MESSAGES);
  addCodeLabels(ctx.i18n);
  const t = ctx.t;
  const personId = params && (params.id || params.personId || params[0]);
  if (!personId) return renderList(root, ctx, params);
  fill(root, el('p', {class: 'vk-muted'}, t('person.loading')));

  let person;
  try {
    person = await ctx.api.get(`/api/persons/${encodeURIComponent(personId)}`);
  } catch (e) {
    if (isStatus(e, 404) || isStatus(e, 400)) {
      fill(root, el('p', {class: 'vk-empty', test: 'person-not-found'}, t('person.notFound')));
      return;
    }
    throw e;
  }

  const base = `/api/persons/${person.id}`;
  // Independent reads in parallel; each panel shows its own failure (e.g. an endpoint not deployed).
  const [devices, zones, orders, checkIns, leaves, points, offices] = await Promise.all([
    settle(ctx.api.get(`${base}/devices`)),
    settle(ctx.api.get('/api/zones')),
    settle(ctx.api.get(`${base}/em-orders`)),
    settle(ctx.api.get(`${base}/check-ins`)),
    settle(ctx.api.get(`${base}/leave-requests`)),
    settle(ctx.api.get(`${base}/points`)),
    settle(ctx.api.get('/api/offices')),
  ]);

  const officeName = id => ((offices.value && offices.value.items) || []).find(o => o.id === id)?.name || id || '—';
  const personZones = ((zones.value && zones.value.items) || []).filter(z => (person.zoneIds || []).includes(z.id)
    || z.personId === person.id);

  const mapEl = el('div', {class: 'vk-map', test: 'person-map'});
  const trailBox = el('div', {class: 'vk-trail', test: 'trail-panel'});
  const page = el('div', {class: 'vk-person', test: 'person-page'},
    el('header', {class: 'vk-page-head'},
      el('h1', {test: 'person-name'}, person.displayName),
      badge(code(t, 'personStatus', person.status), person.status === 'ENDED' ? 'grey' : 'ok', 'person-status'),
      badge(code(t, 'tier', person.tier), person.tier === 'STRICT' ? 'warn' : 'plain', 'person-tier')),
    el('div', {class: 'vk-columns'},
      el('div', {class: 'vk-col-main'},
        profilePanel(t, person, officeName),
        devicesPanel(t, devices),
        emPanel(t, orders),
        checkInsPanel(t, checkIns),
        leavePanel(t, leaves),
        pointsPanel(t, points)),
      el('div', {class: 'vk-col-side'},
        panel(t('person.map'), 'person-map-panel', mapEl, zoneList(t, personZones, zones)),
        panel(t('person.trail'), 'person-trail-panel', trailBox))));
  fill(root, page);

  const map = ctx.maps.create(mapEl);
  const zoneGroup = L.featureGroup().addTo(map);
  for (const z of personZones) {
    const layer = ctx.maps.zoneLayer(z);
    if (layer) {
      layer.bindTooltip(`${z.name} · ${code(t, 'zoneKind', z.kind)}`);
      zoneGroup.addLayer(layer);
    }
  }
  if (zoneGroup.getLayers().length) {
    map.fitBounds(zoneGroup.getBounds(), {padding: [20, 20]});
  }
  const trail = trailPlayer(ctx, map, person, trailBox);
  return () => {
    trail.stop();
    map.remove();
  };
}

const LIVE_BADGE = {OK: 'ok', ALERT: 'bad', NO_SIGNAL: 'grey', NO_FIX: 'grey'};

/** The list: name search and status filter here; the live status from /api/positions when it answers. */
async function renderList(root, ctx, params) {
  const t = ctx.t;
  const query = (params && params.query) || {};
  const search = el('input', {type: 'search', value: query.q || '', placeholder: t('person.search'), test: 'person-search'});
  const status = select([['IN_SUPERVISION', code(t, 'personStatus', 'IN_SUPERVISION')],
    ['ENDED', code(t, 'personStatus', 'ENDED')], ['', t('person.all')]], query.status ?? 'IN_SUPERVISION',
  {test: 'person-status-filter'});
  const list = el('div', {test: 'person-list'});
  fill(root, el('div', {class: 'vk-persons', test: 'persons-page'}, el('h1', null, t('person.listTitle')),
    el('div', {class: 'vk-form-row vk-filters'}, field(t('person.search'), search), field(t('person.statusFilter'), status)),
    list));
  const [offices, positions] = await Promise.all([settle(ctx.api.get('/api/offices')), settle(ctx.api.get('/api/positions'))]);
  const officeName = id => ((offices.value && offices.value.items) || []).find(o => o.id === id)?.name || '';
  const live = new Map(((positions.value && positions.value.items) || []).map(p => [p.personId, p]));
  let persons = [];

  function draw() {
    const q = search.value.trim();
    const shown = persons.filter(p => !q || (p.displayName || '').includes(q));
    if (!shown.length) {
      fill(list, el('p', {class: 'vk-empty', test: 'person-none'}, t('person.none')));
      return;
    }
    fill(list, el('p', {class: 'vk-muted'}, t('person.count', {count: shown.length})),
      table([t('person.name'), t('person.live'), t('person.tier'), t('person.caseType'), t('person.office'), t('person.idCard'),
        t('person.period')],
      shown.map(p => {
        const pos = live.get(p.id);
        return el('tr', {test: 'person-row', dataset: {personId: p.id}},
          el('td', null, el('a', {href: `#/persons/${p.id}`, test: 'person-link'}, p.displayName)),
          el('td', null, pos ? badge(t('status.' + pos.status), LIVE_BADGE[pos.status] || 'plain') : '—'),
          el('td', null, code(t, 'tier', p.tier)), el('td', null, code(t, 'caseType', p.caseType)),
          el('td', null, officeName(p.officeId)), el('td', {class: 'vk-code'}, p.idCardNumber || '—'),
          el('td', {class: 'vk-nowrap'}, p.correctionStartsOn || p.correctionEndsOn
            ? `${p.correctionStartsOn || '…'} — ${p.correctionEndsOn || '…'}` : '—'));
      })));
  }

  async function load() {
    const res = await settle(ctx.api.get('/api/persons', status.value ? {status: status.value} : {}));
    if (res.error) {
      fill(list, el('p', {class: 'vk-error'}, problemText(res.error)));
      return;
    }
    persons = (res.value.items || []).slice().sort((a, b) => (a.displayName || '').localeCompare(b.displayName || '', 'zh-CN'));
    draw();
  }
  search.addEventListener('input', draw);
  status.addEventListener('change', load);
  await load();
}

function unavailable(t, error) {
  return el('p', {class: 'vk-error'}, t('person.unavailable', {reason: problemText(error)}));
}

function dl(pairs, test) {
  return el('dl', {class: 'vk-dl', test}, pairs.map(([k, v, itemTest]) => [el('dt', null, k), el('dd', {test: itemTest}, v)]));
}

function profilePanel(t, p, officeName) {
  const period = p.correctionStartsOn || p.correctionEndsOn
    ? `${p.correctionStartsOn || '…'} — ${p.correctionEndsOn || '…'}` : '—';
  return panel(t('person.profile'), 'person-profile', dl([
    [t('person.name'), p.displayName],
    [t('person.idCard'), p.idCardNumber || '—', 'person-id-card'],
    [t('person.caseType'), code(t, 'caseType', p.caseType)],
    [t('person.tier'), code(t, 'tier', p.tier)],
    [t('person.status'), code(t, 'personStatus', p.status) + (p.endedOn ? ` (${p.endedOn})` : '')],
    [t('person.period'), period],
    [t('person.office'), officeName(p.officeId)],
    [t('person.minor'), p.minor ? t('person.minorYes') : t('person.no')],
  ]));
}

function batteryBadge(pct) {
  if (pct === null || pct === undefined) return '—';
  return badge(`${pct}%`, pct <= 15 ? 'bad' : pct <= 30 ? 'warn' : 'ok');
}

function devicesPanel(t, res) {
  if (res.error) return panel(t('person.devices'), 'person-devices', unavailable(t, res.error));
  const items = res.value.items || [];
  if (!items.length) return panel(t('person.devices'), 'person-devices', el('p', {class: 'vk-empty'}, t('person.noDevices')));
  return panel(t('person.devices'), 'person-devices', table(
    [t('person.device'), t('person.deviceKind'), t('person.battery'), t('person.lastContact'), t('person.lastFix'), t('person.boundAt')],
    items.map(d => el('tr', {test: 'device-row'},
      el('td', null, d.deviceId), el('td', null, code(t, 'deviceKind', d.kind)),
      el('td', {test: 'device-battery'}, batteryBadge(d.batteryPercent)),
      el('td', {test: 'device-last-contact'}, d.lastContactAt ? format.time(d.lastContactAt) : '—'),
      el('td', null, d.lastFixAt ? format.time(d.lastFixAt) : '—'),
      el('td', null, d.boundAt ? format.time(d.boundAt) : '—')))));
}

function emPanel(t, res) {
  if (res.error) return panel(t('person.emOrders'), 'person-em-orders', unavailable(t, res.error));
  const items = (res.value.items || []).slice().reverse(); // newest first
  if (!items.length) return panel(t('person.emOrders'), 'person-em-orders', el('p', {class: 'vk-empty'}, t('person.noEmOrders')));
  return panel(t('person.emOrders'), 'person-em-orders', items.map(o => {
    const left = Math.ceil((new Date(o.endsAt).getTime() - Date.now()) / (24 * 3600 * 1000));
    const inForce = o.state === 'IN_FORCE';
    return el('div', {class: 'vk-em' + (inForce ? ' vk-em-active' : ''), test: 'em-order'},
      el('div', null,
        badge(code(t, 'emState', o.state), inForce ? (left <= 7 ? 'warn' : 'ok') : 'grey', 'em-state'),
        ' ', inForce && left <= 7 ? badge(t('person.expiringSoon'), 'bad') : null),
      dl([
        [t('person.ground'), code(t, 'emGround', o.ground) + (o.groundDetail ? ` — ${o.groundDetail}` : '')],
        [t('person.term'), `${format.time(o.startsAt)} — ${format.time(o.endsAt)}`, 'em-expiry'],
        inForce ? ['', t('person.daysLeft', {days: Math.max(0, left)})] : null,
      ].filter(Boolean)));
  }));
}

function checkInsPanel(t, res) {
  if (res.error) return panel(t('person.checkIns'), 'person-check-ins', unavailable(t, res.error));
  const items = (res.value.items || []).slice(0, 10);
  if (!items.length) return panel(t('person.checkIns'), 'person-check-ins', el('p', {class: 'vk-empty'}, t('person.noCheckIns')));
  return panel(t('person.checkIns'), 'person-check-ins', table(
    [t('person.receivedAt'), '', t('person.area')],
    items.map(c => el('tr', {test: 'check-in-row'},
      el('td', null, format.time(c.receivedAt)),
      el('td', null, c.inWindow ? badge(t('person.inWindow'), 'ok') : badge(t('person.outOfWindow'), 'warn')),
      el('td', null, code(t, 'area', c.area))))));
}

function leavePanel(t, res) {
  if (res.error) return panel(t('person.leave'), 'person-leave', unavailable(t, res.error));
  const items = (res.value.items || []).slice(0, 10);
  if (!items.length) return panel(t('person.leave'), 'person-leave', el('p', {class: 'vk-empty'}, t('person.noLeave')));
  return panel(t('person.leave'), 'person-leave', table(
    [t('person.destination'), t('person.leavePeriod'), t('person.status')],
    items.map(l => el('tr', {test: 'leave-row'},
      el('td', null, l.destination || '—'),
      el('td', null, `${format.time(l.startsAt)} — ${format.time(l.endsAt)}`),
      el('td', null, badge(code(t, 'leaveStatus', l.status), l.status === 'APPROVED' ? 'ok' : l.status === 'PENDING' ? 'warn' : 'grey'),
        l.reportedBackAt ? [' ', badge(t('person.reportedBack'), 'plain')] : null)))));
}

function pointsPanel(t, res) {
  if (res.error) return panel(t('person.points'), 'person-points', unavailable(t, res.error));
  const items = res.value.items || [];
  if (!items.length) return panel(t('person.points'), 'person-points', el('p', {class: 'vk-empty'}, t('person.noPoints')));
  const totals = new Map();
  for (const e of items) totals.set(e.month, (totals.get(e.month) || 0) + (e.points || 0));
  return panel(t('person.points'), 'person-points',
    el('ul', {class: 'vk-inline-list'}, [...totals.entries()].slice(0, 6).map(([month, sum]) =>
      el('li', {test: 'points-month'}, t('person.monthTotal', {month, points: sum > 0 ? `+${sum}` : sum})))),
    table([t('person.month'), t('person.kind'), t('person.pointsValue'), t('person.reason')],
      items.slice(0, 12).map(e => el('tr', {test: 'points-row'},
        el('td', null, e.month), el('td', null, e.kindLabel || e.kind),
        el('td', {class: e.points < 0 ? 'vk-negative' : 'vk-positive'}, e.points > 0 ? `+${e.points}` : String(e.points)),
        el('td', null, e.reason || '')))));
}

function zoneList(t, personZones, res) {
  if (res.error) return unavailable(t, res.error);
  if (!personZones.length) return el('p', {class: 'vk-empty'}, t('person.noZones'));
  return el('ul', {class: 'vk-zone-list', test: 'person-zones'}, personZones.map(z =>
    el('li', {test: 'person-zone'}, el('span', {class: 'vk-swatch vk-swatch-' + z.kind}), z.name, ' · ',
      code(t, 'zoneKind', z.kind))));
}

/**
 * The trail player: a period (default the last 24 h), a purpose asked in a dialog before any request,
 * then the trail as a line with a moving head, a time slider and play/pause.
 */
function trailPlayer(ctx, map, person, box) {
  const t = ctx.t;
  const now = new Date();
  const from = el('input', {type: 'datetime-local', value: toShanghaiInput(new Date(now.getTime() - DAY_MS)), test: 'trail-from'});
  const to = el('input', {type: 'datetime-local', value: toShanghaiInput(now), test: 'trail-to'});
  const status = el('p', {class: 'vk-status', test: 'trail-status'});
  const player = el('div', {class: 'vk-player'});
  const open = el('button', {type: 'button', class: 'vk-button vk-primary', test: 'trail-open'}, t('person.openTrail'));
  fill(box, el('div', {class: 'vk-form-row'}, field(t('person.from'), from), field(t('person.to'), to), open), status, player);

  let layers = null;
  let timer = null;

  function clear() {
    stopPlaying();
    if (layers) {
      layers.remove();
      layers = null;
    }
    fill(player);
  }

  function stopPlaying() {
    if (timer) {
      clearInterval(timer);
      timer = null;
    }
  }

  open.addEventListener('click', async () => {
    const fromIso = fromShanghaiInput(from.value);
    const toIso = fromShanghaiInput(to.value);
    const span = fromIso && toIso ? new Date(toIso) - new Date(fromIso) : -1;
    if (!(span > 0 && span <= 31 * DAY_MS)) {
      fill(status, el('span', {class: 'vk-error'}, t('person.trailBadPeriod')));
      return;
    }
    const answer = await formDialog({
      title: t('person.purposeTitle'), test: 'trail-purpose-dialog',
      submitLabel: t('person.purposeOk'), cancelLabel: t('person.purposeCancel'),
      build: form => form.append(
        el('p', {class: 'vk-muted'}, t('person.purposeHint')),
        field(t('person.purpose'), el('textarea', {name: 'purpose', required: true, maxlength: 200, minlength: 1, rows: 3,
          test: 'trail-purpose'}))),
    });
    const purpose = answer && answer.purpose ? answer.purpose.trim() : '';
    if (!purpose) return; // cancelled: no request at all
    clear();
    fill(status, t('person.trailLoading'));
    let trail;
    try {
      trail = await ctx.api.get(`/api/persons/${person.id}/trail`, {from: fromIso, to: toIso, purpose});
    } catch (e) {
      fill(status, el('span', {class: 'vk-error', test: 'trail-error'}, problemText(e)));
      return;
    }
    show(trail);
  });

  function show(trail) {
    const points = (trail.items || []).filter(p => typeof p.lat === 'number' && typeof p.lon === 'number');
    if (!points.length) {
      fill(status, el('span', {test: 'trail-empty'}, t('person.trailEmpty')));
      return;
    }
    fill(status, el('span', {test: 'trail-count'}, t('person.trailCount', {count: points.length})),
      trail.truncated ? ' ' + t('person.trailTruncated') : '');
    const latlngs = points.map(p => [p.lat, p.lon]);
    layers = L.featureGroup().addTo(map);
    L.polyline(latlngs, {className: 'vk-trail-line', weight: 3}).addTo(layers);
    L.circleMarker(latlngs[0], {radius: 4, className: 'vk-trail-start'}).addTo(layers);
    const accuracy = L.circle(latlngs[0], {radius: points[0].accuracyMeters || 0, className: 'vk-trail-accuracy',
      interactive: false}).addTo(layers);
    const head = L.circleMarker(latlngs[0], {radius: 7, className: 'vk-trail-head'}).addTo(layers);
    map.fitBounds(layers.getBounds(), {padding: [30, 30], maxZoom: 17});

    const slider = el('input', {type: 'range', min: 0, max: points.length - 1, value: 0, step: 1, test: 'trail-slider',
      class: 'vk-slider'});
    const time = el('span', {class: 'vk-trail-time', test: 'trail-time'});
    const play = el('button', {type: 'button', class: 'vk-button', test: 'trail-play'}, t('person.play'));
    const close = el('button', {type: 'button', class: 'vk-button', test: 'trail-close'}, t('person.close'));

    function at(i) {
      const p = points[i];
      head.setLatLng([p.lat, p.lon]);
      accuracy.setLatLng([p.lat, p.lon]).setRadius(p.accuracyMeters || 0);
      fill(time, format.time(p.time), p.accuracyMeters ? ` · ${t('person.accuracy', {m: Math.round(p.accuracyMeters)})}` : '',
        p.source ? ` · ${p.source}` : '');
      slider.value = String(i);
    }

    slider.addEventListener('input', () => {
      stopPlaying();
      fill(play, t('person.play'));
      at(Number(slider.value));
    });
    play.addEventListener('click', () => {
      if (timer) {
        stopPlaying();
        fill(play, t('person.play'));
        return;
      }
      if (Number(slider.value) >= points.length - 1) at(0);
      fill(play, t('person.pause'));
      // About 20 s for a whole trail, however many points it has.
      const step = Math.max(1, Math.round(points.length / 200));
      timer = setInterval(() => {
        const next = Math.min(points.length - 1, Number(slider.value) + step);
        at(next);
        if (next >= points.length - 1) {
          stopPlaying();
          fill(play, t('person.play'));
        }
      }, 100);
    });
    close.addEventListener('click', () => {
      clear();
      fill(status);
    });
    fill(player, el('div', {class: 'vk-form-row'}, play, slider, close), time);
    at(0);
  }

  return {stop: clear};
}
