/**
 * The floor of section 3: the least an extension that asks the network for its ghost text can do, loaded into the
 * same VS Code in place of ours. Its provider waits out the debounce counted from the keystroke as VS Code stamps it
 * (`requestIssuedDateTime`), sends the whole file as a fill-in-the-middle prompt through the openai SDK with VS Code's
 * own fetch, and returns the answer's first line the moment it arrives. No cache, no context, no post-processing, no
 * status, no log. What it measures above debounce + time to first token is what VS Code, the harness and the HTTP
 * stack cost any extension; what ours measures above the floor is ours.
 */
import OpenAI from 'openai';
import * as vscode from 'vscode';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** True in the probe build (buildFloor's `define`): then it logs its steps as the probe build of ours does. */
declare const FLOOR_PROBE: boolean;
const probe = (kind: string, detail = ''): void => {
  if (FLOOR_PROBE) console.log(`BENCH_PROBE ${kind} ${(performance.timeOrigin + performance.now()).toFixed(1)} ${detail}`);
};

export function activate(context: vscode.ExtensionContext): void {
  const config = vscode.workspace.getConfiguration('fireworks');
  const debounceMs = config.get<number>('completions.debounceMs', 250);
  const client = new OpenAI({ baseURL: config.get<string>('baseUrl'), apiKey: process.env.FIREWORKS_API_KEY ?? 'none', maxRetries: 0 });
  // The bench waits for a status bar item whose id names fireworks before it types.
  const status = vscode.window.createStatusBarItem('fireworks.floor');
  status.text = 'floor';
  status.show();
  const provider: vscode.InlineCompletionItemProvider = {
    async provideInlineCompletionItems(document, position, completionContext, token) {
      probe('call');
      const issued = (completionContext as { readonly requestIssuedDateTime?: unknown }).requestIssuedDateTime;
      const age = typeof issued === 'number' ? Date.now() - issued : 50;
      const wait = Math.max(0, debounceMs - age);
      probe('wait', wait.toFixed(1));
      await sleep(wait);
      probe('waited');
      if (token.isCancellationRequested) return undefined;
      const text = document.getText();
      const offset = document.offsetAt(position);
      const prompt = `<|fim_prefix|>${text.slice(0, offset)}<|fim_suffix|>${text.slice(offset)}<|fim_middle|>`;
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      let answer = '';
      try {
        probe('send');
        const stream = await client.completions.create({ model: 'floor', prompt, max_tokens: 64, stream: true }, { signal: abort.signal });
        for await (const chunk of stream) {
          if (!answer) probe('chunk');
          answer += chunk.choices[0]?.text ?? '';
          if (answer.includes('\n')) break;
        }
      } catch {
        return undefined;
      } finally {
        abort.abort();
        cancel.dispose();
      }
      const line = answer.split('\n')[0];
      probe('return', line ? 'shown' : 'empty');
      return line ? [new vscode.InlineCompletionItem(line, new vscode.Range(position, position))] : undefined;
    },
  };
  const changes = vscode.workspace.onDidChangeTextDocument((event) => {
    if (event.document.uri.scheme !== 'output') probe('change');
  });
  context.subscriptions.push(status, changes, vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider));
}

export function deactivate(): void {}
