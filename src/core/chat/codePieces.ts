/**
 * A long code block cut into pieces that can be highlighted one at a time, so that highlighting a 1,500-line block
 * never blocks the chat view for long (it took 230–580 ms in one go on a loaded machine). Pieces end, where
 * possible, before a line that starts at column 0 after a blank line (a new top-level statement: the highlighter's
 * state, such as an open string or comment, is then almost always reset); else at `maxLines`.
 * Joined, the pieces are exactly the code.
 */
export const DEFAULT_PIECE_LINES = 120;

export function codePieces(code: string, targetLines = DEFAULT_PIECE_LINES, maxLines = targetLines * 2): string[] {
  const lines = code.split('\n');
  if (lines.length <= maxLines) return [code];
  const pieces: string[] = [];
  let start = 0;
  while (start < lines.length) {
    let end = Math.min(lines.length, start + maxLines);
    if (end < lines.length) {
      // The first top-level line after a blank line, at or after the target size.
      for (let i = start + targetLines; i < end; i++) {
        if (lines[i - 1].trim() === '' && /^\S/.test(lines[i])) {
          end = i;
          break;
        }
      }
    }
    const piece = lines.slice(start, end).join('\n');
    pieces.push(end < lines.length ? `${piece}\n` : piece);
    start = end;
  }
  return pieces;
}
