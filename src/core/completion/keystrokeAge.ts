/**
 * How long ago the keystroke that led to a provider call was: the debounce counts from it. VS Code asks inline
 * completion providers VSCODE_INLINE_DEBOUNCE_MS after a keystroke (its own debounce), and in a remote or web window
 * the edit and the call each cross a connection first. Two clocks tell the age:
 * - when the extension host saw the edit (EditTimes): late by the edit's trip across the connection;
 * - when the editor issued the request (`requestIssuedDateTime`, which VS Code passes in the context), taken at the
 *   keystroke, but on the editor's clock: in a remote window another machine's.
 * The editor's is used where it is plausible: no earlier than the edit was seen, and no more than MAX_TRIP_MS
 * before it (a larger gap is the two clocks disagreeing, not a trip).
 */

/** VS Code's fixed "InlineCompletionsDebounce": the provider is asked this long after a keystroke. */
export const VSCODE_INLINE_DEBOUNCE_MS = 50;

/** The longest an edit is believed to take to reach the extension host. */
export const MAX_TRIP_MS = 100;

/** An age over this is not the keystroke that led to this call. */
const MAX_AGE_MS = 1000;

const plausible = (ms: number | undefined): ms is number => ms !== undefined && Number.isFinite(ms) && ms >= 0 && ms < MAX_AGE_MS;

/** Milliseconds since the keystroke, from the age of the edit as seen here and the age of the editor's request. */
export function keystrokeAge(sinceEditSeen: number | undefined, sinceRequestIssued: number | undefined): number {
  if (!plausible(sinceEditSeen)) return plausible(sinceRequestIssued) && sinceRequestIssued <= VSCODE_INLINE_DEBOUNCE_MS + MAX_TRIP_MS ? sinceRequestIssued : VSCODE_INLINE_DEBOUNCE_MS;
  if (plausible(sinceRequestIssued) && sinceRequestIssued >= sinceEditSeen && sinceRequestIssued <= sinceEditSeen + MAX_TRIP_MS) return sinceRequestIssued;
  return sinceEditSeen;
}
