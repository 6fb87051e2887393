// The device fleet for district and programme admins: how many are online, and a filterable
// list with battery and last contact.
import * as api from './api.js';
import { t, dateTime } from './i18n.js';
import { h, note, cards } from './view.js';
import { failure } from './say.js';

const PAGE = 100;
const KINDS = ['sos_pendant', 'care_bed', 'vitals_monitor', 'fall_detector', 'door_sensor', 'motion_sensor', 'smoke_sensor', 'gas_sensor'];
const LOW_BATTERY = 20;

export function fleetPage() {
  const counts = h('div', { class: 'tiles' });
  const status = h('select', { name: 'status', 'aria-label': t('fleet.status') },
    h('option', { value: '' }, t('queue.filter.all')),
    h('option', { value: 'online' }, t('fleet.online')),
    h('option', { value: 'offline' }, t('fleet.offline')));
  const kind = h('select', { name: 'kind', 'aria-label': t('fleet.kind') },
    h('option', { value: '' }, t('queue.filter.all')),
    KINDS.map((k) => h('option', { value: k }, t(`device.${k}`))));
  const low = h('input', { type: 'checkbox', name: 'lowBattery' });
  const body = h('tbody');
  const table = h('table', {}, h('thead', {}, h('tr', {}, ['fleet.uid', 'fleet.kind', 'fleet.status', 'fleet.battery', 'fleet.lastSeen', 'fleet.resident']
    .map((k) => h('th', {}, t(k))))), body);
  const more = h('button', { type: 'button', hidden: true }, t('fleet.more'));
  const message = h('div');
  let offset = 0;

  async function load(reset) {
    if (reset) { offset = 0; body.replaceChildren(); }
    try {
      const page = await api.get(`/devices${api.query({
        status: status.value, kind: kind.value, lowBattery: low.checked ? 'true' : '', limit: PAGE, offset,
      })}`);
      body.append(...page.items.map(row));
      cards(table);
      offset += page.items.length;
      more.hidden = offset >= page.total;
      message.replaceChildren(offset === 0 ? note(t('fleet.empty')) : note(`${offset} / ${page.total}`));
    } catch (e) {
      message.replaceChildren(note(e.status === 403 ? t('common.forbidden') : `${t('common.error')}: ${failure(e)}`, 'error'));
    }
  }

  async function loadCounts() {
    try {
      const [on, off] = await Promise.all(['online', 'offline'].map((s) => api.get(`/devices?status=${s}&limit=1`)));
      const all = on.total + off.total;
      counts.replaceChildren(
        tile(t('fleet.online'), on.total, all ? `${((100 * on.total) / all).toFixed(1)} %` : '', 'on'),
        tile(t('fleet.offline'), off.total, '', off.total > 0 ? 'off' : ''),
        tile(t('fleet.total'), all, ''));
    } catch {
      counts.replaceChildren();
    }
  }

  [status, kind, low].forEach((el) => el.addEventListener('change', () => load(true)));
  more.addEventListener('click', () => load(false));
  loadCounts();
  load(true);
  return h('section', { class: 'page fleet-page' }, h('h2', {}, t('fleet.title')), counts,
    h('div', { class: 'filters' }, h('label', {}, `${t('fleet.status')} `, status), h('label', {}, `${t('fleet.kind')} `, kind),
      h('label', {}, low, ` ${t('fleet.lowBattery')}`)),
    table,
    message, more);
}

function tile(label, value, extra, kind = '') {
  return h('div', { class: `tile ${kind}` }, h('div', { class: 'tile-value' }, String(value)), h('div', {}, label), extra ? h('div', { class: 'muted' }, extra) : null);
}

function row(d) {
  return h('tr', { dataset: { deviceId: d.id } },
    h('td', {}, d.uid), h('td', {}, t(`device.${d.kind}`)),
    h('td', {}, h('span', { class: `dot ${d.online ? 'on' : 'off'}`, 'aria-hidden': 'true' }), t(d.online ? 'fleet.online' : 'fleet.offline')),
    h('td', { class: d.battery != null && d.battery < LOW_BATTERY ? 'low-battery' : '' }, d.battery == null ? '' : `${d.battery} %`),
    h('td', {}, d.lastSeen ? dateTime(d.lastSeen) : t('fleet.never')),
    h('td', {}, d.residentId ? h('a', { href: `#/resident/${d.residentId}` }, `#${d.residentId}`) : ''));
}
