/**
 * The prompt of one request: the window around the cursor and snippets of other files that resemble it, fitted to
 * the prompt budget (prompt.ts) and written in the model's fill-in-the-middle template.
 */
import { CompletionSettings } from '../settings';
import { CHARS_PER_TOKEN, DEFAULT_PROMPT_BUDGET, fitToBudget, type PromptBudget } from './prompt';
import { SourceFile, bestSnippets } from './snippets';
import { FimTemplate } from './templates';
import { DEFAULT_WINDOW_LIMITS, TextWindow, type WindowLimits } from './window';

/** How many lines before the cursor describe "the code around the cursor" when looking for similar snippets. */
const SNIPPET_QUERY_LINES = 30;

export interface PromptPlace {
  readonly window: TextWindow;
  readonly languageId?: string;
  readonly filePath?: string;
  /** Other files to take snippets from (none when the setting is off). */
  readonly otherFiles: () => readonly SourceFile[];
}

/**
 * The query is the lines before a line whose number is a multiple of this (the cursor's line or the last such line
 * above it): the snippets stay the same while the cursor moves within those lines, and so does the start of the
 * prompt, for the endpoint's prompt cache (see PREFIX_ANCHOR_LINES). The query misses on average half this many of
 * the lines nearest the cursor; in a file's first lines it is the lines up to the cursor.
 */
const SNIPPET_QUERY_STEP = 8;

/** The lines before the cursor that snippets are chosen to resemble. */
function snippetQuery(window: TextWindow): string {
  const lines = window.prefix.split('\n');
  const cursorLine = window.firstLine + lines.length - 1;
  const end = Math.floor(cursorLine / SNIPPET_QUERY_STEP) * SNIPPET_QUERY_STEP - window.firstLine;
  if (end <= 0) return lines.slice(-SNIPPET_QUERY_LINES).join('\n');
  return lines.slice(Math.max(0, end - SNIPPET_QUERY_LINES), end).join('\n');
}

/**
 * The window around the cursor to read for these settings: as much text as the budget could take, and after the
 * cursor the default share at least (post-processing compares answers with the code that follows). A budget larger
 * than the default reads proportionally more lines too (at the default, 120 before and 40 after the cursor: the
 * keystroke path reads no more than that).
 */
export function promptWindowLimits(settings: CompletionSettings): WindowLimits {
  const budgetChars = settings.promptTokens * CHARS_PER_TOKEN;
  const suffixShare = Math.max(settings.suffixPercent / 100, DEFAULT_PROMPT_BUDGET.suffixShare);
  const scale = Math.max(1, settings.promptTokens / DEFAULT_PROMPT_BUDGET.maxTokens);
  return {
    maxPrefixLines: Math.round(DEFAULT_WINDOW_LIMITS.maxPrefixLines * scale),
    maxSuffixLines: Math.round(DEFAULT_WINDOW_LIMITS.maxSuffixLines * scale * Math.max(1, suffixShare / DEFAULT_PROMPT_BUDGET.suffixShare)),
    maxPrefixChars: budgetChars,
    maxSuffixChars: Math.ceil(budgetChars * suffixShare),
  };
}

/** The settings' prompt budget; a template without the text after the cursor gives its share to the prefix. */
export function promptBudget(settings: CompletionSettings, template: FimTemplate): PromptBudget {
  return {
    maxTokens: settings.promptTokens,
    suffixShare: template.usesSuffix ? settings.suffixPercent / 100 : 0,
    snippetShare: settings.snippetsPercent / 100,
  };
}

export function requestPrompt(place: PromptPlace, template: FimTemplate, settings: CompletionSettings): string {
  const { window } = place;
  const budget = promptBudget(settings, template);
  const files = settings.contextFromOtherFiles && budget.snippetShare > 0 ? place.otherFiles() : [];
  const snippets = files.length
    ? bestSnippets(snippetQuery(window), files, {
        windowLines: 40,
        maxSnippets: 3,
        maxCharsTotal: Math.floor(budget.maxTokens * CHARS_PER_TOKEN * budget.snippetShare),
      })
    : [];
  const fitted = fitToBudget(
    {
      filePath: place.filePath,
      languageId: place.languageId ?? 'plaintext',
      prefix: window.prefix,
      prefixFirstLine: window.firstLine,
      suffix: template.usesSuffix ? window.suffix : '',
      snippets,
    },
    budget,
  );
  return template.build(fitted.header + fitted.prefix, fitted.suffix);
}
