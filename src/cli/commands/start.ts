// `lorelab start` (npm start): the main job on the bundled corpus — ingest corpora/ and say
// what was found, ending with the answer to "which patches touch do_no_page".
import { join } from 'node:path';
import type { Command } from 'commander';
import { findQuery, runNamedQuery } from '../../query/named.js';
import { graphSummary } from '../../query/summary.js';
import { openDatabase } from '../../store/open.js';
import { packageRoot } from '../../util/package-root.js';
import { dbPath } from '../db-option.js';
import { formatTable } from '../output.js';
import { formatIngestSummary, runIngest } from '../run-ingest.js';
import { formatStartReport, startReport } from '../../link/index.js';
import { writeBundledHistories } from '../../history/bundled.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('ingest the bundled corpus (corpora/) and print what it holds')
    .option('--fn <name>', 'the function to ask about at the end', 'do_no_page')
    .option('--history-dir <dir>', 'where to write the design histories of the corpus', 'history')
    .addHelpText('after', `
Examples:
  lorelab start                          (what npm start runs: into ./lorelab.db)
  lorelab --db /tmp/corpus.db start --fn filemap_fault
  lorelab start --history-dir /tmp/histories`)
    .action(async (options: { fn: string; historyDir: string }, command: Command) => {
      const path = dbPath(command);
      const corpora = join(packageRoot(), 'corpora');
      process.stdout.write(`lorelab: ingesting ${corpora} into ${path}\n`);
      const ingestSummary = await runIngest(path, [corpora]);
      process.stdout.write(formatIngestSummary(ingestSummary));
      const db = openDatabase(path);
      try {
        const s = graphSummary(db);
        process.stdout.write(
          `\nThe graph: ${s.messages} messages (${s.fullMessages} full, ${s.stubs} stubs), ${s.threads} threads, ` +
            `${s.patches} patches (+${s.quotedDiffs} quoted diffs), ${s.hunks} hunks, ${s.functions} functions touched, ` +
            `${s.ingestErrors} recorded ingest problems\n`,
        );
        const rows = runNamedQuery(db, findQuery('patches-touching'), { fn: options.fn });
        process.stdout.write(`\nWhich patches touch ${options.fn}?\n`);
        process.stdout.write(rows.length ? `${formatTable(rows, ['date', 'author', 'file', 'function', 'hunks', 'how', 'message_id'])}\n` : '(none)\n');

        process.stdout.write('\nEach seed patch, its race and the verdicts of the replayed scenario:\n');
        process.stdout.write(formatStartReport(startReport(db)));

        const histories = writeBundledHistories(db, options.historyDir);
        process.stdout.write(`\nDesign histories (Markdown) written to ${options.historyDir}/:\n`);
        for (const path of histories.written) process.stdout.write(`  ${path}\n`);
        for (const { subject, error } of histories.errors) process.stdout.write(`  ${subject}: ${error.message}\n`);
      } finally {
        db.close();
      }
      process.stdout.write(
        `\nNext: npx lorelab query --list · npx lorelab show '<message-id>' · npx lorelab history do_no_page --format html -o do_no_page.html · ` +
          `npx lorelab replay '<message-id>' · npx lorelab sql "select …"\n`,
      );
      if (ingestSummary.failed > 0) process.exitCode = 1;
    });
}
