/**
 * The user's typing rhythm, from the times the editor asked for a completion (once per keystroke). A fixed debounce
 * shorter than someone's gap between keys sends a request at every key; so the wait grows to 1.5× their recent median
 * gap when that is longer than the setting, up to a cap that keeps ghost text prompt after a real pause.
 */

/** Gaps longer than this are pauses, not typing. */
const PAUSE_MS = 1000;
const SAMPLES = 9;
/** Never wait longer than this for rhythm's sake (the user's setting may be longer). */
export const MAX_ADAPTIVE_DEBOUNCE_MS = 500;

export class TypingRhythm {
  private last: number | undefined;
  private readonly gaps: number[] = [];

  /** A keystroke (the editor asking) at `now`. */
  keystroke(now: number): void {
    if (this.last !== undefined) {
      const gap = now - this.last;
      if (gap > 0 && gap < PAUSE_MS) {
        this.gaps.push(gap);
        if (this.gaps.length > SAMPLES) this.gaps.shift();
      }
    }
    this.last = now;
  }

  /** How long to wait after this keystroke: the setting, or longer for someone who types slowly. */
  debounceFor(settingMs: number): number {
    if (this.gaps.length < 2) return settingMs;
    const sorted = [...this.gaps].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    return Math.max(settingMs, Math.min(MAX_ADAPTIVE_DEBOUNCE_MS, Math.round(1.5 * median)));
  }
}
