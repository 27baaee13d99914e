/**
 * How long ago the keystroke that led to a provider call was: the debounce counts from it. VS Code asks inline
 * completion providers VSCODE_INLINE_DEBOUNCE_MS after a keystroke (its own debounce), and in a remote or web window
 * the edit and the call each cross a connection first. Two clocks tell the age:
 * - when the extension host saw the edit (EditTimes): late by the edit's trip across the connection;
 * - when the editor issued the request (`requestIssuedDateTime`, which VS Code passes in the context), taken at the
 *   keystroke, but on the editor's clock: in a remote window another machine's.
 * The editor's is used where it is plausible: no earlier than the edit was seen, and no more than MAX_TRIP_MS before
 * it. A trip is short once the window is running (20-50 ms), but right after it starts, or on a loaded machine, it
 * takes a few hundred: the bound is wide, and the clocks are checked instead. The gap between the two ages is the
 * trip plus the difference between the clocks, so it is never shorter than that difference: where the shortest gap
 * of a session stays over CLOCKS_AGREE_MS for CLOCK_PROOF_CALLS calls, the clocks disagree (another machine's, set
 * apart), and from then on the editor's is not used. (Until then, a few debounces may be short by that difference.)
 */

/** VS Code's fixed "InlineCompletionsDebounce": the provider is asked this long after a keystroke. */
export const VSCODE_INLINE_DEBOUNCE_MS = 50;

/** The longest an edit is believed to take to reach the extension host. */
export const MAX_TRIP_MS = 500;

/** The quickest of the recent trips is under this where the two clocks agree. */
export const CLOCKS_AGREE_MS = 100;

/** Calls after which a session whose quickest gap is still over CLOCKS_AGREE_MS is taken to have two clocks apart. */
export const CLOCK_PROOF_CALLS = 20;

/** An age over this is not the keystroke that led to this call. */
const MAX_AGE_MS = 1000;

const plausible = (ms: number | undefined): ms is number => ms !== undefined && Number.isFinite(ms) && ms >= 0 && ms < MAX_AGE_MS;

export class KeystrokeClock {
  /** Calls where both ages were known, and the shortest gap between them (trip + clock difference). */
  private calls = 0;
  private quickest = Infinity;

  /** Milliseconds since the keystroke, from the age of the edit as seen here and the age of the editor's request. */
  age(sinceEditSeen: number | undefined, sinceRequestIssued: number | undefined): number {
    if (!plausible(sinceEditSeen)) {
      return plausible(sinceRequestIssued) && sinceRequestIssued <= VSCODE_INLINE_DEBOUNCE_MS + CLOCKS_AGREE_MS ? sinceRequestIssued : VSCODE_INLINE_DEBOUNCE_MS;
    }
    if (!plausible(sinceRequestIssued)) return sinceEditSeen;
    const gap = sinceRequestIssued - sinceEditSeen;
    this.calls++;
    if (gap >= 0) this.quickest = Math.min(this.quickest, gap);
    const clocksAgree = this.quickest <= CLOCKS_AGREE_MS || this.calls < CLOCK_PROOF_CALLS;
    return gap >= 0 && gap <= MAX_TRIP_MS && clocksAgree ? sinceRequestIssued : sinceEditSeen;
  }
}
