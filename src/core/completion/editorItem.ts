/**
 * How ghost text goes to the editor: the text, how many characters after the cursor it replaces, and whether it
 * starts at the end of the line above.
 *
 * At a cursor inside a line's indentation (`|    return x`, `|}`), VS Code shows no ghost text of several lines
 * inserted there, and accepts none (as found in the real editor): lines that go in above the line. Given as
 * replacing the rest of the line by the lines and the rest of the line again (the same document after Tab), they
 * show, where the first line starts with code after the indentation the two share. VS Code's Tab still indents rather
 * than accepts where what it shows starts with a tab's width of whitespace (lines indented deeper than the line below
 * them, `|}`): there the first Tab indents and the second accepts, as for every provider. One line of text that
 * starts with the indentation that follows goes in after it, for the same reasons.
 *
 * At column 0 of an empty line (not the first), VS Code moves an insertion that ends with a line break to the end of
 * the line above ("\n" first, the break last dropped: the same document) and then shows nothing, the cursor not being
 * on that line (its reshapeMultiLineInsertion). Given as replacing the line break before the cursor by that break and
 * the text, it is left where it is, and shows.
 */
export interface EditorItem {
  readonly text: string;
  readonly replaceAfter: number;
  /** The item replaces the line break before the cursor too (from the end of the line above); `text` starts with it. */
  readonly fromLineAbove?: boolean;
}

export function editorItem(text: string, linePrefix: string, lineSuffix: string, replaceAfter = 0, firstLine = false): EditorItem {
  if (replaceAfter !== 0 || linePrefix.trim() !== '') return { text, replaceAfter };
  if (lineSuffix === '') {
    const movedUp = linePrefix === '' && !firstLine && text.endsWith('\n') && !text.startsWith('\n');
    return movedUp ? { text: `\n${text}`, replaceAfter, fromLineAbove: true } : { text, replaceAfter };
  }
  if (text.includes('\n')) return { text: text + lineSuffix, replaceAfter: lineSuffix.length };
  const indentation = /^[ \t]*/.exec(lineSuffix)?.[0] ?? '';
  let shared = 0;
  while (shared < indentation.length && text[shared] === indentation[shared]) shared++;
  return shared === 0 ? { text, replaceAfter } : { text: text + indentation.slice(0, shared), replaceAfter: shared };
}
