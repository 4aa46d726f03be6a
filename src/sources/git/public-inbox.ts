// public-inbox readers. v2: an inbox directory `git/0.git, git/1.git, …` (or one epoch), where
// every commit adds the blob `m` (a message) or `d` (a message removed from the inbox). v1: one
// repository whose tree holds each message as a file named by its hash (`ab/cdef…`).
// Commits come from `git log --raw`, blobs from one `git cat-file --batch` per repository, with
// a fixed number of blobs requested ahead so git and the consumer work at the same time.
import type { Origin, SourceFormat, SourceItem } from '../types.js';
import { describe, errorItem, origin } from '../origin.js';
import { BlobReader } from './cat-file.js';
import { commitChanges, type FileChange } from './log.js';
import { checkSince, epochOfPath, listEpochs, resolveGitDir, type Epoch } from './repo.js';

export interface GitReadOptions {
  /** Per epoch (v1: key 0), the newest commit already ingested: only later commits are read. */
  sinceCommit?: Readonly<Record<number, string>>;
  /** Blobs requested from cat-file before the oldest is consumed. */
  lookahead?: number;
}

/** Filled in while reading: per epoch, the newest commit whose items were all yielded. */
export type CommitCursor = Record<number, string>;

type Wanted = { kind: 'message' | 'delete'; blob: string; path: string };
type Classify = (change: FileChange) => Wanted | null;

const ZERO = /^0+$/;

const classifyV2: Classify = (change) => {
  if (change.status === 'D' || ZERO.test(change.newBlob)) return null;
  if (change.path === 'm') return { kind: 'message', blob: change.newBlob, path: 'm' };
  if (change.path === 'd') return { kind: 'delete', blob: change.newBlob, path: 'd' };
  return null;
};

const classifyV1: Classify = (change) => {
  if (change.status === 'D') return { kind: 'delete', blob: change.oldBlob, path: change.path };
  if (ZERO.test(change.newBlob)) return null;
  return { kind: 'message', blob: change.newBlob, path: change.path };
};

/** Epochs of an inbox directory, or the one repository given; empty when there is none. */
export async function epochsOf(source: string): Promise<Epoch[]> {
  const epochs = await listEpochs(source);
  if (epochs.length > 0) return epochs;
  const gitDir = await resolveGitDir(source);
  return gitDir ? [{ epoch: epochOfPath(gitDir), gitDir }] : [];
}

export async function* readPublicInboxV2(
  source: string,
  cursor: CommitCursor,
  options: GitReadOptions = {},
): AsyncGenerator<SourceItem> {
  const epochs = await epochsOf(source);
  if (epochs.length === 0) {
    yield errorItem(origin(source, 'public-inbox-v2', ''), 'not a public-inbox: no git/N.git epochs and not a git repository');
    return;
  }
  for (const { epoch, gitDir } of epochs) {
    yield* readRepository({ source, format: 'public-inbox-v2', gitDir, epoch, classify: classifyV2 }, cursor, options);
  }
}

export async function* readPublicInboxV1(
  source: string,
  cursor: CommitCursor,
  options: GitReadOptions = {},
): AsyncGenerator<SourceItem> {
  const gitDir = await resolveGitDir(source);
  if (!gitDir) {
    yield errorItem(origin(source, 'public-inbox-v1', ''), 'not a git repository');
    return;
  }
  yield* readRepository({ source, format: 'public-inbox-v1', gitDir, epoch: 0, classify: classifyV1 }, cursor, options);
}

interface Repository {
  source: string;
  format: SourceFormat;
  gitDir: string;
  epoch: number;
  classify: Classify;
}

interface Pending {
  commit: string;
  kind: Wanted['kind'] | 'none';
  at: Origin;
  blob: Promise<Buffer | null>;
}

async function* readRepository(repo: Repository, cursor: CommitCursor, options: GitReadOptions): AsyncGenerator<SourceItem> {
  const lookahead = Math.max(1, options.lookahead ?? 64);
  const epochWord = repo.format === 'public-inbox-v2' ? { epoch: repo.epoch } : {};
  let since = options.sinceCommit?.[repo.epoch];
  if (since && (await checkSince(repo.gitDir, since)) === 'unknown') {
    yield errorItem(
      origin(repo.source, repo.format, { ...epochWord, commit: since }),
      `recorded commit ${since} is not in the history of ${repo.gitDir} (rewritten or replaced?): reading the whole epoch again`,
    );
    since = undefined;
  }
  const blobs = new BlobReader(repo.gitDir);
  const window: Pending[] = [];
  const none = Promise.resolve(null);
  let failure: unknown = null;
  try {
    try {
      for await (const { commit, changes } of commitChanges(repo.gitDir, since)) {
        const wanted = changes.map(repo.classify).filter((w): w is Wanted => w !== null);
        if (wanted.length === 0) {
          // Still a step in the history: it moves the cursor once the items before it are out.
          window.push({ commit, kind: 'none', at: origin(repo.source, repo.format, { ...epochWord, commit }), blob: none });
        }
        for (const w of wanted) {
          const path = repo.format === 'public-inbox-v1' ? { path: w.path } : {};
          const at = origin(repo.source, repo.format, { ...epochWord, commit, blob: w.blob, ...path });
          const blob = blobs.read(w.blob);
          blob.catch(() => undefined); // handled when its turn comes; avoids an unhandled rejection
          window.push({ commit, kind: w.kind, at, blob });
        }
        while (window.length >= lookahead) yield* settle(window.shift()!, cursor, repo.epoch);
      }
    } catch (error) {
      failure = error;
    }
    // Blobs already requested come out, in order, before any failure is reported.
    while (window.length > 0) yield* settle(window.shift()!, cursor, repo.epoch);
    if (failure) yield errorItem(origin(repo.source, repo.format, epochWord), `reading ${repo.gitDir}: ${describe(failure)}`);
  } finally {
    blobs.close();
  }
}

async function* settle(pending: Pending, cursor: CommitCursor, epoch: number): AsyncGenerator<SourceItem> {
  if (pending.kind !== 'none') {
    try {
      const raw = await pending.blob;
      if (raw === null) yield errorItem(pending.at, 'blob missing from the repository');
      else yield { kind: pending.kind, raw, origin: pending.at };
    } catch (error) {
      yield errorItem(pending.at, describe(error));
    }
  }
  cursor[epoch] = pending.commit;
}
