/** highlight.js core with the languages answers mostly use (the full build would weigh ~1 MB in the bundle). */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const languages = { bash, c, cpp, css, diff, go, java, javascript, json, markdown, python, rust, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);
hljs.registerAliases(['sh', 'shell', 'zsh', 'shellscript', 'console'], { languageName: 'bash' });
hljs.registerAliases(['html', 'svg'], { languageName: 'xml' });
hljs.registerAliases(['tsx', 'typescriptreact'], { languageName: 'typescript' });
hljs.registerAliases(['jsx', 'javascriptreact'], { languageName: 'javascript' });

export function isKnownLanguage(language: string): boolean {
  return Boolean(language && hljs.getLanguage(language));
}

/** The code as highlighted HTML (escaped); plain escaped text for a language not in the set. */
export function highlight(code: string, language: string, escape: (text: string) => string): string {
  const known = language && hljs.getLanguage(language) ? language : undefined;
  if (!known) return escape(code);
  try {
    return hljs.highlight(code, { language: known, ignoreIllegals: true }).value;
  } catch {
    return escape(code);
  }
}
