// Which argument pairs of an entry's threads are about the subject: the point quotes one of
// the subject's changed lines, or the reply names the subject. A forty-message thread about
// a whole series keeps only the exchanges about this function.
import type { ArgumentPair } from '../types.js';
import { isBot } from './bots.js';

/** Lines that many functions share: returns, gotos, lone braces, error checks. */
const GENERIC = /^(#|return\b|goto\b|break;|continue;|else\b|\}|\{|if \((err|ret|!\w+)\)|(err|ret) = )/;

/** How many quoted lines above a reply it is taken to answer. */
const ANSWERED_LINES = 12;

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
  // A reply answers the quoted lines right above it: a whole diff quoted for one remark at
  // its end is about that end. 'return -EINVAL;' is in every patch: short lines are chance.
  const tail = pair.point.text.split('\n').map(normalise).filter((l) => l !== '').slice(-ANSWERED_LINES);
  const hits = [...new Set(tail.filter((l) => changed.has(l)))];
  if (hits.some((l) => l.length >= 25 && !GENERIC.test(l)) || hits.length >= 3) return 'quotes';
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
