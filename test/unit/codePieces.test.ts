import * as assert from 'node:assert/strict';
import { codePieces } from '../../src/core/chat/codePieces';

describe('codePieces (progressive highlighting of long code blocks)', () => {
  const functions = Array.from({ length: 100 }, (_, i) => `def f${i}(x):\n    """Doc ${i}."""\n    return x + ${i}\n`).join('\n');

  it('keeps a short block whole', () => {
    assert.deepEqual(codePieces('a = 1\nb = 2\n'), ['a = 1\nb = 2\n']);
  });

  it('cuts a long block into pieces that join back to exactly the code', () => {
    const pieces = codePieces(functions, 30, 60);
    assert.ok(pieces.length > 1);
    assert.equal(pieces.join(''), functions);
  });

  it('cuts before a top-level line that follows a blank line, never inside a function', () => {
    for (const piece of codePieces(functions, 30, 60).slice(1)) assert.match(piece, /^def f\d+\(x\):/);
  });

  it('cuts at the line limit when the code has no such place', () => {
    const flat = Array.from({ length: 500 }, (_, i) => `    x${i} = ${i}`).join('\n');
    const pieces = codePieces(flat, 100, 200);
    assert.deepEqual(pieces.map((p) => p.split('\n').filter(Boolean).length), [200, 200, 100]);
    assert.equal(pieces.join(''), flat);
  });
});
