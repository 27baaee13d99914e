/**
 * What counts as a secrets file, whose content must never leave the machine: one list, two forms. The predicate is
 * applied wherever file content could reach a prompt, whatever the settings say: the file being edited (completions
 * are off there), snippets of other files, files offered after `@` in the chat. The globs, the same files, are the
 * default of the user's exclude setting, which can add files of its own to keep out.
 */

/** The same files as globs, for the user's exclude setting (its default) and VS Code's matching. */
export const SECRET_FILE_GLOBS: readonly string[] = [
  '**/.env*',
  '**/*.env',
  '**/*.pem',
  '**/*.key',
  '**/*.p12',
  '**/*.pfx',
  '**/*.jks',
  '**/*.keystore',
  '**/*.ppk',
  '**/*.secret',
  '**/id_rsa*',
  '**/id_dsa*',
  '**/id_ecdsa*',
  '**/id_ed25519*',
  '**/*credentials*',
  '**/secrets.*',
  '**/.npmrc',
  '**/.pypirc',
  '**/.netrc',
  '**/_netrc',
  '**/.htpasswd',
  '**/.pgpass',
  '**/.git-credentials',
  '**/.aws/**',
  '**/.ssh/**',
  '**/.gnupg/**',
];

const SECRET_DIRECTORIES = new Set(['.ssh', '.gnupg', '.aws']);
const SECRET_NAMES = new Set(['.npmrc', '.pypirc', '.netrc', '_netrc', '.htpasswd', '.pgpass']);
const SECRET_EXTENSIONS = ['.pem', '.key', '.p12', '.pfx', '.jks', '.keystore', '.ppk', '.env', '.secret'];

/**
 * Whether a path looks like it holds secrets, so that its text must never be sent: `.env*` and `*.env`, `*.pem`,
 * `*.key`, `*.p12`, `*.pfx`, `*.jks`, `*.keystore`, `*.ppk`, `*.secret`, `id_rsa*` (and the other SSH key names), `*credentials*`,
 * `secrets.*`, `.npmrc`, `.pypirc`, `.netrc`, `.htpasswd`, `.pgpass`, and anything under `.ssh/`, `.gnupg/` or `.aws/`.
 * Case-insensitive; `/` and `\` both separate directories.
 */
export function isSecretPath(path: string): boolean {
  const parts = path.toLowerCase().split(/[\\/]+/).filter((p) => p !== '');
  const name = parts[parts.length - 1] ?? '';
  if (!name) return false;
  if (parts.slice(0, -1).some((dir) => SECRET_DIRECTORIES.has(dir))) return true;
  if (SECRET_NAMES.has(name)) return true;
  if (name.startsWith('.env')) return true;
  if (SECRET_EXTENSIONS.some((ext) => name.endsWith(ext))) return true;
  if (/^id_(rsa|dsa|ecdsa|ed25519)/.test(name)) return true;
  if (name.includes('credentials')) return true;
  if (name.startsWith('secrets.')) return true;
  return false;
}
