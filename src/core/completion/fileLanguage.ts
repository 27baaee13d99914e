/**
 * The language a document's completions go by. VS Code calls a file `plaintext` both when it is text (notes, a
 * README, a log) and when it is code in a language no installed extension knows: Kotlin, Scala, CMake, TOML, Vue,
 * Terraform and many more have no grammar in VS Code itself. Such a file is code, named by its extension: the
 * per-language switch (`fireworks.completions.languages`, whose default turns `plaintext` off) reads it under that
 * name or `"*"`, and the prompt writes its comment lines in that language's syntax.
 */
import * as path from 'node:path';

/** Extensions of text that is not code: with one of these, or none, a `plaintext` file stays `plaintext`. */
const TEXT_EXTENSIONS = new Set(['', '.txt', '.text', '.log', '.out', '.csv', '.tsv', '.rst', '.adoc', '.org']);

/** File names that say the language where the extension does not. */
const BY_NAME: ReadonlyMap<string, string> = new Map([['cmakelists.txt', 'cmake']]);

/** Languages VS Code has no grammar for of its own, by extension, with the ids their usual extensions give them. */
const BY_EXTENSION: ReadonlyMap<string, string> = new Map([
  ['.kt', 'kotlin'], ['.kts', 'kotlin'], ['.scala', 'scala'], ['.sc', 'scala'], ['.hs', 'haskell'], ['.lhs', 'haskell'],
  ['.ex', 'elixir'], ['.exs', 'elixir'], ['.erl', 'erlang'], ['.hrl', 'erlang'], ['.cmake', 'cmake'], ['.toml', 'toml'],
  ['.tf', 'terraform'], ['.tfvars', 'terraform'], ['.hcl', 'hcl'], ['.proto', 'proto3'], ['.graphql', 'graphql'],
  ['.gql', 'graphql'], ['.vue', 'vue'], ['.svelte', 'svelte'], ['.astro', 'astro'], ['.zig', 'zig'], ['.nim', 'nim'],
  ['.sol', 'solidity'], ['.elm', 'elm'], ['.ml', 'ocaml'], ['.mli', 'ocaml'], ['.tcl', 'tcl'], ['.sv', 'systemverilog'],
  ['.vhd', 'vhdl'], ['.vhdl', 'vhdl'], ['.gd', 'gdscript'], ['.prisma', 'prisma'], ['.nix', 'nix'], ['.cr', 'crystal'],
  ['.gleam', 'gleam'], ['.odin', 'odin'], ['.v', 'v'], ['.vala', 'vala'], ['.mojo', 'mojo'], ['.cairo', 'cairo'],
  ['.move', 'move'], ['.wgsl', 'wgsl'], ['.glsl', 'glsl'], ['.frag', 'glsl'], ['.vert', 'glsl'], ['.cu', 'cuda-cpp'],
  ['.purs', 'purescript'], ['.rkt', 'racket'], ['.scm', 'scheme'], ['.lisp', 'commonlisp'], ['.el', 'emacs-lisp'],
  ['.fnl', 'fennel'], ['.asm', 'asm'], ['.nasm', 'nasm'], ['.f90', 'fortran-modern'], ['.f', 'fortran'],
  ['.pas', 'pascal'], ['.ada', 'ada'], ['.adb', 'ada'], ['.ads', 'ada'], ['.awk', 'awk'], ['.fish', 'fish'],
  ['.zsh', 'zsh'], ['.bzl', 'starlark'], ['.star', 'starlark'], ['.jsonnet', 'jsonnet'], ['.qml', 'qml'],
  ['.haxe', 'haxe'], ['.hx', 'haxe'], ['.d', 'd'], ['.pp', 'puppet'], ['.sas', 'sas'], ['.vim', 'viml'],
  ['.prolog', 'prolog'], ['.idr', 'idris'], ['.agda', 'agda'], ['.typ', 'typst'], ['.styl', 'stylus'],
  ['.sass', 'sass'], ['.pcss', 'postcss'], ['.mdx', 'mdx'], ['.j2', 'jinja'], ['.jinja', 'jinja'],
]);

/**
 * `languageId` as VS Code gives it, except for a `plaintext` file with a code extension: the language that
 * extension names (`kotlin` for `.kt`), or, for one this does not know, the extension itself without its dot
 * (`.foo` is `foo`, under `"*"`). `fileName` is undefined for an untitled document (text until VS Code says otherwise).
 */
export function completionLanguage(languageId: string, fileName: string | undefined): string {
  if (languageId !== 'plaintext' || fileName === undefined) return languageId;
  const base = path.posix.basename(fileName.replace(/\\/g, '/')).toLowerCase();
  const named = BY_NAME.get(base);
  if (named) return named;
  const extension = path.posix.extname(base);
  if (TEXT_EXTENSIONS.has(extension)) return 'plaintext';
  return BY_EXTENSION.get(extension) ?? extension.slice(1);
}
