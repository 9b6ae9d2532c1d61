// Times are shown in Asia/Shanghai whatever the browser's zone is: officers compare them with
// court documents and check-in schedules, which are in Beijing time.
const ZONE = 'Asia/Shanghai';

function locale() {
  return document.documentElement.lang === 'en' ? 'en-GB' : 'zh-CN';
}

function parts(iso, options) {
  if (!iso) return '';
  const d = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(locale(), { timeZone: ZONE, hourCycle: 'h23', ...options }).format(d);
}

/** 2026-12-03 18:20:54 style, in Asia/Shanghai. */
export function time(iso) {
  return parts(iso, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    second: '2-digit' });
}

/** The date only, in Asia/Shanghai. */
export function date(iso) {
  return parts(iso, { year: 'numeric', month: '2-digit', day: '2-digit' });
}

/** Hours and minutes only (toasts, today's events). */
export function clock(iso) {
  return parts(iso, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** "3 分钟前" / "3 min ago": how fresh a fix is. */
export function ago(iso, t) {
  if (!iso) return '';
  const seconds = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return t('time.justNow');
  if (seconds < 3600) return t('time.minutesAgo', { n: Math.floor(seconds / 60) });
  if (seconds < 86400) return t('time.hoursAgo', { n: Math.floor(seconds / 3600) });
  return t('time.daysAgo', { n: Math.floor(seconds / 86400) });
}

export const format = { time, date, clock, ago, zone: ZONE };
