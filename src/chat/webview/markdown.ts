/**
 * Markdown → sanitized DOM. markdown-it with raw HTML off (`<script>` in an answer is shown as text), linkify on and
 * images off (an answer must not make the view fetch anything); code fences highlighted and given Copy / Insert /
 * New File buttons; and DOMPurify over the result all the same, so that no element or attribute the view did not
 * mean to create can reach the page. Links are not followed here: the click handler sends them to the host.
 */
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { highlight, isKnownLanguage } from './highlight';
import { LAZY_ATTRIBUTE, LAZY_HIGHLIGHT_CHARS, highlightLater } from './lazyHighlight';

const md = new MarkdownIt({ html: false, linkify: true, breaks: false });
md.disable(['image']);

const escape = (text: string): string => md.utils.escapeHtml(text);

function button(action: 'copy' | 'insert' | 'newfile', icon: string, label: string): string {
  return `<button type="button" class="code-action" data-action="${action}" title="${label}" aria-label="${label}"><span class="codicon codicon-${icon}"></span></button>`;
}

md.renderer.rules.fence = (tokens, index) => {
  const token = tokens[index];
  const language = token.info.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  // A long block is highlighted later, a piece at a time (lazyHighlight.ts); a short one now.
  const lazy = token.content.length > LAZY_HIGHLIGHT_CHARS && isKnownLanguage(language);
  const code = lazy ? escape(token.content) : highlight(token.content, language, escape);
  const label = language ? `<span class="code-language">${escape(language)}</span>` : '<span class="code-language"></span>';
  return (
    `<div class="code-block" data-language="${escape(language)}"><div class="code-toolbar">${label}` +
    `${button('copy', 'copy', 'Copy')}${button('insert', 'insert', 'Insert at Cursor')}` +
    `${button('newfile', 'new-file', 'Open in New File')}</div>` +
    `<pre><code class="hljs${language ? ` language-${escape(language)}` : ''}"${lazy ? ` ${LAZY_ATTRIBUTE}="${escape(language)}"` : ''}>${code}</code></pre></div>`
  );
};

const PURIFY = {
  RETURN_DOM_FRAGMENT: true as const,
  FORBID_TAGS: ['style', 'form', 'input', 'textarea', 'select', 'img', 'svg', 'math', 'iframe', 'object', 'embed'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
};

export function renderMarkdown(source: string): DocumentFragment {
  const fragment = DOMPurify.sanitize(md.render(source), PURIFY);
  highlightLater(fragment);
  return fragment;
}
