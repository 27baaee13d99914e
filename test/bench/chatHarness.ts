/**
 * What the chat benchmarks use of scripts/harness.mjs (a plain .mjs, typed here) and of playwright-core (installed
 * in the harness folder, not in the project), as far as they use them.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A frame of a page: the page itself or a webview's nested iframe. */
export interface Frame {
  url(): string;
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  evaluate(expression: string): Promise<unknown>;
  locator(selector: string): { first(): { click(options?: { timeout?: number }): Promise<void> } };
}

/** A Chrome DevTools Protocol session (playwright's CDPSession, as far as the bench uses it). */
export interface CdpSession {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  on(event: string, listener: (params: { chunk: string }) => void): void;
  detach(): Promise<void>;
}

export interface Page extends Frame {
  frames(): Frame[];
  context(): { newCDPSession(page: Page): Promise<CdpSession> };
  keyboard: { type(text: string, options?: { delay?: number }): Promise<void>; press(key: string): Promise<void> };
  goto(url: string): Promise<unknown>;
  waitForSelector(selector: string, options?: { timeout?: number; state?: 'attached' | 'visible' }): Promise<unknown>;
  waitForFunction(expression: string, arg?: unknown, options?: { timeout?: number }): Promise<unknown>;
  screenshot(options: { path: string }): Promise<unknown>;
  close(): Promise<void>;
}

export interface BrowserContext {
  addInitScript(script: string): Promise<void>;
  newPage(): Promise<Page>;
}

export interface Browser {
  newContext(options: { viewport: { width: number; height: number } }): Promise<BrowserContext>;
  version(): string;
  close(): Promise<void>;
}

export interface Playwright {
  chromium: {
    launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<Browser>;
  };
}

export interface VSCodeServer {
  readonly port: number;
  readonly startupMs: number;
  url(options: { extensionDevelopmentPath?: string; openFile?: string }): string;
  stop(): Promise<void>;
}

export interface Harness {
  ensureHarness(): string;
  playwright(): Playwright;
  vscodeVersion(): string;
  startVSCode(options: { workspaceDir: string; userSettings?: Record<string, unknown>; env?: Record<string, string> }): Promise<VSCodeServer>;
  openWorkbench(url: string): Promise<{ browser: Browser; page: Page }>;
  waitForWorkbench(page: Page, timeout?: number): Promise<void>;
}

export async function loadHarness(root: string): Promise<Harness> {
  return (await import(pathToFileURL(path.join(root, 'scripts', 'harness.mjs')).href)) as Harness;
}

/** The browser the harness drives (Debian's chromium unless FIREWORKS_CHROMIUM says otherwise) and its flags. */
export const CHROMIUM = process.env.FIREWORKS_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * tsx compiles the bench with esbuild's keepNames, which wraps functions in `__name(fn, "name")`; functions handed to
 * the browser (evaluate, init scripts) run where that helper must exist too.
 */
export const PAGE_NAME_HELPER = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

/** The frame of the page whose document has an element matching `selector` (a webview's inner frame), if any. */
export async function frameWith(page: Page, selector: string): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    try {
      if (await frame.evaluate((s: string) => document.querySelector(s) !== null, selector)) return frame;
    } catch {
      // detached or navigating
    }
  }
  return undefined;
}

/**
 * Raises this process's scheduling priority (nice -10) when the OS allows it, so that what it starts next (the
 * browser, VS Code) inherits it and is less disturbed by other work on a shared machine. Returns the priority it
 * runs at and how to put the old one back.
 */
export function raisePriority(): { readonly nice: number; restore(): void } {
  const before = os.getPriority();
  try {
    os.setPriority(Math.min(before, -10));
  } catch {
    // not allowed (an ordinary user cannot raise priority): timings then share the CPU on equal terms
  }
  return {
    nice: os.getPriority(),
    restore: () => {
      try {
        os.setPriority(before);
      } catch {
        // keep the raised one
      }
    },
  };
}
