/**
 * The attachment that says which file code from an answer goes to (Apply to File): the selection its question
 * carried, else the one whole file it carried (Fix, Explain, /tests with nothing selected attach the whole file, as
 * `@` does). A question with several files and no selection names no one file: the code goes to the editor the
 * user last worked in.
 */
import type { ChatMessage, ContextAttachment } from './session';

export function applyTarget(messages: readonly ChatMessage[], answerId: string): ContextAttachment | undefined {
  const at = messages.findIndex((m) => m.id === answerId);
  const question = at > 0 ? messages[at - 1] : undefined;
  if (question?.role !== 'user') return undefined;
  const context = question.context ?? [];
  const selection = context.find((a) => a.kind === 'selection');
  if (selection) return selection;
  const files = context.filter((a) => a.kind === 'file');
  return files.length === 1 ? files[0] : undefined;
}
