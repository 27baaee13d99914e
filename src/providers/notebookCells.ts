/**
 * For a notebook cell: the notebook it belongs to and the text of the code cells around it in the same language
 * (core/completion/cellsAbove.ts says how they are read). Nothing for any other document.
 */
import * as vscode from 'vscode';
import { MAX_LINES_ABOVE_CELL } from '../core/completion/cellsAbove';

export interface CellPlace {
  readonly notebook: vscode.NotebookDocument;
  /** The code cells above and below, top to bottom. */
  readonly above: readonly string[];
  readonly below: readonly string[];
}

export function cellPlace(document: vscode.TextDocument): CellPlace | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  for (const notebook of vscode.workspace.notebookDocuments) {
    if (notebook.uri.path !== document.uri.path) continue;
    const cells = notebook.getCells();
    const index = cells.findIndex((cell) => cell.document === document);
    if (index === -1) continue;
    const code = (cell: vscode.NotebookCell): boolean => cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === document.languageId;
    // Nearest first, as far as the lines read take (this runs at every keystroke in a cell: a notebook of hundreds
    // of cells is not copied whole each time).
    const nearest = (from: readonly vscode.NotebookCell[]): string[] => {
      const texts: string[] = [];
      for (let i = 0, lines = 0; i < from.length && lines < MAX_LINES_ABOVE_CELL; i++) {
        if (!code(from[i])) continue;
        texts.push(from[i].document.getText());
        lines += from[i].document.lineCount + 1;
      }
      return texts;
    };
    const above = nearest(cells.slice(0, index).reverse()).reverse();
    const below = nearest(cells.slice(index + 1));
    return { notebook, above, below };
  }
  return undefined;
}
