// #/audit: the audit trail (审计日志), newest first — who did what to which target, with the detail
// (for a trail read: the period, the number of positions and the purpose given). The server decides
// who may read it (administrators all; county supervisors and procurators their offices; officers 403).
import * as format from '../format.js';
import {addCodeLabels, code} from './labels.js';
import {el, field, fill, isStatus, problemText, select, settle, table, viewStyles} from './view-kit.js';

const ACTIONS = {
  'person.trail.read': ['查看轨迹', 'Trail read'],
  'positions.read': ['查看实时位置', 'Live positions read'],
  'alert.evidence.read': ['查看报警证据', 'Alert evidence read'],
  'alert.acknowledge': ['确认报警', 'Alert acknowledged'],
  'alert.resolve': ['处置报警', 'Alert resolved'],
  'alert.major_incident': ['标记重大事件', 'Major incident marked'],
  'zone.create': ['新建区域', 'Zone created'],
  'zone.update': ['修改区域', 'Zone changed'],
  'zone.retire': ['停用区域', 'Zone retired'],
  'person.create': ['登记社区矫正对象', 'Person registered'],
  'person.update': ['修改对象信息', 'Person changed'],
  'person.zones.assign': ['分配区域', 'Zones assigned'],
  'person.curfew.replace': ['设置居家时段', 'Curfew set'],
  'person.leave.create': ['登记外出', 'Leave granted'],
  'person.major_event': ['记录重大事项', 'Major event recorded'],
  'leave.approve': ['批准请假', 'Leave approved'],
  'leave.reject': ['驳回请假', 'Leave rejected'],
  'leave.report_back': ['销假', 'Reported back'],
  'em_order.create': ['批准电子定位', 'EM order approved'],
  'em_order.extend': ['延长电子定位', 'EM order extended'],
  'em_order.end': ['终止电子定位', 'EM order ended'],
  'device.create': ['登记设备', 'Device registered'],
  'device.bind': ['绑定设备', 'Device bound'],
  'device.unbind': ['解绑设备', 'Device unbound'],
  'session.create': ['登录', 'Signed in'],
  'session.refused': ['登录失败', 'Sign-in refused'],
  'session.revoke': ['退出登录', 'Signed out'],
  'staff.signin.failed': ['登录失败', 'Sign-in failed'],
  'staff.signin.locked': ['账号锁定', 'Account locked'],
  'staff.create': ['新建账号', 'Account created'],
  'staff.update': ['修改账号', 'Account changed'],
  'office.create': ['新建机构', 'Office created'],
  'message.send': ['发送消息', 'Message sent'],
  'points.entry.record': ['记录积分', 'Points recorded'],
  'points.entry.correct': ['更正积分', 'Points corrected'],
  'assessment.close': ['月度考核', 'Month closed'],
  'assessment.approve': ['审批考核', 'Month approved'],
  'assessment.board.export': ['导出晴雨表', 'Board exported'],
  'inspection.export': ['导出联合检察台账', 'Inspection export'],
  'procuratorate.recommendation.issue': ['发出检察建议', 'Recommendation issued'],
  'procuratorate.recommendation.reply': ['答复检察建议', 'Recommendation answered'],
};

const MESSAGES = {
  'zh-CN': {
    'audit.title': '审计日志',
    'audit.targetType': '对象类型',
    'audit.targetId': '对象编号',
    'audit.action': '操作',
    'audit.any': '全部',
    'audit.apply': '筛选',
    'audit.at': '时间',
    'audit.actor': '操作人',
    'audit.target': '对象',
    'audit.detail': '详情',
    'audit.purpose': '事由',
    'audit.purposeLabel': '事由：',
    'audit.period': '时段',
    'audit.points': '{points} 个定位点',
    'audit.more': '加载更多',
    'audit.none': '没有符合条件的记录',
    'audit.forbidden': '审计日志仅供县级社区矫正机构负责人、检察人员和系统管理员查看。',
    'audit.loadFailed': '无法加载：{reason}',
    'audit.target.person': '社区矫正对象',
    'audit.target.zone': '区域',
    'audit.target.alert': '报警',
    'audit.target.staff': '工作人员',
    'audit.target.office': '机构',
    'audit.target.device': '设备',
  },
  en: {
    'audit.title': 'Audit trail',
    'audit.targetType': 'Target type',
    'audit.targetId': 'Target id',
    'audit.action': 'Action',
    'audit.any': 'All',
    'audit.apply': 'Filter',
    'audit.at': 'Time',
    'audit.actor': 'Who',
    'audit.target': 'Target',
    'audit.detail': 'Detail',
    'audit.purpose': 'Purpose',
    'audit.purposeLabel': 'Purpose: ',
    'audit.period': 'Period',
    'audit.points': '{points} positions',
    'audit.more': 'Load more',
    'audit.none': 'No entries match',
    'audit.forbidden': 'The audit trail is for county supervisors, procurators and administrators.',
    'audit.loadFailed': 'Cannot load: {reason}',
    'audit.target.person': 'Person',
    'audit.target.zone': 'Zone',
    'audit.target.alert': 'Alert',
    'audit.target.staff': 'Staff',
    'audit.target.office': 'Office',
    'audit.target.device': 'Device',
  },
};

const TARGET_TYPES = ['person', 'zone', 'alert', 'staff', 'office', 'device'];
const PAGE = 100;

export async function render(root, ctx, params) {
  viewStyles();
  ctx.i18n.add(MESSAGES);
  addCodeLabels(ctx.i18n);
  const t = ctx.t;
  const zh = ctx.i18n.lang() === 'zh-CN';
  const actionLabel = a => (ACTIONS[a] ? ACTIONS[a][zh ? 0 : 1] : a);
  const query = (params && params.query) || {};

  if (ctx.session && ctx.session.role === 'OFFICER') {
    fill(root, el('div', {class: 'vk-audit', test: 'audit-page'}, el('h1', null, t('audit.title')),
      el('p', {class: 'vk-empty', test: 'audit-forbidden'}, t('audit.forbidden'))));
    return;
  }

  const targetType = select([['', t('audit.any')], ...TARGET_TYPES.map(k => [k, t('audit.target.' + k)])],
    query.targetType || '', {test: 'audit-target-type'});
  const targetId = el('input', {type: 'text', value: query.targetId || '', placeholder: 'UUID', test: 'audit-target-id', size: 38});
  const action = select([['', t('audit.any')], ...Object.keys(ACTIONS).map(a => [a, actionLabel(a)])], query.action || '',
    {test: 'audit-action'});
  const body = el('tbody');
  const list = el('div', {test: 'audit-list'});
  const more = el('button', {type: 'button', class: 'vk-button', test: 'audit-more'}, t('audit.more'));
  const form = el('form', {class: 'vk-form-row vk-filters', test: 'audit-filters'},
    field(t('audit.targetType'), targetType), field(t('audit.targetId'), targetId), field(t('audit.action'), action),
    el('button', {type: 'submit', class: 'vk-button vk-primary', test: 'audit-apply'}, t('audit.apply')));
  fill(root, el('div', {class: 'vk-audit', test: 'audit-page'}, el('h1', null, t('audit.title')), form, list));

  let before = null;
  let shown = 0;

  async function load(reset) {
    if (reset) {
      before = null;
      shown = 0;
      body.replaceChildren();
    }
    const q = {limit: PAGE};
    if (targetType.value) q.targetType = targetType.value;
    if (targetId.value.trim()) q.targetId = targetId.value.trim();
    if (before) q.before = before;
    const res = await settle(ctx.api.get('/api/audit', q));
    if (res.error) {
      fill(list, el('p', {class: isStatus(res.error, 403) ? 'vk-empty' : 'vk-error', test: 'audit-error'},
        isStatus(res.error, 403) ? t('audit.forbidden') : t('audit.loadFailed', {reason: problemText(res.error)})));
      return;
    }
    const page = res.value.items || [];
    if (page.length) before = page[page.length - 1].id;
    // The action filter is applied here: the API filters by target.
    const rows = page.filter(e => !action.value || e.action === action.value);
    for (const e of rows) body.appendChild(entryRow(t, e, actionLabel));
    shown += rows.length;
    fill(list,
      shown ? el('table', {class: 'vk-table', test: 'audit-table'},
        el('thead', null, el('tr', null, [t('audit.at'), t('audit.actor'), t('audit.action'), t('audit.target'), t('audit.detail')]
          .map(h => el('th', null, h)))), body)
        : el('p', {class: 'vk-empty', test: 'audit-none'}, t('audit.none')),
      page.length === PAGE ? more : null);
  }

  more.addEventListener('click', () => load(false));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    load(true);
  });
  targetType.addEventListener('change', () => load(true));
  action.addEventListener('change', () => load(true));
  await load(true);
}

function entryRow(t, e, actionLabel) {
  const d = e.detail || {};
  const rest = Object.fromEntries(Object.entries(d).filter(([k]) => !['purpose', 'from', 'to', 'points'].includes(k)
    || e.action !== 'person.trail.read'));
  const target = e.targetType === 'person' && e.targetId
    ? el('a', {href: `#/persons/${e.targetId}`}, e.targetId)
    : e.targetId || '';
  return el('tr', {test: 'audit-row', dataset: {action: e.action, targetId: e.targetId || ''}},
    el('td', {class: 'vk-nowrap'}, format.time(e.at)),
    el('td', null, e.actorUsername || '—', e.actorRole ? el('div', {class: 'vk-muted'}, code(t, 'role', e.actorRole)) : null),
    el('td', null, actionLabel(e.action), el('div', {class: 'vk-muted vk-code'}, e.action)),
    el('td', null, e.targetType ? t('audit.target.' + e.targetType) : '',
      el('div', {class: 'vk-muted vk-code'}, target)),
    el('td', {class: 'vk-wrap'},
      d.purpose ? el('div', {test: 'audit-purpose'}, el('strong', null, t('audit.purposeLabel')), d.purpose) : null,
      e.action === 'person.trail.read' && d.from ? el('div', {class: 'vk-muted'}, t('audit.period'), ' ',
        format.time(d.from), ' — ', format.time(d.to), d.points !== undefined ? ' · ' + t('audit.points', {points: d.points}) : '')
        : null,
      Object.keys(rest).length ? el('code', {class: 'vk-json'}, JSON.stringify(rest)) : null));
}
