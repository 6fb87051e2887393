// The command centre's big screen (大屏): one page at 1920x1080, read-only, names masked by the
// server. Data from GET /api/v1/bigscreen; GET /api/v1/bigscreen/stream says when to fetch again.
// The map is drawn here from the stations' and homes' coordinates: no map tiles, nothing fetched
// from outside.

const API = '/api/v1';
const SVG = 'http://www.w3.org/2000/svg';
const SEVERITIES = ['critical', 'high', 'medium', 'low'];
const SEVERITY = { critical: '紧急', high: '高', medium: '中', low: '低' };
const TIERS = { community: '社区站', street: '街道中心', district: '区中心', unrouted: '未派单' };
const KINDS = {
  sos: '紧急呼叫', fall: '跌倒', bed_exit_no_return: '离床未归', not_in_bed_by: '未按时上床',
  not_up_by: '未按时起床', inactivity: '长时间无活动', vital_limit: '生命体征异常',
  news2: 'NEWS2 预警', smoke: '烟雾', gas: '燃气', water: '漏水', device_offline: '设备离线',
  battery_low: '电量低',
};
const STATES = { raised: '待派单', notified: '待接单', accepted: '已接单', on_site: '已到场' };
const REFRESH_MS = 30000;

let stream = null;
let snapshot = null;

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

async function load() {
  const response = await fetch(`${API}/bigscreen`, { credentials: 'same-origin' });
  if (response.status === 401) {
    showSignIn();
    return;
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  snapshot = await response.json();
  render(snapshot);
  $('signin').hidden = true;
  $('screen').hidden = false;
  listen();
}

function showSignIn() {
  if (stream) stream.close();
  stream = null;
  $('screen').hidden = true;
  $('signin').hidden = false;
}

async function signIn(event) {
  event.preventDefault();
  const form = event.target;
  const response = await fetch(`${API}/session`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: form.login.value, password: form.password.value }),
  });
  if (!response.ok) {
    $('signin-error').textContent = response.status === 429 ? '尝试过多，请稍后再试' : '账号或密码不正确';
    $('signin-error').hidden = false;
    return;
  }
  form.password.value = '';
  $('signin-error').hidden = true;
  await load();
}

function listen() {
  if (stream) return;
  stream = new EventSource(`${API}/bigscreen/stream`);
  stream.addEventListener('open', () => setLink('live'));
  stream.addEventListener('changed', () => load().catch(() => setLink('lost')));
  stream.addEventListener('error', () => {
    setLink('lost');
    if (stream.readyState === EventSource.CLOSED) {
      stream = null;
      // a closed stream is usually an ended session: the next load signs in again
      setTimeout(() => load().catch(() => setLink('lost')), 5000);
    }
  });
}

function setLink(state) {
  $('link').dataset.state = state;
  $('link-text').textContent = state === 'live' ? '实时' : state === 'lost' ? '连接中断' : '连接中';
}

function render(s) {
  $('unit-name').textContent = s.unit.name + ' · ';
  renderCounters(s);
  renderToday(s.today);
  // over the last 30 days: a visit has grace days, so today's due days are seldom decided
  $('visits').textContent = s.visitCoverage.pct == null ? '—' : `${s.visitCoverage.pct.toFixed(1)}%`;
  renderAlerts(s.open.alerts, s);
  renderMap(s);
}

function renderCounters(s) {
  $('open-total').textContent = s.open.total;
  const bars = $('by-severity');
  bars.replaceChildren(
    ...SEVERITIES.map((k) => {
      const li = el('li', { class: `sev-${k}`, 'data-severity': k });
      li.append(el('span', {}, `${SEVERITY[k]}`), el('b', {}, String(s.open.bySeverity[k] || 0)));
      return li;
    }),
  );
  const tiers = $('by-tier');
  tiers.replaceChildren(
    ...Object.keys(TIERS).map((k) => {
      const li = el('li', { 'data-tier': k });
      li.append(el('span', {}, TIERS[k]), el('b', {}, String(s.open.byTier[k] || 0)));
      return li;
    }),
  );
  const d = s.today.devices;
  $('devices-pct').textContent = d.onlinePct === null ? '—' : d.onlinePct.toFixed(1);
  $('devices-count').textContent = `${d.online} / ${d.active} 台在线`;
}

function seconds(v) {
  if (v === null || v === undefined) return '—';
  if (v < 60) return `${Math.round(v)} 秒`;
  return `${Math.floor(v / 60)} 分 ${Math.round(v % 60)} 秒`;
}

function pct(v, n) {
  return v === null || v === undefined ? '—' : `${v.toFixed(1)}%（${n} 起）`;
}

function renderToday(t) {
  const a = t.timeToAccept;
  $('accept-p').textContent = a.n === 0 ? '—' : `${seconds(a.p50Seconds)} / ${seconds(a.p90Seconds)}`;
  $('accept-60').textContent = pct(a.within60sPct, a.n);
  $('arrive-15').textContent = pct(t.arrival.within15minPct, t.arrival.n);
}

function age(iso) {
  const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
  return `${Math.floor(s / 3600)} 小时`;
}

function renderAlerts(alerts, s) {
  const list = $('alerts');
  if (alerts.length === 0) {
    list.replaceChildren(el('li', { class: 'empty' }, '暂无未结告警'));
    return;
  }
  const names = new Map(s.stations.map((st) => [st.code, st.name]));
  list.replaceChildren(
    ...alerts.map((a) => {
      const li = el('li', { 'data-alert': a.id, 'data-severity': a.severity });
      li.append(el('span', { class: `sev sev-${a.severity}` }, SEVERITY[a.severity]));
      const what = el('span', { class: 'what' }, `${KINDS[a.kind] || a.kind} · ${a.resident}`);
      const where = el(
        'span',
        { class: 'where' },
        `${names.get(a.community) || a.community || ''} · ${STATES[a.state] || a.state}` +
          (a.tier ? ` · ${TIERS[a.tier] || a.tier}` : ''),
      );
      what.append(where);
      li.append(what, el('span', { class: 'age', 'data-raised': a.raisedAt }, age(a.raisedAt)));
      return li;
    }),
  );
}

// Equirectangular projection scaled to the viewBox, with the cosine of the mean latitude so a
// kilometre east is as long as a kilometre north.
function projection(points) {
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const minLat = Math.min(...lats); const maxLat = Math.max(...lats);
  const minLon = Math.min(...lons); const maxLon = Math.max(...lons);
  const k = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
  const w = Math.max((maxLon - minLon) * k, 1e-6);
  const h = Math.max(maxLat - minLat, 1e-6);
  const scale = Math.min(920 / w, 620 / h);
  const ox = (1000 - w * scale) / 2; const oy = (700 - h * scale) / 2;
  return (p) => [ox + (p.lon - minLon) * k * scale, oy + (maxLat - p.lat) * scale];
}

function hull(points) {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower = []; const upper = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  for (const p of pts.reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

// A hull grown by `pad` around its centre, so dots on the edge stay inside the outline.
function outline(points, pad) {
  const h = hull(points);
  if (h.length === 0) return '';
  const cx = h.reduce((s, p) => s + p[0], 0) / h.length;
  const cy = h.reduce((s, p) => s + p[1], 0) / h.length;
  if (h.length < 3) {
    return `M ${cx - pad} ${cy} a ${pad} ${pad} 0 1 0 ${2 * pad} 0 a ${pad} ${pad} 0 1 0 ${-2 * pad} 0`;
  }
  const grown = h.map(([x, y]) => {
    const d = Math.hypot(x - cx, y - cy) || 1;
    return [x + ((x - cx) / d) * pad, y + ((y - cy) / d) * pad];
  });
  return `M ${grown.map((p) => p.map((v) => v.toFixed(1)).join(' ')).join(' L ')} Z`;
}

function renderMap(s) {
  const map = $('map');
  const points = [...s.stations, ...s.homes];
  if (points.length === 0) {
    map.replaceChildren();
    return;
  }
  const at = projection(points);
  const byCode = new Map(s.stations.map((st) => [st.code, st]));
  const streetOf = (community) => {
    const c = byCode.get(community);
    return c && c.parent && byCode.has(c.parent) && byCode.get(c.parent).tier === 'street' ? c.parent : null;
  };
  const layers = { areas: svg('g'), labels: svg('g'), homes: svg('g'), stations: svg('g') };
  // streets: the outline of their communities' homes and stations
  const streets = new Map();
  const communities = new Map();
  for (const st of s.stations.filter((x) => x.tier === 'community')) {
    communities.set(st.code, [at(st)]);
    const street = streetOf(st.code);
    if (street) streets.set(street, [...(streets.get(street) || []), at(st)]);
  }
  for (const h of s.homes) {
    const p = at(h);
    if (communities.has(h.community)) communities.get(h.community).push(p);
    const street = streetOf(h.community);
    if (street) streets.get(street).push(p);
  }
  for (const [code, pts] of streets) {
    layers.areas.append(svg('path', { class: 'street', d: outline(pts, 28), 'data-street': code }));
    // above the outline, centred on it; "… street centre" reads as the street's name
    const top = pts.reduce((a, b) => (b[1] < a[1] ? b : a));
    const cx = pts.reduce((sum, p) => sum + p[0], 0) / pts.length;
    const name = byCode.get(code).name.replace(/\s*(street\s+)?centre$/i, '').replace(/(养老服务)?中心$/, '');
    layers.labels.append(svg('text', { class: 'street-label', x: cx, y: top[1] - 36 }, name));
  }
  for (const [code, pts] of communities) {
    layers.areas.append(svg('path', { class: 'community', d: outline(pts, 10), 'data-community': code }));
  }
  const rank = (sev) => (sev ? SEVERITIES.indexOf(sev) : 9);
  for (const h of [...s.homes].sort((a, b) => rank(b.worst) - rank(a.worst))) {
    const [x, y] = at(h);
    layers.homes.append(svg('circle', { class: `home${h.worst ? ` sev-${h.worst}` : ''}`, cx: x, cy: y, r: h.worst ? 6 : 3.5 }));
    if (h.worst === 'critical') layers.homes.append(svg('circle', { class: 'pulse', cx: x, cy: y, r: 14 }));
  }
  for (const st of s.stations) {
    const [x, y] = at(st);
    if (st.tier === 'district') {
      layers.stations.append(svg('polygon', { class: 'station-district', points: star(x, y, 16, 7) }));
    } else if (st.tier === 'street') {
      layers.stations.append(svg('rect', { class: 'station-street', x: x - 8, y: y - 8, width: 16, height: 16, transform: `rotate(45 ${x} ${y})` }));
    } else {
      layers.stations.append(svg('rect', { class: 'station-community', x: x - 5, y: y - 5, width: 10, height: 10 }));
    }
    layers.stations.lastChild.append(svg('title', {}, st.name));
  }
  map.replaceChildren(layers.areas, layers.labels, layers.homes, layers.stations);
  $('map-legend').textContent = `★ 区中心  ◆ 街道中心  ■ 社区站  ● 老人家庭（${s.homes.length} 户）`;
}

function star(x, y, outer, inner) {
  const pts = [];
  for (let i = 0; i < 10; i += 1) {
    const r = i % 2 === 0 ? outer : inner;
    const a = (Math.PI / 5) * i - Math.PI / 2;
    pts.push(`${(x + r * Math.cos(a)).toFixed(1)},${(y + r * Math.sin(a)).toFixed(1)}`);
  }
  return pts.join(' ');
}

function tick() {
  const now = new Date();
  $('clock').textContent = now.toLocaleString('zh-CN', { hour12: false });
  for (const node of document.querySelectorAll('[data-raised]')) node.textContent = age(node.dataset.raised);
}

$('signin').addEventListener('submit', (e) => signIn(e).catch(() => { $('signin-error').textContent = '无法连接服务器'; $('signin-error').hidden = false; }));
setInterval(tick, 1000);
setInterval(() => { if (!$('screen').hidden) load().catch(() => setLink('lost')); }, REFRESH_MS);
tick();
load().catch(() => setLink('lost'));
