// `npm start`: a real VS Code on 127.0.0.1 with the extension loaded from this folder, to try it in your browser.
//
// Without FIREWORKS_API_KEY in your environment it runs in DEMO MODE: a local stand-in (out/standin/cli.js --demo)
// plays the model, so you can see ghost text and chat without an account. With the key set it is LIVE: requests go
// to Fireworks with your key. Either way the key lives only in the VS Code server's environment, never in settings.
//
//   npm start [-- --port N]        Ctrl+C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { copyToTemp, ensureHarness, projectRoot, startVSCode } from './harness.mjs';

function run(command, args) {
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** Starts the demo stand-in and resolves with its base URL (the one line it prints). */
async function startStandIn() {
  const child = spawn(process.execPath, [path.join(projectRoot, 'out', 'standin', 'cli.js'), '--demo'], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /^STANDIN_URL=(\S+)/.exec(line);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the stand-in exited (${code}) before printing its URL`)));
    setTimeout(() => reject(new Error('the stand-in did not print STANDIN_URL within 10 s')), 10000).unref();
  });
  return { child, baseUrl };
}

function portArg() {
  const i = process.argv.indexOf('--port');
  if (i < 0) return undefined;
  const port = Number(process.argv[i + 1]);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`invalid --port: ${process.argv[i + 1]}`);
  return port;
}

async function main() {
  const port = portArg();
  run('npm', ['run', 'build']);
  ensureHarness();

  // The fixture workspace, minus its hostile .vscode/settings.json (that one exists to test that it is ignored).
  const workspaceDir = copyToTemp(path.join(projectRoot, 'test', 'fixtures', 'workspace'), 'fireworks-try-', {
    skip: [path.join('.vscode', 'settings.json')],
  });
  const dotVscode = path.join(workspaceDir, '.vscode');
  if (fs.existsSync(dotVscode) && fs.readdirSync(dotVscode).length === 0) fs.rmdirSync(dotVscode);

  const live = Boolean(process.env.FIREWORKS_API_KEY);
  /** @type {{ child: import('node:child_process').ChildProcess, baseUrl: string } | undefined} */
  let standIn;
  /** @type {Awaited<ReturnType<typeof startVSCode>> | undefined} */
  let vscode;
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await vscode?.stop().catch(() => {});
    standIn?.child.kill('SIGTERM');
    fs.rmSync(workspaceDir, { recursive: true, force: true });
    process.exit(code);
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  try {
    /** @type {Record<string, unknown>} */
    const userSettings = {};
    /** @type {Record<string, string>} */
    const env = {};
    if (live) {
      env.FIREWORKS_API_KEY = /** @type {string} */ (process.env.FIREWORKS_API_KEY);
    } else {
      standIn = await startStandIn();
      const child = standIn.child;
      process.on('exit', () => child.kill('SIGTERM')); // whatever way this script ends
      userSettings['fireworks.baseUrl'] = standIn.baseUrl;
      env.FIREWORKS_API_KEY = 'demo'; // the stand-in accepts any key; the extension needs one to start asking
    }
    // A token only the printed URL carries: the server holds the key (live) and a terminal, and listens on a port
    // any process of any user on this machine could reach.
    vscode = await startVSCode({ workspaceDir, userSettings, env, port, connectionToken: randomBytes(24).toString('hex') });
    vscode.serverProcess.once('exit', () => {
      if (!stopping) {
        console.error('The VS Code server stopped.');
        stop(1);
      }
    });

    const url = vscode.url({ extensionDevelopmentPath: projectRoot, openFile: path.join(workspaceDir, 'demo.py') });
    const line = '='.repeat(78);
    console.log(`\n${line}`);
    if (live) {
      console.log(' LIVE: talking to Fireworks (https://api.fireworks.ai) with your FIREWORKS_API_KEY.');
    } else {
      console.log(' DEMO MODE: answers come from the local stand-in, not a model.');
      console.log(` (stand-in at ${standIn?.baseUrl}; set FIREWORKS_API_KEY to talk to Fireworks for real)`);
    }
    console.log(`${line}\n`);
    console.log(` Open in your browser:\n\n   ${url}\n`);
    console.log(' demo.py opens with it: go to the end, type e.g. "def add(a, b):" and wait for the grey ghost');
    console.log(' text; Tab accepts it, Alt+] shows other answers. The status bar item "Fireworks" opens the menu.');
    console.log(`\n Workspace: ${workspaceDir} (a throwaway copy)`);
    console.log(' Ctrl+C stops VS Code and cleans up.\n');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
