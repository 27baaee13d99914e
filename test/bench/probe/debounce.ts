/**
 * Probe build (variants.ts): the real debounce, logging how long the pipeline asked it to wait and when it ended, so
 * that the time between the provider call and the request splits into the wait asked for, the timer's lateness,
 * and the work after it (prompt, snippets, client).
 */
import { debounce as realDebounce } from '../../../src/core/completion/debounce';

const now = (): string => (performance.timeOrigin + performance.now()).toFixed(1);

export async function debounce(ms: number, signal: AbortSignal): Promise<boolean> {
  console.log(`BENCH_PROBE wait ${now()} ${Math.max(0, ms).toFixed(1)}`);
  const waited = await realDebounce(ms, signal);
  if (waited) console.log(`BENCH_PROBE waited ${now()}`);
  return waited;
}
