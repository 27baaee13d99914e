// Runs before `npm start` and `npm test` (package.json's prestart and pretest): on a fresh clone, installs the npm
// packages (`npm ci`) so that the two commands are all the setup there is; on a clone whose packages are installed
// and current, does nothing. Uses nothing but Node itself, since it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// mocha 12 and eslint 10 need Node 20.19 or later (22.13 on the 22 line): older ones fail with obscure errors.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19) || (major === 22 && minor < 13)) {
  console.error(`This project needs Node 20.19+ or 22.13+; this is Node ${process.versions.node}.`);
  process.exit(1);
}

const installed = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
const current = fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs;
if (!current) {
  console.log('npm packages missing or older than package-lock.json: npm ci');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
