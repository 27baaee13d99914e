import type * as vscode from 'vscode';

/** workspaceState as VS Code keeps it: JSON values, read back as copies. */
export class MemoryMemento implements vscode.Memento {
  readonly data = new Map<string, string>();
  writes = 0;

  keys(): readonly string[] {
    return [...this.data.keys()];
  }

  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    const stored = this.data.get(key);
    return stored === undefined ? defaultValue : (JSON.parse(stored) as T);
  }

  update(key: string, value: unknown): Promise<void> {
    this.writes++;
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.stringify(value));
    return Promise.resolve();
  }
}
