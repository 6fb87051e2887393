'use strict';
// The live alert queue: the current list from the API, then changes pushed over SSE.
const rows = new Map();
const tbody = document.getElementById('alerts');
const empty = document.getElementById('empty');
const link = document.getElementById('link');

function render(alert, fresh) {
  let tr = rows.get(alert.id);
  if (!tr) {
    tr = document.createElement('tr');
    tr.dataset.alertId = alert.id;
    rows.set(alert.id, tr);
    tbody.prepend(tr);
  }
  tr.className = alert.severity + (fresh ? ' fresh' : '');
  const cells = [alert.id, alert.severity, alert.kind, alert.state, alert.residentId,
    alert.occurrences, new Date(alert.raisedAt).toLocaleString(), alert.detail];
  tr.replaceChildren(...cells.map((value) => {
    const td = document.createElement('td');
    td.textContent = value;
    return td;
  }));
  empty.hidden = rows.size > 0;
}

async function load() {
  const response = await fetch('api/v1/alerts');
  const alerts = await response.json();
  alerts.reverse().forEach((a) => render(a, false));
}

function listen() {
  const source = new EventSource('api/v1/alerts/stream');
  source.onopen = () => { link.dataset.state = 'live'; link.textContent = '实时 / live'; };
  source.onerror = () => { link.dataset.state = 'connecting'; link.textContent = '重连中 / reconnecting…'; };
  source.addEventListener('alert', (e) => render(JSON.parse(e.data), true));
}

load().then(listen, listen);
