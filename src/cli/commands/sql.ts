// `lorelab sql "select …"`: any read-only SQL against the graph.
import type { Command } from 'commander';
import { runSql } from '../../query/named.js';
import { openReadOnly } from '../../store/open.js';
import { dbPath } from '../db-option.js';
import { outputFormat, printRows, withFormatOptions, type FormatFlags } from '../output.js';

export function registerSql(program: Command): void {
  withFormatOptions(program
    .command('sql'))
    .description('run SQL against the database, opened read-only (schema: src/store/schema.sql)')
    .argument('<statement>', 'an SQL statement that returns rows')
    .addHelpText('after', `
Examples:
  lorelab sql "select count(*) from messages"
  lorelab sql "select symbol, count(*) n from hunk_symbols group by symbol order by n desc limit 10" --json
  lorelab sql "select message_id, subject from messages where date >= '2020'" --format tsv | cut -f2`)
    .action((statement: string, options: FormatFlags, command: Command) => {
      const db = openReadOnly(dbPath(command));
      try {
        printRows(runSql(db, statement), { format: outputFormat(options) });
      } finally {
        db.close();
      }
    });
}
