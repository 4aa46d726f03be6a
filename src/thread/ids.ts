// Message-IDs as headers really carry them: with or without brackets, several to a header,
// with comments ("<id> (Jan Kara's message of …)"), or as bare junk.
import { createHash } from 'node:crypto';

const BRACKETED = /<([^<>\s]+)>/g;

/** Every id in a header value, in order, without brackets. Bare words count only if they hold '@'. */
export function idsInHeader(value: string | null | undefined): string[] {
  const out: string[] = [];
  pushIds(value, out);
  return out;
}

/** idsInHeader without the intermediate array: threading reads millions of these. */
export function pushIds(value: string | null | undefined, out: string[]): void {
  if (typeof value !== 'string' || value.length === 0) return;
  const last = value.length - 1;
  // The common case, one clean "<id>", without a regular expression.
  if (value.charCodeAt(0) === 60 && value.charCodeAt(last) === 62 && value.indexOf('<', 1) < 0 && !/\s/.test(value)) {
    if (last > 1) out.push(value.slice(1, last));
    return;
  }
  const before = out.length;
  for (const m of value.matchAll(BRACKETED)) out.push(m[1]);
  if (out.length > before) return;
  for (const word of value.split(/[\s,]+/)) if (word.includes('@') && word.length > 2) out.push(word);
}

/** One id as given by a caller: brackets and whitespace removed; '' when nothing is left. */
export function cleanId(value: string | null | undefined): string {
  if (typeof value !== 'string') return '';
  if (value.indexOf('<') < 0 && value.indexOf(' ') < 0) return value.trim(); // already clean: no regex
  const inner = /<([^<>\s]+)>/.exec(value);
  return (inner ? inner[1] : value).trim();
}

/** A stable id for a message that has none: from what the message says about itself. */
export function syntheticId(parts: Array<string | null | undefined>, salt: number): string {
  const hash = createHash('sha1').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
  return `lorelab-synthetic-${hash}${salt ? `-${salt}` : ''}@lorelab.invalid`;
}
