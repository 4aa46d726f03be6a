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
 * The ancestor an attribution at quote depth `depth` refers to. Among the ancestors by the person
 * it names: the one whose date is the line's (sameMoment), else the one at that distance, else the
 * only one, else the one whose date is nearest the line's; null when nobody matches. When nobody
 * by that name or address is up the thread, a line whose date is one ancestor's names that
 * message (the same person under another address or spelling: a corporate Outlook account).
 */
export function ancestorForAttribution(
  who: AttributionParse, ancestry: Ancestor[], depth: number,
): { index: number } | { ambiguous: number } | null {
  const matches = ancestry.map((a, index) => ({ a, index })).filter(({ a }) => sameAuthor(who, a));
  const moment = momentOf(who.dateText);
  if (matches.length === 0) {
    const dated = moment ? ancestry.map((a, index) => ({ a, index })).filter(({ a }) => atMoment(moment, a.date)) : [];
    return dated.length === 1 ? { index: dated[0].index } : null;
  }
  const agreeing = moment ? matches.find((m) => atMoment(moment, m.a.date)) : undefined;
  if (agreeing) return { index: agreeing.index };
  const expected = matches.find((m) => m.index === depth - 1);
  if (expected) return { index: expected.index };
  if (matches.length === 1) return { index: matches[0].index };
  const when = attributionTime(who.dateText);
  if (when !== null) {
    const near = matches
      .filter((m) => m.a.date && Math.abs(Date.parse(m.a.date) - when) < 36 * 3600 * 1000)
      .sort((x, y) => Math.abs(Date.parse(x.a.date!) - when) - Math.abs(Date.parse(y.a.date!) - when));
    if (near.length) return { index: near[0].index };
  }
  return { ambiguous: matches.length };
}

/** A zone in the line: "+0200", "-0700", "UTC", "GMT", "CEST", "PDT". */
const ZONE = /(?:^|\s)(?:[+-]\d{4}|UTC|GMT|[A-Z]{1,4}[SD]?T)(?:\s|\)|$)/;
/** A clock time: without one a date names a day, not a message. */
const CLOCK = /\d{1,2}:\d{2}/;

/** The minute an attribution line gives (epoch minutes), and whether the line said its zone. */
interface Moment {
  minute: number;
  zoned: boolean;
}

function momentOf(dateText: string | null): Moment | null {
  if (!dateText || !CLOCK.test(dateText)) return null;
  const zoned = ZONE.test(dateText);
  const when = attributionTime(zoned ? dateText : `${dateText} UTC`);
  return when === null ? null : { minute: Math.floor(when / 60_000), zoned };
}

/**
 * Whether a message's Date: (ISO, UTC) is the moment. With a zone in the line: the same minute.
 * Without one (Outlook's Sent: is the reader's local time, to the minute): the same minute in
 * some zone, i.e. a whole number of quarter hours apart, at most 14 h.
 */
function atMoment(moment: Moment, isoDate: string | null): boolean {
  const date = isoDate ? Date.parse(isoDate) : NaN;
  if (Number.isNaN(date)) return false;
  const minutes = Math.floor(date / 60_000) - moment.minute;
  if (moment.zoned) return minutes === 0;
  return Math.abs(minutes) <= 14 * 60 && minutes % 15 === 0;
}

/** Whether the moment an attribution line gives is a message's Date: (see atMoment). */
export function sameMoment(dateText: string | null, isoDate: string | null): boolean {
  const moment = momentOf(dateText);
  return moment !== null && atMoment(moment, isoDate);
}

/**
 * "Sat, May 31, 2003 at 04:48:16PM -0700", "Tuesday, July 9, 2024 5:19 AM",
 * "2024年7月9日 星期二 5:19" → epoch ms (a line without a zone is read in the machine's zone:
 * sameMoment adds one); null when it cannot be read.
 */
export function attributionTime(dateText: string | null): number | null {
  if (!dateText) return null;
  const cleaned = dateText
    .replace(/(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/, '$1-$2-$3')
    .replace(/星期[一二三四五六日天]|周[一二三四五六日]|\p{Script=Han}+/gu, ' ')
    .replace(/\bat\b/gi, ' ')
    .replace(/(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP])\.?M\.?(?=\W|$)/gi, (_m, h: string, min: string, s: string | undefined, ap: string) => {
      let hour = Number(h) % 12;
      if (ap.toUpperCase() === 'P') hour += 12;
      return `${String(hour).padStart(2, '0')}:${min}:${s ?? '00'}`;
    })
    .replace(/\s+/g, ' ')
    .trim();
  const t = Date.parse(cleaned);
  return Number.isNaN(t) ? null : t;
}
