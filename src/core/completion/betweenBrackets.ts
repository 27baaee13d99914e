/**
 * Between brackets the editor just auto-closed (`function add(a, b) {|}`, `if (x) {|}`, `emit('x', {|});`,
 * `items = [|]`): a block's body is wanted on lines of its own, with the closer going down below it, as Copilot's
 * users know it from typing a function's header; an object, a list or arguments may take one line or several. An
 * answer that starts a new line is read as if the closer already stood on the line below the cursor (the code the
 * model writes again when it ends the body), and the ghost text ends with the line break and indentation that put the
 * closer back on a line of its own; one that goes on on the cursor's line is one line.
 */
import { EditContext, indentOf } from './editContext';

/** The end of a line that opens a statement block with `{`: after `)` (with a return type), `=>`, a keyword, a declaration. */
const BLOCK_BRACE = new RegExp(
  [
    /\)\s*(?::\s*[^{};=]+)?\{$/.source,
    /(?:=>|\belse|\btry|\bfinally|\bdo)\s*\{$/.source,
    /^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:class|interface|enum|namespace|module|function)\b.*\{$/.source,
  ].join('|'),
);

/** Only the block's closing brace after the cursor, possibly closing a call around it: `}`, `})`, `});`. */
const CLOSING_BRACE_ONLY = /^\}[)\]]*[;,]?$/;

/** The cursor stands between a block's opening brace and the closing one the editor put right after it. */
export function betweenBlockBraces(linePrefix: string, lineSuffix: string): boolean {
  return CLOSING_BRACE_ONLY.test(lineSuffix.trim()) && BLOCK_BRACE.test(linePrefix.trimEnd());
}

const MATCHING: Readonly<Record<string, string>> = { '{': '}', '[': ']', '(': ')' };

/**
 * The cursor stands right after an opening bracket and before its closer (`f() {|}`, `emit('x', {|});`,
 * `items = [|]`, `call(|)`, `if (x) {|} else {`, `import {|} from './x';`), or between an element's tags
 * (`<ul>|</ul>`): what goes between may be one line or several, the closer and the rest of the line then going down
 * below them.
 */
export function betweenBrackets(linePrefix: string, lineSuffix: string): boolean {
  const opener = linePrefix.trimEnd().slice(-1);
  return (MATCHING[opener] !== undefined && MATCHING[opener] === lineSuffix.trimStart()[0]) || betweenTags(linePrefix, lineSuffix);
}

/** An element's opening tag at the end of the text before the cursor: its name. */
const OPENING_TAG = /<([A-Za-z][\w:.-]*)(?:\s[^<>]*)?>\s*$/;

/** Between an element's tags the editor closed (`<ul>|</ul>`, `<div class="x">|</div>`): its content. */
function betweenTags(linePrefix: string, lineSuffix: string): boolean {
  const name = OPENING_TAG.exec(linePrefix)?.[1];
  return name !== undefined && !linePrefix.trimEnd().endsWith('/>') && lineSuffix.trimStart().startsWith(`</${name}>`);
}

/**
 * The indentation the closer gets on a line of its own: that of the answer's closing line where it has written it
 * (a line that is the closer, no deeper than the cursor's line: files that mix tabs and spaces, or a header over
 * several lines, indent it their own way), else the cursor line's.
 */
export function closerIndent(text: string, ctx: Pick<EditContext, 'linePrefix' | 'lineSuffix'>): string {
  const closer = ctx.lineSuffix.trim();
  const lines = text.split('\n');
  for (let i = 1; i < lines.length - 1; i++) {
    if (lines[i].trim() === closer && indentOf(lines[i]) <= indentOf(ctx.linePrefix)) return /^[ \t]*/.exec(lines[i])?.[0] ?? '';
  }
  return /^[ \t]*/.exec(ctx.linePrefix)?.[0] ?? '';
}

/**
 * The place as if the closer stood on the line below the cursor, at `indent`: the end of a line that opens a block,
 * whose body the multi-line rules cut where the answer runs into that closer.
 */
export function withCloserBelow(ctx: EditContext, indent: string): EditContext {
  const after = ctx.suffix.slice(ctx.lineSuffix.length);
  return { ...ctx, lineSuffix: '', suffix: `\n${indent}${ctx.lineSuffix.trim()}${after}`, mode: 'multi' };
}

/** The body shown for the closer-below place, as ghost text here: then the line break and indentation of the closer. */
export function bodyBeforeCloser(body: string, indent: string): string {
  return body.trim() === '' ? '' : `${body}\n${indent}`;
}
