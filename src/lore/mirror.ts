// A list's public-inbox v2 archive mirrored epoch by epoch: `git clone --mirror <base>/<list>/<N>`
// into `<dir>/git/<N>.git` for N = 0, 1, … until the server has no epoch N; on later runs the
// epochs already there are fetched and new ones looked for. A clone goes to a temporary name and
// is renamed when complete, so an interrupted run leaves no half epoch behind.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { epochUrl } from './url.js';

export interface EpochResult {
  epoch: number;
  url: string;
  /** cloned: new here; updated: fetched, and its head moved; unchanged: fetched, nothing new. */
  action: 'cloned' | 'updated' | 'unchanged';
}

export interface MirrorResult {
  dir: string;
  epochs: EpochResult[];
}

export class MirrorError extends Error {}

export interface MirrorOptions {
  /** An epoch is about to be cloned or fetched. */
  onEpoch?: (epoch: number, action: 'clone' | 'fetch', url: string) => void;
  /** Stop looking after this many epochs (a guard against a server that answers everything). */
  maxEpochs?: number;
}

export async function mirrorList(base: string, list: string, dir: string, options: MirrorOptions = {}): Promise<MirrorResult> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(list)) throw new MirrorError(`"${list}" is not a list name (like linux-mm)`);
  mkdirSync(join(dir, 'git'), { recursive: true });
  const epochs: EpochResult[] = [];
  for (let epoch = 0; epoch < (options.maxEpochs ?? 1000); epoch++) {
    const url = epochUrl(base, list, epoch);
    const gitDir = join(dir, 'git', `${epoch}.git`);
    if (existsSync(gitDir)) {
      options.onEpoch?.(epoch, 'fetch', url);
      const before = await head(gitDir);
      const fetched = await git(['--git-dir', gitDir, 'fetch', '--quiet', '--prune', url, '+refs/*:refs/*']);
      if (fetched.status !== 0) throw new MirrorError(`git fetch of epoch ${epoch} from ${url} failed: ${fetched.stderr.trim()}`);
      epochs.push({ epoch, url, action: (await head(gitDir)) === before ? 'unchanged' : 'updated' });
      continue;
    }
    options.onEpoch?.(epoch, 'clone', url);
    const partial = `${gitDir}.partial`;
    rmSync(partial, { recursive: true, force: true });
    const cloned = await git(['clone', '--mirror', '--quiet', url, partial]);
    if (cloned.status !== 0) {
      rmSync(partial, { recursive: true, force: true });
      if (!isMissing(cloned.stderr)) throw new MirrorError(`git clone --mirror ${url} failed: ${cloned.stderr.trim()}`);
      if (epoch === 0) throw new MirrorError(`no list "${list}" at ${base}: ${url} is not a git repository (${lastLine(cloned.stderr)})`);
      break;
    }
    renameSync(partial, gitDir);
    epochs.push({ epoch, url, action: 'cloned' });
  }
  return { dir, epochs };
}

/** What git says when the repository is not there (file://, a path, or HTTP 404). */
function isMissing(stderr: string): boolean {
  return /does not appear to be a git repository|repository .* not found|not found|does not exist|HTTP 404|returned error: 404/i.test(stderr);
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.replace(/^fatal: /, '') ?? '';
}

async function head(gitDir: string): Promise<string> {
  return (await git(['--git-dir', gitDir, 'for-each-ref', '--format=%(objectname) %(refname)'])).stdout;
}

function git(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // No terminal prompts (credentials) in the middle of a mirror run.
    const child = spawn('git', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
