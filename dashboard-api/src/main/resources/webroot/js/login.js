// Signing in, then the "start shift" click that also unlocks alarm sound: browsers allow audio
// only after a user gesture, so the console asks for one before the queue starts ringing.
import * as api from './api.js';
import { t, toggleLang } from './i18n.js';
import { h } from './view.js';
import { failure } from './say.js';
import { unlockAudio } from './sound.js';

export function loginPage(onSignedIn) {
  const login = h('input', { name: 'login', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'note error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('login.submit'));

  async function send(e) {
    e.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    try {
      onSignedIn(await api.signIn(login.value.trim(), password.value));
    } catch (err) {
      error.textContent = err.status === 429 ? t('login.limited') : err.status === 401 ? t('login.bad') : `${t('common.error')}: ${failure(err)}`;
      error.hidden = false;
      submit.disabled = false;
    }
  }

  return h('div', { class: 'gate' },
    h('form', { class: 'card login', onsubmit: send },
      h('h1', {}, t('app.title')),
      h('h2', {}, t('login.title')),
      h('label', {}, t('login.login'), login),
      h('label', {}, t('login.password'), password),
      error, submit,
      h('button', { type: 'button', class: 'link lang', onclick: toggleLang }, t('lang.switch'))));
}

export function shiftGate(user, onStarted) {
  return h('div', { class: 'gate' },
    h('div', { class: 'card shift' },
      h('h1', {}, user.displayName),
      h('p', {}, t(`role.${user.role}`), user.stationName ? ` · ${user.stationName}` : ''),
      h('p', {}, t('shift.text')),
      h('button', {
        type: 'button', class: 'primary big start-shift',
        onclick: async () => { await unlockAudio(); onStarted(); },
      }, t('shift.start'))));
}
