// `npm run test:integration`: runs the integration suite (out/test/suite/index.js, from test/integration) inside a
// real VS Code, then the packaged-extension smoke test (scripts/package-smoke.mjs).
//
// Default: VS Code's server build (from the code-server npm package) with its web workbench in headless Chromium,
// the way scripts/harness.mjs describes; this works on machines that reach only the npm registry and Debian.
// FIREWORKS_TEST_ELECTRON=1: the same suite under @vscode/test-electron (desktop VS Code, downloaded: needs internet).
//
//   node scripts/run-integration.mjs [--no-package-smoke]
//   FIREWORKS_TEST_GREP=<pattern>   run only the tests whose title matches
//   FIREWORKS_FIDELITY_PLACES=<n>   places the fidelity test restores in the editor (default 16)
//   FIREWORKS_TEST_VERBOSE=1        print all of the workbench's log, not only the suite's
//   FIREWORKS_TEST_TIMEOUT_S=<n>    give up on the suite after n seconds (default 900)
//   FIREWORKS_KEEP_TEMP=1           keep the temp folders (workspace, VS Code's data) for a look afterwards
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import {
  copyToTemp,
  ensureHarness,
  makeTempDir,
  openWorkbench,
  projectRoot,
  screenshot,
  startUserEyeBridge,
  startVSCode,
} from './harness.mjs';
import { makeLocalCertificate } from './certificate.mjs';

const overallTimeoutMs = (Number(process.env.FIREWORKS_TEST_TIMEOUT_S) || 15 * 60) * 1000;
const fixtureWorkspace = path.join(projectRoot, 'test', 'fixtures', 'workspace');
const extensionTestsPath = path.join(projectRoot, 'out', 'test', 'suite', 'index');
const resultsDir = path.join(projectRoot, 'test-results');
const verbose = Boolean(process.env.FIREWORKS_TEST_VERBOSE);

/**
 * The workbench's own chatter that reaches codeAutomationLog alongside the suite's console (built-in chat, the
 * marketplace it cannot reach offline, connection set-up). Kept in test-results/integration-vscode.log, not printed.
 */
const noise = [
  /^\[(AgentHost|ChatModelSelection|AccountPolicyGate|reconnection-grace-time|Service Worker)[\]:]/,
  /^Creation of workbench contribution/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /ENOTFOUND open-vsx\.org/,
  /authentication provider 'github'/,
];

function run(command, args) {
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** Parses the suite's `INTEGRATION_SUMMARY passed=… failed=… pending=… vscode=…` line. */
function parseSummary(line) {
  const match = /INTEGRATION_SUMMARY passed=(\d+) failed=(\d+) pending=(\d+) vscode=(\S+)/.exec(line);
  return match ? { passed: +match[1], failed: +match[2], pending: +match[3], vscode: match[4] } : undefined;
}

function printSummary(summary, exitCode) {
  if (summary) {
    const pending = summary.pending ? `, ${summary.pending} pending` : '';
    console.log(`Real VS Code suite: ${summary.passed} passed, ${summary.failed} failed${pending} (VS Code ${summary.vscode})`);
  } else {
    console.log(`Real VS Code suite: did not finish (no summary line; exit code ${exitCode})`);
  }
}

/** The suite in VS Code's server build + Chromium. Returns the suite's exit code. */
async function runInBrowser() {
  const started = Date.now();
  ensureHarness();
  fs.mkdirSync(resultsDir, { recursive: true });
  const logFile = path.join(resultsDir, 'integration-vscode.log');
  const log = fs.createWriteStream(logFile);
  const workspaceDir = copyToTemp(fixtureWorkspace);
  const tls = suiteCertificate();

  /** @type {Awaited<ReturnType<typeof startUserEyeBridge>> | undefined} */
  let bridge;
  /** @type {Awaited<ReturnType<typeof startVSCode>> | undefined} */
  let vscode;
  /** @type {Awaited<ReturnType<typeof openWorkbench>> | undefined} */
  let workbench;
  /** @type {Promise<void> | undefined} */
  let cleanedUp;
  // One cleanup, whoever asks first (the end of the run or Ctrl+C); the other waits for the same one.
  const cleanup = () => (cleanedUp ??= (async () => {
    await workbench?.browser.close().catch(() => {});
    await vscode?.stop().catch(() => {});
    await bridge?.close().catch(() => {});
    if (!process.env.FIREWORKS_KEEP_TEMP) fs.rmSync(workspaceDir, { recursive: true, force: true });
    tls.dispose();
    log.end();
  })());
  // Ctrl+C: no VS Code, Chromium or temp folder left behind.
  let interrupted = false;
  const onSignal = async () => {
    interrupted = true;
    console.error('\nInterrupted: stopping VS Code and the browser…');
    await cleanup();
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let summary;
  /** @type {Promise<string | undefined> | undefined} */
  let finalShot;
  try {
    // The bridge first: its URL goes into the server's environment (the suite reads FIREWORKS_TEST_BRIDGE);
    // it waits for the page, which exists only later.
    bridge = await startUserEyeBridge();
    vscode = await startVSCode({
      workspaceDir,
      env: {
        ...tls.env,
        FIREWORKS_TEST_BRIDGE: bridge.url,
        FIREWORKS_PROJECT_ROOT: projectRoot,
        ...(process.env.FIREWORKS_TEST_GREP ? { FIREWORKS_TEST_GREP: process.env.FIREWORKS_TEST_GREP } : {}),
        ...(process.env.FIREWORKS_FIDELITY_PLACES ? { FIREWORKS_FIDELITY_PLACES: process.env.FIREWORKS_FIDELITY_PLACES } : {}),
      },
      onOutput: (text) => log.write(`[server] ${text}`),
    });
    console.log(`VS Code server ready on 127.0.0.1:${vscode.port} in ${vscode.startupMs} ms`);

    /** @type {(code: number) => void} */
    let finish = () => {};
    const exited = new Promise((resolve) => { finish = resolve; });
    const url = vscode.url({ extensionDevelopmentPath: projectRoot, extensionTestsPath });
    workbench = await openWorkbench(url, {
      onLog: (type, args) => {
        const line = Array.isArray(args) ? format(...args) : String(args);
        log.write(`[${type}] ${line}\n`);
        const parsed = parseSummary(line);
        if (parsed) {
          summary = parsed;
          // The suite is done but the extension host still runs: this shows the extension's last state.
          finalShot ??= screenshot(workbench.page, 'integration-final');
        }
        if (verbose || !noise.some((re) => re.test(line))) (type === 'error' ? console.error : console.log)(line);
      },
      onExit: (code) => finish(code),
    });
    bridge.attach(workbench.page);

    // Whatever ends first: the suite, a crash of the server or the browser, or the overall timeout.
    let timer;
    const outcome = await Promise.race([
      exited.then((code) => ({ code })),
      new Promise((resolve) => vscode.serverProcess.once('exit', (code, signal) =>
        resolve({ failure: `the VS Code server exited (${code ?? signal}) before the suite finished` }))),
      new Promise((resolve) => workbench.browser.once('disconnected', () =>
        resolve({ failure: 'Chromium went away before the suite finished' }))),
      new Promise((resolve) => workbench.page.once('crash', () => resolve({ failure: 'the workbench page crashed' }))),
      new Promise((resolve) => { timer = setTimeout(() => resolve({ failure: `the suite did not finish within ${overallTimeoutMs / 1000} s`, timeout: true }), overallTimeoutMs); }),
    ]);
    clearTimeout(timer);

    if (interrupted) return 130;
    if ('failure' in outcome) {
      const shot = await screenshot(workbench.page, outcome.timeout ? 'integration-timeout' : 'integration-failure');
      console.error(`Integration run failed: ${outcome.failure}.${shot ? ` Screenshot: ${path.relative(projectRoot, shot)}` : ''}`);
      console.error(`Workbench and server log: ${path.relative(projectRoot, logFile)}`);
      printSummary(summary, 1);
      return 1;
    }
    const shot = (await finalShot) ?? (await screenshot(workbench.page, 'integration-final'));
    if (shot) console.log(`Final screenshot: ${path.relative(projectRoot, shot)}`);
    printSummary(summary, outcome.code);
    console.log(`Whole run: ${((Date.now() - started) / 1000).toFixed(1)} s (log: ${path.relative(projectRoot, logFile)})`);
    return outcome.code;
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * The same suite under @vscode/test-electron, for machines with internet (it downloads desktop VS Code).
 * There is no browser, so no user-eye bridge: the suite sees userEye.available === false.
 */
/**
 * A certificate for the suite's HTTPS stand-in (the HTTP/2 test), made for this run with `openssl`. The extension
 * host trusts it as a user's machine would trust a corporate CA: VS Code's network support reads the system store,
 * which OpenSSL takes from SSL_CERT_FILE (here the system's bundle plus this certificate); Node's own fetch reads
 * NODE_EXTRA_CA_CERTS. FIREWORKS_TEST_TLS_DIR tells the suite where the key and certificate are.
 */
function suiteCertificate() {
  const dir = makeTempDir('fw-tls-');
  const { cert } = makeLocalCertificate(dir);
  const system = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt'].find((f) => fs.existsSync(f));
  const bundle = path.join(dir, 'bundle.pem');
  fs.writeFileSync(bundle, fs.readFileSync(cert, 'utf8') + (system ? fs.readFileSync(system, 'utf8') : ''));
  return {
    dir,
    env: { FIREWORKS_TEST_TLS_DIR: dir, SSL_CERT_FILE: bundle, NODE_EXTRA_CA_CERTS: cert },
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function runInElectron() {
  const require = createRequire(path.join(projectRoot, 'package.json'));
  const { runTests } = require('@vscode/test-electron');
  // No API keys from the developer's shell may reach the VS Code under test (it inherits this process's env).
  delete process.env.FIREWORKS_API_KEY;
  delete process.env.OPENAI_API_KEY;
  delete process.env.OPENAI_API_BASE;
  const workspaceDir = copyToTemp(fixtureWorkspace);
  const tls = suiteCertificate();
  const userDataDir = makeTempDir('fw-electron-user-');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    // Desktop VS Code takes system certificates from the OS, not SSL_CERT_FILE: without them, its network support
    // leaves TLS to Node, which trusts the suite's certificate through NODE_EXTRA_CA_CERTS (HTTP/2 test).
    'http.systemCertificates': false,
  }, null, 2));
  try {
    await runTests({
      extensionDevelopmentPath: projectRoot,
      extensionTestsPath,
      launchArgs: [
        workspaceDir,
        '--disable-extensions', // other installed extensions must not interfere
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir', userDataDir,
      ],
      extensionTestsEnv: {
        ...tls.env,
        FIREWORKS_PROJECT_ROOT: projectRoot,
        ...(process.env.FIREWORKS_TEST_GREP ? { FIREWORKS_TEST_GREP: process.env.FIREWORKS_TEST_GREP } : {}),
        ...(process.env.FIREWORKS_FIDELITY_PLACES ? { FIREWORKS_FIDELITY_PLACES: process.env.FIREWORKS_FIDELITY_PLACES } : {}),
      },
    });
    console.log('Real VS Code suite (test-electron): passed');
    return 0;
  } catch (error) {
    console.error(`Real VS Code suite (test-electron): failed: ${error instanceof Error ? error.message : error}`);
    return 1;
  } finally {
    fs.rmSync(workspaceDir, { recursive: true, force: true });
    tls.dispose();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function main() {
  const skipPackageSmoke = process.argv.includes('--no-package-smoke');
  run('npm', ['run', 'build']);
  let code = process.env.FIREWORKS_TEST_ELECTRON === '1' ? await runInElectron() : await runInBrowser();
  if (!skipPackageSmoke) {
    const smoke = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'package-smoke.mjs')], {
      cwd: projectRoot,
      stdio: 'inherit',
    });
    if (smoke.status !== 0) code = code || smoke.status || 1;
  }
  process.exit(code);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
