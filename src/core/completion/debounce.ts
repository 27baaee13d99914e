/**
 * Waits `ms` unless the signal aborts first. Resolves true when the wait finished, false when it was cancelled, so
 * a keystroke that supersedes this one ends it without a request ever being made. With nothing left to wait (the
 * call came late: a busy extension host), it still lets what is already queued run first: the cancellation of a call
 * a newer keystroke superseded may be among it.
 */
export function debounce(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clear();
      resolve(false);
    };
    const done = (): void => {
      signal.removeEventListener('abort', onAbort);
      resolve(!signal.aborted);
    };
    let clear: () => void;
    if (ms > 0) {
      const timer = setTimeout(done, ms);
      clear = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(done);
      clear = () => clearImmediate(immediate);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
