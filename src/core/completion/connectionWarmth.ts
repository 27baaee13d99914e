/**
 * Whether the connection to the endpoint is likely cold. After a pause of a minute the pool has closed its idle
 * connection (connections.ts), and servers close theirs too: the next completion would first pay a TCP and a TLS
 * handshake, one to three network round trips. So when the user starts typing again after such a pause, a small
 * request (no code in it) opens the connection while the debounce runs, and the completion finds it ready.
 *
 * A completion sent while the warm-up's connection is still opening would open one of its own (and pay the
 * handshakes anyway), so it waits for the warm-up, but only where the endpoint has answered one before, and no
 * longer than twice what that took (at most MAX_WAIT_MS): an endpoint that leaves the warm-up unanswered never
 * delays a completion.
 *
 * A window's first completion finds no connection either. Where an earlier window's warm-up was answered by this
 * endpoint (WarmthMemory), the window's first keystroke warms the connection as after a pause, and the completion
 * waits for it as above; an endpoint never used from this editor gets nothing but the completion first.
 */

/** Idle this long, the connection may be gone: warm it at the next keystroke. Below the pool's keep-alive (60 s). */
export const WARM_AFTER_IDLE_MS = 30_000;

/** The longest a completion waits for a warm-up in flight, from when the warm-up was sent. */
export const MAX_WAIT_MS = 1_000;

/** What earlier windows learnt of the endpoint in use: how long it took to answer its last warm-up, if it did. */
export interface WarmthMemory {
  recall(): number | undefined;
  /** undefined: the last warm-up went unanswered (forget the endpoint). */
  remember(answeredInMs: number | undefined): void;
}

export class ConnectionWarmth {
  private lastSentAt: number | undefined;

  private inFlight: { readonly sentAt: number; readonly settled: Promise<void> } | undefined;

  /** How long the last warm-up took to be answered; undefined when none was (or the last one went unanswered). */
  private answeredInMs: number | undefined;

  constructor(
    private readonly idleMs = WARM_AFTER_IDLE_MS,
    private readonly now: () => number = Date.now,
    private readonly memory?: WarmthMemory,
  ) {}

  /** A request went to the endpoint at `at`: the connection is warm for a while. */
  sent(at: number): void {
    this.lastSentAt = at;
  }

  /**
   * Whether to warm the connection at `at`: a request went before, but not for `idleMs`. Before the window's first
   * one, only where an earlier window's warm-up was answered by this endpoint (the memory), so that nothing but
   * completions reaches an endpoint never used from this editor.
   */
  isCold(at: number): boolean {
    if (this.lastSentAt !== undefined) return at - this.lastSentAt >= this.idleMs;
    const recalled = this.memory?.recall();
    if (recalled === undefined) return false;
    this.answeredInMs ??= recalled;
    return true;
  }

  /**
   * A warm-up went at `at` (the caller's clock, as `sent`); `answered` resolves true once the endpoint answered it
   * (whatever it said), false if it did not.
   */
  warming(at: number, answered: Promise<boolean>): void {
    this.sent(at);
    const sentAt = this.now();
    const settled = answered.then(
      (ok) => {
        this.answeredInMs = ok ? this.now() - sentAt : undefined;
        this.memory?.remember(this.answeredInMs);
      },
      () => {
        this.answeredInMs = undefined;
        this.memory?.remember(undefined);
      },
    );
    const flight = { sentAt, settled };
    this.inFlight = flight;
    void settled.then(() => {
      if (this.inFlight === flight) this.inFlight = undefined;
    });
  }

  /**
   * Resolves when the completion may go: at once without a warm-up in flight (or one from an endpoint not known to
   * answer it), else when it is answered or waited for long enough. False when `signal` aborted first.
   */
  async ready(signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return false;
    const flight = this.inFlight;
    if (!flight || this.answeredInMs === undefined) return true;
    const waitMs = flight.sentAt + Math.min(MAX_WAIT_MS, 2 * this.answeredInMs) - this.now();
    if (waitMs <= 0) return true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const outcome = await Promise.race([
      flight.settled.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), waitMs);
        onAbort = () => resolve(false);
        signal.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
    return outcome && !signal.aborted;
  }
}
