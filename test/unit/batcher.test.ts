import * as assert from 'node:assert/strict';
import { DeltaBatcher, Timers } from '../../src/core/chat/batcher';

function fakeClock(): { timers: Timers; now: () => number; advance: (ms: number) => void } {
  let time = 0;
  let queue: Array<{ at: number; run: () => void; id: number }> = [];
  let nextId = 1;
  return {
    now: () => time,
    timers: {
      setTimeout: (run, ms) => {
        const id = nextId++;
        queue.push({ at: time + ms, run, id });
        return id;
      },
      clearTimeout: (handle) => {
        queue = queue.filter((t) => t.id !== handle);
      },
    },
    advance: (ms) => {
      time += ms;
      const due = queue.filter((t) => t.at <= time);
      queue = queue.filter((t) => t.at > time);
      for (const t of due) t.run();
    },
  };
}

describe('DeltaBatcher', () => {
  it('sends the first text at once, then what was appended at most once per interval', () => {
    const clock = fakeClock();
    const sent: string[] = [];
    const batcher = new DeltaBatcher((t) => sent.push(t), 30, clock.timers, clock.now);
    batcher.push('a');
    assert.deepEqual(sent, ['a']);
    batcher.push('b');
    batcher.push('c');
    clock.advance(10);
    batcher.push('d');
    assert.deepEqual(sent, ['a']);
    clock.advance(20);
    assert.deepEqual(sent, ['a', 'bcd']);
  });

  it('sends 4,000 chunks over 1.2 s in about 40 messages, with nothing lost', () => {
    const clock = fakeClock();
    const sent: string[] = [];
    const batcher = new DeltaBatcher((t) => sent.push(t), 30, clock.timers, clock.now);
    let all = '';
    for (let i = 0; i < 4000; i++) {
      const chunk = `t${i} `;
      all += chunk;
      batcher.push(chunk);
      if (i % 10 === 9) clock.advance(3);
    }
    batcher.flush();
    assert.equal(sent.join(''), all);
    assert.ok(sent.length <= 42, `${sent.length} messages`);
  });

  it('flush sends the rest at once; clear drops it', () => {
    const clock = fakeClock();
    const sent: string[] = [];
    const batcher = new DeltaBatcher((t) => sent.push(t), 30, clock.timers, clock.now);
    batcher.push('a');
    batcher.push('b');
    batcher.flush();
    assert.deepEqual(sent, ['a', 'b']);
    batcher.push('c');
    batcher.clear();
    clock.advance(100);
    assert.deepEqual(sent, ['a', 'b']);
  });

  it('take hands over the rest instead of sending it (for the end message), and sends nothing later', () => {
    const clock = fakeClock();
    const sent: string[] = [];
    const batcher = new DeltaBatcher((t) => sent.push(t), 30, clock.timers, clock.now);
    batcher.push('a');
    batcher.push('b', 'why');
    assert.deepEqual(batcher.take(), { text: 'b', reasoning: 'why' });
    clock.advance(100);
    assert.deepEqual(sent, ['a']);
    assert.deepEqual(batcher.take(), { text: '', reasoning: '' });
  });

  it('carries reasoning beside the answer in the same messages, in order', () => {
    const clock = fakeClock();
    const sent: Array<[string, string]> = [];
    const batcher = new DeltaBatcher((t, r) => sent.push([t, r]), 30, clock.timers, clock.now);
    batcher.push('', 'Let me think');
    batcher.push('', ' about it.');
    batcher.push('Answer', '');
    clock.advance(30);
    batcher.push('', '');
    batcher.push(' done');
    batcher.flush();
    assert.deepEqual(sent, [['', 'Let me think'], ['Answer', ' about it.'], [' done', '']]);
  });
});
