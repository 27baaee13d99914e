/**
 * The conversation the view shows, and one chat turn end to end: the question (with its attachments) →
 * buildChatPrompt → streamChat with an AbortSignal → deltas (answer and reasoning) to the view at most once per
 * ~30 ms, only what was appended → the answer's end state, usage or error, shown inside the conversation. The
 * partial answer is saved while it streams (throttled by ChatHistory), and Stop keeps it. Regenerate and
 * edit-and-resend take back the last question and ask again; sessions are opened from the history.
 */
import { randomUUID } from 'node:crypto';
import type { ChatClient, ChatRequestMessage } from '../core/api/chatCompletions';
import { applyTarget } from '../core/chat/applyTarget';
import { DeltaBatcher } from '../core/chat/batcher';
import { buildChatPrompt } from '../core/chat/prompt';
import type { ImageAttachment } from '../core/chat/images';
import { ChatMessage, ChatSession, ContextAttachment, appendMessage, createSession, updateMessage, withoutLastQuestion } from '../core/chat/session';
import type { Logger } from '../core/logger';
import { ChatHistory } from './history';
import type { HostMessage, ViewContextChip } from './protocol';
import { errorText, restoreMessage, toViewMessage } from './viewModel';

export interface ChatControllerDeps {
  /** Undefined when there is no key, or nowhere to send (endpointProblem). */
  readonly client: () => ChatClient | undefined;
  /** The endpoint setting is no URL: what to tell the user instead of asking for a key. */
  readonly endpointProblem?: () => string | undefined;
  readonly model: () => string;
  readonly history: ChatHistory;
  /** The context chips waiting for the next question. */
  readonly chips: () => ViewContextChip[];
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
  /** A question asked while there was no key: put back in the input when the view (re)loads. */
  private unsent: string | undefined;
  private readonly now: () => number;

  constructor(private readonly deps: ChatControllerDeps) {
    this.session = deps.history.currentSession();
    this.now = deps.now ?? Date.now;
  }

  get busy(): boolean {
    return this.turn !== undefined;
  }

  /** Whether a question can be sent (there is a key). */
  get hasKey(): boolean {
    return this.deps.client() !== undefined;
  }

  get sessionId(): string | undefined {
    return this.session?.id;
  }

  /** What the question before answer `answerId` was about (core/chat/applyTarget.ts): where code from it goes. */
  attachmentAsked(answerId: string): ContextAttachment | undefined {
    return applyTarget(this.session?.messages ?? [], answerId);
  }

  /** The whole conversation to the view (on its `ready`); text still waiting in the batcher is part of it. */
  restore(): void {
    this.turn?.batcher.clear();
    const endpointProblem = this.deps.endpointProblem?.();
    this.deps.post(
      restoreMessage(this.session, {
        hasKey: this.deps.client() !== undefined,
        ...(endpointProblem ? { endpointProblem } : {}),
        busy: this.busy,
        model: this.deps.model(),
        context: this.deps.chips(),
      }),
    );
    if (this.unsent !== undefined) this.deps.post({ type: 'setDraft', text: this.unsent });
  }

  keyChanged(): void {
    const hasKey = this.deps.client() !== undefined;
    const endpointProblem = this.deps.endpointProblem?.();
    this.deps.post({ type: 'keyState', hasKey, ...(endpointProblem ? { endpointProblem } : {}) });
    if (hasKey) this.unsent = undefined;
  }

  modelChanged(): void {
    this.deps.post({ type: 'model', model: this.deps.model() });
  }

  contextChanged(): void {
    this.deps.post({ type: 'context', chips: this.deps.chips() });
  }

  /**
   * Asks `question`; a turn still streaming is stopped first. Resolves when the answer has ended. Without a key
   * nothing is sent: the question goes back into the view's input, next to the Set API Key button.
   */
  async ask(question: string, context: readonly ContextAttachment[] = [], images: readonly ImageAttachment[] = []): Promise<void> {
    const text = question.trim();
    if (!text && !images.length) return;
    // Questions asked at once all wait on the same turn; the first to go on starts its own, which the next stops.
    while (this.turn) await this.stop();
    const client = this.deps.client();
    if (!client) {
      this.unsent = text;
      this.keyChanged();
      this.deps.post({ type: 'setDraft', text });
      return;
    }
    const model = this.deps.model();
    const now = this.now();
    const base = this.session ?? createSession({ id: randomUUID(), model, now });
    const prompt = buildChatPrompt(base, { content: text, context, images });
    // What the model saw: an attachment cut to fit the context is kept (and shown) as it was sent.
    // By position, not by path: the selection chip and the whole file can share one path, and only one was cut.
    const sent = context.map((a, i) => (prompt.sentAttachmentTexts[i].length < a.text.length ? { ...a, text: prompt.sentAttachmentTexts[i], truncated: true } : a));
    const questionMessage: ChatMessage = {
      id: randomUUID(),
      role: 'user',
      content: text,
      ...(sent.length ? { context: sent } : {}),
      ...(images.length ? { images } : {}),
      state: 'complete',
      createdAt: now,
    };
    const answer: ChatMessage = { id: randomUUID(), role: 'assistant', content: '', state: 'streaming', model, createdAt: now };
    this.session = appendMessage(appendMessage(base, questionMessage), answer);
    this.deps.history.put(this.session, 'now');

    const shownQuestion = toViewMessage(questionMessage);
    const shownAnswer = toViewMessage(answer);
    if (shownQuestion && shownAnswer) this.deps.post({ type: 'turnStarted', sessionId: this.session.id, title: this.session.title, question: shownQuestion, answer: shownAnswer });
    if (prompt.omittedExchanges || prompt.cutAttachments.length) {
      this.deps.logger.info(`Chat: left out ${prompt.omittedExchanges} earlier exchange(s), cut ${prompt.cutAttachments.join(', ') || 'nothing'} to fit the context.`);
    }

    const abort = new AbortController();
    const batcher = new DeltaBatcher((delta, reasoning) => this.deps.post({ type: 'answerDelta', id: answer.id, text: delta, ...(reasoning ? { reasoning } : {}) }));
    let finished: () => void = () => undefined;
    const done = new Promise<void>((resolve) => { finished = resolve; });
    const turn: Turn = { abort, answerId: answer.id, batcher, done };
    this.turn = turn;
    try {
      await this.stream(client, model, prompt.messages, answer.id, abort, batcher, images.length > 0);
    } finally {
      if (this.turn === turn) this.turn = undefined;
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

  /** Asks the last question again, in place of its answer (with the same attachments). */
  async regenerate(): Promise<void> {
    await this.stop();
    // Without a key nothing can be asked again: the exchange stays as it is, attachments and all (taking it back
    // first would lose them for good), and the view shows why.
    if (!this.hasKey) return this.keyChanged();
    const taken = this.session && withoutLastQuestion(this.session);
    if (!taken) return;
    await this.askAgain(taken.session, taken.question.content, taken.question.context ?? [], taken.question.images ?? []);
  }

  /** Edit and resend: `text` replaces the last question (keeping its attachments); its answer goes too. */
  async editLast(text: string): Promise<void> {
    if (!text.trim()) return;
    await this.stop();
    // Without a key the exchange it would replace stays; the edited text goes back into the input, as a question
    // asked without a key does.
    if (!this.hasKey) return this.ask(text);
    const taken = this.session && withoutLastQuestion(this.session);
    if (!taken) return this.ask(text);
    await this.askAgain(taken.session, text, taken.question.context ?? [], taken.question.images ?? []);
  }

  /** Shows a session from the history (a turn still streaming is stopped and kept). */
  async open(sessionId: string): Promise<void> {
    await this.stop();
    const session = this.deps.history.select(sessionId);
    if (!session) return;
    this.session = session;
    this.restore();
  }

  /** After a session was deleted from the history: the view empties when it was the one shown. */
  async deleted(sessionId: string): Promise<void> {
    if (this.session?.id !== sessionId) return;
    await this.stop();
    this.session = undefined;
    await this.deps.history.clearCurrent();
    this.restore();
  }

  /** After a session was renamed in the history: the view shows the new title when it shows that session. */
  renamed(sessionId: string): void {
    const stored = this.deps.history.sessions().find((s) => s.id === sessionId);
    if (!stored || this.session?.id !== sessionId) return;
    this.session = { ...this.session, title: stored.title };
    this.restore();
  }

  private async askAgain(session: ChatSession, question: string, context: readonly ContextAttachment[], images: readonly ImageAttachment[]): Promise<void> {
    this.session = session;
    this.deps.history.put(session, 'now');
    this.restore();
    await this.ask(question, context, images);
  }

  private async stream(
    client: ChatClient,
    model: string,
    messages: readonly ChatRequestMessage[],
    answerId: string,
    abort: AbortController,
    batcher: DeltaBatcher,
    withImages: boolean,
  ): Promise<void> {
    let content = '';
    let reasoning = '';
    const outcome = await client.streamChat(
      { model, messages },
      {
        signal: abort.signal,
        onDelta: (delta) => {
          if (!delta.content && !delta.reasoning) return;
          content += delta.content ?? '';
          reasoning += delta.reasoning ?? '';
          batcher.push(delta.content ?? '', delta.reasoning ?? '');
          this.update(answerId, { content, ...(reasoning ? { reasoning } : {}) }, 'soon');
        },
      },
    );
    // The text not yet sent goes with the end message: the answer's last line reaches the view one message sooner.
    const rest = batcher.take();
    const tail = { ...(rest.text ? { text: rest.text } : {}), ...(rest.reasoning ? { reasoning: rest.reasoning } : {}) };
    const finishedAt = this.now();
    // The view hears of the end before the history is written: that write carries the whole store over the same
    // channel, and the end of the answer must not wait behind it.
    if (outcome.ok) {
      const state = outcome.finish === 'aborted' ? 'stopped' : 'complete';
      // Stopped by the model's output limit: it may end mid-sentence or in the middle of a code block; the user is
      // told, not left to find out.
      const cutOff = outcome.finish === 'length' ? { cutOff: true } : {};
      this.deps.post({ type: 'answerEnded', id: answerId, state, ...tail, ...(outcome.usage ? { usage: outcome.usage } : {}), ...cutOff });
      this.update(answerId, { content, ...(reasoning ? { reasoning } : {}), state, ...(outcome.usage ? { usage: outcome.usage } : {}), ...cutOff, finishedAt }, 'now');
      this.deps.logger.info(`Chat: answer ${state}${outcome.finish === 'length' ? ' (cut off at the output limit)' : ''} in ${outcome.durationMs} ms (${content.length} characters).`);
      return;
    }
    // A model without vision refuses image parts with a 400 whose wording varies by server: say what to do.
    const imagesRefused = withImages && outcome.error.kind === 'bad-request' ? ' This model may not accept images: choose a vision model.' : '';
    const message = errorText(outcome.error, model) + imagesRefused;
    this.deps.post({ type: 'answerEnded', id: answerId, state: 'error', ...tail, error: message, errorKind: outcome.error.kind });
    this.update(answerId, { content, ...(reasoning ? { reasoning } : {}), state: 'error', error: { kind: outcome.error.kind, message }, finishedAt }, 'now');
    this.deps.logger.warn(`Chat: request failed (${outcome.error.kind}${outcome.error.status ? ` ${outcome.error.status}` : ''}): ${outcome.error.message}`);
  }

  private update(answerId: string, patch: Parameters<typeof updateMessage>[2], when: 'now' | 'soon'): void {
    if (!this.session) return;
    this.session = updateMessage(this.session, answerId, patch, this.now());
    this.deps.history.put(this.session, when);
  }
}
