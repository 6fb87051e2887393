// The live alert stream (SSE). EventSource reconnects by itself and sends Last-Event-ID, so
// the server replays what was missed; if the browser gives up (e.g. the session ended), we
// open a new one that resumes from the last id seen.
const STREAM = 'api/v1/alerts/stream';
const RETRY_MS = 3000;

const alertListeners = new Set();
const statusListeners = new Set();
let source = null;
let lastEventId = null;
let retry = null;
let status = { state: 'connecting', updatedAt: null };

export function onAlert(listener) {
  alertListeners.add(listener);
  return () => alertListeners.delete(listener);
}

export function onStatus(listener) {
  statusListeners.add(listener);
  listener(status);
  return () => statusListeners.delete(listener);
}

function setStatus(state, touched) {
  status = { state, updatedAt: touched ? new Date() : status.updatedAt };
  statusListeners.forEach((l) => l(status));
}

export function connect() {
  disconnect();
  const url = lastEventId ? `${STREAM}?lastEventId=${encodeURIComponent(lastEventId)}` : STREAM;
  source = new EventSource(url);
  source.onopen = () => setStatus('live', true);
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) {
      setStatus('down', false);
      retry = setTimeout(connect, RETRY_MS);
    } else {
      setStatus('connecting', false);
    }
  };
  source.addEventListener('alert', (e) => {
    if (e.lastEventId) lastEventId = e.lastEventId;
    setStatus('live', true);
    const alert = JSON.parse(e.data);
    alertListeners.forEach((l) => l(alert));
  });
}

export function disconnect() {
  clearTimeout(retry);
  if (source) source.close();
  source = null;
}
