import * as assert from 'node:assert/strict';
import MarkdownIt, { type Token } from 'markdown-it';
import { MarkdownBlockSplitter, tokenSpans } from '../../src/core/chat/markdownBlocks';

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

  it('does not cut a list item from its indented code fence or its next paragraph: rendered alone, they would be an indented code block showing the fences', () => {
    const item = '1. Setup:\n   - Create a.py:\n\n     ```python\n     print(1)\n\n     print(2)\n     ```\n     Then run it.\n\n';
    const text = `${item}2. Run it.\n`;
    // Streamed a character at a time, the only cut is after the whole item.
    const splitter = new MarkdownBlockSplitter();
    const cuts = new Set([...text].map((c) => splitter.append(c)).filter((at) => at > 0));
    assert.deepEqual([...cuts], [item.length]);
    const html = new MarkdownIt().render(item);
    assert.match(html, /<code class="language-python">print\(1\)\n\nprint\(2\)\n<\/code>/);
    assert.ok(!html.includes('```'), html);
  });

  it('reads fences and blank lines in CRLF text', () => {
    const splitter = new MarkdownBlockSplitter();
    const at = splitter.append('Intro\r\n\r\n```ts\r\nconst a = 1;\r\n\r\nconst b = 2;\r\n');
    assert.equal(splitter.source.slice(0, at), 'Intro\r\n\r\n', 'the blank line inside the code is not a cut');
    assert.equal(splitter.openFence?.language, 'ts');
    assert.equal(splitter.append('```\r\nAfter\r\n'), splitter.source.indexOf('After'));
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

describe('tokenSpans', () => {
  const md = new MarkdownIt();
  const types = (tokens: Token[], spans: [number, number][]): string[] => spans.map(([from, to]) => `${tokens[from].type}..${tokens[to - 1].type}`);

  it('cuts the top level into whole elements: a paragraph, a list, a fence, a table', () => {
    const tokens = md.parse('Intro **bold**\n\n- a\n- b\n  - nested\n\n```ts\nx\n```\n\n| h |\n| - |\n| 1 |\n', {});
    const spans = tokenSpans(tokens, 0, tokens.length);
    assert.deepEqual(types(tokens, spans), ['paragraph_open..paragraph_close', 'bullet_list_open..bullet_list_close', 'fence..fence', 'table_open..table_close']);
    assert.equal(spans[spans.length - 1][1], tokens.length);
  });

  it('cuts an element\'s content into its children: list items, table sections, rows, cells', () => {
    const tokens = md.parse('- a\n- b\n  - nested\n- c\n', {});
    const [[listFrom, listTo]] = tokenSpans(tokens, 0, tokens.length);
    const items = tokenSpans(tokens, listFrom + 1, listTo - 1);
    assert.deepEqual(types(tokens, items), Array(3).fill('list_item_open..list_item_close'));
    const table = md.parse('| h | i |\n| - | - |\n| 1 | 2 |\n| 3 | 4 |\n', {});
    const [[tableFrom, tableTo]] = tokenSpans(table, 0, table.length);
    const sections = tokenSpans(table, tableFrom + 1, tableTo - 1);
    assert.deepEqual(types(table, sections), ['thead_open..thead_close', 'tbody_open..tbody_close']);
    const [bodyFrom, bodyTo] = sections[1];
    const rows = tokenSpans(table, bodyFrom + 1, bodyTo - 1);
    assert.deepEqual(types(table, rows), ['tr_open..tr_close', 'tr_open..tr_close']);
    assert.deepEqual(types(table, tokenSpans(table, rows[1][0] + 1, rows[1][1] - 1)), ['td_open..td_close', 'td_open..td_close']);
  });

  it('covers the range exactly, even cut inside an element', () => {
    const tokens = md.parse('A\n\n- a\n- b\n', {});
    const spans = tokenSpans(tokens, 1, tokens.length - 2);
    assert.equal(spans[0][0], 1);
    assert.equal(spans[spans.length - 1][1], tokens.length - 2);
    for (let i = 1; i < spans.length; i++) assert.equal(spans[i][0], spans[i - 1][1]);
  });
});
