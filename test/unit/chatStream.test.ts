import * as assert from 'node:assert/strict';
import { splitThink, ThinkSplitter, THINK_CLOSE, THINK_OPEN, type SplitText } from '../../src/core/chat/stream';

interface Run {
  content: string;
  reasoning: string;
  /** Every piece emitted, in order, to check no piece ever held a raw tag or a piece of one. */
  contentPieces: string[];
}

function run(chunks: readonly string[], options: { startInReasoning?: boolean } = {}): Run {
  const splitter = new ThinkSplitter(options);
  const out: Run = { content: '', reasoning: '', contentPieces: [] };
  const take = (s: SplitText): void => {
    out.content += s.content;
    out.reasoning += s.reasoning;
    if (s.content) out.contentPieces.push(s.content);
  };
  for (const c of chunks) take(splitter.push(c));
  take(splitter.end());
  return out;
}

/** Every way to cut `text` into two pieces, and into three. */
function splits(text: string): string[][] {
  const out: string[][] = [[text]];
  for (let i = 0; i <= text.length; i++) {
    out.push([text.slice(0, i), text.slice(i)]);
    for (let j = i; j <= text.length; j++) out.push([text.slice(0, i), text.slice(i, j), text.slice(j)]);
  }
  out.push([...text]);
  return out;
}

function expectAllSplits(text: string, expected: { content: string; reasoning: string }, options: { startInReasoning?: boolean } = {}): void {
  for (const chunks of splits(text)) {
    const got = run(chunks, options);
    assert.deepEqual({ content: got.content, reasoning: got.reasoning }, expected, `chunks ${JSON.stringify(chunks)}`);
  }
}

describe('chat stream: ThinkSplitter', () => {
  it('moves <think>…</think> to reasoning at every split point', () => {
    expectAllSplits('<think>Plan: add a and b.</think>\n\nUse `a + b`.', { reasoning: 'Plan: add a and b.', content: 'Use `a + b`.' });
  });

  it('allows whitespace before <think> and drops it around the reasoning', () => {
    expectAllSplits('\n <think>\nstep 1\nstep 2\n</think>\n\nDone', { reasoning: 'step 1\nstep 2\n', content: 'Done' });
  });

  it('never emits a raw tag or a piece of one as content', () => {
    const text = '<think>x < y and </th is not a close</think>Answer: <b>yes</b>';
    for (const chunks of splits(text)) {
      const got = run(chunks);
      assert.equal(got.content, 'Answer: <b>yes</b>', JSON.stringify(chunks));
      assert.equal(got.reasoning, 'x < y and </th is not a close', JSON.stringify(chunks));
      for (const piece of got.contentPieces) {
        assert.ok(!piece.includes('think>'), `raw tag in ${JSON.stringify(piece)} from ${JSON.stringify(chunks)}`);
      }
    }
  });

  it('passes content without <think> through unchanged, at every split point', () => {
    expectAllSplits('  <b>Hello</b>, world', { content: '  <b>Hello</b>, world', reasoning: '' });
    expectAllSplits('<thin ice>', { content: '<thin ice>', reasoning: '' });
    expectAllSplits('<', { content: '<', reasoning: '' });
  });

  it('leaves a later <think> in the answer as text', () => {
    expectAllSplits('Models write <think>…</think> first.', { content: 'Models write <think>…</think> first.', reasoning: '' });
  });

  it('keeps a second <think> after the reasoning as text', () => {
    expectAllSplits('<think>a</think>b<think>c</think>', { reasoning: 'a', content: 'b<think>c</think>' });
  });

  it('an answer cut inside the reasoning stays reasoning, partial close tag included', () => {
    expectAllSplits('<think>still thinking </thi', { reasoning: 'still thinking </thi', content: '' });
  });

  it('an undecided start at the end is given back as content', () => {
    assert.deepEqual(run(['<thi']), { content: '<thi', reasoning: '', contentPieces: ['<thi'] });
    assert.deepEqual(run(['  ']), { content: '  ', reasoning: '', contentPieces: ['  '] });
    assert.deepEqual(run([]), { content: '', reasoning: '', contentPieces: [] });
  });

  it('an empty reasoning block gives only content', () => {
    expectAllSplits('<think></think>Hi', { reasoning: '', content: 'Hi' });
  });

  it('startInReasoning: a template that opened <think> in the prompt gives only </think>', () => {
    expectAllSplits('first, reason\n</think>\n\nThe answer', { reasoning: 'first, reason\n', content: 'The answer' }, { startInReasoning: true });
  });

  it('streams without delay once the start is decided (holds at most a partial tag)', () => {
    const splitter = new ThinkSplitter();
    assert.deepEqual(splitter.push('Hello'), { content: 'Hello', reasoning: '' });
    const thinking = new ThinkSplitter();
    assert.deepEqual(thinking.push(THINK_OPEN), { content: '', reasoning: '' });
    assert.deepEqual(thinking.push('abc</'), { content: '', reasoning: 'abc' });
    assert.deepEqual(thinking.push('b>'), { content: '', reasoning: '</b>' });
    assert.deepEqual(thinking.push(`${THINK_CLOSE}ok`), { content: 'ok', reasoning: '' });
  });

  it('splitThink splits a whole answer', () => {
    assert.deepEqual(splitThink('<think>r</think>\nc'), { reasoning: 'r', content: 'c' });
    assert.deepEqual(splitThink('plain'), { reasoning: '', content: 'plain' });
  });
});
