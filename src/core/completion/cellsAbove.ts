/**
 * A notebook cell is its own document, and alone it knows neither the imports nor the variables of the cells above
 * it. It is completed as the end of one file: the code cells above it (the nearest first, up to a number of lines),
 * each followed by a blank line, then the cell. This module writes those lines and puts them before the cell's.
 */
import { LineSource } from './window';

/** Most lines read from the cells above: more than any prompt window takes. */
export const MAX_LINES_ABOVE_CELL = 1000;

/** The lines of `cells` (the code cells above, top to bottom), each followed by a blank line; the last `maxLines`. */
export function linesOfCellsAbove(cells: readonly string[], maxLines = MAX_LINES_ABOVE_CELL): string[] {
  const out: string[] = [];
  for (let i = cells.length - 1; i >= 0 && out.length < maxLines; i--) {
    const lines = cells[i].replace(/\r\n?/g, '\n').split('\n');
    while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
    if (lines.length > 0) out.unshift(...lines, '');
  }
  return out.length > maxLines ? out.slice(out.length - maxLines) : out;
}

/** `cell` read with `above` before it: its line `n` is line `above.length + n`. */
export function withLinesAbove(above: readonly string[], cell: LineSource): LineSource {
  if (above.length === 0) return cell;
  return { lineCount: above.length + cell.lineCount, lineAt: (line) => (line < above.length ? above[line] : cell.lineAt(line - above.length)) };
}

/** Characters the lines above add before the cell's start, line breaks counted as one. */
export function charsAbove(above: readonly string[]): number {
  let chars = 0;
  for (const line of above) chars += line.length + 1;
  return chars;
}
