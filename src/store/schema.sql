-- lorelab's SQLite graph: the one place the schema is written down.
--
-- Conventions users can rely on when writing their own SQL:
--   * a message is named by its Message-ID without angle brackets (messages.message_id);
--     other tables refer to messages by that text, so queries read naturally;
--   * dates are ISO 8601 in UTC ('2003-06-01T12:22:00Z'); the header's raw value is kept;
--   * patches.id is the row number; patches.patch_id is `git patch-id --stable`;
--   * child rows point at their parent row by the parent's name: patch_files.patch,
--     hunks.patch_file, hunk_symbols.hunk.
-- The schema version lives in meta('schema_version'); bump it with every change here.

CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Where messages came from: one row per file, inbox epoch or stream ingested.
CREATE TABLE IF NOT EXISTS sources (
  id          INTEGER PRIMARY KEY,
  path        TEXT NOT NULL UNIQUE,     -- absolute path, or '-' for stdin
  format      TEXT NOT NULL,            -- 'page' | 'mbox' | 'maildir' | 'eml' | 'public-inbox-v2' | …
  fingerprint TEXT,                     -- size+mtime (files) or last commit (git); unchanged ⇒ skipped
  last_commit TEXT,                     -- public-inbox: newest commit already ingested
  ingested_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS people (
  id    INTEGER PRIMARY KEY,
  email TEXT UNIQUE,                    -- lower-cased address; NULL for people known by name only
  name  TEXT                            -- the most recent display name
);
CREATE TABLE IF NOT EXISTS person_names (
  person INTEGER NOT NULL REFERENCES people(id),
  name   TEXT NOT NULL,
  UNIQUE (person, name)
);

-- A thread's id is its root's row id (messages.id): it stays while other threads come and go.
CREATE TABLE IF NOT EXISTS threads (
  id                INTEGER PRIMARY KEY,
  root_message_id   TEXT NOT NULL UNIQUE,
  subject           TEXT,
  first_date        TEXT,
  last_date         TEXT,
  message_count     INTEGER NOT NULL DEFAULT 0,   -- full messages and stubs
  stub_count        INTEGER NOT NULL DEFAULT 0,
  participant_count INTEGER NOT NULL DEFAULT 0,
  patch_count       INTEGER NOT NULL DEFAULT 0
);

-- One row per Message-ID. Stubs are messages known only from a thread overview or a
-- reference; they are filled in when the real message arrives.
CREATE TABLE IF NOT EXISTS messages (
  id                INTEGER PRIMARY KEY,        -- also the rowid of messages_fts
  message_id        TEXT NOT NULL UNIQUE,
  is_stub           INTEGER NOT NULL DEFAULT 0,
  stub_origin       TEXT,                       -- 'overview' | 'reference' (stubs only)
  synthetic_id      INTEGER NOT NULL DEFAULT 0, -- 1: the mail had no Message-ID; lorelab made one
  subject           TEXT,
  author            INTEGER REFERENCES people(id),
  author_name       TEXT,
  author_email      TEXT,
  date              TEXT,
  date_raw          TEXT,
  in_reply_to       TEXT,
  parent_message_id TEXT,                       -- parent in the thread tree (after threading)
  thread            INTEGER REFERENCES threads(id), -- NULL until threaded: new, filled, or beside a deleted message
  depth             INTEGER,                    -- 0 for a thread root
  thread_position   INTEGER,                    -- pre-order position in the thread tree
  list_id           TEXT,
  content_hash      TEXT,                       -- sha1 of the raw bytes of the stored copy
  notes             TEXT,                       -- JSON array of decoding notes (charset fallbacks …)
  change_ids        TEXT,                       -- JSON array of its Change-Id trailers, NULL if none
  version_links     TEXT                        -- JSON array of Message-IDs its lore links to earlier versions name, NULL if none
);
CREATE INDEX IF NOT EXISTS messages_thread ON messages(thread, thread_position);
CREATE INDEX IF NOT EXISTS messages_parent ON messages(parent_message_id);
CREATE INDEX IF NOT EXISTS messages_author ON messages(author);
CREATE INDEX IF NOT EXISTS messages_date ON messages(date);

-- The decoded main text part of each full message (stubs have none). Kept apart from messages
-- because threading rewrites message rows: with the body inline every rewrite copied it (on
-- 100,000 synthetic messages that was most of the threading pass).
CREATE TABLE IF NOT EXISTS message_bodies (
  id       INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE, -- = messages.id
  segments TEXT,           -- the body's segmentation, JSON: see the segments view below; before
                           -- the body, so reading it does not walk the body's overflow pages
  body     TEXT NOT NULL
);

-- Every copy of every message: duplicates of a Message-ID add rows here, not to messages.
CREATE TABLE IF NOT EXISTS message_sources (
  id         INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL,
  source     INTEGER NOT NULL REFERENCES sources(id),
  locator    TEXT NOT NULL,                   -- 'offset=123 length=456', 'commit=… blob=…', 'page'
  is_primary INTEGER NOT NULL DEFAULT 0,      -- the copy message_bodies.body was taken from
  UNIQUE (source, locator)
);
CREATE INDEX IF NOT EXISTS message_sources_message ON message_sources(message_id);

-- Ordered References / In-Reply-To edges as the headers (or an overview) gave them.
-- ("references" is an SQL keyword, hence the longer name.)
CREATE TABLE IF NOT EXISTS message_references (
  message_id     TEXT NOT NULL,
  ordinal        INTEGER NOT NULL,
  ref_message_id TEXT NOT NULL,
  kind           TEXT NOT NULL,               -- 'references' | 'in-reply-to' | 'overview'
  PRIMARY KEY (message_id, kind, ordinal)
);
CREATE INDEX IF NOT EXISTS message_references_ref ON message_references(ref_message_id);

CREATE TABLE IF NOT EXISTS attachments (
  message_id   TEXT NOT NULL,
  ordinal      INTEGER NOT NULL,
  filename     TEXT,
  content_type TEXT,
  size         INTEGER,
  PRIMARY KEY (message_id, ordinal)
);

-- One row per diff found in a message: inline, attached, or quoted in a reply.
CREATE TABLE IF NOT EXISTS patches (
  id              INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: ids above a mark are new (linking)
  message_id      TEXT NOT NULL,
  ordinal         INTEGER NOT NULL,           -- order within the message, from 1
  origin          TEXT NOT NULL,              -- 'inline' | 'attachment' | 'quoted'
  attachment_name TEXT,
  subject         TEXT,                       -- the patch's own subject (format-patch) or the mail's
  author_name     TEXT,
  author_email    TEXT,
  patch_id        TEXT,                       -- git patch-id --stable
  series_version  INTEGER,                    -- v3 ⇒ 3; 1 when untagged
  part            INTEGER,                    -- n of [PATCH n/m]
  part_total      INTEGER,                    -- m of [PATCH n/m]
  tags            TEXT,                       -- JSON array: ['RFC', 'RESEND', 'net-next', …]
  files_changed   INTEGER NOT NULL DEFAULT 0,
  insertions      INTEGER NOT NULL DEFAULT 0,
  deletions       INTEGER NOT NULL DEFAULT 0,
  repaired        INTEGER NOT NULL DEFAULT 0, -- whitespace damage was repaired
  problems        TEXT,                       -- JSON array of what was wrong and what was done
  quoted_depth    INTEGER,                    -- quoted diffs: the '>' depth
  quoted_message_id TEXT,                     -- quoted diffs: the message they quote, when known
  raw             TEXT NOT NULL,
  UNIQUE (message_id, ordinal)
);
CREATE INDEX IF NOT EXISTS patches_patch_id ON patches(patch_id);

CREATE TABLE IF NOT EXISTS patch_files (
  id         INTEGER PRIMARY KEY,
  patch      INTEGER NOT NULL REFERENCES patches(id) ON DELETE CASCADE,
  ordinal    INTEGER NOT NULL,
  old_path   TEXT,                            -- NULL for a new file
  new_path   TEXT,                            -- NULL for a deleted file
  path       TEXT NOT NULL,                   -- new_path, else old_path: what queries match
  status     TEXT NOT NULL,                   -- 'modified' | 'added' | 'deleted' | 'renamed' | 'copied'
  additions  INTEGER NOT NULL DEFAULT 0,
  deletions  INTEGER NOT NULL DEFAULT 0,
  old_blob   TEXT,                            -- abbreviated blob ids from the 'index' line
  new_blob   TEXT,
  binary     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS patch_files_patch ON patch_files(patch);
CREATE INDEX IF NOT EXISTS patch_files_path ON patch_files(path);

CREATE TABLE IF NOT EXISTS hunks (
  id          INTEGER PRIMARY KEY,
  patch_file  INTEGER NOT NULL REFERENCES patch_files(id) ON DELETE CASCADE,
  ordinal     INTEGER NOT NULL,
  old_start   INTEGER NOT NULL,
  old_lines   INTEGER NOT NULL,
  new_start   INTEGER NOT NULL,
  new_lines   INTEGER NOT NULL,
  header      TEXT,                           -- the text after the second '@@'
  additions   INTEGER NOT NULL DEFAULT 0,
  deletions   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS hunks_patch_file ON hunks(patch_file);

-- What each hunk touches, and how lorelab knows.
CREATE TABLE IF NOT EXISTS hunk_symbols (
  hunk       INTEGER NOT NULL REFERENCES hunks(id) ON DELETE CASCADE,
  symbol     TEXT NOT NULL,
  kind       TEXT NOT NULL,                   -- 'function' | 'struct' | 'union' | 'enum' | 'macro' | 'variable' | 'typedef'
  change     TEXT NOT NULL,                   -- 'modified' | 'added' | 'removed'
  how        TEXT NOT NULL,                   -- 'hunk-header' | 'definition-in-hunk' | 'source' | …
  confidence REAL NOT NULL,
  PRIMARY KEY (hunk, symbol, kind)
);
CREATE INDEX IF NOT EXISTS hunk_symbols_symbol ON hunk_symbols(symbol);

-- Function renames seen in patches (one removed and one added with a similar body).
CREATE TABLE IF NOT EXISTS symbol_renames (
  patch      INTEGER NOT NULL REFERENCES patches(id) ON DELETE CASCADE,
  path       TEXT,
  old_name   TEXT NOT NULL,
  new_name   TEXT NOT NULL,
  similarity REAL,
  PRIMARY KEY (patch, old_name, new_name)
);

-- `[GIT PULL]` requests: where to pull from, even without a diff.
CREATE TABLE IF NOT EXISTS pull_requests (
  message_id  TEXT NOT NULL,
  repository  TEXT NOT NULL,
  branch      TEXT,
  base_commit TEXT,
  head_commit TEXT,
  PRIMARY KEY (message_id, repository)
);

-- Body segmentation: the message body cut into prose, quotes, diffs, signature, …
-- A segment is a range of the body's lines (message_bodies.body, split at line ends), not a copy
-- of them: the text was the biggest table of the database. Its text is those lines with their
-- quote markers ('>', '> >', …) removed; `segmentTexts` in src/mail/segment rebuilds it.
-- Stored as one JSON array per message in message_bodies.segments ([kind, depth, line_start,
-- line_end] per segment, src/store/segment-layout.ts): one row per segment was 37% of all rows
-- written. This view shows them a row per segment.
--   kind: 'prose' | 'quote' | 'attribution' | 'diff' | 'signature' | 'trailer' | 'footer' | 'scissors'
--   depth: quote depth ('>' count); line_start, line_end: 1-based, inclusive
CREATE VIEW IF NOT EXISTS segments AS
  SELECT m.message_id AS message_id, s.key + 1 AS ordinal, s.value ->> 0 AS kind, s.value ->> 1 AS depth,
         s.value ->> 2 AS line_start, s.value ->> 3 AS line_end
    FROM message_bodies b JOIN messages m ON m.id = b.id, json_each(b.segments) s
   WHERE b.segments IS NOT NULL;

-- Symbols named in subjects and prose, apart from what patches touch.
CREATE TABLE IF NOT EXISTS mentions (
  message_id TEXT NOT NULL,
  symbol     TEXT NOT NULL,
  kind       TEXT NOT NULL,                   -- 'function' | 'member' | 'operation' (->nopage) | 'macro' | 'struct' | 'file'
  place      TEXT NOT NULL,                   -- 'subject' | 'prose' | 'quoted'
  count      INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (message_id, symbol, place)
);
CREATE INDEX IF NOT EXISTS mentions_symbol ON mentions(symbol);

-- Review trailers (Reviewed/Acked/Tested-by) a message gives in its own new text, as found at
-- ingest; the series pass copies those of replies onto the patches they answer (trailers.in_reply).
CREATE TABLE IF NOT EXISTS review_trailers (
  message_id   TEXT NOT NULL,
  ordinal      INTEGER NOT NULL,
  name         TEXT NOT NULL,
  value        TEXT NOT NULL,
  person_name  TEXT,
  person_email TEXT,
  PRIMARY KEY (message_id, ordinal)
);

-- Replies stored with quoted lines whose quotes are not attributed yet (the quote pass after
-- threading, src/passes/quote-pass.ts, empties it): a run finds its new work without a scan.
CREATE TABLE IF NOT EXISTS quote_pending (
  message_id TEXT PRIMARY KEY
) WITHOUT ROWID;

-- Who quoted whom: one row per quote block in a reply, with the reply paragraph beneath it.
CREATE TABLE IF NOT EXISTS quotes (
  id                 INTEGER PRIMARY KEY,
  message_id         TEXT NOT NULL,           -- the reply
  ordinal            INTEGER NOT NULL,
  depth              INTEGER NOT NULL,
  quoted_author_name TEXT,                    -- NULL when the attribution cannot be resolved
  quoted_author      INTEGER REFERENCES people(id),
  quoted_message_id  TEXT,                    -- when the quoted message is known
  attribution        TEXT,                    -- the "On …, X wrote:" line as written
  quoted_text        TEXT NOT NULL,
  reply_text         TEXT,                    -- the new prose that answers it, if any
  UNIQUE (message_id, ordinal)
);
CREATE INDEX IF NOT EXISTS quotes_quoted_message ON quotes(quoted_message_id);

CREATE TABLE IF NOT EXISTS trailers (
  id           INTEGER PRIMARY KEY,
  message_id   TEXT NOT NULL,                 -- where the trailer was written
  patch        INTEGER REFERENCES patches(id) ON DELETE CASCADE, -- the patch it is about
  name         TEXT NOT NULL,                 -- 'Signed-off-by', 'Reviewed-by', 'Fixes', …
  value        TEXT NOT NULL,
  person_name  TEXT,
  person_email TEXT,
  in_reply     INTEGER NOT NULL DEFAULT 0     -- 1: given in a reply to the patch
);
CREATE INDEX IF NOT EXISTS trailers_patch ON trailers(patch);
CREATE INDEX IF NOT EXISTS trailers_message ON trailers(message_id);

-- Series: one row per posting (a cover letter and/or its numbered patches, one author, one
-- version), rebuilt after every ingest. Versions of one series share a lineage.
CREATE TABLE IF NOT EXISTS series (
  id               INTEGER PRIMARY KEY,
  lineage          INTEGER NOT NULL,          -- series.id of the first version; all versions share it
  lineage_position INTEGER NOT NULL,          -- 1 for the first version, in version then date order
  author_name      TEXT,
  author_email     TEXT,
  title            TEXT NOT NULL,             -- the cover letter's title, else patch 1's (no tags)
  version          INTEGER NOT NULL,          -- v3 ⇒ 3; 1 when untagged
  part_total       INTEGER NOT NULL,          -- m of [PATCH n/m]; 1 for an unnumbered patch
  tags             TEXT,                      -- JSON array: ['RFC', 'RESEND', 'net-next', …]
  cover_message_id TEXT,                      -- the [PATCH 0/N] message, when there is one
  change_id        TEXT,                      -- b4's Change-Id / change-id, when given
  first_date       TEXT,
  last_date        TEXT,
  parts_present    INTEGER NOT NULL,          -- distinct n in 1..m present
  missing_parts    TEXT NOT NULL,             -- JSON array of the n in 1..m nobody has
  complete         INTEGER NOT NULL           -- 1: every part 1..m is present
);
CREATE INDEX IF NOT EXISTS series_lineage ON series(lineage, lineage_position);

-- The messages of each series: the cover letter (part 0) and the patches.
CREATE TABLE IF NOT EXISTS series_messages (
  series     INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  message_id TEXT NOT NULL,
  part       INTEGER NOT NULL,                -- 0 for the cover letter
  role       TEXT NOT NULL,                   -- 'cover' | 'patch'
  PRIMARY KEY (series, message_id)
);
CREATE INDEX IF NOT EXISTS series_messages_message ON series_messages(message_id);

-- Version links: `series` is the next version after `previous`, and how lorelab knows.
CREATE TABLE IF NOT EXISTS series_versions (
  series   INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  previous INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  how      TEXT NOT NULL,                     -- 'change-id' | 'link' | 'title' | 'renamed' (comma-joined), or 'lineage'
  PRIMARY KEY (series)
);

-- The simulator's scenarios, which patches they model, and their runs.
CREATE TABLE IF NOT EXISTS scenarios (
  id          TEXT PRIMARY KEY,               -- 'truncate-nopage'
  title       TEXT NOT NULL,
  seed        TEXT,                           -- the corpus file it was written from
  functions   TEXT,                           -- JSON array of kernel functions modelled
  locks       TEXT,                           -- JSON array of locks modelled
  variants    TEXT                            -- JSON array of variant names
);
CREATE TABLE IF NOT EXISTS patch_scenarios (
  patch    INTEGER NOT NULL REFERENCES patches(id) ON DELETE CASCADE,
  scenario TEXT NOT NULL REFERENCES scenarios(id),
  how      TEXT NOT NULL,                     -- 'declared' | 'same-series' | 'candidate'
  score    REAL,
  overlap  TEXT,                              -- JSON: modelled functions touched/named/called, locks used (context)
  evidence TEXT,                              -- JSON array of {function, operation, side, line, step}: changed lines where the race lives
  PRIMARY KEY (patch, scenario)
);
CREATE TABLE IF NOT EXISTS scenario_runs (
  id          INTEGER PRIMARY KEY,
  scenario    TEXT NOT NULL,
  variant     TEXT NOT NULL,
  patch       INTEGER REFERENCES patches(id) ON DELETE SET NULL,
  verdict     TEXT NOT NULL,                  -- 'violation' | 'deadlock' | 'lost-wakeup' | 'ok'
  invariant   TEXT,
  states      INTEGER,
  transitions INTEGER,
  ms          REAL,
  schedule    TEXT,
  trace       TEXT,                           -- JSON array of steps
  run_at      TEXT NOT NULL
);

-- Upstream: a git repository (`--source REPO`, e.g. a kernel clone) scanned for the commits
-- patches landed as (src/upstream). One row per repository, keyed by its absolute path; `head`
-- is the commit the last scan reached: the next scan reads only commits not reachable from it.
CREATE TABLE IF NOT EXISTS upstream_repos (
  path       TEXT PRIMARY KEY,                -- absolute path of the repository
  head       TEXT,                            -- HEAD when it was last scanned
  scanned_at TEXT,                            -- when (ISO 8601 UTC)
  commits    INTEGER NOT NULL DEFAULT 0       -- non-merge commits scanned so far
);

-- The repository's non-merge commits, each with `git patch-id --stable` of its diff (NULL for an
-- empty commit), its subject line, author address (lower case) and commit date (UTC).
CREATE TABLE IF NOT EXISTS upstream_commits (
  repo         TEXT NOT NULL,                 -- upstream_repos.path
  commit_id    TEXT NOT NULL,                 -- full hex id
  patch_id     TEXT,
  subject      TEXT,
  author_email TEXT,
  committed_at TEXT,
  PRIMARY KEY (repo, commit_id)
);
CREATE INDEX IF NOT EXISTS upstream_commits_patch_id ON upstream_commits(patch_id);
CREATE INDEX IF NOT EXISTS upstream_commits_subject ON upstream_commits(subject);

-- Where a mailed patch (not a quoted copy) landed: one row per patch found upstream; a patch
-- without a row was not found in any scanned repository. how: 'patch-id' (the commit's
-- patch-id --stable is the patch's), 'later-version' (a later version of the same patch in the
-- same series lineage landed by patch-id), 'subject' (a commit with the same subject line and
-- author address: weaker, the content differs).
CREATE TABLE IF NOT EXISTS patch_landed (
  patch     INTEGER PRIMARY KEY REFERENCES patches(id) ON DELETE CASCADE,
  repo      TEXT,                             -- upstream_repos.path
  commit_id TEXT,                             -- the earliest such commit
  subject   TEXT,                             -- the commit's subject line
  first_tag TEXT,                             -- the first tag containing it (git name-rev --tags); NULL when none yet
  how       TEXT                              -- 'patch-id' | 'later-version' | 'subject'
);
CREATE INDEX IF NOT EXISTS patch_landed_commit ON patch_landed(repo, commit_id);

-- Everything that went wrong, per message or per source position; the run goes on. By stage:
-- 'source' (a source or a position in it: unreadable, truncated, not an archive) and 'mime' (a
-- message that could not be parsed) are input not stored; 'decode' (a stored message read around
-- damage: invalid base64, an unknown charset, a boundary that never closes, no headers, no
-- Message-ID, an unreadable date), 'patch' (a damaged diff kept raw) and 'thread' (reference loops,
-- unattributed quotes) are about stored messages.
CREATE TABLE IF NOT EXISTS ingest_errors (
  id         INTEGER PRIMARY KEY,
  source     TEXT NOT NULL,                   -- path of the file, inbox or '-' (stdin)
  locator    TEXT,                            -- where in it
  message_id TEXT,
  stage      TEXT NOT NULL,                   -- 'source' | 'mime' | 'decode' | 'patch' | 'thread' | 'store'
  error      TEXT NOT NULL,
  at         TEXT NOT NULL,
  UNIQUE (source, locator, stage, error)
);

-- Full-text search over subjects and new prose (not quotes): rowid = messages.id.
CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5(
  subject, prose, author, tokenize = 'porter unicode61'
);
