/**
 * The connection warm-up's memory (connectionWarmth.ts) in VS Code's global state, on this machine only: per endpoint
 * URL, how long it took to answer its last warm-up. Nothing else is kept, and it is never sent anywhere.
 */
import type * as vscode from 'vscode';
import type { WarmthMemory } from './core/completion/connectionWarmth';

const KEY = 'fireworks.warmUpAnsweredMs';

/** Endpoints remembered at most; the oldest go first. */
const MOST_ENDPOINTS = 20;

export function warmthMemory(state: vscode.Memento, endpoint: () => string): WarmthMemory {
  const all = (): Record<string, number> => {
    const stored = state.get<unknown>(KEY);
    if (typeof stored !== 'object' || stored === null) return {};
    return Object.fromEntries(Object.entries(stored).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]) && e[1] >= 0));
  };
  return {
    recall: () => all()[endpoint()],
    remember: (answeredInMs) => {
      const kept = Object.entries(all()).filter(([url]) => url !== endpoint());
      if (answeredInMs !== undefined) kept.push([endpoint(), Math.round(answeredInMs)]);
      Promise.resolve(state.update(KEY, Object.fromEntries(kept.slice(-MOST_ENDPOINTS)))).catch(() => undefined);
    },
  };
}
