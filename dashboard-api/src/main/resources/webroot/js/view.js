// Building DOM without a framework: h('tag', {attributes}, ...children). Text goes in as text
// nodes, never as HTML, so names and notes from the database cannot inject markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = Boolean(v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** The same for SVG elements, which need their namespace. */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== undefined && v !== null) el.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** A small message line: loading, empty, error. */
export function note(text, kind = 'muted') {
  return h('p', { class: `note ${kind}` }, text);
}

/**
 * A short message (text or elements) at the bottom of the screen, gone after {@code ms}. A plain
 * confirmation replaces the one before it, so three calls logged in a row leave one line over the
 * phone's buttons, not three; undo offers and errors stay until they expire.
 */
export function toast(text, kind = 'info', ms = 5000) {
  let box = document.getElementById('toasts');
  if (!box) {
    box = h('div', { id: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(box);
  }
  if (kind === 'info') box.querySelectorAll('.toast.info:not(.undo-toast)').forEach((old) => old.remove());
  const item = h('div', { class: `toast ${kind}` }, text);
  box.append(item);
  setTimeout(() => item.remove(), ms);
  return item;
}

/**
 * Marks a table to become one card per row on a phone: each cell gets its column's heading as
 * data-label, which the stylesheet shows in front of it. Call again after adding rows.
 */
export function cards(table) {
  const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
  table.classList.add('cards');
  table.querySelectorAll('tbody tr').forEach((tr) => [...tr.children].forEach((td, i) => {
    if (heads[i]) td.dataset.label = heads[i];
  }));
  return table;
}
