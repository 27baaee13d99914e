import * as assert from 'node:assert/strict';
import type { ViewChatMessage } from '../../src/chat/protocol';
import { draftWasSent, type RestoreMessage } from '../../src/chat/webview/snapshot';

function restore(sessionId: string, questions: readonly string[]): RestoreMessage {
  const messages: ViewChatMessage[] = questions.flatMap((q, i) => [
    { id: `q${i}`, role: 'user', content: q, state: 'complete' },
    { id: `a${i}`, role: 'assistant', content: 'An answer.', state: 'complete' },
  ]);
  return { type: 'restore', sessionId, title: 'Chat', messages, hasKey: true, busy: false, model: 'm', context: [] };
}

describe('chat view snapshot: a draft from an older saved state', () => {
  it('is dropped when the conversation shows it was sent since (a window reload brought back an older state)', () => {
    const saved = restore('s1', ['Tell me a story']);
    assert.equal(draftWasSent('Tell me another ', saved, restore('s1', ['Tell me a story', 'Tell me another slow story'])), true);
  });

  it('is kept when nothing was asked since the state was saved, even if it starts like the last question', () => {
    const saved = restore('s1', ['Tell me a story']);
    assert.equal(draftWasSent('Tell me', saved, restore('s1', ['Tell me a story'])), false);
  });

  it('is kept when it is not the start of the last question, or in another conversation', () => {
    const saved = restore('s1', ['Tell me a story']);
    assert.equal(draftWasSent('Something else', saved, restore('s1', ['Tell me a story', 'Tell me another'])), false);
    assert.equal(draftWasSent('Tell me another', saved, restore('s2', ['Tell me another one', 'and more'])), false);
    assert.equal(draftWasSent('   ', saved, restore('s1', ['Tell me a story', '   '])), false);
  });
});
