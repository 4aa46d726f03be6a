// Sharded ingest: every (list, epoch) of the inboxes given becomes a shard built by a child
// process of its own, at most `jobs` at a time; then the shards are joined (merge.ts).
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { listEpochs } from '../sources/git/repo.js';
import type { ShardJob, ShardResult } from './build-shard.js';
import { ShardError, shardFileName } from './layout.js';

export interface PlanOptions {
  /** Analysis worker threads inside each shard's process (default: none when several shards run at once). */
  analysisJobs?: number;
  jobs: number;
}

/** One job per epoch of each inbox, named after the inbox folder (the list). */
export async function planShards(dir: string, inboxes: string[], options: PlanOptions): Promise<ShardJob[]> {
  const jobs: ShardJob[] = [];
  const lists = new Map<string, string>();
  for (const given of inboxes) {
    const inbox = resolve(given);
    const list = basename(inbox).replace(/[^A-Za-z0-9_.+-]/g, '_');
    const epochs = await listEpochs(inbox);
    if (epochs.length === 0) throw new ShardError(`--shards reads public-inbox v2 inboxes (a folder with git/N.git epochs); ${inbox} has none`);
    if (lists.has(list) && lists.get(list) !== inbox) throw new ShardError(`two inboxes are named ${list} (${lists.get(list)} and ${inbox}): shards are named by list`);
    lists.set(list, inbox);
    for (const { epoch, gitDir } of epochs) {
      jobs.push({ list, epoch, inbox, epochDir: gitDir, file: join(dir, shardFileName(list, epoch)), analysisJobs: options.analysisJobs });
    }
  }
  return jobs;
}

export interface ShardFailure {
  job: ShardJob;
  error: string;
}

export interface RunShardsResult {
  results: ShardResult[];
  failures: ShardFailure[];
}

export function defaultJobs(): number {
  return availableParallelism();
}

/** Builds every shard, each in a child process, `jobs` at a time (largest epochs are not known ahead: in order). */
export async function runShards(dir: string, jobs: ShardJob[], parallel: number,
  onDone?: (done: ShardResult | ShardFailure) => void): Promise<RunShardsResult> {
  mkdirSync(dir, { recursive: true });
  const results: ShardResult[] = [];
  const failures: ShardFailure[] = [];
  const queue = [...jobs];
  const lane = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const outcome = await runInChild(job).catch((error: Error): ShardFailure => ({ job: job!, error: error.message }));
      if ('error' in outcome) failures.push(outcome);
      else results.push(outcome);
      onDone?.(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, jobs.length)) }, lane));
  const order = (a: { list: string; epoch: number }, b: { list: string; epoch: number }) => (a.list < b.list ? -1 : a.list > b.list ? 1 : a.epoch - b.epoch);
  results.sort(order);
  failures.sort((a, b) => order(a.job, b.job));
  return { results, failures };
}

function runInChild(job: ShardJob): Promise<ShardResult | ShardFailure> {
  const typescript = import.meta.url.endsWith('.ts');
  const script = new URL(`./shard-process.${typescript ? 'ts' : 'js'}`, import.meta.url);
  // Under tsx (tests, benchmarks) the child needs tsx's loader; built code needs nothing.
  const execArgv = typescript ? ['--import', import.meta.resolve('tsx')] : [];
  return new Promise((done) => {
    const child = fork(script, [JSON.stringify(job)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answer: ShardResult | ShardFailure | null = null;
    child.on('message', (message: { ok: boolean; result?: ShardResult; error?: string }) => {
      answer = message.ok ? message.result! : { job, error: message.error ?? 'failed' };
    });
    child.on('error', (error) => done({ job, error: error.message }));
    child.on('exit', (code, signal) => {
      if (answer) done(answer);
      else done({ job, error: signal ? `its process was killed (${signal})` : `its process exited with status ${code}` });
    });
  });
}
