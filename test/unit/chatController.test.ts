import * as assert from 'node:assert/strict';
import type { ChatClient, ChatOutcome, ChatRequest, ChatStreamOptions } from '../../src/core/api/chatCompletions';
import type { Logger } from '../../src/core/logger';
import type { ChatSession, ContextAttachment } from '../../src/core/chat/session';
import { ChatController } from '../../src/chat/chatController';
import { ChatHistory } from '../../src/chat/history';
import type { HostMessage } from '../../src/chat/protocol';
import { MemoryMemento } from './memoryMemento';

const silent: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A model that streams one delta per question and then goes on until stopped; counts the streams open at once. */
class EndlessClient implements ChatClient {
  open = 0;
  mostOpen = 0;
  readonly questions: string[] = [];

  streamChat(request: ChatRequest, options: ChatStreamOptions): Promise<ChatOutcome> {
    const last = request.messages[request.messages.length - 1];
    this.questions.push(typeof last.content === 'string' ? last.content : '');
    this.open++;
    this.mostOpen = Math.max(this.mostOpen, this.open);
    options.onDelta({ content: `answer ${this.questions.length}` });
    return new Promise((resolve) => {
      const end = (): void => {
        this.open--;
        resolve({ ok: true, finish: 'aborted', durationMs: 1 });
      };
      if (options.signal.aborted) end();
      else options.signal.addEventListener('abort', end, { once: true });
    });
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ChatController', () => {
  it('questions asked at once while an answer streams (Explain pressed twice): one answer streams at a time, the last asked, and Stop ends it', async () => {
    const client = new EndlessClient();
    const posted: HostMessage[] = [];
    const controller = new ChatController({
      client: () => client,
      model: () => 'accounts/fireworks/models/m',
      history: new ChatHistory(new MemoryMemento()),
      chips: () => [],
      post: (message) => posted.push(message),
      logger: silent,
    });
    const first = controller.ask('one');
    await tick();
    const second = controller.ask('two');
    const third = controller.ask('three');
    for (let i = 0; i < 5; i++) await tick();
    assert.equal(client.mostOpen, 1, 'never two answers streaming into the view at once');
    assert.equal(client.open, 1);
    assert.equal(client.questions[client.questions.length - 1], 'three');
    assert.equal(controller.busy, true);
    await controller.stop();
    await Promise.all([first, second, third]);
    assert.equal(controller.busy, false, 'Stop ended the answer streaming');
    assert.equal(client.open, 0);
    const started = posted.filter((m) => m.type === 'turnStarted').length;
    const ended = posted.filter((m) => m.type === 'answerEnded').length;
    assert.ok(started >= 1, 'an answer was shown as started');
    assert.equal(ended, started, 'every answer shown as started was shown as ended');
  });
});

/** A model that answers every question at once. */
class QuickClient implements ChatClient {
  streamChat(_request: ChatRequest, options: ChatStreamOptions): Promise<ChatOutcome> {
    options.onDelta({ content: 'Use a guard clause.' });
    return Promise.resolve({ ok: true, finish: 'stop', durationMs: 1 });
  }
}

describe('ChatController without a key (cleared after a conversation)', () => {
  const selection: ContextAttachment = { kind: 'selection', path: 'src/a.ts', languageId: 'typescript', text: 'if (x) { return; }', truncated: false, startLine: 3, endLine: 3 };

  async function conversation(): Promise<{ controller: ChatController; posted: HostMessage[]; clearKey: () => void; stored: () => ChatSession | undefined }> {
    const memento = new MemoryMemento();
    const history = new ChatHistory(memento);
    let client: ChatClient | undefined = new QuickClient();
    const posted: HostMessage[] = [];
    const controller = new ChatController({ client: () => client, model: () => 'm', history, chips: () => [], post: (m) => posted.push(m), logger: silent });
    await controller.ask('How do I simplify this?', [selection]);
    await history.save();
    return {
      controller,
      posted,
      clearKey: () => {
        client = undefined;
        posted.length = 0;
      },
      // What a window opened later reads back.
      stored: () => new ChatHistory(memento).currentSession(),
    };
  }

  it('Regenerate keeps the last question, its answer and its attachments, and shows that a key is needed', async () => {
    const { controller, posted, clearKey, stored } = await conversation();
    clearKey();
    await controller.regenerate();
    const messages = stored()?.messages ?? [];
    assert.deepEqual(messages.map((m) => [m.role, m.content]), [['user', 'How do I simplify this?'], ['assistant', 'Use a guard clause.']]);
    assert.deepEqual(messages[0].context, [selection]);
    assert.ok(!posted.some((m) => m.type === 'restore' && m.messages.length < 2), 'the view never loses the exchange');
    assert.ok(posted.some((m) => m.type === 'keyState' && !m.hasKey), 'the view shows Set API Key');
  });

  it('edit-and-resend keeps the exchange it would replace, and the edited text goes back into the input', async () => {
    const { controller, posted, clearKey, stored } = await conversation();
    clearKey();
    await controller.editLast('How do I simplify this loop?');
    const messages = stored()?.messages ?? [];
    assert.deepEqual(messages.map((m) => m.content), ['How do I simplify this?', 'Use a guard clause.']);
    assert.deepEqual(messages[0].context, [selection]);
    assert.ok(!posted.some((m) => m.type === 'restore' && m.messages.length < 2), 'the view never loses the exchange');
    assert.ok(posted.some((m) => m.type === 'setDraft' && m.text === 'How do I simplify this loop?'));
  });
});

describe('ChatController: an answer the model stopped at its output limit', () => {
  it('says so in the view and keeps saying so after a reload', async () => {
    const client: ChatClient = {
      streamChat: async (_request, options) => {
        options.onDelta({ content: 'Here are the tests:\n\n```python\ndef test_add():\n    assert add(1, ' });
        return { ok: true, finish: 'length', durationMs: 1 };
      },
    };
    const posted: HostMessage[] = [];
    const history = new ChatHistory(new MemoryMemento());
    const controller = new ChatController({ client: () => client, model: () => 'm', history, chips: () => [], post: (m) => posted.push(m), logger: silent });
    await controller.ask('/tests');
    const ended = posted.find((m) => m.type === 'answerEnded');
    assert.ok(ended && ended.type === 'answerEnded');
    assert.equal(ended.state, 'complete');
    assert.equal(ended.cutOff, true, 'the view is told the answer was cut off');
    // Shown again later (the view reloaded, or the chat opened from the history): still marked.
    posted.length = 0;
    controller.restore();
    const restored = posted.find((m) => m.type === 'restore');
    assert.ok(restored && restored.type === 'restore');
    assert.equal(restored.messages.find((m) => m.role === 'assistant')?.cutOff, true);
  });
});

describe('ChatController: what the question shows as cut', () => {
  it('marks only the attachment that was cut, where a selection and the whole file share a path', async () => {
    const client: ChatClient = { streamChat: async () => ({ ok: true, finish: 'stop', durationMs: 1 }) };
    const history = new ChatHistory(new MemoryMemento());
    const controller = new ChatController({ client: () => client, model: () => 'm', history, chips: () => [], post: () => undefined, logger: silent });
    const selection: ContextAttachment = { kind: 'selection', path: 'src/a.ts', languageId: 'typescript', text: 'const a = 1;', truncated: false, startLine: 1, endLine: 1 };
    const file: ContextAttachment = { kind: 'file', path: 'src/a.ts', languageId: 'typescript', text: 'x'.repeat(200_000), truncated: false };
    await controller.ask('Explain', [selection, file]);
    const question = history.currentSession()?.messages.find((m) => m.role === 'user');
    assert.deepEqual(question?.context?.map((a) => [a.kind, a.truncated]), [['selection', false], ['file', true]]);
  });
});
