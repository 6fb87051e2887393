// 探访 / Visits: the visits due or overdue at the user's station (district staff: every station),
// recorded from a phone with a short checklist, and the station's 建档率 and visit coverage.
// Tasks, not alarms: no sound, no flashing; an overdue visit is marked in words and colour.
import * as api from './api.js';
import { t } from './i18n.js';
import { h, note, toast, cards } from './view.js';
import { failure } from './say.js';

const FINDINGS = ['health', 'safety', 'home', 'needs'];
const REPORT_DAYS = 30;

/** A local calendar day as YYYY-MM-DD (the visit day the operator means, not UTC's). */
function localDay(d) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function pct(v) {
  return v == null ? t('common.none') : `${Number(v).toFixed(1)} %`;
}

export function visitsPage(user) {
  const figures = h('div', { class: 'visit-figures' }, note(t('common.loading')));
  const form = h('div', { class: 'visit-form-slot' });
  const list = h('div', { class: 'visit-tasks' }, note(t('common.loading')));

  async function load() {
    const to = new Date();
    const from = new Date(to.getTime() - (REPORT_DAYS - 1) * 86400000);
    try {
      const [tasks, report] = await Promise.all([
        api.get('/visits/tasks'),
        api.get(`/reports/visits${api.query({ from: localDay(from), to: localDay(to) })}`),
      ]);
      figures.replaceChildren(renderFigures(report));
      list.replaceChildren(renderTasks(tasks, (task) => {
        form.replaceChildren(visitForm(user, task, done));
        // on a phone the form opens above the task that was tapped, out of sight
        form.scrollIntoView({ block: 'start' });
      }));
    } catch (err) {
      list.replaceChildren(note(`${t('common.error')}: ${failure(err)}`, 'error'));
    }
  }

  function done(recorded) {
    form.replaceChildren();
    if (recorded) load();
  }

  load();
  return h('section', { class: 'page visits-page' }, h('h2', {}, t('visits.title')),
    figures, form, h('h3', {}, t('visits.tasks')), list);
}

function renderFigures(report) {
  const whole = report.district ?? (report.stations.length === 1 ? report.stations[0] : null);
  const tiles = whole ? h('div', { class: 'tiles' },
    h('div', { class: 'tile registration' }, h('div', { class: 'tile-value' }, pct(whole.registrationPct)),
      h('div', {}, t('visits.registration')), h('div', { class: 'muted' }, t('visits.planned', { n: whole.planned, total: whole.eligible }))),
    h('div', { class: 'tile coverage' }, h('div', { class: 'tile-value', id: 'visit-coverage' }, pct(whole.coveragePct)),
      h('div', {}, t('visits.coverage')), h('div', { class: 'muted' }, t('visits.onTime', { n: whole.onTime, total: whole.due, days: REPORT_DAYS })))) : null;
  const perStation = report.district && report.stations.length > 0 ? cards(h('table', { class: 'compact visit-stations' },
    h('thead', {}, h('tr', {}, [t('visits.station'), t('visits.registration'), t('visits.coverage'), t('visits.unassessed')].map((c) => h('th', {}, c)))),
    h('tbody', {}, report.stations.map((s) => h('tr', {},
      h('td', {}, s.name), h('td', {}, pct(s.registrationPct)), h('td', {}, pct(s.coveragePct)), h('td', {}, s.unassessed)))))) : null;
  return h('div', {}, tiles, perStation);
}

function renderTasks(tasks, onRecord) {
  if (tasks.length === 0) return note(t('visits.none'));
  return cards(h('table', { class: 'visit-list' },
    h('thead', {}, h('tr', {}, [t('visits.resident'), t('visits.address'), t('visits.category'), t('visits.due'), t('visits.lastVisit'), ''].map((c) => h('th', {}, c)))),
    h('tbody', {}, tasks.map((task) => h('tr', { class: `visit-${task.status}`, dataset: { resident: task.residentId } },
      h('td', {}, h('a', { href: `#/resident/${task.residentId}` }, task.name)),
      h('td', {}, task.address),
      h('td', {}, `${t(`visits.cat.${task.category}`)} · ${t(`visits.risk.${task.riskLevel}`)}`),
      h('td', {}, task.dueOn,
        h('span', { class: `tag ${task.status === 'overdue' ? 'risk' : ''}` }, t(`visits.status.${task.status}`)),
        task.broughtForward ? h('span', { class: 'tag stale', title: t('visits.broughtForwardHint') }, t('visits.broughtForward')) : null),
      h('td', {}, task.lastVisit ?? t('visits.never')),
      h('td', { class: 'actions' }, h('button', { type: 'button', class: 'primary record', onclick: () => onRecord(task) }, t('visits.record'))))))));
}

function visitForm(user, task, done) {
  const date = h('input', { type: 'date', name: 'visitedOn', required: true, value: localDay(new Date()), max: localDay(new Date()) });
  const visitor = h('input', { type: 'text', name: 'visitor', required: true, maxlength: 100, value: user.displayName });
  const type = h('select', { name: 'type' },
    h('option', { value: 'home_visit' }, t('visits.type.home_visit')),
    h('option', { value: 'phone_call' }, t('visits.type.phone_call')));
  const concerns = FINDINGS.map((f) => h('input', { type: 'checkbox', name: `concern-${f}` }));
  const followUp = h('textarea', { name: 'followUp', rows: 3, maxlength: 1000 });
  const save = h('button', { type: 'submit', class: 'primary' }, t('visits.save'));

  async function submit(e) {
    e.preventDefault();
    save.disabled = true;
    const findings = Object.fromEntries(FINDINGS.map((f, i) => [f, concerns[i].checked ? 'concern' : 'ok']));
    try {
      const r = await api.post('/visits', {
        residentId: task.residentId, visitedOn: date.value, visitor: visitor.value,
        type: type.value, findings, followUp: followUp.value,
      });
      toast(t(r.onTime ? 'visits.savedOnTime' : 'visits.savedLate', { next: r.nextDue }));
      done(true);
    } catch (err) {
      save.disabled = false;
      toast(`${t('action.failed')}: ${failure(err)}`, 'error');
    }
  }

  return h('form', { class: 'box visit-form', onsubmit: submit },
    h('h3', {}, t('visits.recordFor', { name: task.name })),
    h('label', {}, t('visits.date'), date),
    h('label', {}, t('visits.visitor'), visitor),
    h('label', {}, t('visits.type'), type),
    h('fieldset', {}, h('legend', {}, t('visits.checklist')),
      FINDINGS.map((f, i) => h('label', { class: 'check' }, concerns[i], t(`visits.finding.${f}`)))),
    h('label', {}, t('visits.followUp'), followUp),
    h('div', { class: 'form-actions' }, save,
      h('button', { type: 'button', onclick: () => done(false) }, t('visits.cancel'))));
}

/**
 * The resident page's 探访 box: the needs assessment (editable: it makes, moves or drops the plan),
 * the next due day and the latest visits with what they found. Hidden for a resident of another
 * station (404), whom the user sees only through an alert.
 */
export function visitsBox(id) {
  const box = h('section', { class: 'box visits-box' }, h('h3', {}, t('nav.visits')), note(t('common.loading')));
  const category = h('select', { name: 'category' },
    ['living_alone', 'empty_nest', 'left_behind', 'other'].map((c) => h('option', { value: c }, t(`visits.cat.${c}`))));
  const risk = h('select', { name: 'riskLevel' },
    ['low', 'medium', 'high'].map((r) => h('option', { value: r }, t(`visits.risk.${r}`))));
  const next = h('p', { class: 'next-due' });

  function show(record) {
    if (record.category) category.value = record.category;
    if (record.riskLevel) risk.value = record.riskLevel;
    next.textContent = record.category == null ? t('visits.notAssessed')
      : record.nextDue ? t('visits.nextDue', { date: record.nextDue }) : t('visits.noPlan');
  }

  async function assess(e) {
    e.preventDefault();
    try {
      const a = await api.put(`/residents/${id}/assessment`, { category: category.value, riskLevel: risk.value });
      show(a);
      toast(t('visits.assessed'));
    } catch (err) {
      toast(`${t('action.failed')}: ${failure(err)}`, 'error');
    }
  }

  api.get(`/residents/${id}/visits`).then((record) => {
    show(record);
    box.lastChild.replaceWith(h('div', {},
      h('form', { class: 'filters assess', onsubmit: assess },
        h('label', {}, `${t('visits.category')} `, category), risk,
        h('button', { type: 'submit', class: 'primary' }, t('visits.assess'))),
      next,
      record.visits.length === 0 ? note(t('visits.noneYet')) : h('ul', { class: 'visit-history' }, record.visits.map((v) => {
        const concerns = FINDINGS.filter((f) => v.findings[f] === 'concern').map((f) => t(`visits.finding.${f}`));
        return h('li', {},
          h('b', {}, v.visitedOn), ` · ${t(`visits.type.${v.type}`)} · ${v.visitor} `,
          h('span', { class: `tag ${v.onTime ? 'ok' : 'risk'}` }, t(v.onTime ? 'visits.onTimeTag' : 'visits.lateTag')),
          h('div', {}, concerns.length ? `${t('visits.concerns')}: ${concerns.join(t('finding.sep'))}` : t('visits.allOk')),
          v.followUp ? h('div', { class: 'muted' }, `${t('visits.followUp')}: ${v.followUp}`) : null);
      }))));
  }, (e) => {
    if (e.status === 404) box.remove();
    else box.lastChild.replaceWith(note(failure(e), 'error'));
  });
  return box;
}
