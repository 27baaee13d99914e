/**
 * Where a code block from the chat goes when the user applies it to a file: which lines of the document it replaces,
 * decided from the document and the block alone (no second model call), in this order:
 * - the whole file, when the block is the file again (it starts as the file starts and is most of its length);
 * - the selection the question was asked about, when it was in this document (Fix, Explain, /tests on a selection);
 * - the definition the block rewrites: its first line of code (a `def`, `function`, `class`, method, …) matches one
 *   line of the document by its kind and name, and the block replaces that definition to its end (its signature,
 *   however many lines it takes, then its body by indentation, and the line that closes it), decorators and all;
 *   import lines the block starts with, when the file has them already, are left out and anchor nothing;
 * - otherwise the cursor's place (the selection, or an insertion at the cursor).
 * The text is re-indented to where it goes. Pure: the VS Code side only turns the plan into an edit to review.
 */
import { indentOf } from '../completion/editContext';

/** 0-based lines, `end` inclusive; `end === start - 1` is an insertion before line `start`. */
export interface LineSpan {
  readonly start: number;
  readonly end: number;
}

export type ApplyPlace = 'file' | 'selection' | 'definition' | 'cursor';

export interface ApplyPlan {
  readonly place: ApplyPlace;
  readonly lines: LineSpan;
  /** The lines that replace `lines`, joined with `\n`, without a final line break. */
  readonly text: string;
}

export interface ApplyHints {
  /** The selection the question carried, when it was in this document. */
  readonly selection?: LineSpan;
  /** Where the user is: their selection's lines, or the cursor's line as an empty span (insertion). */
  readonly cursor: LineSpan;
}

/** A block at least this share of the file's length, starting as it does, is the whole file again. */
const WHOLE_FILE_SHARE = 0.6;
/** …or, ending otherwise, at least this share. */
const NEARLY_ALL = 0.9;

/** The kind and name a definition line declares: `def area`, `function load`, `class Shape`, a method `area(`. */
const DEFINITION =
  /^\s*(?:(?:export|default|public|private|protected|internal|static|async|abstract|override|final|pub(?:\([^)]*\))?|unsafe|extern|inline|virtual|const|readonly)\s+)*(def|function\*?|class|interface|enum|struct|trait|impl|fn|func|type|module|namespace|const|let|var)\s+([A-Za-z_$][\w$]*)/;
/** A method or a C-like function: modifiers and a type, a name, its parameters on the line, an opening brace. */
const METHOD = /^\s*(?:[\w$<>[\],.?*&]+\s+)*?([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\(.*\)[^;{=]*\{\s*$/;
/** A Go method: `func (s *Server) Start(ctx context.Context) error {`. */
const GO_METHOD = /^\s*func\s+\([^)]*\)\s*([A-Za-z_][\w]*)/;
const DECORATOR = /^\s*@/;
const COMMENT = /^\s*(\/\/|#(?!\s*include\b)|\/\*|\*)/;
/** A line that only brings in another module: `import`, `from x import y`, `using X;`, `#include`, `use a::b;`. */
const IMPORT =
  /^\s*(?:import\b|from\s+[\w.]+\s+import\b|using\s+(?:static\s+)?[\w.]+(?:\s*=\s*[\w.]+)?\s*;|#\s*include\b|use\s+[\w\\:{}, *]+;|require(?:_relative)?\b|(?:const|let|var)\s+[^=]+=\s*require\()/;
const CLOSER = /^\s*[)\]}]/;
const END_KEYWORD = /^\s*end\b/;

function signatureOf(line: string): string | undefined {
  const goMethod = GO_METHOD.exec(line);
  if (goMethod) return `func ${goMethod[1]}`;
  const definition = DEFINITION.exec(line);
  if (definition) return `${definition[1].replace('*', '')} ${definition[2]}`;
  const method = METHOD.exec(line);
  if (method && !/^(if|for|while|switch|catch|return|else|elif|with|match|print|func)$/.test(method[1])) return `call ${method[1]}`;
  return undefined;
}

/** The code's lines without the blank lines around them, each with its first line's indentation removed. */
function codeLines(code: string): string[] {
  const lines = code.replace(/\r\n/g, '\n').split('\n');
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  return lines;
}

/** `lines` moved so that the first one's indentation becomes `indent` (a line less indented keeps what it has). */
function reindent(lines: readonly string[], indent: string): string {
  const base = /^[ \t]*/.exec(lines[0] ?? '')?.[0] ?? '';
  return lines
    .map((line) => (line.trim() === '' ? '' : line.startsWith(base) ? indent + line.slice(base.length) : line))
    .join('\n');
}

const leadingSpace = (line: string): string => /^[ \t]*/.exec(line)?.[0] ?? '';

/**
 * How many parentheses and square brackets (and braces, when asked) a line leaves open, its strings and line
 * comment left out.
 */
function bracketsLeftOpen(line: string, braces = false): number {
  const code = line.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""').replace(/(^|\s)(\/\/|#).*$/, '');
  let open = 0;
  for (const ch of code) {
    if (ch === '(' || ch === '[' || (braces && ch === '{')) open++;
    else if (ch === ')' || ch === ']' || (braces && ch === '}')) open--;
  }
  return open;
}

/**
 * The last line of the signature that starts at `start`: the line that closes the brackets its first line opens
 * (Prettier's `): Result {`, Black's `) -> int:`). A signature that never closes is its first line alone.
 */
function signatureEnd(doc: readonly string[], start: number): number {
  let open = bracketsLeftOpen(doc[start]);
  for (let i = start + 1; open > 0 && i < doc.length; i++) {
    open += bracketsLeftOpen(doc[i]);
    if (open <= 0) return i;
  }
  return start;
}

/**
 * The definition that starts at `start`: its signature, its body below (deeper lines, then its closing line), and
 * its decorators above when the block brings its own.
 */
function definitionSpan(doc: readonly string[], start: number, decorated: boolean): LineSpan {
  const indent = indentOf(doc[start]);
  let first = start;
  while (decorated && first > 0 && DECORATOR.test(doc[first - 1]) && indentOf(doc[first - 1]) === indent) first--;
  let end = signatureEnd(doc, start);
  // A brace on a line of its own (C#, Allman style) opens the body, at the definition's indentation.
  const next = doc.findIndex((line, i) => i > end && line.trim() !== '');
  if (next > end && doc[next].trim() === '{' && indentOf(doc[next]) === indent) end = next;
  for (let i = end + 1; i < doc.length; i++) {
    const line = doc[i];
    if (line.trim() === '') continue;
    const depth = indentOf(line);
    if (depth > indent) {
      end = i;
      continue;
    }
    if (depth === indent && (CLOSER.test(line) || END_KEYWORD.test(line))) end = i;
    break;
  }
  return { start: first, end };
}

/** The document line the block's definition rewrites: the one line declaring the same kind and name. */
function matchingDefinition(doc: readonly string[], code: readonly string[]): { line: number; head: number } | undefined {
  const head = code.findIndex((line) => line.trim() !== '' && !DECORATOR.test(line) && !COMMENT.test(line));
  if (head === -1) return undefined;
  const exact = doc.flatMap((line, i) => (line.trim() === code[head].trim() ? [i] : []));
  if (exact.length === 1) return { line: exact[0], head };
  const signature = signatureOf(code[head]);
  if (!signature) return undefined;
  const same = doc.flatMap((line, i) => (signatureOf(line) === signature ? [i] : []));
  return same.length === 1 ? { line: same[0], head } : undefined;
}

/** The block is the file again: it starts as the file does, and ends as it does or is nearly all of its length. */
function isWholeFile(doc: readonly string[], code: readonly string[]): boolean {
  const docCode = doc.filter((line) => line.trim() !== '');
  const blockCode = code.filter((line) => line.trim() !== '');
  if (docCode.length === 0 || docCode[0].trim() !== blockCode[0].trim() || blockCode.length < WHOLE_FILE_SHARE * docCode.length) return false;
  return docCode[docCode.length - 1].trim() === blockCode[blockCode.length - 1].trim() || blockCode.length >= NEARLY_ALL * docCode.length;
}

export function planApply(doc: readonly string[], code: string, hints: ApplyHints): ApplyPlan {
  const lines = codeLines(code);
  if (lines.length === 0) return { place: 'cursor', lines: hints.cursor, text: '' };
  if (isWholeFile(doc, lines)) {
    const end = doc.length > 0 && doc[doc.length - 1] === '' ? doc.length - 2 : doc.length - 1;
    return { place: 'file', lines: { start: 0, end }, text: lines.join('\n') };
  }
  if (hints.selection) {
    const indent = leadingSpace(doc[hints.selection.start] ?? '');
    return { place: 'selection', lines: hints.selection, text: reindent(lines, indent) };
  }
  const definition = definitionPlan(doc, lines);
  return definition ?? { place: 'cursor', lines: hints.cursor, text: lines.join('\n') };
}

/**
 * The import lines a block starts with (an import over several lines whole), and where the code after them starts:
 * that code is what the block is about. None when the block does not start with imports, or is only imports.
 */
function leadingImports(code: readonly string[]): { readonly imports: readonly string[]; readonly rest: number } {
  const imports: string[] = [];
  let rest = 0;
  for (let i = 0; i < code.length; i++) {
    const line = code[i];
    if (line.trim() === '' || COMMENT.test(line)) continue;
    // The comments between the imports and the code are the code's (its doc comment).
    if (!IMPORT.test(line)) return imports.length ? { imports, rest } : { imports: [], rest: 0 };
    imports.push(line);
    for (let open = bracketsLeftOpen(line, true); open > 0 && i + 1 < code.length; ) {
      i++;
      imports.push(code[i]);
      open += bracketsLeftOpen(code[i], true);
    }
    rest = i + 1;
  }
  return { imports: [], rest: 0 };
}

/** The block in place of the definition it rewrites, if it rewrites one. */
function definitionPlan(doc: readonly string[], block: readonly string[]): ApplyPlan | undefined {
  // Imports the file has already stay where they are (one of them matched alone would take the whole block); an
  // import it lacks has no place beside the definition, so the block does not go there.
  const { imports, rest } = leadingImports(block);
  if (!imports.every((line) => line.trim() === '' || doc.some((d) => d.trim() === line.trim()))) return undefined;
  const lines = codeLines(block.slice(rest).join('\n'));
  const match = matchingDefinition(doc, lines);
  if (!match) return undefined;
  // The block's own decorators (and comments) replace the document's; its first line of code lands on the
  // definition's line.
  const above = lines.slice(0, match.head);
  const span = definitionSpan(doc, match.line, above.some((line) => DECORATOR.test(line)));
  const indent = leadingSpace(doc[match.line]);
  const moved = reindent(lines.slice(match.head), indent);
  return { place: 'definition', lines: span, text: [...above.map((line) => indent + line.trimStart()), moved].join('\n') };
}
