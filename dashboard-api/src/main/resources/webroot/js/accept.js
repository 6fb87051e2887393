// Accepting with a few seconds to take it back (issue 14): the command is held in the browser
// for alerts.UNDO_MS while a toast offers 撤销 / Undo, then sent.
import * as alerts from './alerts.js';
import { t } from './i18n.js';
import { h, toast } from './view.js';

/** Accepts {@code alert} after the undo time unless undone; onFailed gets a refused command. */
export function acceptWithUndo(alert, onFailed) {
  if (alerts.isAccepting(alert.id)) return;
  const who = `${t(`kind.${alert.kind}`)} · ${alert.residentName || alert.residentId}`;
  const undo = h('button', { type: 'button', class: 'undo', dataset: { alertId: alert.id } }, t('undo.action'));
  const item = toast([`${t('undo.accepting')}: ${who} `, undo], 'info undo-toast', alerts.UNDO_MS);
  undo.addEventListener('click', () => {
    alerts.undoAccept(alert.id);
    item.remove();
  });
  alerts.acceptLater(alert.id)
    .then((accepted) => {
      item.remove();
      if (accepted) toast(`${t('queue.accepted')}: ${who}`);
    })
    .catch((e) => {
      item.remove();
      onFailed(e);
    });
}
