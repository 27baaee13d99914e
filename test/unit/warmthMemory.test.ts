import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { warmthMemory } from '../../src/warmthMemory';

/** VS Code's global state, in memory: what `get` and `update` see. */
function memento(initial: Record<string, unknown> = {}): vscode.Memento & { stored: Record<string, unknown> } {
  const stored: Record<string, unknown> = { ...initial };
  return {
    stored,
    keys: () => Object.keys(stored),
    get: <T>(key: string, fallback?: T): T | undefined => (key in stored ? (stored[key] as T) : fallback),
    update: async (key: string, value: unknown): Promise<void> => {
      stored[key] = value;
    },
  };
}

describe('warmthMemory', () => {
  it('keeps how long each endpoint took to answer its warm-up, and forgets one that stopped answering', () => {
    const state = memento();
    let endpoint = 'https://api.fireworks.ai/inference/v1';
    const memory = warmthMemory(state, () => endpoint);
    assert.equal(memory.recall(), undefined, 'an endpoint never warmed');
    memory.remember(84.6);
    assert.equal(memory.recall(), 85);
    endpoint = 'http://localhost:11434/v1';
    assert.equal(memory.recall(), undefined, 'another endpoint is another memory');
    memory.remember(3);
    memory.remember(undefined);
    assert.equal(memory.recall(), undefined);
    endpoint = 'https://api.fireworks.ai/inference/v1';
    assert.equal(memory.recall(), 85);
  });

  it('survives what it did not write, and keeps the newest twenty endpoints', () => {
    assert.equal(warmthMemory(memento({ 'fireworks.warmUpAnsweredMs': 'garbage' }), () => 'x').recall(), undefined);
    assert.equal(warmthMemory(memento({ 'fireworks.warmUpAnsweredMs': { x: -1, y: 'fast' } }), () => 'x').recall(), undefined);
    const state = memento();
    let endpoint = '';
    const memory = warmthMemory(state, () => endpoint);
    for (let i = 0; i < 25; i++) {
      endpoint = `http://host${i}/v1`;
      memory.remember(i);
    }
    assert.equal(Object.keys(state.stored['fireworks.warmUpAnsweredMs'] as object).length, 20);
    endpoint = 'http://host0/v1';
    assert.equal(memory.recall(), undefined, 'the oldest went first');
    endpoint = 'http://host24/v1';
    assert.equal(memory.recall(), 24);
  });
});
