// What the writer stores for one message: the parsed mail plus everything analysis found.
// Row shapes mirror schema.sql.
import type { Mail } from '../mail/types.js';
import type { FoundPatch, PullRequest, SubjectTags, TouchedSymbol } from '../patch/types.js';
import type { Origin, StubMessage } from '../sources/types.js';

export interface SegmentRow {
  kind: string;
  depth: number;
  text: string;
}

export interface MentionRow {
  symbol: string;
  kind: string;
  place: 'subject' | 'prose' | 'quoted';
  count: number;
}

export interface QuoteRow {
  depth: number;
  quotedAuthorName: string | null;
  quotedMessageId: string | null;
  attribution: string | null;
  quotedText: string;
  replyText: string | null;
}

export interface RenameRow {
  patchOrdinal: number;
  path: string | null;
  oldName: string;
  newName: string;
  similarity: number | null;
}

export interface MessageRecord {
  mail: Mail;
  origin: Origin;
  /** sha1 of the raw bytes: tells a re-sent identical copy from a different one. */
  contentHash: string;
  patches: FoundPatch[];
  renames: RenameRow[];
  pullRequest: PullRequest | null;
  /** New prose (no quotes, diffs or signature): what full-text search indexes. */
  prose: string;
  segments: SegmentRow[];
  mentions: MentionRow[];
  quotes: QuoteRow[];
  /** Subject tags of each patch, parallel to `patches`: from the patch's own subject
   *  (a format-patch attachment's `Subject: [PATCH 2/4]`), else the message's. */
  patchTags: Array<SubjectTags | null>;
}

export interface StubRecord {
  stub: StubMessage;
  origin: Origin;
}

export type StoreOutcome = 'new' | 'filled-stub' | 'duplicate' | 'unchanged';

export interface IngestErrorRow {
  source: string;
  locator: string | null;
  messageId: string | null;
  stage: 'source' | 'mime' | 'patch' | 'thread' | 'store';
  error: string;
}

export type { TouchedSymbol };
