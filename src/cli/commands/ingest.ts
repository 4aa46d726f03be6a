// `lorelab ingest PATH…`: archives into the graph.
import type { Command } from 'commander';
import { openDatabase } from '../../store/open.js';
import type { SourceFormat } from '../../sources/types.js';
import { dbPath, rawDbPath } from '../db-option.js';
import { defaultJobs, isShardFolder } from '../../shards/index.js';
import { runShardedIngest } from './ingest-shards.js';
import { CliError } from '../errors.js';
import { printJson } from '../output.js';
import { resolveStoredPatches, type ResolveStoredSummary } from '../../passes/source-symbols-pass.js';
import { formatResolveSummary } from './resolve.js';
import { formatIngestSummary, runIngest, skipped } from '../run-ingest.js';

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

Exits 1 when some input was skipped or a source may be cut short.

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

/** `--source`: patches not yet resolved (new in this run, or left before) get exact symbols. */
async function resolveAfterIngest(path: string, repository: string): Promise<ResolveStoredSummary> {
  const db = openDatabase(path);
  try {
    return await resolveStoredPatches(db, { repository, skipResolved: true });
  } finally {
    db.close();
  }
}
