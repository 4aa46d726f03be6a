// Subjects for the threading fallback. Only distinctive subjects may join threads: a key like
// "[patch]" or "question" would merge unrelated discussions.

const REPLY_PREFIX = /^\s*(?:(?:re|fwd?|aw|sv|antw|vs|r)\s*(?:\[\d+\])?\s*:\s*)+/i;

export function isReplySubject(subject: string | null | undefined): boolean {
  return typeof subject === 'string' && REPLY_PREFIX.test(subject);
}

/** "Re: Re:  [PATCH 1/2] mm: Foo" → "[patch 1/2] mm: foo". */
export function subjectKey(subject: string | null | undefined): string {
  if (typeof subject !== 'string') return '';
  return subject.replace(REPLY_PREFIX, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Enough words outside the bracketed tags to tell one discussion from another. */
export function isDistinctive(key: string): boolean {
  const title = key.replace(/\[[^\]]*\]/g, ' ').replace(/[^\p{L}\p{N}_]+/gu, ' ').trim();
  const words = title ? title.split(' ') : [];
  return words.length >= 3 && title.length >= 12;
}
