/**
 * How ghost text goes to the editor: the text, and how many characters after the cursor it replaces.
 *
 * At a cursor inside a line's indentation (`|    return x`, `|}`), VS Code shows no ghost text of several lines
 * inserted there, and accepts none (as found in the real editor): lines that go in above the line. Given as
 * replacing the rest of the line by the lines and the rest of the line again (the same document after Tab), they
 * show, where the first line starts with code after the indentation the two share. VS Code's Tab still indents rather
 * than accepts where what it shows starts with a tab's width of whitespace (lines indented deeper than the line below
 * them, `|}`): there the first Tab indents and the second accepts, as for every provider. One line of text that
 * starts with the indentation that follows goes in after it, for the same reasons.
 */
export interface EditorItem {
  readonly text: string;
  readonly replaceAfter: number;
}

export function editorItem(text: string, linePrefix: string, lineSuffix: string, replaceAfter = 0): EditorItem {
  if (replaceAfter !== 0 || linePrefix.trim() !== '' || lineSuffix === '') return { text, replaceAfter };
  if (text.includes('\n')) return { text: text + lineSuffix, replaceAfter: lineSuffix.length };
  const indentation = /^[ \t]*/.exec(lineSuffix)?.[0] ?? '';
  let shared = 0;
  while (shared < indentation.length && text[shared] === indentation[shared]) shared++;
  return shared === 0 ? { text, replaceAfter } : { text: text + indentation.slice(0, shared), replaceAfter: shared };
}
