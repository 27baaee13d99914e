// A self-signed certificate for 127.0.0.1, for the tests' HTTPS stand-in (HTTP/2), made with the `openssl` command
// (Debian's `openssl` package; `.ci/run` installs it). Never a secret: made per run, in a temporary folder.
//
//   node scripts/certificate.mjs DIR    writes DIR/key.pem and DIR/cert.pem
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Writes key.pem and cert.pem into `dir`; returns their paths. */
export function makeLocalCertificate(dir) {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  return { key, cert };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/certificate.mjs DIR');
    process.exit(2);
  }
  makeLocalCertificate(dir);
}
