import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { ChatDelta, ChatOutcome, ChatRequest, ChatStreamOptions } from '../../src/core/api/chatCompletions';
import { OpenAICompatibleClient } from '../../src/core/api/client';
import { estimateTokens, StandIn } from '../standin/server';
import { withServer } from './rawServer';

const KEY = 'fw_unit_test_key_0123456789';
const REQUEST: ChatRequest = {
  model: 'accounts/fireworks/models/llama-v3p3-70b-instruct',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'What is 6 x 7?' },
  ],
};

interface Recorded {
  deltas: ChatDelta[];
  content: () => string;
  reasoning: () => string;
}

function recorder(): Recorded {
  const deltas: ChatDelta[] = [];
  return {
    deltas,
    content: () => deltas.map((d) => d.content ?? '').join(''),
    reasoning: () => deltas.map((d) => d.reasoning ?? '').join(''),
  };
}

function options(rec: Recorded, overrides: Partial<ChatStreamOptions> = {}): ChatStreamOptions {
  return { signal: new AbortController().signal, timeoutMs: 2000, onDelta: (d) => rec.deltas.push(d), ...overrides };
}

function assertOk(outcome: ChatOutcome): asserts outcome is Extract<ChatOutcome, { ok: true }> {
  assert.ok(outcome.ok, outcome.ok ? '' : `failed: ${outcome.error.kind} ${outcome.error.message}`);
}

function assertFailed(outcome: ChatOutcome): asserts outcome is Extract<ChatOutcome, { ok: false }> {
  assert.ok(!outcome.ok, 'expected a failure');
}

/** A throwaway server for shapes the stand-in does not make; `handler` gets the parsed body. */

function sse(res: http.ServerResponse, events: unknown[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const e of events) res.write(`data: ${JSON.stringify(e)}\n\n`);
}

const chunk = (delta: Record<string, unknown>, finish: string | null = null): unknown => ({
  id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }],
});

describe('client: streamChat against the stand-in', () => {
  let standIn: StandIn;
  let client: OpenAICompatibleClient;

  before(async () => {
    standIn = await StandIn.start();
    client = new OpenAICompatibleClient({ baseUrl: standIn.baseUrl, apiKey: KEY });
  });
  afterEach(() => standIn.reset());
  after(() => standIn.close());

  it('passes the content deltas on in order', async () => {
    standIn.onChat(() => ({ kind: 'chat', content: ['6 x 7', ' is', ' **42**.'] }));
    const rec = recorder();
    const outcome = await client.streamChat(REQUEST, options(rec));
    assertOk(outcome);
    assert.deepEqual(rec.deltas, [{ content: '6 x 7' }, { content: ' is' }, { content: ' **42**.' }]);
    assert.equal(outcome.finish, 'stop');
    assert.ok(outcome.timeToFirstChunkMs !== undefined && outcome.timeToFirstChunkMs <= outcome.durationMs);
  });

  it('passes reasoning_content deltas on as reasoning, before the answer', async () => {
    standIn.onChat(() => ({ kind: 'chat', reasoning: ['The user wants ', '6 times 7.'], content: ['42'] }));
    const rec = recorder();
    const outcome = await client.streamChat(REQUEST, options(rec));
    assertOk(outcome);
    assert.deepEqual(rec.deltas, [{ reasoning: 'The user wants ' }, { reasoning: '6 times 7.' }, { content: '42' }]);
  });

  it('moves <think> content to reasoning, with the tags split across chunks', async () => {
    standIn.onChat(() => ({ kind: 'chat', content: ['<thi', 'nk>\nmultiply</th', 'ink>\n\n', '42'] }));
    const rec = recorder();
    const outcome = await client.streamChat(REQUEST, options(rec));
    assertOk(outcome);
    assert.equal(rec.reasoning(), 'multiply');
    assert.equal(rec.content(), '42');
    assert.ok(rec.deltas.every((d) => !(d.content ?? '').includes('think')));
  });

  it('reads usage from the last chunk and from a separate final chunk with no choices', async () => {
    const prompt = REQUEST.messages.map((m) => m.content).join('\n');
    const expected = { promptTokens: estimateTokens(prompt), completionTokens: 2 };
    for (const usage of ['last-chunk', 'separate-chunk'] as const) {
      standIn.onChat(() => ({ kind: 'chat', content: ['abcd', 'efgh'], usage }));
      const rec = recorder();
      const outcome = await client.streamChat(REQUEST, options(rec));
      assertOk(outcome);
      assert.deepEqual(outcome.usage, expected, usage);
      assert.equal(outcome.finish, 'stop', usage);
      assert.equal(rec.content(), 'abcdefgh', usage);
    }
    standIn.onChat(() => ({ kind: 'chat', content: ['a'], usage: 'none' }));
    const none = await client.streamChat(REQUEST, options(recorder()));
    assertOk(none);
    assert.equal(none.usage, undefined);
  });

  it('sends the key, stream_options.include_usage, and only role and content of each message', async () => {
    const messages = [{ role: 'user' as const, content: 'Q', state: 'complete', reasoning: 'never sent' }];
    await client.streamChat({ model: 'm', messages, maxTokens: 512, temperature: 0.3 }, options(recorder()));
    const [req] = standIn.chatRequests();
    assert.equal(req.headers.authorization, `Bearer ${KEY}`);
    assert.deepEqual(req.body, {
      model: 'm',
      messages: [{ role: 'user', content: 'Q' }],
      max_tokens: 512,
      temperature: 0.3,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('sends no max_tokens or temperature when not given', async () => {
    await client.streamChat(REQUEST, options(recorder()));
    const body = standIn.chatRequests()[0].body as Record<string, unknown>;
    assert.equal('max_tokens' in body, false);
    assert.equal('temperature' in body, false);
  });

  it('sends Fireworks fields and session affinity only to Fireworks', async () => {
    await new OpenAICompatibleClient({ baseUrl: standIn.baseUrl, apiKey: KEY, sessionId: 'session-1' }).streamChat(REQUEST, options(recorder()));
    const plain = standIn.chatRequests()[0];
    assert.equal('context_length_exceeded_behavior' in (plain.body as Record<string, unknown>), false);
    assert.equal(plain.headers['x-session-affinity'], undefined);

    await new OpenAICompatibleClient({ baseUrl: standIn.baseUrl, apiKey: KEY, fireworks: true, sessionId: 'session-1' }).streamChat(REQUEST, options(recorder()));
    const sent = standIn.chatRequests()[1];
    assert.equal((sent.body as Record<string, unknown>).context_length_exceeded_behavior, 'truncate');
    assert.equal(sent.headers['x-session-affinity'], 'session-1');
  });

  it("reports 'length' when max_tokens ends the answer", async () => {
    standIn.onChat(() => ({ kind: 'chat', content: ['aaaa', 'bbbb', 'cccc'] }));
    const rec = recorder();
    const outcome = await client.streamChat({ ...REQUEST, maxTokens: 2 }, options(rec));
    assertOk(outcome);
    assert.deepEqual([rec.content(), outcome.finish], ['aaaabbbb', 'length']);
  });

  it("Stop mid-stream: finish 'aborted', the text so far kept, the request aborted", async () => {
    standIn.onChat(() => ({ kind: 'chat', content: ['one ', 'two ', 'three ', 'four ', 'five'], chunkDelayMs: 40 }));
    const controller = new AbortController();
    const rec = recorder();
    const outcome = await client.streamChat(REQUEST, options(rec, {
      signal: controller.signal,
      onDelta: (d) => {
        rec.deltas.push(d);
        if (rec.deltas.length === 2) controller.abort();
      },
    }));
    assertOk(outcome);
    assert.equal(outcome.finish, 'aborted');
    assert.equal(rec.content(), 'one two ');
    assert.ok(outcome.timeToFirstChunkMs !== undefined);
    const [req] = standIn.chatRequests();
    await req.done;
    assert.equal(req.aborted, true);
    assert.ok(req.streamedChunks < 5, `${req.streamedChunks} chunks generated`);
  });

  it("Stop before the first chunk: finish 'aborted' with nothing, the request aborted", async () => {
    standIn.onChat(() => ({ kind: 'hang' }));
    const controller = new AbortController();
    const rec = recorder();
    const pending = client.streamChat(REQUEST, options(rec, { signal: controller.signal }));
    const req = await standIn.waitForRequest(() => true);
    controller.abort();
    const outcome = await pending;
    assertOk(outcome);
    assert.equal(outcome.finish, 'aborted');
    assert.deepEqual(rec.deltas, []);
    await req.done;
    assert.equal(req.aborted, true);
  });

  it('an already stopped signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const outcome = await client.streamChat(REQUEST, options(recorder(), { signal: controller.signal }));
    assertOk(outcome);
    assert.equal(outcome.finish, 'aborted');
    assert.equal(standIn.chatRequests().length, 0);
  });

  it('times out when no chunk comes, and has no deadline once the stream flows', async () => {
    standIn.onChat(() => ({ kind: 'hang' }));
    const hung = await client.streamChat(REQUEST, options(recorder(), { timeoutMs: 100 }));
    assertFailed(hung);
    assert.deepEqual([hung.error.kind, hung.partial], ['timeout', false]);
    assert.ok(hung.durationMs < 1000);

    standIn.onChat(() => ({ kind: 'chat', content: ['slow', ' but', ' steady'], chunkDelayMs: 80 }));
    const rec = recorder();
    const slow = await client.streamChat(REQUEST, options(rec, { timeoutMs: 100 }));
    assertOk(slow);
    assert.equal(rec.content(), 'slow but steady');
    assert.ok(slow.durationMs > 100, `${slow.durationMs} ms`);
  });

  for (const [status, kind] of [[401, 'auth'], [404, 'model-not-found'], [429, 'rate-limited'], [500, 'server']] as const) {
    it(`returns a ${status} as '${kind}', without throwing or retrying`, async () => {
      standIn.onChat(() => ({ kind: 'error', status }));
      const outcome = await client.streamChat(REQUEST, options(recorder()));
      assertFailed(outcome);
      assert.deepEqual([outcome.error.kind, outcome.error.status, outcome.partial], [kind, status, false]);
      assert.ok(outcome.error.message.length > 0);
      assert.ok(!outcome.error.message.includes(KEY));
      assert.equal(standIn.chatRequests().length, 1);
    });
  }

  it('retries once without stream_options when the endpoint rejects it, then stops sending it', async () => {
    standIn.onChat((req) => {
      const body = req.body as Record<string, unknown>;
      return 'stream_options' in body
        ? { kind: 'error', status: 400, body: { error: { message: 'Unrecognized request argument supplied: stream_options', type: 'invalid_request_error' } } }
        : { kind: 'chat', content: ['fine'], usage: 'last-chunk' };
    });
    const picky = new OpenAICompatibleClient({ baseUrl: standIn.baseUrl, apiKey: KEY });
    const rec = recorder();
    const outcome = await picky.streamChat(REQUEST, options(rec));
    assertOk(outcome);
    assert.equal(rec.content(), 'fine');
    assert.ok(outcome.usage, 'the last-chunk usage still read');
    const [first, second] = standIn.chatRequests();
    assert.equal('stream_options' in (first.body as Record<string, unknown>), true);
    assert.equal('stream_options' in (second.body as Record<string, unknown>), false);

    const again = await picky.streamChat(REQUEST, options(recorder()));
    assertOk(again);
    assert.equal(standIn.chatRequests().length, 3, 'no second rejection');
    assert.equal('stream_options' in (standIn.chatRequests()[2].body as Record<string, unknown>), false);
  });

  it('does not retry other 400s', async () => {
    standIn.onChat(() => ({ kind: 'error', status: 400, body: { error: { message: 'messages: roles must alternate' } } }));
    const picky = new OpenAICompatibleClient({ baseUrl: standIn.baseUrl, apiKey: KEY });
    const outcome = await picky.streamChat(REQUEST, options(recorder()));
    assertFailed(outcome);
    assert.deepEqual([outcome.error.kind, outcome.error.message], ['bad-request', 'messages: roles must alternate']);
    assert.equal(standIn.chatRequests().length, 1);
  });

  it('does not retry a second time when the request without stream_options fails too', async () => {
    standIn.onChat(() => ({ kind: 'error', status: 400, body: { error: { message: 'stream_options is not supported' } } }));
    const picky = new OpenAICompatibleClient({ baseUrl: standIn.baseUrl, apiKey: KEY });
    const outcome = await picky.streamChat(REQUEST, options(recorder()));
    assertFailed(outcome);
    assert.equal(outcome.error.kind, 'bad-request');
    assert.equal(standIn.chatRequests().length, 2);
  });

  describe('shapes the stand-in does not make', () => {
    it('reads a whole JSON answer from a server that ignores stream: true', async () => {
      await withServer((res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({
          id: 'c', object: 'chat.completion', created: 1, model: 'm',
          choices: [{ index: 0, message: { role: 'assistant', content: '<think>hmm</think>42', reasoning_content: 'first ' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 },
        }));
      }, async (baseUrl) => {
        const rec = recorder();
        const outcome = await new OpenAICompatibleClient({ baseUrl, apiKey: KEY }).streamChat(REQUEST, options(rec));
        assertOk(outcome);
        assert.deepEqual([rec.reasoning(), rec.content()], ['first hmm', '42']);
        assert.equal(outcome.finish, 'stop');
        assert.deepEqual(outcome.usage, { promptTokens: 7, completionTokens: 5 });
      });
    });

    it("reads Ollama's `reasoning` field as reasoning", async () => {
      await withServer((res) => {
        sse(res, [chunk({ role: 'assistant', reasoning: 'think' }), chunk({ content: 'done' }, 'stop')]);
        res.end('data: [DONE]\n\n');
      }, async (baseUrl) => {
        const rec = recorder();
        const outcome = await new OpenAICompatibleClient({ baseUrl, apiKey: KEY }).streamChat(REQUEST, options(rec));
        assertOk(outcome);
        assert.deepEqual(rec.deltas, [{ reasoning: 'think' }, { content: 'done' }]);
      });
    });

    it("an error event mid-stream is the server's error, with the text so far kept", async () => {
      await withServer((res) => {
        sse(res, [chunk({ role: 'assistant', content: 'Half' }), { error: { message: 'Model overloaded', type: 'server_error' } }]);
        res.end();
      }, async (baseUrl) => {
        const rec = recorder();
        const outcome = await new OpenAICompatibleClient({ baseUrl, apiKey: KEY }).streamChat(REQUEST, options(rec));
        assertFailed(outcome);
        assert.deepEqual([outcome.error.kind, outcome.error.message, outcome.partial], ['server', 'Model overloaded', true]);
        assert.equal(rec.content(), 'Half');
      });
    });

    it('a connection lost mid-answer is a network error, partial, with the text so far kept', async () => {
      await withServer((res) => {
        sse(res, [chunk({ role: 'assistant', content: 'Half' })]);
        setTimeout(() => res.socket?.destroy(), 30);
      }, async (baseUrl) => {
        const rec = recorder();
        const outcome = await new OpenAICompatibleClient({ baseUrl, apiKey: KEY }).streamChat(REQUEST, options(rec));
        assertFailed(outcome);
        assert.deepEqual([outcome.error.kind, outcome.partial], ['network', true]);
        assert.match(outcome.error.message, /lost mid-answer/);
        assert.equal(rec.content(), 'Half');
      });
    });

    it('accepts a last chunk without delta and a usage chunk without choices', async () => {
      await withServer((res) => {
        sse(res, [
          chunk({ role: 'assistant', content: 'ok' }),
          { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, finish_reason: 'stop' }] },
          { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } },
        ]);
        res.end('data: [DONE]\n\n');
      }, async (baseUrl) => {
        const rec = recorder();
        const outcome = await new OpenAICompatibleClient({ baseUrl, apiKey: KEY }).streamChat(REQUEST, options(rec));
        assertOk(outcome);
        assert.deepEqual([rec.content(), outcome.finish, outcome.usage], ['ok', 'stop', { promptTokens: 3, completionTokens: 1 }]);
      });
    });

    it("a stream that ends without a finish reason ends with 'end'", async () => {
      await withServer((res) => {
        sse(res, [chunk({ content: 'cut' })]);
        res.end('data: [DONE]\n\n');
      }, async (baseUrl) => {
        const outcome = await new OpenAICompatibleClient({ baseUrl, apiKey: KEY }).streamChat(REQUEST, options(recorder()));
        assertOk(outcome);
        assert.equal(outcome.finish, 'end');
      });
    });
  });
});
