// `lorelab sql "select …"`: any read-only SQL against the graph.
import type { Command } from 'commander';
import { runSql } from '../../query/named.js';
import { openReadOnly } from '../../store/open.js';
import { dbPath } from '../db-option.js';
import { printRows } from '../output.js';

export function registerSql(program: Command): void {
  program
    .command('sql')
    .description('run SQL against the database, opened read-only (schema: src/store/schema.sql)')
    .argument('<statement>', 'an SQL statement that returns rows')
    .option('--json', 'print an array of row objects')
    .addHelpText('after', `
Examples:
  lorelab sql "select count(*) from messages"
  lorelab sql "select symbol, count(*) n from hunk_symbols group by symbol order by n desc limit 10" --json`)
    .action((statement: string, options: { json?: boolean }, command: Command) => {
      const db = openReadOnly(dbPath(command));
      try {
        printRows(runSql(db, statement), { json: options.json });
      } finally {
        db.close();
      }
    });
}
