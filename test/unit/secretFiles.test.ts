import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SECRET_FILE_GLOBS, isSecretPath } from '../../src/core/secretFiles';

describe('isSecretPath', () => {
    const secret = [
      '.env', '.env.local', 'config/.env.production', 'deploy/prod.env', 'certs/server.pem', 'tls/private.key',
      'keys/store.p12', 'win/cert.PFX', '/home/me/.ssh/id_rsa', 'id_rsa.pub', 'id_ed25519', 'aws/credentials',
      'gcp-credentials.json', 'config\\secrets.yaml', 'secrets.json', '.npmrc', '.netrc', 'a/.ssh/config',
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

  it('the default of fireworks.completions.exclude in package.json is that list', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
    };
    assert.deepEqual(manifest.contributes.configuration.properties['fireworks.completions.exclude'].default, [...SECRET_FILE_GLOBS]);
  });
});
