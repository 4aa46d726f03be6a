// Attribution lines: the "On <date>, <who> wrote:" that introduces a quote, in its common forms,
// and what can be read from them. A line whose author cannot be read yields name and email null.
import type { AttributionParse } from './types.js';
import type { BodyLine } from './lines.js';
import { outlookHeaderAt, parseOutlookText } from './outlook.js';

const VERBS = '(?:wrote|writes|said|says|a écrit|schrieb|escribió|ha scritto|schreef|escreveu|napisał)';
/** "On Sat, May 31, 2003 at 04:48:16PM -0700, Paul E. McKenney wrote:" (also Le/Am/El … forms). */
const ON_FORM = new RegExp(`^(?:On|Le|Am|El|Il|Op|Em|Dnia)\\s+(.+?)\\s+${VERBS}\\s*:\\s*$`, 'i');
/** German and Dutch clients put the verb first: "Am Mo., 5. Dez. 2022 um 10:12 Uhr schrieb Jan Kara <jack@suse.cz>:". */
const VERB_FIRST_FORM = /^(?:Am|Op)\s+(.+?)\s+(?:schrieb|schreef)\s+(.{2,120}?)\s*:\s*$/i;
/** "Ingo Molnar  <mingo@elte.hu> wrote:", "X writes:", "X wrote on <date>:". */
const WHO_FORM = new RegExp(`^(.{2,120}?)\\s+${VERBS}(?:\\s+on\\s+(.{3,80}?))?\\s*:\\s*$`, 'i');
/** "Quoting Jan Kara (2018-12-10 11:28:46):" */
const QUOTING_FORM = /^Quoting\s+(.+?)(?:\s+\(([^)]*)\))?\s*:\s*$/i;
/** mutt: "* Peter Zijlstra <peterz@infradead.org> [2020-02-06 14:59]:" */
const MUTT_FORM = /^\*\s+(.+?)\s+\[([^\]]+)\]\s*:\s*$/;
/** The line ends with ':' but for whitespace (what the joined, trimmed lines below end with). */
const ENDS_WITH_COLON = /:\s*$/;

export interface AttributionMatch {
  /** Index (0-based, into the lines array) of the attribution's last line. */
  lastIndex: number;
  text: string;
  parse: AttributionParse;
}

/**
 * Is there an attribution starting at lines[i]? It may be wrapped over up to three lines at one
 * depth (gmail wraps "On …, Name\n<address> wrote:"). The weaker "X wrote:" forms count only
 * when a deeper quote follows, so that prose such as "as Linus said:" is left alone.
 */
export function matchAttribution(lines: BodyLine[], i: number): AttributionMatch | null {
  const first = lines[i];
  if (!first || first.blank) return null;
  const outlook = outlookHeaderAt(lines, i);
  if (outlook) return { lastIndex: outlook.lastIndex, text: lines.slice(i, outlook.lastIndex + 1).map((l) => l.content).join('\n'), parse: outlook.parse };
  // An attribution ends on a line ending with ':'. Most lines are prose: this is asked of each,
  // so the lines are joined (and trimmed copies made) only when one of them can end one.
  if (!colonEndsOneOf(lines, i, first.depth)) return null;
  let joined = '';
  for (let k = i; k < Math.min(lines.length, i + 3); k++) {
    const line = lines[k];
    if (line.blank || line.depth !== first.depth) break;
    joined = joined ? `${joined} ${line.content.trim()}` : line.content.trim();
    if (joined.length > 240) break;
    if (!joined.endsWith(':')) continue;
    const parse = parseAttributionText(joined);
    if (!parse) break;
    const strong = ON_FORM.test(joined) || VERB_FIRST_FORM.test(joined) || QUOTING_FORM.test(joined) || MUTT_FORM.test(joined);
    if (!strong && !deeperQuoteFollows(lines, k)) break;
    // Only a wrapped "On …" form may span lines; "X wrote:" must stand on one line.
    if (k > i && !/^(?:On|Le|Am|El|Il|Op|Em|Dnia|Quoting)\s/i.test(joined)) break;
    return { lastIndex: k, text: lines.slice(i, k + 1).map((l) => l.content).join('\n'), parse };
  }
  return null;
}

/** Does one of the lines matchAttribution would join (up to three, at one depth) end with ':'? */
function colonEndsOneOf(lines: BodyLine[], i: number, depth: number): boolean {
  for (let k = i; k < Math.min(lines.length, i + 3); k++) {
    const line = lines[k];
    if (line.blank || line.depth !== depth) return false;
    if (ENDS_WITH_COLON.test(line.content)) return true;
  }
  return false;
}

function deeperQuoteFollows(lines: BodyLine[], k: number): boolean {
  const depth = lines[k].depth;
  for (let j = k + 1; j < lines.length; j++) {
    if (lines[j].blank) continue;
    return lines[j].depth > depth;
  }
  return false;
}

/**
 * Reads who and when from one attribution's text; null when it is no attribution. An Outlook
 * header block is read line by line; other forms wrapped over lines are read as one line.
 */
export function parseAttributionText(text: string): AttributionParse | null {
  if (text.includes('\n') || text.includes('---')) {
    const outlook = parseOutlookText(text);
    if (outlook) return outlook;
  }
  const t = text.replace(/\s*\n\s*/g, ' ').trim();
  let m = ON_FORM.exec(t);
  if (m) return parseOnBody(m[1]);
  m = VERB_FIRST_FORM.exec(t);
  if (m) {
    const who = nameAndAddress(m[2]);
    if (who.email || (who.name && looksLikeName(who.name))) return { ...who, dateText: m[1].replace(/\s+Uhr$/i, '').trim() };
  }
  m = QUOTING_FORM.exec(t);
  if (m) return { ...nameAndAddress(m[1]), dateText: m[2]?.trim() || null };
  m = MUTT_FORM.exec(t);
  if (m) return { ...nameAndAddress(m[1]), dateText: m[2].trim() };
  m = WHO_FORM.exec(t);
  if (m) {
    const who = nameAndAddress(m[1]);
    // "I think what you wrote:" is prose; a name is capitalised words or carries an address.
    if (!who.email && (!who.name || !looksLikeName(who.name))) return null;
    return { ...who, dateText: m[2]?.trim() || null };
  }
  return null;
}

/** The middle of an "On …, X wrote:" line: a date, then a name and maybe an address. */
function parseOnBody(body: string): AttributionParse {
  const address = /<([^<>\s]+@[^<>\s]+)>|(\S+@\S+\.\w+)/.exec(body);
  const beforeAddress = address ? body.slice(0, address.index) : body;
  const cut = beforeAddress.lastIndexOf(', ');
  const datePart = cut >= 0 ? beforeAddress.slice(0, cut) : '';
  let tail = cut >= 0 ? beforeAddress.slice(cut + 2) : beforeAddress;
  const tokens = tail.trim().split(/\s+/).filter(Boolean);
  const dateTokens: string[] = [];
  while (tokens.length && isDateToken(tokens[0], tokens[1])) dateTokens.push(tokens.shift()!);
  tail = tokens.join(' ');
  const name = cleanName(tail);
  const email = address ? (address[1] ?? address[2]).toLowerCase() : null;
  const dateText = [datePart, ...dateTokens].filter(Boolean).join(' ').trim() || null;
  // The "On …, X wrote:" frame is strong enough to take any short name ("kernel test robot").
  const short = name !== null && name.split(' ').length <= 6 && name.length <= 80;
  return { name: short ? name : null, email, dateText };
}

const DATE_WORD = new RegExp(
  '^(?:at|um|à|a las|alle|om|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|' +
    'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|' +
    'october|november|december|am|pm|a\\.m\\.|p\\.m\\.|utc|gmt|' +
    // The weekdays and months of "On …" lines written by Italian, German, French and Spanish clients.
    'lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|' +
    'agosto|settembre|ottobre|novembre|dicembre|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|januar|' +
    'februar|märz|juni|juli|oktober|dezember|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|' +
    'mars|avril|mai|juin|juillet|août|septembre|octobre|décembre|lunes|martes|miércoles|jueves|viernes|sábado|' +
    'domingo|enero|febrero|abril|mayo|junio|julio|septiembre|octubre|noviembre|diciembre)[.,]?$',
  'i',
);

/** `next` guards names that are also date words: "Jan Kara", "May Li" keep their first name. */
function isDateToken(token: string, next: string | undefined): boolean {
  const numeric = (t: string | undefined) => !!t && /^[\d:/.\-,+]/.test(t);
  const word = DATE_WORD.exec(token);
  if (word) return /^(?:at|um|à|om|am|pm|a\.m\.|p\.m\.|utc|gmt)[.,]?$/i.test(token) || numeric(next) || token.endsWith(',');
  return (
    /^[\d:/.\-,]+(?:am|pm|h)?,?$/i.test(token) ||
    /^\d+(?:st|nd|rd|th),?$/i.test(token) ||
    /^[+-]\d{4},?$/.test(token) ||
    /^\(?[A-Z]{2,4}T\)?,?$/.test(token)
  );
}

/** "Name <a@b>", "\"Name\" <a@b>", "a@b (Name)", "a@b", "Name". */
export function nameAndAddress(text: string): { name: string | null; email: string | null } {
  const s = text.trim();
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(s);
  if (angle) {
    const name = cleanName(s.slice(0, angle.index) + ' ' + s.slice(angle.index + angle[0].length));
    return { name, email: angle[1].toLowerCase() };
  }
  const bare = /(^|\s)([^\s<>()"]+@[^\s<>()"]+\.[A-Za-z]{2,})(?=\s|$)/.exec(s);
  if (bare) {
    const rest = (s.slice(0, bare.index) + ' ' + s.slice(bare.index + bare[0].length)).replace(/[()]/g, ' ');
    return { name: cleanName(rest), email: bare[2].toLowerCase() };
  }
  return { name: cleanName(s), email: null };
}

function cleanName(text: string): string | null {
  const name = text.replace(/["']/g, ' ').replace(/\s+/g, ' ').replace(/^[\s,;:]+|[\s,;:]+$/g, '').trim();
  return name && /\p{L}/u.test(name) ? name : null;
}

function looksLikeName(name: string): boolean {
  const words = name.split(' ');
  if (words.length > 6 || name.length > 80) return false;
  // Names start with a capital (or are one handle-like token, "jglisse"); prose starts otherwise.
  return words.length === 1 || /^\p{Lu}/u.test(words[0]);
}
