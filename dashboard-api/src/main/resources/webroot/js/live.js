// The live alert stream (SSE). EventSource reconnects by itself and sends Last-Event-ID, so
// the server replays what was missed; if the browser gives up (e.g. the session ended), we
// open a new one that resumes from the last id seen. The server sends a heartbeat every 5 s; a
// stream silent for longer than SILENT_MS is called down and reopened, because a dead link (a
// cable pulled, a proxy holding the connection) raises no error and would pass for live.
const STREAM = 'api/v1/alerts/stream';
const RETRY_MS = 3000;
const SILENT_MS = 7000;

const alertListeners = new Set();
const statusListeners = new Set();
let source = null;
let lastEventId = null;
let retry = null;
let status = { state: 'connecting', updatedAt: null };
let heardAt = 0;
let openedAt = 0;
let watchdog = null;

export function onAlert(listener) {
  alertListeners.add(listener);
  return () => alertListeners.delete(listener);
}

export function onStatus(listener) {
  statusListeners.add(listener);
  listener(status);
  return () => statusListeners.delete(listener);
}

function heard() {
  heardAt = Date.now();
  setStatus('live', true);
}

// also retries a new stream that never opened: behind a dead link it would wait forever
function watch() {
  if (source && Date.now() - Math.max(heardAt, openedAt) > SILENT_MS) {
    setStatus('down', false);
    connect();
  }
}

function setStatus(state, touched) {
  status = { state, updatedAt: touched ? new Date() : status.updatedAt };
  statusListeners.forEach((l) => l(status));
}

export function connect() {
  disconnect();
  const url = lastEventId ? `${STREAM}?lastEventId=${encodeURIComponent(lastEventId)}` : STREAM;
  source = new EventSource(url);
  openedAt = Date.now();
  watchdog = setInterval(watch, 500);
  source.onopen = heard;
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
    heard();
    const alert = JSON.parse(e.data);
    alertListeners.forEach((l) => l(alert));
  });
  source.addEventListener('heartbeat', heard);
}

export function disconnect() {
  clearTimeout(retry);
  clearInterval(watchdog);
  if (source) source.close();
  source = null;
}
