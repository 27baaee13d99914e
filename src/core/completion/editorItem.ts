/**
 * How ghost text goes to the editor: the text, and how many characters after the cursor it replaces.
 *
 * At a cursor inside a line's indentation (`|    return x`), VS Code does not show ghost text that starts with the
 * indentation that follows, and its Tab indents rather than accepts ghost text that starts with a tab's width of
 * whitespace there (its context key `inlineSuggestionHasIndentationLessThanTabSize`). Lines inserted above the line
 * from column 0 start just so. Replacing the whitespace after the cursor that the text starts with by the text and
 * that whitespace again leaves the same document after Tab, but the editor sees the text go in after it, where it
 * starts with code (or with less whitespace, where the text is indented deeper than the line).
 */
export interface EditorItem {
  readonly text: string;
  readonly replaceAfter: number;
}

export function editorItem(text: string, linePrefix: string, lineSuffix: string, replaceAfter = 0): EditorItem {
  if (replaceAfter !== 0 || linePrefix.trim() !== '') return { text, replaceAfter };
  const indentation = /^[ \t]*/.exec(lineSuffix)?.[0] ?? '';
  let shared = 0;
  while (shared < indentation.length && text[shared] === indentation[shared]) shared++;
  return shared === 0 ? { text, replaceAfter } : { text: text + indentation.slice(0, shared), replaceAfter: shared };
}
