// The live alert queue: unanswered alerts on top, then most severe first, then oldest first,
// updated from the stream without reloading. One click accepts (undoable for a few seconds); the
// row opens the detail page. Keys (console-ux §9), listed under the table: J/K move, Enter opens,
// A accepts the selected alert, U undoes the last accept.
import * as alerts from './alerts.js';
import { t, clock } from './i18n.js';
import { h, note, cards } from './view.js';
import { badge } from './severity.js';
import { timers } from './countdown.js';
import { actionFailed } from './alert.js';
import { acceptWithUndo } from './accept.js';

let kindFilter = null;
let selected = null;

export function queuePage(user) {
  const body = h('tbody', { id: 'queue-rows' });
  const chips = h('div', { class: 'chips' });
  const empty = note(t('queue.empty'));
  const table = h('table', { class: 'queue' },
    h('thead', {}, h('tr', {},
      ['queue.severity', 'queue.kind', 'queue.resident', 'queue.station', 'queue.state', 'queue.raised',
        'queue.timers', 'queue.repeats', 'queue.step', 'queue.action'].map((k) => h('th', {}, t(k))))),
    body);

  function draw() {
    const all = alerts.sorted();
    const kinds = [...new Set(all.map((a) => a.kind))];
    if (kindFilter && !kinds.includes(kindFilter)) kindFilter = null;
    chips.replaceChildren(
      chip(null, t('queue.filter.all'), all.length),
      ...kinds.map((k) => chip(k, t(`kind.${k}`), all.filter((a) => a.kind === k).length)));
    const shown = kindFilter ? all.filter((a) => a.kind === kindFilter) : all;
    if (!shown.some((a) => a.id === selected)) selected = shown[0]?.id ?? null;
    body.replaceChildren(...shown.map((a) => row(a, user, a.id === selected)));
    cards(table);
    empty.hidden = shown.length > 0 || !alerts.isLoaded();
    page.dataset.loaded = String(alerts.isLoaded());
  }

  function chip(kind, label, n) {
    return h('button', {
      type: 'button', class: `chip${kindFilter === kind ? ' on' : ''}`, 'aria-pressed': String(kindFilter === kind),
      onclick: () => { kindFilter = kind; draw(); },
    }, `${label} ${n}`);
  }

  const keys = h('p', { class: 'shortcuts' }, t('queue.shortcuts'));
  const page = h('section', { class: 'page queue-page' }, h('h2', {}, t('queue.title')), chips, table, empty, keys);
  const unsubscribe = alerts.onChange(draw);
  draw();

  function onKey(e) {
    if (e.ctrlKey || e.altKey || e.metaKey || e.target.closest('input, select, textarea')) return;
    const ids = [...body.querySelectorAll('tr')].map((tr) => Number(tr.dataset.alertId));
    const at = ids.indexOf(selected);
    const key = e.key.toLowerCase();
    if (key === 'j' || key === 'k') {
      selected = ids[Math.min(ids.length - 1, Math.max(0, at + (key === 'j' ? 1 : -1)))] ?? null;
      draw();
    } else if (key === 'enter' && selected != null) {
      location.hash = `#/alert/${selected}`;
    } else if (key === 'a' && selected != null) {
      body.querySelector(`tr[data-alert-id="${selected}"] button.accept`)?.click();
    } else if (key === 'u' && alerts.acceptsPending().length > 0) {
      document.querySelector(`#toasts button.undo[data-alert-id="${alerts.acceptsPending().at(-1)}"]`)?.click();
    } else {
      return;
    }
    e.preventDefault();
  }
  document.addEventListener('keydown', onKey);
  page.cleanup = () => {
    unsubscribe();
    document.removeEventListener('keydown', onKey);
  };
  return page;
}

function row(a, user, isSelected) {
  const accepting = alerts.isAccepting(a.id);
  const waiting = alerts.awaitingAccept(a) && !accepting;
  const unanswered = alerts.isUnanswered(a);
  const canAct = user.role !== 'programme_admin';
  const open = () => { location.hash = `#/alert/${a.id}`; };
  return h('tr', {
    class: `sev-row sev-${a.severity}${waiting ? ' waiting' : ''}${waiting && unanswered ? ' unanswered' : ''}${isSelected ? ' selected' : ''}`,
    'aria-selected': String(isSelected),
    dataset: { alertId: a.id, kind: a.kind, state: a.state },
    ondblclick: open,
  },
  h('td', {}, badge(a.severity)),
  h('td', {}, t(`kind.${a.kind}`), a.adviseEmergencyCall ? h('span', { class: 'tag call120' }, '120') : null,
    unanswered ? h('span', { class: 'tag unanswered' }, t('queue.unanswered')) : null),
  h('td', {}, a.residentName || `#${a.residentId}`),
  h('td', {}, a.stationName || ''),
  h('td', {}, accepting ? t('undo.accepting') : t(`state.${a.state}`)),
  h('td', { title: a.raisedAt }, clock(a.raisedAt)),
  h('td', {}, timers(a)),
  h('td', { class: a.occurrences > 1 ? '' : 'trivial' }, a.occurrences > 1 ? h('span', { class: 'tag repeat' }, `×${a.occurrences}`) : '1'),
  h('td', { class: a.step > 0 ? '' : 'trivial' }, a.step > 0 ? h('span', { class: 'tag escalated' }, t('queue.escalated', { n: a.step })) : '—'),
  h('td', { class: 'actions' },
    waiting && canAct ? h('button', {
      type: 'button', class: 'primary accept', onclick: (e) => accept(e, a),
    }, t('action.accept')) : null,
    h('button', { type: 'button', class: 'open', onclick: open }, t('action.open')),
    waiting && canAct && !unanswered ? h('button', {
      type: 'button', class: 'mute', title: t(alerts.isMuted(a.id) ? 'sound.unmute' : 'sound.mute'),
      'aria-label': t(alerts.isMuted(a.id) ? 'sound.unmute' : 'sound.mute'),
      onclick: () => alerts.toggleMute(a.id),
    }, t(alerts.isMuted(a.id) ? 'sound.unmuteShort' : 'sound.muteShort')) : null));
}

function accept(event, a) {
  event.target.disabled = true;
  acceptWithUndo(a, actionFailed);
}
