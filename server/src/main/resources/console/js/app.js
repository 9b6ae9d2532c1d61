// The console shell: loads the map settings and the session, draws the top bar, and routes
// #/name/params to views/name.js (loaded on first use with a dynamic import). A view exports
// render(root, ctx, params) and may return a cleanup function, called when the route changes.
import { createApi, setToken, token } from './api.js';
import { i18n, t } from './i18n.js';
import { format } from './format.js';
import { createMaps } from './map.js';
import { toast } from './toast.js';

const NAV = [
  { route: 'map', key: 'nav.map' },
  { route: 'alerts', key: 'nav.alerts' },
  { route: 'persons', key: 'nav.persons' },
  { route: 'zones', key: 'nav.zones' },
  { route: 'board', key: 'nav.board' },
  { route: 'procuratorate', key: 'nav.procuratorate' },
  { route: 'audit', key: 'nav.audit' },
];
const VIEW_NAME = /^[a-z][a-z0-9-]*$/;

const root = document.getElementById('view');
const ctx = {
  api: null, t, i18n, format, toast, session: null, config: {}, maps: null,
  navigate(hash) {
    if (location.hash === hash) route(); else location.hash = hash;
  },
  signedIn,
  signOut,
};
let cleanup = null;
let generation = 0;

ctx.api = createApi(() => {
  setToken(null);
  ctx.session = null;
  drawShell();
  toast(t('shell.sessionEnded'), 'warn');
  ctx.navigate('#/signin');
});

function parse(hash) {
  const path = (hash || '').replace(/^#\/?/, '');
  const [pathPart, queryPart] = path.split('?');
  const segments = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const query = Object.fromEntries(new URLSearchParams(queryPart || ''));
  return { name: segments[0] || '', params: segments.slice(1), query };
}

async function route() {
  const mine = ++generation;
  if (cleanup) {
    try { cleanup(); } catch (e) { console.error('view cleanup failed', e); }
    cleanup = null;
  }
  let { name, params, query } = parse(location.hash);
  if (!ctx.session && name !== 'signin') {
    location.replace('#/signin' + (name ? '?next=' + encodeURIComponent(location.hash) : ''));
    return;
  }
  if (ctx.session && (name === 'signin' || !name)) {
    location.replace('#/map');
    return;
  }
  highlightNav(name);
  root.replaceChildren();
  root.dataset.view = name;
  if (!VIEW_NAME.test(name)) {
    root.append(message(t('shell.notFound'), 'view-missing'));
    return;
  }
  let view;
  try {
    view = await import('./views/' + name + '.js');
  } catch (e) {
    if (mine !== generation) return;
    console.warn('view ' + name + ' not loaded', e);
    root.append(message(t('shell.notAvailable'), 'view-missing'));
    return;
  }
  if (mine !== generation) return;
  const container = document.createElement('section');
  container.className = 'view view-' + name;
  container.dataset.test = 'view-' + name;
  root.append(container);
  try {
    params.query = query;
    const result = await view.render(container, ctx, params);
    if (mine !== generation) {
      if (typeof result === 'function') result();
      return;
    }
    cleanup = typeof result === 'function' ? result : null;
  } catch (e) {
    console.error('view ' + name + ' failed', e);
    if (mine === generation) container.append(message(t('shell.error', { detail: e.detail || e.message }), 'view-error'));
  }
}

function message(text, test) {
  const p = document.createElement('p');
  p.className = 'view-message';
  p.dataset.test = test;
  p.textContent = text;
  return p;
}

function highlightNav(name) {
  document.querySelectorAll('.nav a').forEach(a => a.classList.toggle('active', a.dataset.route === name));
}

function drawShell() {
  document.title = 'Tether · ' + t('app.title');
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
  const nav = document.querySelector('.nav');
  nav.replaceChildren(...NAV.map(item => {
    const a = document.createElement('a');
    a.href = '#/' + item.route;
    a.textContent = t(item.key);
    a.dataset.route = item.route;
    a.dataset.test = 'nav-' + item.route;
    return a;
  }));
  nav.hidden = !ctx.session;
  const who = document.querySelector('.who');
  const logout = document.querySelector('[data-test="logout"]');
  if (ctx.session) {
    who.textContent = ctx.session.username + ' · ' + t('shell.role.' + ctx.session.role);
    who.hidden = false;
    logout.textContent = t('shell.logout');
    logout.hidden = false;
  } else {
    who.hidden = true;
    logout.hidden = true;
  }
  document.querySelectorAll('.lang button').forEach(b => {
    b.classList.toggle('active', b.dataset.lang === i18n.lang());
    b.setAttribute('aria-pressed', String(b.dataset.lang === i18n.lang()));
  });
  highlightNav(parse(location.hash).name);
}

/** Called by the sign-in view with POST /api/session's answer. */
async function signedIn(answer, next) {
  setToken(answer.token);
  ctx.session = await ctx.api.get('/api/session');
  drawShell();
  ctx.navigate(next && next.startsWith('#/') && !next.startsWith('#/signin') ? next : '#/map');
}

async function signOut() {
  try {
    await ctx.api.del('/api/session');
  } catch (e) {
    // Signed out locally all the same; the token expires on its own.
  }
  setToken(null);
  ctx.session = null;
  drawShell();
  ctx.navigate('#/signin');
}

async function start() {
  try {
    const response = await fetch('config.json', { headers: { Accept: 'application/json' } });
    ctx.config = await response.json();
  } catch (e) {
    ctx.config = { tileUrl: '', center: [30.2741, 120.1551], zoom: 12, positionsPollSeconds: 10 };
  }
  ctx.maps = createMaps(ctx.config);
  if (token()) {
    try {
      ctx.session = await ctx.api.get('/api/session');
    } catch (e) {
      setToken(null);
      ctx.session = null;
    }
  }
  document.querySelector('[data-test="logout"]').addEventListener('click', signOut);
  document.querySelectorAll('.lang button').forEach(b => b.addEventListener('click', () => i18n.setLang(b.dataset.lang)));
  i18n.onChange(() => { drawShell(); route(); });
  window.addEventListener('hashchange', route);
  drawShell();
  await route();
  document.body.dataset.ready = 'true';
}

start();
