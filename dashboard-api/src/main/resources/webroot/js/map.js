// A map without tiles (the console works offline): the home and the routed stations placed by
// latitude/longitude on an equirectangular projection, which is true enough across a district.
import { svg } from './view.js';

const W = 480;
const H = 300;
const PAD = 40;
const EARTH_KM = 6371;

function project(points) {
  const lat0 = points.reduce((s, p) => s + p.lat, 0) / points.length;
  const kx = Math.cos((lat0 * Math.PI) / 180);
  const xs = points.map((p) => p.lon * kx);
  const ys = points.map((p) => p.lat);
  const minX = Math.min(...xs); const maxX = Math.max(...xs);
  const minY = Math.min(...ys); const maxY = Math.max(...ys);
  // degrees of latitude per pixel, the same on both axes so distances are not distorted
  const span = Math.max(maxX - minX, maxY - minY, 0.002);
  const scale = Math.min((W - 2 * PAD) / span, (H - 2 * PAD) / span);
  const cx = (minX + maxX) / 2; const cy = (minY + maxY) / 2;
  return {
    at: (p) => [W / 2 + (p.lon * kx - cx) * scale, H / 2 - (p.lat - cy) * scale],
    kmPerPx: ((Math.PI / 180) * EARTH_KM) / scale,
  };
}

function scaleBar(kmPerPx) {
  const steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50];
  const km = steps.find((s) => s / kmPerPx >= 60) || steps[steps.length - 1];
  const px = km / kmPerPx;
  return svg('g', { class: 'scale', transform: `translate(${PAD / 2},${H - 14})` },
    svg('line', { x1: 0, y1: 0, x2: px, y2: 0 }),
    svg('line', { x1: 0, y1: -4, x2: 0, y2: 4 }),
    svg('line', { x1: px, y1: -4, x2: px, y2: 4 }),
    svg('text', { x: px + 6, y: 4 }, km < 1 ? `${km * 1000} m` : `${km} km`));
}

// A label's width in px at 12 px: CJK characters are square, Latin about half as wide.
function labelWidth(text) {
  return [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 12 : 7), 0);
}

/**
 * Places labels beside their points without overlapping one another or running off the map:
 * to the right, or to the left near the right edge, moved down a line while they collide.
 */
function placeLabels(items) {
  const placed = [];
  return items.map(({ x, y, text }) => {
    const w = labelWidth(text);
    const left = x + 11 + w > W - 4;
    const x0 = left ? x - 11 - w : x + 11;
    let ly = y + 4;
    const hits = (p) => x0 < p.x0 + p.w && p.x0 < x0 + w && Math.abs(ly - p.ly) < 14;
    for (let i = 0; i < 8 && placed.some(hits); i++) ly += 14;
    ly = Math.min(Math.max(ly, 14), H - 24);
    placed.push({ x0, w, ly });
    return { x: left ? -11 : 11, y: ly - y, anchor: left ? 'end' : 'start' };
  });
}

/** home: {lat, lon, address}; stations: [{lat, lon, name, step}], routed in step order. */
export function routeMap(home, stations, label) {
  const located = stations.filter((s) => s.lat != null && s.lon != null);
  if (!home || home.lat == null) return null;
  const { at, kmPerPx } = project([home, ...located]);
  const [hx, hy] = at(home);
  const lines = located.map((s) => {
    const [x, y] = at(s);
    return svg('line', { class: `route step-${s.step}`, x1: hx, y1: hy, x2: x, y2: y });
  });
  // the home's label first, so the stations' labels make way for it
  const labels = placeLabels([{ x: hx, y: hy, text: home.community || '' },
    ...located.map((s) => { const [x, y] = at(s); return { x, y, text: s.name || s.code || '' }; })]);
  const labelAt = (l, text) => svg('text', { x: l.x, y: l.y, class: 'label', 'text-anchor': l.anchor }, text);
  const marks = located.map((s, i) => {
    const [x, y] = at(s);
    return svg('g', { class: `station tier-${s.tier || 'community'}`, transform: `translate(${x},${y})` },
      svg('rect', { x: -7, y: -7, width: 14, height: 14 }),
      svg('text', { x: 0, y: 4, class: 'step' }, s.step == null ? '' : String(s.step + 1)),
      labelAt(labels[i + 1], s.name || s.code || ''));
  });
  const house = svg('g', { class: 'home', transform: `translate(${hx},${hy})` },
    svg('polygon', { points: '0,-11 10,-2 7,-2 7,9 -7,9 -7,-2 -10,-2' }),
    labelAt(labels[0], home.community || ''));
  return svg('svg', {
    class: 'map', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label,
  }, svg('rect', { class: 'ground', x: 0, y: 0, width: W, height: H }), lines, marks, house, scaleBar(kmPerPx));
}
