// #/board: the monthly 晴雨表 board (每月一考核, 一公示) as a bar chart per justice office — the
// published display names (full or masked as the office chose; minors never appear), their scores and
// grades — with the published exports (xlsx, PDF, web page). Plain SVG, no chart library.
import {addCodeLabels, code} from './labels.js';
import {el, field, fill, isStatus, problemText, select, settle, shanghaiMonth, svg, viewStyles} from './view-kit.js';
import {openFile} from './files.js';

const MESSAGES = {
  'zh-CN': {
    'board.title': '月度考核晴雨表',
    'board.office': '司法所',
    'board.allOffices': '全部司法所',
    'board.month': '月份',
    'board.show': '查看',
    'board.notClosed': '{office}：{month} 尚未完成月度考核',
    'board.empty': '{office}：本月无公示对象',
    'board.persons': '{count} 人',
    'board.score': '得分',
    'board.exports': '公示文件',
    'board.xlsx': 'Excel',
    'board.pdf': 'PDF',
    'board.html': '网页',
    'board.noOffices': '没有可查看的司法所',
    'board.chartLabel': '{office} {month} 考核得分',
    'board.rank': '第 {rank} 名',
    'board.loadFailed': '无法加载：{reason}',
  },
  en: {
    'board.title': 'Monthly board (晴雨表)',
    'board.office': 'Justice office',
    'board.allOffices': 'All justice offices',
    'board.month': 'Month',
    'board.show': 'Show',
    'board.notClosed': '{office}: {month} has not been assessed yet',
    'board.empty': '{office}: nobody on this month\'s board',
    'board.persons': '{count} persons',
    'board.score': 'Score',
    'board.exports': 'Published files',
    'board.xlsx': 'Excel',
    'board.pdf': 'PDF',
    'board.html': 'Web page',
    'board.noOffices': 'No justice office to show',
    'board.chartLabel': '{office} {month} scores',
    'board.rank': 'rank {rank}',
    'board.loadFailed': 'Cannot load: {reason}',
  },
};

const GRADES = ['GOOD', 'PASS', 'FAIL'];

export async function render(root, ctx, params) {
  viewStyles();
  ctx.i18n.add(MESSAGES);
  addCodeLabels(ctx.i18n);
  const t = ctx.t;

  const officesRes = await settle(ctx.api.get('/api/offices'));
  if (officesRes.error) {
    fill(root, el('p', {class: 'vk-error'}, t('board.loadFailed', {reason: problemText(officesRes.error)})));
    return;
  }
  const offices = (officesRes.value.items || []).filter(o => o.kind === 'JUSTICE_OFFICE');
  if (!offices.length) {
    fill(root, el('div', {class: 'vk-board', test: 'board-page'}, el('h1', null, t('board.title')),
      el('p', {class: 'vk-empty'}, t('board.noOffices'))));
    return;
  }
  const query = (params && params.query) || {};
  const officeChoice = select([...(offices.length > 1 ? [['', t('board.allOffices')]] : []),
    ...offices.map(o => [o.id, o.name])], query.officeId || (offices.length > 1 ? '' : offices[0].id), {test: 'board-office'});
  const month = el('input', {type: 'month', value: query.month || shanghaiMonth(-1), max: shanghaiMonth(0), test: 'board-month'});
  const show = el('button', {type: 'submit', class: 'vk-button vk-primary', test: 'board-show'}, t('board.show'));
  const charts = el('div', {class: 'vk-board-charts', test: 'board-charts'});
  const form = el('form', {class: 'vk-form-row vk-filters'}, field(t('board.office'), officeChoice),
    field(t('board.month'), month), show);
  fill(root, el('div', {class: 'vk-board', test: 'board-page'}, el('h1', null, t('board.title')), form, charts));

  let generation = 0;
  async function load() {
    const mine = ++generation;
    const chosen = officeChoice.value ? offices.filter(o => o.id === officeChoice.value) : offices;
    const m = month.value;
    if (!/^\d{4}-\d{2}$/.test(m)) return;
    const results = await Promise.all(chosen.map(o =>
      settle(ctx.api.get(`/api/offices/${o.id}/assessments/${m}/board`, {format: 'json'})).then(r => ({office: o, ...r}))));
    if (mine !== generation) return; // a newer choice is on its way
    fill(charts, results.map(r => officeChart(ctx, r.office, m, r)));
  }
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    load();
  });
  officeChoice.addEventListener('change', load);
  month.addEventListener('change', load);
  await load();
}

function officeChart(ctx, office, month, {value: board, error}) {
  const t = ctx.t;
  const head = el('h2', {class: 'vk-panel-title'}, office.name, ' · ', month);
  if (error) {
    const text = isStatus(error, 404) ? t('board.notClosed', {office: office.name, month})
      : t('board.loadFailed', {reason: problemText(error)});
    return el('section', {class: 'vk-panel', test: 'board-office-chart', dataset: {officeId: office.id}},
      head, el('p', {class: 'vk-empty', test: 'board-not-closed'}, text));
  }
  const rows = board.rows || [];
  const counts = Object.fromEntries(GRADES.map(g => [g, rows.filter(r => r.grade === g).length]));
  const base = `/api/offices/${office.id}/assessments/${month}/board`;
  const exportLink = (format, label) => el('button', {type: 'button', class: 'vk-button vk-link', test: `board-export-${format}`,
    onclick: ev => openFile(ctx, `${base}?format=${format}`, `${office.name}-${month}.${format}`, ev.currentTarget)}, label);
  return el('section', {class: 'vk-panel', test: 'board-office-chart', dataset: {officeId: office.id}},
    head,
    el('p', {class: 'vk-board-meta'},
      el('span', {class: 'vk-badge vk-badge-' + (board.status === 'APPROVED' ? 'ok' : 'warn'), test: 'board-status'},
        code(t, 'boardStatus', board.status)), ' ',
      board.title ? el('span', {class: 'vk-muted'}, board.title) : null, ' ',
      el('span', null, t('board.persons', {count: rows.length})), ' ',
      GRADES.map(g => el('span', {class: 'vk-legend'}, el('span', {class: 'vk-swatch vk-grade-' + g}),
        `${code(t, 'grade', g)} ${counts[g]}`))),
    rows.length ? chart(t, office, month, rows) : el('p', {class: 'vk-empty'}, t('board.empty', {office: office.name})),
    el('div', {class: 'vk-form-row vk-exports'}, el('span', {class: 'vk-muted'}, t('board.exports'), ':'),
      exportLink('xlsx', t('board.xlsx')), exportLink('pdf', t('board.pdf')), exportLink('html', t('board.html'))));
}

/** Horizontal bars, best first (the board's rank order), scale 0..max(100, best score). */
function chart(t, office, month, rows) {
  const barH = 22;
  const gap = 8;
  const labelW = 110;
  const valueW = 90;
  const width = 760;
  const plotW = width - labelW - valueW;
  const top = 24;
  const height = top + rows.length * (barH + gap) + 4;
  const max = Math.max(100, ...rows.map(r => r.score || 0));
  const x = v => labelW + Math.max(0, v) / max * plotW;
  const ticks = [];
  for (let v = 0; v <= max; v += max > 150 ? 50 : 20) ticks.push(v);
  return svg('svg', {class: 'vk-chart', viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', test: 'board-chart',
    'aria-label': t('board.chartLabel', {office: office.name, month})},
  ticks.map(v => [
    svg('line', {x1: x(v), x2: x(v), y1: top - 6, y2: height, class: 'vk-chart-grid'}),
    svg('text', {x: x(v), y: top - 10, class: 'vk-chart-tick', 'text-anchor': 'middle'}, String(v)),
  ]),
  rows.map((r, i) => {
    const y = top + i * (barH + gap);
    const w = Math.max(1, x(r.score || 0) - labelW);
    return svg('g', {class: 'vk-chart-row', test: 'board-row'},
      svg('text', {x: labelW - 8, y: y + barH * 0.7, 'text-anchor': 'end', class: 'vk-chart-label'}, r.name),
      svg('rect', {x: labelW, y, width: w, height: barH, rx: 3, class: 'vk-bar vk-grade-' + r.grade, test: 'board-bar',
        'data-name': r.name, 'data-score': r.score, 'data-grade': r.grade},
      svg('title', null, `${r.name} · ${t('board.rank', {rank: r.rank})} · ${r.score} · ${code(t, 'grade', r.grade)}`)),
      svg('text', {x: labelW + w + 6, y: y + barH * 0.7, class: 'vk-chart-value'},
        `${r.score} ${code(t, 'grade', r.grade)}`));
  }));
}
