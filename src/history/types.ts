// The plain data a design history is made of. The loader (load/) fills it from the SQLite
// graph; the Markdown and HTML renderers read nothing else, so both can be tested with
// hand-built inputs and never touch the database.
import type { RaceEvidence } from '../store/types.js';

/** Someone who wrote a message or a quoted point. Either part may be unknown. */
export interface Person {
  name: string | null;
  email: string | null;
}

/** What a citation needs: the Message-ID and whether lorelab had to make it up. */
export interface MessageCitation {
  /** Without angle brackets. Synthetic ids end in `.invalid` and have no lore page. */
  messageId: string;
  synthetic: boolean;
}

export interface HistoryMessage extends MessageCitation {
  subject: string | null;
  author: Person;
  /** ISO 8601 UTC, or null when the date is unknown. */
  date: string | null;
  /** Known only from an overview or a reference: not archived here. */
  stub: boolean;
  parentMessageId: string | null;
  /** 0 for the thread root. */
  depth: number;
  /** The message carries a patch of its own (not a quoted one). */
  hasPatch: boolean;
}

/** The proposal in the proposer's own words: new prose only, never quotes. */
export interface Proposal {
  message: MessageCitation;
  author: Person;
  date: string | null;
  paragraphs: string[];
  /** Where the prose came from: body segmentation, or the raw body as a fallback. */
  source: 'segments' | 'body';
}

export interface PatchFileSummary {
  path: string;
  status: string;
  additions: number;
  deletions: number;
}

export interface HistoryPatch {
  message: MessageCitation;
  ordinal: number;
  subject: string | null;
  origin: string;
  attachmentName: string | null;
  files: PatchFileSummary[];
  /** Functions the hunks touch, sorted. */
  functions: string[];
  insertions: number;
  deletions: number;
  version: number;
  part: number | null;
  partTotal: number | null;
}

/** One side of an argument: what was said, by whom, when, and where. */
export interface ArgumentVoice {
  text: string;
  author: Person | null;
  /** ISO date when the message is known, else the date as the attribution line wrote it. */
  date: string | null;
  /** The message the words are in, when known. */
  message: MessageCitation | null;
}

/** A quoted point and the reply written beneath it. */
export interface ArgumentPair {
  point: ArgumentVoice;
  reply: ArgumentVoice;
}

export interface HistoryTrailer {
  name: string;
  value: string;
  person: Person;
  message: MessageCitation;
  /** The subject of the patch it is about, when the store links it to one. */
  patchSubject: string | null;
  inReply: boolean;
}

export interface RaceVerdict {
  variant: string;
  verdict: string;
  invariant: string | null;
  states: number | null;
  schedule: string | null;
}

export interface CounterexampleStep {
  /** The actor: 'fault', 'truncate', 'waiter', … */
  thread: string;
  label: string;
}

export interface RaceLink {
  scenario: string;
  title: string;
  /** 'declared' | 'same-series' | 'candidate' | 'seed' (the scenario was written from this thread). */
  how: string;
  score: number | null;
  /** Patches of this thread the link rests on. */
  patches: MessageCitation[];
  verdicts: RaceVerdict[];
  /** The shortest violating interleaving found, or null when none was recorded. */
  counterexample: { variant: string; steps: CounterexampleStep[] } | null;
  /** For candidate links: the changed lines that sit in code the scenario's steps model. */
  evidence: RaceEvidence[];
}

/** A changed line of a patch inside a function and operation a scenario step models (the store's shape). */
export type { RaceEvidence } from '../store/types.js';

/** What became of it, from corpora/lineage.json: each fact with its commit or release. */
export interface OutcomeFact {
  text: string;
  commit: string | null;
  release: string | null;
}

export interface HistoryThread {
  rootMessageId: string;
  subject: string | null;
  firstDate: string | null;
  lastDate: string | null;
  /** Why this thread is in the history: 'touches do_no_page (mm/memory.c)', … */
  matchedBy: string[];
  /** Tree order (pre-order), stubs included. */
  messages: HistoryMessage[];
  proposal: Proposal | null;
  patches: HistoryPatch[];
  arguments: ArgumentPair[];
  trailers: HistoryTrailer[];
  races: RaceLink[];
  outcome: OutcomeFact[];
  /** Messages known from overviews or references but not archived. */
  stubs: HistoryMessage[];
}

export type SubjectKind = 'function' | 'operation' | 'struct' | 'macro' | 'file' | 'directory' | 'text';

/** One step of a name's history: which change renamed or split it, cited. */
export interface LineageStep {
  from: string;
  to: string[];
  /** A commit id (abbreviated), or null when only the release is known. */
  commit: string | null;
  release: string | null;
  /** Commit title, Message-ID of the series or symbol_renames patch: where the fact comes from. */
  citation: string;
  /** 'lineage-file' (corpora/lineage.json) or 'patch' (symbol_renames). */
  source: 'lineage-file' | 'patch';
}

export interface HistorySubject {
  /** As the user wrote it. */
  query: string;
  kind: SubjectKind;
  /** Every name searched for: the subject and its lineage. */
  names: string[];
  lineage: LineageStep[];
}

export interface HistoryInput {
  subject: HistorySubject;
  since: string | null;
  until: string | null;
  /** Ranked: what touches the subject most first, then what discusses it. */
  entries: HistoryEntry[];
  /** Every thread of every entry, in time order of their first message. */
  threads: HistoryThread[];
  /** What the loader could not do and how it degraded (e.g. quotes not yet filled). */
  notes: string[];
}

/** One hunk of a patch that touches the subject, cut to the subject where it is long. */
export interface SubjectHunk {
  path: string;
  /** The text after the second '@@'. */
  header: string;
  /** Body lines with their ' ', '+', '-' prefix. */
  lines: string[];
  /** Lines of the hunk left out because they lie outside the subject. */
  omitted: number;
  additions: number;
  deletions: number;
}

/** A patch that touches the subject, and how much of the subject it changes. */
export interface TouchingPatch {
  message: MessageCitation;
  subject: string | null;
  author: Person;
  date: string | null;
  version: number;
  part: number | null;
  partTotal: number | null;
  /** The subject's hunks in this patch and their changed lines. */
  hunks: number;
  additions: number;
  deletions: number;
  /** 'merged as … (first in …)' or 'not found upstream'; null when no upstream was scanned. */
  upstream: string | null;
  /** Part of the latest posting that touches the subject. */
  latest: boolean;
}

/** One version of a series, and what it did to the subject against the version before. */
export interface EntryVersion {
  version: number;
  date: string | null;
  /** The cover letter, else the first patch. */
  message: MessageCitation | null;
  /** The subject's hunks in this version (0: this version does not touch it). */
  hunks: number;
  additions: number;
  deletions: number;
  change: 'first' | 'changed' | 'unchanged' | 'not touched';
}

/** A message a robot (or an automated build report) sent: listed, never a proposal. */
export interface BotReport {
  message: MessageCitation;
  author: Person;
  date: string | null;
  subject: string | null;
}

/** Someone's own words naming the subject, outside quotes, logs and signatures. */
export interface DiscussionExcerpt {
  message: MessageCitation;
  author: Person;
  date: string | null;
  text: string;
}

/** One series across its versions (or one thread without a series) in the history. */
export interface HistoryEntry {
  rank: number;
  title: string;
  basis: 'touches' | 'discussed';
  /** Why it is here: 'patch 2/5 (v3) touches do_no_page (3 hunks, +10/−4)', 'discussed in prose by X'. */
  why: string[];
  firstDate: string | null;
  lastDate: string | null;
  /** A person, never a robot; null when only robots wrote. */
  proposer: Person | null;
  /** Every version of the series in lineage order; empty for an entry that is not a series. */
  versions: EntryVersion[];
  touching: TouchingPatch[];
  /** The subject's hunks from the latest version that touches it. */
  hunks: SubjectHunk[];
  discussion: DiscussionExcerpt[];
  /** Argument pairs that quote the subject's changed lines or name the subject. */
  arguments: ArgumentPair[];
  /** Review trailers (Reviewed/Acked/Tested/Reported-by) in the entry's threads. */
  reviews: HistoryTrailer[];
  reports: BotReport[];
  races: RaceLink[];
  outcome: OutcomeFact[];
  /** Root Message-IDs of the entry's threads (see HistoryInput.threads). */
  threads: string[];
}
