// The programme report: beds against the yearly target, devices online, alerts by kind, and
// answer times against the telecare targets (TSA: 97.5 % within 60 s, 99 % within 180 s;
// domain.md §1.4) and the share on site within 15 minutes (the local 15-minute service radius,
// §1.8, which sets no percentage, so none is claimed here); then 建档率 and visit coverage.
import * as api from './api.js';
import { t, dateTime, duration, currentLang } from './i18n.js';
import { h, note } from './view.js';
import { failure } from './say.js';
import { barChart } from './charts.js';

function isoDay(d) {
  return d.toISOString().slice(0, 10);
}

export function reportPage() {
  const today = new Date();
  const from = h('input', { type: 'date', name: 'from', value: `${today.getUTCFullYear()}-01-01` });
  const to = h('input', { type: 'date', name: 'to', value: isoDay(today) });
  const csv = h('a', { class: 'button', download: '' }, t('report.csv'));
  const out = h('div', {}, note(t('common.loading')));

  async function load(e) {
    e?.preventDefault();
    const q = api.query({ from: from.value, to: to.value });
    csv.href = api.href(`/reports/programme${api.query({ from: from.value, to: to.value, format: 'csv', lang: currentLang() })}`);
    csv.setAttribute('download', `caregrid-report-${from.value}-${to.value}.csv`);
    try {
      const [programme, visits] = await Promise.all([api.get(`/reports/programme${q}`), api.get(`/reports/visits${q}`)]);
      out.replaceChildren(...render(programme).filter(Boolean), visitFigures(visits));
    } catch (err) {
      out.replaceChildren(note(err.status === 403 ? t('common.forbidden') : `${t('common.error')}: ${failure(err)}`, 'error'));
    }
  }
  load();
  return h('section', { class: 'page report-page' }, h('h2', {}, t('report.title')),
    h('form', { class: 'filters', onsubmit: load },
      h('label', {}, `${t('report.from')} `, from), h('label', {}, `${t('report.to')} `, to),
      h('button', { type: 'submit', class: 'primary' }, t('report.show')), csv),
    out);
}

function pct(v) {
  return v == null ? t('common.none') : `${Number(v).toFixed(1)} %`;
}

/** A share against its target: the word says met or missed, so colour is not the only cue. */
function target(label, value, goal) {
  const met = value != null && value >= goal;
  return h('tr', { class: met ? 'met' : 'missed' },
    h('th', {}, label), h('td', {}, pct(value)), h('td', {}, t('report.target', { n: goal })),
    h('td', {}, value == null ? t('common.none') : h('span', { class: `tag ${met ? 'ok' : 'risk'}` }, `${met ? '✓' : '✗'} ${t(met ? 'report.met' : 'report.missed')}`)));
}

function render(r) {
  const accept = r.timeToAccept || {};
  const onSite = r.timeToOnSite || {};
  const kinds = Object.entries(r.alertsByKind || {}).sort((a, b) => b[1] - a[1]).map(([k, n]) => [t(`kind.${k}`), n]);
  const alone = r.residentsAloneWithoutActivity || { days: 0, residents: [] };
  return [
    h('div', { class: 'tiles' },
      h('div', { class: `tile beds ${r.bedsEnrolled >= r.bedsTargetYears ? 'on' : 'off'}` },
        h('div', { class: 'tile-value' }, `${r.bedsEnrolled} / ${r.bedsTargetYears}`), h('div', {}, t('report.beds')),
        h('div', { class: 'muted' }, t('report.bedsYears', { n: r.bedsTargetYears }))),
      h('div', { class: 'tile' }, h('div', { class: 'tile-value' }, pct(r.devicesOnlinePct)), h('div', {}, t('report.devicesOnline')))),
    h('section', { class: 'box' }, h('h3', {}, t('report.byKind')), kinds.length ? barChart(kinds, { label: t('report.byKind') }) : note(t('common.none'))),
    h('div', { class: 'grid' },
      h('section', { class: 'box' }, h('h3', {}, t('report.accept')),
        h('table', { class: 'compact kpi' }, h('tbody', {},
          h('tr', {}, h('th', {}, t('report.n')), h('td', { colspan: 3 }, accept.n ?? 0)),
          h('tr', {}, h('th', {}, t('report.p50')), h('td', { colspan: 3 }, duration(accept.p50Seconds))),
          h('tr', {}, h('th', {}, t('report.p90')), h('td', { colspan: 3 }, duration(accept.p90Seconds))),
          target(t('report.within60'), accept.within60sPct, accept.target60sPct ?? 97.5),
          target(t('report.within180'), accept.within180sPct, accept.target180sPct ?? 99.0)))),
      h('section', { class: 'box' }, h('h3', {}, t('report.onSite')),
        h('table', { class: 'compact kpi' }, h('tbody', {},
          h('tr', {}, h('th', {}, t('report.n')), h('td', { colspan: 3 }, onSite.n ?? 0)),
          h('tr', {}, h('th', {}, t('report.p50')), h('td', { colspan: 3 }, duration(onSite.p50Seconds))),
          h('tr', {}, h('th', {}, t('report.p90')), h('td', { colspan: 3 }, duration(onSite.p90Seconds))),
          h('tr', {}, h('th', {}, t('report.within15')), h('td', { colspan: 3 }, pct(onSite.within15minPct))))))),
    h('section', { class: 'box' }, h('h3', {}, t('report.alone', { n: alone.days })),
      alone.residents.length === 0 ? note(t('report.aloneNone')) : h('table', { class: 'compact alone' }, h('tbody', {},
        alone.residents.map((p) => h('tr', {}, h('td', {}, h('a', { href: `#/resident/${p.id}` }, p.name)),
          h('td', {}, `${t('report.lastActivity')}: ${dateTime(p.lastActivity)}`))))),
      // never seen is not inactive: these have sent nothing yet (a new bed, a device not yet on)
      (alone.noDataYet || []).length === 0 ? null : h('p', { class: 'no-data-yet muted' }, `${t('report.noDataYet')}: `,
        alone.noDataYet.map((p, i) => [i > 0 ? t('finding.sep') : '', h('a', { href: `#/resident/${p.id}` }, p.name)]))),
  ];
}

/** 建档率 and visit coverage over the range's due days, for the district and each station. */
function visitFigures(v) {
  const row = (label, f, cls) => h('tr', { class: cls },
    h('th', {}, label),
    h('td', {}, `${pct(f.registrationPct)} (${f.planned} / ${f.eligible})`),
    h('td', {}, String(f.unassessed)),
    h('td', { class: 'coverage' }, `${pct(f.coveragePct)} (${f.onTime} / ${f.due})`));
  return h('section', { class: 'box visit-figures' }, h('h3', {}, t('report.visits')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'compact visit-figures' },
      h('thead', {}, h('tr', {}, h('th', {}, t('visits.station')), h('th', {}, t('visits.registration')),
        h('th', {}, t('visits.unassessed')), h('th', {}, t('visits.coverage')))),
      h('tbody', {},
        v.district ? row(t('report.district'), v.district, 'district') : null,
        v.stations.map((s) => row(s.name, s, 'station'))))));
}
