// The single entry point to archives: detect the format, pick the reader, stream SourceItems.
// readSource never throws: what cannot be read becomes an 'error' item naming the path.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { SourceFormat, SourceItem } from './types.js';
import { describe, errorItem, origin } from './origin.js';
import { detectFormat } from './detect.js';
import { epochsOf, readPublicInboxV1, readPublicInboxV2, type CommitCursor, type GitReadOptions } from './git/public-inbox.js';
import { countCommits, resolveGitDir } from './git/repo.js';
import { readMboxFile, type MboxOptions } from './mbox/read.js';
import { maildirFiles, readEml, readMaildir, readStdin } from './files.js';
import { readPage } from './pages/index.js';

export type { Origin, SourceFormat, SourceItem, StubMessage } from './types.js';
export type { CommitCursor } from './git/public-inbox.js';
export { detectFormat, type Detection } from './detect.js';
export { readRaw, RawUnavailableError } from './raw.js';
export { mboxrdEntry, toMboxrd, MBOXRD_FROM_LINE } from './mbox/write.js';
export { formatLocator, parseLocator, type LocatorFields } from './origin.js';

export interface ReadOptions extends GitReadOptions, MboxOptions {
  /** Skip detection (the CLI's --format). */
  format?: SourceFormat;
  /** What '-' reads; process.stdin unless given (tests pass their own). */
  stdin?: AsyncIterable<Buffer>;
}

export interface SourceRead extends AsyncIterable<SourceItem> {
  /**
   * Git sources: per epoch (v1: 0), the newest commit whose items have all been yielded so far.
   * After a complete iteration, store it and pass it back as `sinceCommit` next time.
   */
  readonly newestCommit: CommitCursor;
}

export function readSource(path: string, options: ReadOptions = {}): SourceRead {
  const newestCommit: CommitCursor = {};
  return { newestCommit, [Symbol.asyncIterator]: () => dispatch(path, options, newestCommit) };
}

async function* dispatch(path: string, options: ReadOptions, cursor: CommitCursor): AsyncGenerator<SourceItem> {
  const source = path === '-' ? '-' : resolve(path);
  let format = options.format;
  if (!format) {
    const detected = await detectFormat(source);
    if (detected.format === null) {
      // The reason already names the path.
      yield { kind: 'error', origin: origin(source, 'eml', ''), reason: detected.reason };
      return;
    }
    format = detected.format;
  }
  const misfit = await checkShape(source, format);
  if (misfit) {
    yield errorItem(origin(source, format, ''), misfit);
    return;
  }
  switch (format) {
    case 'public-inbox-v2':
      return yield* readPublicInboxV2(source, cursor, options);
    case 'public-inbox-v1':
      return yield* readPublicInboxV1(source, cursor, options);
    case 'mbox':
      return yield* readMboxFile(source, options);
    case 'maildir':
      return yield* readMaildir(source);
    case 'eml':
      return yield* readEml(source);
    case 'stdin':
      return yield* readStdin(options.stdin ?? (process.stdin as AsyncIterable<Buffer>), options);
    case 'page':
      try {
        return yield* readPage(source);
      } catch (error) {
        return yield errorItem(origin(source, 'page', ''), `cannot read: ${describe(error)}`);
      }
  }
}

/** Why the path cannot hold this format (a forced --format can be wrong), or null. */
async function checkShape(source: string, format: SourceFormat): Promise<string | null> {
  if (format === 'stdin') return null;
  let isDir: boolean;
  try {
    isDir = (await stat(source)).isDirectory();
  } catch (error) {
    return `cannot read: ${describe(error)}`;
  }
  const wantsDir = format === 'maildir' || format === 'public-inbox-v2' || format === 'public-inbox-v1';
  if (wantsDir && !isDir) return `a ${format} source must be a directory`;
  if (!wantsDir && isDir) return `a ${format} source must be a file, not a directory`;
  if (format === 'maildir' && (await maildirFiles(source)).length === 0) {
    return 'not a Maildir with messages (no files in cur/ or new/)';
  }
  if (format === 'public-inbox-v1' && !(await resolveGitDir(source))) return 'not a git repository';
  return null;
}

/**
 * How many items a read will yield, for a progress ETA, where that is cheap to know: commits
 * for git sources (`git rev-list --count`, after `sinceCommit`), files for a Maildir, 1 for an
 * .eml; null for streams (mbox, stdin, pages) and unreadable paths.
 */
export async function countExpected(path: string, options: ReadOptions = {}): Promise<number | null> {
  if (path === '-') return null;
  const source = resolve(path);
  const format = options.format ?? (await detectFormat(source)).format;
  switch (format) {
    case 'public-inbox-v2':
    case 'public-inbox-v1': {
      let total = 0;
      for (const { epoch, gitDir } of await epochsOf(source)) {
        const n = await countCommits(gitDir, options.sinceCommit?.[format === 'public-inbox-v1' ? 0 : epoch]);
        if (n === null) return null;
        total += n;
      }
      return total;
    }
    case 'maildir':
      return (await maildirFiles(source)).length;
    case 'eml':
      return 1;
    default:
      return null;
  }
}
