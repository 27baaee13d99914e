import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenAICompatibleClient } from '../../src/core/api/client';
import type { CompletionOutcome, CompletionRequest, StreamOptions } from '../../src/core/api/completions';
import { StandIn } from '../standin/server';
import { withServer } from './rawServer';

const KEY = 'fw_unit_test_key_0123456789';
const REQUEST: CompletionRequest = {
  model: 'accounts/fireworks/models/qwen2p5-coder-7b',
  prompt: '<|fim_prefix|>def add(a, b):<|fim_suffix|><|fim_middle|>',
  maxTokens: 64,
  temperature: 0.1,
  stop: ['<|endoftext|>', '<|fim_pad|>'],
};

function options(overrides: Partial<StreamOptions> = {}): StreamOptions {
  return { signal: new AbortController().signal, timeoutMs: 2000, ...overrides };
}

function assertOk(outcome: CompletionOutcome): asserts outcome is Extract<CompletionOutcome, { ok: true }> {
  assert.ok(outcome.ok, outcome.ok ? '' : `failed: ${outcome.error.kind} ${outcome.error.message}`);
}

function assertFailed(outcome: CompletionOutcome): asserts outcome is Extract<CompletionOutcome, { ok: false }> {
  assert.ok(!outcome.ok, 'expected a failure');
}

describe('client (OpenAICompatibleClient against the stand-in)', () => {
  let standIn: StandIn;
  let client: OpenAICompatibleClient;

  before(async () => {
    standIn = await StandIn.start();
    client = new OpenAICompatibleClient({ baseUrl: standIn.baseUrl, apiKey: KEY });
  });
  afterEach(() => standIn.reset());
  after(() => standIn.close());

  it('warms the connection with GET /models/{id}: answered whether the endpoint knows the model or not, never throwing', async () => {
    standIn.setModels([REQUEST.model]);
    assert.equal(await client.warm(REQUEST.model), true);
    assert.equal(await client.warm('accounts/fireworks/models/unknown'), true, 'a 404 is an answer too');
    const sent = standIn.requests.filter((r) => r.method === 'GET');
    assert.deepEqual(sent.map((r) => r.path), [`/inference/v1/models/${encodeURIComponent(REQUEST.model)}`, `/inference/v1/models/${encodeURIComponent('accounts/fireworks/models/unknown')}`]);
    assert.ok(sent.every((r) => r.headers.authorization === `Bearer ${KEY}` && r.body === undefined));
    const nobody = new OpenAICompatibleClient({ baseUrl: 'http://127.0.0.1:9/v1', apiKey: KEY });
    assert.equal(await nobody.warm(REQUEST.model), false, 'no answer from a closed port');
  });

  it('joins the streamed text', async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['\n    return', ' a', ' + b', '\n'] }));
    const outcome = await client.streamCompletion(REQUEST, options());
    assertOk(outcome);
    assert.equal(outcome.text, '\n    return a + b\n');
    assert.equal(outcome.finish, 'stop');
    assert.ok(outcome.timeToFirstChunkMs !== undefined && outcome.timeToFirstChunkMs <= outcome.durationMs);
    assert.equal(client.baseUrl, standIn.baseUrl);
  });

  it('streams n choices at once, by index, and ends the stream once every choice is decided', async () => {
    const junk = Array.from({ length: 30 }, () => ' pass');
    standIn.onCompletion(() => ({
      kind: 'completion',
      chunks: ['\n    return', ' a + b\n', ...junk],
      alternatives: [['\n    return', ' b + a\n', ...junk], ['\n    return', ' sum((a, b))\n', ...junk]],
      chunkDelayMs: 5,
    }));
    const outcome = await client.streamChoices(REQUEST, 3, { signal: new AbortController().signal, timeoutMs: 2000, isDecided: (_i, text) => text.slice(1).includes('\n') });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
    assert.deepEqual(outcome.texts, ['\n    return a + b\n', '\n    return b + a\n', '\n    return sum((a, b))\n']);
    assert.deepEqual(outcome.finishes, ['early', 'early', 'early']);
    const [sent] = standIn.completionRequests();
    assert.equal((sent.body as { n?: number }).n, 3);
    await sent.done;
    assert.ok(sent.aborted, 'the server stopped generating');
  });

  it('reads a whole JSON answer from a server that ignores stream: true', async () => {
    await withServer((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        id: 'cmpl-1', object: 'text_completion', created: 1, model: 'm',
        choices: [{ index: 0, text: '\n    return a + b', logprobs: null, finish_reason: 'stop' }],
        usage: { prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 },
      }));
    }, async (baseUrl) => {
      const outcome = await new OpenAICompatibleClient({ baseUrl, apiKey: KEY }).streamCompletion(REQUEST, options());
      assertOk(outcome);
      assert.equal(outcome.text, '\n    return a + b');
      assert.equal(outcome.finish, 'stop');
      assert.deepEqual(outcome.usage, { promptTokens: 7, completionTokens: 5 });
    });
  });

  it('reads a final usage chunk that has no choices field at all (some OpenAI-compatible servers)', async () => {
    await withServer((res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ id: 'c', object: 'text_completion', created: 1, model: 'm', choices: [{ index: 0, text: 'abc', finish_reason: 'stop' }] })}\n\n`);
      res.write(`data: ${JSON.stringify({ id: 'c', object: 'text_completion', created: 1, model: 'm', usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } })}\n\n`);
      res.end('data: [DONE]\n\n');
    }, async (baseUrl) => {
      const outcome = await new OpenAICompatibleClient({ baseUrl, apiKey: KEY }).streamCompletion(REQUEST, options());
      assertOk(outcome);
      assert.equal(outcome.text, 'abc');
      assert.deepEqual(outcome.usage, { promptTokens: 3, completionTokens: 1 });
    });
  });

  it("an error event inside a completion's stream is the server's error, in its words (not a network failure)", async () => {
    await withServer((res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ id: 'c', object: 'text_completion', created: 1, model: 'm', choices: [{ index: 0, text: 'ab', finish_reason: null }] })}\n\n`);
      res.end(`data: ${JSON.stringify({ error: { message: 'Model overloaded', type: 'server_error' } })}\n\n`);
    }, async (baseUrl) => {
      const outcome = await new OpenAICompatibleClient({ baseUrl, apiKey: KEY }).streamCompletion(REQUEST, options());
      assertFailed(outcome);
      assert.deepEqual([outcome.error.kind, outcome.error.message], ['server', 'Model overloaded']);
    });
  });

  it('reads usage from the last chunk', async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['abcd', 'efgh'], usage: 'last-chunk' }));
    const outcome = await client.streamCompletion({ ...REQUEST, prompt: 'x'.repeat(40) }, options());
    assertOk(outcome);
    assert.deepEqual(outcome.usage, { promptTokens: 10, completionTokens: 2 });
  });

  it('reads usage from a separate final chunk with no choices', async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['abcd', 'efgh'], usage: 'separate-chunk' }));
    const outcome = await client.streamCompletion({ ...REQUEST, prompt: 'x'.repeat(40) }, options());
    assertOk(outcome);
    assert.equal(outcome.text, 'abcdefgh');
    assert.deepEqual(outcome.usage, { promptTokens: 10, completionTokens: 2 });
    assert.equal(outcome.finish, 'stop');
  });

  it('has no usage when the server sends none', async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['a'], usage: 'none' }));
    const outcome = await client.streamCompletion(REQUEST, options());
    assertOk(outcome);
    assert.equal(outcome.usage, undefined);
  });

  it('sends the key as a Bearer header and the request body', async () => {
    await client.streamCompletion(REQUEST, options());
    const [req] = standIn.completionRequests();
    assert.equal(req.headers.authorization, `Bearer ${KEY}`);
    assert.deepEqual(req.body, {
      model: REQUEST.model,
      prompt: REQUEST.prompt,
      max_tokens: 64,
      temperature: 0.1,
      stop: ['<|endoftext|>', '<|fim_pad|>'],
      stream: true,
    });
  });

  it('sends nothing the openai SDK would take from the environment: no OpenAI organization, project or custom headers', async () => {
    const saved = { org: process.env.OPENAI_ORG_ID, project: process.env.OPENAI_PROJECT_ID, headers: process.env.OPENAI_CUSTOM_HEADERS };
    process.env.OPENAI_ORG_ID = 'org-from-env';
    process.env.OPENAI_PROJECT_ID = 'proj_from_env';
    process.env.OPENAI_CUSTOM_HEADERS = 'Helicone-Auth: Bearer sk-from-env\nAuthorization: Bearer sk-other';
    try {
      const fresh = new OpenAICompatibleClient({ baseUrl: standIn.baseUrl, apiKey: KEY });
      await fresh.streamCompletion(REQUEST, options());
      const [req] = standIn.completionRequests();
      assert.equal(req.headers.authorization, `Bearer ${KEY}`);
      for (const name of ['openai-organization', 'openai-project', 'helicone-auth']) assert.equal(req.headers[name], undefined, name);
      assert.ok(!JSON.stringify(req.headers).includes('from-env'), JSON.stringify(req.headers));
    } finally {
      if (saved.org === undefined) delete process.env.OPENAI_ORG_ID;
      else process.env.OPENAI_ORG_ID = saved.org;
      if (saved.project === undefined) delete process.env.OPENAI_PROJECT_ID;
      else process.env.OPENAI_PROJECT_ID = saved.project;
      if (saved.headers === undefined) delete process.env.OPENAI_CUSTOM_HEADERS;
      else process.env.OPENAI_CUSTOM_HEADERS = saved.headers;
    }
  });

  it('keeps what Fireworks says with a 429 (its body puts it beside the error, which the SDK alone drops)', async () => {
    standIn.onCompletion(() => ({ kind: 'error', status: 429 }));
    const outcome = await client.streamCompletion(REQUEST, options());
    assertFailed(outcome);
    assert.equal(outcome.error.kind, 'rate-limited');
    assert.equal(outcome.error.message, 'Too Many Requests: Request rate limit exceeded');
  });

  it('sends no stop field when there are no stops', async () => {
    await client.streamCompletion({ ...REQUEST, stop: [] }, options());
    const body = standIn.completionRequests()[0].body as Record<string, unknown>;
    assert.equal('stop' in body, false);
  });

  it('sends context_length_exceeded_behavior and session affinity only to Fireworks', async () => {
    const other = new OpenAICompatibleClient({ baseUrl: standIn.baseUrl, apiKey: KEY, sessionId: 'session-1' });
    await other.streamCompletion(REQUEST, options());
    const plain = standIn.completionRequests()[0];
    assert.equal('context_length_exceeded_behavior' in (plain.body as Record<string, unknown>), false);
    assert.equal(plain.headers['x-session-affinity'], undefined);

    const fireworks = new OpenAICompatibleClient({ baseUrl: standIn.baseUrl, apiKey: KEY, fireworks: true, sessionId: 'session-1' });
    await fireworks.streamCompletion(REQUEST, options());
    const sent = standIn.completionRequests()[1];
    assert.equal((sent.body as Record<string, unknown>).context_length_exceeded_behavior, 'truncate');
    assert.equal(sent.headers['x-session-affinity'], 'session-1');
  });

  it("reports 'length' when max_tokens ends the answer", async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['aaaa', 'bbbb', 'cccc'] }));
    const outcome = await client.streamCompletion({ ...REQUEST, maxTokens: 2 }, options());
    assertOk(outcome);
    assert.deepEqual([outcome.text, outcome.finish], ['aaaabbbb', 'length']);
  });

  it('passes the Fireworks timing headers on', async () => {
    standIn.onCompletion(() => ({
      kind: 'completion', chunks: ['a'],
      headers: { 'fireworks-server-time-to-first-token': '0.031', 'fireworks-prompt-tokens': '12', 'fireworks-cached-prompt-tokens': '8' },
    }));
    const outcome = await client.streamCompletion(REQUEST, options());
    assertOk(outcome);
    assert.equal(outcome.serverTimings, 'server ttft 0.031, prompt tokens 12, cached 8');
  });

  it("ends the stream once the answer is decided: finish 'early', request aborted", async () => {
    const chunks = ['x = ', 'compute()', '\n', 'y = 1\n', 'z = 2\n', 'w = 3\n', 'v = 4\n', 'u = 5\n'];
    standIn.onCompletion(() => ({ kind: 'completion', chunks, chunkDelayMs: 40 }));
    const seen: string[] = [];
    const outcome = await client.streamCompletion(REQUEST, options({
      isDecided: (text) => {
        seen.push(text);
        return text.includes('\n');
      },
    }));
    assertOk(outcome);
    assert.equal(outcome.finish, 'early');
    assert.equal(outcome.text, 'x = compute()\n');
    assert.equal(seen.length, 3);
    const [req] = standIn.completionRequests();
    await req.done;
    assert.equal(req.aborted, true);
  });

  it('an outer abort mid-stream gives cancelled and aborts the request', async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['a', 'b', 'c', 'd', 'e'], chunkDelayMs: 50 }));
    const controller = new AbortController();
    let calls = 0;
    const outcome = await client.streamCompletion(REQUEST, options({
      signal: controller.signal,
      isDecided: () => {
        if (++calls === 1) controller.abort();
        return false;
      },
    }));
    assertFailed(outcome);
    assert.equal(outcome.error.kind, 'cancelled');
    const [req] = standIn.completionRequests();
    await req.done;
    assert.equal(req.aborted, true);
  });

  it('an outer abort before the first byte gives cancelled and aborts the request', async () => {
    standIn.onCompletion(() => ({ kind: 'hang' }));
    const controller = new AbortController();
    const pending = client.streamCompletion(REQUEST, options({ signal: controller.signal }));
    const req = await standIn.waitForRequest(() => true);
    controller.abort();
    const outcome = await pending;
    assertFailed(outcome);
    assert.equal(outcome.error.kind, 'cancelled');
    await req.done;
    assert.equal(req.aborted, true);
  });

  it('an already aborted signal gives cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const outcome = await client.streamCompletion(REQUEST, options({ signal: controller.signal }));
    assertFailed(outcome);
    assert.equal(outcome.error.kind, 'cancelled');
  });

  it('a hanging endpoint times out at timeoutMs', async () => {
    standIn.onCompletion(() => ({ kind: 'hang' }));
    const started = Date.now();
    const outcome = await client.streamCompletion(REQUEST, options({ timeoutMs: 200 }));
    const took = Date.now() - started;
    assertFailed(outcome);
    assert.equal(outcome.error.kind, 'timeout');
    assert.ok(took >= 190 && took < 1000, `took ${took} ms`);
    const [req] = standIn.completionRequests();
    await req.done;
    assert.equal(req.aborted, true);
  });

  it('a stream that stalls mid-way times out rather than showing half an answer', async () => {
    standIn.onCompletion(() => ({ kind: 'completion', chunks: ['half', ' of it'], chunkDelayMs: 1000 }));
    const outcome = await client.streamCompletion(REQUEST, options({ timeoutMs: 200 }));
    assertFailed(outcome);
    assert.equal(outcome.error.kind, 'timeout');
    assert.ok(outcome.durationMs < 1000);
  });

  it('never retries: one request for a 500 and for a 429', async () => {
    standIn.onCompletion(() => ({ kind: 'error', status: 500 }));
    const server = await client.streamCompletion(REQUEST, options());
    assertFailed(server);
    assert.deepEqual([server.error.kind, server.error.status], ['server', 500]);
    standIn.onCompletion(() => ({ kind: 'error', status: 429, headers: { 'retry-after': '0' } }));
    const limited = await client.streamCompletion(REQUEST, options());
    assertFailed(limited);
    assert.equal(limited.error.kind, 'rate-limited');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(standIn.completionRequests().length, 2);
  });

  it('returns a 404 as model-not-found, without throwing', async () => {
    standIn.onCompletion(() => ({ kind: 'error', status: 404 }));
    const outcome = await client.streamCompletion(REQUEST, options());
    assertFailed(outcome);
    assert.equal(outcome.error.kind, 'model-not-found');
  });

  it('returns a refused connection as network, without throwing', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const offline = new OpenAICompatibleClient({ baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: KEY });
    const outcome = await offline.streamCompletion(REQUEST, options());
    assertFailed(outcome);
    assert.equal(outcome.error.kind, 'network');
    assert.ok(!outcome.error.message.includes(KEY));
  });

  describe('listModels', () => {
    it('lists the models with what the endpoint says about them', async () => {
      standIn.setModels([
        'accounts/fireworks/models/a',
        { id: 'accounts/fireworks/models/b', context_length: 8192, supports_chat: true },
        { id: 'accounts/fireworks/models/c-base', supports_chat: false, owned_by: 'someone' },
      ]);
      const outcome = await client.listModels(new AbortController().signal);
      assert.deepEqual(outcome, {
        ok: true,
        models: [
          { id: 'accounts/fireworks/models/a', ownedBy: 'fireworks' },
          { id: 'accounts/fireworks/models/b', supportsChat: true, contextLength: 8192, ownedBy: 'fireworks' },
          { id: 'accounts/fireworks/models/c-base', supportsChat: false, ownedBy: 'someone' },
        ],
      });
      const [req] = standIn.requests;
      assert.deepEqual([req.method, req.path, req.headers.authorization], ['GET', '/inference/v1/models', `Bearer ${KEY}`]);
    });

    it('reports a rejected key', async () => {
      const keyed = await StandIn.start({ apiKey: 'fw_the_right_key' });
      try {
        const outcome = await new OpenAICompatibleClient({ baseUrl: keyed.baseUrl, apiKey: 'fw_the_wrong_key' }).listModels(new AbortController().signal);
        assert.ok(!outcome.ok);
        assert.equal(outcome.error.kind, 'auth');
      } finally {
        await keyed.close();
      }
    });

    it('times out', async () => {
      const silent = http.createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = silent.address() as AddressInfo;
        const outcome = await new OpenAICompatibleClient({ baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: KEY }).listModels(new AbortController().signal, 100);
        assert.ok(!outcome.ok);
        assert.equal(outcome.error.kind, 'timeout');
      } finally {
        silent.closeAllConnections();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
      }
    });
  });
});
