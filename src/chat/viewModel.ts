/** Stored chat messages → what the view renders (no attachment text, no reasoning: only what the view shows). */
import { describeError } from '../core/api/errors';
import type { ChatMessage, ChatSession } from '../core/chat/session';
import type { HostMessage, ViewChatMessage } from './protocol';

export function toViewMessage(message: ChatMessage): ViewChatMessage | undefined {
  if (message.role === 'system') return undefined;
  return {
    id: message.id,
    role: message.role,
    content: message.content,
    state: message.state,
    ...(message.error ? { error: message.error.message } : {}),
    ...(message.usage ? { usage: message.usage } : {}),
    ...(message.model ? { model: message.model } : {}),
    ...(message.context?.length
      ? { attachments: message.context.map((a) => ({ path: a.path, ...(a.startLine ? { startLine: a.startLine } : {}), ...(a.endLine ? { endLine: a.endLine } : {}) })) }
      : {}),
  };
}

export function restoreMessage(session: ChatSession | undefined, hasKey: boolean, busy: boolean): HostMessage {
  return {
    type: 'restore',
    title: session?.title ?? '',
    messages: (session?.messages ?? []).map(toViewMessage).filter((m): m is ViewChatMessage => m !== undefined),
    hasKey,
    busy,
  };
}

/** The words shown in the conversation for a failed answer. */
export function errorText(error: Parameters<typeof describeError>[0], model: string): string {
  return describeError(error, model);
}
