// The alert for blocked payments: a short two-tone beep made with Web Audio,
// so there is no sound file to ship or fetch. Browser only; a no-op elsewhere.

/** Under attack, urgent batches arrive several times a second: one beep per burst is enough. */
const MIN_GAP_MS = 2_000;
/** A beep held back by a suspended context is only worth playing if it is still about now. */
const STALE_AFTER_MS = 1_000;
const TONES = [
  { frequency: 880, start: 0, duration: 0.11 },
  { frequency: 660, start: 0.13, duration: 0.12 },
] as const;
const VOLUME = 0.12;

type TAudioContextClass = typeof AudioContext;

let context: AudioContext | null = null;
let lastPlayedAt = 0;

function getContext(): AudioContext | null {
  if (context) return context;
  const Ctor: TAudioContextClass | undefined =
    globalThis.AudioContext ?? (globalThis as { webkitAudioContext?: TAudioContextClass }).webkitAudioContext;
  if (!Ctor) return null;
  context = new Ctor();
  return context;
}

function schedule(ctx: AudioContext): void {
  const t0 = ctx.currentTime;
  for (const tone of TONES) {
    const start = t0 + tone.start;
    const end = start + tone.duration;
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.setValueAtTime(tone.frequency, start);
    // Short ramps at both ends: a hard start or stop clicks.
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(VOLUME, start + 0.01);
    gain.gain.setValueAtTime(VOLUME, end - 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, end);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(start);
    oscillator.stop(end + 0.01);
  }
}

/**
 * Plays the alert, at most once every 2 s. Never throws: browsers refuse audio
 * until the user has interacted with the page, and a missing beep is harmless.
 */
export function playAlertSound(): void {
  try {
    const requestedAt = Date.now();
    if (requestedAt - lastPlayedAt < MIN_GAP_MS) return;
    const ctx = getContext();
    if (!ctx) return;
    lastPlayedAt = requestedAt;
    if (ctx.state === 'running') return schedule(ctx);
    // A suspended context does not advance its clock: notes scheduled now would
    // pile up and all sound at once whenever it resumes. Wait for it instead.
    ctx
      .resume()
      .then(() => {
        if (ctx.state === 'running' && Date.now() - requestedAt < STALE_AFTER_MS) schedule(ctx);
      })
      .catch(() => undefined);
  } catch {
    // No audio device, a closed context, an old browser: stay silent.
  }
}
