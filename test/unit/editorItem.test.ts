import * as assert from 'node:assert/strict';
import { editorItem } from '../../src/core/completion/editorItem';

/** The line after the item replaces what it replaces after the cursor: what Tab leaves in the document. */
function accepted(linePrefix: string, lineSuffix: string, text: string): string {
  const item = editorItem(text, linePrefix, lineSuffix);
  assert.equal(lineSuffix.slice(0, item.replaceAfter).trim(), '', 'replaces only whitespace');
  return linePrefix + item.text + lineSuffix.slice(item.replaceAfter);
}

describe('editorItem: ghost text as VS Code is given it', () => {
  it('at column 0 of an indented line, starts the item after the indentation the text shares with the line', () => {
    assert.deepEqual(editorItem('    x += 1\n', '', '    return x'), { text: '    x += 1\n    ', replaceAfter: 4 });
    assert.deepEqual(editorItem('    # one\n', '', '        return 1'), { text: '    # one\n    ', replaceAfter: 4 });
    assert.deepEqual(editorItem('\tgo()\n', '', '\treturn'), { text: '\tgo()\n\t', replaceAfter: 1 });
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
    assert.deepEqual(editorItem('stop();\n', '', '}'), { text: 'stop();\n', replaceAfter: 0 });
    assert.deepEqual(editorItem('    a', '', '    b', 2), { text: '    a', replaceAfter: 2 });
  });
});
