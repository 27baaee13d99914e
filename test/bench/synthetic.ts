/**
 * Synthetic but realistic TypeScript of any length: imports, interfaces, classes with methods, functions with
 * branches and loops, comments, blank lines; line lengths and indentation like hand-written code.
 */
import { Random } from './util';

const NOUNS = ['order', 'item', 'user', 'account', 'invoice', 'session', 'token', 'record', 'event', 'batch', 'query', 'result'];
const VERBS = ['load', 'save', 'parse', 'render', 'validate', 'merge', 'apply', 'resolve', 'collect', 'format', 'compute', 'update'];

function cap(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}

function block(random: Random, n: number): string[] {
  const noun = random.pick(NOUNS);
  const other = random.pick(NOUNS);
  const verb = random.pick(VERBS);
  const type = `${cap(noun)}${n}`;
  switch (n % 4) {
    case 0:
      return [
        `/** A ${noun} as stored, with its ${other}s. */`,
        `export interface ${type} {`,
        `  readonly id: string;`,
        `  readonly ${other}Ids: readonly string[];`,
        `  readonly createdAt: number;`,
        `  status: 'open' | 'closed' | 'pending';`,
        `}`,
        ``,
      ];
    case 1:
      return [
        `export function ${verb}${type}(input: ${cap(noun)}Input, options: Options = {}): ${cap(noun)}Result {`,
        `  const seen = new Set<string>();`,
        `  const out: ${cap(other)}[] = [];`,
        `  for (const entry of input.entries) {`,
        `    if (seen.has(entry.id)) continue;`,
        `    seen.add(entry.id);`,
        `    if (options.strict && !entry.${other}) {`,
        `      throw new Error(\`${noun} \${entry.id} has no ${other}\`);`,
        `    }`,
        `    out.push({ ...entry, total: entry.amount * (1 + (options.taxRate ?? 0)) });`,
        `  }`,
        `  return { items: out, count: out.length };`,
        `}`,
        ``,
      ];
    case 2:
      return [
        `export class ${type}Store {`,
        `  private readonly byId = new Map<string, ${cap(noun)}>();`,
        ``,
        `  constructor(private readonly source: Source<${cap(noun)}>) {}`,
        ``,
        `  async ${verb}(id: string): Promise<${cap(noun)} | undefined> {`,
        `    const cached = this.byId.get(id);`,
        `    if (cached) return cached;`,
        `    const fresh = await this.source.get(id);`,
        `    if (fresh) this.byId.set(id, fresh);`,
        `    return fresh;`,
        `  }`,
        ``,
        `  clear(): void {`,
        `    this.byId.clear();`,
        `  }`,
        `}`,
        ``,
      ];
    default:
      return [
        `// ${cap(verb)} every ${noun} of a ${other} and report the ones that failed.`,
        `export async function ${verb}All${type}(${other}: ${cap(other)}, client: Client): Promise<string[]> {`,
        `  const failed: string[] = [];`,
        `  await Promise.all(`,
        `    ${other}.${noun}s.map(async (${noun}) => {`,
        `      const response = await client.post(\`/${noun}s/\${${noun}.id}/${verb}\`, { force: false });`,
        `      if (!response.ok) failed.push(${noun}.id);`,
        `    }),`,
        `  );`,
        `  return failed;`,
        `}`,
        ``,
      ];
  }
}

/** About `lines` lines of TypeScript (exactly that many). */
export function syntheticSource(lines: number, seed = 1): string {
  const random = new Random(seed);
  const out = [
    `import * as path from 'node:path';`,
    `import { Client, Options, Source } from './types';`,
    ``,
  ];
  for (let n = 0; out.length < lines; n++) out.push(...block(random, n));
  return out.slice(0, lines).join('\n');
}
