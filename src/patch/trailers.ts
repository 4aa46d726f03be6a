// Commit-message trailers ('Signed-off-by: Name <mail>', 'Fixes: 1234abcd ("subject")', …),
// from a commit message or from a reply's own (unquoted) text.
import type { Trailer } from './types.js';

const NAMED = new Set(['fixes', 'link', 'cc', 'closes', 'change-id', 'bug', 'buglink', 'message-id']);
const TRAILER = /^([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)\s*:\s*(\S.*)$/;

function isTrailerName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('-by') || NAMED.has(lower);
}

/** Canonical spelling: 'signed-off-by' → 'Signed-off-by', 'CC' → 'Cc', 'Change-Id' kept. */
function canonicalName(name: string): string {
  const lower = name.toLowerCase();
  if (lower === 'change-id') return 'Change-Id';
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

export function findTrailers(text: string): Trailer[] {
  const out: Trailer[] = [];
  if (typeof text !== 'string') return out;
  for (const raw of text.split(/\r?\n/)) {
    if (raw.startsWith('>')) continue;
    const m = TRAILER.exec(raw.trim());
    if (!m || !isTrailerName(m[1]) || raw.startsWith('    ') || raw.startsWith('\t')) continue;
    const name = canonicalName(m[1]);
    const value = m[2].trim();
    const person = /^"?([^"<]*?)"?\s*<([^>\s]+@[^>\s]+)>/.exec(value);
    const bareMail = /^([^\s<>]+@[^\s<>]+)$/.exec(value);
    const trailer: Trailer = {
      name,
      value,
      personName: person ? person[1].trim() || null : null,
      personEmail: person ? person[2].toLowerCase() : bareMail ? bareMail[1].toLowerCase() : null,
    };
    if (name === 'Fixes') trailer.commit = /^([0-9a-f]{7,40})\b/i.exec(value)?.[1].toLowerCase() ?? null;
    out.push(trailer);
  }
  return out;
}
