import * as assert from 'node:assert/strict';
import { OpenAICompatibleClient } from '../../src/core/api/client';
import type { CompletionClient, CompletionOutcome } from '../../src/core/api/completions';
import { Backoff } from '../../src/core/completion/backoff';
import { CompletionCache } from '../../src/core/completion/cache';
import { ConnectionWarmth } from '../../src/core/completion/connectionWarmth';
import { TypingRhythm } from '../../src/core/completion/rhythm';
import { CompletionPipeline, type CompletionInput, type PipelineDeps } from '../../src/core/completion/pipeline';
import type { SourceFile } from '../../src/core/completion/snippets';
import { lineSourceOf } from '../../src/core/completion/window';
import type { Logger } from '../../src/core/logger';
import type { CompletionSettings } from '../../src/core/settings';
import { StandIn, promptOf, type RecordedRequest } from '../standin/server';

const KEY = 'fw_pipeline_key_0123456789';
const QWEN = 'accounts/fireworks/models/qwen2p5-coder-7b';

function settings(overrides: Partial<CompletionSettings> = {}): CompletionSettings {
  return {
    enabled: true,
    model: QWEN,
    template: 'auto',
    debounceMs: 30,
    maxTokens: 128,
    maxLines: 16,
    temperature: 0.1,
    timeoutMs: 2000,
    lineMode: 'auto',
    languages: { '*': true },
    exclude: [],
    promptTokens: 2048,
    suffixPercent: 15,
    snippetsPercent: 25,
    contextFromOtherFiles: true,
    alternatives: true,
    ...overrides,
  };
}

/** A document with the cursor at `|`. */
function input(doc: string, manual = false): CompletionInput {
  const cursor = doc.indexOf('|');
  const before = doc.slice(0, cursor);
  const line = before.split('\n').length - 1;
  return {
    document: lineSourceOf(before + doc.slice(cursor + 1)),
    position: { line, character: cursor - (before.lastIndexOf('\n') + 1) },
    manual,
  };
}

class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  trace(m: string): void { this.lines.push(`trace ${m}`); }
  debug(m: string): void { this.lines.push(`debug ${m}`); }
  info(m: string): void { this.lines.push(`info ${m}`); }
  warn(m: string): void { this.lines.push(`warn ${m}`); }
  error(m: string): void { this.lines.push(`error ${m}`); }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('pipeline (CompletionPipeline + real client + stand-in)', () => {
  let standIn: StandIn;
  let client: OpenAICompatibleClient;
  let logger: RecordingLogger;

  before(async () => {
    standIn = await StandIn.start();
    client = new OpenAICompatibleClient({ baseUrl: standIn.baseUrl, apiKey: KEY });
  });
  beforeEach(() => {
    logger = new RecordingLogger();
  });
  afterEach(() => standIn.reset());
  after(() => standIn.close());

  function pipeline(overrides: Partial<CompletionSettings> = {}, deps: Partial<PipelineDeps> = {}): CompletionPipeline {
    return new CompletionPipeline({ client: () => client, settings: () => settings(overrides), logger, ...deps });
  }

  const never = (): AbortSignal => new AbortController().signal;

  it('sends the FIM prompt of the model family with the text before and after the cursor', async () => {
    const doc = 'import math\n\ndef area(r):|\n\nprint(area(2))\n';
    await pipeline().run(input(doc), never());
    await pipeline({ model: 'accounts/fireworks/models/starcoder2-15b' }).run(input(doc), never());
    await pipeline({ model: 'my-own-model', template: 'deepseek' }).run(input(doc), never());
    await pipeline({ model: 'accounts/fireworks/models/llama-v3p3-70b-instruct' }).run(input(doc), never());
    const [qwen, starcoder, deepseek, plain] = standIn.completionRequests();
    const prefix = 'import math\n\ndef area(r):';
    const suffix = '\n\nprint(area(2))\n';
    assert.equal(promptOf(qwen), `<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`);
    assert.equal(promptOf(starcoder), `<fim_prefix>${prefix}<fim_suffix>${suffix}<fim_middle>`);
    assert.equal(promptOf(deepseek), `<｜fim▁begin｜>${prefix}<｜fim▁hole｜>${suffix}<｜fim▁end｜>`);
    assert.equal(promptOf(plain), prefix);
    const body = qwen.body as Record<string, unknown>;
    assert.equal(body.model, QWEN);
    assert.equal(body.max_tokens, 128);
    assert.equal(body.temperature, 0.1);
    assert.equal(body.stream, true);
    assert.deepEqual(body.stop, ['<|endoftext|>', '<|fim_pad|>', '<|file_sep|>', '<|im_end|>']);
    assert.equal('stop' in (plain.body as Record<string, unknown>), false);
    assert.equal(qwen.headers.authorization, `Bearer ${KEY}`);
  });

  it('gives a Python function header its body', async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['\n    return', ' a + b\n', '\n\ndef sub(a, b):\n', '    return a - b\n'] }));
    const result = await pipeline().run(input('def add(a, b):|\n'), never());
    assert.deepEqual(result, { kind: 'shown', text: '\n    return a + b' });
  });

  it('trims FIM tokens that leak into the answer', async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['\n    return 1', '<|fim_middle|>', '\n    return 1\n'] }));
    const result = await pipeline().run(input('def one():|'), never());
    assert.deepEqual(result, { kind: 'shown', text: '\n    return 1' });
  });

  it('drops what repeats the code after the cursor', async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['"hi"', ', end="")'] }));
    const result = await pipeline().run(input('print(|, end="")'), never());
    assert.deepEqual(result, { kind: 'shown', text: '"hi"' });
    const body = standIn.completionRequests()[0].body as Record<string, unknown>;
    assert.deepEqual(body.stop, ['\n', '<|endoftext|>', '<|fim_pad|>', '<|file_sep|>'], 'mid-line, the server stops at the end of the line');
  });

  it('knows the code below even where a line of it is too long for the prompt (a generated line), and stops where the answer runs into it', async () => {
    const generated = `let s:words = [${'"word",'.repeat(1500)}]`;
    const doc = `" -*- COMPLETION WORDS -*-|\n${generated}\n\nfunction! Complete()\n  return 0\nendfunction\n`;
    // The missing comment line, then the generated line again, cut where the model stopped.
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['\n" Generated', ' by a script\n', generated.slice(0, 120)] }));
    const result = await pipeline().run(input(doc), never());
    assert.ok(!promptOf(standIn.completionRequests()[0]).includes('let s:words'), 'the prompt has none of the long line');
    assert.deepEqual(result, { kind: 'shown', text: '\n" Generated by a script' });
  });

  it('before the closers of a statement over several lines, reads past the newline to see whose closer it is', async () => {
    // The answer's `)` is the code's own `)` again: its next line is the line below the cursor's.
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['0)', '\n    && ok(x)) {', '\n  run();\n', '}\n'.repeat(40)] }));
    const result = await pipeline().run(input('if ((a == 0 && (b & 1) > |)\n    && ok(x)) {\n  run();\n}\n'), never());
    assert.deepEqual(result, { kind: 'shown', text: '0' });
    const body = standIn.completionRequests()[0].body as Record<string, unknown>;
    assert.ok(Array.isArray(body.stop) && !body.stop.includes('\n'), `no newline stop, the next line tells: ${JSON.stringify(body.stop)}`);
    assert.equal(standIn.completionRequests().length, 1);
  });

  it("returns 'empty' when nothing is worth showing", async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: [')'] }));
    assert.deepEqual(await pipeline().run(input('print(|)'), never()), { kind: 'empty' });
  });

  it('an abort during the debounce sends no request', async () => {
    const controller = new AbortController();
    const p = pipeline({ debounceMs: 2000 });
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    const result = await p.run(input('def add(a, b):|'), controller.signal);
    assert.deepEqual(result, { kind: 'cancelled' });
    assert.ok(Date.now() - started < 1000, 'ended by the abort, long before the 2000 ms debounce');
    await sleep(120);
    assert.equal(standIn.requests.length, 0, 'nothing reached the endpoint');
  });

  it('a typing burst makes one request, for the last keystroke', async () => {
    const p = pipeline({ debounceMs: 40 });
    const runs: Array<Promise<unknown>> = [];
    let previous: AbortController | undefined;
    for (const doc of ['def a|', 'def ad|', 'def add|', 'def add(|']) {
      previous?.abort();
      previous = new AbortController();
      runs.push(p.run(input(doc), previous.signal));
      await sleep(10);
    }
    const results = await Promise.all(runs);
    assert.deepEqual(results.slice(0, 3), [{ kind: 'cancelled' }, { kind: 'cancelled' }, { kind: 'cancelled' }]);
    assert.equal(standIn.completionRequests().length, 1);
    assert.equal(promptOf(standIn.completionRequests()[0]), '<|fim_prefix|>def add(<|fim_suffix|><|fim_middle|>');
  });

  it('an abort during the request aborts it and returns cancelled', async () => {
    standIn.onCompletion(() => ({ kind: 'hang' }));
    const controller = new AbortController();
    const pending = pipeline().run(input('def add(a, b):|'), controller.signal);
    const req = await standIn.waitForRequest(() => true);
    controller.abort();
    assert.deepEqual(await pending, { kind: 'cancelled' });
    await req.done;
    assert.equal(req.aborted, true);
  });

  it('stops asking after a 404 and after a 503 (backoff), but a manual trigger still asks', async () => {
    const backoff = new Backoff();
    const p = pipeline({ debounceMs: 0 }, { backoff });
    standIn.onCompletion(() => ({ kind: 'error', status: 404 }));
    assert.equal((await p.run(input('x = |'), never())).kind, 'error');
    const paused = await p.run(input('x = 1|'), never());
    assert.ok(paused.kind === 'paused' && paused.error.kind === 'model-not-found');
    assert.equal(standIn.completionRequests().length, 1, 'no request while paused');
    standIn.onCompletion(() => ({ kind: 'completion', chunks: [' + 1'] }));
    assert.equal((await p.run(input('x = 1|', true), never())).kind, 'shown', 'a manual trigger asks anyway');
    assert.equal((await p.run(input('x = 1|'), never())).kind, 'shown', 'and a success resumes');
    standIn.onCompletion(() => ({ kind: 'error', status: 503 }));
    await p.run(input('y = |'), never());
    assert.equal((await p.run(input('y = 2|'), never())).kind, 'paused');
    assert.equal(standIn.completionRequests().length, 4);
  });

  it('a 404 is an error the UI can word as model-not-found', async () => {
    standIn.onCompletion(() => ({ kind: 'error', status: 404 }));
    const result = await pipeline().run(input('def add(a, b):|'), never());
    assert.equal(result.kind, 'error');
    assert.ok(result.kind === 'error');
    assert.equal(result.error.kind, 'model-not-found');
    assert.equal(result.error.status, 404);
    assert.ok(logger.lines.some((l) => l.startsWith('warn') && l.includes('model-not-found')));
  });

  it('a manual trigger skips the debounce', async () => {
    const started = Date.now();
    const result = await pipeline({ debounceMs: 2000 }).run(input('def add(a, b):|', true), never());
    assert.equal(result.kind, 'shown');
    const [req] = standIn.completionRequests();
    assert.ok(req.receivedAt - started < 1000, `request after ${req.receivedAt - started} ms, debounce 2000 ms`);
  });

  it('waits for the debounce before asking', async () => {
    const started = Date.now();
    await pipeline({ debounceMs: 60 }).run(input('def add(a, b):|'), never());
    const [req] = standIn.completionRequests();
    assert.ok(req.receivedAt - started >= 55, `request after ${req.receivedAt - started} ms`);
  });

  it('heads the prompt with the path and a similar snippet from another file, never a secrets file', async () => {
    const otherFiles = (): SourceFile[] => [
      { path: '.env', languageId: 'dotenv', text: 'INVOICE_TOTAL_SECRET=hunter2\ninvoice total tax', recency: 0 },
      { path: 'src/pricing.py', languageId: 'python', text: 'def invoice_total(items, tax_rate):\n    return sum(i.price for i in items) * (1 + tax_rate)\n', recency: 1 },
      { path: 'src/images.py', languageId: 'python', text: 'def resize(image, width, height):\n    return image.scale(width, height)\n', recency: 2 },
    ];
    await pipeline({}, { otherFiles }).run({ ...input('items = load()\ntotal = invoice_total(items, tax_rate|)'), languageId: 'python', filePath: 'app/main.py' }, never());
    const prompt = promptOf(standIn.completionRequests()[0]);
    assert.ok(prompt.startsWith('<|fim_prefix|># Path: src/pricing.py\ndef invoice_total(items, tax_rate):'), prompt);
    assert.ok(prompt.includes('# Path: app/main.py\nitems = load()\ntotal = invoice_total(items, tax_rate<|fim_suffix|>)'), prompt);
    assert.ok(!prompt.includes('hunter2'), 'the secrets file never reaches the prompt');
    assert.ok(!prompt.includes('resize'), 'an unrelated file does not take the budget');
  });

  it('sends no snippets when context from other files is off', async () => {
    const otherFiles = (): SourceFile[] => [{ path: 'src/pricing.py', languageId: 'python', text: 'def invoice_total(items, tax_rate):\n    pass\n', recency: 0 }];
    await pipeline({ contextFromOtherFiles: false }, { otherFiles }).run({ ...input('total = invoice_total(items, tax_rate|)'), languageId: 'python', filePath: 'main.py' }, never());
    assert.ok(!promptOf(standIn.completionRequests()[0]).includes('pricing'));
  });

  it('a slow typist sends fewer requests once the debounce follows their rhythm', async () => {
    async function typeSlowly(rhythm: TypingRhythm | undefined): Promise<number> {
      standIn.reset();
      const p = pipeline({ debounceMs: 50 }, { rhythm });
      let controller = new AbortController();
      const runs: Promise<unknown>[] = [];
      const line = 'value = compute(a, b)';
      for (let i = 1; i <= 10; i++) {
        controller.abort();
        controller = new AbortController();
        runs.push(p.run(input(`${line.slice(0, i)}|`), controller.signal));
        await sleep(90);
      }
      await Promise.all(runs);
      return standIn.completionRequests().length;
    }
    const fixed = await typeSlowly(undefined);
    const adaptive = await typeSlowly(new TypingRhythm());
    assert.ok(fixed >= 8, `a fixed 50 ms debounce asks at nearly every key of a 90 ms rhythm (${fixed})`);
    assert.ok(adaptive <= 3, `the adaptive debounce asks only at the pause (${adaptive})`);
  });

  it("counts the host's own wait as part of the debounce", async () => {
    const started = Date.now();
    await pipeline({ debounceMs: 2000 }).run({ ...input('def add(a, b):|'), alreadyWaitedMs: 1900 }, never());
    const [req] = standIn.completionRequests();
    const waited = req.receivedAt - started;
    assert.ok(waited >= 90 && waited < 1000, `request after ${waited} ms (2000 ms debounce, 1900 ms already waited)`);
  });

  it('tells the observer a request started and how it finished', async () => {
    const events: string[] = [];
    const outcomes: CompletionOutcome[] = [];
    const observer = {
      requestStarted: (): void => { events.push('started'); },
      requestFinished: (outcome: CompletionOutcome): void => { events.push('finished'); outcomes.push(outcome); },
    };
    await pipeline({}, { observer }).run(input('def add(a, b):|'), never());
    standIn.onCompletion(() => ({ kind: 'error', status: 500 }));
    await pipeline({}, { observer }).run(input('def add(a, b):|'), never());
    assert.deepEqual(events, ['started', 'finished', 'started', 'finished']);
    assert.equal(outcomes[0].ok, true);
    assert.ok(!outcomes[1].ok && outcomes[1].error.kind === 'server');
  });

  it('a failure of ours in reporting the request (here the observer throws) costs the user nothing: the ghost text shows, the error is logged', async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['\n    return a + b\n'] }));
    const observer = {
      requestStarted: (): void => undefined,
      requestFinished: (): void => { throw new Error('status bar gone'); },
    };
    const completions = pipeline({}, { observer });
    assert.deepEqual(await completions.run(input('def add(a, b):|'), never()), { kind: 'shown', text: '\n    return a + b' });
    assert.deepEqual(await completions.run(input('def add(a, b):|'), never()), { kind: 'shown', text: '\n    return a + b' });
    assert.ok(logger.lines.some((l) => l.startsWith('error ') && l.includes('status bar gone')), logger.lines.join('\n'));
  });

  it('a single-line completion stream is cut at the first newline', async () => {
    const chunks = ['items', '.length', ';\n', 'console', '.log(', 'total', ');\n', 'return', ' total', ';\n', '}\n'];
    standIn.onCompletion(() => ({ kind: 'completion', chunks, chunkDelayMs: 40 }));
    const started = Date.now();
    const result = await pipeline().run(input('function f(items) {\n  const total = |\n'), never());
    assert.deepEqual(result, { kind: 'shown', text: 'items.length;' });
    const [req] = standIn.completionRequests();
    await req.done;
    assert.equal(req.aborted, true, 'the generation was cut');
    // Three chunks reach the newline; the whole answer would take (chunks - 1) * 40 ms.
    const took = Date.now() - started;
    assert.ok(took < 30 + (chunks.length - 1) * 40 - 120, `took ${took} ms`);
  });

  it('a multi-line completion stream is cut at the end of the block', async () => {
    const chunks = ['\n    return', ' a + b', '\n\n', 'def', ' sub(a, b):\n', '    return a - b\n', '\n\ndef mul(a, b):\n', '    return a * b\n'];
    standIn.onCompletion(() => ({ kind: 'completion', chunks, chunkDelayMs: 40 }));
    const result = await pipeline().run(input('def add(a, b):|\n'), never());
    assert.deepEqual(result, { kind: 'shown', text: '\n    return a + b' });
    const [req] = standIn.completionRequests();
    await req.done;
    assert.equal(req.aborted, true);
  });

  it('returns cancelled when there is no client (no key)', async () => {
    const result = await pipeline({}, { client: () => undefined }).run(input('def add(a, b):|', true), never());
    assert.deepEqual(result, { kind: 'cancelled' });
    assert.equal(standIn.completionRequests().length, 0);
  });

  it('returns cancelled when superseded after the answer arrived', async () => {
    const controller = new AbortController();
    const fake: CompletionClient = {
      streamCompletion: async () => {
        controller.abort();
        return { ok: true, text: '\n    return 1', finish: 'stop', durationMs: 1 };
      },
    };
    const result = await pipeline({}, { client: () => fake }).run(input('def one():|', true), controller.signal);
    assert.deepEqual(result, { kind: 'cancelled' });
  });

  it('times out on a hanging endpoint', async () => {
    standIn.onCompletion(() => ({ kind: 'hang' }));
    const result = await pipeline({ timeoutMs: 200 }).run(input('def add(a, b):|', true), never());
    assert.ok(result.kind === 'error' && result.error.kind === 'timeout');
  });

  it('once its ghost text is decided, a timeout while it reads on is no failure: nothing paused, the answer kept', async () => {
    // A slow endpoint: the first line comes in time, the lines read on after it do not.
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['x = 1\n', 'y = 2\n', 'z = 3\n'], chunkDelayMs: 150 }));
    const backoff = new Backoff();
    const outcomes: CompletionOutcome[] = [];
    const observer = { requestStarted: () => {}, requestFinished: (outcome: CompletionOutcome) => void outcomes.push(outcome) };
    const place = { ...input('def f():\n    |\n'), documentKey: 'file:///slow.py', offset: 13 };
    const result = await pipeline({ timeoutMs: 250, debounceMs: 0 }, { backoff, observer, cache: new CompletionCache() }).run(place, never());
    assert.equal(result.kind, 'shown');
    for (let waited = 0; outcomes.length === 0 && waited < 2000; waited += 20) await sleep(20);
    assert.equal(outcomes[0].ok, true, 'counted as an answer, not as a timeout');
    assert.equal(backoff.blockedBy(), undefined, 'completions are not paused');
    assert.ok(!logger.lines.some((l) => l.startsWith('warn')), logger.lines.join('\n'));
  });

  it('once its ghost text is decided, a dropped connection while it reads on is no failure either', async () => {
    const fake: CompletionClient = {
      streamCompletion: async (_request, options) => {
        options.isDecided?.('x = 1\n    y = 2\n\ndef g():\n');
        return { ok: false, error: { kind: 'network', message: 'Could not reach the endpoint: socket hang up' }, durationMs: 5 };
      },
    };
    const backoff = new Backoff();
    const outcomes: CompletionOutcome[] = [];
    const observer = { requestStarted: () => {}, requestFinished: (outcome: CompletionOutcome) => void outcomes.push(outcome) };
    const place = { ...input('def f():\n    |\n'), documentKey: 'file:///drop.py', offset: 13 };
    const result = await pipeline({ debounceMs: 0 }, { client: () => fake, backoff, observer, cache: new CompletionCache() }).run(place, never());
    assert.deepEqual(result, { kind: 'shown', text: 'x = 1\n    y = 2' });
    for (let waited = 0; outcomes.length === 0 && waited < 2000; waited += 20) await sleep(20);
    assert.equal(outcomes[0].ok, true);
    assert.equal(backoff.blockedBy(), undefined, 'completions are not paused');
  });

  it('after a bug of ours before the request (reading other files threw), the same place is answered next time, not left waiting', async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['\n    return a + b\n'] }));
    let broken = true;
    const otherFiles = (): readonly SourceFile[] => {
      if (broken) throw new Error('boom');
      return [];
    };
    const p = pipeline({ debounceMs: 0 }, { cache: new CompletionCache(), otherFiles });
    const place = { ...input('def add(a, b):|\n'), documentKey: 'file:///add.py', offset: 14 };
    await assert.rejects(p.run(place, never()), /boom/);
    broken = false;
    assert.deepEqual(await p.run(place, never()), { kind: 'shown', text: '\n    return a + b' });
  });

  it('never writes the key to the log', async () => {
    await pipeline().run(input('def add(a, b):|'), never());
    standIn.onCompletion(() => ({ kind: 'error', status: 401 }));
    await pipeline().run(input('def add(a, b):|'), never());
    assert.ok(logger.lines.length >= 2);
    assert.ok(logger.lines.every((l) => !l.includes(KEY)));
    const requests: RecordedRequest[] = standIn.completionRequests();
    assert.equal(requests.length, 2);
  });

  it('asked for alternatives, answers the one shown first, then the other choices, cut and cleaned as the first, repeats left out', async () => {
    standIn.onCompletion(() => ({
      kind: 'completion',
      chunks: ['\n    return', ' (a, b)\n', '\n\ndef other():\n'],
      alternatives: [['\n    return', ' (a, b)\n'], ['\n    return', ' {a: b}\n', '\n\ndef other():\n']],
    }));
    const texts = await pipeline().alternatives(input('def pair(a, b):|\n\nprint(pair(1, 2))\n', true), '\n    return (a, b)', never());
    assert.deepEqual(texts, ['\n    return (a, b)', '\n    return {a: b}']);
    const [sent] = standIn.completionRequests();
    const body = sent.body as { n?: number; temperature?: number; prompt?: string };
    assert.equal(body.n, 3, 'three choices, in one request');
    assert.ok((body.temperature ?? 0) >= 0.8, 'asked at a temperature where they differ');
    assert.ok(body.prompt?.includes('def pair(a, b):<|fim_suffix|>'));
  });

  it('without a key, turned off, or where the endpoint fails, the alternatives are the one shown', async () => {
    assert.deepEqual(await pipeline({}, { client: () => undefined }).alternatives(input('x = |'), ' 1', never()), [' 1']);
    assert.deepEqual(await pipeline({ alternatives: false }).alternatives(input('x = |'), ' 1', never()), [' 1'], 'turned off');
    assert.equal(standIn.completionRequests().length, 0);
    standIn.onCompletion(() => ({ kind: 'error', status: 500 }));
    assert.deepEqual(await pipeline().alternatives(input('x = |'), ' 1', never()), [' 1']);
  });

  /** A client that logs its warm-ups and completions in `events`; a warm-up is answered after `answerMs`, or not. */
  function warmingClient(events: string[], answerMs: number, warmUp: () => 'answer' | 'ignore' | 'refuse'): CompletionClient {
    return {
      warm: async () => {
        events.push('warm sent');
        const how = warmUp();
        if (how === 'ignore') return new Promise<boolean>(() => undefined);
        if (how === 'refuse') throw new Error('connection refused');
        await sleep(answerMs);
        events.push('warm answered');
        return true;
      },
      streamCompletion: async (): Promise<CompletionOutcome> => {
        events.push('completion sent');
        return { ok: true, text: ' 1', finish: 'stop', durationMs: 1 };
      },
    };
  }

  describe('warming the connection after a pause', () => {
    const modelPath = `/inference/v1/models/${encodeURIComponent(QWEN)}`;
    const warmUps = (): RecordedRequest[] => standIn.requests.filter((r) => r.method === 'GET' && r.path === modelPath);

    it('opens it at the first keystroke after the pause, during the debounce, with a request that carries no code', async () => {
      standIn.setModels([QWEN]);
      let clock = 1_000_000;
      const p = pipeline({ debounceMs: 200 }, { warmth: new ConnectionWarmth(60_000), now: () => clock });
      await p.run(input('x = |'), never());
      assert.equal(warmUps().length, 0, "a window's first completion goes alone");
      assert.equal(standIn.requests.length, 1);
      clock += 60_000;
      const started = Date.now();
      const result = await p.run(input('def secret_plan(|'), never());
      assert.equal(result.kind, 'shown');
      const [warm] = warmUps();
      const completion = standIn.completionRequests()[1];
      assert.ok(warm, 'a warm-up request');
      assert.equal(warm.headers.authorization, `Bearer ${KEY}`);
      assert.ok(!JSON.stringify(warm.body ?? '').includes('secret_plan') && !warm.path.includes('secret_plan'));
      assert.ok(warm.receivedAt - started < 150, `sent at once, not after the debounce (${warm.receivedAt - started} ms)`);
      assert.ok(warm.receivedAt < completion.receivedAt);
    });

    it('not again while requests keep it open, and again after the pause', async () => {
      let clock = 1_000_000;
      const warmth = new ConnectionWarmth(30_000);
      const p = pipeline({ debounceMs: 0 }, { warmth, now: () => clock });
      await p.run(input('z = |'), never());
      clock += 30_000;
      await p.run(input('a = |'), never());
      clock += 10_000;
      await p.run(input('b = |'), never());
      clock += 29_000;
      await p.run(input('c = |'), never());
      assert.equal(warmUps().length, 1, 'warm within 30 s of the last request');
      clock += 30_000;
      await p.run(input('d = |'), never());
      for (let i = 0; i < 50 && warmUps().length < 2; i++) await sleep(10);
      assert.equal(warmUps().length, 2, 'warm again after 30 s');
      assert.equal(standIn.completionRequests().length, 5);
    });

    it('sends the completion once a warm-up the endpoint answers before has its answer; never waits on one it leaves unanswered', async () => {
      const events: string[] = [];
      let answers = true;
      const fake = warmingClient(events, 100, () => (answers ? 'answer' : 'ignore'));
      let clock = 1_000_000;
      const p = pipeline({ debounceMs: 20 }, { client: () => fake, warmth: new ConnectionWarmth(30_000), now: () => clock });
      assert.equal((await p.run(input('z = |'), never())).kind, 'shown');
      assert.deepEqual(events.splice(0), ['completion sent'], 'the first completion goes alone');
      clock += 40_000;
      // The first warm-up: not known to be answered, not waited for.
      assert.equal((await p.run(input('a = |'), never())).kind, 'shown');
      await sleep(150);
      assert.deepEqual(events.splice(0), ['warm sent', 'completion sent', 'warm answered']);
      // After the next pause: this endpoint answers warm-ups, so the completion rides the one in flight.
      clock += 40_000;
      assert.equal((await p.run(input('b = |'), never())).kind, 'shown');
      assert.deepEqual(events.splice(0), ['warm sent', 'warm answered', 'completion sent']);
      // The user typed on while it was waited for: no completion.
      clock += 40_000;
      const typedOn = new AbortController();
      setTimeout(() => typedOn.abort(), 60);
      assert.equal((await p.run(input('c = |'), typedOn.signal)).kind, 'cancelled');
      await sleep(100);
      assert.deepEqual(events.splice(0), ['warm sent', 'warm answered'], 'no completion for a keystroke typed past');
      // An endpoint that leaves a warm-up unanswered delays the completion at most twice the last answer's time.
      clock += 40_000;
      answers = false;
      const started = Date.now();
      assert.equal((await p.run(input('d = |'), never())).kind, 'shown');
      assert.ok(Date.now() - started < 400, `waited ${Date.now() - started} ms`);
      assert.deepEqual(events.splice(0), ['warm sent', 'completion sent']);
    });

    it("warms the connection at a window's first keystroke where an earlier window's warm-up was answered, and remembers", async () => {
      const events: string[] = [];
      let answers = true;
      const fake = warmingClient(events, 60, () => (answers ? 'answer' : 'refuse'));
      // What earlier windows of the editor kept for the endpoint in use.
      let kept: number | undefined;
      const memory = { recall: () => kept, remember: (ms: number | undefined) => { kept = ms; } };
      const window = () => pipeline({ debounceMs: 20 }, { client: () => fake, warmth: new ConnectionWarmth(30_000, Date.now, memory) });

      // An endpoint never warmed from this editor: its window's first completion goes alone.
      assert.equal((await window().run(input('z = |'), never())).kind, 'shown');
      assert.deepEqual(events.splice(0), ['completion sent']);
      assert.equal(kept, undefined);

      // One that answered an earlier window's warm-up: the first keystroke warms, the completion rides the warm-up.
      kept = 80;
      const next = window();
      assert.equal((await next.run(input('a = |'), never())).kind, 'shown');
      assert.deepEqual(events.splice(0), ['warm sent', 'warm answered', 'completion sent']);
      assert.ok(kept !== undefined && kept >= 50 && kept < 1_000, `remembered ${kept} ms`);
      // Only the window's first keystroke: the connection is warm after it.
      assert.equal((await next.run(input('b = |'), never())).kind, 'shown');
      assert.deepEqual(events.splice(0), ['completion sent']);

      // A warm-up the endpoint does not answer is forgotten: the next window's first completion goes alone again.
      answers = false;
      assert.equal((await window().run(input('c = |'), never())).kind, 'shown');
      await sleep(10);
      assert.deepEqual(events.splice(0), ['warm sent', 'completion sent']);
      assert.equal(kept, undefined);
      assert.equal((await window().run(input('d = |'), never())).kind, 'shown');
      assert.deepEqual(events.splice(0), ['completion sent']);
    });

    it("prepares the client's HTTP stack at a keystroke, while the debounce runs, before any request", async () => {
      const events: string[] = [];
      const fake: CompletionClient = {
        prepare: async () => { events.push('prepared'); },
        streamCompletion: async (): Promise<CompletionOutcome> => {
          events.push('completion sent');
          return { ok: true, text: ' 1', finish: 'stop', durationMs: 1 };
        },
      };
      let key = false;
      const p = pipeline({ debounceMs: 30 }, { client: () => (key ? fake : undefined), warmth: new ConnectionWarmth(30_000) });
      await p.run(input('y = |'), never());
      assert.deepEqual(events, [], 'nothing without a key');
      key = true;
      const typedOn = new AbortController();
      setTimeout(() => typedOn.abort(), 10);
      assert.equal((await p.run(input('z|'), typedOn.signal)).kind, 'cancelled');
      assert.deepEqual(events.splice(0), ['prepared'], 'at the keystroke, before any request');
      assert.equal((await p.run(input('z = |'), never())).kind, 'shown');
      assert.deepEqual(events, ['prepared', 'completion sent'], '(the client prepares once; later calls cost nothing)');
    });

    it('never without a key, for a manual request, or while the endpoint is failing', async () => {
      let clock = 1_000_000;
      let key = true;
      const backoff = new Backoff(() => clock);
      const p = pipeline({ debounceMs: 0 }, { client: () => (key ? client : undefined), warmth: new ConnectionWarmth(30_000), backoff, now: () => clock });
      await p.run(input('z = |'), never());
      clock += 60_000;
      key = false;
      await p.run(input('a = |'), never());
      key = true;
      await p.run(input('b = |', true), never());
      clock += 60_000;
      backoff.failed({ kind: 'server', message: 'down' });
      await p.run(input('c = |'), never());
      await sleep(50);
      assert.equal(warmUps().length, 0);
      clock += 60_000;
      await p.run(input('d = |'), never());
      for (let i = 0; i < 50 && warmUps().length < 1; i++) await sleep(10);
      assert.equal(warmUps().length, 1, 'once the endpoint may be asked again, after a pause');
    });
  });
});
