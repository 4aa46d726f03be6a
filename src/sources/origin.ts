// Building and reading Origins. A locator is a few `key=value` words so that it stays readable
// in logs and in the database, and `readRaw` can parse it back without guessing.
import type { Origin, SourceFormat, SourceItem } from './types.js';

/** The keys a locator may carry; which ones appear depends on the format (see README.md). */
export interface LocatorFields {
  epoch?: number;
  commit?: string;
  blob?: string;
  path?: string;
  offset?: number;
  length?: number;
  quoting?: 'mboxo' | 'mboxrd';
  file?: string;
}

const ORDER: (keyof LocatorFields)[] = ['epoch', 'commit', 'blob', 'path', 'file', 'offset', 'length', 'quoting'];

export function formatLocator(fields: LocatorFields): string {
  const words: string[] = [];
  for (const key of ORDER) {
    const value = fields[key];
    if (value !== undefined) words.push(`${key}=${value}`);
  }
  return words.join(' ');
}

/** The inverse of formatLocator; unknown words are ignored, malformed numbers dropped. */
export function parseLocator(locator: string): LocatorFields {
  const out: LocatorFields = {};
  for (const word of locator.trim().split(/\s+/)) {
    const eq = word.indexOf('=');
    if (eq <= 0) continue;
    const key = word.slice(0, eq);
    const value = word.slice(eq + 1);
    if (key === 'epoch' || key === 'offset' || key === 'length') {
      const n = Number(value);
      if (Number.isSafeInteger(n) && n >= 0) out[key] = n;
    } else if (key === 'commit' || key === 'blob' || key === 'path' || key === 'file') {
      out[key] = value;
    } else if (key === 'quoting' && (value === 'mboxo' || value === 'mboxrd')) {
      out.quoting = value;
    }
  }
  return out;
}

export function origin(source: string, format: SourceFormat, fields: LocatorFields | string): Origin {
  return { source, format, locator: typeof fields === 'string' ? fields : formatLocator(fields) };
}

/** An 'error' item: the reason names the source so a log line stands on its own. */
export function errorItem(at: Origin, reason: string): SourceItem {
  const where = at.locator ? ` (${at.locator})` : '';
  return { kind: 'error', origin: at, reason: `${at.source}${where}: ${reason}` };
}

/** A short, safe rendering of an unknown thrown value. */
export function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
