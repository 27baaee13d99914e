/**
 * How a chat session is described in the history list: when it was last used ("5 min ago", "yesterday"), how many
 * questions it holds and with which model. Pure: the clock is passed in, and days are the local calendar's.
 */
import type { ChatSession } from './session';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function startOfDay(time: number): number {
  const date = new Date(time);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** Calendar days from `then` to `now` (a day with a daylight-saving change still counts as one). */
function calendarDays(then: number, now: number): number {
  return Math.round((startOfDay(now) - startOfDay(then)) / (24 * HOUR));
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * `then` as "just now", "5 min ago", "3 hours ago" (today), "yesterday", "3 days ago", "2 weeks ago",
 * "4 months ago", "2 years ago". A time in the future (another machine's clock) is "just now".
 */
export function relativeTime(then: number, now: number): string {
  const elapsed = now - then;
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  const days = calendarDays(then, now);
  if (days <= 0) return `${plural(Math.floor(elapsed / HOUR), 'hour')} ago`;
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  if (days < 30) return `${plural(Math.floor(days / 7), 'week')} ago`;
  if (days < 365) return `${plural(Math.max(1, Math.floor(days / 30.44)), 'month')} ago`;
  return `${plural(Math.max(1, Math.floor(days / 365.25)), 'year')} ago`;
}

/**
 * A model id as short as it stays recognisable: Fireworks' `accounts/fireworks/models/llama-v3p1-8b-instruct` is
 * `llama-v3p1-8b-instruct`; a deployment (`<model>#accounts/<a>/deployments/<id>`) is its model's name plus
 * `(deployment <id>)`.
 */
export function shortModelName(model: string): string {
  const [base = '', deployment] = model.split('#', 2);
  const name = base.split('/').filter(Boolean).pop() ?? base;
  const id = deployment?.split('/').filter(Boolean).pop();
  return id ? `${name} (deployment ${id})` : name;
}

/**
 * Text for a VS Code list label, where `$(name)` would be drawn as an icon: a title that asks about `$(pwd)` shows
 * it as typed (VS Code draws `\$(name)` as the literal text).
 */
export function escapeIcons(text: string): string {
  return text.replace(/\$\([A-Za-z0-9-]+(?:~[A-Za-z-]+)?\)/g, (match) => `\\${match}`);
}

export interface SessionSummary {
  /** The title, ready for a VS Code label (see escapeIcons). */
  readonly label: string;
  /** When it was last used, and whether it is the one the chat view shows. */
  readonly description: string;
  /** E.g. `3 questions · llama-v3p1-8b-instruct`. */
  readonly detail: string;
}

export function summarizeSession(session: ChatSession, now: number, currentId: string | undefined): SessionSummary {
  const questions = session.messages.filter((m) => m.role === 'user').length;
  const when = relativeTime(session.updatedAt, now);
  const model = session.model.trim() ? shortModelName(session.model.trim()) : '';
  return {
    label: escapeIcons(session.title),
    description: session.id === currentId ? `${when} · current` : when,
    detail: [questions ? plural(questions, 'question') : 'no questions yet', model].filter(Boolean).join(' · '),
  };
}
