// #/procuratorate: the notifications owed to the procuratorate (检察院, law Art. 8, 30 …) with what was
// sent and its delivery — state, attempts, the last error, the attempt log — filtered by delivery,
// kind and person; and the procuratorate's recommendations (检察建议) with their reply deadlines.
import * as format from '../format.js';
import {addCodeLabels, code} from './labels.js';
import {badge, el, field, fill, problemText, select, settle, table, viewStyles} from './view-kit.js';

const MESSAGES = {
  'zh-CN': {
    'procuratorate.title': '检察院通报记录',
    'procuratorate.status': '送达状态',
    'procuratorate.any': '全部',
    'procuratorate.kind': '事项',
    'procuratorate.person': '社区矫正对象',
    'procuratorate.limit': '条数',
    'procuratorate.apply': '筛选',
    'procuratorate.recordedAt': '记录时间',
    'procuratorate.occurredAt': '发生时间',
    'procuratorate.article': '依据',
    'procuratorate.articleValue': '《社区矫正法》第{article}条',
    'procuratorate.summary': '摘要',
    'procuratorate.delivery': '送达',
    'procuratorate.attempts': '尝试次数',
    'procuratorate.lastResult': '最近结果',
    'procuratorate.nextAttempt': '下次尝试 {time}',
    'procuratorate.deliveredAt': '送达于 {time}',
    'procuratorate.none': '没有符合条件的通报',
    'procuratorate.details': '尝试记录',
    'procuratorate.attempt': '第 {n} 次',
    'procuratorate.duration': '{ms} 毫秒',
    'procuratorate.count': '共 {count} 条',
    'procuratorate.loadFailed': '无法加载：{reason}',
    'procuratorate.recommendations': '检察建议与纠正意见',
    'procuratorate.noRecommendations': '暂无检察建议',
    'procuratorate.rec.RECOMMENDATION': '检察建议',
    'procuratorate.rec.CORRECTION_OPINION': '纠正意见',
    'procuratorate.replyDue': '答复期限',
    'procuratorate.replied': '已答复',
    'procuratorate.repliedLate': '逾期答复',
    'procuratorate.overdue': '逾期未答复',
    'procuratorate.awaiting': '待答复',
    'procuratorate.content': '内容',
  },
  en: {
    'procuratorate.title': 'Procuratorate notifications',
    'procuratorate.status': 'Delivery',
    'procuratorate.any': 'All',
    'procuratorate.kind': 'Kind',
    'procuratorate.person': 'Person',
    'procuratorate.limit': 'Rows',
    'procuratorate.apply': 'Filter',
    'procuratorate.recordedAt': 'Recorded',
    'procuratorate.occurredAt': 'Occurred',
    'procuratorate.article': 'Basis',
    'procuratorate.articleValue': 'Community Correction Law Art. {article}',
    'procuratorate.summary': 'Summary',
    'procuratorate.delivery': 'Delivery',
    'procuratorate.attempts': 'Attempts',
    'procuratorate.lastResult': 'Last result',
    'procuratorate.nextAttempt': 'next attempt {time}',
    'procuratorate.deliveredAt': 'delivered {time}',
    'procuratorate.none': 'No notifications match',
    'procuratorate.details': 'Attempts',
    'procuratorate.attempt': 'attempt {n}',
    'procuratorate.duration': '{ms} ms',
    'procuratorate.count': '{count} notifications',
    'procuratorate.loadFailed': 'Cannot load: {reason}',
    'procuratorate.recommendations': 'Recommendations and correction opinions',
    'procuratorate.noRecommendations': 'No recommendations',
    'procuratorate.rec.RECOMMENDATION': 'Recommendation',
    'procuratorate.rec.CORRECTION_OPINION': 'Correction opinion',
    'procuratorate.replyDue': 'Reply due',
    'procuratorate.replied': 'Replied',
    'procuratorate.repliedLate': 'Replied late',
    'procuratorate.overdue': 'Overdue',
    'procuratorate.awaiting': 'Awaiting reply',
    'procuratorate.content': 'Content',
  },
};

const KINDS = ['SUSPECTED_ABSCONDING', 'MAJOR_INCIDENT', 'PROHIBITED_ACT_UNSTOPPED', 'PLACE_CHANGE', 'DETAINED',
  'COMMUTATION_PROPOSED', 'CORRECTION_ENDED', 'REVOCATION_PROPOSED', 'PRISON_PROPOSED', 'DEATH'];
const DELIVERY_BADGE = {DELIVERED: 'ok', PENDING: 'warn', REFUSED: 'bad', OFF: 'grey'};

export async function render(root, ctx, params) {
  viewStyles();
  ctx.i18n.add(MESSAGES);
  addCodeLabels(ctx.i18n);
  const t = ctx.t;
  const query = (params && params.query) || {};

  const personsRes = await settle(ctx.api.get('/api/persons'));
  const persons = (personsRes.value && personsRes.value.items) || [];
  const personName = id => persons.find(p => p.id === id)?.displayName || id;

  const status = select([['', t('procuratorate.any')], ['PENDING', code(t, 'delivery', 'PENDING')],
    ['DELIVERED', code(t, 'delivery', 'DELIVERED')]], query.status || '', {test: 'notification-status'});
  const kind = select([['', t('procuratorate.any')], ...KINDS.map(k => [k, code(t, 'notification', k)])], query.kind || '',
    {test: 'notification-kind'});
  const person = select([['', t('procuratorate.any')], ...persons.map(p => [p.id, p.displayName])], query.personId || '',
    {test: 'notification-person'});
  const limit = select([['50', '50'], ['100', '100'], ['500', '500']], '100', {test: 'notification-limit'});
  const list = el('div', {test: 'notification-list'});
  const recs = el('div', {test: 'recommendation-list'});
  const form = el('form', {class: 'vk-form-row vk-filters', test: 'notification-filters'},
    field(t('procuratorate.status'), status), field(t('procuratorate.kind'), kind),
    field(t('procuratorate.person'), person), field(t('procuratorate.limit'), limit),
    el('button', {type: 'submit', class: 'vk-button vk-primary', test: 'notification-apply'}, t('procuratorate.apply')));
  fill(root, el('div', {class: 'vk-procuratorate', test: 'procuratorate-page'},
    el('h1', null, t('procuratorate.title')), form, list,
    el('h2', {class: 'vk-panel-title vk-section'}, t('procuratorate.recommendations')), recs));

  async function load() {
    const q = {limit: limit.value};
    if (status.value) q.status = status.value;
    if (person.value) q.personId = person.value;
    const res = await settle(ctx.api.get('/api/procuratorate/notifications', q));
    if (res.error) {
      fill(list, el('p', {class: 'vk-error'}, t('procuratorate.loadFailed', {reason: problemText(res.error)})));
      return;
    }
    // The kind filter is applied here: the API filters by delivery and person.
    const items = (res.value.items || []).filter(n => !kind.value || n.kind === kind.value);
    if (!items.length) {
      fill(list, el('p', {class: 'vk-empty', test: 'notification-none'}, t('procuratorate.none')));
      return;
    }
    fill(list, el('p', {class: 'vk-muted'}, t('procuratorate.count', {count: items.length})),
      table([t('procuratorate.recordedAt'), t('procuratorate.kind'), t('procuratorate.person'), t('procuratorate.summary'),
        t('procuratorate.delivery'), t('procuratorate.attempts'), t('procuratorate.lastResult')],
      items.map(n => notificationRows(ctx, n, personName)), {test: 'notification-table'}));
  }

  async function loadRecommendations() {
    const res = await settle(ctx.api.get('/api/procuratorate/recommendations'));
    if (res.error) {
      fill(recs, el('p', {class: 'vk-error'}, t('procuratorate.loadFailed', {reason: problemText(res.error)})));
      return;
    }
    const items = res.value.items || [];
    if (!items.length) {
      fill(recs, el('p', {class: 'vk-empty'}, t('procuratorate.noRecommendations')));
      return;
    }
    fill(recs, table([t('procuratorate.kind'), t('procuratorate.person'), t('procuratorate.content'),
      t('procuratorate.replyDue'), t('procuratorate.status')], items.map(r => el('tr', {test: 'recommendation-row'},
      el('td', null, t('procuratorate.rec.' + r.kind)),
      el('td', null, r.personId ? personLink(ctx, r.personId, personName) : '—'),
      el('td', {class: 'vk-wrap'}, r.content),
      el('td', null, format.time(r.replyDueAt)),
      el('td', null, r.repliedAt
        ? badge(r.repliedLate ? t('procuratorate.repliedLate') : t('procuratorate.replied'), r.repliedLate ? 'warn' : 'ok')
        : badge(r.overdue ? t('procuratorate.overdue') : t('procuratorate.awaiting'), r.overdue ? 'bad' : 'warn'))))));
  }

  form.addEventListener('submit', ev => {
    ev.preventDefault();
    load();
  });
  for (const s of [status, kind, person, limit]) s.addEventListener('change', load);
  await Promise.all([load(), loadRecommendations()]);
}

function personLink(ctx, id, personName) {
  return el('a', {href: `#/persons/${id}`, test: 'notification-person-link'}, personName(id));
}

function notificationRows(ctx, n, personName) {
  const t = ctx.t;
  const d = n.delivery || {};
  const last = d.lastStatusCode || d.lastError
    ? [d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '', d.lastStatusCode && d.lastError ? ' · ' : '', d.lastError || ''] : '—';
  const when = d.state === 'DELIVERED' && d.deliveredAt ? t('procuratorate.deliveredAt', {time: format.time(d.deliveredAt)})
    : d.nextAttemptAt && d.state !== 'OFF' ? t('procuratorate.nextAttempt', {time: format.time(d.nextAttemptAt)}) : '';
  const attempts = d.attemptLog || [];
  const details = attempts.length ? el('details', {class: 'vk-details'}, el('summary', null, t('procuratorate.details')),
    el('ol', {class: 'vk-plain-list'}, attempts.map(a => el('li', {test: 'notification-attempt'},
      `${t('procuratorate.attempt', {n: a.attempt})} · ${format.time(a.startedAt)} · `,
      badge(code(t, 'outcome', a.outcome), a.outcome === 'DELIVERED' ? 'ok' : a.outcome === 'REJECTED' ? 'bad' : 'warn'),
      a.statusCode ? ` HTTP ${a.statusCode}` : '', a.error ? ` · ${a.error}` : '',
      ` · ${t('procuratorate.duration', {ms: a.durationMs})}`)))) : null;
  return el('tr', {test: 'notification-row', dataset: {state: d.state || '', kind: n.kind}},
    el('td', null, format.time(n.recordedAt), el('div', {class: 'vk-muted'}, t('procuratorate.occurredAt'), ' ', format.time(n.occurredAt))),
    el('td', null, code(t, 'notification', n.kind),
      n.article ? el('div', {class: 'vk-muted'}, t('procuratorate.articleValue', {article: n.article})) : null),
    el('td', null, personLink(ctx, n.personId, personName)),
    el('td', {class: 'vk-wrap'}, n.summary || ''),
    el('td', null, badge(code(t, 'delivery', d.state), DELIVERY_BADGE[d.state] || 'plain', 'notification-state'),
      when ? el('div', {class: 'vk-muted'}, when) : null),
    el('td', {test: 'notification-attempts'}, String(d.attempts ?? 0)),
    el('td', {class: 'vk-wrap'}, last, details));
}
