// How a severity looks: a word, an icon shape and a colour together, so it stays readable in
// greyscale and for colour-blind operators (console-ux §9: never colour alone).
import { t } from './i18n.js';
import { svg, h } from './view.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'];

// The default accept timeouts (DESIGN §6); the countdown colours by the share of this used.
export const ACCEPT_TIMEOUT_S = { critical: 60, high: 180, medium: 900, low: 900 };

export function rank(severity) {
  const i = SEVERITIES.indexOf(severity);
  return i < 0 ? SEVERITIES.length : i;
}

// critical: diamond, high: triangle, medium: square, low: circle.
const SHAPES = {
  critical: () => svg('polygon', { points: '8,0 16,8 8,16 0,8' }),
  high: () => svg('polygon', { points: '8,1 15,15 1,15' }),
  medium: () => svg('rect', { x: 2, y: 2, width: 12, height: 12 }),
  low: () => svg('circle', { cx: 8, cy: 8, r: 6 }),
};

export function icon(severity) {
  const shape = (SHAPES[severity] || SHAPES.low)();
  return svg('svg', { class: `sev-icon sev-${severity}`, viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true' }, shape);
}

/** The severity badge: icon and word in the severity's colour. */
export function badge(severity) {
  return h('span', { class: `sev sev-${severity}`, 'data-severity': severity }, icon(severity), ' ', t(`sev.${severity}`));
}
