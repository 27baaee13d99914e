/**
 * The chat's slash commands (`/explain`, `/fix`, `/tests`, `/doc`), shared by the host (which expands them into the
 * instruction sent to the model) and the webview (which offers them as the user types `/`). The editor actions
 * Explain, Fix, Write Tests and Document ask the same questions. No `vscode`, no Node: the webview bundles this file.
 *
 * A question is stored as the user typed it (`/fix the loop never ends`), so the conversation shows what they
 * wrote; the instruction is put in its place only in the request (`expandQuestion`).
 */
export type SlashCommandName = 'explain' | 'fix' | 'tests' | 'doc';

export interface SlashCommand {
  readonly name: SlashCommandName;
  /** The editor action's title. */
  readonly title: string;
  /** One line for the completion list in the view. */
  readonly description: string;
  /** What the model is asked, in place of the command. */
  readonly instruction: string;
}

export const SLASH_COMMANDS: readonly SlashCommand[] = [
  {
    name: 'explain',
    title: 'Explain',
    description: 'Explain how the selected code works',
    instruction: 'Explain what the attached code does and how it works: its purpose first, then the steps that matter, then anything surprising (edge cases, side effects, pitfalls). Be concise.',
  },
  {
    name: 'fix',
    title: 'Fix',
    description: 'Find and fix the problems in the selected code',
    instruction: 'Find the bugs and problems in the attached code and fix them. Say in a sentence or two what was wrong, then give the corrected code in one fenced block that can replace the attached code as it is.',
  },
  {
    name: 'tests',
    title: 'Write Tests',
    description: 'Write unit tests for the selected code',
    instruction: 'Write unit tests for the attached code, using the test framework its project most likely uses (say which you chose). Cover normal cases, edge cases and errors. Put the tests in one fenced block.',
  },
  {
    name: 'doc',
    title: 'Document',
    description: 'Add documentation comments to the selected code',
    instruction: 'Add documentation comments to the attached code in the idiomatic style of its language (JSDoc, docstrings, ...). Change nothing else. Give the documented code in one fenced block that can replace the attached code as it is.',
  },
];

const BY_NAME: ReadonlyMap<string, SlashCommand> = new Map(SLASH_COMMANDS.map((c) => [c.name, c]));

export function slashCommand(name: string): SlashCommand | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** `/fix the loop never ends` → the command and what follows it; a question not starting with a known command → undefined. */
export function parseSlashCommand(question: string): { readonly command: SlashCommand; readonly rest: string } | undefined {
  const match = /^\s*\/([A-Za-z]+)(?=\s|$)([\s\S]*)$/.exec(question);
  if (!match) return undefined;
  const command = slashCommand(match[1]);
  return command ? { command, rest: match[2].trim() } : undefined;
}

/** The text sent to the model for a question: a slash command becomes its instruction, the user's words after it. */
export function expandQuestion(question: string): string {
  const parsed = parseSlashCommand(question);
  if (!parsed) return question;
  return parsed.rest ? `${parsed.command.instruction}\n\n${parsed.rest}` : parsed.command.instruction;
}

/** Commands whose name starts with what follows `/` at the start of the input (the view's completion list). */
export function matchingSlashCommands(input: string): SlashCommand[] {
  const match = /^\/([A-Za-z]*)$/.exec(input);
  if (!match) return [];
  const typed = match[1].toLowerCase();
  return SLASH_COMMANDS.filter((c) => c.name.startsWith(typed));
}
