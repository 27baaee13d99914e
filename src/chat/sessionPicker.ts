/**
 * The chat history quick pick: this workspace's sessions, most recent first, each with Rename and Delete buttons.
 * Choosing one opens it; Rename asks for the new title and comes back to the list; Delete takes effect at once.
 */
import * as vscode from 'vscode';
import { summarizeSession } from '../core/chat/sessionSummary';
import type { ChatHistory } from './history';

export interface SessionPickerActions {
  /** Shows the chosen session in the chat view. */
  open(id: string): Promise<void>;
  /** Called after a session was deleted (when it was the one shown, the view starts a new chat). */
  deleted(id: string): Promise<void>;
  /** Called after a session was renamed (the view may show its title). */
  renamed?(id: string): Promise<void>;
}

interface SessionItem extends vscode.QuickPickItem {
  readonly sessionId: string;
}

const RENAME: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('edit'), tooltip: 'Rename' };
const DELETE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Delete' };

function items(history: ChatHistory, now: number): SessionItem[] {
  const currentId = history.currentSession()?.id;
  return history.sessions().map((session) => {
    const summary = summarizeSession(session, now, currentId);
    return { label: summary.label, description: summary.description, detail: summary.detail, sessionId: session.id, buttons: [RENAME, DELETE] };
  });
}

async function askTitle(title: string): Promise<string | undefined> {
  const typed = await vscode.window.showInputBox({
    title: 'Fireworks: Rename Chat',
    prompt: 'The new name of this chat',
    value: title,
    valueSelection: [0, title.length],
    validateInput: (value) => (value.trim() ? undefined : 'Enter a name, or press Escape to keep the old one.'),
  });
  return typed?.trim() || undefined;
}

export async function showSessionPicker(history: ChatHistory, actions: SessionPickerActions): Promise<void> {
  const pick = vscode.window.createQuickPick<SessionItem>();
  const disposables: vscode.Disposable[] = [pick];
  pick.title = 'Fireworks: Chat History';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  /** While the rename box is up, the picker is hidden but not done. */
  let renaming = false;

  /** Re-reads the history; the cursor goes to the `at`th session (after a delete: the next one). */
  const refresh = (at: number): void => {
    pick.items = items(history, Date.now());
    pick.placeholder = pick.items.length ? 'Open a chat, or rename or delete one with its buttons' : 'No chats in this workspace yet';
    const focus = pick.items[Math.max(0, Math.min(at, pick.items.length - 1))];
    if (focus) pick.activeItems = [focus];
  };

  const rename = async (item: SessionItem): Promise<void> => {
    const session = history.sessions().find((s) => s.id === item.sessionId);
    if (!session) return;
    const at = pick.items.indexOf(item);
    renaming = true;
    try {
      const title = await askTitle(session.title);
      if (title && title !== session.title) {
        await history.rename(session.id, title);
        await actions.renamed?.(session.id);
      }
    } finally {
      renaming = false;
    }
    // The filter typed to find it may no longer match its new name: show the whole list, the renamed one focused.
    pick.value = '';
    refresh(at);
    pick.show();
  };

  const remove = async (item: SessionItem): Promise<void> => {
    const at = pick.items.indexOf(item);
    if (!(await history.delete(item.sessionId))) return;
    refresh(at);
    await actions.deleted(item.sessionId);
  };

  const done = new Promise<string | undefined>((resolve) => {
    disposables.push(
      pick.onDidAccept(() => {
        const id = pick.selectedItems[0]?.sessionId;
        if (!id) return;
        resolve(id);
        pick.hide();
      }),
      pick.onDidTriggerItemButton((event) => {
        void (event.button === RENAME ? rename(event.item) : remove(event.item)).catch((error: unknown) => {
          void vscode.window.showErrorMessage(`Fireworks: ${error instanceof Error ? error.message : String(error)}`);
        });
      }),
      pick.onDidHide(() => {
        if (!renaming) resolve(undefined);
      }),
    );
  });

  refresh(0);
  pick.show();
  try {
    const chosen = await done;
    if (chosen) await actions.open(chosen);
  } finally {
    for (const d of disposables.splice(0)) d.dispose();
  }
}
