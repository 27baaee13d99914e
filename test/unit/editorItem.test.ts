import * as assert from 'node:assert/strict';
import { editorItem } from '../../src/core/completion/editorItem';

/** The line after the item replaces what it replaces after the cursor: what Tab leaves in the document. */
function accepted(linePrefix: string, lineSuffix: string, text: string): string {
  const item = editorItem(text, linePrefix, lineSuffix);
  assert.ok(item.replaceAfter <= lineSuffix.length, 'replaces only what follows on the line');
  return linePrefix + item.text + lineSuffix.slice(item.replaceAfter);
}

describe('editorItem: ghost text as VS Code is given it', () => {
  it('before the code of a line, gives lines to go above it as replacing the rest of the line', () => {
    assert.deepEqual(editorItem('    x += 1\n', '', '    return x'), { text: '    x += 1\n    return x', replaceAfter: 12 });
    assert.deepEqual(editorItem('    stop();\n', '', '}'), { text: '    stop();\n}', replaceAfter: 1 });
    assert.deepEqual(editorItem('x += 1\n    ', '    ', 'return x'), { text: 'x += 1\n    return x', replaceAfter: 8 });
  });

  it('gives one line that starts with the indentation after the cursor as going in after it', () => {
    assert.deepEqual(editorItem('    x', '', '    y'), { text: '    x    ', replaceAfter: 4 });
    assert.deepEqual(editorItem('\tgo()', '', '\treturn'), { text: '\tgo()\t', replaceAfter: 1 });
  });

  it('leaves the document after Tab exactly as inserting the text at the cursor would', () => {
    for (const [prefix, suffix, text] of [
      ['', '    return x', '    x += 1\n'],
      ['', '        return 1', '    # one\n'],
      ['  ', '  return x', '  x += 1\n    '],
      ['', '}', '    stop();\n'],
      ['x = ', '1', 'f('],
    ]) {
      assert.equal(accepted(prefix, suffix, text), prefix + text + suffix);
    }
  });

  it('at column 0 of an empty line, gives lines that end with a line break as starting at the end of the line above', () => {
    // VS Code would move the insertion there itself and then show nothing (the cursor is not on that line).
    assert.deepEqual(editorItem('{\nBEGIN\n', '', ''), { text: '\n{\nBEGIN\n', replaceAfter: 0, fromLineAbove: true });
    assert.deepEqual(editorItem('x = 1\n', '', ''), { text: '\nx = 1\n', replaceAfter: 0, fromLineAbove: true });
    // The same document after Tab: the line break before the cursor is replaced by itself and the text.
    const above = 'def f():\n';
    const item = editorItem('    a = 1\n', '', '');
    assert.equal(above.slice(0, -1) + item.text, above + '    a = 1\n');
    // Not on the first line (nothing above), nor for text that starts or ends otherwise, nor after indentation.
    assert.deepEqual(editorItem('{\nBEGIN\n', '', '', 0, true), { text: '{\nBEGIN\n', replaceAfter: 0 });
    assert.deepEqual(editorItem('\nx\n', '', ''), { text: '\nx\n', replaceAfter: 0 });
    assert.deepEqual(editorItem('x\ny', '', ''), { text: 'x\ny', replaceAfter: 0 });
    assert.deepEqual(editorItem('x\n', '    ', ''), { text: 'x\n', replaceAfter: 0 });
  });

  it('changes nothing where the cursor is after code, the text starts with code, or the cache already replaces', () => {
    assert.deepEqual(editorItem('y', 'x = ', '  # c'), { text: 'y', replaceAfter: 0 });
    assert.deepEqual(editorItem('stop();', '', '}'), { text: 'stop();', replaceAfter: 0 });
    assert.deepEqual(editorItem('    body', '', ''), { text: '    body', replaceAfter: 0 });
    assert.deepEqual(editorItem('    a', '', '    b', 2), { text: '    a', replaceAfter: 2 });
  });
});
