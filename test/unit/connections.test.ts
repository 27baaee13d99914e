import * as assert from 'node:assert/strict';
import { OpenAICompatibleClient } from '../../src/core/api/client';
import type { CompletionRequest } from '../../src/core/api/completions';
import { createConnections, prepareFetch, rehearseFetch } from '../../src/core/api/connections';
import { StandIn } from '../standin/server';
import { localCertificate } from '../standin/tls';

const REQUEST: CompletionRequest = {
  model: 'accounts/fireworks/models/qwen2p5-coder-7b',
  prompt: '<|fim_prefix|>def add(a, b):\n<|fim_suffix|><|fim_middle|>',
  maxTokens: 64,
  temperature: 0.1,
  stop: [],
};
const LINE = '    return a + b\n';
/** One decided line, then junk the model would go on generating for a while. */
const CHUNKS = ['    return', ' a + b\n', ...Array.from({ length: 40 }, () => 'pass  ')];

/** Five completions in a row, each cut at its first line as the pipeline cuts single-line answers. */
async function fiveEarlyStops(standIn: StandIn, http2: boolean): Promise<void> {
  const connections = createConnections({ http2, ca: localCertificate().cert });
  const client = new OpenAICompatibleClient({ baseUrl: standIn.baseUrl, apiKey: 'unit-test-key', connections });
  try {
    for (let i = 0; i < 5; i++) {
      const outcome = await client.streamCompletion(REQUEST, {
        signal: new AbortController().signal,
        timeoutMs: 5000,
        isDecided: (text) => text.includes('\n'),
      });
      assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
      assert.equal(outcome.text, LINE);
      assert.equal(outcome.finish, 'early');
    }
    // The server stopped generating each time: the stream was cut, not read to its end.
    await Promise.all(standIn.completionRequests().map((r) => r.done));
    for (const r of standIn.completionRequests()) assert.ok(r.aborted && r.streamedChunks < CHUNKS.length, `cut short ${r.aborted} ${r.streamedChunks}`);
  } finally {
    await connections.close().catch(() => undefined);
  }
}

describe('connections (HTTPS stand-in offering HTTP/2, early-stopped completions)', () => {
  let standIn: StandIn;

  beforeEach(async () => {
    standIn = await StandIn.start({ tls: localCertificate() });
    standIn.onCompletion(() => ({ kind: 'completion', chunks: CHUNKS, chunkDelayMs: 10 }));
  });
  afterEach(() => standIn.close());

  it('keeps one connection for a run of early-stopped completions over HTTP/2', async () => {
    await fiveEarlyStops(standIn, true);
    assert.deepEqual(standIn.completionRequests().map((r) => r.httpVersion), ['2.0', '2.0', '2.0', '2.0', '2.0']);
    assert.equal(standIn.connections, 1, 'no new TLS handshake before each completion');
  });

  it('needs a new connection after each early stop on HTTP/1.1 (fireworks.http2 off)', async () => {
    await fiveEarlyStops(standIn, false);
    assert.deepEqual(standIn.completionRequests().map((r) => r.httpVersion), ['1.1', '1.1', '1.1', '1.1', '1.1']);
    assert.equal(standIn.connections, 5);
  });

  it('streams chat over HTTP/2 as over HTTP/1.1', async () => {
    standIn.onChat(() => ({ kind: 'chat', content: ['Hello', ' over', ' HTTP/2.'], chunkDelayMs: 5 }));
    const connections = createConnections({ http2: true, ca: localCertificate().cert });
    const client = new OpenAICompatibleClient({ baseUrl: standIn.baseUrl, apiKey: 'unit-test-key', connections });
    try {
      let shown = '';
      const outcome = await client.streamChat(
        { model: 'm', messages: [{ role: 'user', content: 'Hi' }], maxTokens: 64, temperature: 0.2 },
        { signal: new AbortController().signal, onDelta: (d) => { shown += d.content ?? ''; } },
      );
      assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
      assert.equal(shown, 'Hello over HTTP/2.');
      assert.equal(standIn.chatRequests()[0].httpVersion, '2.0');
    } finally {
      await connections.close().catch(() => undefined);
    }
  });

  it('prepares the HTTP stack without a connection to the endpoint, and the completion after it is answered', async () => {
    const connections = createConnections({ http2: true, ca: localCertificate().cert });
    try {
      const client = new OpenAICompatibleClient({ baseUrl: standIn.baseUrl, apiKey: 'unit-test-key', connections });
      await client.prepare();
      await client.prepare();
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(standIn.connections, 0, 'nothing reached the endpoint');
      assert.equal(standIn.requests.length, 0);
      const outcome = await client.streamCompletion(REQUEST, { signal: new AbortController().signal, timeoutMs: 5000, isDecided: (text) => text.includes('\n') });
      assert.ok(outcome.ok && outcome.text === LINE, JSON.stringify(outcome));
    } finally {
      await connections.close().catch(() => undefined);
    }
  });

  it('rehearses a streamed request on this machine alone, through the same connections, and reads its answer whole', async () => {
    const connections = createConnections({ http2: true, ca: localCertificate().cert });
    const seen: { url: string; dispatcher: unknown; body: string }[] = [];
    const recording = (async (input: string | URL | Request, init?: RequestInit) => {
      const response = await fetch(input, init);
      const entry = { url: String(input), dispatcher: (init as { dispatcher?: unknown } | undefined)?.dispatcher, body: '' };
      seen.push(entry);
      const decoder = new TextDecoder();
      const body = response.body?.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          entry.body += decoder.decode(chunk, { stream: true });
          controller.enqueue(chunk);
        },
      }));
      return new Response(body ?? null, { status: response.status, headers: response.headers });
    }) as typeof fetch;
    try {
      await rehearseFetch(connections, recording);
      assert.equal(seen.length, 1);
      assert.match(seen[0].url, /^http:\/\/127\.0\.0\.1:\d+\//, 'to a server on this machine');
      assert.equal(seen[0].dispatcher, connections, 'through the connections the API client uses');
      assert.match(seen[0].body, /data: \[DONE\]\n\n$/, 'the streamed answer read to its end');
      assert.equal(standIn.connections, 0, 'nothing reached the endpoint');
      // The client's preparation rehearses too, and the completion after it is answered by the endpoint.
      const client = new OpenAICompatibleClient({ baseUrl: standIn.baseUrl, apiKey: 'unit-test-key', connections });
      await client.prepare();
      assert.equal(standIn.connections, 0);
      const outcome = await client.streamCompletion(REQUEST, { signal: new AbortController().signal, timeoutMs: 5000, isDecided: (text) => text.includes('\n') });
      assert.ok(outcome.ok && outcome.text === LINE, JSON.stringify(outcome));
    } finally {
      await connections.close().catch(() => undefined);
    }
  });

  it('never fails where the runtime\'s fetch does', async () => {
    const throwing = ((): never => { throw new TypeError('no fetch here'); }) as unknown as typeof fetch;
    await prepareFetch(`${standIn.baseUrl}/completions`, undefined, throwing);
    await prepareFetch('not a url', undefined);
    await rehearseFetch(undefined, throwing);
    const hanging = ((_input: unknown, init?: RequestInit) =>
      new Promise<never>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))))) as typeof fetch;
    const started = Date.now();
    await rehearseFetch(undefined, hanging, 200);
    assert.ok(Date.now() - started < 2000, 'a rehearsal that hangs is given up');
  });
});
