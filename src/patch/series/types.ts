// The plain data of the series stage: messages in (as the store knows them after threading),
// series, version links and reply trailers out. No database here.
import type { Trailer } from '../types.js';

/** One message as series grouping sees it. Replies may be given; they are left out. */
export interface SeriesMessage {
  messageId: string;
  subject: string | null;
  authorEmail: string | null;
  authorName: string | null;
  /** ISO 8601 UTC, or null when the mail had no usable date. */
  date: string | null;
  /** The parent in the thread tree (after threading); may name a message not in the archive. */
  parentMessageId: string | null;
  /** The message carries a diff of its own (inline or attached, not quoted). */
  hasPatch: boolean;
  /** `Change-Id:`/`change-id:` values in the message's own text (b4 writes one per series). */
  changeIds: string[];
  /** Message-IDs the message's text links to (lore URLs, e.g. b4's "Link to v1: …"). */
  linkedMessageIds: string[];
}

export interface SeriesPart {
  part: number;
  messageId: string;
  date: string | null;
}

/** One posting of a series: a cover letter and/or its numbered patches, one author, one version. */
export interface Series {
  /** Stable within one run: how the group was anchored ('msg:<id>', 'under:<parent>|…', 'loose:…'). */
  key: string;
  authorEmail: string | null;
  authorName: string | null;
  /** The cover letter's title, else the title of the lowest part (tags and Re: removed). */
  title: string;
  version: number;
  /** m of [PATCH n/m]; 1 for an unnumbered patch. */
  partTotal: number;
  /** Subject tags of the first message, minus PATCH: ['RFC', 'RESEND', 'net-next', …]. */
  tags: string[];
  coverMessageId: string | null;
  /** Numbered messages, part ≥ 1, by part then date (a part sent twice appears twice). */
  parts: SeriesPart[];
  /** The n in 1..m that no message of the series carries. */
  missingParts: number[];
  complete: boolean;
  changeId: string | null;
  firstDate: string | null;
  lastDate: string | null;
}

/** Why two postings are versions of one series. */
export type VersionEvidence = 'change-id' | 'link' | 'title' | 'renamed';

export interface SeriesLineage {
  /** Indexes into the series list, oldest version first (by version, then date). */
  members: number[];
  /** For members[i] (i ≥ 1): what ties it to members[i - 1]; 'lineage' when only an earlier/later version does. */
  evidence: Array<VersionEvidence[] | 'lineage'>;
}

export interface SeriesResult {
  series: Series[];
  lineages: SeriesLineage[];
}

/** A trailer given in a reply, and the message it answers. */
export interface ReplyTrailer {
  replyMessageId: string;
  answeredMessageId: string;
  trailer: Trailer;
}
