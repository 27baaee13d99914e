/**
 * A notebook cell is its own document, and alone it knows neither the imports nor the variables of the cells above
 * it, nor the code below that it must not write again. It is completed as part of one file: the code cells above it
 * (the nearest first, up to a number of lines), each followed by a blank line, then the cell, then the code cells
 * below it, each after a blank line. This module writes those lines and puts them around the cell's.
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

/** The lines of `cells` (the code cells below, top to bottom), each after a blank line; the first `maxLines`. */
export function linesOfCellsBelow(cells: readonly string[], maxLines = MAX_LINES_ABOVE_CELL): string[] {
  const out: string[] = [];
  for (const cell of cells) {
    if (out.length >= maxLines) break;
    const lines = cell.replace(/\r\n?/g, '\n').split('\n');
    while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
    if (lines.length > 0) out.push('', ...lines);
  }
  return out.slice(0, maxLines);
}

/** `cell` read with `above` before it and `below` after it: its line `n` is line `above.length + n`. */
export function withLinesAbove(above: readonly string[], cell: LineSource, below: readonly string[] = []): LineSource {
  if (above.length === 0 && below.length === 0) return cell;
  const end = above.length + cell.lineCount;
  return {
    lineCount: end + below.length,
    lineAt: (line) => (line < above.length ? above[line] : line < end ? cell.lineAt(line - above.length) : below[line - end]),
  };
}

/** Characters the lines above add before the cell's start, line breaks counted as one. */
export function charsAbove(above: readonly string[]): number {
  let chars = 0;
  for (const line of above) chars += line.length + 1;
  return chars;
}
