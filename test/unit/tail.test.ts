import * as assert from 'node:assert/strict';
import type { EditContext } from '../../src/core/completion/editContext';
import { chooseLineMode } from '../../src/core/completion/postprocess';
import { tailReader } from '../../src/core/completion/tail';

/** The edit context for a document with the cursor at `|`. */
function at(doc: string): EditContext {
  const cursor = doc.indexOf('|');
  const before = doc.slice(0, cursor);
  const suffix = doc.slice(cursor + 1);
  const linePrefix = before.slice(before.lastIndexOf('\n') + 1);
  const lineSuffix = suffix.split('\n', 1)[0];
  return { linePrefix, lineSuffix, prefix: before, suffix, mode: chooseLineMode(linePrefix, lineSuffix), maxLines: 16 };
}

/** Whether to stop a stream at `ctx` with `raw` so far. */
function readOn(raw: string, ctx: EditContext, maxLines: number): ReturnType<ReturnType<typeof tailReader>> {
  return tailReader(ctx, maxLines)(raw);
}

describe('tail: how far a streamed answer is read', () => {
  const place = at('def load(path):\n    items = read(path)|\n\n\ndef main():\n    pass\n');

  it('goes on until what is shown is decided', () => {
    assert.deepEqual(readOn('\n    for item in items:', place, 16), { stop: false });
  });

  it('reads on past what is shown, for the statements after it', () => {
    // Shown: the next statement (the for loop); the one after it is still worth having.
    assert.deepEqual(readOn('\n    for item in items:\n        check(item)\n    return items\n', place, 16), { stop: false });
  });

  it('stops at a line that repeats the code after the cursor, keeping what came before it', () => {
    const raw = '\n    for item in items:\n        check(item)\n    return items\n\n\ndef main():\n    pass\n';
    assert.deepEqual(readOn(raw, place, 16), { stop: true, keep: '\n    for item in items:\n        check(item)\n    return items\n\n', complete: true });
  });

  // After a block opener what is shown is decided by the block's end; the tail reads on from there.
  const opener = at('def load(path):|\n\n\ndef main():\n    pass\n');

  it('stops as soon as a line being written starts like the code after the cursor', () => {
    const raw = '\n    return items\n\n\ndef main(';
    // What is shown waits for that line (it may yet be other code); once it is decided, the tail stops there.
    assert.deepEqual(readOn(raw, opener, 16), { stop: false });
    assert.deepEqual(tailReader(opener, 16)(raw, true), { stop: true, keep: '\n    return items\n\n', complete: true });
  });

  it('stops at the line limit, marking the answer as cut', () => {
    const raw = '\n    a = 1\n    b = 2\n    c = 3\n    d = 4\n';
    const read = readOn(raw, { ...opener, maxLines: 3 }, 3);
    assert.deepEqual(read, { stop: true, keep: '\n    a = 1\n    b = 2\n    c = 3', complete: false });
  });
});
