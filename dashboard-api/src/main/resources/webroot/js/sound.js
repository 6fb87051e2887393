// Alarm tones made with WebAudio oscillators, so no audio files are needed. Browsers keep an
// AudioContext suspended until the user clicks; the "start shift" click unlocks it, and a red
// banner shows while it is still blocked (web alarm consoles have failed silently this way).
let context = null;
const listeners = new Set();

// One tone per severity: pitch and pattern differ so they can be told apart by ear.
const TONES = {
  critical: { freq: 880, beeps: 3, gap: 0.18, every: 2000 },
  high: { freq: 660, beeps: 2, gap: 0.22, every: 4000 },
  medium: { freq: 520, beeps: 1, gap: 0.3, every: 0 },
  low: { freq: 440, beeps: 1, gap: 0.3, every: 0 },
};

let repeating = null;

export function audioUnlocked() {
  return context !== null && context.state === 'running';
}

/** Called from a click handler: creates or resumes the audio context. */
export async function unlockAudio() {
  if (!context) {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return false;
    context = new Ctx();
    context.onstatechange = notify;
  }
  try {
    await context.resume();
  } catch {
    // stays suspended: the banner says so
  }
  notify();
  if (audioUnlocked()) beep(TONES.low.freq, 0, 0.12);
  return audioUnlocked();
}

export function onAudioState(listener) {
  listeners.add(listener);
  listener(audioUnlocked());
  return () => listeners.delete(listener);
}

function notify() {
  listeners.forEach((l) => l(audioUnlocked()));
}

function beep(freq, at, length) {
  const start = context.currentTime + at;
  const osc = context.createOscillator();
  const gain = context.createGain();
  osc.type = 'square';
  osc.frequency.value = freq;
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.25, start + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
  osc.connect(gain).connect(context.destination);
  osc.start(start);
  osc.stop(start + length + 0.02);
}

function play(severity) {
  if (!audioUnlocked()) return;
  const tone = TONES[severity] || TONES.low;
  for (let i = 0; i < tone.beeps; i++) beep(tone.freq, i * (tone.gap + 0.12), 0.12);
}

/** A single tone, e.g. when a new alert arrives. */
export function chime(severity) {
  play(severity);
}

/**
 * Keeps repeating the tone of the most severe alert that still waits for acceptance; null
 * stops it. Called whenever the queue changes.
 */
export function alarmFor(severity) {
  const tone = severity ? TONES[severity] : null;
  const period = tone?.every || 0;
  if (repeating && repeating.severity === severity) return;
  if (repeating) clearInterval(repeating.timer);
  repeating = null;
  if (period) {
    play(severity);
    repeating = { severity, timer: setInterval(() => play(severity), period) };
  }
  // on the page as well, so that what rings can be seen (and checked) without listening
  document.documentElement.dataset.alarm = repeating ? severity : '';
}

/** True while a repeating alarm is playing (or would play, were sound unlocked). */
export function alarming() {
  return repeating !== null;
}
