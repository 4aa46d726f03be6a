// People: one person per address over time, with the names they went by. Person fills a
// `people` row (email, name) and its `person_names` rows (names).

/** One appearance of someone: a From: header (with what else the headers say) or an overview name. */
export interface PersonSighting {
  name: string | null;
  email: string | null;
  /** ISO 8601 UTC: decides which name is the most recent. */
  date?: string | null;
  /** Reply-To: addresses; a list that rewrote From: often keeps the sender here. */
  replyTo?: Array<{ name: string | null; email: string | null }> | null;
  /** X-Original-From: (or another header carrying the pre-rewrite From:), raw. */
  originalFrom?: string | null;
  /** List-Id: raw ("<linux-erofs.lists.ozlabs.org>"), to recognise the list's own address. */
  listId?: string | null;
}

/** How a list-rewritten From: was undone. */
export type RewriteSource = 'x-original-from' | 'reply-to' | 'name-only';

export interface SenderIdentity {
  name: string | null;
  email: string | null;
  /** Set when the From: was a mailing-list rewrite ("Name via List <list@…>"). */
  rewrite: { listAddress: string | null; source: RewriteSource } | null;
}

export interface Person {
  /** Index in PeopleResult.people. */
  index: number;
  /** Lower-cased; null for people known by name only. */
  email: string | null;
  /** The most recent display name. */
  name: string | null;
  /** Every display name seen, first seen first. */
  names: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  sightings: number;
}

export interface PeopleResult {
  people: Person[];
  /** Per input sighting, the index of its person (same order as the input). */
  personOf: number[];
  /** Per input sighting, who it really was after undoing list rewrites. */
  senders: SenderIdentity[];
  /** Ambiguous names, unusable addresses: what was not decided and why. */
  problems: string[];
}
