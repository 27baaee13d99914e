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

  it('changes nothing where the cursor is after code, the text starts with code, or the cache already replaces', () => {
    assert.deepEqual(editorItem('y', 'x = ', '  # c'), { text: 'y', replaceAfter: 0 });
    assert.deepEqual(editorItem('stop();', '', '}'), { text: 'stop();', replaceAfter: 0 });
    assert.deepEqual(editorItem('    body', '', ''), { text: '    body', replaceAfter: 0 });
    assert.deepEqual(editorItem('    a', '', '    b', 2), { text: '    a', replaceAfter: 2 });
  });
});
