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
  const marks = located.map((s) => {
    const [x, y] = at(s);
    return svg('g', { class: `station tier-${s.tier || 'community'}`, transform: `translate(${x},${y})` },
      svg('rect', { x: -7, y: -7, width: 14, height: 14 }),
      svg('text', { x: 0, y: 4, class: 'step' }, s.step == null ? '' : String(s.step + 1)),
      svg('text', { x: 11, y: 4, class: 'label' }, s.name || s.code || ''));
  });
  const house = svg('g', { class: 'home', transform: `translate(${hx},${hy})` },
    svg('polygon', { points: '0,-11 10,-2 7,-2 7,9 -7,9 -7,-2 -10,-2' }),
    svg('text', { x: 13, y: 4, class: 'label' }, home.community || ''));
  return svg('svg', {
    class: 'map', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label,
  }, svg('rect', { class: 'ground', x: 0, y: 0, width: W, height: H }), lines, marks, house, scaleBar(kmPerPx));
}
