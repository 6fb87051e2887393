// The tier views: the programme's figures and the open alerts of one unit (district, street or
// community) and of each unit below it, drilling down by clicking a unit. Each user sees the
// units under their own station (everything without one); the API answers 404 for any other.
import * as api from './api.js';
import { t, currentLang, duration, dateTime } from './i18n.js';
import { failure } from './say.js';
import { h, note, cards } from './view.js';

const LABELS = {
  zh: {
    title: '分级视图', from: '从', to: '至', show: '查看', unit: '单位', beds: '床位（新增 / 目标）',
    online: '设备在线', accept: '接单 中位 / 90%', within60: '60 秒内', within180: '180 秒内',
    arrival: '15 分钟内到场', visits: '探访覆盖', open: '未结告警', waiting: '待接单',
    alerts: '告警（按类型）', notRecorded: '未启用', none: '—', openAlerts: '本社区未结告警',
    noAlerts: '暂无未结告警', notFound: '无权查看该单位', share: '（按社区分摊）',
    tiers: { district: '区', street: '街道', community: '社区', city: '市' },
    severity: { critical: '紧急', high: '高', medium: '中', low: '低' },
    state: { raised: '待派单', notified: '待接单', accepted: '已接单', on_site: '已到场' },
  },
  en: {
    title: 'Tiers', from: 'From', to: 'To', show: 'Show', unit: 'Unit', beds: 'Beds (new / target)',
    online: 'Devices online', accept: 'Accept p50 / p90', within60: 'Within 60 s',
    within180: 'Within 180 s', arrival: 'On site within 15 min', visits: 'Visit coverage',
    open: 'Open alerts', waiting: 'Waiting', alerts: 'Alerts by kind', notRecorded: 'not recorded',
    none: '—', openAlerts: "This community's open alerts", noAlerts: 'No open alerts',
    notFound: 'Not a unit you may see', share: '(share by communities)',
    tiers: { district: 'District', street: 'Street', community: 'Community', city: 'City' },
    severity: { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' },
    state: { raised: 'Raised', notified: 'Waiting', accepted: 'Accepted', on_site: 'On site' },
  },
};

const L = () => LABELS[currentLang()] || LABELS.zh;

function isoDay(d) {
  return d.toISOString().slice(0, 10);
}

function pct(v) {
  return v === null || v === undefined ? L().none : `${v.toFixed(1)}%`;
}

function secs(v) {
  return v === null || v === undefined ? L().none : duration(v);
}

export function tiersPage(code) {
  const today = new Date();
  const from = h('input', { type: 'date', name: 'from', value: isoDay(new Date(today.getTime() - 29 * 86400000)) });
  const to = h('input', { type: 'date', name: 'to', value: isoDay(today) });
  const out = h('div', {}, note('…'));

  async function load(e) {
    e?.preventDefault();
    const unit = code ? { unit: code } : {};
    try {
      const [report, queue] = await Promise.all([
        api.get(`/reports/tiers${api.query({ from: from.value, to: to.value, ...unit })}`),
        api.get(`/queue/tiers${api.query(unit)}`),
      ]);
      out.replaceChildren(...render(report, queue));
    } catch (err) {
      out.replaceChildren(note(err.status === 404 ? L().notFound : failure(err), 'error'));
    }
  }
  load();
  return h('section', { class: 'page tiers-page' }, h('h2', {}, L().title),
    h('form', { class: 'filters', onsubmit: load },
      h('label', {}, `${L().from} `, from), h('label', {}, `${L().to} `, to),
      h('button', { type: 'submit', class: 'primary' }, L().show)),
    out);
}

function render(report, queue) {
  const l = L();
  const counts = new Map(queue.children.map((c) => [c.code, c]));
  counts.set(queue.unit.code, queue.unit);
  const crumbs = h('p', { class: 'crumbs' }, report.path.map((u, i) => [
    i > 0 ? ' › ' : '',
    h('a', { href: `#/tiers/${encodeURIComponent(u.code)}` }, `${l.tiers[u.tier] || u.tier} ${u.name}`),
  ]));
  const head = h('tr', {}, [l.unit, l.beds, l.online, l.accept, l.within60, l.within180, l.arrival, l.visits, l.open, l.waiting, l.alerts]
    .map((x) => h('th', {}, x)));
  const row = (u, link) => {
    const q = counts.get(u.code);
    const kinds = Object.entries(u.alertsByKind).map(([k, n]) => `${t(`kind.${k}`)} ${n}`).join(t('finding.sep'));
    return h('tr', { dataset: { unit: u.code } },
      h('td', {}, link ? h('a', { href: `#/tiers/${encodeURIComponent(u.code)}` }, u.name) : h('strong', {}, u.name)),
      h('td', {}, `${u.beds.enrolled} / ${u.beds.target.toFixed(2)}`, u.beds.targetOwn ? '' : h('small', {}, ` ${l.share}`)),
      h('td', {}, pct(u.devices.onlinePct)),
      h('td', {}, `${secs(u.timeToAccept.p50Seconds)} / ${secs(u.timeToAccept.p90Seconds)}`),
      h('td', {}, pct(u.timeToAccept.within60sPct)),
      h('td', {}, pct(u.timeToAccept.within180sPct)),
      h('td', {}, pct(u.arrival.within15minPct)),
      h('td', {}, u.visitCoverage.recorded ? pct(u.visitCoverage.pct) : l.notRecorded),
      h('td', {}, q ? String(q.open) : '0'),
      h('td', {}, q ? String(q.byStanding.waiting) : '0'),
      h('td', {}, kinds || l.none));
  };
  const table = h('table', { class: 'tiers' }, h('thead', {}, head),
    h('tbody', {}, row(report.unit, false), report.children.map((c) => row(c, true))));
  const parts = [crumbs, h('div', { class: 'table-wrap' }, cards(table))];
  if (report.unit.tier === 'community') {
    parts.push(h('h3', {}, l.openAlerts));
    parts.push(queue.alerts.length === 0 ? note(l.noAlerts) : h('ul', { class: 'tier-alerts' },
      queue.alerts.map((a) => h('li', { dataset: { severity: a.severity } },
        `${l.severity[a.severity] || a.severity} · ${t(`kind.${a.kind}`)} · ${l.state[a.state] || a.state}`
          + ` · ${a.station || ''} · ${dateTime(a.raisedAt)}`))));
  }
  return parts;
}
