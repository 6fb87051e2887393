// The countdown to an alert's accept deadline (升级倒计时), coloured by the share of the
// timeout already used: amber from 50 %, red from 80 %, flashing once overdue (console-ux §1).
import { t } from './i18n.js';
import { h } from './view.js';
import { ACCEPT_TIMEOUT_S } from './severity.js';

// The length of the current timeout is not in the alert; the severity's default is the best
// guess, stretched when a deadline is further away than that (a configured longer timeout).
const spans = new Map();

function share(alert, now) {
  const deadline = Date.parse(alert.acceptDeadline);
  const key = `${alert.id}@${alert.acceptDeadline}`;
  if (!spans.has(key)) {
    spans.set(key, Math.max((ACCEPT_TIMEOUT_S[alert.severity] || 900) * 1000, deadline - now));
  }
  return { remaining: deadline - now, used: 1 - (deadline - now) / spans.get(key) };
}

function mmss(ms) {
  const s = Math.max(0, Math.round(Math.abs(ms) / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

function paint(el, alert) {
  if (!alert.acceptDeadline || !['raised', 'notified'].includes(alert.state)) {
    el.className = 'countdown done';
    el.textContent = t(`state.${alert.state}`);
    return;
  }
  const { remaining, used } = share(alert, Date.now());
  const level = remaining <= 0 ? 'overdue' : used >= 0.8 ? 'danger' : used >= 0.5 ? 'warn' : 'ok';
  el.className = `countdown ${level}`;
  el.dataset.level = level;
  el.textContent = remaining <= 0 ? `${t('queue.overdue')} +${mmss(remaining)}` : mmss(remaining);
}

/** A live countdown element for this alert; tick() keeps it current. */
export function countdown(alert) {
  const el = h('span', { class: 'countdown' });
  el.alert = alert;
  paint(el, alert);
  return el;
}

/** Repaints every countdown on the page; the app calls this once a second. */
export function tick() {
  document.querySelectorAll('.countdown').forEach((el) => el.alert && paint(el, el.alert));
}
