/** The conversation: question and answer elements, an answer's streaming text, its end state and usage. */
import type { ViewAttachment, ViewChatMessage, ViewUsage } from '../protocol';
import { el, icon } from './dom';
import { StreamingMarkdown } from './streamingMarkdown';

interface AnswerView {
  readonly root: HTMLElement;
  readonly markdown: StreamingMarkdown;
  readonly footer: HTMLElement;
  readonly model?: string;
}

function attachmentLabel(a: ViewAttachment): string {
  const name = a.path.split('/').pop() ?? a.path;
  if (a.startLine === undefined) return name;
  return a.endLine !== undefined && a.endLine !== a.startLine ? `${name}:${a.startLine}-${a.endLine}` : `${name}:${a.startLine}`;
}

function formatUsage(usage: ViewUsage, model?: string): string {
  const n = (v: number): string => v.toLocaleString('en-US');
  const shortModel = model ? ` · ${model.split('/').pop() ?? model}` : '';
  return `${n(usage.promptTokens)} in · ${n(usage.completionTokens)} out${shortModel}`;
}

export class MessageList {
  private readonly answers = new Map<string, AnswerView>();

  /** Whether the view follows new text: true while the user is at the bottom (reading up must not be interrupted). */
  private following = true;

  constructor(private readonly root: HTMLElement, private readonly scroller: HTMLElement) {
    scroller.addEventListener('scroll', () => {
      this.following = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
    }, { passive: true });
  }

  get isEmpty(): boolean {
    return this.root.childElementCount === 0;
  }

  clear(): void {
    this.answers.clear();
    this.root.replaceChildren();
  }

  add(message: ViewChatMessage): void {
    if (message.role === 'user') this.addQuestion(message);
    else this.addAnswer(message);
  }

  appendText(id: string, text: string): void {
    const answer = this.answers.get(id);
    if (!answer) return;
    answer.root.classList.remove('waiting');
    answer.markdown.append(text);
    this.scrollToEnd();
  }

  end(id: string, state: 'complete' | 'stopped' | 'error', error?: string, usage?: ViewUsage): void {
    const answer = this.answers.get(id);
    if (!answer) return;
    answer.markdown.finish();
    answer.root.classList.remove('streaming', 'waiting');
    answer.root.dataset.state = state;
    this.fillFooter(answer.footer, state, error, usage, answer.model);
    this.scrollToEnd();
  }

  private addQuestion(message: ViewChatMessage): void {
    const root = el('div', 'message question');
    root.dataset.id = message.id;
    root.append(this.header('account', 'You'));
    if (message.attachments?.length) {
      const chips = el('div', 'attachments');
      for (const a of message.attachments) {
        const chip = el('span', 'attachment');
        chip.title = a.path;
        chip.append(icon('file-code'), el('span', '', attachmentLabel(a)));
        chips.append(chip);
      }
      root.append(chips);
    }
    root.append(el('div', 'question-text', message.content));
    this.root.append(root);
    this.scrollToEnd(true);
  }

  private addAnswer(message: ViewChatMessage): void {
    const root = el('div', 'message answer');
    root.dataset.id = message.id;
    root.dataset.state = message.state;
    const body = el('div', 'markdown');
    const footer = el('div', 'answer-footer');
    root.append(this.header('sparkle', 'Fireworks'), body, el('div', 'typing', ''), footer);
    root.querySelector('.typing')?.append(icon('loading', 'codicon-modifier-spin'), el('span', '', 'Thinking…'));
    const markdown = new StreamingMarkdown(body, message.content);
    this.answers.set(message.id, { root, markdown, footer, model: message.model });
    this.root.append(root);
    if (message.state === 'streaming') {
      root.classList.add('streaming');
      if (!message.content) root.classList.add('waiting');
    } else {
      markdown.finish();
      this.fillFooter(footer, message.state, message.error, message.usage, message.model);
    }
    this.scrollToEnd();
  }

  private header(iconName: string, who: string): HTMLElement {
    const header = el('div', 'message-header');
    header.append(icon(iconName), el('span', 'author', who));
    return header;
  }

  private fillFooter(footer: HTMLElement, state: string, error?: string, usage?: ViewUsage, model?: string): void {
    footer.replaceChildren();
    if (state === 'error') {
      const box = el('div', 'answer-error');
      box.setAttribute('role', 'alert');
      box.append(icon('error'), el('span', '', error ?? 'The request failed.'));
      footer.append(box);
    } else if (state === 'stopped') {
      footer.append(el('span', 'answer-note', 'Stopped'));
    }
    if (usage) footer.append(el('span', 'answer-usage', formatUsage(usage, model)));
  }

  private scrollToEnd(force = false): void {
    if (force) this.following = true;
    if (!this.following) return;
    requestAnimationFrame(() => {
      this.scroller.scrollTop = this.scroller.scrollHeight;
    });
  }
}
