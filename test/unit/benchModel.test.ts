// The typing replay's model of an endpoint's prompt cache (test/bench/model.ts): the replay's prefill figures and
// its time to first token rest on it.
import * as assert from 'node:assert/strict';
import { PromptCache, modelResponder } from '../bench/model';
import type { RecordedRequest } from '../standin/server';

const request = (prompt: string): RecordedRequest =>
  ({ method: 'POST', path: '/inference/v1/completions', headers: {}, body: { prompt }, receivedAt: 0, httpVersion: '1.1', aborted: false, done: Promise.resolve(), streamedChunks: 0, streamedChars: 0, streamedTokens: 0 });

describe('bench model: prompt cache', () => {
  it('reads a new prompt whole, and a longer one again only beyond the whole blocks they share', () => {
    const cache = new PromptCache();
    const start = 'x'.repeat(800); // 200 tokens
    assert.equal(cache.read(start), 200);
    // 200 shared tokens hold 12 whole 16-token blocks (192 tokens): 225 - 192 are read.
    assert.equal(cache.read(`${start}${'y'.repeat(100)}`), 33);
    assert.equal(cache.uncachedTokens, 233);
  });

  it('finds the shared start in any recent prompt, not only the last one, and reads a prompt that starts otherwise whole', () => {
    const cache = new PromptCache();
    const a = `a${'x'.repeat(799)}`;
    cache.read(a);
    assert.equal(cache.read(`b${'x'.repeat(799)}`), 200);
    assert.equal(cache.read(a), 8, 'the same prompt again: all but its last, partial block held');
  });

  it('adds the prefill of what the cache does not hold to the time to first token', async () => {
    const responder = modelResponder('def f():\n    return 1\n', { ttftMs: 100, chunkDelayMs: 20, prefillMsPerToken: 0.5 });
    const prompt = '<|fim_prefix|>def f():\n    <|fim_suffix|>\n<|fim_middle|>'; // 56 characters: 14 tokens, under one block
    const first = await responder(request(prompt));
    const again = await responder(request(prompt));
    assert.ok(first.kind === 'completion' && again.kind === 'completion');
    assert.equal(first.ttftMs, 100 + 14 * 0.5);
    assert.equal(again.ttftMs, 100 + 14 * 0.5, 'less than a block in common: read again');
    const long = `<|fim_prefix|>${'# a comment line\n'.repeat(10)}def f():\n    <|fim_suffix|>\n<|fim_middle|>`;
    const third = await responder(request(long));
    const fourth = await responder(request(long));
    assert.ok(third.kind === 'completion' && fourth.kind === 'completion');
    assert.equal(fourth.ttftMs, 100 + (Math.ceil(long.length / 4) - 48) * 0.5, 'whole blocks held: only the rest read');
  });
});
