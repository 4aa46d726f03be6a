// Titles compared across versions: the subject without tags, case, spacing or a final stop.
import { parseSubjectTags } from '../subject.js';

export function normaliseTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[\u2018\u2019\u201c\u201d`]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/[\s.]+$/, '')
    .trim();
}

/** Who sent it, as one comparable string (address when known, else the display name). */
export function authorKey(email: string | null, name: string | null): string {
  return (email ?? '').trim().toLowerCase() || (name ?? '').trim().toLowerCase() || '(unknown)';
}

export { parseSubjectTags };
