// `lorelab ingest --shards DIR INBOX…`: one shard per (list, epoch), built in parallel child
// processes, then joined into DIR/merged.db, which every command reads when given --db DIR.
import { isShardFolder, listShards, mergeShards, planShards, runShards, type MergeSummary, type RunShardsResult } from '../../shards/index.js';
import { CliError } from '../errors.js';
import { printJson } from '../output.js';

export interface ShardedIngestOptions {
  jobs: number;
  json?: boolean;
}

export async function runShardedIngest(dir: string, inboxes: string[], options: ShardedIngestOptions): Promise<void> {
  if (!Number.isInteger(options.jobs) || options.jobs < 1) throw new CliError(`--jobs takes a whole number of processes, 1 or more`);
  const jobs = await planShards(dir, inboxes, { jobs: options.jobs, analysisJobs: options.jobs > 1 ? 0 : undefined });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const run: RunShardsResult = await runShards(dir, jobs, options.jobs, (done) => {
    if ('error' in done) log(`shard ${done.job.list} epoch ${done.job.epoch}: failed: ${done.error}`);
    else log(`shard ${done.list} epoch ${done.epoch}: ${done.outcome}, ${done.summary.new} new messages, ${done.seconds.toFixed(1)} s`);
  });
  if (run.failures.length > 0) {
    if (options.json) printJson({ shards: run.results, failures: run.failures.map((f) => ({ file: f.job.file, error: f.error })) });
    throw new CliError(`${run.failures.length} shard${run.failures.length === 1 ? '' : 's'} failed (left unfinished; the next run redoes them): ` +
      run.failures.map((f) => `${f.job.file}: ${f.error}`).join('; '), 1);
  }
  if (!isShardFolder(dir)) throw new CliError(`${dir} holds no shards: give the inboxes to shard (lorelab ingest --shards ${dir} ~/lore/LIST)`);
  const { shards, unfinished } = listShards(dir);
  if (unfinished.length > 0) {
    throw new CliError(`${unfinished.join(', ')} unfinished (a worker was stopped mid-write): give the archive again to redo ${unfinished.length === 1 ? 'it' : 'them'}`, 1);
  }
  log(`joining ${shards.length} shards into ${dir}/merged.db …`);
  const merged = await mergeShards(dir, shards);
  if (options.json) printJson({ shards: run.results, merged });
  else process.stdout.write(formatShardedSummary(run, merged));
  if (merged.duplicateCount > 0 || run.results.some((r) => r.summary.failed > 0)) process.exitCode = 1;
}

function formatShardedSummary(run: RunShardsResult, merged: MergeSummary): string {
  const lines = run.results.map((r) =>
    `${r.file}: ${r.outcome}; ${r.summary.new} new, ${r.summary.duplicates} duplicates, ${r.summary.failed} failed, ${r.summary.deleted} deleted; ` +
    `${r.seconds.toFixed(1)} s${r.maxRss ? `, peak RSS ${Math.round(r.maxRss / 1048576)} MB` : ''}`);
  const { threads, quotes, series } = merged.passes;
  lines.push(`${merged.file}: ${merged.shards} shards, ${merged.messages} messages; copied in ${merged.copySeconds.toFixed(1)} s, ` +
    `threading ${threads?.seconds.toFixed(1) ?? '-'} s, quotes ${quotes?.seconds.toFixed(1) ?? '-'} s, series ${series?.seconds.toFixed(1) ?? '-'} s, ` +
    `links ${merged.linkSeconds.toFixed(1)} s; ${merged.seconds.toFixed(1)} s in all`);
  if (merged.duplicateCount > 0) {
    lines.push(`${merged.duplicateCount} Message-ID${merged.duplicateCount === 1 ? '' : 's'} claimed by two shards (the first is the message, the others are kept as copies):`);
    for (const d of merged.duplicates) lines.push(`  <${d.messageId}> in ${d.shard} at ${d.locator}, stored from ${d.storedAt ?? '?'}`);
    if (merged.duplicateCount > merged.duplicates.length) lines.push(`  … ${merged.duplicateCount - merged.duplicates.length} more (their copies: message_sources)`);
  }
  return `${lines.join('\n')}\n`;
}
