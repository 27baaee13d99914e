/**
 * The conversation: question and answer elements, an answer's streaming text and reasoning, its end state, and the
 * actions on the last exchange (Regenerate on the last answer, Edit and Resend on the last question) while nothing
 * streams.
 */
import type { ViewChatMessage, ViewUsage, ViewErrorKind } from '../protocol';
import { ErrorActions, fillFooter } from './answerFooter';
import { renderAttachment } from './attachments';
import { el, icon, iconButton } from './dom';
import { followsAfterScroll } from './following';
import { ReasoningView } from './reasoning';
import { StreamingMarkdown } from './streamingMarkdown';

export interface MessageActions extends ErrorActions {
  regenerate(): void;
  edit(question: string): void;
  /** The focused action went away (Regenerate once clicked): the keyboard goes on in the input. */
  focusInput(): void;
}

interface AnswerView {
  readonly root: HTMLElement;
  readonly markdown: StreamingMarkdown;
  readonly footer: HTMLElement;
  readonly model?: string;
  reasoning?: ReasoningView;
  hasText: boolean;
}

export class MessageList {
  private answers = new Map<string, AnswerView>();
  private questions = new Map<string, string>();
  private busy = false;
  private editing = false;
  private readonly regenerateButton: HTMLButtonElement;
  private readonly editButton: HTMLButtonElement;

  /** Whether the view follows new text: true while the user is at the bottom (reading up must not be interrupted). */
  private following = true;
  private scrollFrame: number | undefined;
  /** scrollTop at the last scroll event (or the last scroll the view made). */
  private lastTop = 0;

  constructor(private readonly root: HTMLElement, private readonly scroller: HTMLElement, private readonly actions: MessageActions) {
    // Following stops only when the user scrolls up; content growing under a scroll the view made itself (the
    // scroll event comes after the text grew) must not stop it. At the bottom again, following resumes.
    scroller.addEventListener('scroll', () => {
      const top = scroller.scrollTop;
      this.following = followsAfterScroll(this.following, { top, lastTop: this.lastTop, belowView: scroller.scrollHeight - top - scroller.clientHeight });
      this.lastTop = top;
    }, { passive: true });
    // A wheel turned up means reading up, even where the view cannot scroll further (it is not a scroll event).
    scroller.addEventListener('wheel', (event) => {
      if (event.deltaY < 0) this.following = false;
    }, { passive: true });
    this.regenerateButton = iconButton('refresh', 'Regenerate', 'message-action regenerate');
    this.regenerateButton.addEventListener('click', () => actions.regenerate());
    this.editButton = iconButton('edit', 'Edit and Resend', 'message-action edit-question');
    this.editButton.addEventListener('click', () => {
      const question = this.editButton.closest<HTMLElement>('.message.question');
      const text = question?.dataset.id !== undefined ? this.questions.get(question.dataset.id) : undefined;
      if (text !== undefined) actions.edit(text);
    });
  }

  get isEmpty(): boolean {
    return this.root.childElementCount === 0;
  }

  /** Where the user is reading when not at the end (the scroll offset), for the view's saved state. */
  get readingAt(): number | undefined {
    return this.following ? undefined : Math.round(this.scroller.scrollTop);
  }

  /** Back where the user was reading (after the conversation was rebuilt from the saved state). */
  readAt(top: number): void {
    this.following = false;
    this.scroller.scrollTop = top;
    this.lastTop = this.scroller.scrollTop;
  }

  /** The answers whose reasoning the user unfolded. */
  get unfoldedReasoning(): string[] {
    return [...this.answers].filter(([, answer]) => answer.reasoning?.root.open).map(([id]) => id);
  }

  unfoldReasoning(ids: readonly string[]): void {
    for (const id of ids) {
      const reasoning = this.answers.get(id)?.reasoning;
      if (reasoning) reasoning.root.open = true;
    }
  }

  /** The whole conversation replaced in one step (built aside, then swapped in: no empty frame in between). */
  replaceAll(messages: readonly ViewChatMessage[]): void {
    this.answers = new Map();
    this.questions = new Map();
    const fragment = document.createDocumentFragment();
    for (const message of messages) fragment.append(this.create(message));
    this.root.replaceChildren(fragment);
    this.placeActions();
    this.scrollToEnd(true);
  }

  add(message: ViewChatMessage): void {
    this.root.append(this.create(message));
    this.placeActions();
    this.scrollToEnd(message.role === 'user');
  }

  /** A streamed chunk: `text` to the answer, `reasoning` to its reasoning (either may be empty). */
  appendDelta(id: string, text: string, reasoning?: string): void {
    const answer = this.answers.get(id);
    if (!answer) return;
    if (reasoning) {
      answer.root.classList.remove('waiting');
      this.reasoningOf(answer, !answer.hasText).append(reasoning);
    }
    if (text) {
      answer.root.classList.remove('waiting');
      answer.hasText = true;
      answer.reasoning?.done();
      answer.markdown.append(text);
    }
    this.scrollToEnd();
  }

  end(id: string, state: 'complete' | 'stopped' | 'error', error?: string, errorKind?: ViewErrorKind, usage?: ViewUsage, cutOff?: boolean): void {
    const answer = this.answers.get(id);
    if (!answer) return;
    answer.markdown.finish();
    answer.reasoning?.done();
    answer.root.classList.remove('streaming', 'waiting');
    answer.root.dataset.state = state;
    fillFooter(answer.footer, { state, error, errorKind, usage, model: answer.model, cutOff }, this.actions);
    this.placeActions();
    // The end of an answer is shown in the next frame, not the one after: its last render was just done.
    this.scrollToEndNow();
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.placeActions();
  }

  /** Marks the last question while it is being edited in the input. */
  setEditing(editing: boolean): void {
    this.editing = editing;
    this.placeActions();
  }

  private create(message: ViewChatMessage): HTMLElement {
    return message.role === 'user' ? this.createQuestion(message) : this.createAnswer(message);
  }

  private createQuestion(message: ViewChatMessage): HTMLElement {
    const root = el('div', 'message question');
    root.dataset.id = message.id;
    this.questions.set(message.id, message.content);
    root.append(this.header('account', 'You'));
    if (message.attachments?.length) {
      const chips = el('div', 'attachments');
      chips.append(...message.attachments.map(renderAttachment));
      root.append(chips);
    }
    root.append(el('div', 'question-text', message.content));
    return root;
  }

  private createAnswer(message: ViewChatMessage): HTMLElement {
    const root = el('div', 'message answer');
    root.dataset.id = message.id;
    root.dataset.state = message.state;
    const body = el('div', 'markdown');
    const footer = el('div', 'answer-footer');
    const typing = el('div', 'typing');
    typing.append(icon('loading', 'codicon-modifier-spin'), el('span', '', 'Thinking…'));
    root.append(this.header('sparkle', 'Fireworks'), body, typing, footer);
    const markdown = new StreamingMarkdown(body, message.content);
    const answer: AnswerView = { root, markdown, footer, model: message.model, hasText: message.content !== '' };
    this.answers.set(message.id, answer);
    const streaming = message.state === 'streaming';
    if (message.reasoning) this.reasoningOf(answer, streaming && !answer.hasText).append(message.reasoning);
    if (streaming) {
      root.classList.add('streaming');
      if (!message.content && !message.reasoning) root.classList.add('waiting');
    } else {
      markdown.finish();
      fillFooter(footer, message, this.actions);
    }
    return root;
  }

  private reasoningOf(answer: AnswerView, thinking: boolean): ReasoningView {
    if (!answer.reasoning) {
      answer.reasoning = new ReasoningView('', thinking);
      answer.root.querySelector('.message-header')?.after(answer.reasoning.root);
    }
    return answer.reasoning;
  }

  private header(iconName: string, who: string): HTMLElement {
    const header = el('div', 'message-header');
    header.append(icon(iconName), el('span', 'author', who));
    return header;
  }

  /** Regenerate under the last answer, Edit and Resend on the last question: only while nothing streams. */
  private placeActions(): void {
    const focused = document.activeElement;
    const hadFocus = focused === this.regenerateButton || focused === this.editButton;
    this.placeActionButtons();
    if (hadFocus && focused instanceof HTMLElement && !focused.isConnected) this.actions.focusInput();
  }

  private placeActionButtons(): void {
    const last = this.root.lastElementChild;
    const lastAnswer = last?.classList.contains('answer') ? last : undefined;
    const lastQuestion = lastAnswer ? lastAnswer.previousElementSibling : last;
    this.root.querySelector('.message.question.editing')?.classList.remove('editing');
    const answerIdle = lastAnswer instanceof HTMLElement && lastAnswer.dataset.state !== 'streaming';
    if (!this.busy && answerIdle) this.answers.get(lastAnswer.dataset.id ?? '')?.footer.append(this.regenerateButton);
    else this.regenerateButton.remove();
    const questionIdle = lastQuestion?.classList.contains('question') && !this.busy && (!lastAnswer || answerIdle);
    if (questionIdle && lastQuestion) {
      lastQuestion.querySelector('.message-header')?.append(this.editButton);
      lastQuestion.classList.toggle('editing', this.editing);
    } else {
      this.editButton.remove();
    }
  }

  /** Follows the end at once (one layout), where the view follows it. */
  private scrollToEndNow(): void {
    if (this.scrollFrame !== undefined) cancelAnimationFrame(this.scrollFrame);
    this.scrollFrame = undefined;
    this.jumpToEnd();
  }

  private jumpToEnd(): void {
    if (!this.following) return;
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.lastTop = this.scroller.scrollTop;
  }

  private scrollToEnd(force = false): void {
    if (force) this.following = true;
    if (!this.following || this.scrollFrame !== undefined) return;
    this.scrollFrame = requestAnimationFrame(() => {
      this.scrollFrame = undefined;
      this.jumpToEnd();
    });
  }
}
