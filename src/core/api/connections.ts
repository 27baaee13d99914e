/**
 * The connections the API client's requests go through: one pool for the extension host, HTTP/2 where the endpoint
 * offers it (TLS ALPN), HTTP/1.1 otherwise.
 *
 * Why: a completion is cut as soon as its answer is decided (early stop), and cutting an HTTP/1.1 response mid-stream
 * destroys its connection, so the next completion would pay a new TCP and TLS handshake first (one to three round
 * trips to the endpoint, tens to hundreds of milliseconds). On HTTP/2 the cut resets one stream and the connection
 * stays for the next request.
 *
 * In VS Code, its network support (proxies, system certificates) replaces this dispatcher with an agent of its own,
 * and carries `allowH2` over from it; outside VS Code, and where that support is off, this agent does the work.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Agent, Dispatcher } from 'undici';

/**
 * undici's Agent, loaded on first use: its modules take ~40 ms to evaluate on a 2-core machine, kept out of the
 * extension's activation (clients.ts loads it a moment after, before a keystroke needs it).
 */
function agentClass(): typeof Agent {
  // A require, not an import: esbuild bundles it all the same, but evaluates it only when this runs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('undici/lib/dispatcher/agent.js') as typeof Agent;
}

/** An idle connection is kept this long (the server's own keep-alive hint, where it sends one, may shorten it). */
const KEEP_ALIVE_MS = 60_000;

export interface ConnectionOptions {
  /** Negotiate HTTP/2 where the endpoint offers it (`fireworks.http2`). */
  readonly http2: boolean;
  /** Certificates to trust instead of Node's (tests: a stand-in's self-signed certificate). */
  readonly ca?: string;
}

export function createConnections(options: ConnectionOptions): Dispatcher {
  const AgentClass = agentClass();
  return new AgentClass({
    allowH2: options.http2,
    keepAliveTimeout: KEEP_ALIVE_MS,
    ...(options.ca ? { connect: { ca: options.ca } } : {}),
  });
}

let shared: Dispatcher | undefined;

/**
 * The extension host's pool with HTTP/2 on: every client shares its connections. With `fireworks.http2` off, clients
 * get none and use the runtime's own (in VS Code, exactly as without this module).
 */
export function sharedHttp2Connections(): Dispatcher {
  shared ??= createConnections({ http2: true });
  return shared;
}

/**
 * Pays the one-time costs of the runtime's HTTP stack before the first completion needs it, without sending a byte:
 * a fetch of the endpoint's URL whose signal is aborted before it starts (the Fetch standard ends such a call before
 * any connection is made). In VS Code the fetch it goes through first resolves the proxy for that URL and, the first
 * time, loads the system's certificates (about 110 ms on a 2-core machine, otherwise paid by the first completion
 * after every window start); it also compiles the fetch code. Never rejects.
 */
export async function prepareFetch(url: string, connections?: Dispatcher, fetchImpl: typeof fetch = globalThis.fetch): Promise<void> {
  const controller = new AbortController();
  controller.abort();
  // `dispatcher` is Node's extension of RequestInit: the same pool the API client sends through.
  const init = { method: 'POST', signal: controller.signal, ...(connections ? { dispatcher: connections } : {}) } as RequestInit;
  try {
    const response = await fetchImpl(url, init);
    await response.body?.cancel();
  } catch {
    // Expected: the call ends as aborted. Anything else is for the real request to report.
  }
}

/** A rehearsal that has not finished by then is given up (a loaded machine): it only ever saves time. */
const REHEARSAL_TIMEOUT_MS = 5_000;

/** What the rehearsal's local server answers: a streamed body in server-sent events, as a completion comes. */
const REHEARSAL_EVENTS = ['data: {"choices":[{"index":0,"text":"a"}]}\n\n', 'data: {"choices":[{"index":0,"text":"b"}]}\n\n', 'data: [DONE]\n\n'];

/**
 * Pays the rest of the first request's one-time costs on this machine alone: a streamed request through the same
 * fetch and connections as the API client, to a server this opens on 127.0.0.1 for the moment and closes after. In
 * the extension host the first request to any server pays 150-250 ms (on a 2-core machine) for what it runs the first
 * time (the HTTP parser, request and response streams, VS Code's network support, which sends 127.0.0.1 direct, never
 * through a proxy); after this, the first completion does not. Nothing reaches the endpoint, nothing leaves the
 * machine. Never rejects.
 */
export async function rehearseFetch(connections?: Dispatcher, fetchImpl: typeof fetch = globalThis.fetch, timeoutMs = REHEARSAL_TIMEOUT_MS): Promise<void> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const event of REHEARSAL_EVENTS) response.write(event);
      response.end();
    });
  });
  const limit = new AbortController();
  const timer = setTimeout(() => limit.abort(), timeoutMs);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const { port } = server.address() as AddressInfo;
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ prompt: '', stream: true }),
      signal: limit.signal,
      ...(connections ? { dispatcher: connections } : {}),
    } as RequestInit;
    const response = await fetchImpl(`http://127.0.0.1:${port}/v1/completions`, init);
    const reader = response.body?.getReader();
    if (reader) while (!(await reader.read()).done);
  } catch {
    // Only ever a saving: the real request reports its own failures.
  } finally {
    clearTimeout(timer);
    server.closeAllConnections();
    server.close();
  }
}
