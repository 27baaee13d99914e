// SDK errors are obtained for real: the stand-in answers, the openai SDK raises its own error classes.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { describeError, isPathNotFound, kindForStatus, messageFromBody, toApiError, type ApiError, type ApiErrorKind } from '../../src/core/api/errors';
import { StandIn, type Answer } from '../standin/server';
import { withServer } from './rawServer';

const MODEL = 'accounts/fireworks/models/qwen2p5-coder-7b';

/** The error the SDK throws for a streamed completion the stand-in answers with `answer`. */
async function sdkError(client: OpenAI, options: { signal?: AbortSignal } = {}): Promise<unknown> {
  try {
    const stream = await client.completions.create({ model: MODEL, prompt: 'x', stream: true }, options);
    for await (const chunk of stream) void chunk;
  } catch (error) {
    return error;
  }
  assert.fail('the request did not fail');
}

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('errors', () => {
  let standIn: StandIn;
  let client: OpenAI;

  before(async () => {
    standIn = await StandIn.start();
    client = new OpenAI({ baseURL: standIn.baseUrl, apiKey: 'fw_test_key_123456', maxRetries: 0 });
  });
  afterEach(() => standIn.reset());
  after(() => standIn.close());

  async function errorFor(answer: Answer): Promise<ApiError> {
    standIn.onCompletion(() => answer);
    return toApiError(await sdkError(client));
  }

  const statuses: Array<[number, ApiErrorKind, string]> = [
    [400, 'bad-request', 'Bad Request'],
    [401, 'auth', 'The API key you provided is invalid.'],
    [402, 'payment', 'Payment Required'],
    [403, 'auth', 'Forbidden'],
    [404, 'model-not-found', 'Model not found, inaccessible, and/or not deployed'],
    [408, 'timeout', 'Request Timeout'],
    [412, 'payment', 'Precondition Failed'],
    [413, 'bad-request', 'Payload Too Large'],
    [500, 'server', 'Internal server error'],
    [502, 'server', 'Bad Gateway'],
    [503, 'server', 'Service Unavailable'],
  ];
  for (const [status, kind, message] of statuses) {
    it(`HTTP ${status} → ${kind}, with the server's message`, async () => {
      const error = await errorFor({ kind: 'error', status });
      assert.deepEqual(error, { kind, status, message, retryAfterSeconds: undefined });
    });
  }

  it('HTTP 429 with a string `error` → rate-limited, with Retry-After', async () => {
    const error = await errorFor({ kind: 'error', status: 429, headers: { 'retry-after': '7' } });
    assert.equal(error.kind, 'rate-limited');
    assert.equal(error.status, 429);
    assert.equal(error.message, 'Too Many Requests');
    assert.equal(error.retryAfterSeconds, 7);
  });

  it('reads Retry-After given as a date', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const error = await errorFor({ kind: 'error', status: 503, headers: { 'retry-after': at } });
    assert.ok(error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 25 && error.retryAfterSeconds <= 30, String(error.retryAfterSeconds));
  });

  it('makes a long multi-line server message one bounded line', async () => {
    const error = await errorFor({ kind: 'error', status: 400, body: { error: { message: `bad\n\n  prompt ${'x'.repeat(1000)}` } } });
    assert.equal(error.kind, 'bad-request');
    assert.ok(!error.message.includes('\n'));
    assert.ok(error.message.startsWith('bad prompt xxx'));
    assert.equal(error.message.length, 300);
    assert.ok(error.message.endsWith('...'));
  });

  it('falls back to the status when the body says nothing', async () => {
    const error = await errorFor({ kind: 'error', status: 500, body: {} });
    assert.deepEqual([error.kind, error.message], ['server', 'HTTP 500']);
  });

  it('connection refused on a closed port → network, saying why', async () => {
    const port = await closedPort();
    const offline = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'k', maxRetries: 0 });
    const raw = await sdkError(offline);
    assert.ok(raw instanceof OpenAI.APIConnectionError);
    const error = toApiError(raw);
    assert.equal(error.kind, 'network');
    assert.equal(error.status, undefined);
    assert.match(error.message, /^Could not reach the endpoint: /);
    assert.match(error.message, /ECONNREFUSED/);
  });

  it('a user abort (APIUserAbortError) → cancelled', async () => {
    standIn.onCompletion(() => ({ kind: 'hang' }));
    const controller = new AbortController();
    const pending = sdkError(client, { signal: controller.signal });
    await standIn.waitForRequest(() => true);
    controller.abort();
    const raw = await pending;
    assert.ok(raw instanceof OpenAI.APIUserAbortError);
    assert.deepEqual(toApiError(raw), { kind: 'cancelled', message: 'Cancelled.' });
  });

  it("the SDK's own timeout (APIConnectionTimeoutError) → timeout", async () => {
    standIn.onCompletion(() => ({ kind: 'hang' }));
    const impatient = new OpenAI({ baseURL: standIn.baseUrl, apiKey: 'k', maxRetries: 0, timeout: 50 });
    const raw = await sdkError(impatient);
    assert.ok(raw instanceof OpenAI.APIConnectionTimeoutError);
    assert.equal(toApiError(raw).kind, 'timeout');
  });

  it('the reason given by the caller wins over the error', async () => {
    const raw = await errorFor({ kind: 'error', status: 500 });
    assert.equal(raw.kind, 'server');
    standIn.onCompletion(() => ({ kind: 'error', status: 500 }));
    const sdk = await sdkError(client);
    assert.equal(toApiError(sdk, 'timeout').kind, 'timeout');
    assert.equal(toApiError(sdk, 'cancelled').kind, 'cancelled');
  });

  it('maps anything else without throwing', () => {
    const abort = new Error('The operation was aborted');
    abort.name = 'AbortError';
    assert.equal(toApiError(abort).kind, 'cancelled');
    assert.deepEqual(toApiError(new Error('socket hang up')), { kind: 'network', message: 'socket hang up' });
    assert.deepEqual(toApiError('boom'), { kind: 'network', message: 'boom' });
    assert.equal(toApiError(undefined).kind, 'network');
    assert.equal(toApiError(undefined, 'timeout').kind, 'timeout');
  });

  it('kindForStatus covers the documented statuses', () => {
    const expected: Record<number, ApiErrorKind> = {
      400: 'bad-request', 401: 'auth', 402: 'payment', 403: 'auth', 404: 'model-not-found', 408: 'timeout', 412: 'payment',
      413: 'bad-request', 422: 'bad-request', 429: 'rate-limited', 500: 'server', 502: 'server', 503: 'server', 504: 'server', 520: 'server',
    };
    for (const [status, kind] of Object.entries(expected)) assert.equal(kindForStatus(Number(status)), kind, status);
  });

  describe('messageFromBody', () => {
    it('reads {error: {message}}', () => {
      assert.equal(messageFromBody({ error: { message: 'Model not found', code: 'NOT_FOUND', type: 'error' } }), 'Model not found');
    });
    it('reads {error: "Too Many Requests", message}', () => {
      assert.equal(messageFromBody({ error: 'Too Many Requests', message: 'Request rate limit exceeded' }), 'Too Many Requests: Request rate limit exceeded');
    });
    it('reads a string error, a bare message and a plain string', () => {
      assert.equal(messageFromBody({ error: 'Too Many Requests' }), 'Too Many Requests');
      assert.equal(messageFromBody({ message: 'quota exceeded' }), 'quota exceeded');
      assert.equal(messageFromBody('Too Many Requests'), 'Too Many Requests');
      assert.equal(messageFromBody({ error: { message: '' }, message: 'fallback' }), 'fallback');
    });
    it('returns undefined for bodies without a message', () => {
      for (const body of [undefined, null, '', 42, {}, { error: {} }, { error: { code: 'X' } }, { error: '' }, []]) {
        assert.equal(messageFromBody(body), undefined, JSON.stringify(body));
      }
    });
  });

  describe('a 404 that is about the address, not the model (a base URL without /v1)', () => {
    it('keeps the words of a body that is not JSON, and tells to check the base URL, not to pick a model', async () => {
      await withServer((res) => {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('404 page not found');
      }, async (baseUrl) => {
        const sdk = new OpenAI({ baseURL: baseUrl, apiKey: 'k', maxRetries: 0 });
        const error = await sdk.completions.create({ model: 'qwen2.5-coder:7b-base', prompt: 'x' }).then(() => undefined, (e: unknown) => toApiError(e));
        assert.ok(error);
        assert.equal(error.message, '404 page not found');
        assert.equal(isPathNotFound(error), true);
        const text = describeError(error, 'qwen2.5-coder:7b-base');
        assert.match(text, /fireworks\.baseUrl/);
        assert.doesNotMatch(text, /Model "/);
      });
    });

    it('a model 404 still speaks of the model', () => {
      const error: ApiError = { kind: 'model-not-found', status: 404, message: 'Model not found, inaccessible, and/or not deployed' };
      assert.equal(isPathNotFound(error), false);
      assert.match(describeError(error, 'm'), /Model "m" was not found/);
    });
  });

  describe('describeError', () => {
    it('names the model for a 404', () => {
      const text = describeError({ kind: 'model-not-found', status: 404, message: 'Model not found' }, 'accounts/a/models/m#accounts/a/deployments/d');
      assert.match(text, /accounts\/a\/models\/m#accounts\/a\/deployments\/d/);
      assert.match(text, /not found|not deployed/);
    });
    it('tells how to set the key for auth errors', () => {
      assert.match(describeError({ kind: 'auth', status: 401, message: 'The API key you provided is invalid.' }), /Set API Key/);
    });
    it('gives every kind a non-empty text', () => {
      const kinds: ApiErrorKind[] = ['auth', 'payment', 'model-not-found', 'rate-limited', 'bad-request', 'server', 'network', 'timeout', 'cancelled'];
      for (const kind of kinds) assert.ok(describeError({ kind, message: 'something' }, 'model').trim().length > 0, kind);
      assert.match(describeError({ kind: 'server', status: 503, message: 'down' }), /503/);
      assert.match(describeError({ kind: 'rate-limited', status: 429, message: 'Too Many Requests' }), /Rate limited/);
    });
    it('never shows the key from a real auth failure', async () => {
      const keyed = await StandIn.start({ apiKey: 'fw_right_key_0000' });
      try {
        const wrong = new OpenAI({ baseURL: keyed.baseUrl, apiKey: 'fw_wrong_key_123456789', maxRetries: 0 });
        const error = toApiError(await sdkError(wrong));
        assert.equal(error.kind, 'auth');
        assert.ok(!describeError(error).includes('fw_wrong_key_123456789'));
        assert.ok(!JSON.stringify(error).includes('fw_wrong_key_123456789'));
      } finally {
        await keyed.close();
      }
    });
  });
});
