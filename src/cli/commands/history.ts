// `lorelab history <subject>`: Markdown on stdout by default, HTML with --format html, and
// --all --output DIR for the bundled histories regenerated from corpora/.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { writeBundledHistories } from '../../history/bundled.js';
import { renderHistoryMarkdown } from '../../history/document.js';
import { renderHistoryHtml } from '../../history/html/render.js';
import { renderHistoryJson } from '../../history/json.js';
import { loadHistoryInput } from '../../history/load/load.js';
import { ingest } from '../../ingest/ingest.js';
import { openDatabase, openReadOnly, type DB } from '../../store/open.js';
import { packageRoot } from '../../util/package-root.js';
import { dbPath } from '../db-option.js';
import { CliError } from '../errors.js';
import { formatScanLine, scanSource } from '../source-option.js';

export interface HistoryCommandHooks {
  /** Runs on the fresh corpus database of --all before rendering (link and replay the races). */
  prepareBundledDb?: (db: DB) => Promise<void> | void;
}

interface HistoryFlags {
  format: string;
  json?: boolean;
  full?: boolean;
  output?: string;
  since?: string;
  until?: string;
  all?: boolean;
  source?: string;
}

export function registerHistoryCommand(program: Command, hooks: HistoryCommandHooks = {}): void {
  program
    .command('history')
    .description('the design history of a function (following its renames), struct, macro, file, directory or search text')
    .argument('[subject]', "e.g. do_no_page, '->nopage', 'struct address_space', mm/filemap.c, mm/, '\"truncate race\"'")
    .option('--format <format>', 'md, html or json', 'md')
    .option('--json', 'the same as --format json: ranked entries with why, versions, touching patches, proposer, outcome')
    .option('--full', 'every entry in detail, every exchange, and every thread message by message')
    .option('-o, --output <path>', 'write to this file instead of stdout (with --all: the directory to write to)')
    .option('--since <date>', 'only threads with matching messages from YYYY[-MM[-DD]]')
    .option('--until <date>', 'only threads with matching messages until YYYY[-MM[-DD]]')
    .option('--all', 'regenerate the bundled histories from corpora/ (needs --output DIR)')
    .option('--source <repo>', 'first find where patches landed in this git repository (see `lorelab landed`)')
    .addHelpText('after', `
Examples:
  lorelab history do_no_page
  lorelab history do_no_page --full
  lorelab history do_no_page --format json | jq '.entries[] | {rank, title, why}'
  lorelab history do_no_page --format html -o do_no_page.html
  lorelab history mm/filemap.c --since 2018
  lorelab history --all --output docs/history   (what npm run history does)
  lorelab history do_no_page --source ~/linux   (with each patch's outcome upstream)

A subject that matches nothing prints what was looked for and the nearest names, and exits 1.`)
    .action(async (subject: string | undefined, flags: HistoryFlags, command: Command) => {
      if (flags.all) {
        if (!flags.output) throw new CliError('--all needs --output DIR (e.g. --output docs/history)');
        process.exitCode = await regenerateBundled(flags.output, hooks);
        return;
      }
      if (!subject) throw new CliError('give a subject (a function, struct, macro, file, directory or search text), or --all --output DIR');
      const format = flags.json ? 'json' : flags.format;
      if (!['md', 'html', 'json'].includes(format)) throw new CliError(`--format ${flags.format}: expected md, html or json`, 2);
      if (flags.source) process.stderr.write(`${formatScanLine(await scanSource(dbPath(command), flags.source))}
`);
      const db = openReadOnly(dbPath(command));
      try {
        const loaded = loadHistoryInput(db, subject, { since: flags.since ?? null, until: flags.until ?? null });
        if (!loaded.ok) throw new CliError(loaded.error.message, loaded.error.kind === 'bad-option' ? 2 : 1);
        const options = { full: flags.full ?? false };
        const text = format === 'html' ? renderHistoryHtml(loaded.input, options)
          : format === 'json' ? renderHistoryJson(loaded.input)
            : renderHistoryMarkdown(loaded.input, options);
        if (flags.output) {
          writeFileSync(flags.output, text);
          process.stderr.write(`wrote ${flags.output}\n`);
        } else {
          process.stdout.write(text);
        }
      } finally {
        db.close();
      }
    });
}

/** Ingests the bundled corpus into a fresh database in a temp dir and renders the histories. */
async function regenerateBundled(outDir: string, hooks: HistoryCommandHooks): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'lorelab-history-'));
  const db = openDatabase(join(dir, 'corpus.db'));
  try {
    await ingest(db, [join(packageRoot(), 'corpora')]);
    await hooks.prepareBundledDb?.(db);
    const result = writeBundledHistories(db, outDir);
    for (const path of result.written) process.stdout.write(`wrote ${path}\n`);
    for (const { subject, error } of result.errors) process.stderr.write(`${subject}: ${error.message}\n`);
    return result.errors.length === 0 ? 0 : 1;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
