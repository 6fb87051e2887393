// The console's entry point: who is signed in, the shell (navigation by role, connection dot,
// sound banner, language switch) and a hash router over the pages.
import * as api from './js/api.js';
import * as alerts from './js/alerts.js';
import * as live from './js/live.js';
import { t, toggleLang, clock } from './js/i18n.js';
import { h, note } from './js/view.js';
import { failure } from './js/say.js';
import { onAudioState, unlockAudio } from './js/sound.js';
import { tick } from './js/countdown.js';
import { loginPage, shiftGate } from './js/login.js';
import { queuePage } from './js/queue.js';
import { alertPage } from './js/alert.js';
import { residentsPage, residentPage } from './js/resident.js';
import { fleetPage } from './js/fleet.js';
import { reportPage } from './js/report.js';
import { tiersPage } from './js/tiers.js';
import { shiftPage, pendingHandover } from './js/shift.js';
import { visitsPage } from './js/visits.js';

const app = document.getElementById('app');

// Navigation a role may use (api-contract "Roles"); the API refuses the rest anyway.
const ADMINS = ['district_admin', 'programme_admin'];
const STAFF = ['station_staff', 'station_lead', ...ADMINS];
const NAV = [
  { path: 'queue', key: 'nav.queue' },
  { path: 'residents', key: 'nav.residents' },
  { path: 'shift', key: 'nav.shift', roles: STAFF },
  { path: 'visits', key: 'nav.visits' },
  { path: 'fleet', key: 'nav.fleet', roles: ADMINS },
  { path: 'report', key: 'nav.report', roles: ADMINS },
  { path: 'tiers', key: 'nav.tiers' },
];

const ROUTES = [
  [/^#\/queue$/, (user) => queuePage(user)],
  [/^#\/alert\/(\d+)$/, (user, id) => alertPage(user, id)],
  [/^#\/residents$/, () => residentsPage()],
  [/^#\/visits$/, (user) => visitsPage(user)],
  [/^#\/resident\/(\d+)$/, (user, id) => residentPage(user, id)],
  [/^#\/shift$/, (user) => shiftPage(user), STAFF],
  [/^#\/fleet$/, () => fleetPage(), ADMINS],
  [/^#\/report$/, () => reportPage(), ADMINS],
  [/^#\/tiers(?:\/([^/]+))?$/, (u, code) => tiersPage(code && decodeURIComponent(code))],
];

let user = null;
let current = null;
let main = null;
let handoverBanner = null;
// the shell's subscriptions, dropped when it is drawn again (language switch, sign-out)
let shellListeners = [];

function mayUse(roles) {
  return !roles || roles.includes(user.role);
}

function route() {
  if (!user || !main) return;
  if (current?.cleanup) current.cleanup();
  const hash = location.hash || '#/queue';
  for (const [pattern, page, roles] of ROUTES) {
    const m = hash.match(pattern);
    if (m) {
      current = mayUse(roles) ? page(user, m[1]) : note(t('common.forbidden'), 'error');
      main.replaceChildren(current);
      highlightNav();
      pendingHandover(user, handoverBanner);
      return;
    }
  }
  location.hash = '#/queue';
}

function highlightNav() {
  const here = (location.hash || '#/queue').split('/')[1];
  document.querySelectorAll('nav a').forEach((a) => {
    const active = a.dataset.path === here || (here === 'alert' && a.dataset.path === 'queue') || (here === 'resident' && a.dataset.path === 'residents');
    a.classList.toggle('active', active);
    if (active) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
}

function dropShell() {
  shellListeners.forEach((off) => off());
  shellListeners = [];
}

function shell() {
  dropShell();
  const dot = h('span', { class: 'link-dot', 'aria-hidden': 'true' });
  const linkText = h('span', { class: 'link-text' });
  const link = h('span', { id: 'link', class: 'link', role: 'status' }, dot, linkText);
  shellListeners.push(live.onStatus(({ state, updatedAt }) => {
    link.dataset.state = state;
    linkText.textContent = `${t(`link.${state}`)}${updatedAt ? ` · ${t('link.updated')} ${clock(updatedAt.toISOString())}` : ''}`;
  }));
  const banner = h('button', { type: 'button', id: 'sound-banner', class: 'banner blocked', hidden: true, onclick: unlockAudio }, `⚠ ${t('sound.blocked')}`);
  if (user.role !== 'programme_admin') shellListeners.push(onAudioState((on) => { banner.hidden = on; }));

  // a handover nobody of the incoming shift has acknowledged yet stays in view until one does
  handoverBanner = h('a', { id: 'handover-banner', class: 'banner handover', href: '#/shift', hidden: true }, `⇄ ${t('handover.banner')}`);
  main = h('main', { id: 'main' });
  app.replaceChildren(
    h('header', { class: 'top' },
      h('h1', {}, t('app.title')),
      h('nav', {}, NAV.filter((n) => mayUse(n.roles)).map((n) => h('a', { href: `#/${n.path}`, dataset: { path: n.path } }, t(n.key)))),
      link,
      h('span', { class: 'who' }, `${user.displayName} · ${t(`role.${user.role}`)}${user.stationName ? ` · ${user.stationName}` : ''}`),
      h('button', { type: 'button', class: 'link lang', onclick: toggleLang }, t('lang.switch')),
      h('button', { type: 'button', class: 'link logout', onclick: signOut }, t('nav.logout'))),
    banner,
    handoverBanner,
    main);
  route();
}

async function startShift() {
  shell();
  try {
    await alerts.start({ withSound: user.role !== 'programme_admin' });
  } catch (e) {
    main.prepend(note(`${t('common.error')}: ${failure(e)}`, 'error'));
  }
}

function showLogin() {
  user = null;
  main = null;
  dropShell();
  if (current?.cleanup) current.cleanup();
  current = null;
  alerts.stop();
  app.replaceChildren(loginPage((signedIn) => {
    user = signedIn;
    // read-only programme staff get no alarm sound, so there is no shift to start
    if (user.role === 'programme_admin') startShift();
    else app.replaceChildren(shiftGate(user, startShift));
  }));
}

async function signOut() {
  try {
    await api.signOut();
  } finally {
    showLogin();
  }
}

api.whenSignedOut(showLogin);
window.addEventListener('hashchange', route);
window.addEventListener('handover-caregrid', () => user && handoverBanner && pendingHandover(user, handoverBanner));
window.addEventListener('languagechange-caregrid', () => (user && main ? shell() : !user && showLogin()));
setInterval(tick, 1000);

user = await api.currentSession().catch(() => null);
if (user) startShift();
else showLogin();
