import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { SECRET_FILE_GLOBS, isSecretPath } from '../../src/core/secretFiles';

describe('isSecretPath', () => {
    const secret = [
      '.env', '.env.local', 'config/.env.production', 'deploy/prod.env', 'certs/server.pem', 'tls/private.key',
      'keys/store.p12', 'win/cert.PFX', '/home/me/.ssh/id_rsa', 'id_rsa.pub', 'id_ed25519', 'aws/credentials',
      'gcp-credentials.json', 'config\\secrets.yaml', 'secrets.json', '.npmrc', '.netrc', 'a/.ssh/config',
      '.envrc', 'keys/server.ppk', 'android/release.jks', 'home/.gnupg/pubring.kbx', 'www/.htpasswd', '.pgpass',
      '_netrc', '.git-credentials', 'app/api.secret',
    ];
    const ordinary = ['src/env.ts', 'src/environment.py', 'keyboard.ts', 'src/keys.ts', 'docs/secrets-management.md', 'README.md', 'monkey.py', 'pem.ts', ''];

    for (const path of secret) it(`skips ${path}`, () => assert.equal(isSecretPath(path), true));
    for (const path of ordinary) it(`keeps ${JSON.stringify(path)}`, () => assert.equal(isSecretPath(path), false));
  });

describe('secrets files: one list in two forms', () => {
  /** A path the glob matches: `**` a directory or two, `*` some characters. */
  const example = (glob: string): string => glob.replace(/\*\*\//g, 'app/config/').replace(/\/\*\*$/, '/store').replace(/\*/g, 'prod');

  for (const glob of SECRET_FILE_GLOBS) {
    it(`the predicate keeps out what the default exclude glob ${glob} keeps out`, () => {
      assert.equal(isSecretPath(example(glob)), true, example(glob));
    });
  }

  it('every file the predicate keeps out, a default exclude glob keeps out too (the status bar tells the same)', () => {
    const paths = [
      '.env', 'app/.env.local', 'app/.envrc', 'deploy/prod.env', 'certs/server.pem', 'tls/private.key', 'keys/store.p12',
      'win/cert.pfx', 'android/release.jks', 'java/app.keystore', 'keys/server.ppk', 'app/api.secret', 'home/.ssh/id_rsa',
      'id_rsa.pub', 'id_ed25519', 'aws/credentials', 'gcp-credentials.json', 'config/secrets.yaml', '.npmrc', '.pypirc',
      '.netrc', '_netrc', 'www/.htpasswd', '.pgpass', '.git-credentials', 'home/.aws/config', 'home/.ssh/config',
      'home/.gnupg/pubring.kbx',
    ];
    for (const file of paths) {
      assert.equal(isSecretPath(file), true, `the predicate keeps out ${file}`);
      assert.ok(SECRET_FILE_GLOBS.some((glob) => minimatch(`/work/${file}`, glob, { dot: true })), `a default glob keeps out ${file}`);
    }
  });

  it('the default of fireworks.completions.exclude in package.json is that list', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
    };
    assert.deepEqual(manifest.contributes.configuration.properties['fireworks.completions.exclude'].default, [...SECRET_FILE_GLOBS]);
  });
});
