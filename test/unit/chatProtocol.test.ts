import * as assert from 'node:assert/strict';
import { isHostMessage, isViewMessage } from '../../src/chat/protocol';

describe('chat protocol validators', () => {
  it('accepts every well-formed host message', () => {
    const answer = { id: 'a', role: 'assistant', content: '', state: 'streaming', model: 'm' };
    const question = { id: 'q', role: 'user', content: 'Why?', state: 'complete', attachments: [{ path: 'a.ts', startLine: 1, endLine: 3 }, { path: 'b.ts', kind: 'file', truncated: true }] };
    const chip = { id: 'c1', kind: 'selection', path: 'src/a.ts', startLine: 2, endLine: 9, truncated: false, automatic: true };
    const failed = { id: 'f', role: 'assistant', content: '', state: 'error', error: 'Bad key', errorKind: 'auth', reasoning: 'hmm' };
    for (const message of [
      { type: 'restore', sessionId: 's', title: 't', messages: [question, answer, failed], hasKey: true, busy: false, model: 'm', context: [chip] },
      { type: 'keyState', hasKey: false },
      { type: 'model', model: 'accounts/fireworks/models/x' },
      { type: 'context', chips: [chip, { ...chip, id: 'c2', kind: 'file', automatic: false }] },
      { type: 'mentionResults', query: 'ma', files: [{ path: 'src/main.ts', open: true }] },
      { type: 'setDraft', text: 'kept' },
      { type: 'answerDelta', id: 'a', text: '', reasoning: 'thinking' },
      { type: 'answerEnded', id: 'a', state: 'error', error: 'No such model', errorKind: 'model-not-found' },
      { type: 'turnStarted', sessionId: 's1', title: 'Why?', question, answer },
      { type: 'answerDelta', id: 'a', text: 'more' },
      { type: 'answerEnded', id: 'a', state: 'error', error: 'The endpoint had an error (500).' },
      { type: 'answerEnded', id: 'a', state: 'complete', usage: { promptTokens: 3, completionTokens: 4 } },
      { type: 'answerEnded', id: 'a', state: 'complete', text: 'the last line', reasoning: 'done' },
      { type: 'focusInput' },
    ]) assert.ok(isHostMessage(message), JSON.stringify(message));
  });

  it('rejects unknown types, missing fields and wrong shapes', () => {
    for (const message of [
      null, 'restore', [], {}, { type: 'nope' }, { type: 'answerDelta', id: 'a' }, { type: 'answerDelta', id: 'a', text: 1 },
      { type: 'answerEnded', id: 'a', state: 'streaming' },
      { type: 'answerEnded', id: 'a', state: 'complete', text: 7 },
      { type: 'answerEnded', id: 'a', state: 'error', errorKind: 'bogus' },
      { type: 'restore', sessionId: 's', title: 't', messages: [{ id: 'x', role: 'system', content: '', state: 'complete' }], hasKey: true, busy: false, model: 'm', context: [] },
      { type: 'restore', sessionId: 's', title: 't', messages: [], hasKey: true, busy: false, model: 'm', context: [{ id: 'c', path: 'a.ts', kind: 'file' }] },
      { type: 'restore', title: 't', messages: [], hasKey: true, busy: false },
      { type: 'mentionResults', query: 'x', files: [{ path: 'a.ts' }] },
      { type: 'toString' }, { type: '__proto__' },
    ]) assert.equal(isHostMessage(message), false, JSON.stringify(message));
  });

  it('checks view messages the same way', () => {
    assert.ok(isViewMessage({ type: 'ask', text: 'hi' }));
    assert.ok(isViewMessage({ type: 'openLink', href: 'https://example.com' }));
    assert.ok(isViewMessage({ type: 'ready' }));
    assert.ok(isViewMessage({ type: 'ask', text: 'better', edit: true }));
    for (const type of ['regenerate', 'showHistory', 'chooseModel', 'addCurrentFile', 'newChat', 'stop']) assert.ok(isViewMessage({ type }), type);
    assert.ok(isViewMessage({ type: 'removeContext', id: 'c1' }));
    assert.ok(isViewMessage({ type: 'mentionQuery', query: '' }));
    assert.ok(isViewMessage({ type: 'addFile', path: 'src/a.ts' }));
    assert.ok(isViewMessage({ type: 'newFile', code: 'x = 1', language: 'py' }));
    assert.equal(isViewMessage({ type: 'ask', text: 'x', edit: 'yes' }), false);
    assert.equal(isViewMessage({ type: 'newFile', code: 'x' }), false);
    assert.equal(isViewMessage({ type: 'addFile' }), false);
    assert.equal(isViewMessage({ type: 'ask' }), false);
    assert.equal(isViewMessage({ type: 'insertCode', code: 42 }), false);
    assert.equal(isViewMessage({ type: 'hasOwnProperty' }), false);
    assert.ok(isViewMessage({ type: 'addImage', name: 'shot.png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }));
    assert.equal(isViewMessage({ type: 'addImage', name: 'x.png', dataUrl: 'https://example.com/x.png' }), false, 'only data: images');
    assert.equal(isViewMessage({ type: 'addImage', dataUrl: 'data:image/png;base64,AA==' }), false);
  });
});
