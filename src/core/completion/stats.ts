/**
 * Local completion statistics for the status bar menu. Kept in memory for this window only, never sent anywhere.
 */
import { CompletionOutcome } from '../api/completions';
import { RequestObserver } from './pipeline';

const LATENCY_SAMPLES = 500;

export interface StatLine {
  readonly label: string;
  readonly value: string;
}

export class CompletionStats implements RequestObserver {
  private requests = 0;
  private aborted = 0;
  private failed = 0;
  private cutEarly = 0;
  private shown = 0;
  private reused = 0;
  private continued = 0;
  private accepted = 0;
  private promptTokens = 0;
  private completionTokens = 0;
  /** Request start to full answer, for answers that arrived (ring buffer). */
  private readonly latencies: number[] = [];
  private next = 0;

  requestStarted(): void {
    this.requests++;
  }

  requestFinished(outcome: CompletionOutcome): void {
    if (!outcome.ok) {
      if (outcome.error.kind === 'cancelled') this.aborted++;
      else this.failed++;
      return;
    }
    if (outcome.finish === 'early') this.cutEarly++;
    this.promptTokens += outcome.usage?.promptTokens ?? 0;
    this.completionTokens += outcome.usage?.completionTokens ?? 0;
    if (this.latencies.length < LATENCY_SAMPLES) this.latencies.push(outcome.durationMs);
    else this.latencies[this.next] = outcome.durationMs;
    this.next = (this.next + 1) % LATENCY_SAMPLES;
  }

  /** Ghost text handed to the editor; `typedAhead` > 0 when it is the rest of an answer the user is typing into. */
  completionShown(reused: boolean, typedAhead: number): void {
    this.shown++;
    if (reused) this.reused++;
    if (typedAhead > 0) this.continued++;
  }

  completionAccepted(): void {
    this.accepted++;
  }

  medianLatencyMs(): number | undefined {
    if (!this.latencies.length) return undefined;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)];
  }

  summary(): StatLine[] {
    const median = this.medianLatencyMs();
    const rate = this.shown ? ` (${Math.round((100 * this.accepted) / this.shown)} % of shown)` : '';
    return [
      { label: 'Ghost texts shown', value: String(this.shown) },
      { label: 'Accepted with Tab', value: `${this.accepted}${rate}` },
      { label: 'Typed along or accepted in part', value: String(this.continued) },
      { label: 'Shown from an earlier answer (no request)', value: String(this.reused) },
      { label: 'Requests sent', value: String(this.requests) },
      { label: 'Requests aborted (superseded by typing)', value: String(this.aborted) },
      { label: 'Streams cut once the answer was decided', value: String(this.cutEarly) },
      { label: 'Requests failed', value: String(this.failed) },
      { label: 'Tokens (prompt + generated)', value: `${this.promptTokens} + ${this.completionTokens}` },
      { label: 'Median request time', value: median === undefined ? '-' : `${median} ms` },
    ];
  }
}

/** One observer that tells several. */
export function observers(...list: RequestObserver[]): RequestObserver {
  return {
    requestStarted: () => list.forEach((o) => o.requestStarted()),
    requestFinished: (outcome) => list.forEach((o) => o.requestFinished(outcome)),
  };
}
