/** The pipeline with its cache, against the stand-in: what earlier answers spare the user (and the endpoint). */
import * as assert from 'node:assert/strict';
import { OpenAICompatibleClient } from '../../src/core/api/client';
import { CompletionCache } from '../../src/core/completion/cache';
import { CompletionPipeline, type CompletionInput } from '../../src/core/completion/pipeline';
import { lineSourceOf } from '../../src/core/completion/window';
import { silentLogger } from '../../src/core/logger';
import { resolveSettings } from '../../src/core/settings';
import { StandIn, promptOf } from '../standin/server';

/** A document with the cursor at `|`, as the provider passes it. */
function input(doc: string, manual = false): CompletionInput {
  const cursor = doc.indexOf('|');
  const before = doc.slice(0, cursor);
  const text = before + doc.slice(cursor + 1);
  return {
    document: lineSourceOf(text),
    position: { line: before.split('\n').length - 1, character: cursor - (before.lastIndexOf('\n') + 1) },
    manual,
    documentKey: 'file:///work/app.py',
    offset: cursor,
    languageId: 'python',
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('pipeline with its cache (stand-in)', () => {
  let standIn: StandIn;
  let pipeline: CompletionPipeline;
  const never = (): AbortSignal => new AbortController().signal;

  before(async () => {
    standIn = await StandIn.start();
  });
  beforeEach(() => {
    const client = new OpenAICompatibleClient({ baseUrl: standIn.baseUrl, apiKey: 'test-key' });
    const settings = { ...resolveSettings({}, {}).completions, debounceMs: 20 };
    pipeline = new CompletionPipeline({ client: () => client, settings: () => settings, logger: silentLogger, cache: new CompletionCache() });
  });
  afterEach(() => standIn.reset());
  after(() => standIn.close());

  it('shows the next statement the model wrote once the user has typed the shown one, without a request', async () => {
    const body = ['\n    for item in items:', '\n        total += item.price', '\n    total *= 1.2', '\n    total += 3', '\n    log(total)', '\n    return total\n'];
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['\n    total = 0', ...body] }));
    const first = await pipeline.run(input('def price(items):\n    items = list(items)|\n'), never());
    // The model runs on for more than a few lines, and not into code that is there: one statement.
    assert.deepEqual(first, { kind: 'shown', text: '\n    total = 0' });
    await standIn.completionRequests()[0].done;
    const next = await pipeline.run(input('def price(items):\n    items = list(items)\n    total = 0\n    |\n'), never());
    // On an empty line in the block: the rest of the block, as a fresh answer there would show it.
    const rest = body.join('').slice('\n    '.length).trimEnd();
    assert.deepEqual(next, { kind: 'shown', text: rest, reused: true, typedAhead: '\n    total = 0\n    '.length, replaceAfter: 0 });
    assert.equal(standIn.completionRequests().length, 1);
  });

  it('keeps a request alive while the user types what it streams, and shows the rest from it', async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['comp', 'ute_', 'total(', 'items)', '\nprint(total)\n'], ttftMs: 30, chunkDelayMs: 40 }));
    const pause = new AbortController();
    const asked = pipeline.run(input('total = |\n'), pause.signal);
    const request = await standIn.waitForRequest(() => true);
    for (let waited = 0; request.streamedChunks < 2 && waited < 2000; waited += 10) await sleep(10); // the first chunks have arrived
    pause.abort(); // the user types on: "comp"
    assert.deepEqual(await asked, { kind: 'cancelled' });
    const typedOn = await pipeline.run(input('total = comp|\n'), never());
    assert.deepEqual(typedOn, { kind: 'shown', text: 'ute_total(items)', reused: true, typedAhead: 4, replaceAfter: 0 });
    assert.equal(standIn.completionRequests().length, 1, 'no second request');
    await request.done;
    assert.ok(request.streamedChunks >= 4, 'the first request went on streaming');
  });

  it('aborts a request when the user types something else than it streams, and asks anew', async () => {
    let calls = 0;
    standIn.onCompletion(() => (++calls === 1
      ? { kind: 'completion', chunks: ['comp', 'ute_', 'total(', 'items)', '\n'], ttftMs: 30, chunkDelayMs: 60 }
      : { kind: 'completion', chunks: ['(items)\nprint(total)\n'] }));
    const pause = new AbortController();
    const asked = pipeline.run(input('total = |\n'), pause.signal);
    const first = await standIn.waitForRequest(() => true);
    await sleep(60);
    pause.abort();
    await asked;
    const typed = await pipeline.run(input('total = sum|\n'), never());
    assert.deepEqual(typed, { kind: 'shown', text: '(items)' });
    await first.done;
    assert.equal(first.aborted, true, 'the first request was closed');
    assert.equal(standIn.completionRequests().length, 2);
  });

  it('waits for a request nothing of which has arrived only as long as the debounce, then asks anew', async () => {
    let calls = 0;
    standIn.onCompletion(() => (++calls === 1
      ? { kind: 'completion', chunks: ['STALE'], ttftMs: 3000 }
      : { kind: 'completion', chunks: ['ompute(items)\nprint(total)\n'] }));
    const pause = new AbortController();
    const asked = pipeline.run(input('total = |\n'), pause.signal);
    const slow = await standIn.waitForRequest(() => true);
    pause.abort();
    await asked;
    const started = Date.now();
    const typed = await pipeline.run(input('total = c|\n'), never());
    assert.deepEqual(typed, { kind: 'shown', text: 'ompute(items)' });
    assert.ok(Date.now() - started < 1000, 'not held up by the slow request');
    await slow.done;
    assert.equal(slow.aborted, true, 'the slow request was closed when the new one left');
  });

  it('reads the answer on past what is shown, and stops where it repeats the code after the cursor', async () => {
    const chunks = ['\n    total = 0', '\n    return total', '\n\n\ndef main():', '\n    run()', '\n    run()', '\n    run()\n'];
    standIn.onCompletion(() => ({ kind: 'completion', chunks, chunkDelayMs: 20 }));
    const doc = 'def price(items):\n    items = list(items)|\n\n\ndef main():\n    run()\n';
    // It rejoins the code after the cursor (`def main():` and its body): what it wrote before that is shown.
    assert.deepEqual(await pipeline.run(input(doc), never()), { kind: 'shown', text: '\n    total = 0\n    return total' });
    const [request] = standIn.completionRequests();
    await request.done;
    assert.equal(request.aborted, true, 'cut once it repeats `def main():`, which already follows');
    assert.ok(request.streamedChunks < chunks.length, `${request.streamedChunks} chunks streamed`);
    const afterReturn = await pipeline.run(input('def price(items):\n    items = list(items)\n    total = 0\n    return total|\n\n\ndef main():\n    run()\n'), never());
    assert.equal(afterReturn.kind, 'shown');
    assert.equal(standIn.completionRequests().length, 2, 'nothing kept past the end of what the model got right: a new request');
    assert.ok(promptOf(standIn.completionRequests()[1]).includes('return total<|fim_suffix|>'));
  });

  it('between the braces of a block the editor just closed, shows the body on lines of its own with the closer below; after Enter, the rest without a request', async () => {
    const doc = (text: string): CompletionInput => ({ ...input(text), languageId: 'typescript', documentKey: 'file:///work/a.ts' });
    // The body, then the closer and the code after it again (junk).
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['\n  return items', '.length;\n}\n', '\nexport const n = 1;\n'] }));
    const header = 'function total(items: Item[]): number {';
    const shown = await pipeline.run(doc(`${header}|}\n\nexport const n = 1;\n`), never());
    assert.deepEqual(shown, { kind: 'shown', text: '\n  return items.length;\n' }, 'accepted, it leaves the closer on a line of its own');
    const [request] = standIn.completionRequests();
    assert.ok(!(request.body as { stop: string[] }).stop.includes('\n'), 'several lines asked for');
    await request.done;
    // Enter between the braces: the editor indents the new line and puts the closer on the line below.
    const after = await pipeline.run(doc(`${header}\n  |\n}\n\nexport const n = 1;\n`), never());
    assert.deepEqual(after, { kind: 'shown', text: 'return items.length;', reused: true, typedAhead: 3, replaceAfter: 0 });
    assert.equal(standIn.completionRequests().length, 1);
  });

  it('asks nothing between the braces of a block where one line is forced: the answer is always empty there', async () => {
    const client = new OpenAICompatibleClient({ baseUrl: standIn.baseUrl, apiKey: 'test-key' });
    const settings = { ...resolveSettings({}, {}).completions, debounceMs: 20, lineMode: 'single' as const };
    const single = new CompletionPipeline({ client: () => client, settings: () => settings, logger: silentLogger, cache: new CompletionCache() });
    const doc = (text: string): CompletionInput => ({ ...input(text), languageId: 'typescript', documentKey: 'file:///work/a.ts' });
    assert.deepEqual(await single.run(doc('function total(items: Item[]): number {|}\n'), never()), { kind: 'empty' });
    assert.deepEqual(await single.run(doc('  if (ready) {|}\n'), never()), { kind: 'empty' });
    assert.equal(standIn.completionRequests().length, 0);
    standIn.onCompletion(() => ({ kind: 'completion', chunks: [' a: 1 '] }));
    assert.equal((await pipeline.run(doc('const options = {|}\n'), never())).kind, 'shown', 'an object literal may take one line');
    assert.equal(standIn.completionRequests().length, 1);
  });
});
