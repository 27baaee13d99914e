// Wire-level tests of the Fireworks stand-in, driven through the real openai SDK (and raw fetch where the SDK would
// hide the bytes).
import * as assert from 'node:assert/strict';
import OpenAI from 'openai';
import { StandIn, promptOf, type RecordedRequest, type Responder } from '../standin/server';
import { complete, demoChatResponder, demoResponder, parseFim, splitUserTurn, variantsOf } from '../standin/demo';

const MODEL = 'accounts/fireworks/models/test-model';

describe('Fireworks stand-in', () => {
  let standIn: StandIn;
  let client: OpenAI;

  before(async () => {
    standIn = await StandIn.start();
    client = new OpenAI({ baseURL: standIn.baseUrl, apiKey: 'test-key', maxRetries: 0 });
  });
  afterEach(() => standIn.reset());
  after(() => standIn.close());

  async function streamCompletion(params: Omit<OpenAI.CompletionCreateParamsStreaming, 'model' | 'stream'>): Promise<OpenAI.Completion[]> {
    const stream = await client.completions.create({ model: MODEL, stream: true, ...params });
    const chunks: OpenAI.Completion[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    return chunks;
  }

  it('listens on 127.0.0.1 under /inference/v1', () => {
    assert.match(standIn.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/inference\/v1$/);
  });

  it('streams the scripted completion with usage in the last chunk', async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['def ', 'add(a, b)', ':\n'] }));
    const chunks = await streamCompletion({ prompt: 'hello world!' });
    assert.equal(chunks.map((c) => c.choices[0].text).join(''), 'def add(a, b):\n');
    assert.deepEqual(chunks.map((c) => c.choices[0].finish_reason), [null, null, 'stop']);
    assert.deepEqual(chunks.slice(0, -1).map((c) => c.usage), [null, null]);
    // 12 prompt chars -> 3 tokens; chunks cost 1 + 3 + 1 tokens
    assert.deepEqual(chunks[2].usage, { prompt_tokens: 3, total_tokens: 8, completion_tokens: 5 });
    assert.equal(chunks[0].object, 'text_completion');
    assert.equal(chunks[0].model, MODEL);
    const req = standIn.completionRequests()[0];
    assert.equal(promptOf(req), 'hello world!');
    assert.equal(req.headers.authorization, 'Bearer test-key');
    assert.equal(req.path, '/inference/v1/completions');
  });

  it('sends usage in a separate chunk with empty choices when asked', async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['a', 'b'], usage: 'separate-chunk' }));
    const chunks = await streamCompletion({ prompt: 'x' });
    assert.equal(chunks.length, 3);
    assert.equal(chunks[1].choices[0].finish_reason, 'stop');
    assert.equal(chunks[1].usage, null);
    assert.deepEqual(chunks[2].choices, []);
    assert.deepEqual(chunks[2].usage, { prompt_tokens: 1, total_tokens: 3, completion_tokens: 2 });
  });

  it('writes the exact SSE framing and ends with [DONE]', async () => {
    const res = await fetch(`${standIn.baseUrl}/completions`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, prompt: 'p', stream: true }),
    });
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    const text = await res.text();
    const events = text.split('\n\n');
    assert.equal(events.pop(), '');
    assert.equal(events.pop(), 'data: [DONE]');
    const first: unknown = JSON.parse(events[0].replace(/^data: /, ''));
    assert.deepEqual(Object.keys(first as object), ['id', 'object', 'created', 'model', 'choices', 'usage']);
    assert.deepEqual((first as { choices: unknown }).choices, [{ index: 0, text: '    return', logprobs: null, finish_reason: null }]);
  });

  it('answers non-streamed completions as one JSON object', async () => {
    const completion = await client.completions.create({ model: MODEL, prompt: 'x' });
    assert.equal(completion.choices[0].text, '    return 42\n');
    assert.equal(completion.choices[0].finish_reason, 'stop');
    assert.equal(completion.usage?.prompt_tokens, 1);
  });

  it('cuts at the first stop sequence (excluded), even across chunks', async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['return a', ' + b\n', '\ndef other():', '\n  pass'] }));
    const chunks = await streamCompletion({ prompt: 'x', stop: ['\n\n', '\ndef'] });
    assert.equal(chunks.map((c) => c.choices[0].text).join(''), 'return a + b');
    assert.equal(chunks[chunks.length - 1].choices[0].finish_reason, 'stop');
    const single = await streamCompletion({ prompt: 'x', stop: ' +' });
    assert.equal(single.map((c) => c.choices[0].text).join(''), 'return a');
  });

  it('caps output at max_tokens with finish_reason length', async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['aaaa', 'bbbb', 'cccc', 'dddd'] }));
    const chunks = await streamCompletion({ prompt: 'x', max_tokens: 2 });
    assert.equal(chunks.map((c) => c.choices[0].text).join(''), 'aaaabbbb');
    assert.equal(chunks[chunks.length - 1].choices[0].finish_reason, 'length');
  });

  it('streams chat with role, reasoning_content and content deltas', async () => {
    standIn.onChat(() => ({ kind: 'chat', reasoning: ['Think', 'ing.'], content: ['Hi', ' there'], usage: 'separate-chunk' }));
    const stream = await client.chat.completions.create({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'hey' }] });
    const deltas: Array<Record<string, unknown>> = [];
    let usage: unknown;
    for await (const chunk of stream) {
      assert.equal(chunk.object, 'chat.completion.chunk');
      if (chunk.usage) usage = chunk.usage;
      if (chunk.choices[0]) deltas.push(chunk.choices[0].delta as Record<string, unknown>);
    }
    assert.deepEqual(deltas[0], { role: 'assistant' });
    assert.equal(deltas.map((d) => d.reasoning_content ?? '').join(''), 'Thinking.');
    assert.equal(deltas.map((d) => d.content ?? '').join(''), 'Hi there');
    assert.deepEqual(usage, { prompt_tokens: 1, total_tokens: 7, completion_tokens: 6 }); // 2 + 1 + 1 + 2
    assert.equal(standIn.chatRequests().length, 1);
  });

  it('answers non-streamed chat with message.reasoning_content', async () => {
    standIn.onChat(() => ({ kind: 'chat', reasoning: ['hmm'], content: ['Yes', '.'] }));
    const res = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'ok?' }] });
    assert.equal(res.object, 'chat.completion');
    assert.equal(res.choices[0].message.content, 'Yes.');
    assert.equal((res.choices[0].message as unknown as Record<string, unknown>).reasoning_content, 'hmm');
  });

  it('lists models', async () => {
    standIn.setModels(['m1', { id: 'm2', context_length: 8192 }]);
    const page = await client.models.list();
    assert.deepEqual(page.data.map((m) => m.id), ['m1', 'm2']);
    assert.equal(page.data[0].owned_by, 'fireworks');
    assert.equal((page.data[1] as unknown as Record<string, unknown>).context_length, 8192);
  });

  const errorCases: Array<[number, new (...args: never[]) => InstanceType<typeof OpenAI.APIError>, string]> = [
    [401, OpenAI.AuthenticationError, '401 The API key you provided is invalid.'],
    [404, OpenAI.NotFoundError, '404 Model not found, inaccessible, and/or not deployed'],
    [429, OpenAI.RateLimitError, '429 "Too Many Requests"'],
    [500, OpenAI.InternalServerError, '500 Internal server error'],
  ];
  for (const [status, ErrorClass, message] of errorCases) {
    it(`surfaces ${status} as ${ErrorClass.name}`, async () => {
      standIn.onCompletion(() => ({ kind: 'error', status, headers: { 'retry-after': '1' } }));
      const err = await client.completions.create({ model: MODEL, prompt: 'x', stream: true }).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof ErrorClass, String(err));
      assert.equal(err.status, status);
      assert.equal(err.message, message);
      assert.equal(err.headers?.get('retry-after'), '1');
      if (status === 429) assert.deepEqual(err.error, 'Too Many Requests');
    });
  }

  it('rejects a wrong API key when one is configured, and answers bad JSON and unknown paths', async () => {
    const keyed = await StandIn.start({ apiKey: 'right' });
    try {
      const wrong = new OpenAI({ baseURL: keyed.baseUrl, apiKey: 'wrong', maxRetries: 0 });
      await assert.rejects(wrong.completions.create({ model: MODEL, prompt: 'x' }), OpenAI.AuthenticationError);
      const right = new OpenAI({ baseURL: keyed.baseUrl, apiKey: 'right', maxRetries: 0 });
      assert.equal((await right.completions.create({ model: MODEL, prompt: 'x' })).choices[0].text, '    return 42\n');
    } finally {
      await keyed.close();
    }
    const bad = await fetch(`${standIn.baseUrl}/completions`, { method: 'POST', body: '{nope' });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('content-type'), 'application/json');
    const missing = await fetch(`${standIn.baseUrl}/nowhere`);
    assert.equal(missing.status, 404);
    assert.ok(((await missing.json()) as { error: unknown }).error);
  });

  it('marks an aborted stream and resolves done', async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['a', 'b', 'c', 'd'], chunkDelayMs: 200 }));
    const controller = new AbortController();
    const stream = await client.completions.create({ model: MODEL, prompt: 'x', stream: true }, { signal: controller.signal });
    const seen: string[] = [];
    // The SDK ends the iteration quietly when its own signal aborts it.
    for await (const chunk of stream) {
      seen.push(chunk.choices[0].text);
      controller.abort();
    }
    assert.deepEqual(seen, ['a']);
    const req = standIn.completionRequests()[0];
    await req.done;
    assert.equal(req.aborted, true);
  });

  it('a hanging request stays open until the client aborts', async () => {
    standIn.onCompletion(() => ({ kind: 'hang' }));
    const controller = new AbortController();
    const pending = client.completions.create({ model: MODEL, prompt: 'x' }, { signal: controller.signal });
    const req = await standIn.waitForRequest((r) => r.path.endsWith('/completions'));
    assert.equal(req.aborted, false);
    controller.abort();
    await assert.rejects(pending, OpenAI.APIUserAbortError);
    await req.done;
    assert.equal(req.aborted, true);
  });

  it('waitForRequest sees past and future requests and times out', async () => {
    await client.completions.create({ model: MODEL, prompt: 'first' });
    const past = await standIn.waitForRequest((r) => promptOf(r) === 'first');
    assert.equal(past.aborted, false);
    const future = standIn.waitForRequest((r) => promptOf(r) === 'second');
    await client.completions.create({ model: MODEL, prompt: 'second' });
    assert.equal(promptOf(await future), 'second');
    await assert.rejects(standIn.waitForRequest(() => false, 20), /no matching request/);
  });

  it('close() returns promptly with a hanging request open', async () => {
    const other = await StandIn.start();
    other.onChat(() => ({ kind: 'hang' }));
    const c = new OpenAI({ baseURL: other.baseUrl, apiKey: 'k', maxRetries: 0 });
    const pending = c.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    const req: RecordedRequest = await other.waitForRequest(() => true);
    const started = Date.now();
    await other.close();
    assert.ok(Date.now() - started < 500);
    assert.ok((await pending) instanceof OpenAI.APIConnectionError);
    await req.done;
    assert.equal(req.aborted, true);
  });

  it('demo responders answer plausible code and markdown', async () => {
    assert.deepEqual(parseFim('<|fim_prefix|>a<|fim_suffix|>b<|fim_middle|>'), { prefix: 'a', suffix: 'b' });
    assert.equal(complete(parseFim('<fim_prefix>def add(a, b):<fim_suffix>\n<fim_middle>')), '\n    return a + b');
    assert.equal(complete({ prefix: 'function greet(name: string) {\n  ', suffix: '\n}\n' }), 'return `Hello, ${name}!`;');
    assert.equal(complete({ prefix: 'x = 1\n', suffix: '' }, 'python'), '# TODO: continue here');
    const fast = (r: Responder): Responder => async (req) => ({ ...(await r(req)), ttftMs: 0, chunkDelayMs: 0 });
    standIn.onCompletion(fast(demoResponder));
    standIn.onChat(fast(demoChatResponder));
    const c = await client.completions.create({ model: MODEL, prompt: '<fim_prefix>// print hello\n<fim_suffix><fim_middle>' });
    assert.equal(c.choices[0].text, "console.log('Hello, world!');");
    const chat = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'What is FIM?' }] });
    assert.match(chat.choices[0].message.content ?? '', /demo stand-in[\s\S]*What is FIM\?[\s\S]*```/);
  });

  it('the demo offers other answers for a return, for Show Next Inline Suggestion', () => {
    assert.deepEqual(variantsOf('\n    return a + b', 'python'), ['\n    result = a + b\n    return result', '\n    # The result: a + b\n    return a + b']);
    assert.deepEqual(variantsOf('return `Hello, ${name}!`;', 'ts'), ['const result = `Hello, ${name}!`;\nreturn result;', '// The result: `Hello, ${name}!`\nreturn `Hello, ${name}!`;']);
    assert.deepEqual(variantsOf('# TODO: continue here', 'python'), []);
  });

  it('the demo chat echoes the question, and names the context that went with it instead of quoting it', () => {
    const turn = 'Selection from demo.py (lines 1-3, python):\n```python\ndef f():\n    return 1\n```\n\n' +
      'File util.py (python) (truncated):\n````python\nx = "```"\n````\n[Cut to fit the model\'s context: the first 1 of 9 lines were sent.]\n\nWhat does f do?';
    assert.deepEqual(splitUserTurn(turn), {
      question: 'What does f do?',
      context: ['a selection from demo.py (lines 1-3, python)', 'the file util.py (python) (truncated)'],
    });
    assert.deepEqual(splitUserTurn('Just a question'), { question: 'Just a question', context: [] });
  });
});
