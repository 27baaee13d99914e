import * as assert from 'node:assert/strict';
import { FIREWORKS_DEFAULT_BASE_URL, fireworksCompletionExtras, fireworksHeaders, fireworksTimings, isFireworksEndpoint } from '../../src/core/api/fireworks';

describe('fireworks', () => {
  it('the default endpoint is Fireworks inference', () => {
    assert.equal(FIREWORKS_DEFAULT_BASE_URL, 'https://api.fireworks.ai/inference/v1');
    assert.equal(isFireworksEndpoint(FIREWORKS_DEFAULT_BASE_URL), true);
  });

  it('recognises Fireworks hosts only', () => {
    assert.equal(isFireworksEndpoint('https://api.fireworks.ai/inference/v1'), true);
    assert.equal(isFireworksEndpoint('https://API.Fireworks.AI/inference/v1'), true);
    assert.equal(isFireworksEndpoint('https://fireworks.ai/x'), true);
    assert.equal(isFireworksEndpoint('http://localhost:11434/v1'), false);
    assert.equal(isFireworksEndpoint('https://api.openai.com/v1'), false);
    assert.equal(isFireworksEndpoint('https://notfireworks.ai/v1'), false);
    assert.equal(isFireworksEndpoint('https://api.fireworks.ai.evil.example/v1'), false);
    assert.equal(isFireworksEndpoint('https://evil.example/api.fireworks.ai'), false);
    assert.equal(isFireworksEndpoint('not a url'), false);
    assert.equal(isFireworksEndpoint(''), false);
  });

  it('sends context_length_exceeded_behavior and affinity to Fireworks only', () => {
    assert.deepEqual(fireworksCompletionExtras(true), { context_length_exceeded_behavior: 'truncate' });
    assert.deepEqual(fireworksCompletionExtras(false), {});
    assert.deepEqual(fireworksHeaders(true, 'abc'), { 'x-session-affinity': 'abc' });
    assert.deepEqual(fireworksHeaders(false, 'abc'), {});
    assert.deepEqual(fireworksHeaders(true, undefined), {});
  });

  it('reads the timing headers', () => {
    const headers = new Headers({
      'fireworks-server-time-to-first-token': '0.042',
      'fireworks-prompt-tokens': '812',
      'fireworks-cached-prompt-tokens': '768',
    });
    assert.equal(fireworksTimings(headers), 'server ttft 0.042, prompt tokens 812, cached 768');
    assert.equal(fireworksTimings(new Headers({ 'fireworks-prompt-tokens': '5' })), 'prompt tokens 5');
    assert.equal(fireworksTimings(new Headers({ 'content-type': 'text/event-stream' })), undefined);
    assert.equal(fireworksTimings(undefined), undefined);
  });
});
