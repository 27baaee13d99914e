// A local stand-in for Fireworks' OpenAI-compatible inference API (completions, chat completions, models).
// Plain `node:http`, or with `tls` HTTPS offering HTTP/2 and HTTP/1.1 (ALPN) as Fireworks' endpoint does, listening on
// 127.0.0.1 only. Tests script each answer through a Responder; every request is
// recorded (headers included, so never print `requests` anywhere secrets could leak).
//
// Shaping of scripted output, mimicking a model server:
// - `stop` (string or array) cuts the generated text before the first stop sequence (Fireworks may include the stop
//   word, we never do) and finishes with reason "stop"; for chat it applies to `content` only.
// - `max_tokens` (or `max_completion_tokens`) caps the output; finish reason becomes "length".
// - Token counts are approximations: a text costs ceil(chars / 4) tokens, and every chunk costs at least 1.
import * as http from 'node:http';
import * as http2 from 'node:http2';
import type { Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  receivedAt: number;
  /** "1.1", or "2.0" where the client negotiated HTTP/2 (tls only). */
  httpVersion: string;
  /** true once the client closed the connection before the response finished (an aborted request). */
  aborted: boolean;
  /** resolves when the response finished or the client went away */
  done: Promise<void>;
  /**
   * What was actually generated and written before the response ended or the client went away (benchmarks count
   * the tokens a server really produced): text chunks written, their characters and their approximate tokens
   * (estimateTokens per chunk, the same count as `usage`).
   */
  streamedChunks: number;
  streamedChars: number;
  streamedTokens: number;
  /** Date.now() when the first generated text was written (streamed or not), if any was. */
  firstChunkAt?: number;
  /** Date.now() when the response finished or the client went away. */
  endedAt?: number;
}
type FinishReason = 'stop' | 'length';
type UsageMode = 'last-chunk' | 'separate-chunk' | 'none';
export type Answer =
  | { kind: 'completion'; chunks: string[]; ttftMs?: number; chunkDelayMs?: number; finishReason?: FinishReason;
      usage?: UsageMode; headers?: Record<string, string>;
      /** The chunks of choices 1, 2, … for a request with `n` > 1 (streamed interleaved with `chunks`, choice 0). */
      alternatives?: string[][] }
  | { kind: 'chat'; content: string[]; reasoning?: string[]; ttftMs?: number; chunkDelayMs?: number;
      finishReason?: FinishReason; usage?: UsageMode; headers?: Record<string, string> }
  | { kind: 'error'; status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  | { kind: 'hang' };
export type Responder = (req: RecordedRequest) => Answer | Promise<Answer>;
export interface StandInOptions {
  port?: number;
  /** path prefix, default "/inference/v1" */
  basePath?: string;
  /** if set, requests without "Authorization: Bearer <apiKey>" get Fireworks' 401 */
  apiKey?: string;
  /** Serve HTTPS with this certificate (see tls.ts), HTTP/2 where the client offers it, else HTTP/1.1. */
  tls?: { key: string; cert: string };
}

/** The default completion: always these two chunks ("    return 42\n"). */
export const DEFAULT_COMPLETION_CHUNKS: readonly string[] = ['    return', ' 42\n'];
export const defaultCompletionResponder: Responder = () => ({ kind: 'completion', chunks: [...DEFAULT_COMPLETION_CHUNKS] });
export const defaultChatResponder: Responder = () => ({
  kind: 'chat',
  content: ['Hello from the **stand-in**.', '\n\n```ts\nconst answer = 42;\n```\n'],
});
const DEFAULT_MODELS = ['accounts/fireworks/models/qwen2p5-coder-32b-instruct', 'accounts/fireworks/models/llama-v3p1-8b-instruct'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function field(body: unknown, key: string): unknown {
  return isRecord(body) ? body[key] : undefined;
}

/** body.prompt as a string ('' if absent; the first entry if it is an array of strings). */
export function promptOf(req: RecordedRequest): string {
  const p = field(req.body, 'prompt');
  if (typeof p === 'string') return p;
  return Array.isArray(p) && typeof p[0] === 'string' ? p[0] : '';
}

/** Approximate token count: ceil(chars / 4), at least 1. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Fireworks-like error body for a status (used when an error answer carries no body). */
export function errorBody(status: number, message?: string): unknown {
  switch (status) {
    case 401: return { error: { object: 'error', type: 'invalid_request_error', code: 'UNAUTHORIZED', message: message ?? 'The API key you provided is invalid.' } };
    case 404: return { error: { object: 'error', type: 'invalid_request_error', code: 'NOT_FOUND', message: message ?? 'Model not found, inaccessible, and/or not deployed' } };
    case 429: return { error: 'Too Many Requests', message: message ?? 'Request rate limit exceeded' };
    case 500: return { error: { object: 'error', type: 'internal_server_error', message: message ?? 'Internal server error' } };
  }
  const type = status >= 500 ? 'internal_server_error' : 'invalid_request_error';
  return { error: { object: 'error', type, message: message ?? http.STATUS_CODES[status] ?? `Error ${status}` } };
}

/** Applies the request's `stop` and `max_tokens` to scripted chunks. */
export function shapeOutput(chunks: readonly string[], body: unknown, fallback: FinishReason = 'stop'): { chunks: string[]; finishReason: FinishReason } {
  let out = chunks.filter((c) => c.length > 0);
  let finishReason = fallback;
  const stop = field(body, 'stop');
  const stops = (Array.isArray(stop) ? stop : [stop]).filter((s): s is string => typeof s === 'string' && s.length > 0);
  const full = out.join('');
  const cut = Math.min(...stops.map((s) => full.indexOf(s)).filter((i) => i >= 0));
  if (Number.isFinite(cut)) {
    const kept: string[] = [];
    let pos = 0;
    for (const c of out) {
      if (pos >= cut) break;
      if (c.slice(0, cut - pos)) kept.push(c.slice(0, cut - pos));
      pos += c.length;
    }
    out = kept;
    finishReason = 'stop';
  }
  const max = field(body, 'max_tokens') ?? field(body, 'max_completion_tokens');
  if (typeof max === 'number' && max >= 0) {
    const kept: string[] = [];
    let used = 0;
    for (const c of out) {
      const cost = estimateTokens(c);
      if (used + cost > max) {
        const room = max - used;
        if (room > 0) kept.push(c.slice(0, room * 4));
        finishReason = 'length';
        break;
      }
      kept.push(c);
      used += cost;
    }
    out = kept;
  }
  return { chunks: out, finishReason };
}

function messagesText(body: unknown): string {
  const messages = field(body, 'messages');
  if (!Array.isArray(messages)) return '';
  const parts: string[] = [];
  for (const m of messages) {
    const content = field(m, 'content');
    if (typeof content === 'string') parts.push(content);
    else if (Array.isArray(content)) for (const p of content) { const t = field(p, 'text'); if (typeof t === 'string') parts.push(t); }
  }
  return parts.join('\n');
}

/** Responses whose client went away (an HTTP/2 response has no `destroyed`: its stream was reset). */
const closedResponses = new WeakSet<http.ServerResponse>();
const canWrite = (res: http.ServerResponse): boolean => !res.destroyed && !res.writableEnded && !closedResponses.has(res);

/** Waits ms, or less if the response closes first. */
function sleep(ms: number | undefined, res: http.ServerResponse): Promise<void> {
  if (!ms || ms <= 0 || !canWrite(res)) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = (): void => { clearTimeout(timer); res.off('close', finish); resolve(); };
    const timer = setTimeout(finish, ms);
    res.once('close', finish);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (!canWrite(res)) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

interface SseEvent { data: unknown; wait: boolean; /** generated text this event carries (counted once written) */ text?: string }

/** Counts generated text as written to the client (see RecordedRequest.streamed*). */
function countWritten(req: RecordedRequest | undefined, texts: readonly string[]): void {
  if (!req) return;
  for (const text of texts) {
    if (!text) continue;
    req.firstChunkAt ??= Date.now();
    req.streamedChunks += 1;
    req.streamedChars += text.length;
    req.streamedTokens += estimateTokens(text);
  }
}

async function sendEvents(res: http.ServerResponse, events: SseEvent[], a: { ttftMs?: number; chunkDelayMs?: number; headers?: Record<string, string> }, req?: RecordedRequest): Promise<void> {
  if (!canWrite(res)) return;
  // HTTP/2 forbids connection-specific headers.
  const keepAlive: Record<string, string> = res.req.httpVersionMajor === 2 ? {} : { connection: 'keep-alive' };
  res.writeHead(200, { ...a.headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...keepAlive });
  res.flushHeaders();
  await sleep(a.ttftMs, res);
  let first = true;
  for (const e of events) {
    if (e.wait && !first) await sleep(a.chunkDelayMs, res);
    if (!canWrite(res)) return;
    res.write(`data: ${JSON.stringify(e.data)}\n\n`);
    if (e.text !== undefined) countWritten(req, [e.text]);
    first = false;
  }
  if (!canWrite(res)) return;
  res.end('data: [DONE]\n\n');
}

type Route = 'completions' | 'chat';

/** Renders a completion or chat answer (either kind works on either route) as Fireworks would send it. */
async function sendGeneration(res: http.ServerResponse, route: Route, req: RecordedRequest, a: Extract<Answer, { kind: 'completion' | 'chat' }>): Promise<void> {
  const scripted = a.kind === 'completion' ? a.chunks : a.content;
  const reasoning = (a.kind === 'chat' ? a.reasoning ?? [] : []).filter((r) => r.length > 0);
  const { chunks, finishReason } = shapeOutput(scripted, req.body, a.finishReason);
  const model = typeof field(req.body, 'model') === 'string' ? String(field(req.body, 'model')) : 'accounts/fireworks/models/unknown';
  const promptTokens = estimateTokens(route === 'chat' ? messagesText(req.body) : promptOf(req));
  const completionTokens = [...reasoning, ...chunks].reduce((n, c) => n + estimateTokens(c), 0);
  const usage = { prompt_tokens: promptTokens, total_tokens: promptTokens + completionTokens, completion_tokens: completionTokens };
  const head = {
    id: `${route === 'chat' ? 'chatcmpl' : 'cmpl'}-${randomBytes(12).toString('hex')}`,
    object: route === 'chat' ? 'chat.completion.chunk' : 'text_completion',
    created: Math.floor(Date.now() / 1000),
    model,
  };
  if (field(req.body, 'stream') !== true) {
    await sleep(a.ttftMs, res);
    const text = chunks.join('');
    const choice = route === 'chat'
      ? { index: 0, message: { role: 'assistant', content: text, ...(reasoning.length ? { reasoning_content: reasoning.join('') } : {}) }, finish_reason: finishReason }
      : { index: 0, text, logprobs: null, finish_reason: finishReason };
    const object = route === 'chat' ? 'chat.completion' : 'text_completion';
    if (canWrite(res)) countWritten(req, [...reasoning, ...chunks]);
    sendJson(res, 200, { ...head, object, choices: [choice], usage }, { 'fireworks-prompt-tokens': String(promptTokens), ...a.headers });
    return;
  }
  const mode = a.usage ?? 'last-chunk';
  const choice = (part: Record<string, unknown>, finish: FinishReason | null): unknown =>
    route === 'chat' ? { index: 0, delta: part, finish_reason: finish } : { index: 0, text: part.content ?? '', logprobs: null, finish_reason: finish };
  const events: SseEvent[] = [];
  if (route === 'chat') events.push({ data: { ...head, choices: [choice({ role: 'assistant' }, null)], usage: null }, wait: false });
  for (const r of reasoning) events.push({ data: { ...head, choices: [choice({ reasoning_content: r }, null)], usage: null }, wait: true, text: r });
  const texts = chunks.length > 0 ? chunks : [route === 'chat' ? null : ''];
  texts.forEach((c, i) => {
    const last = i === texts.length - 1;
    const part = c === null ? {} : { content: c };
    events.push({ data: { ...head, choices: [choice(part, last ? finishReason : null)], usage: last && mode === 'last-chunk' ? usage : null }, wait: true, text: c ?? undefined });
  });
  if (mode === 'separate-chunk') events.push({ data: { ...head, choices: [], usage }, wait: false });
  const n = field(req.body, 'n');
  if (a.kind === 'completion' && route === 'completions' && typeof n === 'number' && n > 1) {
    await sendEvents(res, choiceEvents(head, [chunks, ...(a.alternatives ?? []).map((c) => shapeOutput(c, req.body).chunks)].slice(0, n), finishReason), a, req);
    return;
  }
  await sendEvents(res, events, a, req);
}

/** Several choices of a streamed completion, as servers interleave them: a chunk of each in turn, by `index`. */
function choiceEvents(head: Record<string, unknown>, choices: readonly (readonly string[])[], finishReason: FinishReason): SseEvent[] {
  const events: SseEvent[] = [];
  const steps = Math.max(...choices.map((c) => c.length));
  for (let step = 0; step < steps; step++) {
    choices.forEach((chunks, index) => {
      if (step >= chunks.length) return;
      const last = step === chunks.length - 1;
      events.push({ data: { ...head, choices: [{ index, text: chunks[step], logprobs: null, finish_reason: last ? finishReason : null }] }, wait: index === 0, text: chunks[step] });
    });
  }
  return events;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(parts).toString('utf8');
}

interface Waiter { pred: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }

export class StandIn {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[] = [];
  private completionResponder: Responder = defaultCompletionResponder;
  private chatResponder: Responder = defaultChatResponder;
  private models: Array<{ id: string; [k: string]: unknown }> = [];
  private waiters: Waiter[] = [];
  private closing: Promise<void> | undefined;
  private readonly sockets = new Set<Socket>();
  /** Connections clients opened (TCP, or TLS once its handshake finished): a new one costs a round trip or three. */
  connections = 0;

  private constructor(private readonly server: http.Server | http2.Http2SecureServer, private readonly basePath: string, private readonly apiKey: string | undefined) {
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `${server instanceof http.Server ? 'http' : 'https'}://127.0.0.1:${port}${basePath}`;
    this.setModels(DEFAULT_MODELS);
    server.on(server instanceof http.Server ? 'connection' : 'secureConnection', (socket: Socket) => {
      this.connections++;
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  static async start(options: StandInOptions = {}): Promise<StandIn> {
    const basePath = ('/' + (options.basePath ?? '/inference/v1')).replace(/\/+/g, '/').replace(/\/$/, '');
    const server = options.tls ? http2.createSecureServer({ ...options.tls, allowHTTP1: true }) : http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
    });
    const standIn = new StandIn(server, basePath, options.apiKey);
    // HTTP/2's compatibility API gives the request and response what the handler uses of node:http's (writeHead,
    // write, end, flushHeaders, `close`, `req`), except `destroyed` (canWrite tracks `close` instead).
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      res.once('close', () => closedResponses.add(res));
      standIn.handle(req, res).catch(() => sendJson(res, 500, errorBody(500)));
    });
    return standIn;
  }

  completionRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === `${this.basePath}/completions`);
  }
  chatRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === `${this.basePath}/chat/completions`);
  }
  onCompletion(responder: Responder): void { this.completionResponder = responder; }
  onChat(responder: Responder): void { this.chatResponder = responder; }
  setModels(ids: Array<string | { id: string; [k: string]: unknown }>): void {
    this.models = ids.map((m) => (typeof m === 'string' ? { id: m } : m));
  }

  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs = 2000): Promise<RecordedRequest> {
    const seen = this.requests.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        pred, resolve, reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`stand-in: no matching request within ${timeoutMs} ms (${this.requests.length} recorded)`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  reset(): void {
    this.requests.length = 0;
    this.completionResponder = defaultCompletionResponder;
    this.chatResponder = defaultChatResponder;
    this.setModels(DEFAULT_MODELS);
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      for (const w of this.waiters.splice(0)) { clearTimeout(w.timer); w.reject(new Error('stand-in closed')); }
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
    return this.closing;
  }

  private record(req: http.IncomingMessage, res: http.ServerResponse, body: unknown): RecordedRequest {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    let markDone = (): void => undefined;
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path: new URL(req.url ?? '/', 'http://127.0.0.1').pathname,
      headers, body, receivedAt: Date.now(), httpVersion: req.httpVersion, aborted: false,
      done: new Promise<void>((resolve) => { markDone = resolve; }),
      streamedChunks: 0, streamedChars: 0, streamedTokens: 0,
    };
    res.once('finish', () => { rec.endedAt ??= Date.now(); markDone(); });
    // (An HTTP/2 response whose stream the client reset counts as finished: that it never ended says it all.)
    res.once('close', () => { if (!res.writableEnded || !res.writableFinished) rec.aborted = true; rec.endedAt ??= Date.now(); markDone(); });
    this.requests.push(rec);
    for (const w of this.waiters.filter((x) => x.pred(rec))) {
      clearTimeout(w.timer);
      this.waiters = this.waiters.filter((x) => x !== w);
      w.resolve(rec);
    }
    return rec;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const raw = await readBody(req).catch(() => '');
    let body: unknown;
    let badJson = false;
    if (raw.trim()) {
      try { body = JSON.parse(raw); } catch { badJson = true; }
    }
    const rec = this.record(req, res, body);
    if (badJson) return sendJson(res, 400, errorBody(400, 'Invalid JSON in request body'));
    if (this.apiKey !== undefined && rec.headers.authorization !== `Bearer ${this.apiKey}`) return sendJson(res, 401, errorBody(401));
    const route = rec.method === 'POST' && rec.path === `${this.basePath}/completions` ? 'completions'
      : rec.method === 'POST' && rec.path === `${this.basePath}/chat/completions` ? 'chat' : undefined;
    if (rec.method === 'GET' && rec.path === `${this.basePath}/models`) {
      const created = Math.floor(Date.now() / 1000);
      return sendJson(res, 200, { object: 'list', data: this.models.map(({ id, ...rest }) => ({ id, object: 'model', owned_by: 'fireworks', created, ...rest })) });
    }
    const one = `${this.basePath}/models/`;
    if (rec.method === 'GET' && rec.path.startsWith(one)) {
      // One model by id (the SDK sends its slashes encoded): Fireworks' model object, or its 404.
      const id = decodeURIComponent(rec.path.slice(one.length));
      const model = this.models.find((m) => m.id === id);
      if (!model) return sendJson(res, 404, errorBody(404, `Model not found: ${id}`));
      return sendJson(res, 200, { ...model, object: 'model', owned_by: 'fireworks', created: Math.floor(Date.now() / 1000) });
    }
    if (!route) return sendJson(res, 404, errorBody(404, `Not found: ${rec.method} ${rec.path}`));
    if (!isRecord(body)) return sendJson(res, 400, errorBody(400, 'Request body must be a JSON object'));
    const answer = await (route === 'chat' ? this.chatResponder : this.completionResponder)(rec);
    switch (answer.kind) {
      case 'hang': return;
      case 'error':
        await sleep(answer.delayMs, res);
        return sendJson(res, answer.status, answer.body ?? errorBody(answer.status), answer.headers);
      default:
        return sendGeneration(res, route, rec, answer);
    }
  }
}
