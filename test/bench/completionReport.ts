/** How the completion sections of `npm run bench` (1 to 3) print their figures: tables, goals as PASS/MISS. */
import * as path from 'node:path';
import { KEYSTROKE_GOAL_US, KeystrokePathResult } from './keystrokePath';
import { PROVIDERS } from './providers';
import { ReplayResult, ReplayTotals } from './replay';
import { heading, quantile, ratio, table, verdict } from './util';
import { GhostLatencyResult } from './vscode';

const fmt = (n: number): string => (Number.isFinite(n) ? (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(1)) : '-');

export function printKeystrokePath(results: readonly KeystrokePathResult[]): boolean {
  console.log(heading('1. Keystroke path: CPU per keystroke, before the network and around the answer (µs)'));
  console.log('CompletionPipeline.run, debounce 0, a client stub that answers at once with a typical answer (the true');
  console.log('continuation then junk, ~4-char chunks through isDecided as the real client does). Synthetic TypeScript,');
  console.log('500 distinct cursor places per size (line ends, mid-line, line starts); ours always misses its full cache.');
  console.log('"before net" = run() until the client is called (readWindow, cache lookup, prompt, stop tokens);');
  console.log('"chunks" = isDecided over the stream; "after" = post-processing, cache store, log line.\n');
  const rows: (string | number)[][] = [['lines', 'provider', 'samples', 'lines read', 'before net p50', 'p99', 'chunks p50', 'p99', 'after p50', 'p99', 'total p50', 'p99', 'goal', '']];
  let pass = true;
  for (const r of results) {
    for (const kind of PROVIDERS) {
      const f = r.providers[kind];
      const ok = kind === 'ours' ? f.totalUs.p99 < KEYSTROKE_GOAL_US && f.beforeNetworkUs.p99 < KEYSTROKE_GOAL_US : undefined;
      if (ok === false) pass = false;
      rows.push([
        r.lines.toLocaleString('en-US'), kind, f.samples, f.maxLinesRead,
        fmt(f.beforeNetworkUs.p50), fmt(f.beforeNetworkUs.p99), fmt(f.chunkChecksUs.p50), fmt(f.chunkChecksUs.p99),
        fmt(f.afterAnswerUs.p50), fmt(f.afterAnswerUs.p99), fmt(f.totalUs.p50), fmt(f.totalUs.p99),
        kind === 'ours' ? 'p99 < 1000 µs' : '', verdict(ok),
      ]);
    }
  }
  console.log(table(rows));
  // Flat: the work (lines read) is the same on every document larger than the window; time is then only memory effects.
  const ours = results.map((r) => r.providers.ours);
  const window = 161; // DEFAULT_WINDOW_LIMITS: 120 lines before, the cursor's line, 40 after
  const flat = ours.every((f) => f.maxLinesRead <= window) && ours.slice(1).every((f) => f.maxLinesRead === ours[1].maxLinesRead);
  if (ours.length > 2) {
    const mid = ours[1];
    const last = ours[ours.length - 1];
    console.log(
      `\n"lines read" = most lines one keystroke read from the document (LineSource.lineAt calls): at most ${window} (the window),` +
        ` the same on ${results[1].lines.toLocaleString('en-US')} and ${results[results.length - 1].lines.toLocaleString('en-US')} lines. Goal: flat: ${verdict(flat)}`,
    );
    console.log(
      `Time at ${results[results.length - 1].lines.toLocaleString('en-US')} vs ${results[1].lines.toLocaleString('en-US')} lines (same work): before net p50 ` +
        `${(last.beforeNetworkUs.p50 / mid.beforeNetworkUs.p50).toFixed(1)}×, p99 ${(last.beforeNetworkUs.p99 / mid.beforeNetworkUs.p99).toFixed(1)}×` +
        ' (lines spread over a bigger heap: cache misses and garbage collection). The 100-line file is smaller than the window.',
    );
  }
  return pass && flat;
}

export function printReplay(r: ReplayResult): boolean {
  console.log(heading('2. Typing replay: real files typed at human pace against a 50 tokens/s model (stand-in, real HTTP)'));
  console.log(`Clock scaled ×${r.scale}: every duration below is in model time (human gaps 60–120 ms, pauses 400–1500 ms, VS Code's`);
  console.log(`50 ms, debounce 250 ms, TTFT ${r.timing.ttftMs} ms + prefill ², ${r.timing.chunkDelayMs} ms per token, timeout 5 s) and ran ${1 / r.scale}× faster on the wall clock,`);
  console.log('so all their ratios hold. Each keystroke cancels the provider call in flight; VS Code calls the provider 50 ms');
  console.log('after a keystroke (alreadyWaitedMs 50); ghost text the user types into stays on screen (VS Code reuses it).');
  console.log(`Wall clock: ${(r.wallMs / 1000).toFixed(0)} s for all sessions at once.\n`);
  console.log(table([
    ['file', 'lines typed', 'chars', 'keystrokes', 'typing (model time)'],
    ...r.files.map((f) => [f.name, f.lines, f.chars, f.keystrokes, `${(f.typingMs / 1000).toFixed(0)} s`]),
  ]));
  const ours = r.totals.ours;
  const naive = r.totals.naive;
  const prefill = r.timing.prefillMsPerToken ?? 0;
  const requestRatio = naive.requests / ours.requests;
  const tokenRatio = naive.tokens / ours.tokens;
  const typedIntoOk = ours.typedIntoGhostWithoutRequest === ours.typedIntoGhost;
  const row = (label: string, pick: (t: ReplayTotals) => number, goal = '', ok?: boolean, showRatio = false): (string | number)[] => [
    label, pick(ours), pick(naive), showRatio ? ratio(pick(naive), pick(ours)) : '', goal, verdict(ok),
  ];
  console.log('');
  console.log(table([
    ['all files', 'ours', 'naive', 'naive/ours', 'goal', ''],
    row('keystrokes', (t) => t.keystrokes),
    row('provider calls (after VS Code\'s 50 ms)', (t) => t.providerCalls),
    row('requests sent', (t) => t.requests, '≥ 3× fewer', requestRatio >= 3, true),
    row('  aborted (stand-in saw the close)', (t) => t.aborted),
    row('    by our early stop (answer decided)', (t) => t.stoppedEarly),
    row('    by a keystroke (user typed on)', (t) => t.superseded),
    row('    by the 5 s timeout', (t) => t.timedOut),
    row('tokens generated (streamed)', (t) => t.tokens, '≥ 2× fewer', tokenRatio >= 2, true),
    row('prompt tokens per request (≈ characters / 4)', (t) => Math.round(t.promptTokens / t.requests)),
    row('  not in the endpoint\'s prompt cache ²', (t) => Math.round(t.uncachedPromptTokens / t.requests)),
    row('  all requests: prompt tokens read anew ²', (t) => Math.round(t.uncachedPromptTokens), '', undefined, true),
    row('  its reading (prefill), ms per request ²', (t) => Math.round((t.uncachedPromptTokens / t.requests) * prefill)),
    row('ghost texts shown (new)', (t) => t.shown),
    row('reuse hits (answered from the cache)', (t) => t.reuseHits),
    row('keystrokes typed into matching ghost text', (t) => t.typedIntoGhost),
    row('  of which caused no request', (t) => t.typedIntoGhostWithoutRequest, 'all (ours)', typedIntoOk),
    row('chars of the new ghost texts', (t) => t.shownChars),
    row('chars typed that the ghost text suggested', (t) => t.charsMatchingGhost),
    row('keystroke → new ghost text p50 (ms) ¹', (t) => Math.round(t.msToGhostP50)),
    row('keystroke → new ghost text p90 (ms) ¹', (t) => Math.round(t.msToGhostP90)),
  ]));
  console.log('¹ over the ghost texts each provider did show from a request: the naive one shows only answers whose stream ended');
  console.log('  before the next keystroke (mostly one-line answers cut by the server at the "\\n" stop sequence).');
  console.log('² an endpoint with a prompt cache (Fireworks keeps one per replica, and the session id keeps a window on one) reads');
  console.log('  a prompt anew only beyond the start it shares with one it read before (the stand-in keeps the session\'s last 32, in');
  console.log(`  16-token blocks), at ${prefill} ms a token (${Math.round(1000 / prefill).toLocaleString('en-US')} tokens/s) added to the time to first token. The prompt starts`);
  console.log('  at an anchor line and its snippets change every few lines, not per keystroke.');
  console.log('\nWhy each request was made (what the screen showed at its keystroke):');
  const causes = Object.keys(ours.requestCauses) as (keyof ReplayTotals['requestCauses'])[];
  const explain: Record<string, string> = {
    'typed-into': `ghost text being typed into (still on screen: wasted); ours: ${ours.typedIntoAfterSuffixChange} after the text after the cursor changed`,
    finished: 'the user had typed all of the last ghost text',
    rejected: 'the user typed something else than the ghost text',
    superseded: 'the answer for an earlier pause was aborted by typing on',
    empty: 'the last answer was empty or failed',
    start: 'no answer yet (start of the session, cursor moved)',
  };
  console.log(table([['cause', 'ours', 'naive', ''], ...causes.map((c) => [c, ours.requestCauses[c], naive.requestCauses[c], explain[c] ?? ''])]));
  console.log('\nPer file (requests / tokens):');
  console.log(table([
    ['file', 'requests ours', 'naive', 'tokens ours', 'naive', 'typed into ghost ours', 'naive', 'new ghost p50 ms ours', 'naive'],
    ...r.perFile.map((f) => [
      f.name, f.providers.ours.requests, f.providers.naive.requests, f.providers.ours.tokens, f.providers.naive.tokens,
      f.providers.ours.typedIntoGhost, f.providers.naive.typedIntoGhost,
      Math.round(f.providers.ours.msToGhostP50), Math.round(f.providers.naive.msToGhostP50),
    ]),
  ]));
  return requestRatio >= 3 && tokenRatio >= 2 && typedIntoOk;
}

export function printLatency(runs: readonly GhostLatencyResult[], root: string): boolean {
  const ours = runs.find((r) => r.extension === 'ours');
  if (!ours) return false;
  const goalMs = ours.debounceMs + ours.ttftMs + 30;
  console.log(heading('3. Last keystroke → ghost text on screen, real VS Code (harness: code-server\'s VS Code + Chromium)'));
  console.log(`VS Code ${ours.vscodeVersion}, extension under development loaded from ${path.relative(process.cwd(), root) || '.'} (npm run build), a naive`);
  console.log(`build of the same source and the floor, the least an extension can do (variants.ts). Stand-in TTFT ${ours.ttftMs} ms with the answer's line and the end of its block in the`);
  console.log(`first token, then 40 tokens of junk at 50 tokens/s. Debounce ${ours.debounceMs} ms (VS Code's own 50 ms counted in it). Times are`);
  console.log('taken in the page (keydown listener, MutationObserver on the ghost text, next animation frame) and by the stand-in.\n');
  const rows: (string | number)[][] = [['ms', ...runs.flatMap((r) => [`${r.extension} p50`, 'p90']), 'goal', '']];
  const label: Record<string, string> = {
    keyToDomMs: 'last key → ghost text in the DOM',
    keyToPaintMs: 'last key → painted (next frame)',
    keyToRequestMs: '  last key → request at the stand-in',
    requestToFirstChunkMs: '  request → first token (TTFT)',
    firstChunkToDomMs: '  first token → ghost text in the DOM',
    polledMs: 'seen by polling from outside (5 ms)',
  };
  const okP50 = ours.p50.keyToDomMs <= goalMs;
  const okP90 = ours.p90.keyToDomMs <= goalMs;
  for (const key of Object.keys(label) as (keyof GhostLatencyResult['p50'])[]) {
    const goal = key === 'keyToDomMs' ? `≤ ${goalMs} (p50, p90)` : key === 'keyToRequestMs' ? `${ours.debounceMs} + ε` : key === 'requestToFirstChunkMs' ? `${ours.ttftMs}` : '';
    const ok = key === 'keyToDomMs' ? okP50 && okP90 : undefined;
    rows.push([label[key], ...runs.flatMap((r) => [fmt(r.p50[key]), fmt(r.p90[key])]), goal, verdict(ok)]);
  }
  console.log(table(rows));
  for (const r of runs) {
    const multi = r.trials.filter((t) => t.requests !== 1).length;
    console.log(`${r.extension}: ${r.trials.length} trials (+${r.warmupTrials} warm-up), ${r.failures} without ghost text, ${multi} with other than one request; server up in ${r.startupMs} ms`);
  }
  const cold = runs.map((r) => `${r.extension} ${r.firstKeyToDomMs === undefined ? 'not seen' : `${fmt(r.firstKeyToDomMs)} ms`}`).join(', ');
  console.log(`The window's first ghost text (cold: the first warm-up trial, typed once the status bar item shows): ${cold}.`);
  for (const { extension, firstProbe } of runs) {
    if (!firstProbe) continue;
    console.log(`  its way (${extension}), ms: key → document change ${fmt(firstProbe.keyToChangeMs)}, → provider called ${fmt(firstProbe.keyToCallMs)}, call → sent ` +
      `${fmt(firstProbe.callToSendMs)}${firstProbe.plannedWaitMs === undefined ? '' : ` (debounce asked for ${fmt(firstProbe.plannedWaitMs)}, timer late ${fmt(firstProbe.timerLateMs ?? 0)}, its end → sent ${fmt(firstProbe.waitedToSendMs ?? 0)})`}` +
      `, sent → first token ${fmt(firstProbe.sendToChunkMs)}, → returned ${fmt(firstProbe.chunkToReturnMs)}, returned → DOM ${fmt(firstProbe.returnToDomMs)}` +
      `${firstProbe.returnToFrameMs === undefined || firstProbe.frameToDomMs === undefined ? '' : ` (reaches the page ${fmt(firstProbe.returnToFrameMs)}, renderer ${fmt(firstProbe.frameToDomMs)})`}.`);
  }
  const overhead = ours.p50.keyToDomMs - ours.debounceMs - ours.ttftMs;
  console.log(`\nOverhead (p50) beyond debounce + TTFT: ${fmt(overhead)} ms = before the request ${fmt(ours.p50.keyToRequestMs - ours.debounceMs)} ms` +
    ` + TTFT beyond ${ours.ttftMs} ms ${fmt(ours.p50.requestToFirstChunkMs - ours.ttftMs)} ms + first token to DOM ${fmt(ours.p50.firstChunkToDomMs)} ms (quantiles do not add exactly).`);
  const floor = runs.find((r) => r.extension === 'floor');
  if (floor) {
    console.log(`The floor (test/bench/floor: debounce, one SDK request, the answer's first line; nothing else) takes ${fmt(floor.p50.keyToDomMs - floor.debounceMs - floor.ttftMs)} ms ` +
      `beyond debounce + TTFT: what VS Code, the harness and the HTTP stack cost any extension here. Ours − floor, p50: ${fmt(ours.p50.keyToDomMs - floor.p50.keyToDomMs)} ms, p90: ${fmt(ours.p90.keyToDomMs - floor.p90.keyToDomMs)} ms.`);
  }
  for (const probe of runs) {
    const p = probe.probeP50;
    if (!p) continue;
    console.log(`${probe.extension}, p50 in ms, as seen in the extension host: last key → document change there ${fmt(p.keyToChangeMs)},`);
    console.log(`→ VS Code calls the provider ${fmt(p.keyToCallMs)} after the key (the pipeline assumes 50), call → request sent ${fmt(p.callToSendMs)}`);
    console.log(`(debounce rest ${ours.debounceMs - 50}), sent → first token ${fmt(p.sendToChunkMs)} (TTFT ${ours.ttftMs}), first token → provider returns ${fmt(p.chunkToReturnMs)},`);
    const split = probe.trials.flatMap((t) => (t.probe?.frameToDomMs !== undefined && t.probe.returnToFrameMs !== undefined ? [t.probe] : []));
    const inPage = split.length
      ? ` = the answer reaches the page ${fmt(quantile(split.map((t) => t.returnToFrameMs ?? 0), 0.5))} + VS Code's renderer ` +
        `${fmt(quantile(split.map((t) => t.frameToDomMs ?? 0), 0.5))} (its drawing waits for the page's next animation frame)`
      : '';
    console.log(`returns → ghost text in the DOM ${fmt(p.returnToDomMs)}${inPage}.`);
  }
  console.log('Polling from outside adds its interval and a page round trip to what the page itself sees.');
  return okP50 && okP90;
}
