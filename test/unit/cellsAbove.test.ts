import * as assert from 'node:assert/strict';
import { charsAbove, linesOfCellsAbove, linesOfCellsBelow, withLinesAbove } from '../../src/core/completion/cellsAbove';
import { lineSourceOf, readWindow } from '../../src/core/completion/window';

describe('notebook cells: the code cells above a cell, read before it', () => {
  it('puts the cells above before the cell, each followed by one blank line, their trailing blank lines dropped', () => {
    const above = linesOfCellsAbove(['import pandas as pd\n\n\n', 'df = pd.read_csv("sales.csv")\r\ndf.head()']);
    assert.deepEqual(above, ['import pandas as pd', '', 'df = pd.read_csv("sales.csv")', 'df.head()', '']);
    const source = withLinesAbove(above, lineSourceOf('total = df['));
    const window = readWindow(source, { line: above.length, character: 'total = df['.length });
    assert.equal(window.prefix, 'import pandas as pd\n\ndf = pd.read_csv("sales.csv")\ndf.head()\n\ntotal = df[');
    assert.equal(charsAbove(above), window.prefix.length - 'total = df['.length, 'the offset of the cell\'s start in the file read');
  });

  it('puts the code cells below after the cell, each after a blank line, as the code that follows the cursor', () => {
    const below = linesOfCellsBelow(['print(total)\n\n', '', 'plot(df)']);
    assert.deepEqual(below, ['', 'print(total)', '', 'plot(df)']);
    const source = withLinesAbove(['import pandas as pd', ''], lineSourceOf('total = 1'), below);
    const window = readWindow(source, { line: 2, character: 'total = 1'.length });
    assert.equal(window.prefix, 'import pandas as pd\n\ntotal = 1');
    assert.equal(window.suffix, '\n\nprint(total)\n\nplot(df)');
  });

  it('keeps the nearest lines when the cells above are long, and adds nothing for none or empty ones', () => {
    const many = Array.from({ length: 50 }, (_, i) => `x${i} = ${i}`).join('\n');
    const above = linesOfCellsAbove([many, 'y = 1'], 10);
    assert.equal(above.length, 10);
    assert.deepEqual(above.slice(-3), ['', 'y = 1', '']);
    assert.deepEqual(linesOfCellsAbove([]), []);
    assert.deepEqual(linesOfCellsAbove(['', '  \n']), []);
    const cell = lineSourceOf('a = 1');
    assert.equal(withLinesAbove([], cell), cell);
  });
});
