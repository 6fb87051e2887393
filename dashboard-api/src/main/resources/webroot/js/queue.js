// The live alert queue: most severe first, then oldest first, updated from the stream without
// reloading. One click accepts; the row opens the detail page. Keys (console-ux §9): J/K move,
// Enter opens, A accepts the selected alert.
import * as alerts from './alerts.js';
import { t, clock } from './i18n.js';
import { h, note, toast, cards } from './view.js';
import { badge } from './severity.js';
import { countdown } from './countdown.js';
import { actionFailed } from './alert.js';

let kindFilter = null;
let selected = null;

export function queuePage(user) {
  const body = h('tbody', { id: 'queue-rows' });
  const chips = h('div', { class: 'chips' });
  const empty = note(t('queue.empty'));
  const table = h('table', { class: 'queue' },
    h('thead', {}, h('tr', {},
      ['queue.severity', 'queue.kind', 'queue.resident', 'queue.station', 'queue.state', 'queue.raised',
        'queue.countdown', 'queue.repeats', 'queue.step', 'queue.action'].map((k) => h('th', {}, t(k))))),
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

  const page = h('section', { class: 'page queue-page' }, h('h2', {}, t('queue.title')), chips, table, empty);
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
  const waiting = alerts.awaitingAccept(a);
  const canAct = user.role !== 'programme_admin';
  const open = () => { location.hash = `#/alert/${a.id}`; };
  return h('tr', {
    class: `sev-row sev-${a.severity}${waiting ? ' waiting' : ''}${isSelected ? ' selected' : ''}`,
    'aria-selected': String(isSelected),
    dataset: { alertId: a.id, kind: a.kind, state: a.state },
    ondblclick: open,
  },
  h('td', {}, badge(a.severity)),
  h('td', {}, t(`kind.${a.kind}`), a.adviseEmergencyCall ? h('span', { class: 'tag call120' }, '120') : null),
  h('td', {}, a.residentName || `#${a.residentId}`),
  h('td', {}, a.stationName || ''),
  h('td', {}, t(`state.${a.state}`)),
  h('td', { title: a.raisedAt }, clock(a.raisedAt)),
  h('td', {}, countdown(a)),
  h('td', { class: a.occurrences > 1 ? '' : 'trivial' }, a.occurrences > 1 ? h('span', { class: 'tag repeat' }, `×${a.occurrences}`) : '1'),
  h('td', { class: a.step > 0 ? '' : 'trivial' }, a.step > 0 ? h('span', { class: 'tag escalated' }, t('queue.escalated', { n: a.step })) : '—'),
  h('td', { class: 'actions' },
    waiting && canAct ? h('button', {
      type: 'button', class: 'primary accept', onclick: (e) => accept(e, a),
    }, t('action.accept')) : null,
    h('button', { type: 'button', class: 'open', onclick: open }, t('action.open')),
    waiting && canAct ? h('button', {
      type: 'button', class: 'mute', title: t(alerts.isMuted(a.id) ? 'sound.unmute' : 'sound.mute'),
      'aria-label': t(alerts.isMuted(a.id) ? 'sound.unmute' : 'sound.mute'),
      onclick: () => alerts.toggleMute(a.id),
    }, t(alerts.isMuted(a.id) ? 'sound.unmuteShort' : 'sound.muteShort')) : null));
}

async function accept(event, a) {
  event.target.disabled = true;
  try {
    await alerts.act(a.id, 'accept');
    toast(`${t('queue.accepted')}: ${t(`kind.${a.kind}`)} · ${a.residentName || a.residentId}`);
  } catch (e) {
    actionFailed(e);
    event.target.disabled = false;
  }
}
