// The timers an operator acts on (console-ux §1): how long the alert has waited since it was
// raised, beside the accept deadline of the current step (升级倒计时, restarted at each step) or,
// once no step is left, the time to the next re-send; after accept, the time left to be on site
// within the 15-minute service circle. Deadlines colour by the share used: amber from 50 %, red
// from 80 %; a critical alert never shows green.
import { t } from './i18n.js';
import { h } from './view.js';
import { ACCEPT_TIMEOUT_S } from './severity.js';

const ON_SITE_WITHIN_MS = 15 * 60 * 1000;
const AWAITING = ['raised', 'notified'];

// The length of the current timeout is not in the alert; the severity's default is the best
// guess, stretched when a deadline is further away than that (a configured longer timeout).
const spans = new Map();

function used(alert, deadline, now) {
  const key = `${alert.id}@${deadline}`;
  if (!spans.has(key)) {
    spans.set(key, Math.max((ACCEPT_TIMEOUT_S[alert.severity] || 900) * 1000, deadline - now));
  }
  return 1 - (deadline - now) / spans.get(key);
}

/** 03:07, or 1:02:07 past an hour. */
function span(ms) {
  const s = Math.max(0, Math.round(Math.abs(ms) / 1000));
  const mmss = `${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mmss}` : mmss;
}

function level(alert, remaining, share) {
  if (remaining <= 0) return 'overdue';
  if (share >= 0.8) return 'danger';
  if (share >= 0.5 || alert.severity === 'critical') return 'warn';
  return 'ok';
}

function paintWaited(el, alert, now) {
  const waited = now - Date.parse(alert.raisedAt);
  const late = waited > (ACCEPT_TIMEOUT_S[alert.severity] || 900) * 1000;
  el.dataset.level = late ? 'danger' : 'plain';
  el.lastChild.textContent = span(waited);
}

function paintDeadline(el, alert, now) {
  const deadline = Date.parse(alert.acceptDeadline);
  const remaining = deadline - now;
  const again = Boolean(alert.unansweredSince);
  el.dataset.level = again ? 'overdue' : level(alert, remaining, used(alert, deadline, now));
  el.firstChild.textContent = t(again ? 'timer.resendIn' : 'timer.acceptBy');
  el.lastChild.textContent = remaining <= 0 ? `${t('queue.overdue')} +${span(remaining)}` : span(remaining);
}

function paintOnSite(el, alert, now) {
  const deadline = Date.parse(alert.raisedAt) + ON_SITE_WITHIN_MS;
  const remaining = deadline - now;
  el.dataset.level = level(alert, remaining, 1 - remaining / ON_SITE_WITHIN_MS);
  el.lastChild.textContent = remaining <= 0 ? `${t('queue.overdue')} +${span(remaining)}` : span(remaining);
}

const PAINT = { waited: paintWaited, deadline: paintDeadline, onsite: paintOnSite };

function timer(kind, cls, label, alert) {
  const el = h('span', { class: `timer ${cls}`, dataset: { timer: kind } },
    h('span', { class: 'timer-label' }, label), h('span', { class: 'timer-value' }));
  el.alert = alert;
  PAINT[kind](el, alert, Date.now());
  return el;
}

/** The alert's labelled timers, for its state; tick() keeps them current. */
export function timers(alert) {
  if (AWAITING.includes(alert.state)) {
    return h('span', { class: 'timers' },
      timer('waited', 'waited', t('timer.waited'), alert),
      alert.acceptDeadline ? timer('deadline', 'countdown', t('timer.acceptBy'), alert) : null);
  }
  if (alert.state === 'accepted') {
    return h('span', { class: 'timers' }, timer('onsite', 'onsite countdown', t('timer.onSite'), alert));
  }
  return h('span', { class: 'timers done' }, t(`state.${alert.state}`));
}

/** Repaints every timer on the page; the app calls this once a second. */
export function tick() {
  const now = Date.now();
  document.querySelectorAll('.timer').forEach((el) => el.alert && PAINT[el.dataset.timer](el, el.alert, now));
}
