/**
 * Thin adapter: VS Code's document, position and cancellation in; the pipeline; VS Code inline items out.
 * A cancelled token (the user typed on) aborts the debounce or the HTTP request, and its answer is never shown.
 */
import * as vscode from 'vscode';
import { ApiError } from '../core/api/errors';
import { charsAbove, linesOfCellsAbove, linesOfCellsBelow, withLinesAbove } from '../core/completion/cellsAbove';
import { editorItem } from '../core/completion/editorItem';
import { KeystrokeClock } from '../core/completion/keystrokeAge';
import { CompletionPipeline } from '../core/completion/pipeline';
import { LineSource } from '../core/completion/window';
import { documentLanguage } from '../documentLanguage';
import { workspacePath } from '../workspacePath';
import { EditTimes } from './editTimes';
import { cellPlace } from './notebookCells';

export interface ProviderGate {
  /** Completions on for this document, and a key to send: otherwise no request is made. */
  canRequest(document: vscode.TextDocument): boolean;
  onError(error: ApiError): void;
  /** A bug of ours: logged, never thrown into VS Code. */
  onUnexpected(error: unknown): void;
  /** Ghost text handed to the editor (for the local statistics). */
  onShown(reused: boolean, typedAhead: number): void;
}

/** Runs when the user accepts one of our items (Tab): counted in the local statistics. */
export const ACCEPTED_COMMAND = 'fireworks.completionAccepted';

/**
 * When the editor issued this request, on its clock: VS Code passes it in the context (not yet in the typed API).
 * `fireworks.completions.debounceMs` is the whole pause from the keystroke (keystrokeAge.ts).
 */
function sinceRequestIssued(context: vscode.InlineCompletionContext): number | undefined {
  const issued = (context as { readonly requestIssuedDateTime?: unknown }).requestIssuedDateTime;
  return typeof issued === 'number' ? Date.now() - issued : undefined;
}

/**
 * The cursor's offset counting a line break as one character, as the prompt's window does (the cache compares the
 * two): in a CRLF document VS Code's offsetAt counts two.
 */
function lfOffset(document: vscode.TextDocument, position: vscode.Position): number {
  return document.offsetAt(position) - (document.eol === vscode.EndOfLine.CRLF ? position.line : 0);
}

function lineSource(document: vscode.TextDocument): LineSource {
  return { lineCount: document.lineCount, lineAt: (line) => document.lineAt(line).text };
}

/** Where our last ghost text was handed to the editor, its text as the pipeline gave it, and other answers asked for there. */
interface ShownPlace {
  readonly uri: string;
  readonly version: number;
  readonly position: vscode.Position;
  readonly text: string;
  /** Characters after the cursor its item replaces (a closer the editor added after the ghost text was shown). */
  readonly replaceAfter?: number;
  /** Asked for once, for the place rather than for one of VS Code's requests; aborted when the place is left. */
  alternatives?: { readonly texts: Promise<string[]>; readonly controller: AbortController };
}

export class FireworksInlineCompletionProvider implements vscode.InlineCompletionItemProvider {
  private shown: ShownPlace | undefined;

  /** How long ago the keystroke behind a call was (two clocks, checked against each other over the session). */
  private readonly keystrokes = new KeystrokeClock();

  constructor(
    private readonly pipeline: CompletionPipeline,
    private readonly gate: ProviderGate,
    private readonly editTimes?: EditTimes,
  ) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    if (!this.gate.canRequest(document) || token.isCancellationRequested) return undefined;
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const manual = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
      // A notebook cell is read as part of one file, the code cells around it, named by the notebook's path.
      const cell = cellPlace(document);
      const above = cell ? linesOfCellsAbove(cell.above) : [];
      const below = cell ? linesOfCellsBelow(cell.below) : [];
      const input = {
        document: withLinesAbove(above, lineSource(document), below),
        position: { line: above.length + position.line, character: position.character },
        manual,
        alreadyWaitedMs: this.keystrokes.age(this.editTimes?.sinceLastEdit(document), sinceRequestIssued(context)),
        keystrokes: this.editTimes?.takeEdits(document),
        documentKey: document.uri.toString(),
        offset: charsAbove(above) + lfOffset(document, position),
        languageId: documentLanguage(document),
        filePath: cell ? workspacePath(cell.notebook.uri) : document.isUntitled ? undefined : workspacePath(document.uri),
      };
      // Asked explicitly where our ghost text is on screen (Show Next Inline Suggestion, Alt+], or the ghost text's
      // hover, which VS Code fills by asking explicitly): other answers too, asked for once per place.
      let shown = this.shown;
      let atShown = shown !== undefined && shown.uri === input.documentKey && shown.version === document.version && shown.position.isEqual(position);
      if (!atShown) this.leaveShownPlace();
      // Asked within VS Code's 50 ms of a key typed into the ghost text, before it asked for the new place: what is on
      // screen is that ghost text's rest, and the user wants the others for it, not one new answer.
      const onScreen = manual && !atShown ? this.pipeline.onScreen(input) : undefined;
      if (onScreen) {
        shown = { uri: input.documentKey, version: document.version, position, text: onScreen.text, replaceAfter: onScreen.replaceAfter };
        this.shown = shown;
        atShown = true;
      }
      if (manual && shown && atShown) {
        if (!shown.alternatives) {
          const own = new AbortController();
          shown.alternatives = { controller: own, texts: this.pipeline.alternatives(input, shown.text, own.signal) };
        }
        const texts = await shown.alternatives.texts;
        if (token.isCancellationRequested) return undefined;
        // The one on screen keeps replacing what it replaced; the others were shaped for the place as it is now, so
        // one of them may make the same document (`x)` over the editor's `)`, and `x` before it): offered once.
        const items = texts.map((text) => this.item(document, position, text, text === shown.text ? shown.replaceAfter : undefined));
        const line = document.lineAt(position.line).text;
        const results = items.map((item) => `${item.range?.start.line}:${item.range?.start.character}\u0000${String(item.insertText)}${line.slice(item.range?.end.character ?? position.character)}`);
        return items.filter((_item, i) => results.indexOf(results[i]) === i);
      }
      const result = await this.pipeline.run(input, controller.signal);
      if (token.isCancellationRequested) return undefined;
      if (result.kind === 'error') this.gate.onError(result.error);
      if (result.kind !== 'shown') return undefined;
      this.gate.onShown(result.reused ?? false, result.typedAhead ?? 0);
      if (!(atShown && shown?.text === result.text)) {
        this.leaveShownPlace();
        this.shown = { uri: input.documentKey, version: document.version, position, text: result.text, replaceAfter: result.replaceAfter };
      }
      return [this.item(document, position, result.text, result.replaceAfter)];
    } catch (error) {
      this.gate.onUnexpected(error);
      return undefined;
    } finally {
      subscription.dispose();
    }
  }

  /** Other answers still coming for the place left are of no use. */
  private leaveShownPlace(): void {
    this.shown?.alternatives?.controller.abort();
    this.shown = undefined;
  }

  private item(document: vscode.TextDocument, position: vscode.Position, shown: string, replaceAfter?: number): vscode.InlineCompletionItem {
    const line = document.lineAt(position.line).text;
    const edit = editorItem(shown, line.slice(0, position.character), line.slice(position.character), replaceAfter, position.line === 0);
    const end = edit.replaceAfter ? position.translate(0, edit.replaceAfter) : position;
    const start = edit.fromLineAbove ? document.lineAt(position.line - 1).range.end : position;
    const item = new vscode.InlineCompletionItem(edit.text, new vscode.Range(start, end));
    item.command = { command: ACCEPTED_COMMAND, title: 'Accepted' };
    return item;
  }
}
