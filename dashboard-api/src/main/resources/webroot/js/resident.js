// Residents: a searchable list, and one resident's record with vitals charts (24 h or 7 days),
// device events, alert history and the care plan (editable by programme admins only).
import * as api from './api.js';
import { t, dateTime, currentLang } from './i18n.js';
import { failure, unit } from './say.js';
import { h, note, toast, cards } from './view.js';
import { badge } from './severity.js';
import { lineChart } from './charts.js';
import { visitsBox } from './visits.js';
import { careRecordBox } from './care.js';

const PAGE = 50;
const CHART_METRICS = ['hr', 'rr', 'spo2', 'temp', 'sbp'];
const HOUR = 3600000;

export function residentsPage() {
  const search = h('input', { type: 'search', placeholder: t('resident.search'), 'aria-label': t('resident.search') });
  const list = h('div', {}, note(t('common.loading')));
  const count = h('p', { class: 'count muted', role: 'status' });
  const prev = h('button', { type: 'button', class: 'prev', disabled: true }, `‹ ${t('resident.prev')}`);
  const next = h('button', { type: 'button', class: 'next', disabled: true }, `${t('resident.next')} ›`);
  let timer = null;
  let offset = 0;

  async function load() {
    try {
      const page = await api.get(`/residents${api.query({ q: search.value.trim(), limit: PAGE, offset })}`);
      count.textContent = page.total === 0 ? '' : t('resident.count', { from: offset + 1, to: offset + page.items.length, total: page.total });
      prev.disabled = offset === 0;
      next.disabled = offset + page.items.length >= page.total;
      list.replaceChildren(page.items.length === 0 ? note(t('resident.empty')) : cards(h('table', {},
        h('thead', {}, h('tr', {}, ['resident.name', 'resident.age', 'resident.address', 'resident.community', 'resident.flags', 'resident.openAlerts']
          .map((k) => h('th', {}, t(k))))),
        h('tbody', {}, page.items.map((r) => h('tr', {},
          h('td', {}, h('a', { href: `#/resident/${r.id}` }, r.name)),
          h('td', {}, r.age ?? ''), h('td', {}, r.address || ''), h('td', {}, r.community || ''),
          h('td', {}, flags(r)), h('td', {}, r.openAlerts || 0)))))));
    } catch (e) {
      list.replaceChildren(note(`${t('common.error')}: ${failure(e)}`, 'error'));
    }
  }
  search.addEventListener('input', () => { clearTimeout(timer); offset = 0; timer = setTimeout(load, 250); });
  prev.addEventListener('click', () => { offset = Math.max(0, offset - PAGE); load(); });
  next.addEventListener('click', () => { offset += PAGE; load(); });
  load();
  return h('section', { class: 'page residents-page' }, h('h2', {}, t('resident.title')), search, count, list,
    h('div', { class: 'pager' }, prev, next));
}

function flags(r) {
  return [r.livesAlone ? h('span', { class: 'tag risk' }, t('alert.alone')) : null,
    r.dementia ? h('span', { class: 'tag risk' }, t('alert.dementia')) : null,
    r.copdScale2 ? h('span', { class: 'tag' }, t('alert.copd')) : null];
}

export function residentPage(user, id) {
  const page = h('section', { class: 'page resident-page' }, note(t('common.loading')));
  api.get(`/residents/${id}`).then(
    (detail) => page.replaceChildren(...render(detail, user, id).filter(Boolean)),
    (e) => page.replaceChildren(note(e.status === 404 ? t('common.notFound') : `${t('common.error')}: ${failure(e)}`, 'error')));
  return page;
}

function render({ resident: r, home, devices = [], latestVitals = [] }, user, id) {
  return [
    h('h2', {}, r.name),
    h('p', { class: 'risk' }, r.age != null ? `${t('alert.age', { n: r.age })} · ${r.birthYear}` : '', flags(r)),
    home ? h('p', {}, `${t('alert.home')}: ${home.address}${home.community ? ` (${home.community})` : ''}`) : null,
    chartsBox(id, latestVitals),
    h('div', { class: 'grid' },
      devicesBox(devices),
      alertsBox(id),
      eventsBox(id),
      careBox(id),
      carePlanBox(r, user, id),
      visitsBox(id)),
  ];
}

function chartsBox(id, latestVitals) {
  // the metrics this resident has, in a fixed order; heart rate and respiration otherwise
  const have = new Set(latestVitals.map((v) => v.metric));
  const metrics = CHART_METRICS.filter((m) => have.has(m));
  const shown = metrics.length ? metrics : ['hr', 'rr'];
  const charts = h('div', { class: 'charts' });
  const tabs = h('div', { class: 'chips', role: 'tablist' });

  function show(hours) {
    tabs.replaceChildren(...[[24, 'resident.day'], [168, 'resident.week']].map(([n, key]) =>
      h('button', { type: 'button', role: 'tab', class: `chip${n === hours ? ' on' : ''}`, 'aria-selected': String(n === hours), onclick: () => show(n) }, t(key))));
    const to = new Date();
    const from = new Date(to.getTime() - hours * HOUR);
    charts.replaceChildren(...shown.map((metric) => {
      const slot = h('div', { class: 'chart-slot' }, note(t('common.loading')));
      api.get(`/readings${api.query({ resident: id, metric, from: from.toISOString(), to: to.toISOString(), bucket: 'auto' })}`).then(
        (series) => slot.replaceChildren(lineChart(series.points, { from, to, title: t(`metric.${metric}`), unit: unit(metric, series.unit), emptyText: t('resident.noData') })),
        (e) => slot.replaceChildren(note(`${t(`metric.${metric}`)}: ${failure(e)}`, 'error')));
      return slot;
    }));
  }
  show(24);
  return h('section', { class: 'box charts-box' }, h('h3', {}, t('resident.charts')), tabs, charts);
}

function careBox(id) {
  const box = h('section', { class: 'box' }, h('h3', {}, t('care.record')), note(t('common.loading')));
  Promise.all([api.get(`/residents/${id}/contacts`), api.get(`/residents/${id}/medical`)]).then(
    ([contacts, medical]) => box.replaceWith(careRecordBox(contacts, medical)),
    (e) => box.lastChild.replaceWith(note(failure(e), 'error')));
  return box;
}

function devicesBox(devices) {
  return h('section', { class: 'box' }, h('h3', {}, t('resident.devices')),
    h('table', { class: 'compact' }, h('tbody', {}, devices.map((d) => h('tr', {},
      h('td', {}, t(`device.${d.kind}`)), h('td', {}, d.uid),
      h('td', {}, h('span', { class: `dot ${d.online ? 'on' : 'off'}` }), t(d.online ? 'fleet.online' : 'fleet.offline')),
      h('td', {}, d.battery == null ? '' : `${d.battery} %`))))));
}

function alertsBox(id) {
  const box = h('section', { class: 'box' }, h('h3', {}, t('resident.alerts')), note(t('common.loading')));
  api.get(`/residents/${id}/alerts?limit=50`).then((list) => {
    box.lastChild.replaceWith(list.length === 0 ? note(t('resident.noAlerts')) : h('table', { class: 'compact' }, h('tbody', {},
      list.map((a) => h('tr', {},
        h('td', {}, badge(a.severity)),
        h('td', {}, h('a', { href: `#/alert/${a.id}` }, t(`kind.${a.kind}`))),
        h('td', {}, dateTime(a.raisedAt)),
        h('td', {}, t(`state.${a.state}`), a.outcome ? ` · ${t(`outcome.${a.outcome}`)}` : ''))))));
  }, (e) => box.lastChild.replaceWith(note(failure(e), 'error')));
  return box;
}

function eventsBox(id) {
  const box = h('section', { class: 'box' }, h('h3', {}, t('resident.events')), note(t('common.loading')));
  const to = new Date();
  const from = new Date(to.getTime() - 168 * HOUR);
  api.get(`/residents/${id}/events${api.query({ from: from.toISOString(), to: to.toISOString(), limit: 100 })}`).then((events) => {
    box.lastChild.replaceWith(events.length === 0 ? note(t('resident.noEvents')) : h('table', { class: 'compact' }, h('tbody', {},
      [...events].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).map((e) => h('tr', {},
        h('td', {}, dateTime(e.at)), h('td', {}, t(`event.${e.type}`)),
        // the device's own payload is machine text: shown to English readers only, and only when
        // there is something in it
        h('td', { class: 'muted' }, hasData(e) && currentLang() === 'en' ? JSON.stringify(e.data) : ''))))));
  }, (e) => box.lastChild.replaceWith(note(failure(e), 'error')));
  return box;
}

function hasData(e) {
  return e.data != null && Object.keys(e.data).length > 0;
}

// The care plan keys alerting reads (alerting's Thresholds); anything else is kept as it is.
const PLAN_KEYS = [
  ['night_start', 'time'], ['night_end', 'time'], ['not_in_bed_by', 'time'], ['not_up_by', 'time'],
  ['bed_return_min', 'number'], ['inactivity_min', 'number'],
  ['hr_low', 'number'], ['hr_high', 'number'], ['rr_low', 'number'], ['rr_high', 'number'],
  ['sbp_low', 'number'], ['sbp_high', 'number'], ['temp_low', 'number'], ['temp_high', 'number'],
  ['spo2_low', 'number'], ['news2_on_oxygen', 'bool'], ['news2_consciousness', 'text'],
];

function carePlanBox(r, user, id) {
  const plan = r.carePlan || {};
  const editable = user.role === 'programme_admin';
  const inputs = new Map();
  const rows = PLAN_KEYS.map(([key, type]) => {
    const value = plan[key];
    const input = type === 'bool'
      ? h('input', { type: 'checkbox', name: key, checked: value === true, disabled: !editable })
      : h('input', {
        type: type === 'number' ? 'number' : 'text', step: 'any', name: key,
        value: value ?? '', disabled: !editable, placeholder: type === 'time' ? t('plan.timePlaceholder') : '',
      });
    inputs.set(key, [input, type]);
    return h('tr', {}, h('th', {}, h('label', {}, t(`plan.${key}`))), h('td', {}, input));
  });
  const known = new Set(PLAN_KEYS.map(([k]) => k));
  const others = Object.entries(plan).filter(([k]) => !known.has(k));

  async function save(e) {
    e.preventDefault();
    const next = Object.fromEntries(others);
    for (const [key, [input, type]] of inputs) {
      if (type === 'bool') {
        if (input.checked) next[key] = true;
      } else if (input.value.trim() !== '') {
        next[key] = type === 'number' ? Number(input.value) : input.value.trim();
      }
    }
    try {
      await api.put(`/residents/${id}/care-plan`, { carePlan: next });
      toast(t('resident.saved'));
    } catch (err) {
      toast(`${t('action.failed')}: ${failure(err)}`, 'error');
    }
  }

  return h('section', { class: 'box care-plan' }, h('h3', {}, t('resident.carePlan')),
    editable ? note(t('resident.carePlanHint')) : null,
    h('form', { onsubmit: save },
      h('table', { class: 'compact' }, h('tbody', {}, rows)),
      others.length ? h('p', { class: 'muted' }, `${t('resident.other')}: ${JSON.stringify(Object.fromEntries(others))}`) : null,
      editable ? h('button', { type: 'submit', class: 'primary' }, t('resident.save')) : null));
}
