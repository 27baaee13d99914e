/**
 * The context waiting to go with the next chat question, shown as chips above the input:
 * - the active editor's selection, which follows the editor (`automatic`); removing its chip leaves that selection
 *   out until the selection changes;
 * - files the user added (with `@` or Attach Current File), sent with the next question and then cleared;
 * - images pasted or dropped into the input (core/chat/images.ts), the same way.
 * Texts are read when the question is sent, so an edit made after adding a file is what the model sees.
 */
import * as vscode from 'vscode';
import { MAX_IMAGES_PER_QUESTION, imageFromDataUrl, sizeLabel, type ImageAttachment } from '../core/chat/images';
import type { ContextAttachment } from '../core/chat/session';
import { MAX_FILE_CHARS, MAX_SELECTION_CHARS, displayPath, fileAttachment, secretRefusal, selectionAttachment, selectionLines } from './editorContext';
import type { ViewContextChip } from './protocol';

const SELECTION_CHIP_ID = 'selection';
/** Selection changes arrive per keystroke and per mouse move while dragging: the chip follows at this pace. */
const SELECTION_DEBOUNCE_MS = 150;

interface FileChip {
  readonly id: string;
  readonly uri: vscode.Uri;
  readonly path: string;
  readonly truncated: boolean;
}

function selectionKey(editor: vscode.TextEditor): string {
  const { start, end } = editor.selection;
  return `${editor.document.uri.toString()}#${start.line}:${start.character}-${end.line}:${end.character}`;
}

/** What goes with a question: code attachments and images. */
export interface TakenContext {
  readonly context: ContextAttachment[];
  readonly images: ImageAttachment[];
}

export class ChatContext implements vscode.Disposable {
  private files: FileChip[] = [];
  private images: Array<{ readonly id: string; readonly image: ImageAttachment }> = [];
  private selectionChip: ViewContextChip | undefined;
  /** The selection whose chip the user removed. */
  private dismissed: string | undefined;
  private nextId = 1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[];
  readonly onDidChange = this.changed.event;

  constructor() {
    this.subscriptions = [
      vscode.window.onDidChangeTextEditorSelection(() => this.soon()),
      vscode.window.onDidChangeActiveTextEditor(() => this.soon()),
    ];
    this.selectionChip = this.readSelection();
  }

  chips(): ViewContextChip[] {
    const files = this.files.map((f): ViewContextChip => ({ id: f.id, kind: 'file', path: f.path, truncated: f.truncated, automatic: false }));
    const images = this.images.map(({ id, image }): ViewContextChip => ({ id, kind: 'image', path: `${image.name} (${sizeLabel(image.bytes)})`, automatic: false }));
    return [...(this.selectionChip ? [this.selectionChip] : []), ...files, ...images];
  }

  remove(id: string): void {
    if (id === SELECTION_CHIP_ID) {
      const editor = vscode.window.activeTextEditor;
      if (editor) this.dismissed = selectionKey(editor);
      this.selectionChip = undefined;
    } else {
      this.files = this.files.filter((f) => f.id !== id);
      this.images = this.images.filter((i) => i.id !== id);
    }
    this.changed.fire();
  }

  /** Adds a file (once); a file that cannot be opened is reported in the returned message. */
  async addFile(uri: vscode.Uri): Promise<string | undefined> {
    if (this.files.some((f) => f.uri.toString() === uri.toString())) return undefined;
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch (error) {
      return `Could not read ${vscode.workspace.asRelativePath(uri, false)}: ${error instanceof Error ? error.message : String(error)}`;
    }
    const refused = secretRefusal(document);
    if (refused) return refused;
    this.files = [...this.files, { id: `file-${this.nextId++}`, uri, path: displayPath(document), truncated: document.getText().length > MAX_FILE_CHARS }];
    this.changed.fire();
    return undefined;
  }

  /** Adds an image pasted or dropped into the input; what is wrong with it, in words for the user, if it is refused. */
  addImage(name: string, dataUrl: string): string | undefined {
    if (this.images.length >= MAX_IMAGES_PER_QUESTION) return `at most ${MAX_IMAGES_PER_QUESTION} images go with one question.`;
    const image = imageFromDataUrl(name, dataUrl);
    if ('error' in image) return image.error;
    this.images = [...this.images, { id: `image-${this.nextId++}`, image }];
    this.changed.fire();
    return undefined;
  }

  /** Adds the active editor's whole file; what stopped it, in words for the user, if it was not added. */
  async addCurrentFile(): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    if (!editor) return 'open a file to attach it.';
    return this.addFile(editor.document.uri);
  }

  /**
   * What goes with a question sent now: the selection (unless its chip was removed), the added files, read now, and
   * the images. Files and images are then cleared; the selection chip stays while the selection does.
   */
  async take(): Promise<TakenContext> {
    const editor = vscode.window.activeTextEditor;
    const selection = editor && this.dismissed !== selectionKey(editor) ? selectionAttachment(editor) : undefined;
    const files: ContextAttachment[] = [];
    for (const file of this.files) {
      try {
        files.push(fileAttachment(await vscode.workspace.openTextDocument(file.uri)));
      } catch {
        // Deleted since it was added: nothing to send.
      }
    }
    const images = this.images.map((i) => i.image);
    if (this.files.length || this.images.length) {
      this.files = [];
      this.images = [];
      this.changed.fire();
    }
    return { context: selection ? [selection, ...files] : files, images };
  }

  private soon(): void {
    // Typing moves the selection at every key: with no selection and no chip there is nothing to follow.
    const editor = vscode.window.activeTextEditor;
    if (!this.selectionChip && this.timer === undefined && (!editor || editor.selection.isEmpty)) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const chip = this.readSelection();
      if (JSON.stringify(chip) === JSON.stringify(this.selectionChip)) return;
      this.selectionChip = chip;
      this.changed.fire();
    }, SELECTION_DEBOUNCE_MS);
  }

  private readSelection(): ViewContextChip | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty || secretRefusal(editor.document)) return undefined;
    const key = selectionKey(editor);
    if (this.dismissed !== undefined && this.dismissed !== key) this.dismissed = undefined;
    if (this.dismissed === key) return undefined;
    const document = editor.document;
    const length = document.offsetAt(editor.selection.end) - document.offsetAt(editor.selection.start);
    return {
      id: SELECTION_CHIP_ID,
      kind: 'selection',
      path: displayPath(document),
      ...selectionLines(editor.selection),
      truncated: length > MAX_SELECTION_CHARS,
      automatic: true,
    };
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
