// What the writer stores for one message: the parsed mail plus everything analysis found.
// Row shapes mirror schema.sql.
import type { Mail, MailAttachment } from '../mail/types.js';
import type { FoundPatch, Hunk, PatchFile, PullRequest, SubjectTags, TouchedSymbol, Trailer } from '../patch/types.js';
import type { Origin, StubMessage } from '../sources/types.js';

/** A segment as stored: its kind and depth, and the body lines it spans (1-based, inclusive). */
export interface SegmentRow {
  kind: string;
  depth: number;
  lineStart: number;
  lineEnd: number;
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

/**
 * What is stored of a patch: everything analysis found except the diff's own lines, which
 * `raw` keeps. Records cross from the analysis worker to the writer by structured clone, and
 * those lines were a large part of what crossed.
 */
export type StoredHunk = Omit<Hunk, 'lines'>;
export type StoredPatchFile = Omit<PatchFile, 'hunks' | 'headerLines'> & { hunks: StoredHunk[] };
export type StoredPatch = Omit<FoundPatch, 'files'> & { files: StoredPatchFile[] };
/** Attachments are stored as name, type and size; their text has been read for patches already. */
export type StoredAttachment = Omit<MailAttachment, 'text'>;
export type StoredMail = Omit<Mail, 'attachments'> & { attachments: StoredAttachment[] };

export interface MessageRecord {
  mail: StoredMail;
  origin: Origin;
  /** sha1 of the raw bytes: tells a re-sent identical copy from a different one. */
  contentHash: string;
  patches: StoredPatch[];
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
  /** What the series pass needs from the body, found here so that it never reads bodies. */
  seriesFacts: SeriesFacts;
}

export interface SeriesFacts {
  /** Change-Id trailers (b4 keeps one per series). */
  changeIds: string[];
  /** Message-IDs of lore links on lines that speak of a version ("Link to v1: …"). */
  versionLinks: string[];
  /** Review trailers (Reviewed/Acked/Tested-by) in the message's own new text. */
  reviewTrailers: Trailer[];
}

export interface StubRecord {
  stub: StubMessage;
  origin: Origin;
}

/**
 * One element of patch_scenarios.evidence (a JSON array): a line a patch adds or removes inside
 * a function a race scenario models, holding an operation one of its steps models there.
 */
export interface RaceEvidence {
  /** The kernel function the line is in ('do_no_page'). */
  function: string;
  /** The modelled operation the line holds, in src/link's vocabulary ('set_pte', 'lock:page_table_lock'). */
  operation: string;
  side: 'added' | 'removed';
  /** The line as the patch has it, without its '+'/'-', trimmed, runs of blanks made one. */
  line: string;
  /** The step it touches: '<thread> step <n>: <what the step does>'. */
  step: string;
}

export type StoreOutcome = 'new' | 'filled-stub' | 'duplicate' | 'unchanged';

export interface IngestErrorRow {
  source: string;
  locator: string | null;
  messageId: string | null;
  /** What kind of problem: see the comment on ingest_errors in schema.sql. */
  stage: 'source' | 'mime' | 'decode' | 'patch' | 'thread' | 'store';
  error: string;
}

export type { TouchedSymbol };
