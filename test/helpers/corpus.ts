// Shared by tests: temporary directories, the seed corpus ingested into a real SQLite file,
// and the built CLI run as a user runs it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { ingest } from '../../src/ingest/ingest.js';
import { openDatabase, type DB } from '../../src/store/open.js';
import { requireBuild } from './built.js';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const corporaDir = join(repoRoot, 'corpora');
export const seed = (prefix: string) => join(corporaDir, `${prefix}_${SEEDS[prefix]}.txt`);
const SEEDS: Record<string, string> = {
  '000': '52fa4d23242dca54',
  '001': '524799ead2cdd84c',
  '002': 'cf02ac1430d7df9c',
  '003': '488de8a7248cdedf',
  '004': 'e43b578b4fb50cba',
};

export function tempDir(prefix = 'lorelab-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** Runs git in a throwaway repository, with an identity so that commits work anywhere. */
export function gitIn(dir: string): (...args: string[]) => string {
  return (...args) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' });
}

/** The seed corpus ingested into a fresh database file; close and clean up when done. */
export async function corpusDb(): Promise<{ db: DB; path: string; cleanup: () => void }> {
  const dir = tempDir();
  const path = join(dir.path, 'corpus.db');
  const db = openDatabase(path);
  await ingest(db, [corporaDir]);
  return {
    db,
    path,
    cleanup: () => {
      db.close();
      dir.cleanup();
    },
  };
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command (dist/) the way `npx lorelab …` does. */
export function lorelab(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): CliRun {
  requireBuild();
  const run = spawnSync(process.execPath, [join(repoRoot, 'dist/src/cli/main.js'), ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env },
    input: options.input,
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The built command run without blocking the event loop (for tests whose servers run in-process). */
export function lorelabAsync(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist/src/cli/main.js'), ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}
