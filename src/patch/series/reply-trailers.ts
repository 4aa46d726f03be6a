// Trailers a reviewer gives in a reply ("Reviewed-by: …" in the reply's own text) and the
// message they answer: the nearest ancestor that is a patch or a cover letter.
import { findTrailers } from '../trailers.js';
import type { Trailer } from '../types.js';

/** The trailers that record a review; others in replies are suggestions ("add Reported-by: …"). */
export const REVIEW_TRAILERS: ReadonlySet<string> = new Set(['Reviewed-by', 'Acked-by', 'Tested-by', 'Reviewed-and-tested-by']);

/**
 * Lines where the quoted original starts without '>' marks (Outlook, web mailers) or the
 * signature: nothing below them is the replier's own new text.
 */
const END_OF_NEW_TEXT = [/^-{2,}\s*Original Message\s*-{2,}\s*$/i, /^_{10,}\s*$/, /^-- $/];

/** Review trailers written in a reply's new text (quoted lines and forwarded originals left out). */
export function reviewTrailersIn(body: string | null): Trailer[] {
  if (typeof body !== 'string') return [];
  const lines = body.split(/\r?\n/);
  const own: string[] = [];
  for (const line of lines) {
    if (END_OF_NEW_TEXT.some((end) => end.test(line))) break;
    own.push(line);
  }
  return findTrailers(own.join('\n')).filter((t) => REVIEW_TRAILERS.has(t.name) && (t.personEmail || t.personName));
}

/**
 * The message a reply answers for trailer purposes: walks up the thread from the reply's
 * parent until `isAnswerable` holds (a patch or a cover letter). Null when none is found.
 */
export function answeredMessage(
  parentMessageId: string | null,
  parentOf: (messageId: string) => string | null,
  isAnswerable: (messageId: string) => boolean,
): string | null {
  const seen = new Set<string>();
  let current = parentMessageId;
  while (current && !seen.has(current) && seen.size < 1000) {
    if (isAnswerable(current)) return current;
    seen.add(current);
    current = parentOf(current);
  }
  return null;
}
