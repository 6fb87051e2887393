// A station's shifts: the lead's duty switch, the handover note the outgoing shift writes and the
// incoming one acknowledges, and who works which shift this week. Station staff see their own
// station; district and programme staff choose one.
import * as api from './api.js';
import { t, dateTime } from './i18n.js';
import { h, note, toast, cards } from './view.js';
import { failure } from './say.js';

const ON_SHIFT = ['station_staff', 'station_lead'];
const EDITORS = ['station_lead', 'district_admin'];
const DAYS = 7;

/** Today and the next days as YYYY-MM-DD in the browser's (the station's) time zone. */
function localDay(offset) {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function problem(e) {
  return note(`${t('common.error')}: ${failure(e)}`, 'error');
}

export function shiftPage(user) {
  const out = h('div', {}, note(t('common.loading')));
  const page = h('section', { class: 'page shift-page' }, h('h2', {}, t('duty.title')), out);
  (async () => {
    try {
      const stations = await api.get('/stations');
      if (user.stationId != null) {
        const own = stations.find((s) => s.id === user.stationId);
        out.replaceChildren(own ? stationShift(user, own) : note(t('common.notFound'), 'error'));
        return;
      }
      const body = h('div');
      const pick = h('select', { name: 'station', onchange: () => show() },
        stations.map((s) => h('option', { value: s.id }, `${s.name} (${s.code})`)));
      const show = () => body.replaceChildren(stationShift(user, stations.find((s) => String(s.id) === pick.value)));
      out.replaceChildren(h('p', { class: 'filters' }, h('label', {}, `${t('duty.station')} `, pick)), body);
      if (stations.length) show();
    } catch (e) {
      out.replaceChildren(problem(e));
    }
  })();
  return page;
}

function stationShift(user, station) {
  return h('div', { class: 'grid shift-grid' },
    dutyBox(user, station), handoverBox(user, station), rosterBox(user, station));
}

function dutyBox(user, station) {
  const box = h('section', { class: 'box duty-box' });
  const draw = (s) => {
    const state = h('p', { class: 'duty-state' },
      h('span', { class: `tag ${s.onDuty ? 'ok' : 'risk'}` }, `${s.onDuty ? '●' : '○'} ${t(s.onDuty ? 'duty.on' : 'duty.off')}`),
      ` ${s.name}`);
    const toggle = EDITORS.includes(user.role)
      ? h('button', { type: 'button', class: s.onDuty ? 'danger duty-switch' : 'primary duty-switch', onclick: flip },
        t(s.onDuty ? 'duty.turnOff' : 'duty.turnOn'))
      : null;
    // replaceChildren would write a null out as the text "null"
    box.replaceChildren(...[h('h3', {}, t('duty.status')), state, toggle,
      s.onDuty ? null : note(t('duty.offHint'))].filter(Boolean));
    async function flip(e) {
      e.target.disabled = true;
      try {
        draw(await api.put(`/stations/${s.id}/duty`, { onDuty: !s.onDuty }));
      } catch (err) {
        e.target.disabled = false;
        box.append(problem(err));
      }
    }
  };
  draw(station);
  return box;
}

function handoverBox(user, station) {
  const base = `/stations/${station.id}/handovers`;
  const box = h('section', { class: 'box handover-box' }, h('h3', {}, t('handover.title')), note(t('common.loading')));
  async function load() {
    try {
      const notes = await api.get(`${base}?limit=5`);
      const pending = notes.filter((n) => !n.acknowledgedAt);
      const done = notes.filter((n) => n.acknowledgedAt);
      box.replaceChildren(...[h('h3', {}, t('handover.title')),
        h('h4', {}, t('handover.pending')),
        pending.length ? h('ul', { class: 'handovers pending' }, pending.map((n) => handoverItem(user, n, acknowledge)))
          : note(t('handover.none')),
        ON_SHIFT.includes(user.role) ? await writeForm() : null,
        done.length ? h('details', { class: 'handovers-done' }, h('summary', {}, t('handover.recent')),
          h('ul', { class: 'handovers' }, done.map((n) => handoverItem(user, n)))) : null].filter(Boolean));
    } catch (e) {
      box.replaceChildren(h('h3', {}, t('handover.title')), problem(e));
    }
  }
  async function acknowledge(n, button) {
    button.disabled = true;
    try {
      await api.post(`${base}/${n.id}/acknowledge`);
      toast(t('handover.acknowledgedToast'));
      window.dispatchEvent(new Event('handover-caregrid'));
      load();
    } catch (e) {
      button.disabled = false;
      button.after(problem(e));
    }
  }
  async function writeForm() {
    const draft = await api.get(`${base}/draft`);
    const text = h('textarea', { name: 'handover-note', rows: 3, maxlength: 4000, placeholder: t('handover.notePlaceholder') });
    const submit = h('button', { type: 'submit', class: 'primary' }, t('handover.submit'));
    return h('form', { class: 'handover-form', onsubmit: async (e) => {
      e.preventDefault();
      submit.disabled = true;
      try {
        await api.post(base, { note: text.value });
        toast(t('handover.written'));
        load();
      } catch (err) {
        submit.disabled = false;
        submit.after(problem(err));
      }
    } },
    h('h4', {}, t('handover.write')),
    h('p', { class: 'muted' }, t('handover.draft')), summary(draft),
    h('label', {}, t('handover.note'), text), submit);
  }
  load();
  return box;
}

function handoverItem(user, n, acknowledge) {
  const own = n.writtenBy.id === user.id;
  const action = !acknowledge || !ON_SHIFT.includes(user.role) ? null
    : own ? h('p', { class: 'muted' }, t('handover.ownNote'))
      : h('button', { type: 'button', class: 'primary acknowledge', onclick: (e) => acknowledge(n, e.target) }, t('handover.acknowledge'));
  return h('li', { class: 'handover', dataset: { id: n.id } },
    h('p', {}, h('strong', {}, t('handover.by', { name: n.writtenBy.displayName, time: dateTime(n.writtenAt) }))),
    summary(n.summary),
    n.note ? h('p', { class: 'handover-note' }, n.note) : null,
    n.acknowledgedAt ? h('p', { class: 'muted' }, t('handover.acknowledged', { name: n.acknowledgedBy.displayName, time: dateTime(n.acknowledgedAt) })) : null,
    action);
}

/** The open work listed by the platform: alerts as links; other sections (visits due) by their count. */
function summary(s) {
  const alerts = s.openAlerts || [];
  const others = Object.entries(s).filter(([k]) => k !== 'openAlerts');
  return h('div', { class: 'handover-summary' },
    h('p', {}, t('handover.openAlerts', { n: alerts.length })),
    alerts.length ? h('ul', {}, alerts.map((a) => h('li', {},
      h('a', { href: `#/alert/${a.id}` }, `${t(`kind.${a.kind}`)} · ${t(`sev.${a.severity}`)} · ${t(`state.${a.state}`)}`),
      ` ${dateTime(a.raisedAt)}`))) : null,
    others.map(([k, items]) => h('p', {}, t(`handover.${k}`, { n: items.length }))));
}

function rosterBox(user, station) {
  const box = h('section', { class: 'box roster-box' }, h('h3', {}, t('roster.title')), note(t('common.loading')));
  const editor = EDITORS.includes(user.role);
  async function load() {
    try {
      const [roster, staff] = await Promise.all([
        api.get(`/stations/${station.id}/roster${api.query({ from: localDay(0), days: DAYS })}`),
        editor ? api.get(`/stations/${station.id}/staff`) : Promise.resolve([]),
      ]);
      const at = new Map(roster.slots.map((s) => [`${s.day}/${s.shift}`, s.staff]));
      const table = h('table', { class: 'roster' },
        h('thead', {}, h('tr', {}, h('th', {}, t('roster.day')),
          roster.shifts.map((s) => h('th', {}, `${t(`roster.shift.${s.code}`)} ${s.starts}–${s.ends}`)))),
        h('tbody', {}, Array.from({ length: DAYS }, (_, i) => localDay(i)).map((day, i) => h('tr', { dataset: { day } },
          h('td', { class: 'day' }, i === 0 ? `${day} (${t('roster.today')})` : day),
          roster.shifts.map((s) => slotCell(day, s.code, at.get(`${day}/${s.code}`) || [], staff))))));
      box.replaceChildren(h('h3', {}, t('roster.title')), cards(table));
    } catch (e) {
      box.replaceChildren(h('h3', {}, t('roster.title')), problem(e));
    }
  }
  function slotCell(day, shift, people, staff) {
    const cell = h('td', { class: `slot slot-${shift}` });
    const names = () => (people.length ? people.map((p) => p.displayName).join('、') : t('roster.nobody'));
    const view = () => cell.replaceChildren(...[h('span', { class: people.length ? '' : 'muted' }, names()),
      editor ? h('button', { type: 'button', class: 'link edit-slot', 'aria-label': `${t('roster.edit')} ${day} ${t(`roster.shift.${shift}`)}`, onclick: edit }, t('roster.edit')) : null].filter(Boolean));
    function edit() {
      const chosen = new Set(people.map((p) => p.id));
      const boxes = staff.map((m) => h('label', { class: 'pick' },
        h('input', { type: 'checkbox', value: m.id, checked: chosen.has(m.id) }), ` ${m.displayName}`));
      const save = h('button', { type: 'submit', class: 'primary save-slot' }, t('roster.save'));
      cell.replaceChildren(h('form', { class: 'slot-form', onsubmit: async (e) => {
        e.preventDefault();
        save.disabled = true;
        const staffIds = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => Number(i.value));
        try {
          people = (await api.put(`/stations/${station.id}/roster/${day}/${shift}`, { staffIds })).staff;
          toast(t('roster.saved'));
          view();
        } catch (err) {
          save.disabled = false;
          save.after(problem(err));
        }
      } }, boxes, save, h('button', { type: 'button', class: 'link', onclick: view }, t('roster.cancel'))));
    }
    view();
    return cell;
  }
  load();
  return box;
}

/** Fills {@code banner} when the user's station has a handover nobody has acknowledged. */
export async function pendingHandover(user, banner) {
  if (!ON_SHIFT.includes(user.role)) return;
  try {
    const waiting = await api.get(`/stations/${user.stationId}/handovers?pending=true&limit=1`);
    banner.hidden = !(waiting.length && waiting[0].writtenBy.id !== user.id);
  } catch {
    banner.hidden = true;
  }
}
