// One alert: what happened, to whom, where, what to do (SOP hint), the actions and the audit
// trail. It redraws itself when the stream reports a change to this alert.
import * as api from './api.js';
import * as alerts from './alerts.js';
import * as live from './live.js';
import { t, dateTime, currentLang } from './i18n.js';
import { finding, auditNote, failure, measure } from './say.js';
import { h, note, toast } from './view.js';
import { badge } from './severity.js';
import { timers } from './countdown.js';
import { routeMap } from './map.js';
import { acceptWithUndo } from './accept.js';
import { callsBox, handoverBox } from './care.js';

const OUTCOMES = ['assisted', 'false_alarm', 'hospital_transfer', 'no_access', 'other'];
// Nobody was helped: the note says why (the API refuses these without one too).
const NEEDS_NOTE = new Set(['false_alarm', 'no_access']);

// The first steps by kind (console-ux §2, §4): fire and gas go to 119 before anyone else.
const SOP = {
  smoke: 'sop.smoke', gas: 'sop.gas', water: 'sop.water', fall: 'sop.fall', sos: 'sop.sos',
  vital_limit: 'sop.vital', news2: 'sop.vital',
  inactivity: 'sop.activity', bed_exit_no_return: 'sop.activity', not_in_bed_by: 'sop.activity', not_up_by: 'sop.activity',
  device_offline: 'sop.device', battery_low: 'sop.device',
};

/** Tells the operator why an action did not go through. */
export function actionFailed(e) {
  const text = e instanceof api.ApiError && [403, 404, 409].includes(e.status) ? failure(e)
    : `${t('action.failed')}: ${failure(e)}`;
  toast(text, 'error');
}

export function alertPage(user, id) {
  const page = h('section', { class: 'page alert-page' }, note(t('common.loading')));
  let pending = null;
  // what the last render showed: a reload that finds the same (the stream's echo of the operator's
  // own action) leaves the page alone, so a half-filled form or a shown door code stays
  let shown = null;
  // the door code once asked for stays on this page until the operator leaves it
  const door = { code: null };

  async function load() {
    try {
      const detail = await api.get(`/alerts/${id}`);
      // the call list and card are part of the page but not of the alert: without them the
      // operator still sees the alert and can act on it
      const [handover, calls] = await Promise.all([
        api.get(`/alerts/${id}/handover`).catch(() => null),
        api.get(`/alerts/${id}/calls`).catch(() => []),
      ]);
      const seen = JSON.stringify([detail, handover, calls]);
      if (seen === shown) return;
      shown = seen;
      page.replaceChildren(...render(detail, user, load, handover, calls, door).filter(Boolean));
    } catch (e) {
      shown = null;
      page.replaceChildren(back(), note(e.status === 404 ? t('common.notFound') : `${t('common.error')}: ${failure(e)}`, 'error'));
    }
  }
  // several changes in a burst (accept, then the notes) give one reload
  const offLive = live.onAlert((a) => {
    if (String(a.id) !== String(id)) return;
    clearTimeout(pending);
    pending = setTimeout(load, 150);
  });
  // an accept waiting out its undo time shows here as in the queue
  const offAlerts = alerts.onChange(() => {
    const button = page.querySelector('.actions-box button.accept');
    if (button) button.disabled = alerts.isAccepting(Number(id));
  });
  page.cleanup = () => {
    offLive();
    offAlerts();
  };
  load();
  return page;
}

function back() {
  return h('a', { href: '#/queue', class: 'back' }, `← ${t('alert.back')}`);
}

function render({ alert, resident, home, stations = [], latestVitals = [], audit = [] }, user, reload, handover, calls, door) {
  const open = !alerts.isClosed(alert);
  const unanswered = alerts.isUnanswered(alert);
  return [
    back(),
    h('header', { class: `alert-head sev-row sev-${alert.severity}${unanswered ? ' unanswered' : ''}`, dataset: { alertId: alert.id, state: alert.state } },
      badge(alert.severity),
      h('h2', {}, t(`kind.${alert.kind}`)),
      h('span', { class: 'state' }, t(`state.${alert.state}`)),
      h('span', {}, alert.occurrences === 1 ? t('alert.occurrence1') : t('alert.occurrences', { n: alert.occurrences })),
      h('span', {}, `${t('timer.raisedAt')} ${dateTime(alert.raisedAt)}`),
      open ? timers(alert) : null,
      alert.step > 0 ? h('span', { class: 'tag escalated' }, t('queue.escalated', { n: alert.step })) : null,
      unanswered ? h('span', { class: 'tag unanswered' }, t('queue.unanswered')) : null),
    alert.adviseEmergencyCall ? h('div', { class: 'banner call120', role: 'alert' }, `☎ ${t('alert.call120')}`) : null,
    h('div', { class: 'sop' }, h('strong', {}, `${t('sop.title')}: `), t(SOP[alert.kind] || 'sop.activity'),
      ' ', t('sop.callOrder')),
    detailText(alert) ? h('p', { class: 'detail' }, `${t('alert.detailText')}: ${detailText(alert)}`) : null,
    h('div', { class: 'grid' },
      residentBox(resident, home),
      vitalsBox(latestVitals),
      actionsBox(alert, user, reload),
      callsBox(alert, handover, calls, open && user.role !== 'programme_admin', reload),
      handoverBox(handover, door),
      h('section', { class: 'box map-box' }, h('h3', {}, t('alert.map')),
        routeMap(home, stations, t('alert.map')),
        h('ol', { class: 'stations' }, stations.map((s) => h('li', {},
          `${s.step > 0 ? t('alert.escalationStep', { n: s.step }) : t('alert.firstStep')} · ${s.name} · ${t('alert.acceptBy')} ${dateTime(s.acceptBy)}`)))),
      auditBox(audit, stations)),
  ];
}

function residentBox(r, home) {
  if (!r) return null;
  return h('section', { class: 'box resident-box' },
    h('h3', {}, t('alert.resident')),
    h('p', { class: 'risk' },
      h('strong', {}, r.name), r.age != null ? ` · ${t('alert.age', { n: r.age })}` : '',
      r.livesAlone ? h('span', { class: 'tag risk' }, t('alert.alone')) : null,
      r.dementia ? h('span', { class: 'tag risk' }, t('alert.dementia')) : null,
      r.copdScale2 ? h('span', { class: 'tag' }, t('alert.copd')) : null),
    home ? h('p', {}, `${t('alert.home')}: ${home.address}${home.community ? ` (${home.community})` : ''}`) : null,
    h('a', { href: `#/resident/${r.id}` }, t('alert.residentPage')));
}

function vitalsBox(vitals) {
  return h('section', { class: 'box vitals-box' }, h('h3', {}, t('alert.vitals')),
    vitals.length === 0 ? note(t('alert.noVitals')) : h('table', { class: 'compact' }, h('tbody', {},
      vitals.map((v) => {
        const stale = isStale(v);
        return h('tr', { class: stale ? 'vital stale' : 'vital', dataset: { metric: v.metric, stale: String(stale) } },
          h('th', {}, t(`metric.${v.metric}`)),
          h('td', {}, measure(v.metric, v.value, v.unit)),
          h('td', { class: 'muted' }, dateTime(v.at), stale ? h('span', { class: 'tag stale' }, t('vital.stale')) : null));
      }))));
}

/** Older than its device's reporting interval (and a little slack): not what the body says now. */
function isStale(v) {
  const every = (v.expectedEverySeconds || 60) * 1000;
  return Date.now() - Date.parse(v.at) > every * 1.5;
}

// older alerts have no finding: their English detail is shown in English only
function detailText(alert) {
  return finding(alert.finding) ?? (currentLang() === 'en' ? alert.detail : null);
}

function actionsBox(alert, user, reload) {
  const box = h('section', { class: 'box actions-box' }, h('h3', {}, t('alert.actions')));
  if (user.role === 'programme_admin') {
    box.append(note(t('alert.readOnly')));
    return box;
  }
  if (alerts.isClosed(alert)) {
    box.append(h('p', {}, `${t(`state.${alert.state}`)}${alert.outcome ? ` · ${t(`outcome.${alert.outcome}`)}` : ''}`));
  }
  const run = (action, body) => async (e) => {
    e.preventDefault();
    e.target.disabled = true;
    try {
      await alerts.act(alert.id, action, body?.());
      await reload();
    } catch (err) {
      actionFailed(err);
      e.target.disabled = false;
    }
  };
  if (alerts.awaitingAccept(alert)) {
    box.append(h('button', {
      type: 'button', class: 'primary accept', disabled: alerts.isAccepting(alert.id),
      onclick: (e) => {
        e.target.disabled = true;
        acceptWithUndo(alert, actionFailed);
      },
    }, t('action.accept')));
  }
  if (alert.state === 'accepted') {
    box.append(h('button', { type: 'button', class: 'on-site', onclick: run('on-site') }, t('action.onSite')));
  }
  if (alert.state === 'accepted' || alert.state === 'on_site') {
    box.append(resolveForm(alert, run));
  }
  if (!alerts.isClosed(alert)) {
    const text = h('input', { type: 'text', name: 'note', required: true, placeholder: t('action.note') });
    box.append(h('form', { class: 'add-note' }, text,
      h('button', {
        type: 'submit',
        onclick: (e) => (text.value.trim() ? run('notes', () => ({ note: text.value.trim() }))(e) : e.preventDefault()),
      }, t('action.note'))));
  }
  return box;
}

/**
 * Resolving (issue 14): no outcome is chosen for the operator, 误报 and 无法入户 need a note, and
 * a critical alert asks once more before it closes.
 */
function resolveForm(alert, run) {
  const outcome = h('select', { name: 'outcome', 'aria-label': t('alert.outcome'), required: true },
    h('option', { value: '', selected: true, disabled: true }, t('resolve.choose')),
    OUTCOMES.map((o) => h('option', { value: o }, t(`outcome.${o}`))));
  const text = h('input', { type: 'text', name: 'resolve-note', placeholder: t('alert.notePlaceholder') });
  const problem = h('p', { class: 'note error resolve-problem', role: 'alert', hidden: true });
  const confirm = h('div', { class: 'confirm', hidden: true });
  const send = run('resolve', () => (text.value.trim() ? { outcome: outcome.value, note: text.value.trim() } : { outcome: outcome.value }));
  outcome.addEventListener('change', () => {
    const needed = NEEDS_NOTE.has(outcome.value);
    text.required = needed;
    text.placeholder = t(needed ? 'resolve.noteRequired' : 'alert.notePlaceholder');
  });
  const button = h('button', { type: 'submit', class: 'resolve' }, t('action.resolve'));
  button.addEventListener('click', (e) => {
    e.preventDefault();
    problem.hidden = true;
    const missing = !outcome.value ? 'resolve.chooseFirst'
      : NEEDS_NOTE.has(outcome.value) && !text.value.trim() ? 'resolve.noteRequired' : null;
    if (missing) {
      problem.textContent = t(missing);
      problem.hidden = false;
      (missing === 'resolve.chooseFirst' ? outcome : text).focus();
      return;
    }
    if (alert.severity !== 'critical') {
      send(e);
      return;
    }
    confirm.replaceChildren(
      h('strong', {}, t('resolve.confirmCritical', { outcome: t(`outcome.${outcome.value}`) })),
      h('button', { type: 'button', class: 'danger confirm-resolve', onclick: send }, t('resolve.confirm')),
      h('button', { type: 'button', class: 'cancel-resolve', onclick: () => { confirm.hidden = true; } }, t('resolve.cancel')));
    confirm.hidden = false;
  });
  return h('form', { class: 'resolve' },
    h('label', {}, `${t('alert.outcome')} `, outcome), text, button, problem, confirm);
}

// alerting writes e.g. "accepted" or "resolved:assisted"; unknown actions are shown as they are
function auditAction(action) {
  const [verb, outcome] = String(action).split(':');
  const word = t(`audit.${verb}`);
  const known = word !== `audit.${verb}`;
  if (!known) return action;
  // a call's outcome is how the call went, not how the alert ended
  const said = verb === 'call' ? `care.outcome.${outcome}` : `outcome.${outcome}`;
  return outcome ? `${word} · ${t(said)}` : word;
}

function auditBox(audit, stations) {
  return h('section', { class: 'box audit-box' }, h('h3', {}, t('alert.audit')),
    h('ol', { class: 'audit' }, audit.map((e) => h('li', {},
      h('time', { datetime: e.at }, dateTime(e.at)), ' ',
      e.actor === 'system' ? h('strong', {}, t('audit.system'))
        : h('strong', { title: e.actor || '' }, e.actorName || e.actor || ''), ' ', auditAction(e.action),
      auditNote(e, stations) ? h('span', { class: 'muted' }, ` — ${auditNote(e, stations)}`) : null))));
}
