// The tab's title and icon carry the number of alerts nobody has accepted yet, so a new one
// shows while the console sits in a background tab; while an alert nobody answered after its
// last step is open, the title alternates with a warning until someone accepts it.
import { t } from './i18n.js';

let counts = { waiting: 0, unanswered: 0 };
let flashing = null;
let flip = false;

/** Called whenever the open alerts change. */
export function showAttention(waiting, unanswered) {
  counts = { waiting, unanswered };
  if (unanswered > 0 && !flashing) {
    flashing = setInterval(() => { flip = !flip; title(); }, 1000);
  } else if (unanswered === 0 && flashing) {
    clearInterval(flashing);
    flashing = null;
    flip = false;
  }
  title();
  icon();
}

function title() {
  const base = t('app.title');
  const { waiting, unanswered } = counts;
  if (waiting === 0) document.title = base;
  else if (unanswered > 0 && flip) document.title = `⚠ ${t('attention.unanswered', { n: unanswered })} · ${base}`;
  else document.title = `(${waiting}) ${t('attention.waiting')} · ${base}`;
}

function icon() {
  const { waiting, unanswered } = counts;
  const canvas = document.createElement('canvas');
  canvas.width = 32;
  canvas.height = 32;
  const g = canvas.getContext('2d');
  g.fillStyle = waiting > 0 ? '#b3261e' : '#1d2530';
  g.beginPath();
  g.arc(16, 16, 16, 0, 2 * Math.PI);
  g.fill();
  g.fillStyle = '#fff';
  g.font = 'bold 18px sans-serif';
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(waiting > 99 ? '99' : String(waiting), 16, 17);
  let link = document.querySelector('link[rel="icon"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'icon';
    document.head.append(link);
  }
  link.href = canvas.toDataURL('image/png');
  link.dataset.count = String(waiting);
  link.dataset.unanswered = String(unanswered);
}
