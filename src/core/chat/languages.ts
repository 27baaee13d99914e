/**
 * VS Code language ids and the tags of Markdown code fences, both ways: attachments are fenced with a tag the
 * model and highlighters know (`typescriptreact` → `tsx`), and a code block opened as a new file gets the
 * language its tag names (`py` → `python`).
 */

/** VS Code language ids that Markdown highlighters know by another name. */
const FENCE_FOR_LANGUAGE: Readonly<Record<string, string>> = {
  typescriptreact: 'tsx',
  javascriptreact: 'jsx',
  shellscript: 'bash',
  plaintext: 'text',
  'objective-c': 'objectivec',
};

export function fenceLanguage(languageId: string): string {
  return FENCE_FOR_LANGUAGE[languageId] ?? languageId.replace(/[^\w+#.-]/g, '');
}

/** Fence tags that are not VS Code language ids, and the id they mean. */
const LANGUAGE_FOR_FENCE: Readonly<Record<string, string>> = {
  ts: 'typescript',
  tsx: 'typescriptreact',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  node: 'javascript',
  jsx: 'javascriptreact',
  py: 'python',
  python3: 'python',
  rb: 'ruby',
  rs: 'rust',
  golang: 'go',
  kt: 'kotlin',
  kts: 'kotlin',
  cs: 'csharp',
  'c#': 'csharp',
  'c++': 'cpp',
  cc: 'cpp',
  hpp: 'cpp',
  h: 'c',
  objc: 'objective-c',
  objectivec: 'objective-c',
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  shell: 'shellscript',
  console: 'shellscript',
  ps1: 'powershell',
  pwsh: 'powershell',
  yml: 'yaml',
  md: 'markdown',
  text: 'plaintext',
  txt: 'plaintext',
  plain: 'plaintext',
  docker: 'dockerfile',
  tf: 'terraform',
  hcl: 'terraform',
  proto: 'proto3',
  jsonc: 'jsonc',
  json5: 'json',
  htm: 'html',
  xhtml: 'html',
  svg: 'xml',
  vue: 'vue',
  kotlin: 'kotlin',
};

/**
 * The VS Code language id a fence tag names, among `known` ids (what `vscode.languages.getLanguages()` gives);
 * `plaintext` when the tag is empty or names no known language.
 */
export function languageForFence(tag: string, known: readonly string[]): string {
  const clean = tag.trim().toLowerCase();
  if (!clean) return 'plaintext';
  const ids = new Set(known);
  if (ids.has(clean)) return clean;
  const mapped = LANGUAGE_FOR_FENCE[clean];
  return mapped && ids.has(mapped) ? mapped : 'plaintext';
}
