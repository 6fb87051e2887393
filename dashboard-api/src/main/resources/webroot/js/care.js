// Who to call for an alert and what to hand to 120 (issue 15): the numbers in call order with
// tel: links and a one-tap call log, the log itself, and the handover card. The door code is
// fetched only when asked for (each showing is audited) and only after the station accepted; it
// is forgotten when the alert is no longer the viewer's to respond to, or the page is left.
import * as api from './api.js';
import { t, dateTime } from './i18n.js';
import { failure } from './say.js';
import { h, note, toast } from './view.js';

const OUTCOMES = ['answered', 'no_answer', 'busy', 'wrong_number'];

/** The numbers to call, in order: the resident, the contacts, the family doctor. */
export function callOrder(contacts) {
  if (!contacts) return [];
  const list = [];
  if (contacts.phone) list.push({ callee: 'resident', label: t('care.resident'), phone: contacts.phone });
  for (const c of contacts.contacts) {
    list.push({
      callee: 'contact',
      label: t('care.contactLabel', { name: c.name, relationship: c.relationship }),
      phone: c.phone,
      holdsKey: c.holdsKey,
    });
  }
  if (contacts.doctor?.phone) {
    list.push({
      callee: 'doctor',
      label: `${t('care.doctor')} ${contacts.doctor.name}${contacts.doctor.clinic ? ` · ${contacts.doctor.clinic}` : ''}`,
      phone: contacts.doctor.phone,
    });
  }
  return list;
}

/**
 * The call list: each number with its tel: link and, while the alert is open and the user may act,
 * outcome buttons and a note that log the attempt.
 */
export function callsBox(alert, handover, calls, canLog, reload) {
  const box = h('section', { class: 'box calls-box' }, h('h3', {}, t('care.callOrder')));
  const numbers = callOrder(handover?.contacts);
  if (!handover) {
    box.append(note(t('common.error'), 'error'));
    return box;
  }
  if (numbers.length === 0) box.append(note(t('care.noNumbers')));
  box.append(h('ol', { class: 'call-order' }, numbers.map((n) => callRow(alert, n, canLog, reload))));
  box.append(h('h3', {}, t('care.callLog')));
  box.append(calls.length === 0 ? note(t('care.noCalls'))
    : h('ol', { class: 'call-log' }, calls.map((c) => h('li', { dataset: { outcome: c.outcome } },
      h('time', { datetime: c.at }, dateTime(c.at)), ' ',
      h('strong', {}, c.by), ' ',
      `${t(`care.callee.${c.callee}`)} ${c.phone} · `,
      h('span', { class: `tag call-${c.outcome}` }, t(`care.outcome.${c.outcome}`)),
      c.note ? h('span', { class: 'muted' }, ` — ${c.note}`) : null))));
  return box;
}

function callRow(alert, n, canLog, reload) {
  const row = h('li', { class: 'call-row', dataset: { callee: n.callee, phone: n.phone } },
    h('span', { class: 'callee' }, n.label, n.holdsKey ? h('span', { class: 'tag' }, t('care.holdsKey')) : null),
    ' ',
    h('a', { class: 'tel button', href: `tel:${n.phone.replace(/[\s-]/g, '')}` }, `☎ ${n.phone}`));
  if (!canLog) return row;
  const text = h('input', { type: 'text', class: 'call-note', placeholder: t('care.callNote'), maxlength: 2000 });
  const log = (outcome) => async (e) => {
    e.preventDefault();
    row.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    try {
      const body = { callee: n.callee, phone: n.phone, outcome };
      if (text.value.trim()) body.note = text.value.trim();
      await api.post(`/alerts/${alert.id}/calls`, body);
      toast(t('care.logged'));
      await reload();
    } catch (err) {
      toast(`${t('action.failed')}: ${failure(err)}`, 'error');
      row.querySelectorAll('button').forEach((b) => { b.disabled = false; });
    }
  };
  row.append(h('div', { class: 'call-outcomes' },
    OUTCOMES.map((o) => h('button', { type: 'button', class: `log-call ${o}`, dataset: { outcome: o }, onclick: log(o) },
      t(`care.outcome.${o}`))),
    text));
  return row;
}

/** The card as plain text, for the clipboard: what 120 or the hospital asks, in that order. */
function cardText(card, code) {
  const r = card.resident;
  const m = card.medical;
  const year = new Date().getFullYear();
  const lines = [
    `${t('care.card')} · ${t('care.alert')} #${card.alertId}`,
    `${t('care.name')}: ${r.name}${r.birthYear ? ` · ${t('alert.age', { n: year - r.birthYear })}` : ''}`,
    `${t('alert.home')}: ${r.address}${r.community ? ` (${r.community})` : ''}`,
    `${t('care.conditions')}: ${m.conditions || '—'}`,
    `${t('care.medicines')}: ${m.medicines || '—'}`,
    `${t('care.allergies')}: ${m.allergies || '—'}`,
    `${t('care.mobility')}: ${m.mobility || '—'}`,
    `${t('care.hospital')}: ${m.preferredHospital || '—'}`,
    `${t('care.keyHolders')}: ${keyHolders(card) || '—'}`,
    `${t('care.callOrder')}:`,
    ...callOrder(card.contacts).map((n, i) => `${i + 1}. ${n.label} ${n.phone}`),
  ];
  if (code) lines.push(`${t('care.doorCode')}: ${code}`);
  return lines.join('\n');
}

function keyHolders(card) {
  const withKey = card.contacts.contacts.filter((c) => c.holdsKey)
    .map((c) => t('care.contactLabel', { name: c.name, relationship: c.relationship }));
  return [...withKey, card.medical.keyHolders].filter(Boolean).join(t('finding.sep'));
}

/**
 * The handover card: read as it is, copied or printed; the door code behind its own button.
 * {@code door.code} keeps a code already shown on this page, so a redraw does not ask again.
 */
export function handoverBox(card, door) {
  if (!card) return null;
  const m = card.medical;
  const cell = h('dd', { class: 'door-code' });
  const problem = h('p', { class: 'note error', role: 'alert', hidden: true });
  const showCode = () => cell.replaceChildren(h('strong', { class: 'code' }, door.code), ' ',
    h('span', { class: 'muted' }, t('care.doorCodeAudited')));
  if (!m.keySafeCodeOnRecord) {
    cell.append(t('care.noDoorCode'));
  } else if (!card.mayShowDoorCode) {
    door.code = null;
    cell.append(h('span', { class: 'muted' }, t('care.doorCodeAfterAccept')));
  } else if (door.code) {
    showCode();
  } else {
    const button = h('button', { type: 'button', class: 'show-door-code' }, t('care.showDoorCode'));
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        door.code = (await api.post(`/alerts/${card.alertId}/door-code`)).code;
        showCode();
      } catch (e) {
        problem.textContent = failure(e);
        problem.hidden = false;
        button.disabled = false;
      }
    });
    cell.append(button);
  }
  const copy = h('button', { type: 'button', class: 'copy-card' }, t('care.copy'));
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(cardText(card, door.code));
      toast(t('care.copied'));
    } catch (e) {
      toast(t('care.copyFailed'), 'error');
    }
  });
  const print = h('button', { type: 'button', class: 'print-card' }, t('care.print'));
  print.addEventListener('click', () => window.print());
  const r = card.resident;
  return h('section', { class: 'box handover-box' },
    h('h3', {}, t('care.card')),
    h('dl', { class: 'handover' },
      row(t('care.name'), r.name),
      row(t('alert.home'), `${r.address}${r.community ? ` (${r.community})` : ''}`),
      ...medicalRows(m),
      row(t('care.keyHolders'), keyHolders(card)),
      h('div', { class: 'card-row' }, h('dt', {}, t('care.doorCode')), cell)),
    problem,
    h('div', { class: 'card-actions' }, copy, print));
}

function row(label, value, cls) {
  return h('div', { class: `card-row${cls ? ` ${cls}` : ''}` }, h('dt', {}, label), h('dd', {}, value || '—'));
}

function medicalRows(m) {
  return [
    row(t('care.conditions'), m.conditions),
    row(t('care.medicines'), m.medicines),
    row(t('care.allergies'), m.allergies, m.allergies ? 'warn' : null),
    row(t('care.mobility'), m.mobility),
    row(t('care.hospital'), m.preferredHospital),
  ];
}

/**
 * A resident's record of who to call and what to tell 120: the numbers in call order with their
 * tel: links, and the medical summary; the door code only as on record or not (it is shown only
 * on an accepted alert).
 */
export function careRecordBox(contacts, m) {
  const numbers = callOrder(contacts);
  return h('section', { class: 'box care-record' },
    h('h3', {}, t('care.record')),
    numbers.length === 0 ? note(t('care.noNumbers'))
      : h('ol', { class: 'call-order' }, numbers.map((n) => callRow(null, n, false))),
    h('dl', { class: 'handover' },
      ...medicalRows(m),
      row(t('care.keyHolders'), m.keyHolders),
      row(t('care.doorCode'), t(m.keySafeCodeOnRecord ? 'care.doorCodeOnRecord' : 'care.noDoorCode'))));
}
