/**
 * For a notebook cell: the notebook it belongs to and the text of the code cells around it in the same language
 * (core/completion/cellsAbove.ts says how they are read). Nothing for any other document.
 */
import * as vscode from 'vscode';

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
    const above = cells.slice(0, index).filter(code).map((cell) => cell.document.getText());
    const below = cells.slice(index + 1).filter(code).map((cell) => cell.document.getText());
    return { notebook, above, below };
  }
  return undefined;
}
