import * as assert from 'node:assert/strict';
import { COMPARED_LINES, DEFAULT_WINDOW_LIMITS, lineSourceOf, readWindow, type LineSource, type WindowLimits } from '../../src/core/completion/window';

/** A document of `count` lines `line <n>` that counts which lines were read. */
function countingDoc(count: number, text: (n: number) => string = (n) => `line ${n}`): LineSource & { reads: number[] } {
  const reads: number[] = [];
  return {
    reads,
    lineCount: count,
    lineAt(line: number): string {
      assert.ok(line >= 0 && line < count, `read outside the document: ${line}`);
      reads.push(line);
      return text(line);
    },
  };
}

const lines = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}`);

const DOC = 'import os\n\ndef main():\n    print("hi")\n    return 0\n';

describe('window', () => {
  it('reads only the lines of the window in a 100,000-line document', () => {
    const doc = countingDoc(100_000);
    const w = readWindow(doc, { line: 50_000, character: 4 });
    const { maxPrefixLines, maxSuffixLines } = DEFAULT_WINDOW_LIMITS;
    assert.ok(doc.reads.length <= 1 + maxPrefixLines + maxSuffixLines, `${doc.reads.length} lineAt calls`);
    assert.ok(doc.reads.every((l) => l >= 50_000 - maxPrefixLines && l <= 50_000 + maxSuffixLines));
    assert.equal(w.prefix, [...lines(50_000 - maxPrefixLines, 49_999), 'line'].join('\n'));
    assert.equal(w.suffix, [' 50000', ...lines(50_001, 50_000 + maxSuffixLines)].join('\n'));
    assert.equal(w.atDocumentStart, false);
    assert.equal(w.atDocumentEnd, false);
  });

  it('costs the same near the end of a huge document', () => {
    const doc = countingDoc(100_000);
    const w = readWindow(doc, { line: 99_999, character: 0 });
    assert.ok(doc.reads.length <= 1 + DEFAULT_WINDOW_LIMITS.maxPrefixLines);
    assert.equal(w.suffix, 'line 99999');
    assert.equal(w.atDocumentEnd, true);
  });

  it('stops reading at the character limit even when lines are long', () => {
    const long = 'x'.repeat(1000);
    const doc = countingDoc(100_000, () => long);
    const w = readWindow(doc, { line: 50_000, character: 500 });
    // 6000 prefix chars hold 5 whole 1001-char lines beside the 500 on the cursor line; one more read finds the limit.
    // After the cursor, the next COMPARED_LINES lines are read whole for post-processing, and no more.
    assert.ok(doc.reads.length <= 1 + 6 + 3 + COMPARED_LINES, `${doc.reads.length} lineAt calls`);
    assert.equal(w.prefix, [long, long, long, long, long, 'x'.repeat(500)].join('\n'));
    assert.equal(w.suffix, ['x'.repeat(500), long].join('\n'));
    assert.equal(w.following, ['x'.repeat(500), ...Array<string>(COMPARED_LINES).fill(long)].join('\n'));
  });

  it('has the next lines whole for post-processing where one is longer than the window (a generated line)', () => {
    const generated = `let words = [${'"w",'.repeat(2000)}]`;
    const source = lineSourceOf(['" words', '', generated, '', 'function! Complete()', '  return 0', 'endfunction'].join('\n'));
    const w = readWindow(source, { line: 0, character: 7 });
    assert.equal(w.suffix, '\n', 'the prompt gets no part of the generated line');
    assert.equal(w.following, ['', '', generated, '', 'function! Complete()', '  return 0', 'endfunction'].join('\n'));
  });

  it('is exact at the start of the document', () => {
    const w = readWindow(lineSourceOf(DOC), { line: 0, character: 0 });
    assert.equal(w.prefix, '');
    assert.equal(w.suffix, DOC);
    assert.equal(w.linePrefix, '');
    assert.equal(w.lineSuffix, 'import os');
    assert.equal(w.atDocumentStart, true);
    assert.equal(w.atDocumentEnd, true);
  });

  it('is exact in the middle of the document and of a line', () => {
    const w = readWindow(lineSourceOf(DOC), { line: 3, character: 10 });
    assert.equal(w.prefix, 'import os\n\ndef main():\n    print(');
    assert.equal(w.suffix, '"hi")\n    return 0\n');
    assert.equal(w.prefix + w.suffix, DOC);
    assert.equal(w.linePrefix, '    print(');
    assert.equal(w.lineSuffix, '"hi")');
  });

  it('is exact at the end of the document', () => {
    const source = lineSourceOf(DOC);
    const w = readWindow(source, { line: source.lineCount - 1, character: 0 });
    assert.equal(w.prefix, DOC);
    assert.equal(w.suffix, '');
    assert.equal(w.lineSuffix, '');
    const lastChar = readWindow(lineSourceOf('a\nbc'), { line: 1, character: 2 });
    assert.deepEqual([lastChar.prefix, lastChar.suffix, lastChar.atDocumentEnd], ['a\nbc', '', true]);
  });

  it('honours line limits exactly', () => {
    const limits: WindowLimits = { maxPrefixLines: 2, maxSuffixLines: 1, maxPrefixChars: 10_000, maxSuffixChars: 10_000 };
    const doc = countingDoc(100);
    const small = readWindow(doc, { line: 10, character: 6 }, limits);
    assert.equal(small.prefix, 'line 8\nline 9\nline 1');
    assert.equal(small.suffix, '0\nline 11');
    assert.deepEqual([...doc.reads].sort((a, b) => a - b), [8, 9, 10, 11, ...Array.from({ length: COMPARED_LINES - 1 }, (_, i) => 12 + i)]);
    assert.equal(small.following, ['0', ...lines(11, 10 + COMPARED_LINES)].join('\n'));
    assert.equal(small.atDocumentStart, false);
    assert.equal(small.atDocumentEnd, false);
    const whole = readWindow(countingDoc(100), { line: 10, character: 6 });
    assert.equal(whole.atDocumentStart, true);
    assert.equal(whole.prefix, [...lines(0, 9), 'line 1'].join('\n'));
  });

  it('keeps whole lines within the character limits', () => {
    const limits: WindowLimits = { maxPrefixLines: 100, maxSuffixLines: 100, maxPrefixChars: 20, maxSuffixChars: 15 };
    const w = readWindow(countingDoc(100), { line: 50, character: 4 });
    assert.ok(w.prefix.length > 20);
    const small = readWindow(countingDoc(100), { line: 50, character: 4 }, limits);
    // 'line' (4) + '\nline 49' (8) + '\nline 48' (8) = 20
    assert.equal(small.prefix, 'line 48\nline 49\nline');
    assert.equal(small.suffix, ' 50\nline 51');
    assert.ok(small.prefix.length <= 20 && small.suffix.length <= 15);
  });

  it('cuts a single line longer than the limits next to the cursor', () => {
    const limits: WindowLimits = { maxPrefixLines: 10, maxSuffixLines: 10, maxPrefixChars: 8, maxSuffixChars: 5 };
    const w = readWindow(lineSourceOf('first\nabcdefghijklmnopqrstuvwxyz\nlast'), { line: 1, character: 13 }, limits);
    assert.equal(w.prefix, 'fghijklm');
    assert.equal(w.suffix, 'nopqr');
    assert.equal(w.linePrefix, 'abcdefghijklm');
    assert.equal(w.lineSuffix, 'nopqrstuvwxyz');
  });
});
