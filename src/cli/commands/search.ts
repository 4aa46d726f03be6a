// `lorelab search '<query>'`: full-text search over subjects and new prose; see src/query/search.ts.
import type { Command } from 'commander';
import { search } from '../../query/search.js';
import { openReadOnly } from '../../store/open.js';
import { CliError } from '../errors.js';
import { dbPath } from '../db-option.js';
import { outputFormat, printRows, withFormatOptions, type FormatFlags } from '../output.js';

export function registerSearch(program: Command): void {
  withFormatOptions(program
    .command('search'), 'the hits')
    .description('full-text search over subjects and new prose (not quotes)')
    .argument('<query>', 'words, "phrases" (AND by default, FTS5 OR/NOT allowed), s:subject f:from d:2003-05-01..2003-06-30 dfn:file fn:function')
    .option('--limit <n>', 'at most this many hits', '20')
    .addHelpText('after', `
Examples:
  lorelab search 'truncate nopage'
  lorelab search '"page fault" f:Linus d:2003-01-01..2003-12-31' --limit 5
  lorelab search 'fn:do_no_page' --format jsonl`)
    .action((query: string, options: FormatFlags & { limit: string }, command: Command) => {
      const format = outputFormat(options);
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit wants a positive whole number, not ${JSON.stringify(options.limit)}`);
      const db = openReadOnly(dbPath(command));
      try {
        const hits = search(db, query, limit);
        printRows(hits as unknown as Record<string, unknown>[], {
          format, columns: format === 'text' || format === 'csv' || format === 'tsv' ? ['date', 'author', 'subject', 'messageId', 'snippet'] : undefined, empty: '(no messages match)',
        });
      } finally {
        db.close();
      }
    });
}
