// The device fleet for district and programme admins: how many are online, and the devices
// by station and home with battery and last contact.
import * as api from './api.js';
import { t, dateTime } from './i18n.js';
import { h, note, cards } from './view.js';
import { failure } from './say.js';

const PAGE = 500;
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
  const groups = h('div', { class: 'fleet-groups' });
  const more = h('button', { type: 'button', hidden: true }, t('fleet.more'));
  const message = h('div');
  let loaded = [];

  async function load(reset) {
    if (reset) loaded = [];
    try {
      const page = await api.get(`/devices${api.query({
        status: status.value, kind: kind.value, lowBattery: low.checked ? 'true' : '', limit: PAGE, offset: loaded.length,
      })}`);
      loaded = loaded.concat(page.items);
      const filtered = Boolean(status.value || kind.value || low.checked);
      groups.replaceChildren(...byStation(loaded, filtered));
      more.hidden = loaded.length >= page.total;
      message.replaceChildren(loaded.length === 0 ? note(t('fleet.empty')) : note(t('fleet.shown', { n: loaded.length, total: page.total })));
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
    message, groups, more);
}

function tile(label, value, extra, kind = '') {
  return h('div', { class: `tile ${kind}` }, h('div', { class: 'tile-value' }, String(value)), h('div', {}, label), extra ? h('div', { class: 'muted' }, extra) : null);
}

const isLow = (d) => d.battery != null && d.battery < LOW_BATTERY;

/**
 * The devices grouped by station, then by home. Stations stay folded (their summary counts what
 * is offline or low) unless the list is filtered or short, so a district of a few hundred devices
 * fits a screen or two.
 */
function byStation(devices, filtered) {
  const stations = new Map();
  for (const d of devices) {
    const key = d.stationName || t('common.none');
    if (!stations.has(key)) stations.set(key, new Map());
    const homes = stations.get(key);
    if (!homes.has(d.homeId)) homes.set(d.homeId, []);
    homes.get(d.homeId).push(d);
  }
  return [...stations.entries()].sort(([a], [b]) => a.localeCompare(b, 'zh-CN')).map(([name, homes]) => {
    const all = [...homes.values()].flat();
    const off = all.filter((d) => !d.online).length;
    const weak = all.filter(isLow).length;
    const table = h('table', { class: 'fleet' },
      h('thead', {}, h('tr', {}, ['fleet.kind', 'fleet.uid', 'fleet.status', 'fleet.battery', 'fleet.lastSeen'].map((k) => h('th', {}, t(k))))),
      h('tbody', {}, [...homes.values()].map((list) => [homeRow(list), ...list.map(row)])));
    return h('details', { class: 'station-group', open: filtered || stations.size <= 3 },
      h('summary', {}, h('strong', {}, name), ` · ${t('fleet.devices', { n: all.length })}`,
        off ? h('span', { class: 'tag risk' }, `${t('fleet.offline')} ${off}`) : null,
        weak ? h('span', { class: 'tag risk' }, `${t('fleet.lowBatteryShort')} ${weak}`) : null),
      cards(table));
  });
}

function homeRow(list) {
  const d = list.find((x) => x.residentName) || list[0];
  return h('tr', { class: 'home-row' }, h('th', { colspan: 5 },
    d.residentId ? h('a', { href: `#/resident/${d.residentId}` }, d.residentName || t('fleet.resident')) : '',
    d.address ? h('span', { class: 'muted' }, ` · ${d.address}`) : ''));
}

function row(d) {
  return h('tr', { dataset: { deviceId: d.id } },
    h('td', {}, t(`device.${d.kind}`)), h('td', {}, d.uid),
    h('td', {}, h('span', { class: `dot ${d.online ? 'on' : 'off'}`, 'aria-hidden': 'true' }), t(d.online ? 'fleet.online' : 'fleet.offline')),
    h('td', { class: isLow(d) ? 'low-battery' : '' }, d.battery == null ? t('common.none') : `${Math.round(d.battery)} %`),
    h('td', {}, d.lastSeen ? dateTime(d.lastSeen) : t('fleet.never')));
}
