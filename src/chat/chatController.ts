/**
 * One chat turn, end to end: the question (with the editor's selection) → buildChatPrompt → streamChat with an
 * AbortSignal → deltas to the view at most once per ~30 ms (only the appended text) → the answer's end state, usage
 * or error, shown inside the conversation. The partial answer is saved while it streams (throttled by ChatHistory),
 * and Stop keeps it.
 */
import { randomUUID } from 'node:crypto';
import type { ChatClient, ChatRequestMessage } from '../core/api/client';
import { DeltaBatcher } from '../core/chat/batcher';
import { buildChatPrompt } from '../core/chat/prompt';
import { ChatMessage, ChatSession, ContextAttachment, appendMessage, createSession, updateMessage } from '../core/chat/session';
import type { Logger } from '../core/logger';
import { ChatHistory } from './history';
import type { HostMessage } from './protocol';
import { errorText, restoreMessage, toViewMessage } from './viewModel';

export interface ChatControllerDeps {
  /** Undefined when there is no key. */
  readonly client: () => ChatClient | undefined;
  readonly model: () => string;
  readonly history: ChatHistory;
  readonly post: (message: HostMessage) => void;
  readonly logger: Logger;
  readonly now?: () => number;
}

interface Turn {
  readonly abort: AbortController;
  readonly answerId: string;
  readonly batcher: DeltaBatcher;
  readonly done: Promise<void>;
}

export class ChatController {
  private session: ChatSession | undefined;
  private turn: Turn | undefined;
  private readonly now: () => number;

  constructor(private readonly deps: ChatControllerDeps) {
    this.session = deps.history.currentSession();
    this.now = deps.now ?? Date.now;
  }

  get busy(): boolean {
    return this.turn !== undefined;
  }

  /** The whole conversation to the view (on its `ready`); text still waiting in the batcher is part of it. */
  restore(): void {
    this.turn?.batcher.clear();
    this.deps.post(restoreMessage(this.session, this.deps.client() !== undefined, this.busy));
  }

  keyChanged(): void {
    this.deps.post({ type: 'keyState', hasKey: this.deps.client() !== undefined });
  }

  /** Asks `question`; a turn still streaming is stopped first. Resolves when the answer has ended. */
  async ask(question: string, context: readonly ContextAttachment[] = []): Promise<void> {
    const text = question.trim();
    if (!text) return;
    await this.stop();
    const client = this.deps.client();
    if (!client) {
      this.keyChanged();
      return;
    }
    const model = this.deps.model();
    const now = this.now();
    const base = this.session ?? createSession({ id: randomUUID(), model, now });
    const prompt = buildChatPrompt(base, { content: text, context });
    const questionMessage: ChatMessage = { id: randomUUID(), role: 'user', content: text, ...(context.length ? { context } : {}), state: 'complete', createdAt: now };
    const answer: ChatMessage = { id: randomUUID(), role: 'assistant', content: '', state: 'streaming', model, createdAt: now };
    this.session = appendMessage(appendMessage(base, questionMessage), answer);
    this.deps.history.put(this.session, 'now');

    const shownQuestion = toViewMessage(questionMessage);
    const shownAnswer = toViewMessage(answer);
    if (shownQuestion && shownAnswer) this.deps.post({ type: 'turnStarted', title: this.session.title, question: shownQuestion, answer: shownAnswer });
    if (prompt.omittedExchanges || prompt.cutAttachments.length) {
      this.deps.logger.info(`Chat: left out ${prompt.omittedExchanges} earlier exchange(s), cut ${prompt.cutAttachments.join(', ') || 'nothing'} to fit the context.`);
    }

    const abort = new AbortController();
    const batcher = new DeltaBatcher((delta) => this.deps.post({ type: 'answerDelta', id: answer.id, text: delta }));
    let finished: () => void = () => undefined;
    const done = new Promise<void>((resolve) => { finished = resolve; });
    this.turn = { abort, answerId: answer.id, batcher, done };
    try {
      await this.stream(client, model, prompt.messages, answer.id, abort, batcher);
    } finally {
      this.turn = undefined;
      finished();
    }
  }

  /** Stop: aborts the request; the answer keeps what arrived. Resolves once the turn has ended. */
  async stop(): Promise<void> {
    const turn = this.turn;
    if (!turn) return;
    turn.abort.abort();
    await turn.done;
  }

  /** A new, empty conversation (the current one stays in the history). */
  async newChat(): Promise<void> {
    await this.stop();
    this.session = undefined;
    await this.deps.history.clearCurrent();
    this.restore();
    this.deps.post({ type: 'focusInput' });
  }

  private async stream(
    client: ChatClient,
    model: string,
    messages: readonly ChatRequestMessage[],
    answerId: string,
    abort: AbortController,
    batcher: DeltaBatcher,
  ): Promise<void> {
    let content = '';
    let reasoning = '';
    const outcome = await client.streamChat(
      { model, messages },
      {
        signal: abort.signal,
        onDelta: (delta) => {
          if (delta.reasoning) reasoning += delta.reasoning;
          if (!delta.content) return;
          content += delta.content;
          batcher.push(delta.content);
          this.update(answerId, { content, ...(reasoning ? { reasoning } : {}) }, 'soon');
        },
      },
    );
    batcher.flush();
    const finishedAt = this.now();
    if (outcome.ok) {
      const state = outcome.finish === 'aborted' ? 'stopped' : 'complete';
      this.update(answerId, { content, ...(reasoning ? { reasoning } : {}), state, ...(outcome.usage ? { usage: outcome.usage } : {}), finishedAt }, 'now');
      this.deps.post({ type: 'answerEnded', id: answerId, state, ...(outcome.usage ? { usage: outcome.usage } : {}) });
      this.deps.logger.info(`Chat: answer ${state} in ${outcome.durationMs} ms (${content.length} characters).`);
      return;
    }
    const message = errorText(outcome.error, model);
    this.update(answerId, { content, state: 'error', error: { kind: outcome.error.kind, message }, finishedAt }, 'now');
    this.deps.post({ type: 'answerEnded', id: answerId, state: 'error', error: message });
    this.deps.logger.warn(`Chat: request failed (${outcome.error.kind}${outcome.error.status ? ` ${outcome.error.status}` : ''}): ${outcome.error.message}`);
  }

  private update(answerId: string, patch: Parameters<typeof updateMessage>[2], when: 'now' | 'soon'): void {
    if (!this.session) return;
    this.session = updateMessage(this.session, answerId, patch, this.now());
    this.deps.history.put(this.session, when);
  }
}
