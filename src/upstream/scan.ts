// Reading a repository's commits into upstream_commits, incrementally: the first scan reads the
// whole history of HEAD, later ones only the commits not reachable from the head scanned before
// (`HEAD ^old`), so a rewritten or reset branch is still read correctly and nothing is read twice.
//
// Two streams of git, each held one line at a time:
//   1. `git log --no-merges --format=<id, author, date, subject>` — the rows;
//   2. `git log -p --no-merges --format='commit %H'` piped into `git patch-id --stable` — one
//      "<patch-id> <commit>" line per commit with a diff, written onto the rows.
// Merges are left out: their diff is not a patch anyone mailed.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { DB } from '../store/open.js';
import { gitLines, runGit } from '../sources/git/exec.js';
import type { UpstreamRepo } from './repo.js';

/** Rows written per transaction. */
const BATCH = 2000;

export interface ScanResult {
  /** Commits read this time (0 when HEAD has not moved). */
  commitsRead: number;
  /** Commits known in the repository after the scan. */
  commitsKnown: number;
  /** Whether this was the repository's first scan (the whole history). */
  first: boolean;
}

/** Scans what is new in `repo` since its last scan into upstream_commits and upstream_repos. */
export async function scanUpstream(db: DB, repo: UpstreamRepo): Promise<ScanResult> {
  const previous = db.prepare('SELECT head, commits FROM upstream_repos WHERE path = ?').get(repo.path) as
    | { head: string | null; commits: number }
    | undefined;
  const range = await revisionRange(repo, previous?.head ?? null);
  let commitsRead = 0;
  if (range) {
    commitsRead = await readCommits(db, repo, range);
    await readPatchIds(db, repo, range);
  }
  const commitsKnown = (db.prepare('SELECT count(*) FROM upstream_commits WHERE repo = ?').pluck().get(repo.path) as number);
  db.prepare(
    `INSERT INTO upstream_repos(path, head, scanned_at, commits) VALUES (?, ?, ?, ?)
     ON CONFLICT(path) DO UPDATE SET head = excluded.head, scanned_at = excluded.scanned_at, commits = excluded.commits`,
  ).run(repo.path, repo.head, new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), commitsKnown);
  return { commitsRead, commitsKnown, first: !previous };
}

/** The revisions to read: everything from HEAD, less what the last scan reached; null when nothing. */
async function revisionRange(repo: UpstreamRepo, oldHead: string | null): Promise<string[] | null> {
  if (!oldHead) return [repo.head];
  if (oldHead === repo.head) return null;
  const known = await runGit(repo.gitDir, ['cat-file', '-e', `${oldHead}^{commit}`]);
  // The old head gone (history rewritten and collected): read everything again; rows already
  // stored are kept as they are (INSERT OR IGNORE), patch-ids written again.
  return known.code === 0 ? [repo.head, `^${oldHead}`] : [repo.head];
}

const FIELD = '\x1f';

async function readCommits(db: DB, repo: UpstreamRepo, range: string[]): Promise<number> {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO upstream_commits(repo, commit_id, subject, author_email, committed_at) VALUES (?, ?, ?, ?, ?)',
  );
  const write = db.transaction((rows: string[][]) => {
    for (const [id, email, time, subject] of rows) insert.run(repo.path, id, subject ?? '', (email ?? '').toLowerCase(), isoFromUnix(time));
  });
  let rows: string[][] = [];
  let read = 0;
  const args = ['log', '--no-merges', `--format=%H${FIELD}%ae${FIELD}%ct${FIELD}%s`, ...range, '--'];
  for await (const line of gitLines(repo.gitDir, args)) {
    if (!line) continue;
    rows.push(line.split(FIELD));
    read++;
    if (rows.length >= BATCH) {
      write(rows);
      rows = [];
    }
  }
  write(rows);
  return read;
}

async function readPatchIds(db: DB, repo: UpstreamRepo, range: string[]): Promise<void> {
  const update = db.prepare('UPDATE upstream_commits SET patch_id = ? WHERE repo = ? AND commit_id = ?');
  const write = db.transaction((pairs: Array<[string, string]>) => {
    for (const [patchId, commit] of pairs) update.run(patchId, repo.path, commit);
  });
  let pairs: Array<[string, string]> = [];
  for await (const line of patchIdLines(repo.gitDir, range)) {
    const match = /^([0-9a-f]+) ([0-9a-f]+)$/.exec(line);
    if (!match) continue;
    pairs.push([match[1], match[2]]);
    if (pairs.length >= BATCH) {
      write(pairs);
      pairs = [];
    }
  }
  write(pairs);
}

/**
 * `git log -p … | git patch-id --stable`, the pipe made here so that neither side is buffered
 * whole: git log waits on the pipe while patch-id hashes, and patch-id's lines are read as they come.
 */
async function* patchIdLines(gitDir: string, range: string[]): AsyncGenerator<string> {
  const log = spawn(
    'git',
    [`--git-dir=${gitDir}`, 'log', '-p', '--no-merges', '--no-color', '--no-ext-diff', '--no-textconv', '--format=commit %H', ...range, '--'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const patchId = spawn('git', [`--git-dir=${gitDir}`, 'patch-id', '--stable'], { stdio: ['pipe', 'pipe', 'pipe'] });
  log.stdout.pipe(patchId.stdin);
  // A patch-id that dies closes its stdin: git log then gets EPIPE, which is reported below.
  patchId.stdin.on('error', () => undefined);
  const errors: string[] = [];
  log.stderr.on('data', (c: Buffer) => errors.push(c.toString('utf8')));
  patchId.stderr.on('data', (c: Buffer) => errors.push(c.toString('utf8')));
  const exited = (child: ReturnType<typeof spawn>) =>
    new Promise<number>((resolve) => {
      child.on('error', () => resolve(-1));
      child.on('close', (code) => resolve(code ?? -1));
    });
  const codes = Promise.all([exited(log), exited(patchId)]);
  let finished = false;
  try {
    for await (const line of createInterface({ input: patchId.stdout, crlfDelay: Infinity })) yield line;
    finished = true;
  } finally {
    if (!finished) {
      log.kill();
      patchId.kill();
    }
  }
  const [logCode, idCode] = await codes;
  if (logCode !== 0 || idCode !== 0) {
    throw new Error(`git log -p | git patch-id --stable failed (exit ${logCode}/${idCode}): ${errors.join('').trim()}`);
  }
}

function isoFromUnix(seconds: string | undefined): string | null {
  const n = Number(seconds);
  return Number.isFinite(n) && seconds ? new Date(n * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
}
