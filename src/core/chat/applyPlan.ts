/**
 * Where a code block from the chat goes when the user applies it to a file: which lines of the document it replaces,
 * decided from the document and the block alone (no second model call), in this order:
 * - the whole file, when the block is the file again (it starts as the file starts and is most of its length);
 * - the selection the question was asked about, when it was in this document (Fix, Explain, /tests on a selection);
 * - the definition the block rewrites: its first line of code (a `def`, `function`, `class`, method, …) matches one
 *   line of the document by its kind and name, and the block replaces that definition to its end (indentation, or
 *   the line that closes it), decorators and all;
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
 * The definition that starts at `start`: its body below (deeper lines, then its closing line), and its decorators
 * above when the block brings its own.
 */
function definitionSpan(doc: readonly string[], start: number, decorated: boolean): LineSpan {
  const indent = indentOf(doc[start]);
  let first = start;
  while (decorated && first > 0 && DECORATOR.test(doc[first - 1]) && indentOf(doc[first - 1]) === indent) first--;
  let end = start;
  for (let i = start + 1; i < doc.length; i++) {
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
  const head = code.findIndex((line) => line.trim() !== '' && !DECORATOR.test(line) && !/^\s*(\/\/|#|\/\*|\*)/.test(line));
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
  const match = matchingDefinition(doc, lines);
  if (match) {
    // The block's own decorators (and comments) replace the document's; its first line of code lands on the
    // definition's line.
    const above = lines.slice(0, match.head);
    const span = definitionSpan(doc, match.line, above.some((line) => DECORATOR.test(line)));
    const indent = leadingSpace(doc[match.line]);
    const moved = reindent(lines.slice(match.head), indent);
    return { place: 'definition', lines: span, text: [...above.map((line) => indent + line.trimStart()), moved].join('\n') };
  }
  return { place: 'cursor', lines: hints.cursor, text: lines.join('\n') };
}
