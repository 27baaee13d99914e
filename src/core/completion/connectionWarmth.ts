/**
 * Whether the connection to the endpoint is likely cold. After a pause of a minute the pool has closed its idle
 * connection (connections.ts), and servers close theirs too: the next completion would first pay a TCP and a TLS
 * handshake, one to three network round trips. So when the user starts typing after such a pause, a small request
 * (no code in it) opens the connection while the debounce runs, and the completion finds it ready.
 */

/** Idle this long, the connection may be gone: warm it at the next keystroke. Below the pool's keep-alive (60 s). */
export const WARM_AFTER_IDLE_MS = 30_000;

export class ConnectionWarmth {
  private lastSentAt: number | undefined;

  private inFlight: Promise<void> | undefined;

  constructor(private readonly idleMs = WARM_AFTER_IDLE_MS) {}

  /** A request went to the endpoint at `at`: the connection is warm for a while. */
  sent(at: number): void {
    this.lastSentAt = at;
  }

  /** A warm-up went at `at`; `done` settles when its answer came (the connection is open) or it failed. */
  warming(at: number, done: Promise<void>): void {
    this.sent(at);
    const settled = done.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight = settled;
    void settled.then(() => {
      if (this.inFlight === settled) this.inFlight = undefined;
    });
  }

  /**
   * Resolves once no warm-up is in flight; false when `signal` aborted first. A completion sent while the warm-up's
   * connection is still opening would open one of its own and pay the handshakes anyway: it waits for it instead.
   */
  async ready(signal: AbortSignal): Promise<boolean> {
    const inFlight = this.inFlight;
    if (!inFlight) return !signal.aborted;
    if (signal.aborted) return false;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<false>((resolve) => {
      onAbort = () => resolve(false);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([inFlight.then(() => true), aborted]);
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
  }

  /** Whether to warm the connection at `at` (nothing was sent yet, or not for `idleMs`). */
  isCold(at: number): boolean {
    return this.lastSentAt === undefined || at - this.lastSentAt >= this.idleMs;
  }
}
