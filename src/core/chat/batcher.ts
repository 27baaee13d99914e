/**
 * Streamed text → at most one message per interval. VS Code queues every webview.postMessage; one per token made a
 * long answer reach the screen up to ~2 s after its last token (measured, see the harness notes), one per ~30 ms
 * kept the lag under 60 ms. The batcher sends only what was appended since its last send, never the whole text.
 * An answer's reasoning (`reasoning_content`) travels in the same messages, as a second channel.
 */
export const DEFAULT_BATCH_INTERVAL_MS = 30;

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class DeltaBatcher {
  private pending = '';
  private pendingReasoning = '';
  private timer: unknown;
  private lastSentAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly send: (text: string, reasoning: string) => void,
    private readonly intervalMs = DEFAULT_BATCH_INTERVAL_MS,
    private readonly timers: Timers = realTimers,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds text (and reasoning); sends at once if the interval has passed since the last send, else once it has. */
  push(text: string, reasoning = ''): void {
    if (!text && !reasoning) return;
    this.pending += text;
    this.pendingReasoning += reasoning;
    if (this.timer !== undefined) return;
    const wait = this.lastSentAt + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = this.timers.setTimeout(() => this.flush(), wait);
  }

  /** Sends what is pending now (at the end of a stream, before its end message). */
  flush(): void {
    this.cancelTimer();
    if (!this.pending && !this.pendingReasoning) return;
    const text = this.pending;
    const reasoning = this.pendingReasoning;
    this.pending = '';
    this.pendingReasoning = '';
    this.lastSentAt = this.now();
    this.send(text, reasoning);
  }

  /** What is pending, taken rather than sent (it goes with the stream's end message: one message, not two). */
  take(): { readonly text: string; readonly reasoning: string } {
    this.cancelTimer();
    const taken = { text: this.pending, reasoning: this.pendingReasoning };
    this.pending = '';
    this.pendingReasoning = '';
    return taken;
  }

  /** Drops what is pending (the receiver got the whole text another way). */
  clear(): void {
    this.cancelTimer();
    this.pending = '';
    this.pendingReasoning = '';
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
