/** Stored chat messages → what the view renders (attachments as paths and lines, never their text). */
import { describeError } from '../core/api/errors';
import type { ChatMessage, ChatSession } from '../core/chat/session';
import type { HostMessage, ViewChatMessage, ViewContextChip } from './protocol';

export function toViewMessage(message: ChatMessage): ViewChatMessage | undefined {
  if (message.role === 'system') return undefined;
  return {
    id: message.id,
    role: message.role,
    content: message.content,
    state: message.state,
    ...(message.error ? { error: message.error.message, errorKind: message.error.kind } : {}),
    ...(message.usage ? { usage: message.usage } : {}),
    ...(message.cutOff ? { cutOff: true } : {}),
    ...(message.model ? { model: message.model } : {}),
    ...(message.reasoning ? { reasoning: message.reasoning } : {}),
    ...(message.context?.length || message.images?.length
      ? {
          attachments: [
            ...(message.context ?? []).map((a) => ({
              path: a.path,
              kind: a.kind,
              ...(a.startLine ? { startLine: a.startLine } : {}),
              ...(a.endLine ? { endLine: a.endLine } : {}),
              ...(a.truncated ? { truncated: true } : {}),
            })),
            ...(message.images ?? []).map((i) => ({ path: i.name, kind: 'image' as const })),
          ],
        }
      : {}),
  };
}

export interface ViewSurroundings {
  readonly hasKey: boolean;
  readonly endpointProblem?: string;
  readonly busy: boolean;
  /** The chat model the next question goes to (the setting), not the session's last one. */
  readonly model: string;
  readonly context: readonly ViewContextChip[];
}

export function restoreMessage(session: ChatSession | undefined, around: ViewSurroundings): HostMessage {
  return {
    type: 'restore',
    sessionId: session?.id ?? '',
    title: session?.title ?? '',
    messages: (session?.messages ?? []).map(toViewMessage).filter((m): m is ViewChatMessage => m !== undefined),
    ...around,
  };
}

/** The words shown in the conversation for a failed answer. */
export function errorText(error: Parameters<typeof describeError>[0], model: string): string {
  return describeError(error, model);
}
