// Which ancestor an attribution line means: by address, then by name, then by the date it gives.
import type { AttributionParse } from '../segment/index.js';
import type { Ancestor } from './types.js';
import { normaliseName } from '../people/names.js';

export function sameAuthor(who: AttributionParse, ancestor: Ancestor): boolean {
  if (who.email && ancestor.authorEmail && who.email === ancestor.authorEmail.toLowerCase()) return true;
  if (who.name && ancestor.authorName) return normaliseName(who.name) === normaliseName(ancestor.authorName);
  return false;
}

/**
 * The ancestor an attribution at quote depth `depth` refers to: the one at that distance when it
 * matches, else the only match, else the match whose date agrees with the line's; else null.
 */
export function ancestorForAttribution(
  who: AttributionParse, ancestry: Ancestor[], depth: number,
): { index: number } | { ambiguous: number } | null {
  const matches = ancestry.map((a, index) => ({ a, index })).filter(({ a }) => sameAuthor(who, a));
  if (matches.length === 0) return null;
  const expected = matches.find((m) => m.index === depth - 1);
  if (expected) return { index: expected.index };
  if (matches.length === 1) return { index: matches[0].index };
  const when = attributionTime(who.dateText);
  if (when !== null) {
    const dated = matches
      .filter((m) => m.a.date && Math.abs(Date.parse(m.a.date) - when) < 36 * 3600 * 1000)
      .sort((x, y) => Math.abs(Date.parse(x.a.date!) - when) - Math.abs(Date.parse(y.a.date!) - when));
    if (dated.length) return { index: dated[0].index };
  }
  return { ambiguous: matches.length };
}

/** "Sat, May 31, 2003 at 04:48:16PM -0700" → epoch ms; null when it cannot be read. */
export function attributionTime(dateText: string | null): number | null {
  if (!dateText) return null;
  const cleaned = dateText
    .replace(/\bat\b/gi, ' ')
    .replace(/(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP])M\b/gi, (_m, h: string, min: string, s: string | undefined, ap: string) => {
      let hour = Number(h) % 12;
      if (ap.toUpperCase() === 'P') hour += 12;
      return `${String(hour).padStart(2, '0')}:${min}:${s ?? '00'}`;
    })
    .replace(/\s+/g, ' ')
    .trim();
  const t = Date.parse(cleaned);
  return Number.isNaN(t) ? null : t;
}
