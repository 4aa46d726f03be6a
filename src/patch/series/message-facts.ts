// What series grouping reads from a message's own text: Change-Id trailers and links to
// other messages on lore (b4 cover letters end with "Link to v1: https://lore.kernel.org/r/…").
import { findTrailers } from '../trailers.js';

export function changeIdsIn(text: string | null): string[] {
  if (typeof text !== 'string' || !/change-id/i.test(text)) return []; // the check saves reading every body's trailers
  return findTrailers(text).filter((t) => t.name === 'Change-Id').map((t) => t.value.trim()).filter(Boolean);
}

const LORE_LINK = /https?:\/\/(?:lore|lkml)\.kernel\.org\/(?:[\w.+-]+\/)?([^\s/<>"')\]]+(?:@|%40)[^\s/<>"')\]]+)/gi;

/** A line that speaks of an earlier posting: "v1: …", "Link to v2: …", "previous version: …". */
const ABOUT_A_VERSION = /\bv\d+\b|previous|version|earlier|resen[dt]/i;

/**
 * Message-IDs named by lore/lkml.kernel.org URLs on lines of the new (unquoted) text that speak
 * of a version: a cover letter also links to what it depends on, which is not a version of it.
 */
export function linkedMessageIdsIn(text: string | null): string[] {
  if (typeof text !== 'string' || !/(?:lore|lkml)\.kernel\.org/i.test(text)) return [];
  const ids = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('>') || !ABOUT_A_VERSION.test(line)) continue;
    for (const match of line.matchAll(LORE_LINK)) {
      try {
        ids.add(decodeURIComponent(match[1]).replace(/^<|>$/g, ''));
      } catch {
        ids.add(match[1]);
      }
    }
  }
  return [...ids];
}
