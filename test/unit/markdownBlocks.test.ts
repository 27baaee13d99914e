import * as assert from 'node:assert/strict';
import { MarkdownBlockSplitter } from '../../src/core/chat/markdownBlocks';

function stableAfter(chunks: string[]): { text: string; stable: string } {
  const splitter = new MarkdownBlockSplitter();
  let at = 0;
  for (const c of chunks) at = splitter.append(c);
  return { text: splitter.source, stable: splitter.source.slice(0, at) };
}

describe('MarkdownBlockSplitter', () => {
  it('cuts after a blank line that ends a paragraph', () => {
    assert.equal(stableAfter(['Hello **wor', 'ld**.\n', '\nNext par']).stable, 'Hello **world**.\n\n');
  });

  it('keeps an open code fence (and blank lines inside it) in the tail', () => {
    const { stable } = stableAfter(['Intro\n\n```ts\nconst a = 1;\n\nconst b', ' = 2;\n']);
    assert.equal(stable, 'Intro\n\n');
  });

  it('cuts after a closing fence, even one split across chunks', () => {
    const { stable } = stableAfter(['```py\nx = 1\n``', '`\nAfter']);
    assert.equal(stable, '```py\nx = 1\n```\n');
  });

  it('does not close a fence with a shorter or different marker', () => {
    assert.equal(stableAfter(['````md\n```\ninner\n```\n\n']).stable, '');
    assert.equal(stableAfter(['~~~\n```\n\n']).stable, '');
  });

  it('cuts before a fence that directly follows a paragraph', () => {
    assert.equal(stableAfter(['Look:\n```js\nx()\n']).stable, 'Look:\n');
  });

  it('scans only new lines: the same boundaries whatever the chunking', () => {
    const text = 'A\n\n```ts\nconst x = `a`;\n\n```\nB **b**\n\nC\n';
    const whole = stableAfter([text]).stable;
    const bytes = stableAfter([...text]).stable;
    assert.equal(bytes, whole);
    assert.equal(whole, 'A\n\n```ts\nconst x = `a`;\n\n```\nB **b**\n\n');
  });

  it('tells where an open fence starts, its code begins and its language', () => {
    const splitter = new MarkdownBlockSplitter();
    splitter.append('Intro\n```python title\nx = 1\n');
    assert.deepEqual(splitter.openFence, { start: 6, bodyStart: 22, language: 'python' });
    splitter.append('```\n');
    assert.equal(splitter.openFence, undefined);
  });
});
