// The open alerts this user may see, kept current from the API and the live stream. The queue
// page draws it and the alarm sound follows it, also while another page is open.
import * as api from './api.js';
import * as live from './live.js';
import { rank } from './severity.js';
import { alarmFor, chime } from './sound.js';
import { showAttention } from './attention.js';

const CLOSED = new Set(['resolved', 'cancelled']);
const AWAITING = new Set(['raised', 'notified']);

// How long an accept waits for an undo before it is sent.
export const UNDO_MS = 5000;

const open = new Map();
const muted = new Set();
// accepts waiting out their undo time: id -> { timer, resolve }
const accepting = new Map();
const listeners = new Set();
let audible = false;
let loaded = false;

export function awaitingAccept(alert) {
  return AWAITING.has(alert.state);
}

/**
 * Nobody accepted it after its last escalation step: alerting sends it again until someone does
 * (decision 0015). Such an alert alarms whatever its severity and cannot be muted.
 */
export function isUnanswered(alert) {
  return awaitingAccept(alert) && Boolean(alert.unansweredSince);
}

/** False until the first list has arrived: an empty queue before that means nothing yet. */
export function isLoaded() {
  return loaded;
}

export function isClosed(alert) {
  return CLOSED.has(alert.state);
}

/** Open alerts: unanswered ones on top, then most severe first, then oldest first (console-ux §1). */
export function sorted() {
  return [...open.values()].sort((a, b) =>
    isUnanswered(b) - isUnanswered(a) || rank(a.severity) - rank(b.severity)
    || Date.parse(a.raisedAt) - Date.parse(b.raisedAt) || a.id - b.id);
}

export function onChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed() {
  listeners.forEach((l) => l());
  const waiting = sorted().filter((a) => awaitingAccept(a) && !accepting.has(a.id));
  showAttention(waiting.length, waiting.filter(isUnanswered).length);
  if (!audible) return;
  const ringing = waiting.find((a) => isUnanswered(a) || !muted.has(a.id));
  alarmFor(ringing ? (isUnanswered(ringing) ? 'critical' : ringing.severity) : null);
}

/** Merges what the API or the stream said about one alert. */
export function put(alert) {
  if (isClosed(alert)) {
    open.delete(alert.id);
  } else {
    open.set(alert.id, { ...open.get(alert.id), ...alert });
  }
  changed();
}

export function isMuted(id) {
  return muted.has(id);
}

/** Mute silences one alert only; new alerts still ring. */
export function toggleMute(id) {
  if (muted.has(id)) muted.delete(id);
  else muted.add(id);
  changed();
}

// ids being fetched in full, and those that changed again meanwhile (their answer may be stale)
const fetching = new Set();
const changedSince = new Set();

/**
 * A stream change may carry only the alert's own fields (not the resident's name, the station,
 * the step or the deadline); then the open alert is fetched in full, again if it changed while
 * the request was on its way.
 */
async function complete(change) {
  if (isClosed(change) || 'acceptDeadline' in change) return;
  if (fetching.has(change.id)) {
    changedSince.add(change.id);
    return;
  }
  fetching.add(change.id);
  try {
    do {
      changedSince.delete(change.id);
      const detail = await api.get(`/alerts/${change.id}`);
      if (open.has(change.id) && !changedSince.has(change.id)) put(detail.alert);
    } while (changedSince.has(change.id) && open.has(change.id));
  } catch {
    // the row still shows what the stream said
  } finally {
    fetching.delete(change.id);
    changedSince.delete(change.id);
  }
}

/** Loads the open alerts and follows the stream. */
export async function start({ withSound }) {
  audible = withSound;
  live.onAlert((change) => {
    const isNew = !open.has(change.id) && !isClosed(change);
    put(change);
    if (isNew && audible && awaitingAccept(change)) chime(change.severity);
    complete(change);
  });
  live.connect();
  await reload();
}

export async function reload() {
  const page = await api.get(`/alerts${api.query({ state: 'open', limit: 500 })}`);
  open.clear();
  for (const a of page.items) open.set(a.id, a);
  loaded = true;
  changed();
}

export function stop() {
  [...accepting.keys()].forEach(undoAccept);
  live.disconnect();
  open.clear();
  loaded = false;
  alarmFor(null);
}

/** True while an accept of this alert waits out its undo time. */
export function isAccepting(id) {
  return accepting.has(id);
}

/**
 * Accepts the alert once UNDO_MS have passed without undoAccept, so a slip of the "A" key or a
 * tap can be taken back before anyone else sees it; the alert stops ringing meanwhile. Resolves
 * with the accepted alert, or null when undone.
 */
export function acceptLater(id) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(async () => {
      accepting.delete(id);
      try {
        resolve(await act(id, 'accept'));
      } catch (e) {
        changed();
        reject(e);
      }
    }, UNDO_MS);
    accepting.set(id, { timer, resolve });
    changed();
  });
}

export function undoAccept(id) {
  const pending = accepting.get(id);
  if (!pending) return;
  clearTimeout(pending.timer);
  accepting.delete(id);
  pending.resolve(null);
  changed();
}

/** The accepts that can still be undone, newest last. */
export function acceptsPending() {
  return [...accepting.keys()];
}

/** Runs an alert action (accept, on-site, resolve, notes) and merges the answer. */
export async function act(id, action, body) {
  const alert = await api.post(`/alerts/${id}/${action}`, body);
  put(alert);
  return alert;
}
