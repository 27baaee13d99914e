/**
 * The model quick pick, for completions and for chat: it opens at once and fills in when `/models` answers. Any id
 * can be typed (deployments and models the endpoint does not list), and a list that could not be loaded is said
 * plainly without stopping the user from typing one.
 */
import * as vscode from 'vscode';
import type { ModelsOutcome } from './core/api/client';
import { modelSections, type ModelSection, type ModelUse } from './core/api/models';

export interface ModelPickerOptions {
  readonly title: string;
  readonly current: string;
  readonly kind: ModelUse;
  /** Undefined when there is nothing to ask (no API key). */
  readonly list: () => Promise<ModelsOutcome | undefined>;
}

interface ModelItem extends vscode.QuickPickItem {
  readonly modelId?: string;
}

const TYPE_HINT = 'a model id (a deployment: accounts/<a>/models/<m>#accounts/<a>/deployments/<id>)';

function sectionItems(sections: readonly ModelSection[]): ModelItem[] {
  const headed = sections.length > 1;
  return sections.flatMap((section) => [
    ...(headed ? [{ label: section.title, kind: vscode.QuickPickItemKind.Separator }] : []),
    ...section.models.map((m) => ({ label: m.id, description: m.description || undefined, modelId: m.id })),
  ]);
}

function failureText(outcome: Extract<ModelsOutcome, { ok: false }> | undefined): string {
  return outcome ? `The model list could not be loaded (${outcome.error.message})` : 'No API key is set, so the models cannot be listed';
}

/** Resolves to the chosen or typed model id; undefined when the user dismissed the picker. */
export async function pickModel(options: ModelPickerOptions): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<ModelItem>();
  const disposables: vscode.Disposable[] = [pick];
  pick.title = options.title;
  pick.placeholder = `Loading the models… or type ${TYPE_HINT}`;
  pick.matchOnDescription = true;
  pick.busy = true;
  // Until the list arrives: the current model alone.
  let listed = sectionItems(modelSections([], options.kind, options.current));

  const refresh = (): void => {
    const typed = pick.value.trim();
    // The typed id is in the detail, not the label: the filter ranks listed models whose id matches what was typed
    // above this entry (Enter on part of an id picks that model), and shows it alone when nothing matches.
    const own: ModelItem[] =
      typed && !listed.some((item) => item.modelId === typed) ? [{ label: '$(edit) Use the id as typed', detail: typed, alwaysShow: true, modelId: typed }] : [];
    pick.items = [...listed, ...own];
  };

  const settle = (outcome: ModelsOutcome | undefined): void => {
    if (!disposables.length) return;
    pick.busy = false;
    if (outcome?.ok) {
      listed = sectionItems(modelSections(outcome.models, options.kind, options.current));
      pick.placeholder = outcome.models.length ? `Choose a model, or type ${TYPE_HINT}` : `The endpoint lists no models: type ${TYPE_HINT}`;
    } else {
      const failure = failureText(outcome);
      pick.placeholder = `${failure}. Type a model id.`;
      // Said in the list as well: the placeholder is gone as soon as the user types.
      listed = [{ label: `${failure}: type an id`, kind: vscode.QuickPickItemKind.Separator }, ...listed];
    }
    refresh();
    // The cursor starts on the current model, unless the user is typing.
    const current = listed.find((item) => item.modelId === options.current.trim());
    if (current && !pick.value.trim()) pick.activeItems = [current];
  };

  const chosen = new Promise<string | undefined>((resolve) => {
    disposables.push(
      pick.onDidChangeValue(refresh),
      pick.onDidAccept(() => {
        const id = pick.selectedItems[0]?.modelId ?? pick.activeItems[0]?.modelId ?? (pick.value.trim() || undefined);
        if (!id) return;
        resolve(id);
        pick.hide();
      }),
      pick.onDidHide(() => resolve(undefined)),
    );
  });

  refresh();
  pick.show();
  options.list().then(settle, (error: unknown) =>
    settle({ ok: false, error: { kind: 'network', message: error instanceof Error ? error.message : String(error) } }),
  );
  try {
    return await chosen;
  } finally {
    for (const d of disposables.splice(0)) d.dispose();
  }
}
