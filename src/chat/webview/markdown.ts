/**
 * Markdown → sanitized DOM. markdown-it with raw HTML off (`<script>` in an answer is shown as text), linkify on and
 * images off (an answer must not make the view fetch anything); code fences highlighted and given Copy / Insert /
 * New File buttons; and DOMPurify over the result all the same, so that no element or attribute the view did not
 * mean to create can reach the page. Links are not followed here: the click handler sends them to the host.
 */
import DOMPurify from 'dompurify';
import MarkdownIt, { type Token } from 'markdown-it';
import { highlight, isKnownLanguage } from './highlight';
import { LAZY_ATTRIBUTE, LAZY_HIGHLIGHT_CHARS, highlightLater } from './lazyHighlight';

const md = new MarkdownIt({ html: false, linkify: true, breaks: false });
md.disable(['image']);

// A table column's alignment (`| ---: |`) comes from markdown-it as a style attribute, which the view's CSP refuses
// (the column would not align, and every cell would log a violation): it becomes a class of chat.css's instead.
md.core.ruler.push('fireworks_align_classes', (state) => {
  for (const token of state.tokens) {
    if (token.type !== 'th_open' && token.type !== 'td_open') continue;
    const align = /^text-align:(left|center|right)$/.exec(String(token.attrGet('style') ?? ''))?.[1];
    if (!align) continue;
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
    token.attrJoin('class', `md-align-${align}`);
  }
});

const escape = (text: string): string => md.utils.escapeHtml(text);

/** The language of a fence's info string, as the code block shows it (its first word, lower case). */
const fenceLanguage = (info: string): string => info.trim().split(/\s+/)[0]?.toLowerCase() ?? '';

/** How a fence's HTML starts (sanitized() looks for it: most HTML it gets has no code block). */
const CODE_BLOCK = '<div class="code-block"';

/** What markdownHtml passes to the fence rule through markdown-it's `env`. */
const HIGHLIGHT_LATER = 'fireworksHighlightLater';

// A fence becomes `div.code-block > pre > code`; its toolbar (language, Copy / Insert / New File) is added after
// sanitizing (withToolbars), built with DOM calls: it holds no text of the answer's but the language, and DOMPurify
// would spend more time on its buttons than on a short block's code.
md.renderer.rules.fence = (tokens, index, _options, env) => {
  const token = tokens[index];
  const language = fenceLanguage(token.info);
  // A long block is highlighted later, a piece at a time (lazyHighlight.ts); a short one now, unless the caller
  // wants it later too (a block that closes while the answer streams: its frame stays short).
  const lazy = (env?.[HIGHLIGHT_LATER] === true || token.content.length > LAZY_HIGHLIGHT_CHARS) && isKnownLanguage(language);
  const code = lazy ? escape(token.content) : highlight(token.content, language, escape);
  return (
    `${CODE_BLOCK} data-language="${escape(language)}">` +
    `<pre><code class="hljs${language ? ` language-${escape(language)}` : ''}"${lazy ? ` ${LAZY_ATTRIBUTE}="${escape(language)}"` : ''}>${code}</code></pre></div>`
  );
};

function button(action: 'copy' | 'insert' | 'apply' | 'newfile', icon: string, label: string): HTMLButtonElement {
  // No `type`: DOMPurify dropped it from the HTML these buttons were made of, and they are in no form.
  const element = document.createElement('button');
  element.className = 'code-action';
  element.dataset.action = action;
  element.title = label;
  element.setAttribute('aria-label', label);
  const glyph = document.createElement('span');
  glyph.className = `codicon codicon-${icon}`;
  element.append(glyph);
  return element;
}

let toolbarTemplate: HTMLElement | undefined;

function toolbar(language: string): HTMLElement {
  if (!toolbarTemplate) {
    toolbarTemplate = document.createElement('div');
    toolbarTemplate.className = 'code-toolbar';
    const label = document.createElement('span');
    label.className = 'code-language';
    toolbarTemplate.append(label, button('copy', 'copy', 'Copy'), button('insert', 'insert', 'Insert at Cursor'), button('apply', 'diff', 'Apply to File'), button('newfile', 'new-file', 'Open in New File'));
  }
  const bar = toolbarTemplate.cloneNode(true) as HTMLElement;
  if (language) bar.firstChild?.appendChild(document.createTextNode(language));
  return bar;
}

/** Every code block in `root` (only the fence rule makes them: raw HTML is off) gets its toolbar. */
function withToolbars(root: ParentNode): void {
  for (const block of Array.from(root.querySelectorAll<HTMLElement>('div.code-block'))) block.prepend(toolbar(block.dataset.language ?? ''));
}

const PURIFY = {
  RETURN_DOM_FRAGMENT: true as const,
  FORBID_TAGS: ['style', 'form', 'input', 'textarea', 'select', 'img', 'svg', 'math', 'iframe', 'object', 'embed'],
  // The CSP refuses style attributes anyway; none reaches the page (markdown-it's alignment is a class, above).
  FORBID_ATTR: ['style'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
};

// An instance of its own, configured once: DOMPurify otherwise parses the configuration again on every call (the
// tail of a streaming answer is sanitized once per frame), and lazyHighlight.ts uses the shared one with another.
const purify = DOMPurify(window);
purify.setConfig(PURIFY);

/**
 * Markdown → HTML, not sanitized yet: only ever shown through `sanitized`. `when: 'later'` leaves every code block
 * of a known language plain, for lazyHighlight.ts to highlight in a task of its own soon after: for a block that
 * closes while an answer streams.
 */
export function markdownHtml(source: string, when: 'now' | 'later' = 'now'): string {
  return md.render(source, { [HIGHLIGHT_LATER]: when === 'later' });
}

/** HTML from `markdownHtml` → sanitized DOM; long code blocks are queued to be highlighted a piece at a time. */
export function sanitized(html: string): DocumentFragment {
  // The configuration given here is the one set above (setConfig makes sanitize ignore it); it types the result.
  const fragment = purify.sanitize(html, PURIFY);
  // Most of what streams has no code block: it is not searched for one (a table cell is sanitized per chunk).
  if (html.includes(CODE_BLOCK)) withToolbars(fragment);
  if (html.includes(LAZY_ATTRIBUTE)) highlightLater(fragment);
  return fragment;
}

export function renderMarkdown(source: string, when: 'now' | 'later' = 'now'): DocumentFragment {
  return sanitized(markdownHtml(source, when));
}

/** A source parsed once, its HTML taken in parts (markdownTail.ts renders again only the parts that changed). */
export interface ParsedMarkdown {
  readonly tokens: readonly Token[];
  /** The HTML of tokens [from, to): markdown-it's own render loop over them, so the parts join into the whole. */
  html(from: number, to: number): string;
}

export function parseMarkdown(source: string): ParsedMarkdown {
  const env = { [HIGHLIGHT_LATER]: false };
  const tokens = md.parse(source, env);
  const { renderer, options } = md;
  return {
    tokens,
    html(from, to) {
      let out = '';
      for (let i = from; i < to; i++) {
        const token = tokens[i];
        const rule = renderer.rules[token.type];
        if (token.type === 'inline') out += renderer.renderInline(token.children ?? [], options, env);
        else if (rule) out += rule(tokens, i, options, env, renderer);
        else out += renderer.renderToken(tokens, i, options);
      }
      return out;
    },
  };
}

/** Language names built into elements directly (any other goes through HTML and DOMPurify like the rest). */
const PLAIN_LANGUAGE = /^[\w#+.-]*$/;

/** An empty code block as a fence in `language` renders (for code shown as it streams); `code` is its code element. */
export function emptyCodeBlock(language: string): { readonly root: HTMLElement; readonly code: HTMLElement } {
  const lang = fenceLanguage(md.utils.unescapeAll(language));
  if (!PLAIN_LANGUAGE.test(lang)) {
    // Rendered as any fence, so that whatever DOMPurify would make of such a name, it makes of it here too.
    const fragment = renderMarkdown(`\`\`\`${language}\n\`\`\`\n`);
    const block = fragment.querySelector<HTMLElement>('div.code-block');
    const code = block?.querySelector<HTMLElement>('code');
    if (block && code) return { root: block, code };
  }
  const root = document.createElement('div');
  root.className = 'code-block';
  root.dataset.language = lang;
  const pre = document.createElement('pre');
  const code = document.createElement('code');
  code.className = lang ? `hljs language-${lang}` : 'hljs';
  pre.append(code);
  root.append(toolbar(lang), pre);
  return { root, code };
}

/**
 * `text` as markdown-it reads it, when that is exactly one fenced code block: its language and code (a streamed
 * block that closed can then keep the elements that showed it).
 */
export function soleFence(text: string): { readonly language: string; readonly content: string } | undefined {
  const tokens = md.parse(text, {});
  const token = tokens.length === 1 ? tokens[0] : undefined;
  return token?.type === 'fence' ? { language: fenceLanguage(token.info), content: token.content } : undefined;
}
