// Threading's plain data: what goes in (one entry per message or stub) and what comes out
// (each message's place in its tree, one summary per thread, and what had to be repaired).
// ThreadedMessage fills messages.parent_message_id / thread / depth / thread_position;
// ThreadSummary fills a `threads` row (src/store/schema.sql).

export interface ThreadInput {
  /** With or without angle brackets. Empty or missing: a stable synthetic id is made (and reported). */
  messageId: string;
  /** The In-Reply-To header as written (may hold junk, several ids, or nothing). */
  inReplyTo?: string | null;
  /** References:, in order, as ids or raw header fragments. */
  references?: string[];
  subject?: string | null;
  /** ISO 8601 UTC. */
  date?: string | null;
  /** A message known only from a thread overview (or a reference): it keeps the place it was shown at. */
  stub?: boolean;
  /** Stubs: the parent the overview showed (null: shown as a root). Full messages leave it undefined. */
  parentMessageId?: string | null;
  /** Who wrote it (any stable key: a people id or an address), for participant counts. */
  author?: string | null;
  /** Carries at least one patch, for patch counts. */
  hasPatch?: boolean;
}

/** How a message's parent was decided. */
export type ParentSource =
  | 'in-reply-to'
  | 'references'        // the last usable References entry (or inferred from another message's chain)
  | 'overview'          // a stub's parent as the overview showed it
  | 'subject';          // no usable headers: joined by subject (recorded in problems)

export interface ThreadedMessage {
  messageId: string;
  /** 'placeholder': known only because others refer to it (store it as a stub, origin 'reference'). */
  kind: 'message' | 'stub' | 'placeholder';
  parentMessageId: string | null;
  parentSource: ParentSource | null;
  rootMessageId: string;
  /** 0 for the root. */
  depth: number;
  /** Pre-order position within its thread, from 0 (the root). Siblings go by date, then id. */
  position: number;
}

export interface ThreadSummary {
  rootMessageId: string;
  /** The root's subject, else the first subject in the tree (a placeholder root has none). */
  subject: string | null;
  firstDate: string | null;
  lastDate: string | null;
  /** Every node: full messages, stubs and placeholders (schema: messages.is_stub rows included). */
  messageCount: number;
  /** Stubs and placeholders. */
  stubCount: number;
  placeholderCount: number;
  participantCount: number;
  patchCount: number;
}

export type ThreadProblemKind =
  | 'missing-id'          // no Message-ID: a synthetic one was made
  | 'duplicate-id'        // the same id twice: the first full copy wins
  | 'self-reference'      // a message named itself in In-Reply-To/References: dropped
  | 'repeated-reference'  // an id repeated inside References: later copies dropped
  | 'loop-cut'            // a parent link would have closed a loop: not made
  | 'subject-join';       // no usable headers: attached to an earlier thread with the same subject

export interface ThreadProblem {
  kind: ThreadProblemKind;
  messageId: string;
  detail: string;
}

export interface ThreadResult {
  /** Threads in order of their first date, each in pre-order. */
  messages: ThreadedMessage[];
  threads: ThreadSummary[];
  problems: ThreadProblem[];
}
