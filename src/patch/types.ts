// The plain data the patch stage produces. The store writes it as it is (see schema.sql:
// patches, patch_files, hunks, hunk_symbols, symbol_renames, pull_requests, trailers).

/** What the patch stage needs to know about a message: nothing but text. */
export interface PatchSourceMail {
  subject: string | null;
  /** The decoded main text part of the message. */
  text: string;
  /** Every attachment whose content is text (decoded), in MIME order. */
  attachments: Array<{ filename: string | null; contentType: string; text: string | null }>;
}

export type PatchOrigin = 'inline' | 'attachment' | 'quoted';

export type SymbolKind = 'function' | 'struct' | 'union' | 'enum' | 'macro' | 'variable' | 'typedef';

export interface TouchedSymbol {
  name: string;
  kind: SymbolKind;
  /** Where the changed lines are: in a symbol that is kept, added whole or removed whole. */
  change: 'modified' | 'added' | 'removed';
  /** How it was found: 'hunk-header', 'definition-in-hunk', 'source', … (free, documented in src/patch/README.md). */
  how: string;
  /** 0..1 */
  confidence: number;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The text after the second '@@' (the sender's diff program's guess of the function). */
  header: string;
  /** The hunk's body lines with their ' ', '+', '-' or '\' prefix, repaired where needed. */
  lines: string[];
  additions: number;
  deletions: number;
  symbols: TouchedSymbol[];
}

export interface PatchFile {
  oldPath: string | null;
  newPath: string | null;
  status: 'modified' | 'added' | 'deleted' | 'renamed' | 'copied';
  oldBlob: string | null;
  newBlob: string | null;
  binary: boolean;
  additions: number;
  deletions: number;
  hunks: Hunk[];
  /** The file's header lines as sent ('diff --git …', 'index …', '--- …', '+++ …', mode and rename lines). */
  headerLines: string[];
  /** True for `diff --git` output; false for `diff -u`, `Index:`-style and bare `---`/`+++` diffs. */
  gitStyle: boolean;
}

export interface SubjectTags {
  /** 'PATCH', 'RFC', 'RESEND', 'GIT PULL', 'net-next', … as written, minus the version and n/m. */
  tags: string[];
  version: number;
  part: number | null;
  partTotal: number | null;
  isReply: boolean;
  /** The subject without Re:/Fwd: and without the bracketed tags. */
  title: string;
}

export interface Trailer {
  name: string;
  value: string;
  personName: string | null;
  personEmail: string | null;
  /** Fixes: the commit id it names (abbreviated as written). */
  commit?: string | null;
}

export interface FoundPatch {
  /** From 1, in the order the diffs appear in the message (body first, then attachments). */
  ordinal: number;
  origin: PatchOrigin;
  attachmentName: string | null;
  /** format-patch headers inside the diff's text, when present (attachments of 004_…). */
  subject: string | null;
  authorName: string | null;
  authorEmail: string | null;
  /** Quoted diffs: the '>' depth. */
  quotedDepth: number | null;
  files: PatchFile[];
  /** git patch-id --stable of this diff, null when it has no hunks. */
  patchId: string | null;
  repaired: boolean;
  /** Human-readable notes: what was damaged and what was done, or why parsing failed. */
  problems: string[];
  trailers: Trailer[];
  raw: string;
}

/** A function that a patch removed and added back under another name with a similar body. */
export interface SymbolRename {
  path: string | null;
  oldName: string;
  newName: string;
  /** 0..1, line-set similarity of the two bodies. */
  similarity: number;
}

export interface PullRequest {
  repository: string;
  branch: string | null;
  baseCommit: string | null;
  headCommit: string | null;
}
