// `lorelab ingest PATH…`: archives into the graph.
import type { Command } from 'commander';
import { ingest, type IngestProblem, type IngestSummary, type PassName } from '../../ingest/ingest.js';
import { linkPatches, planLinksInWorker, type PlanInWorker } from '../../link/index.js';
import { openDatabase } from '../../store/open.js';
import type { SourceFormat } from '../../sources/types.js';
import { dbPath, rawDbPath } from '../db-option.js';
import { defaultJobs, isShardFolder } from '../../shards/index.js';
import { runShardedIngest } from './ingest-shards.js';
import { CliError } from '../errors.js';
import { printJson } from '../output.js';
import { progressReporter } from '../progress.js';
import { resolveStoredPatches, type ResolveStoredSummary } from '../../ingest/resolve.js';
import { formatResolveSummary } from './resolve.js';
import { tuneV8ForIngest } from '../v8-tuning.js';

const FORMATS: SourceFormat[] = ['public-inbox-v2', 'public-inbox-v1', 'mbox', 'maildir', 'eml', 'stdin', 'page'];

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('read archives into the database (incremental: what is already stored is skipped)')
    .argument('[paths...]', "archive files or directories; '-' reads standard input")
    .option('--format <format>', `force the format: ${FORMATS.join(', ')}`)
    .option('--json', 'print the summary as JSON')
    .option('--shards <dir>', 'one SQLite shard per (list, epoch) of each public-inbox in DIR, built in parallel, then joined into DIR/merged.db (read it with --db DIR)')
    .option('--jobs <n>', 'with --shards: shards built at once, each in its own process (default: the CPU count)', Number)
    .option('--source <repo>', "then resolve new patches' touched symbols exactly from this git repository (see lorelab resolve)")
    .addHelpText('after', `
Inputs and how they are recognised:
  saved archive pages (hypermail, public-inbox, list archives) by their text; a directory
  of such pages (like corpora/) is read page by page.

Damaged input never stops a run. A message read around damage (invalid base64, an unknown
charset, a MIME boundary that never closes, no headers, a damaged diff …) is stored, and each
problem is printed with its source and position and recorded in the ingest_errors table; so is
input that could not be stored at all (an unreadable source, a message that does not parse).
  lorelab sql "select stage, source, locator, error from ingest_errors"

Exit status: 0 when every message was stored, 1 when some input was skipped or a source may be
cut short, 2 on a usage error.

Examples:
  lorelab ingest corpora/
  lorelab --db fs.db ingest corpora/002_cf02ac1430d7df9c.txt --json
  lorelab ingest --shards ~/lore/shards --jobs 2 ~/lore/linux-kernel   then: lorelab --db ~/lore/shards query …
  lorelab ingest --shards ~/lore/shards      join shards copied in from other machines`)
    .action(async (paths: string[], options: { format?: string; json?: boolean; source?: string; shards?: string; jobs?: number }, command: Command) => {
      if (options.shards && (options.format || options.source)) throw new CliError('--shards reads public-inbox v2 inboxes: --format and --source do not apply');
      if (options.shards) return runShardedIngest(options.shards, paths, { jobs: options.jobs ?? defaultJobs(), json: options.json });
      if (paths.length === 0) throw new CliError('give the archives to ingest (or --shards DIR)');
      if (isShardFolder(rawDbPath(command))) throw new CliError(`${rawDbPath(command)} is a shard folder: add to it with --shards ${rawDbPath(command)}`);
      if (options.format && !FORMATS.includes(options.format as SourceFormat)) {
        throw new CliError(`unknown --format "${options.format}"; one of: ${FORMATS.join(', ')}`);
      }
      const summary = await runIngest(dbPath(command), paths, options.format as SourceFormat | undefined);
      const resolved = options.source ? await resolveAfterIngest(dbPath(command), options.source) : null;
      if (options.json) printJson(resolved ? { ...summary, resolve: resolved } : summary);
      else process.stdout.write(formatIngestSummary(summary) + (resolved ? formatResolveSummary(resolved) : ''));
      if (summary.failed > 0 || summary.errors.some(skipped)) process.exitCode = 1;
    });
}

/** What `lorelab ingest` did: the ingest, and how long linking patches to scenarios took (if it ran). */
export type CliIngestSummary = IngestSummary & { linkSeconds?: number };

export async function runIngest(path: string, inputs: string[], format?: SourceFormat): Promise<CliIngestSummary> {
  tuneV8ForIngest();
  const db = openDatabase(path);
  const progress = progressReporter();
  // With many new patches, linking is planned in a worker while the passes run; it finishes
  // once the threads are placed (see src/link/plan-in-worker.ts).
  let planning = null as PlanInWorker | null;
  try {
    const lastPatch = (db.prepare('SELECT max(id) FROM patches').pluck().get() as number | null) ?? 0;
    const onPass = (pass: PassName, state: 'start' | 'end') => {
      progress.step(pass, state);
      if (pass === 'threads' && state === 'start' && newPatches(db, lastPatch) >= WORKER_PATCHES) {
        planning = planLinksInWorker(path, lastPatch, { waitForThreads: true });
      }
      if (pass === 'threads' && state === 'end') planning?.threadsPlaced();
    };
    const summary: CliIngestSummary = await ingest(db, inputs, { format, onProgress: progress.update, onPass });
    // Every patch gets an answer to "which race is this?" as soon as it is stored: the new ones.
    if (summary.new + summary.filledStubs + summary.deleted > 0) {
      progress.step('links', 'start');
      const started = performance.now();
      const plan = planning ? await planning.plan.catch((error: Error) => {
        process.emitWarning(`link planning worker failed (${error.message}): planning in the main thread`, { code: 'LORELAB_WORKER' });
        return undefined;
      }) : undefined;
      linkPatches(db, { since: lastPatch, plan });
      summary.linkSeconds = (performance.now() - started) / 1000;
      progress.step('links', 'end');
    }
    return summary;
  } finally {
    planning?.cancel(); // a run stopped before linking leaves no worker behind
    progress.done();
    db.close();
  }
}

/** New patches from which planning links in a worker pays for starting it. */
const WORKER_PATCHES = 2000;

function newPatches(db: ReturnType<typeof openDatabase>, after: number): number {
  return db.prepare('SELECT count(*) FROM patches WHERE id > ?').pluck().get(after) as number;
}

/** `--source`: patches not yet resolved (new in this run, or left before) get exact symbols. */
async function resolveAfterIngest(path: string, repository: string): Promise<ResolveStoredSummary> {
  const db = openDatabase(path);
  try {
    return await resolveStoredPatches(db, { repository, skipResolved: true });
  } finally {
    db.close();
  }
}

export function formatIngestSummary(s: CliIngestSummary): string {
  const lines = [
    `${s.sources} source${s.sources === 1 ? '' : 's'}, ${s.messages} messages: ${s.new} new, ${s.filledStubs} filled stubs, ` +
      `${s.duplicates} duplicates, ${s.unchanged} unchanged, ${s.failed} failed, ${s.deleted} deleted; ${s.stubs} new stubs`,
  ];
  const { threads, quotes, series } = s.passes;
  if (threads && quotes && series) {
    lines.push(`then: threading ${threads.rows} messages in ${threads.groups} groups ${threads.seconds.toFixed(1)} s, ` +
      `quotes of ${quotes.messages} replies ${quotes.seconds.toFixed(1)} s, ${series.series} series ${series.seconds.toFixed(1)} s` +
      `${s.linkSeconds !== undefined ? `, links to race scenarios ${s.linkSeconds.toFixed(1)} s` : ''}`);
  }
  lines.push(...problemLines(s.errors.filter(skipped), 'skipped'), ...problemLines(s.errors.filter((e) => !skipped(e)), 'stored with a problem'));
  return `${lines.join('\n')}\n`;
}

/** Listed one a line up to this many of each kind; the rest are counted (all are in ingest_errors). */
const LISTED_PROBLEMS = 20;

/** A source problem or a message that did not parse: input not stored (or a source cut short). */
function skipped(problem: IngestProblem): boolean {
  return problem.stage === 'source' || problem.stage === 'mime';
}

function problemLines(problems: IngestProblem[], what: string): string[] {
  const lines = problems.slice(0, LISTED_PROBLEMS).map((p) => {
    const where = [p.error.includes(p.source) ? null : p.source, p.locator ? `at ${p.locator}` : null, p.messageId ? `<${p.messageId}>` : null];
    const place = where.filter(Boolean).join(' ');
    return `${what}: ${p.error}${place ? ` (${place})` : ''}`;
  });
  const stages = [...new Set(problems.map((p) => `'${p.stage}'`))].join(', ');
  if (problems.length > LISTED_PROBLEMS) {
    lines.push(`${what}: ${problems.length - LISTED_PROBLEMS} more: lorelab sql "select * from ingest_errors where stage in (${stages})"`);
  }
  return lines;
}
