// Line charts as inline SVG: the bucket means as a line, min-max as a band behind it, so a
// 7-day chart of hourly buckets still shows the night's extremes.
import { svg, h } from './view.js';
import { locale } from './i18n.js';

const W = 560;
const H = 180;
const M = { left: 44, right: 12, top: 12, bottom: 26 };

function niceTicks(min, max, count) {
  const raw = (max - min) / count || 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const ticks = [];
  for (let v = Math.ceil(min / step) * step; v <= max + 1e-9; v += step) ticks.push(+v.toFixed(6));
  return ticks;
}

function timeLabel(ms, spanMs) {
  const d = new Date(ms);
  return spanMs > 2 * 86400000
    ? d.toLocaleDateString(locale(), { month: '2-digit', day: '2-digit' })
    : d.toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit', hour12: false });
}

/**
 * points: [{t, mean, min, max}] sorted by t; from/to: Date; returns the chart, or a short note
 * when there is nothing to draw.
 */
export function lineChart(points, { from, to, title, unit, emptyText }) {
  if (!points || points.length === 0) return h('p', { class: 'note muted chart-empty' }, `${title}: ${emptyText}`);
  const t0 = from.getTime(); const t1 = to.getTime();
  let lo = Math.min(...points.map((p) => p.min ?? p.mean));
  let hi = Math.max(...points.map((p) => p.max ?? p.mean));
  if (hi - lo < 1) { lo -= 1; hi += 1; }
  const pad = (hi - lo) * 0.1; lo -= pad; hi += pad;
  const x = (ms) => M.left + ((ms - t0) / (t1 - t0)) * (W - M.left - M.right);
  const y = (v) => H - M.bottom - ((v - lo) / (hi - lo)) * (H - M.top - M.bottom);
  const pts = points.map((p) => ({ ...p, ms: Date.parse(p.t) }));

  const band = pts.map((p) => `${x(p.ms)},${y(p.max ?? p.mean)}`)
    .concat(pts.slice().reverse().map((p) => `${x(p.ms)},${y(p.min ?? p.mean)}`)).join(' ');
  // a gap longer than five buckets is a gap in the data, not a straight line
  const gap = pts.length > 1 ? 5 * Math.min(...pts.slice(1).map((p, i) => p.ms - pts[i].ms)) : Infinity;
  const path = pts.map((p, i) => `${i === 0 || p.ms - pts[i - 1].ms > gap ? 'M' : 'L'}${x(p.ms).toFixed(1)},${y(p.mean).toFixed(1)}`).join(' ');

  const yTicks = niceTicks(lo, hi, 4).map((v) => svg('g', { class: 'tick' },
    svg('line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v) }),
    svg('text', { x: M.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, String(v))));
  // the first and last labels lean inwards so that the chart's edges do not clip them
  const xTicks = Array.from({ length: 5 }, (_, i) => t0 + ((t1 - t0) * i) / 4).map((ms, i) =>
    svg('text', { class: 'tick', x: x(ms), y: H - 8, 'text-anchor': i === 0 ? 'start' : i === 4 ? 'end' : 'middle' }, timeLabel(ms, t1 - t0)));

  return h('figure', { class: 'chart' },
    h('figcaption', {}, `${title} (${unit})`),
    svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title },
      yTicks, xTicks,
      svg('polygon', { class: 'band', points: band }),
      svg('path', { class: 'line', d: path }),
      pts.length === 1 ? svg('circle', { class: 'dot', cx: x(pts[0].ms), cy: y(pts[0].mean), r: 3 }) : null));
}

/** Horizontal bars for counts by category (alerts by kind). */
export function barChart(entries, { label }) {
  const max = Math.max(1, ...entries.map(([, n]) => n));
  const rowH = 24;
  const w = 520;
  const left = 150;
  return svg('svg', { class: 'bars', viewBox: `0 0 ${w} ${entries.length * rowH + 4}`, role: 'img', 'aria-label': label },
    entries.map(([name, n], i) => svg('g', { transform: `translate(0,${i * rowH})` },
      svg('text', { x: left - 8, y: 16, 'text-anchor': 'end' }, name),
      svg('rect', { x: left, y: 4, height: 16, width: Math.max(1, ((w - left - 50) * n) / max) }),
      svg('text', { x: left + ((w - left - 50) * n) / max + 6, y: 16 }, String(n)))));
}
