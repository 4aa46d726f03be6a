// Quote attribution: who wrote each quoted block of a reply, and which paragraph answers which.
// A QuoteRow is one row of the `quotes` table (src/store/schema.sql) plus line positions.

/** One message up the thread from the reply: ancestry[0] is the parent, the last is the root. */
export interface Ancestor {
  messageId: string;
  authorName: string | null;
  authorEmail: string | null;
  /** ISO 8601 UTC. */
  date: string | null;
}

/** How a quote's author was found. */
export type QuoteResolution =
  | 'attribution'           // the attribution line names them
  | 'attribution-ancestor'  // the attribution line names them and they wrote that ancestor
  | 'ancestry'              // no attribution line: the ancestor at this depth wrote it
  | 'unresolved';           // unknown: never guessed

export interface QuoteRow {
  /** The reply. */
  messageId: string;
  /** From 1, in body order. */
  ordinal: number;
  depth: number;
  quotedAuthorName: string | null;
  /** Lower-cased, when known; the store maps it to people.id (quotes.quoted_author). */
  quotedAuthorEmail: string | null;
  quotedMessageId: string | null;
  /** The attribution line(s) as written, when there is one. */
  attribution: string | null;
  quotedText: string;
  /** Depth-1 quotes only: the sender's new prose directly beneath the quote. */
  replyText: string | null;
  resolution: QuoteResolution;
  lineStart: number;
  lineEnd: number;
}

export interface ParagraphRef {
  depth: number;
  lineStart: number;
  lineEnd: number;
  text: string;
}

/**
 * "This paragraph answers that quoted paragraph." `beneath`: written directly under the quote
 * (interleaved style; at depth > 0 it is an exchange inside the quoted messages);
 * `top-posted`: new prose above a quote it answers as a whole.
 */
export interface ReplyEdge {
  messageId: string;
  placement: 'beneath' | 'top-posted';
  reply: ParagraphRef;
  /** The QuoteRow.ordinal of the quote answered. */
  quoteOrdinal: number;
  quoted: ParagraphRef;
}

export interface QuoteAttribution {
  quotes: QuoteRow[];
  edges: ReplyEdge[];
  /** What could not be resolved and why (attribution lines naming nobody, ambiguous matches). */
  problems: string[];
}
