// The stand-in's certificate for HTTPS (HTTP/2), made once per process by scripts/certificate.mjs (with `openssl`).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Certificate {
  readonly key: string;
  readonly cert: string;
}

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'certificate.mjs');
let made: Certificate | undefined;

export function localCertificate(): Certificate {
  if (made) return made;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-standin-tls-'));
  try {
    execFileSync(process.execPath, [SCRIPT, dir], { stdio: 'ignore' });
    made = { key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
    return made;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
