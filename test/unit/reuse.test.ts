import * as assert from 'node:assert/strict';
import { CompletionCache, type CacheQuery } from '../../src/core/completion/cache';
import { LiveAnswer } from '../../src/core/completion/liveAnswer';
import type { EditContext } from '../../src/core/completion/editContext';
import { chooseLineMode } from '../../src/core/completion/postprocess';
import { offer } from '../../src/core/completion/reuse';

/** The cache query and edit context for a document with the cursor at `|`. */
function at(doc: string): { query: CacheQuery; ctx: EditContext } {
  const offset = doc.indexOf('|');
  const prefix = doc.slice(0, offset);
  const suffix = doc.slice(offset + 1);
  const linePrefix = prefix.slice(prefix.lastIndexOf('\n') + 1);
  const lineSuffix = suffix.split('\n', 1)[0];
  return {
    query: { documentKey: 'file:///a.py', offset, prefix, suffix, configKey: 'model-a' },
    ctx: { linePrefix, lineSuffix, prefix, suffix, mode: chooseLineMode(linePrefix, lineSuffix), maxLines: 16 },
  };
}

/** What the cache offers at `doc` (the most recent answer that applies). */
function offered(cache: CompletionCache, doc: string): ReturnType<typeof offer> | undefined {
  const { query, ctx } = at(doc);
  const [match] = cache.matches(query);
  return match ? offer(match, ctx) : undefined;
}

function answered(raw: string, shown: string, state: 'streaming' | 'complete' = 'complete'): LiveAnswer {
  const answer = new LiveAnswer();
  answer.update(raw);
  answer.decide(shown);
  if (state === 'complete') answer.end('complete', raw);
  return answer;
}

describe('reuse: what an earlier answer offers without a request', () => {
  const asked = 'def load(path):\n    items = read(path)|\n';

  it('after the user typed the shown statement and pressed Enter, shows the next one the model wrote', () => {
    const cache = new CompletionCache();
    cache.store(at(asked).query, answered('\n    check(items)\n    return items\n', '\n    check(items)'));
    const next = offered(cache, 'def load(path):\n    items = read(path)\n    check(items)\n    |\n');
    assert.deepEqual(next, { kind: 'show', text: 'return items', typedAhead: '\n    check(items)\n    '.length, replaceAfter: 0 });
  });

  it('right at the end of the shown statement, shows the next line as ghost text', () => {
    const cache = new CompletionCache();
    cache.store(at(asked).query, answered('\n    check(items)\n    return items\n', '\n    check(items)'));
    assert.deepEqual(offered(cache, 'def load(path):\n    items = read(path)\n    check(items)|\n'), {
      kind: 'show', text: '\n    return items', typedAhead: '\n    check(items)'.length, replaceAfter: 0,
    });
  });

  it('offers nothing past the end of what the model wrote, or when the user typed something else', () => {
    const cache = new CompletionCache();
    cache.store(at(asked).query, answered('\n    check(items)\n', '\n    check(items)'));
    const nothing = (doc: string): boolean => [undefined, 'none'].includes(offered(cache, doc)?.kind);
    assert.ok(nothing('def load(path):\n    items = read(path)\n    check(items)\n    |\n'), 'past its end');
    assert.ok(nothing('def load(path):\n    items = read(path)\n    print(items)|\n'), 'something else typed');
  });

  it('waits for a streaming answer that agrees with what the user typed, and shows its rest once decided', () => {
    const cache = new CompletionCache();
    const live = new LiveAnswer();
    cache.store(at('total = |\n').query, live);
    live.update('compute_');
    const typed = 'total = comp|\n';
    assert.deepEqual(offered(cache, typed), { kind: 'wait', meanwhile: false });
    live.update('compute_total(items)\nprint(total)\n');
    assert.deepEqual(offered(cache, typed), { kind: 'show', text: 'ute_total(items)', typedAhead: 4, replaceAfter: 0 });
  });

  it('waits only meanwhile for a streaming answer of which nothing has arrived, and not at all once it disagrees', () => {
    const cache = new CompletionCache();
    const live = new LiveAnswer();
    cache.store(at('total = |\n').query, live);
    assert.deepEqual(offered(cache, 'total = c|\n'), { kind: 'wait', meanwhile: true });
    live.update('sum(');
    assert.deepEqual(offered(cache, 'total = c|\n'), { kind: 'none' });
  });

  it('after the user typed a brace the editor closed and pressed Enter between them, shows the body from the same answer', () => {
    const cache = new CompletionCache();
    const raw = '{\n    start();\n  }\n\nfunction next() {}\n';
    cache.store(at('function run() {\n  if (ready) |\n}\n').query, answered(raw, '{'));
    // `{` typed: the editor added `}`; Enter between them moved it to a line of its own below the cursor.
    const body = offered(cache, 'function run() {\n  if (ready) {\n    |\n  }\n}\n');
    assert.deepEqual(body, { kind: 'show', text: 'start();', typedAhead: '{\n    '.length, replaceAfter: 0 });
  });

  it('keeps lines shown above a line whole while the user types into them', () => {
    const cache = new CompletionCache();
    const shown = 'log(x)\n    x += 1\n    ';
    cache.store(at('def f(x):\n    |return x\n').query, answered('log(x)\n    x += 1\n    return x\n', shown));
    // One line would be wrong here: `og(x)` before `return x` on the same line.
    assert.deepEqual(offered(cache, 'def f(x):\n    l|return x\n'), { kind: 'show', text: shown.slice(1), typedAhead: 1, replaceAfter: 0 });
  });

  it('keeps serving the shown text while the user types into it (what VS Code keeps on screen)', () => {
    const cache = new CompletionCache();
    cache.store(at(asked).query, answered('\n    check(items)\n    return items\n', '\n    check(items)'));
    assert.deepEqual(offered(cache, 'def load(path):\n    items = read(path)\n    che|\n'), {
      kind: 'show', text: 'ck(items)', typedAhead: '\n    che'.length, replaceAfter: 0,
    });
  });
});
