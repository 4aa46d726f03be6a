// Exact mode over the store: each stored patch's diff is read again from patches.raw, its C
// files resolved against a git repository (resolveWithSource: tree-sitter ranges of the real
// pre- and post-images), and the hunks' symbols replaced by what the source says (how 'source').
// Files that cannot be resolved (blob missing, pre-image does not match) keep their symbols.
import { findPatches, resolveWithSource, type FoundPatch, type PatchFile } from '../patch/index.js';
import { isCLike } from '../patch/symbols/annotate.js';
import type { DB } from '../store/open.js';

export interface ResolveStoredOptions {
  /** Path of a git repository holding the pre-images. */
  repository: string;
  /** Take pre-images from this commit instead of each file's 'index' blob. */
  baseCommit?: string;
  /** Only the patches of this message. */
  messageId?: string;
  /** Leave patches whose every symbol already came from the source (re-runs, ingest --source). */
  skipResolved?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface ResolveStoredSummary {
  patches: number;
  /** Files whose symbols now come from the source. */
  filesResolved: number;
  /** Files left as they were, with the reason (also in ingest_errors, stage 'patch'). */
  problems: Array<{ messageId: string; ordinal: number; problem: string }>;
}

interface StoredPatch {
  id: number;
  message_id: string;
  ordinal: number;
  raw: string;
}

interface StoredHunk {
  id: number;
  file_ordinal: number;
  ordinal: number;
}

function storedPatches(db: DB, options: ResolveStoredOptions): StoredPatch[] {
  return db.prepare(`SELECT p.id, p.message_id, p.ordinal, p.raw FROM patches p
      WHERE p.origin <> 'quoted' AND (@messageId IS NULL OR p.message_id = @messageId)
        AND EXISTS (SELECT 1 FROM patch_files f JOIN hunks h ON h.patch_file = f.id WHERE f.patch = p.id)
        AND (@skipResolved = 0 OR EXISTS (SELECT 1 FROM patch_files f JOIN hunks h ON h.patch_file = f.id
              LEFT JOIN hunk_symbols s ON s.hunk = h.id WHERE f.patch = p.id AND (s.how IS NULL OR s.how <> 'source')))
      ORDER BY p.id`).all({ messageId: options.messageId ?? null, skipResolved: options.skipResolved ? 1 : 0 }) as StoredPatch[];
}

/** The stored diff read again; null when it no longer has the stored shape (files × hunks). */
function reread(patch: StoredPatch, hunks: StoredHunk[]): FoundPatch | null {
  const found = findPatches({ subject: null, text: patch.raw, attachments: [] }).find((p) => p.origin !== 'quoted' && p.files.length > 0);
  if (!found) return null;
  const shape = found.files.map((f) => f.hunks.length).join(',');
  const storedShape = [...hunks.reduce((m, h) => m.set(h.file_ordinal, (m.get(h.file_ordinal) ?? 0) + 1), new Map<number, number>()).entries()]
    .sort((a, b) => a[0] - b[0]).map(([, n]) => n).join(',');
  return shape === storedShape ? found : null;
}

export async function resolveStoredPatches(db: DB, options: ResolveStoredOptions): Promise<ResolveStoredSummary> {
  const summary: ResolveStoredSummary = { patches: 0, filesResolved: 0, problems: [] };
  const hunksOf = db.prepare(`SELECT h.id, f.ordinal AS file_ordinal, h.ordinal FROM patch_files f JOIN hunks h ON h.patch_file = f.id
      WHERE f.patch = ? ORDER BY f.ordinal, h.ordinal`);
  const clear = db.prepare('DELETE FROM hunk_symbols WHERE hunk = ?');
  const insert = db.prepare('INSERT OR IGNORE INTO hunk_symbols(hunk, symbol, kind, change, how, confidence) VALUES (?, ?, ?, ?, ?, ?)');
  const recordProblem = db.prepare(`INSERT INTO ingest_errors(source, locator, message_id, stage, error, at) VALUES (?, ?, ?, 'patch', ?, ?)
      ON CONFLICT(source, locator, stage, error) DO NOTHING`);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const problem = (patch: StoredPatch, text: string) => {
    summary.problems.push({ messageId: patch.message_id, ordinal: patch.ordinal, problem: text });
    recordProblem.run(options.repository, `message-id=${patch.message_id} patch=${patch.ordinal}`, patch.message_id, `resolve: ${text}`, now);
  };

  const patches = storedPatches(db, options);
  for (const [done, patch] of patches.entries()) {
    options.onProgress?.(done, patches.length);
    summary.patches++;
    const hunks = hunksOf.all(patch.id) as StoredHunk[];
    const found = reread(patch, hunks);
    if (!found) {
      problem(patch, 'the stored diff no longer reads as the stored files and hunks; kept the mail-alone symbols');
      continue;
    }
    // One file at a time, so a file that fails is told apart from one that resolved.
    const resolvedFiles: Array<PatchFile | null> = [];
    for (const file of found.files) {
      const resolved = await resolveWithSource({ ...found, files: [file], problems: [] }, options.repository, { baseCommit: options.baseCommit });
      resolved.problems.forEach((p) => problem(patch, p));
      resolvedFiles.push(resolved.problems.length === 0 ? resolved.files[0] : null);
    }
    db.transaction(() => {
      let next = 0;
      found.files.forEach((file, index) => {
        const resolved = resolvedFiles[index];
        const rows = hunks.slice(next, next + file.hunks.length);
        next += file.hunks.length;
        if (!resolved || !isSourceResolved(resolved)) return;
        summary.filesResolved++;
        resolved.hunks.forEach((hunk, i) => {
          clear.run(rows[i].id);
          for (const s of hunk.symbols) insert.run(rows[i].id, s.name, s.kind, s.change, s.how, s.confidence);
        });
      });
    })();
  }
  options.onProgress?.(patches.length, patches.length);
  return summary;
}

/** resolveWithSource leaves non-C files as they were: only C files with hunks count as resolved. */
function isSourceResolved(file: PatchFile): boolean {
  return isCLike(file.newPath ?? file.oldPath) && file.hunks.length > 0;
}
