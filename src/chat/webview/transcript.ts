/**
 * The conversation as data, kept in step with what the view shows (streamed text and reasoning appended), so that
 * the view's saved state can show it again at once. Appending concatenates strings, which engines do without
 * copying: a chunk's cost does not grow with the answer.
 */
import type { ViewChatMessage, ViewErrorKind, ViewUsage } from '../protocol';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const json = (value: unknown): string => JSON.stringify(value ?? null);

function sameMessage(a: ViewChatMessage, b: ViewChatMessage): boolean {
  return (
    a.id === b.id &&
    a.role === b.role &&
    a.state === b.state &&
    a.content === b.content &&
    (a.reasoning ?? '') === (b.reasoning ?? '') &&
    a.error === b.error &&
    a.errorKind === b.errorKind &&
    a.model === b.model &&
    a.usage?.promptTokens === b.usage?.promptTokens &&
    a.usage?.completionTokens === b.usage?.completionTokens &&
    json(a.attachments) === json(b.attachments)
  );
}

export class Transcript {
  private list: Mutable<ViewChatMessage>[] = [];
  private byId = new Map<string, Mutable<ViewChatMessage>>();

  get messages(): readonly ViewChatMessage[] {
    return this.list;
  }

  /** Whether an answer is still streaming. */
  get busy(): boolean {
    return this.list.some((m) => m.state === 'streaming');
  }

  /** Whether `messages` is what is shown already (a restore that changes nothing need not be rendered). */
  equals(messages: readonly ViewChatMessage[]): boolean {
    return messages.length === this.list.length && messages.every((m, i) => sameMessage(m, this.list[i]));
  }

  replace(messages: readonly ViewChatMessage[]): void {
    this.list = [];
    this.byId = new Map();
    for (const m of messages) this.add(m);
  }

  add(message: ViewChatMessage): void {
    const copy = { ...message };
    this.list.push(copy);
    this.byId.set(copy.id, copy);
  }

  append(id: string, text: string, reasoning?: string): void {
    const m = this.byId.get(id);
    if (!m) return;
    if (text) m.content += text;
    if (reasoning) m.reasoning = (m.reasoning ?? '') + reasoning;
  }

  end(id: string, state: 'complete' | 'stopped' | 'error', error?: string, errorKind?: ViewErrorKind, usage?: ViewUsage, cutOff?: boolean): void {
    const m = this.byId.get(id);
    if (!m) return;
    m.state = state;
    if (cutOff) m.cutOff = true;
    if (error !== undefined) m.error = error;
    if (errorKind !== undefined) m.errorKind = errorKind;
    if (usage !== undefined) m.usage = usage;
  }
}
