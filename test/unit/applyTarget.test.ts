import * as assert from 'node:assert/strict';
import { applyTarget } from '../../src/core/chat/applyTarget';
import type { ChatMessage, ContextAttachment } from '../../src/core/chat/session';

const file = (path: string): ContextAttachment => ({ kind: 'file', path, languageId: 'typescript', text: 'export const a = 1;\n', truncated: false, uri: `file:///w/${path}` });
const selection: ContextAttachment = { kind: 'selection', path: 'src/c.ts', languageId: 'typescript', text: 'c()', truncated: false, startLine: 4, endLine: 4, uri: 'file:///w/src/c.ts' };

/** A question with `context` and its answer `a1`. */
function exchange(context: readonly ContextAttachment[]): ChatMessage[] {
  return [
    { id: 'q1', role: 'user', content: '/fix', ...(context.length ? { context } : {}), state: 'complete', createdAt: 1 },
    { id: 'a1', role: 'assistant', content: 'Fixed:', state: 'complete', createdAt: 2 },
  ];
}

describe('applyTarget (the file Apply to File writes to)', () => {
  it('is the whole file the question attached (Fix with nothing selected, or one file added with @)', () => {
    assert.equal(applyTarget(exchange([file('src/a.ts')]), 'a1')?.uri, 'file:///w/src/a.ts');
  });

  it('is the selection the question carried, even beside attached files', () => {
    assert.equal(applyTarget(exchange([file('src/a.ts'), selection]), 'a1'), selection);
  });

  it('names no file when the question attached several and no selection, or nothing (the editor last worked in)', () => {
    assert.equal(applyTarget(exchange([file('src/a.ts'), file('src/b.ts')]), 'a1'), undefined);
    assert.equal(applyTarget(exchange([]), 'a1'), undefined);
    assert.equal(applyTarget(exchange([file('src/a.ts')]), 'unknown'), undefined);
  });
});
