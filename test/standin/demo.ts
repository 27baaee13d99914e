// A tiny rule-based "model" for `npm start` without an API key: it reads the fill-in-the-middle prompt and answers
// plausible code for a handful of common cases in Python and TypeScript/JavaScript, streamed like a real server
// (first chunk after ~150 ms, then ~20 ms per chunk). It is a demo, not a model: anything it does not recognise gets
// a TODO comment in the file's language.
import { promptOf, type Answer, type RecordedRequest, type Responder } from './server';

type Lang = 'python' | 'ts';
interface Fim { prefix: string; suffix: string }

const FIM_FORMATS: Array<[string, string, string]> = [
  ['<fim_prefix>', '<fim_suffix>', '<fim_middle>'],
  ['<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>'],
  ['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>'],
];

/** Splits a FIM prompt into prefix and suffix; a prompt without FIM tokens is all prefix. */
export function parseFim(prompt: string): Fim {
  for (const [pre, suf, mid] of FIM_FORMATS) {
    const p = prompt.indexOf(pre);
    const s = prompt.indexOf(suf);
    if (p >= 0 && s > p) {
      const m = prompt.indexOf(mid, s);
      return { prefix: prompt.slice(p + pre.length, s), suffix: prompt.slice(s + suf.length, m >= 0 ? m : undefined) };
    }
  }
  return { prefix: prompt, suffix: '' };
}

function detectLanguage(prefix: string): Lang {
  const file = /[\w-]+\.(py|pyi|ts|tsx|js|jsx|mjs|cjs)\b/.exec(prefix.slice(0, 300));
  if (file) return file[1].startsWith('py') ? 'python' : 'ts';
  if (/^\s*(def |class \w+.*:\s*$|import \w+\s*$|from \w+ import)|^\s*#/m.test(prefix)) return 'python';
  return 'ts';
}

const indentOf = (line: string): string => /^\s*/.exec(line)?.[0] ?? '';

function paramsOf(list: string): string[] {
  return list.split(',').map((p) => p.trim().split(/[:=\s]/)[0].replace(/^[*.]+/, '')).filter((p) => p && p !== 'self');
}

/** The value a function returns, guessed from its name and parameters (undefined: no idea). */
function resultFor(name: string, params: string[], lang: Lang): string | undefined {
  const n = name.toLowerCase().replace(/_/g, '');
  const [a = 'a', b = 'b'] = params;
  const py = lang === 'python';
  const ops: Array<[RegExp, string]> = [[/add|sum|plus/, '+'], [/sub|minus|diff/, '-'], [/mul|times|product/, '*'], [/div/, '/']];
  for (const [re, op] of ops) if (re.test(n) && params.length >= 2) return `${a} ${op} ${b}`;
  if (/greet|hello/.test(n)) return py ? `f"Hello, {${a}}!"` : `\`Hello, \${${a}}!\``;
  if (/square/.test(n)) return `${a} * ${a}`;
  if (/iseven/.test(n)) return py ? `${a} % 2 == 0` : `${a} % 2 === 0`;
  if (/isodd/.test(n)) return py ? `${a} % 2 == 1` : `${a} % 2 !== 0`;
  if (/max|min/.test(n) && params.length >= 2) {
    const f = /max/.test(n) ? 'max' : 'min';
    return py ? `${f}(${a}, ${b})` : `Math.${f}(${a}, ${b})`;
  }
  if (/fact/.test(n)) return py ? `1 if ${a} <= 1 else ${a} * ${name}(${a} - 1)` : `${a} <= 1 ? 1 : ${a} * ${name}(${a} - 1)`;
  if (/fib/.test(n)) return py ? `${a} if ${a} < 2 else ${name}(${a} - 1) + ${name}(${a} - 2)` : `${a} < 2 ? ${a} : ${name}(${a} - 1) + ${name}(${a} - 2)`;
  if (/reverse/.test(n)) return py ? `${a}[::-1]` : `[...${a}].reverse().join('')`;
  if (/length|count|size/.test(n) && params.length === 1) return py ? `len(${a})` : `${a}.length`;
  return undefined;
}

/** A one-statement function body. */
function bodyFor(name: string, params: string[], lang: Lang): string {
  const result = resultFor(name, params, lang);
  if (lang === 'python') return result ? `return ${result}` : `raise NotImplementedError("${name}")`;
  return result ? `return ${result};` : `throw new Error('${name}: not implemented');`;
}

/** Code for a comment that says what to do next. */
function codeForComment(text: string, lang: Lang): string | undefined {
  const t = text.toLowerCase();
  const py = lang === 'python';
  if (/hello/.test(t)) return py ? 'print("Hello, world!")' : "console.log('Hello, world!');";
  if (/read.*file/.test(t)) return py ? 'with open(path) as f:\n    data = f.read()' : "const data = await fs.promises.readFile(path, 'utf8');";
  if (/sort/.test(t)) return py ? 'items.sort()' : 'items.sort((x, y) => x - y);';
  if (/loop|iterate|for each/.test(t)) return py ? 'for item in items:\n    print(item)' : 'for (const item of items) {\n  console.log(item);\n}';
  if (/sum|total/.test(t)) return py ? 'total = sum(items)' : 'const total = items.reduce((acc, x) => acc + x, 0);';
  return undefined;
}

const indentLines = (code: string, indent: string): string => code.split('\n').join('\n' + indent);

/** The completion text for the cursor between prefix and suffix (may start with a newline). */
export function complete(fim: Fim, lang: Lang = detectLanguage(fim.prefix)): string {
  const lines = fim.prefix.split('\n');
  const current = lines[lines.length - 1];
  const onBlankLine = current.trim() === '' && lines.length > 1;
  const anchor = onBlankLine ? lines[lines.length - 2] : current;
  const baseIndent = indentOf(anchor);
  const unit = lang === 'python' ? '    ' : '  ';
  const inner = baseIndent + unit;
  const closingFollows = /^\s*\}/.test(fim.suffix);
  const midLine = !/^[ \t]*(\r?\n|$)/.test(fim.suffix);
  // Starts the text on a fresh line with the given indentation, unless the cursor already sits on one.
  const lead = (indent: string): string => (onBlankLine ? indent.slice(current.length) : '\n' + indent);

  if (!onBlankLine && /^\s*if __name__\s*$/.test(current)) return ' == "__main__":\n' + baseIndent + '    main()';
  const pyDef = /^\s*(?:async\s+)?def\s+(\w+)\s*\(([^)]*)\)\s*(?:->\s*[^:]+)?:\s*$/.exec(anchor);
  if (pyDef) return lead(inner) + bodyFor(pyDef[1], paramsOf(pyDef[2]), 'python');
  if (lang === 'python' && /^\s*class\s+\w+.*:\s*$/.test(anchor)) {
    return lead(inner) + `def __init__(self):\n${inner}    pass`;
  }
  // `function f(x) {`, `f(x) {` (a method), `const f = (x) => {`
  const fn = /(?:function\s+(\w+)|^\s*(?:async\s+)?(\w+))\s*\(([^)]*)\)\s*(?::\s*[^{]+)?\{\s*$/.exec(anchor)
    ?? /(?:const|let|var)\s+(\w+)\s*=\s*(?:async\s*)?\(()([^)]*)\)\s*(?::\s*[^=]+)?=>\s*\{\s*$/.exec(anchor);
  if (fn && !/^\s*(if|for|while|switch|catch)\b/.test(anchor)) {
    const body = bodyFor(fn[1] ?? fn[2], paramsOf(fn[3]), 'ts');
    return lead(inner) + body + (closingFollows ? '' : `\n${baseIndent}}`);
  }
  // `const f = (x) =>` with the body still to write
  const arrow = /(?:const|let|var)\s+(\w+)\s*=\s*(?:async\s*)?\(([^)]*)\)\s*(?::\s*[^=]+)?=>\s*$/.exec(current);
  if (arrow) {
    const space = current.endsWith(' ') ? '' : ' ';
    const result = resultFor(arrow[1], paramsOf(arrow[2]), 'ts');
    return space + (result ? `${result};` : `{\n${inner}${bodyFor(arrow[1], [], 'ts')}\n${baseIndent}};`);
  }
  if (!onBlankLine && /\bconsole\.$/.test(current)) return "log('here');";
  const comment = /^\s*(?:#|\/\/)\s*(.+)$/.exec(anchor);
  const code = comment ? codeForComment(comment[1], lang) : undefined;
  if (code) return lead(baseIndent) + indentLines(code, baseIndent);
  if (midLine) return '';
  const todo = lang === 'python' ? '# TODO: continue here' : '// TODO: continue here';
  return (current.trim() === '' ? '' : '\n' + baseIndent) + todo;
}

/** Splits text into a few chunks the way a model streams tokens. */
export function toChunks(text: string, size = 8): string[] {
  return text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];
}

/**
 * Other answers for Show Next Inline Suggestion (a request with `n` > 1): where the answer ends in `return X`, the
 * same value kept in a variable first, and the return with a comment saying what it gives.
 */
export function variantsOf(text: string, lang: Lang): string[] {
  const match = /^([\s\S]*?)([ \t]*)return (.+?)(;?)$/.exec(text);
  if (!match) return [];
  const [, before, indent, value, semicolon] = match;
  const kept = lang === 'python' ? `result = ${value}` : `const result = ${value};`;
  const comment = lang === 'python' ? `# The result: ${value}` : `// The result: ${value}`;
  return [`${before}${indent}${kept}\n${indent}return result${semicolon}`, `${before}${indent}${comment}\n${indent}return ${value}${semicolon}`];
}

export const demoResponder: Responder = (req: RecordedRequest): Answer => {
  const fim = parseFim(promptOf(req));
  const text = complete(fim);
  return {
    kind: 'completion', chunks: toChunks(text), ttftMs: 150, chunkDelayMs: 20,
    alternatives: variantsOf(text, detectLanguage(fim.prefix)).map((variant) => toChunks(variant)),
  };
};

function lastUserMessage(body: unknown): string {
  const messages = typeof body === 'object' && body !== null ? (body as { messages?: unknown }).messages : undefined;
  if (!Array.isArray(messages)) return '';
  for (let i = messages.length - 1; i >= 0; i--) {
    const m: unknown = messages[i];
    if (typeof m !== 'object' || m === null || (m as { role?: unknown }).role !== 'user') continue;
    const content = (m as { content?: unknown }).content;
    if (typeof content === 'string') return content;
    if (Array.isArray(content)) {
      return content.map((p: unknown) => (typeof p === 'object' && p !== null && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join(' ');
    }
  }
  return '';
}

/** A user turn as the chat sends it (attachments in fences, each headed by its path) → its question and context headings. */
export function splitUserTurn(message: string): { question: string; context: string[] } {
  const context: string[] = [];
  const rest: string[] = [];
  const lines = message.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heading = /^(Selection from|File) (.+):$/.exec(lines[i]);
    const fence = /^(`{3,})/.exec(lines[i + 1] ?? '');
    if (!heading || !fence) {
      rest.push(lines[i]);
      continue;
    }
    context.push(`${heading[1] === 'File' ? 'the file' : 'a selection from'} ${heading[2]}`);
    // Past the closing fence (as long as the opening one), and the note about a cut that may follow it.
    let j = i + 2;
    while (j < lines.length && lines[j] !== fence[1]) j++;
    i = /^\[(Cut|Left out)/.test(lines[j + 1] ?? '') ? j + 1 : j;
  }
  return { question: rest.join('\n').trim().replace(/\s+/g, ' '), context };
}

export const demoChatResponder: Responder = (req: RecordedRequest): Answer => {
  const { question, context } = splitUserTurn(lastUserMessage(req.body));
  const echo = question.length > 160 ? question.slice(0, 157) + '...' : question || '(empty message)';
  const text = [
    'This is the **demo stand-in**, not a real model: no Fireworks API key is set, so answers are canned.',
    '',
    `You asked: *${echo.replace(/[*_`]/g, '\\$&')}*`,
    ...(context.length ? ['', `With it went ${context.map((c) => `\`${c.replace(/`/g, '')}\``).join(', ')}, as a model would get them.`] : []),
    '',
    'With a real model you would get an actual answer here. A code block, to show how they render:',
    '',
    '```python',
    'def add(a, b):',
    '    return a + b',
    '```',
    '',
    'Set your Fireworks API key to chat with a real model.',
  ].join('\n');
  return { kind: 'chat', content: toChunks(text, 24), ttftMs: 150, chunkDelayMs: 20 };
};
