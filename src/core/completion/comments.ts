/**
 * Comment syntax per VS Code language id, for the lines the prompt adds around the code (`// Path: src/a.ts`).
 * Block-comment languages (HTML, CSS, ...) get `start` and `end` on the same line.
 */

export interface CommentSyntax {
  readonly start: string;
  readonly end?: string;
}

const HASH: CommentSyntax = { start: '#' };
const SLASHES: CommentSyntax = { start: '//' };
const DASHES: CommentSyntax = { start: '--' };
const PERCENT: CommentSyntax = { start: '%' };
const SEMICOLON: CommentSyntax = { start: ';' };
const HTML: CommentSyntax = { start: '<!--', end: '-->' };
const BLOCK: CommentSyntax = { start: '/*', end: '*/' };

const BY_LANGUAGE: ReadonlyMap<string, CommentSyntax> = new Map<string, CommentSyntax>([
  // `#`
  ...[
    'python', 'ruby', 'shellscript', 'perl', 'perl6', 'raku', 'r', 'yaml', 'toml', 'dockerfile', 'makefile', 'cmake',
    'powershell', 'elixir', 'coffeescript', 'julia', 'nim', 'crystal', 'nix', 'tcl', 'awk', 'properties', 'dotenv',
    'ignore', 'gitignore', 'graphql', 'terraform', 'hcl', 'starlark', 'bazel', 'pip-requirements', 'ssh_config',
    'fish', 'zsh', 'bash', 'jinja', 'gdscript', 'cython', 'mojo', 'puppet', 'sas',
  ].map((id): [string, CommentSyntax] => [id, HASH]),
  // `//`
  ...[
    'typescript', 'javascript', 'typescriptreact', 'javascriptreact', 'go', 'rust', 'java', 'c', 'cpp', 'csharp',
    'php', 'kotlin', 'swift', 'dart', 'scala', 'groovy', 'objective-c', 'objective-cpp', 'fsharp', 'zig', 'solidity',
    'jsonc', 'json5', 'less', 'scss', 'sass', 'proto', 'proto3', 'glsl', 'hlsl', 'wgsl', 'cuda-cpp', 'd', 'v',
    'verilog', 'systemverilog', 'apex', 'haxe', 'jsonnet', 'prisma', 'typst', 'odin', 'gleam', 'qml', 'vala',
    'arduino', 'cairo', 'move', 'carbon',
  ].map((id): [string, CommentSyntax] => [id, SLASHES]),
  // `--`
  ...['sql', 'lua', 'haskell', 'elm', 'ada', 'purescript', 'vhdl', 'plsql', 'pgsql', 'mysql', 'agda', 'idris', 'luau']
    .map((id): [string, CommentSyntax] => [id, DASHES]),
  // `%`
  ...['latex', 'tex', 'bibtex', 'erlang', 'matlab', 'octave', 'prolog'].map((id): [string, CommentSyntax] => [id, PERCENT]),
  // `;`
  ...['clojure', 'lisp', 'scheme', 'racket', 'commonlisp', 'emacs-lisp', 'ini', 'asm', 'nasm', 'fennel']
    .map((id): [string, CommentSyntax] => [id, SEMICOLON]),
  // `<!-- ... -->`: markup, and single-file components whose top level is markup.
  ...['html', 'xml', 'xsl', 'svg', 'markdown', 'mdx', 'vue', 'svelte', 'astro', 'razor', 'aspnetcorerazor', 'handlebars', 'django-html', 'php-html']
    .map((id): [string, CommentSyntax] => [id, HTML]),
  // `/* ... */`
  ...['css', 'postcss', 'tailwindcss', 'stylus'].map((id): [string, CommentSyntax] => [id, BLOCK]),
  ['bat', { start: 'REM' }],
  ['viml', { start: '"' }],
  ['vim', { start: '"' }],
  ['vb', { start: "'" }],
  ['ocaml', { start: '(*', end: '*)' }],
  ['pascal', { start: '//' }],
  ['fortran', { start: '!' }],
  ['fortran-modern', { start: '!' }],
]);

/** The comment syntax for a VS Code language id; `//` for ids we do not know. */
export function lineComment(languageId: string): CommentSyntax {
  return BY_LANGUAGE.get(languageId.toLowerCase()) ?? SLASHES;
}

/** One line of comment text, e.g. `# Path: a.py` or `<!-- Path: a.vue -->`. `text` must not contain a newline. */
export function commentLine(languageId: string, text: string): string {
  const { start, end } = lineComment(languageId);
  if (!end) return text ? `${start} ${text}` : start;
  // A closing marker inside the text would end the comment early: break it up.
  const safe = text.split(end).join(end.split('').join(' '));
  return safe ? `${start} ${safe} ${end}` : `${start} ${end}`;
}

/** `text` with each of its lines commented out (block-comment languages get one comment per line). */
export function commentLines(languageId: string, text: string): string {
  return text
    .split('\n')
    .map((line) => commentLine(languageId, line.endsWith('\r') ? line.slice(0, -1) : line))
    .join('\n');
}
