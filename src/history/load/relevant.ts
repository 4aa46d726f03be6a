// Which argument pairs of an entry's threads are about the subject: the point quotes one of
// the subject's changed lines, or the reply names the subject. A forty-message thread about
// a whole series keeps only the exchanges about this function.
import type { ArgumentPair } from '../types.js';
import { isBot } from './bots.js';

const normalise = (line: string) => line.replace(/^[+\- ]/, '').replace(/\s+/g, ' ').trim();

export interface Relevance {
  /** The subject's changed lines, normalised (see changedLines). */
  changed: string[];
  /** Matches a name of the subject in prose. */
  names: RegExp;
}

/** 'quotes' when the point quotes a changed line, 'names' when the reply names it, else null. */
export function relevanceOf(pair: ArgumentPair, r: Relevance): 'quotes' | 'names' | null {
  const changed = new Set(r.changed);
  if (pair.point.text.split('\n').some((l) => changed.has(normalise(l)))) return 'quotes';
  // A point that names it (a changelog, say) with a reply about something else is not about it.
  if (r.names.test(pair.reply.text)) return 'names';
  return null;
}

/** The relevant pairs, those quoting the changed lines first, each kept in thread order. */
export function relevantArguments(pairs: ArgumentPair[], r: Relevance): ArgumentPair[] {
  const scored = pairs
    .filter((p) => !isBot({ name: p.reply.author?.name ?? null, email: p.reply.author?.email ?? null }))
    .map((p, i) => ({ p, i, how: relevanceOf(p, r) }))
    .filter((s) => s.how !== null);
  return scored.sort((a, b) => (a.how === b.how ? a.i - b.i : a.how === 'quotes' ? -1 : 1)).map((s) => s.p);
}
