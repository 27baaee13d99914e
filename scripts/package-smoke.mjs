// The packaged extension, used the way a user uses it: `npm run package`, install the .vsix into a fresh VS Code,
// point it at a local stand-in for Fireworks in the user settings, put the key in the environment, open a Python
// file in a repository whose .vscode/settings.json tries to redirect the endpoint, type a function header, see the
// ghost text, press Tab, save, and check the file on disk. Then, in the same window, the chat view
// (scripts/package-smoke-chat.mjs): Ask Fireworks with a selection, a hostile answer, a long answer's lag, Stop, a
// reload mid-answer, an HTTP 500. Only the browser is used: no test code runs inside VS Code, no
// extensionDevelopmentPath. Exits non-zero with the reason on the first failed check (the chat part's long-answer
// checks, lag and follow, are reported at the end of the chat part so that the steps after them still run).
//
//   node scripts/package-smoke.mjs      (run-integration.mjs runs it after the suite)
/* global document, window, performance -- functions passed to page.evaluate run in the browser */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  copyToTemp,
  ensureHarness,
  installVsix,
  makeTempDir,
  openWorkbench,
  projectRoot,
  readGhostText,
  screenshot,
  startVSCode,
  waitForWorkbench,
} from './harness.mjs';
import { chatModel, runChatSmoke } from './package-smoke-chat.mjs';

const apiKey = 'smoke-key';
const model = 'accounts/fireworks/models/qwen2p5-coder-7b';
const typedLine = 'def add(a, b):';
const answer = '\n    return a + b\n';
const expectedInFile = /def add\(a, b\):\n {4}return a \+ b/;
const resultsDir = path.join(projectRoot, 'test-results');

class SmokeFailure extends Error {}
function check(condition, reason) {
  if (!condition) throw new SmokeFailure(reason);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit' });
  check(result.status === 0, `${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** Human-like typing: one key at a time, 60–140 ms apart. Returns when the last key has been pressed. */
async function typeLikeAHuman(page, text) {
  for (const char of text) {
    if (char === '\n') await page.keyboard.press('Enter');
    else await page.keyboard.type(char);
    await sleep(60 + Math.random() * 80);
  }
}

async function main() {
  const started = Date.now();
  const { version } = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
  const vsix = path.join(projectRoot, `fireworks-vscode-${version}.vsix`);

  // The stand-in library comes from the dev build; the .vsix from the production build `npm run package` makes.
  if (!fs.existsSync(path.join(projectRoot, 'out', 'standin', 'server.js'))) run('npm', ['run', 'build']);
  fs.rmSync(vsix, { force: true }); // never test a stale package
  run('npm', ['run', 'package']);
  check(fs.existsSync(vsix), `npm run package did not write ${path.basename(vsix)}`);
  console.log(`package: ${path.basename(vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KB)`);

  ensureHarness();
  const require = createRequire(import.meta.url);
  const { StandIn } = require(path.join(projectRoot, 'out', 'standin', 'server.js'));

  const extensionsDir = makeTempDir('fw-smoke-ext-');
  const workspaceDir = copyToTemp(path.join(projectRoot, 'test', 'fixtures', 'workspace'), 'fw-smoke-ws-');
  const demoFile = path.join(workspaceDir, 'demo.py');
  fs.mkdirSync(resultsDir, { recursive: true });
  const log = fs.createWriteStream(path.join(resultsDir, 'package-smoke-vscode.log'));
  let standIn;
  let vscode;
  let workbench;
  /** @type {Promise<void> | undefined} */
  let cleanedUp;
  const cleanup = () => (cleanedUp ??= (async () => {
    await workbench?.browser.close().catch(() => {});
    await vscode?.stop().catch(() => {});
    await standIn?.close().catch(() => {});
    log.end();
    if (!process.env.FIREWORKS_KEEP_TEMP) {
      fs.rmSync(extensionsDir, { recursive: true, force: true });
      fs.rmSync(workspaceDir, { recursive: true, force: true });
    }
  })());
  // Ctrl+C: the VS Code server is in its own process group and does not get the terminal's signal; stop it here.
  const onSignal = async () => {
    console.error('\nInterrupted: stopping VS Code and the browser…');
    await cleanup();
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    console.log(await installVsix(vsix, extensionsDir));

    // Answers only once the header is complete; for a partial line it returns nothing (no ghost text), so the
    // ghost text seen below can only come from a request made after the last keystroke's text was there.
    standIn = await StandIn.start();
    standIn.onCompletion((req) => {
      const prompt = promptOf(req.body);
      return { kind: 'completion', chunks: prompt.includes(typedLine) ? [answer] : [] };
    });

    vscode = await startVSCode({
      workspaceDir,
      extensionsDir,
      userSettings: { 'fireworks.baseUrl': standIn.baseUrl, 'fireworks.completions.model': model, 'fireworks.chat.model': chatModel },
      env: { FIREWORKS_API_KEY: apiKey },
      onOutput: (text) => log.write(`[server] ${text}`),
    });
    console.log(`VS Code ${vscode.port}: server ready in ${vscode.startupMs} ms`);

    workbench = await openWorkbench(vscode.url({ openFile: demoFile }), {
      onLog: (type, args) => log.write(`[${type}] ${Array.isArray(args) ? format(...args) : String(args)}\n`),
    });
    const { page } = workbench;
    await waitForWorkbench(page);
    // The file the payload opened, showing its text.
    await page.waitForSelector('.monaco-editor .view-lines :text("def greet")', { timeout: 30000 })
      .catch(() => { throw new SmokeFailure('demo.py did not open in an editor within 30 s'); });
    // The extension shows itself in the status bar once active; a user glances there before typing.
    const statusSeen = await page.waitForFunction(
      () => [...document.querySelectorAll('.statusbar-item')].some((el) => /fireworks/i.test(`${el.id} ${el.getAttribute('aria-label')}`)),
      undefined,
      { timeout: 30000 },
    ).then(() => true, () => false);
    console.log(statusSeen ? 'extension: status bar item shown' : 'extension: no status bar item seen within 30 s (continuing)');

    // Click into the text, go to the end of the file, start a new function.
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+End');
    // Timestamps in the page's clock: the last keydown, and the first frame where ghost text is in the DOM.
    await page.evaluate(() => {
      window.__lastKeyAt = 0;
      window.addEventListener('keydown', () => { window.__lastKeyAt = performance.now(); }, true);
    });
    const typingStartedAt = Date.now();
    const requestsBefore = standIn.completionRequests().length;
    await typeLikeAHuman(page, `\n${typedLine}`);

    const shown = await page.waitForFunction(
      () => {
        const ghost = [...document.querySelectorAll('.monaco-editor.focused .ghost-text-decoration, .monaco-editor.focused .ghost-text')]
          .map((el) => el.textContent ?? '').join('').replace(/\u00a0/g, ' ');
        return ghost.includes('return a + b') ? performance.now() - window.__lastKeyAt : false;
      },
      undefined,
      { polling: 'raf', timeout: 10000 },
    ).then((handle) => handle.jsonValue(), () => undefined);
    const requests = standIn.completionRequests().slice(requestsBefore);
    const ghostText = await readGhostText(page);
    const shot = await screenshot(page, 'package-smoke');
    check(shown !== undefined, `no ghost text with "return a + b" within 10 s of the last keystroke (ghost text: ${JSON.stringify(ghostText)}, completion requests: ${requests.length}, screenshot: ${shot})`);
    console.log(`ghost text visible ${Math.round(shown)} ms after the last keystroke: ${JSON.stringify(ghostText)}`);

    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+S');
    let onDisk = '';
    for (let i = 0; i < 50 && !expectedInFile.test(onDisk); i++) {
      await sleep(100);
      onDisk = fs.readFileSync(demoFile, 'utf8');
    }
    await screenshot(page, 'package-smoke-accepted');
    check(expectedInFile.test(onDisk), `after Tab and Ctrl+S, demo.py on disk does not hold the completion; its end:\n${onDisk.slice(-200)}`);
    console.log('Tab + Ctrl+S: the completion is in demo.py on disk');

    // What went over the wire, judged by the stand-in.
    check(requests.length > 0, 'the stand-in received no completion request (the hostile workspace baseUrl, or no key?)');
    const withKey = requests.filter((r) => r.headers.authorization === `Bearer ${apiKey}`);
    check(withKey.length === requests.length, `${requests.length - withKey.length} of ${requests.length} completion requests lacked "Authorization: Bearer <FIREWORKS_API_KEY>"`);
    const withHeader = requests.filter((r) => promptOf(r.body).includes(typedLine));
    check(withHeader.length > 0, `no completion prompt contained ${JSON.stringify(typedLine)}`);
    const models = [...new Set(requests.map((r) => r.body?.model))];
    check(models.length === 1 && models[0] === model, `requests used model(s) ${JSON.stringify(models)}, not the configured ${model}`);
    const aborted = requests.filter((r) => r.aborted).length;
    console.log(`requests for the typed line (${typedLine.length + 1} keys in ${((Date.now() - typingStartedAt) / 1000).toFixed(1)} s): ${requests.length} sent, ${aborted} cancelled by the extension`);
    for (const r of requests) {
      const prompt = promptOf(r.body);
      // The tail of the text before the cursor (FIM templates put the prefix first); never the headers.
      const prefix = prompt.split(/<\|fim_suffix\|>|<fim_suffix>|<SUF>|\[PREFIX\]/)[0];
      console.log(`  +${r.receivedAt - typingStartedAt} ms ${r.aborted ? '(cancelled) ' : ''}…${JSON.stringify(prefix.slice(-24))}`);
    }

    // The chat view, in the same window.
    const chat = await runChatSmoke({ page, standIn, apiKey, check, log: (line) => log.write(`${line}\n`) });
    console.log(`chat part: passed in ${(chat.durationMs / 1000).toFixed(1)} s`);
    console.log(`Package smoke: passed in ${((Date.now() - started) / 1000).toFixed(1)} s (screenshot: ${path.relative(projectRoot, shot ?? '')})`);
    return 0;
  } catch (error) {
    if (workbench) await screenshot(workbench.page, 'package-smoke-failure');
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`Package smoke: FAILED: ${reason}`);
    if (!(error instanceof SmokeFailure) && error instanceof Error) console.error(error.stack);
    console.error('See test-results/package-smoke-vscode.log and test-results/screenshots/package-smoke-failure.png');
    return 1;
  } finally {
    await cleanup();
  }
}

/** body.prompt of a completions request ('' if absent). */
function promptOf(body) {
  const prompt = body?.prompt;
  if (typeof prompt === 'string') return prompt;
  return Array.isArray(prompt) && typeof prompt[0] === 'string' ? prompt[0] : '';
}

process.exit(await main());
