/**
 * Text cut to a length in UTF-16 code units, never in the middle of a character: an emoji or a rare CJK character
 * is two units, and a cut between them leaves a lone surrogate that is not valid text (servers may refuse the JSON
 * carrying it, and it shows as �).
 */
export function headOfWhole(text: string, length: number): string {
  if (length >= text.length) return text;
  if (length <= 0) return '';
  const last = text.charCodeAt(length - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? length - 1 : length);
}

/**
 * The head of `text` in at most `maxChars` characters, ending at a line boundary where that keeps most of it (an
 * attachment cut to fit: the chat's prompt, a chip's file or selection).
 */
export function headAtLine(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const head = headOfWhole(text, maxChars);
  const newline = head.lastIndexOf('\n');
  return newline >= maxChars / 2 ? head.slice(0, newline + 1) : head;
}
