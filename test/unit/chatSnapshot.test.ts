import * as assert from 'node:assert/strict';
import type { ViewChatMessage } from '../../src/chat/protocol';
import { draftWasSent, loadSnapshot, sameConversation, type RestoreMessage } from '../../src/chat/webview/snapshot';

function restore(sessionId: string, questions: readonly string[]): RestoreMessage {
  const messages: ViewChatMessage[] = questions.flatMap((q, i) => [
    { id: `${sessionId}-q${i}`, role: 'user', content: q, state: 'complete' },
    { id: `${sessionId}-a${i}`, role: 'assistant', content: 'An answer.', state: 'complete' },
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

describe('chat view snapshot: where the user was reading', () => {
  const state = (extra: Record<string, unknown>): Record<string, unknown> => {
    const view = restore('s1', ['Why?']);
    return { draft: '', editing: false, sessionId: view.sessionId, title: view.title, model: view.model, hasKey: true, messages: view.messages, context: [], ...extra };
  };

  it('comes back with the conversation: the scroll offset and the unfolded reasoning', () => {
    const loaded = loadSnapshot(state({ readingAt: 420, unfolded: ['s1-a0'] }));
    assert.equal(loaded.view?.messages.length, 2);
    assert.equal(loaded.readingAt, 420);
    assert.deepEqual(loaded.unfolded, ['s1-a0']);
  });

  it('is the end of the conversation when absent or not a usable offset (an older state, a bad value)', () => {
    for (const readingAt of [undefined, -5, Number.NaN, '100']) assert.equal(loadSnapshot(state({ readingAt })).readingAt, undefined, String(readingAt));
    assert.deepEqual(loadSnapshot(state({ unfolded: ['s1-a0', 7, null] })).unfolded, ['s1-a0']);
    assert.deepEqual(loadSnapshot(undefined).unfolded, []);
  });

  it('applies only to the same conversation as the host restores (its messages, whatever session id the view had)', () => {
    const saved = restore('s1', ['Why?']);
    assert.equal(sameConversation(saved, { ...restore('s1', ['Why?']), sessionId: 'assigned-later' }), true);
    assert.equal(sameConversation(saved, restore('s1', ['Why?', 'And then?'])), false);
    assert.equal(sameConversation(saved, restore('s2', ['Why?'])), false);
    assert.equal(sameConversation(undefined, saved), false);
  });
});

describe('chat view snapshot: a draft put aside to edit the last question', () => {
  const state = (extra: Record<string, unknown>): Record<string, unknown> => {
    const view = restore('s1', ['Why?']);
    return { draft: 'Why not?', editing: true, sessionId: view.sessionId, title: view.title, model: view.model, hasKey: true, messages: view.messages, context: [], ...extra };
  };

  it('comes back with the edit when the view is shown again, for Cancel to put back in the input', () => {
    const loaded = loadSnapshot(state({ draftBeforeEdit: 'And what about tabs' }));
    assert.equal(loaded.editing, true);
    assert.equal(loaded.draft, 'Why not?');
    assert.equal(loaded.draftBeforeEdit, 'And what about tabs');
  });

  it('is empty in a state saved before it was kept, or with a bad value, and when no edit is under way', () => {
    const older = loadSnapshot(state({}));
    assert.deepEqual([older.editing, older.draft, older.draftBeforeEdit, older.view?.messages.length], [true, 'Why not?', '', 2]);
    assert.equal(loadSnapshot(state({ draftBeforeEdit: 42 })).draftBeforeEdit, '');
    assert.equal(loadSnapshot(state({ editing: false, draftBeforeEdit: 'stale' })).draftBeforeEdit, '');
    assert.equal(loadSnapshot(undefined).draftBeforeEdit, '');
  });
});
