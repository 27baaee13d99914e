import * as assert from 'node:assert/strict';
import { ChatHistory, MAX_SAVE_INTERVAL_MS, SAVE_INTERVAL_MS, saveInterval } from '../../src/chat/history';
import { appendMessage, createSession, type ChatMessage, type ChatSession } from '../../src/core/chat/session';
import { MemoryMemento } from './memoryMemento';

const T0 = 1_700_000_000_000;

function chat(id: string, title: string, at: number): ChatSession {
  const question: ChatMessage = { id: `${id}-q`, role: 'user', content: title, state: 'complete', createdAt: at };
  return appendMessage(createSession({ id, model: 'accounts/fireworks/models/m', now: at }), question);
}

/** A history holding three chats (c is the most recent and the current one), written to the memento. */
async function threeChats(memento = new MemoryMemento()): Promise<{ memento: MemoryMemento; history: ChatHistory }> {
  const history = new ChatHistory(memento);
  history.put(chat('a', 'First question', T0), 'now');
  history.put(chat('b', 'Second question', T0 + 1000), 'now');
  history.put(chat('c', 'Third question', T0 + 2000), 'now');
  await history.save();
  return { memento, history };
}

const titles = (history: ChatHistory): string[] => history.sessions().map((s) => s.title);

describe('ChatHistory', () => {
  it('saves a streaming answer every 500 ms, less often as the history grows (every write carries all of it)', () => {
    const sized = (chars: number): ChatSession => appendMessage(createSession({ id: `s${chars}`, model: 'm', now: T0 }), { id: 'q', role: 'user', content: 'x'.repeat(chars), state: 'complete', createdAt: T0 });
    const store = (...sessions: ChatSession[]) => ({ version: 1 as const, sessions });
    assert.equal(saveInterval(store(sized(10_000), sized(50_000))), SAVE_INTERVAL_MS);
    assert.equal(saveInterval(store(sized(300_000), sized(200_000))), 2 * SAVE_INTERVAL_MS);
    assert.equal(saveInterval(store(sized(20_000_000))), MAX_SAVE_INTERVAL_MS);
  });

  it('lists the sessions most recently used first', async () => {
    const { history } = await threeChats();
    assert.deepEqual(titles(history), ['Third question', 'Second question', 'First question']);
  });

  it('opens a stored session: it becomes the current one, also after a reload', async () => {
    const { memento, history } = await threeChats();
    assert.equal(history.select('a')?.title, 'First question');
    assert.equal(history.currentSession()?.id, 'a');
    assert.equal(new ChatHistory(memento).currentSession()?.id, 'a');
  });

  it('selecting an unknown session changes nothing', async () => {
    const { history } = await threeChats();
    assert.equal(history.select('gone'), undefined);
    assert.equal(history.currentSession()?.id, 'c');
  });

  it('renames a session, keeps its place in the list, and keeps the name after a reload', async () => {
    const { memento, history } = await threeChats();
    const renamed = await history.rename('b', '  Build  speed ');
    assert.equal(renamed?.title, 'Build speed');
    assert.deepEqual(titles(history), ['Third question', 'Build speed', 'First question']);
    assert.deepEqual(titles(new ChatHistory(memento)), ['Third question', 'Build speed', 'First question']);
  });

  it('ignores a blank name', async () => {
    const { memento, history } = await threeChats();
    const writes = memento.writes;
    assert.equal((await history.rename('b', '   '))?.title, 'Second question');
    assert.equal(memento.writes, writes);
  });

  it('keeps a new name when the chat view later saves its copy taken before the rename', async () => {
    const { history } = await threeChats();
    const viewCopy = history.currentSession();
    assert.ok(viewCopy);
    await history.rename('c', 'Renamed');
    const answer: ChatMessage = { id: 'c-a', role: 'assistant', content: 'answer', state: 'complete', createdAt: T0 + 3000 };
    history.put(appendMessage(viewCopy, answer), 'now');
    assert.equal(history.currentSession()?.title, 'Renamed');
    assert.equal(history.currentSession()?.messages.length, 2);
    // A title the caller changes on purpose is taken as given.
    history.put({ ...viewCopy, title: 'Chosen elsewhere' }, 'now');
    assert.equal(history.currentSession()?.title, 'Chosen elsewhere');
  });

  it('deletes a session, also after a reload', async () => {
    const { memento, history } = await threeChats();
    assert.equal(await history.delete('b'), true);
    assert.deepEqual(titles(history), ['Third question', 'First question']);
    assert.deepEqual(titles(new ChatHistory(memento)), ['Third question', 'First question']);
    assert.equal(history.currentSession()?.id, 'c');
    assert.equal(await history.delete('b'), false);
  });

  it('deleting the current session leaves none current', async () => {
    const { memento, history } = await threeChats();
    await history.delete('c');
    assert.equal(history.currentSession(), undefined);
    assert.equal(new ChatHistory(memento).currentSession(), undefined);
  });

  it('does not bring back a deleted session when its answer ends afterwards', async () => {
    const { memento, history } = await threeChats();
    const streaming = history.currentSession();
    assert.ok(streaming);
    await history.delete('c');
    history.put({ ...streaming, updatedAt: T0 + 5000 }, 'soon');
    await history.save();
    assert.deepEqual(titles(new ChatHistory(memento)), ['Second question', 'First question']);
    assert.equal(history.currentSession(), undefined);
  });

  it('never overwrites a history written by a newer version, whatever is renamed or deleted', async () => {
    const memento = new MemoryMemento();
    const newer = { version: 99, sessions: [chat('a', 'First question', T0), chat('b', 'Second question', T0 + 1000)] };
    await memento.update('fireworks.chat.store', newer);
    const stored = memento.data.get('fireworks.chat.store');
    const history = new ChatHistory(memento);
    assert.deepEqual(titles(history), ['Second question', 'First question']);
    await history.rename('a', 'Renamed');
    await history.delete('b');
    assert.equal(memento.data.get('fireworks.chat.store'), stored);
  });
});
