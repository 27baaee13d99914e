import * as assert from 'node:assert/strict';
import { isHostMessage, isViewMessage } from '../../src/chat/protocol';

describe('chat protocol validators', () => {
  it('accepts every well-formed host message', () => {
    const answer = { id: 'a', role: 'assistant', content: '', state: 'streaming', model: 'm' };
    const question = { id: 'q', role: 'user', content: 'Why?', state: 'complete', attachments: [{ path: 'a.ts', startLine: 1, endLine: 3 }] };
    for (const message of [
      { type: 'restore', title: 't', messages: [question, answer], hasKey: true, busy: false },
      { type: 'keyState', hasKey: false },
      { type: 'turnStarted', title: 'Why?', question, answer },
      { type: 'answerDelta', id: 'a', text: 'more' },
      { type: 'answerEnded', id: 'a', state: 'error', error: 'The endpoint had an error (500).' },
      { type: 'answerEnded', id: 'a', state: 'complete', usage: { promptTokens: 3, completionTokens: 4 } },
      { type: 'focusInput' },
    ]) assert.ok(isHostMessage(message), JSON.stringify(message));
  });

  it('rejects unknown types, missing fields and wrong shapes', () => {
    for (const message of [
      null, 'restore', [], {}, { type: 'nope' }, { type: 'answerDelta', id: 'a' }, { type: 'answerDelta', id: 'a', text: 1 },
      { type: 'answerEnded', id: 'a', state: 'streaming' },
      { type: 'restore', title: 't', messages: [{ id: 'x', role: 'system', content: '', state: 'complete' }], hasKey: true, busy: false },
      { type: 'toString' }, { type: '__proto__' },
    ]) assert.equal(isHostMessage(message), false, JSON.stringify(message));
  });

  it('checks view messages the same way', () => {
    assert.ok(isViewMessage({ type: 'ask', text: 'hi' }));
    assert.ok(isViewMessage({ type: 'openLink', href: 'https://example.com' }));
    assert.ok(isViewMessage({ type: 'ready' }));
    assert.equal(isViewMessage({ type: 'ask' }), false);
    assert.equal(isViewMessage({ type: 'insertCode', code: 42 }), false);
    assert.equal(isViewMessage({ type: 'hasOwnProperty' }), false);
  });
});
