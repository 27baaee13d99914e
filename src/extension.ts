/** Composition root: builds the services, registers the provider, the chat view, commands and status bar. No logic here. */
import * as vscode from 'vscode';
import { isFireworksEndpoint } from './core/api/fireworks';
import { Backoff } from './core/completion/backoff';
import { CompletionCache } from './core/completion/cache';
import { ConnectionWarmth } from './core/completion/connectionWarmth';
import { TypingRhythm } from './core/completion/rhythm';
import { CompletionPipeline } from './core/completion/pipeline';
import { CompletionStats, observers } from './core/completion/stats';
import { ApplyReview } from './chat/applyReview';
import { ChatContext } from './chat/chatContext';
import { ChatController } from './chat/chatController';
import { ChatParts, registerChatCommands, routeViewMessage } from './chat/chatCommands';
import { CHAT_VIEW_ID, ChatViewProvider } from './chat/chatViewProvider';
import { ChatHistory } from './chat/history';
import { UserEditor } from './chat/userEditor';
import { WorkspaceFiles } from './chat/workspaceFiles';
import { ClientProvider } from './clients';
import { registerCommands } from './commands';
import { CompletionGate } from './completionGate';
import { CompletionScope } from './completionScope';
import { ConfigService } from './config';
import { createLogger, logActivated } from './log';
import { warnOnEndpointProblem } from './endpointWarning';
import { OtherFiles } from './otherFiles';
import { EditTimes } from './providers/editTimes';
import { FireworksInlineCompletionProvider } from './providers/inlineCompletionProvider';
import { ApiKeyStore } from './secrets';
import { StatusBar } from './statusBar';
import { warmthMemory } from './warmthMemory';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const channel = vscode.window.createOutputChannel('Fireworks', { log: true });
  const config = new ConfigService();
  const keys = new ApiKeyStore(context.secrets, () => isFireworksEndpoint(config.settings.baseUrl));
  const logger = createLogger(channel, () => keys.current()?.key);
  const clients = new ClientProvider(config, keys);
  const scope = new CompletionScope(config);
  const statusBar = new StatusBar(config, keys, scope);
  const otherFiles = new OtherFiles(scope);
  const editTimes = new EditTimes();
  const backoff = new Backoff();
  const cache = new CompletionCache();
  const stats = new CompletionStats();
  const gate = new CompletionGate(config, keys, logger, backoff, scope, stats);
  const pipeline = new CompletionPipeline({
    backoff,
    cache,
    rhythm: new TypingRhythm(),
    warmth: new ConnectionWarmth(undefined, undefined, warmthMemory(context.globalState, () => config.settings.baseUrl)),
    otherFiles: (current) => otherFiles.files(current),
    client: () => clients.current(),
    settings: () => config.settings.completions,
    logger,
    observer: observers(statusBar, stats),
  });

  const history = new ChatHistory(context.workspaceState);
  const chatContext = new ChatContext();
  const workspaceFiles = new WorkspaceFiles();
  // The view and the controller know each other only through these two callbacks.
  const chatView = new ChatViewProvider(context.extensionUri, (message) => routeViewMessage(chat, message));
  const chatController = new ChatController({
    client: () => clients.current(),
    endpointProblem: () => config.settings.baseUrlProblem,
    model: () => config.settings.chat.model,
    history,
    chips: () => chatContext.chips(),
    post: (message) => chatView.post(message),
    logger,
  });
  const review = new ApplyReview();
  const userEditor = new UserEditor();
  const chat: ChatParts = { controller: chatController, context: chatContext, files: workspaceFiles, history, review, userEditor, post: (message) => chatView.post(message), logger };

  context.subscriptions.push(
    channel,
    history,
    chatContext,
    workspaceFiles,
    review,
    userEditor,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, chatView),
    keys.onDidChange(() => chatController.keyChanged()),
    chatContext.onDidChange(() => chatController.contextChanged()),
    // The endpoint decides whether an OPENAI_API_KEY is a key for it (core/apiKey.ts).
    config.onDidChange(() => {
      chatController.modelChanged();
      chatController.keyChanged();
    }),
    ...registerChatCommands(chat),
    config,
    keys,
    scope,
    otherFiles,
    statusBar,
    // Another endpoint or model makes failures news again (and lifts a back-off hold); any setting may change answers.
    config.onDidChangeEndpoint(() => gate.reset()),
    config.onDidChange(() => cache.clear()),
    keys.onDidChange(() => gate.reset()),
    editTimes,
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, new FireworksInlineCompletionProvider(pipeline, gate, editTimes)),
    ...registerCommands({ config, keys, clients, stats, log: channel }),
    warnOnEndpointProblem(logger, config),
  );
  await logActivated(logger, config, keys);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
