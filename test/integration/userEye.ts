// "User eye": lets a test running inside the extension host (which cannot see the DOM) ask what the user sees and
// act like a user, through the HTTP bridge that scripts/harness.mjs serves next to the browser
// (startUserEyeBridge). run-integration.mjs passes the bridge's URL in FIREWORKS_TEST_BRIDGE.
//
// Under @vscode/test-electron there is no browser and no bridge: `userEye.available` is false and every method
// throws. Tests then fall back to VS Code commands, which exercise the same code paths minus the pixels:
//   typing      -> vscode.commands.executeCommand('type', { text })
//   Tab         -> vscode.commands.executeCommand('editor.action.inlineSuggest.commit')
//   ghost text  -> vscode.commands.executeCommand('editor.action.inlineSuggest.trigger') and the provider's result
// (or `this.skip()` for what only the pixels can show).
//
// Keys go to whatever has focus in the page, as for a user. After moving the cursor through the API
// (editor.selection = ...), give the UI a moment (or move it with keys, e.g. press('Control+End')): the renderer
// applies the new selection asynchronously, and keys typed before that land at the old position.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export interface StatusBarItem {
  /** The element id VS Code gives the entry, e.g. "fireworks-community.fireworks-vscode.status" */
  id: string;
  /** What is displayed (icons are not text) */
  text: string;
  /** aria-label or title: what a screen reader or the hover says */
  tooltip: string;
}

/** An element inside a webview, as the bridge reads it. */
export interface FrameElement {
  tag: string;
  className: string;
  /** innerText */
  text: string;
  attributes: Record<string, string>;
  /** laid out (not display:none / hidden) */
  visible: boolean;
  /** What an input or textarea holds now. */
  value?: string;
  /** How far it is scrolled, and the most it can be (0 when it does not scroll). */
  scrollTop: number;
  scrollMax: number;
  /** How far it can scroll sideways (0 when all of it fits its width). */
  scrollXMax: number;
}

export interface FrameText {
  url: string;
  name: string;
  /** document.body.innerText of the frame (webviews are nested iframes) */
  text: string;
}

const bridgeUrl = process.env.FIREWORKS_TEST_BRIDGE;

/** The project root: given by the runner, else derived from the bundle's place (out/test/suite/index.js). */
const projectRoot = process.env.FIREWORKS_PROJECT_ROOT ?? path.resolve(__dirname, '..', '..', '..');

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function call<T>(method: 'GET' | 'POST', route: string, body?: object): Promise<T> {
  if (!bridgeUrl) {
    throw new Error('userEye: no bridge (FIREWORKS_TEST_BRIDGE is unset); use VS Code commands under test-electron');
  }
  const response = await fetch(`${bridgeUrl}${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as T & { error?: string };
  if (!response.ok || json.error !== undefined) {
    throw new Error(`userEye ${method} ${route}: ${json.error ?? `HTTP ${response.status}`}`);
  }
  return json;
}

export const userEye = {
  /** True when a browser is looking at this VS Code (the run-integration harness). */
  available: Boolean(bridgeUrl),

  /** Types text with real key events into whatever has focus ("\n" presses Enter). */
  async type(text: string, delayMs = 0): Promise<void> {
    await call('POST', '/type', { text, delayMs });
  },

  /** Presses a key or chord as Playwright names them: "Tab", "Escape", "Alt+Backslash", "Control+End". */
  async press(key: string): Promise<void> {
    await call('POST', '/press', { key });
  },

  /** The ghost text displayed in the active editor ("" if none), lines joined with "\n". */
  async ghostText(): Promise<string> {
    return (await call<{ text: string }>('GET', '/ghost')).text;
  },

  /**
   * Polls until the displayed ghost text satisfies `accept` (default: non-empty) and returns it, or throws after
   * `timeoutMs` with the last text seen.
   */
  async waitForGhostText(accept: (text: string) => boolean = (text) => text.length > 0, timeoutMs = 10000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text = '';
    while (Date.now() < deadline) {
      text = await userEye.ghostText();
      if (accept(text)) return text;
      await sleep(50);
    }
    throw new Error(`userEye: expected ghost text not shown within ${timeoutMs} ms (last seen: ${JSON.stringify(text)})`);
  },

  /** Status bar entries as displayed. */
  async statusBar(): Promise<StatusBarItem[]> {
    return (await call<{ items: StatusBarItem[] }>('GET', '/statusbar')).items;
  },

  /**
   * The messages of the notifications a user can see, one per entry. VS Code hides toasts when driven by its smoke
   * test driver (which the harness needs), so this opens the notification center, reads it and closes it again,
   * the way a user clicks the bell. It contains every notification not yet cleared: clear with the command
   * `notifications.clearAll` between tests.
   */
  async notifications(): Promise<string[]> {
    const wasOpen = (await call<{ open: boolean }>('GET', '/notifications/center')).open;
    if (!wasOpen) await vscode.commands.executeCommand('notifications.showList');
    try {
      await sleep(150); // the list renders on the next frame
      return (await call<{ messages: string[] }>('GET', '/notifications')).messages;
    } finally {
      if (!wasOpen) await vscode.commands.executeCommand('notifications.hideList');
    }
  },

  /** Clicks the first element matching a CSS selector in the workbench page. */
  async click(selector: string): Promise<void> {
    await call('POST', '/click', { selector });
  },

  /** Saves a screenshot of the page to test-results/screenshots/<name>.png and returns the path. */
  async screenshot(name: string): Promise<string> {
    const file = path.join(projectRoot, 'test-results', 'screenshots', `${name.replace(/[^\w.-]+/g, '-')}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return (await call<{ path: string }>('POST', '/screenshot', { path: file })).path;
  },

  /**
   * Elements matching `selector` inside the webview frame that holds an element matching `has` (e.g. the view's
   * root `#fireworks-chat`); `found` is false when no frame holds one (the view is not open).
   */
  async frameQuery(has: string, selector: string): Promise<{ found: boolean; elements: FrameElement[] }> {
    return call('POST', '/frame/query', { has, selector });
  },

  /** Clicks, with the mouse, the first visible element matching `selector` in the webview frame holding `has`. */
  async frameClick(has: string, selector: string): Promise<void> {
    await call('POST', '/frame/click', { has, selector });
  },

  /** Clicks `selector` in the webview frame holding `has`, which opens a file chooser, and picks `files` in it. */
  async frameChooseFiles(has: string, selector: string, files: Array<{ name: string; mimeType: string; base64: string }>): Promise<void> {
    await call('POST', '/frame/choose-files', { has, selector, files });
  },

  /** Pastes a file (a copied screenshot) into `selector` in the webview frame holding `has`. */
  async framePasteFile(has: string, selector: string, file: { name: string; mimeType: string; base64: string }): Promise<void> {
    await call('POST', '/frame/paste-file', { has, selector, file });
  },

  /** The visible text of every frame, for webviews (find the one holding the text you expect). */
  async framesText(): Promise<FrameText[]> {
    return (await call<{ frames: FrameText[] }>('POST', '/frames-text')).frames;
  },
};
