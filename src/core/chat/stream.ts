/**
 * Chat stream shaping that needs no network: `<think>…</think>` in `content` → reasoning vs answer.
 *
 * Some models (DeepSeek-R1, Qwen3, QwQ and others served without a reasoning parser) write their reasoning into
 * `content`, wrapped in `<think>…</think>`, instead of the `reasoning_content` field. The splitter moves it to the
 * reasoning side incrementally, holding back only the few characters that may be the start of a tag split across
 * chunks (`<thi` + `nk>`), so the view never shows a raw tag and still streams without visible delay.
 *
 * The rules, chosen so that an answer that merely talks about think tags is left alone:
 * - `<think>` opens reasoning only at the very start of the content (leading whitespace allowed), which is where
 *   these models put it; later in the answer it is ordinary text.
 * - Everything up to the first `</think>` is reasoning (its leading whitespace dropped); whitespace right after the
 *   close tag is dropped too (models put a blank line there); the rest is content, passed through untouched.
 * - A stream that ends inside reasoning (cut by max_tokens or Stop) leaves it all as reasoning; a stream that ends
 *   while the start is still undecided (`<thi`) gives that text back as content.
 * - Templates that put `<think>` in the prompt make the model emit only `</think>`: pass `startInReasoning` for
 *   such models. Without it, such an orphan `</think>` is shown as text (it cannot be recognised until after the
 *   reasoning before it was shown as content).
 */

export const THINK_OPEN = '<think>';
export const THINK_CLOSE = '</think>';

export interface SplitText {
  /** Answer text to append (may be empty). */
  readonly content: string;
  /** Reasoning text to append (may be empty). */
  readonly reasoning: string;
}

type State = 'start' | 'reasoning' | 'after-reasoning' | 'content';

/** The longest tail of `text` that is a proper prefix of `tag` (what must wait for the next chunk). */
function partialTagTail(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
    if (tag.startsWith(text.slice(text.length - n))) return n;
  }
  return 0;
}

export class ThinkSplitter {
  private state: State;

  /** Text held back: the undecided start, or a possible partial close tag. */
  private held = '';

  /** Whether any reasoning text was emitted yet (its leading whitespace is dropped). */
  private reasoningStarted = false;

  constructor(options: { startInReasoning?: boolean } = {}) {
    this.state = options.startInReasoning ? 'reasoning' : 'start';
  }

  /** Feeds one chunk of `content`; returns what can be shown now. */
  push(chunk: string): SplitText {
    const out = { content: '', reasoning: '' };
    this.feed(chunk, out);
    return out;
  }

  /** The stream ended (or stopped): returns whatever was held back. */
  end(): SplitText {
    const held = this.held;
    this.held = '';
    if (this.state === 'start') {
      this.state = 'content';
      return { content: held, reasoning: '' };
    }
    if (this.state === 'reasoning') return { content: '', reasoning: this.emitReasoning(held) };
    return { content: '', reasoning: '' };
  }

  private feed(chunk: string, out: { content: string; reasoning: string }): void {
    let text = chunk;
    // Each pass either finishes with the text or moves to a later state, so this ends.
    for (;;) {
      switch (this.state) {
        case 'content':
          out.content += text;
          return;
        case 'start': {
          const pending = this.held + text;
          const trimmed = pending.trimStart();
          if (trimmed.length < THINK_OPEN.length && THINK_OPEN.startsWith(trimmed)) {
            this.held = pending; // all whitespace, or a prefix of `<think>`: undecided
            return;
          }
          this.held = '';
          if (!trimmed.startsWith(THINK_OPEN)) {
            this.state = 'content';
            text = pending;
            continue;
          }
          this.state = 'reasoning';
          text = trimmed.slice(THINK_OPEN.length);
          continue;
        }
        case 'reasoning': {
          const pending = this.held + text;
          this.held = '';
          const close = pending.indexOf(THINK_CLOSE);
          if (close < 0) {
            const keep = partialTagTail(pending, THINK_CLOSE);
            this.held = pending.slice(pending.length - keep);
            out.reasoning += this.emitReasoning(pending.slice(0, pending.length - keep));
            return;
          }
          out.reasoning += this.emitReasoning(pending.slice(0, close));
          this.state = 'after-reasoning';
          text = pending.slice(close + THINK_CLOSE.length);
          continue;
        }
        case 'after-reasoning': {
          const trimmed = text.trimStart();
          if (!trimmed) return;
          this.state = 'content';
          text = trimmed;
          continue;
        }
      }
    }
  }

  private emitReasoning(text: string): string {
    if (this.reasoningStarted) return text;
    const trimmed = text.trimStart();
    if (trimmed) this.reasoningStarted = true;
    return trimmed;
  }
}

/** Splits a whole (non-streamed) content string at once. */
export function splitThink(content: string, options: { startInReasoning?: boolean } = {}): SplitText {
  const splitter = new ThinkSplitter(options);
  const first = splitter.push(content);
  const last = splitter.end();
  return { content: first.content + last.content, reasoning: first.reasoning + last.reasoning };
}
