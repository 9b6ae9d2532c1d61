// Messages by language; zh-CN by default, English switchable, the choice kept in localStorage.
// Views register their own messages with i18n.add({'zh-CN': {...}, en: {...}}), keys prefixed with
// the view's name. t(key, {n: 3}) fills {n}; a key missing in English falls back to Chinese, then
// to the key itself (visible, so a missing message is noticed).
const STORE = 'tether.lang';
export const LANGS = ['zh-CN', 'en'];

const messages = { 'zh-CN': {}, en: {} };
const listeners = [];
let current = LANGS.includes(localStorage.getItem(STORE)) ? localStorage.getItem(STORE) : 'zh-CN';

export function add(bundle) {
  for (const lang of Object.keys(bundle)) {
    messages[lang] = Object.assign(messages[lang] || {}, bundle[lang]);
  }
}

export function lang() {
  return current;
}

export function setLang(next) {
  if (!LANGS.includes(next) || next === current) return;
  current = next;
  localStorage.setItem(STORE, next);
  document.documentElement.lang = next;
  listeners.forEach(fn => fn(next));
}

export function onChange(fn) {
  listeners.push(fn);
}

export function t(key, params) {
  let text = messages[current][key];
  if (text === undefined) text = messages['zh-CN'][key];
  if (text === undefined) return key;
  if (params) {
    text = text.replace(/\{(\w+)\}/g, (m, name) => (params[name] === undefined ? m : String(params[name])));
  }
  return text;
}

/** The label the server sends with an alert ({zh, en}) in the current language. */
export function label(pair) {
  if (!pair) return '';
  return current === 'en' ? (pair.en || pair.zh) : (pair.zh || pair.en);
}

document.documentElement.lang = current;

add({
  'zh-CN': {
    'app.title': '社区矫正监管平台',
    'nav.map': '实时地图', 'nav.alerts': '告警', 'nav.persons': '社区矫正对象', 'nav.zones': '电子围栏',
    'nav.board': '晴雨表', 'nav.procuratorate': '检察通报', 'nav.audit': '审计日志',
    'shell.logout': '退出登录', 'shell.notAvailable': '此页面暂不可用。', 'shell.notFound': '没有这个页面。',
    'shell.loading': '加载中…', 'shell.error': '出错了：{detail}', 'shell.role.OFFICER': '社区矫正工作人员',
    'shell.role.COUNTY_SUPERVISOR': '县级社区矫正机构', 'shell.role.PROCURATOR': '检察院', 'shell.role.ADMIN': '管理员',
    'shell.sessionEnded': '登录已失效，请重新登录。',
    'signin.title': '登录', 'signin.subtitle': '社区矫正工作人员登录', 'signin.username': '用户名',
    'signin.password': '密码', 'signin.submit': '登录', 'signin.busy': '正在登录…',
    'signin.wrong': '用户名或密码错误。', 'signin.locked': '登录失败次数过多，账号已暂时锁定。{detail}',
    'signin.lockedUntil': '请于 {time} 后再试。', 'signin.required': '请填写用户名和密码。',
    'signin.network': '无法连接服务器。', 'signin.note': '位置信息仅用于社区矫正工作，严禁泄露（《社区矫正法》第二十九条）。',
    'time.justNow': '刚刚', 'time.minutesAgo': '{n} 分钟前', 'time.hoursAgo': '{n} 小时前', 'time.daysAgo': '{n} 天前',
    'severity.LOW': '低', 'severity.MEDIUM': '中', 'severity.HIGH': '高', 'severity.CRITICAL': '紧急',
    'state.OPEN': '待处理', 'state.ACKNOWLEDGED': '已确认', 'state.RESOLVED': '已处置',
    'status.OK': '正常', 'status.ALERT': '告警', 'status.NO_SIGNAL': '失联', 'status.NO_FIX': '无定位',
    'resolution.CONFIRMED_VIOLATION': '确认违规', 'resolution.FALSE_ALARM': '误报',
    'resolution.DEVICE_FAULT': '设备故障', 'resolution.OTHER': '其他',
    'alertType.OUT_OF_AREA': '越界', 'alertType.EXCLUSION_ZONE_ENTRY': '进入禁止区域',
    'alertType.CURFEW_BREACH': '违反居家规定', 'alertType.MISSED_CHECK_IN': '未按时报到',
    'alertType.LOCATION_CHECK_UNANSWERED': '核查未响应', 'alertType.NO_SIGNAL': '失联',
    'alertType.DEVICE_POWER_OFF': '设备关机', 'alertType.TAMPER': '防拆报警', 'alertType.BATTERY_LOW': '电量低',
    'alertType.SEPARATION': '人机分离', 'alertType.LEAVE_OVERDUE': '请假逾期未归',
    'alertType.SUSPECTED_ABSCONDING': '疑似脱管', 'alertType.EM_ORDER_EXPIRING': '电子定位期限将满',
    'alertType.PROCURATORATE_UNDELIVERED': '检察通报未送达',
    'common.all': '全部', 'common.close': '关闭', 'common.cancel': '取消', 'common.save': '保存',
  },
  en: {
    'app.title': 'Community Correction Supervision',
    'nav.map': 'Live map', 'nav.alerts': 'Alerts', 'nav.persons': 'Supervised persons', 'nav.zones': 'Zones',
    'nav.board': 'Monthly board', 'nav.procuratorate': 'Procuratorate', 'nav.audit': 'Audit log',
    'shell.logout': 'Sign out', 'shell.notAvailable': 'This page is not available yet.',
    'shell.notFound': 'There is no such page.', 'shell.loading': 'Loading…', 'shell.error': 'Something went wrong: {detail}',
    'shell.role.OFFICER': 'Officer', 'shell.role.COUNTY_SUPERVISOR': 'County supervisor',
    'shell.role.PROCURATOR': 'Procurator', 'shell.role.ADMIN': 'Administrator',
    'shell.sessionEnded': 'Your session has ended. Please sign in again.',
    'signin.title': 'Sign in', 'signin.subtitle': 'Staff sign-in', 'signin.username': 'User name',
    'signin.password': 'Password', 'signin.submit': 'Sign in', 'signin.busy': 'Signing in…',
    'signin.wrong': 'Unknown user name or wrong password.',
    'signin.locked': 'Too many failed sign-ins: this account is locked for now. {detail}',
    'signin.lockedUntil': 'Try again after {time}.', 'signin.required': 'Enter your user name and password.',
    'signin.network': 'Cannot reach the server.',
    'signin.note': 'Location data may be used only for community-correction work and must be kept confidential (Art. 29).',
    'time.justNow': 'just now', 'time.minutesAgo': '{n} min ago', 'time.hoursAgo': '{n} h ago', 'time.daysAgo': '{n} d ago',
    'severity.LOW': 'Low', 'severity.MEDIUM': 'Medium', 'severity.HIGH': 'High', 'severity.CRITICAL': 'Critical',
    'state.OPEN': 'Open', 'state.ACKNOWLEDGED': 'Acknowledged', 'state.RESOLVED': 'Resolved',
    'status.OK': 'OK', 'status.ALERT': 'Alert', 'status.NO_SIGNAL': 'No signal', 'status.NO_FIX': 'No fix yet',
    'resolution.CONFIRMED_VIOLATION': 'Confirmed violation', 'resolution.FALSE_ALARM': 'False alarm',
    'resolution.DEVICE_FAULT': 'Device fault', 'resolution.OTHER': 'Other',
    'alertType.OUT_OF_AREA': 'Out of area', 'alertType.EXCLUSION_ZONE_ENTRY': 'Exclusion zone entry',
    'alertType.CURFEW_BREACH': 'Curfew breach', 'alertType.MISSED_CHECK_IN': 'Missed check-in',
    'alertType.LOCATION_CHECK_UNANSWERED': 'Location check unanswered', 'alertType.NO_SIGNAL': 'No signal',
    'alertType.DEVICE_POWER_OFF': 'Device powered off', 'alertType.TAMPER': 'Tamper', 'alertType.BATTERY_LOW': 'Battery low',
    'alertType.SEPARATION': 'Phone–bracelet separation', 'alertType.LEAVE_OVERDUE': 'Leave overdue',
    'alertType.SUSPECTED_ABSCONDING': 'Suspected absconding', 'alertType.EM_ORDER_EXPIRING': 'EM order expiring',
    'alertType.PROCURATORATE_UNDELIVERED': 'Procuratorate notification undelivered',
    'common.all': 'All', 'common.close': 'Close', 'common.cancel': 'Cancel', 'common.save': 'Save',
  },
});

export const ALERT_TYPES = ['OUT_OF_AREA', 'EXCLUSION_ZONE_ENTRY', 'CURFEW_BREACH', 'MISSED_CHECK_IN',
  'LOCATION_CHECK_UNANSWERED', 'NO_SIGNAL', 'DEVICE_POWER_OFF', 'TAMPER', 'BATTERY_LOW', 'SEPARATION',
  'LEAVE_OVERDUE', 'SUSPECTED_ABSCONDING', 'EM_ORDER_EXPIRING', 'PROCURATORATE_UNDELIVERED'];
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
export const STATES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'];
export const RESOLUTIONS = ['CONFIRMED_VIOLATION', 'FALSE_ALARM', 'DEVICE_FAULT', 'OTHER'];

export const i18n = { add, lang, setLang, onChange, t, label };
