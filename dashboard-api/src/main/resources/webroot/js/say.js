// What the platform sends as codes and parameters (findings, routing notes, validation errors,
// UCUM units), said in the operator's language with display units (decision 0016). The English
// texts the API also sends are for other consumers; the console never shows them in Chinese.
import { t, currentLang } from './i18n.js';
import { ApiError } from './api.js';

// UCUM as stored -> what a nurse reads; per metric, as the same UCUM code means different things
const METRIC_UNITS = {
  zh: { hr: '次/分', rr: '次/分', spo2: '%', sbp: 'mmHg', dbp: 'mmHg', temp: '℃', battery: '%', weight: 'kg' },
  en: { hr: '/min', rr: '/min', spo2: '%', sbp: 'mmHg', dbp: 'mmHg', temp: '°C', battery: '%', weight: 'kg' },
};
const UCUM = { 'mm[Hg]': 'mmHg', Cel: '℃', '/min': '/min', '%': '%', kg: 'kg' };

/** The display unit of a metric, e.g. 次/分 for hr; falls back to the UCUM code made readable. */
export function unit(metric, ucum) {
  return METRIC_UNITS[currentLang()]?.[metric] ?? UCUM[ucum] ?? (ucum && currentLang() === 'en' ? ucum : '');
}

/** A value with its display unit, without a space before % and ℃ as Chinese writes them. */
export function measure(metric, value, ucum) {
  const u = unit(metric, ucum);
  const v = typeof value === 'number' ? Math.round(value * 10) / 10 : value;
  return /^[%℃次]/.test(u) ? `${v}${u}` : `${v} ${u}`.trim();
}

function device(kind, id) {
  return `${t(`device.${kind}`)} ${id ?? ''}`.trim();
}

const SENTENCES = {
  event: (p) => t('finding.event', { device: device(p.deviceKind, p.device), what: t(`kind.${p.event}`) }),
  fall: (p) => t('finding.fall', { device: device(p.deviceKind, p.device) }),
  fall_cancelled: (p) => t('finding.fallCancelled', { n: p.afterS }),
  still_in_bed: (p) => t('finding.stillInBed', { time: p.time }),
  not_in_bed: (p) => t('finding.notInBed', { time: p.time }),
  bed_exit: (p) => t('finding.bedExit', { at: p.leftAt, night: p.night, n: p.outMin }),
  inactivity: (p) => t('finding.inactivity', { h: p.hours, m: p.minutes }),
  vital: (p) => {
    const limit = `${p.above ? '≥' : '≤'}${measure(p.metric, p.limit)}`;
    const seen = p.mean != null
      ? t('finding.vitalMean', { s: p.windowS, value: measure(p.metric, p.mean), n: p.n })
      : t('finding.vitalPair', { a: measure(p.metric, p.previous), b: measure(p.metric, p.latest) });
    return t('finding.vital', { metric: t(`metric.${p.metric}`), seen, limit });
  },
  news2: (p) => {
    const parts = Object.entries(p.points || {}).map(([k, v]) =>
      `${t(`news2.${k}`, { s: p.spo2Scale })} ${v == null ? t('finding.unmeasured') : t('finding.points', { n: v })}`);
    return t(p.partial ? 'finding.news2Partial' : 'finding.news2', { n: p.total, parts: parts.join(t('finding.sep')) });
  },
  offline: (p) => t('finding.offline', {
    devices: (p.devices || []).map((d) => `${device(d.kind, d.device)}（${d.lastWill ? t('finding.lastWill') : t('finding.silent', { n: d.silentS })}）`)
      .join(t('finding.sep')),
  }),
  battery: (p) => (p.level != null
    ? t('finding.batteryLevel', { device: device(p.deviceKind, p.device), n: Math.round(p.level) })
    : t('finding.batteryLow', { device: device(p.deviceKind, p.device) })),
};

/** A rule's finding ({code, params}) as a sentence; null when there is none to say. */
export function finding(f) {
  const say = f && SENTENCES[f.code];
  return say ? say(f.params || {}) : null;
}

/**
 * What an audit entry's note says: routing steps and findings from their parameters, staff notes
 * as written; a system note that exists only in English is left out in Chinese.
 */
export function auditNote(e, stations = []) {
  if (e.params && e.params.stations) {
    const p = e.params;
    return t(p.advise120 ? 'auditNote.routed120' : 'auditNote.routed', {
      to: p.stations.map((s) => s.name || s.code).join(t('finding.sep')),
      tier: t(`tier.${p.tier}`),
      n: p.acceptWithinS,
    });
  }
  if (e.params && e.params.code) return finding(e.params);
  if (e.actor === 'system') {
    // a station's code: its name when the alert was routed there
    if (e.action === 'notified') return stations.find((s) => s.code === e.note)?.name ?? e.note;
    return currentLang() === 'en' ? e.note : null;
  }
  return e.note;
}

/** Why a request failed, in the operator's language: the field and reason of a 400 when known. */
export function failure(e) {
  if (!(e instanceof ApiError)) return t('error.network');
  const p = e.problem || {};
  if (e.status === 400 && p.code) {
    const key = String(p.field || '').replace(/^carePlan\./, '');
    return t(`error.${p.code}`, { field: t(`plan.${key}`) === `plan.${key}` ? key : t(`plan.${key}`) });
  }
  if (e.status === 400) return currentLang() === 'en' && p.detail ? p.detail : t('error.bad');
  if (e.status === 403) return t('common.forbidden');
  if (e.status === 404) return t('common.notFound');
  if (e.status === 409) return t('action.conflict');
  if (e.status === 429) return t('login.limited');
  return t('error.server', { n: e.status });
}
