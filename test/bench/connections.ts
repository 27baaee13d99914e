/**
 * Section 7: what a completion cut early costs the next one in connections. The real client (OpenAICompatibleClient)
 * asks the stand-in over HTTPS, through a TCP relay that adds a network round trip, a run of completions each cut at
 * its first line (early stop, as the pipeline cuts single-line answers), with HTTP/2 (`fireworks.http2`, the
 * default) and with HTTP/1.1. Printed: TLS connections opened, and the time from the call to the first token as the
 * client sees it. The relay holds a new connection's first bytes for one round trip (the TCP handshake) and every
 * byte for half of one each way, so a TLS 1.3 handshake costs two round trips, as on a real network.
 */
import * as net from 'node:net';
import { OpenAICompatibleClient } from '../../src/core/api/client';
import type { CompletionRequest } from '../../src/core/api/completions';
import { createConnections } from '../../src/core/api/connections';
import { ConnectionWarmth, type WarmthMemory } from '../../src/core/completion/connectionWarmth';
import { StandIn } from '../standin/server';
import { localCertificate } from '../standin/tls';
import { heading, quantile, table } from './util';

const TTFT_MS = 100;
const REQUEST: CompletionRequest = { model: 'accounts/fireworks/models/qwen2p5-coder-7b', prompt: 'def f():\n', maxTokens: 64, temperature: 0.1, stop: [] };

export interface ConnectionRun {
  readonly rttMs: number;
  readonly http2: boolean;
  readonly requests: number;
  readonly connections: number;
  readonly firstTokenP50Ms: number;
  readonly firstTokenP90Ms: number;
}

/** A TCP relay to `port` on 127.0.0.1 that behaves like a network with this round-trip time. */
async function networkRelay(port: number, rttMs: number): Promise<{ port: number; close: () => void }> {
  const sockets = new Set<net.Socket>();
  const delayed = (from: net.Socket, to: net.Socket): void => {
    from.on('data', (data) => setTimeout(() => { if (!to.destroyed) to.write(data); }, rttMs / 2));
    from.on('end', () => setTimeout(() => to.end(), rttMs / 2));
    from.on('close', () => setTimeout(() => to.destroy(), rttMs / 2));
    from.on('error', () => undefined);
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    for (const s of [client, upstream]) { sockets.add(s); s.once('close', () => sockets.delete(s)); }
    client.pause();
    setTimeout(() => client.resume(), rttMs); // the TCP handshake
    delayed(client, upstream);
    delayed(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => { server.close(); for (const s of sockets) s.destroy(); },
  };
}

async function run(rttMs: number, http2: boolean, requests: number): Promise<ConnectionRun> {
  const certificate = localCertificate();
  const standIn = await StandIn.start({ tls: certificate });
  standIn.onCompletion(() => ({ kind: 'completion', chunks: ['    return 1\n', ...Array.from({ length: 60 }, () => 'pass\n')], ttftMs: TTFT_MS, chunkDelayMs: 20 }));
  const relay = await networkRelay(Number(new URL(standIn.baseUrl).port), rttMs);
  const connections = createConnections({ http2, ca: certificate.cert });
  const client = new OpenAICompatibleClient({ baseUrl: `https://127.0.0.1:${relay.port}/inference/v1`, apiKey: 'bench-key', connections });
  const firstToken: number[] = [];
  try {
    for (let i = 0; i < requests; i++) {
      const outcome = await client.streamCompletion(REQUEST, { signal: new AbortController().signal, timeoutMs: 10_000, isDecided: (t) => t.includes('\n') });
      if (!outcome.ok || outcome.timeToFirstChunkMs === undefined) throw new Error(`request ${i} failed: ${outcome.ok ? 'no chunk' : outcome.error.message}`);
      firstToken.push(outcome.timeToFirstChunkMs);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the user reads it, types on, pauses
    }
    return { rttMs, http2, requests, connections: standIn.connections, firstTokenP50Ms: quantile(firstToken, 0.5), firstTokenP90Ms: quantile(firstToken, 0.9) };
  } finally {
    await connections.close().catch(() => undefined);
    relay.close();
    await standIn.close();
  }
}

export interface IdleRun {
  readonly rttMs: number;
  readonly warmUp: boolean;
  readonly trials: number;
  /** Keystroke → first token: the debounce, then the completion's call → first token. */
  readonly keystrokeToTokenP50Ms: number;
  readonly keystrokeToTokenP90Ms: number;
}

/** The debounce the first completion after a pause waits (the default setting). */
const DEBOUNCE_MS = 250;

/**
 * A window's first completion, or the first after a pause long enough for the idle connection to be gone: a fresh
 * pool and a fresh ConnectionWarmth each trial, as a new window. At the keystroke the pipeline warms the connection
 * (client.warm) when `warmUp`, the endpoint having answered a warm-up in an earlier window (one before the trials);
 * the completion is sent after the debounce, once the warm-up is answered.
 */
async function afterIdle(rttMs: number, warmUp: boolean, trials: number): Promise<IdleRun> {
  const certificate = localCertificate();
  const standIn = await StandIn.start({ tls: certificate });
  standIn.setModels([REQUEST.model]);
  standIn.onCompletion(() => ({ kind: 'completion', chunks: ['    return 1\n', 'pass\n'], ttftMs: TTFT_MS, chunkDelayMs: 20 }));
  const relay = await networkRelay(Number(new URL(standIn.baseUrl).port), rttMs);
  const times: number[] = [];
  // What the extension keeps on this machine between windows: how long the endpoint took to answer a warm-up.
  let kept: number | undefined;
  const memory: WarmthMemory = { recall: () => kept, remember: (ms) => { kept = ms; } };
  try {
    if (warmUp) {
      // An earlier window's warm-up, not timed.
      const earlier = createConnections({ http2: true, ca: certificate.cert });
      const answered = new OpenAICompatibleClient({ baseUrl: `https://127.0.0.1:${relay.port}/inference/v1`, apiKey: 'bench-key', connections: earlier }).warm(REQUEST.model);
      new ConnectionWarmth(undefined, undefined, memory).warming(Date.now(), answered);
      if (!(await answered)) throw new Error('the stand-in did not answer the warm-up');
      await new Promise((resolve) => setImmediate(resolve)); // the warmth's own handler of the answer, which remembers
      await earlier.close().catch(() => undefined);
      if (kept === undefined) throw new Error('the warm-up was not remembered');
    }
    for (let i = 0; i < trials; i++) {
      const connections = createConnections({ http2: true, ca: certificate.cert });
      const client = new OpenAICompatibleClient({ baseUrl: `https://127.0.0.1:${relay.port}/inference/v1`, apiKey: 'bench-key', connections });
      const warmth = new ConnectionWarmth(undefined, undefined, memory);
      // As the pipeline does: the warm-up at the keystroke, the debounce, then the completion once it is done.
      const keystroke = Date.now();
      if (warmUp && warmth.isCold(keystroke)) warmth.warming(keystroke, client.warm(REQUEST.model));
      await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS));
      await warmth.ready(new AbortController().signal);
      const outcome = await client.streamCompletion(REQUEST, { signal: new AbortController().signal, timeoutMs: 10_000, isDecided: (t) => t.includes('\n') });
      if (!outcome.ok || outcome.timeToFirstChunkMs === undefined) throw new Error(`trial ${i} failed: ${outcome.ok ? 'no chunk' : outcome.error.message}`);
      times.push(Date.now() - keystroke - (outcome.durationMs - outcome.timeToFirstChunkMs));
      await connections.close().catch(() => undefined);
    }
    return { rttMs, warmUp, trials, keystrokeToTokenP50Ms: quantile(times, 0.5), keystrokeToTokenP90Ms: quantile(times, 0.9) };
  } finally {
    relay.close();
    await standIn.close();
  }
}

export async function idleCost(options: { readonly rtts: readonly number[]; readonly trials: number }): Promise<IdleRun[]> {
  const runs: IdleRun[] = [];
  for (const rttMs of options.rtts) for (const warmUp of [false, true]) runs.push(await afterIdle(rttMs, warmUp, options.trials));
  return runs;
}

export function printIdle(runs: readonly IdleRun[]): void {
  console.log(`\nA window's first completion, or the first after a pause (no connection: a new window and pool each of ${runs[0]?.trials ?? 0} trials),`);
  console.log(`keystroke → first token: ${DEBOUNCE_MS} ms debounce, then the request; with the warm-up, the keystroke opens the connection (a`);
  console.log('small request) and the completion goes once it has its answer, over that connection (where the endpoint answered');
  console.log('a warm-up in an earlier window: the time kept on this machine bounds the wait).\n');
  const rows: (string | number)[][] = [['round trip', 'without warm-up p50', 'p90', 'with warm-up p50', 'p90', 'floor (debounce + TTFT + 1 round trip)']];
  for (const rttMs of [...new Set(runs.map((r) => r.rttMs))]) {
    const cold = runs.find((r) => r.rttMs === rttMs && !r.warmUp);
    const warm = runs.find((r) => r.rttMs === rttMs && r.warmUp);
    if (!cold || !warm) continue;
    const ms = (v: number): string => `${v.toFixed(0)} ms`;
    rows.push([`${rttMs} ms`, ms(cold.keystrokeToTokenP50Ms), ms(cold.keystrokeToTokenP90Ms), ms(warm.keystrokeToTokenP50Ms), ms(warm.keystrokeToTokenP90Ms), ms(DEBOUNCE_MS + TTFT_MS + rttMs)]);
  }
  console.log(table(rows));
}

export async function connectionCost(options: { readonly rtts: readonly number[]; readonly requests: number }): Promise<ConnectionRun[]> {
  const runs: ConnectionRun[] = [];
  for (const rttMs of options.rtts) for (const http2 of [true, false]) runs.push(await run(rttMs, http2, options.requests));
  return runs;
}

export function printConnections(runs: readonly ConnectionRun[]): void {
  console.log(heading('7. Connections: completions cut early over HTTPS, HTTP/2 (default) against HTTP/1.1'));
  console.log(`The real client, ${runs[0]?.requests ?? 0} completions each cut at its first line, 300 ms apart, stand-in TTFT ${TTFT_MS} ms, through a relay`);
  console.log('adding a network round trip (TCP handshake: one; TLS 1.3: one more). Call → first token as the client sees it.\n');
  const rows: (string | number)[][] = [['round trip', 'protocol', 'connections opened', 'call → first token p50', 'p90']];
  for (const r of runs) rows.push([`${r.rttMs} ms`, r.http2 ? 'HTTP/2' : 'HTTP/1.1', `${r.connections} for ${r.requests}`, `${r.firstTokenP50Ms.toFixed(0)} ms`, `${r.firstTokenP90Ms.toFixed(0)} ms`]);
  console.log(table(rows));
}
