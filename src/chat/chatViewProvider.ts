/**
 * The chat webview view: its HTML (a strict CSP with a nonce: no inline script or style, nothing loaded from outside
 * the extension's media/ and dist/), and the message channel, checked on receipt with isViewMessage.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { HostMessage, ViewMessage, isViewMessage } from './protocol';

export const CHAT_VIEW_ID = 'fireworks.chatView';

export class ChatViewProvider implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onMessage: (message: ViewMessage) => void,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [media, dist] };
    view.webview.html = this.html(view.webview, media, dist);
    const subscription = view.webview.onDidReceiveMessage((message: unknown) => {
      if (isViewMessage(message)) this.onMessage(message);
    });
    view.onDidDispose(() => {
      subscription.dispose();
      if (this.view === view) this.view = undefined;
    });
  }

  /** Whether the view exists now (its webview gets messages); a message to no view is dropped. */
  get visible(): boolean {
    return this.view !== undefined;
  }

  post(message: HostMessage): void {
    void this.view?.webview.postMessage(message);
  }

  private html(webview: vscode.Webview, media: vscode.Uri, dist: vscode.Uri): string {
    const nonce = randomBytes(16).toString('base64');
    const uri = (base: vscode.Uri, ...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(base, ...path)).toString();
    const csp = [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src ${webview.cspSource}`,
      `img-src ${webview.cspSource} data:`,
      `font-src ${webview.cspSource}`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${uri(dist, 'codicons', 'codicon.css')}">
<link rel="stylesheet" href="${uri(media, 'chat.css')}">
<title>Fireworks Chat</title>
</head>
<body>
<div id="fireworks-chat" class="chat">
  <div class="session-title" hidden></div>
  <div class="conversation">
    <div class="no-key" hidden role="status">
      <span class="codicon codicon-key" aria-hidden="true"></span>
      <p>No API key is set. Add one to start chatting; it is kept in VS Code's secret storage.</p>
      <button type="button" class="set-key primary">Set API Key</button>
    </div>
    <div class="empty" hidden>
      <span class="codicon codicon-sparkle empty-icon" aria-hidden="true"></span>
      <p class="empty-title">Ask Fireworks</p>
      <p>Ask about your code. Select code in the editor and run <strong>Fireworks: Ask Fireworks</strong> to include it.</p>
      <p class="empty-hints">Type <kbd>@</kbd> to add a file, <kbd>/</kbd> for commands; paste an image to ask about it.</p>
    </div>
    <div class="messages" role="log" aria-live="polite" aria-label="Conversation"></div>
  </div>
  <form class="composer" aria-label="Ask Fireworks">
    <div class="suggestions" id="fw-suggestions" role="listbox" hidden></div>
    <div class="edit-banner" hidden>
      <span class="codicon codicon-edit" aria-hidden="true"></span>
      <span class="edit-banner-text">Editing your last question</span>
      <button type="button" class="cancel-edit icon-button" aria-label="Cancel Editing" title="Cancel Editing (Escape)"><span class="codicon codicon-close" aria-hidden="true"></span></button>
    </div>
    <div class="context-chips" role="list" aria-label="Context for the next question" hidden></div>
    <textarea rows="1" dir="auto" aria-label="Ask a question" title="Enter to send, Shift+Enter for a new line" placeholder="Ask Fireworks… @ adds a file, / a command"></textarea>
    <div class="composer-toolbar">
      <button type="button" class="add-context icon-button" aria-label="Add Context" title="Add Context (@)"><span class="codicon codicon-mention" aria-hidden="true"></span></button>
      <button type="button" class="attach-file icon-button" aria-label="Attach Current File" title="Attach Current File"><span class="codicon codicon-file-add" aria-hidden="true"></span></button>
      <button type="button" class="attach-image icon-button" aria-label="Attach Image" title="Attach Image (or paste one)"><span class="codicon codicon-file-media" aria-hidden="true"></span></button>
      <input type="file" class="image-chooser" accept="image/png,image/jpeg,image/webp,image/gif" multiple hidden>
      <button type="button" class="model" aria-label="Choose Model" title="Choose Model"><span class="model-name">Model</span><span class="codicon codicon-chevron-down" aria-hidden="true"></span></button>
      <span class="toolbar-spacer"></span>
      <button type="submit" class="send icon-button" aria-label="Send" title="Send (Enter)"><span class="codicon codicon-send" aria-hidden="true"></span></button>
      <button type="button" class="stop icon-button" aria-label="Stop" title="Stop" hidden><span class="codicon codicon-debug-stop" aria-hidden="true"></span></button>
    </div>
  </form>
</div>
<script nonce="${nonce}" src="${uri(dist, 'webview.js')}"></script>
</body>
</html>`;
  }
}
