#!/usr/bin/env node
// The lorelab command: wiring only. Each command lives in commands/ and calls the stages.
import { Command } from 'commander';
import { registerIngest } from './commands/ingest.js';
import { registerQuery } from './commands/query.js';
import { registerRaw } from './commands/raw.js';
import { registerReplay } from './commands/replay.js';
import { registerResolve } from './commands/resolve.js';
import { registerShow } from './commands/show.js';
import { registerThread } from './commands/thread.js';
import { registerSearch } from './commands/search.js';
import { registerSimCommands } from './commands/sim.js';
import { registerSimNew } from './commands/sim-new.js';
import { startReport } from '../link/index.js';
import { registerSql } from './commands/sql.js';
import { registerStart } from './commands/start.js';
import { reportError } from './errors.js';
import { registerHistoryCommand } from './commands/history.js';
import { registerExport } from './commands/export.js';

const program = new Command('lorelab')
  .description('Linux kernel mailing-list archaeology: lore archives → a SQLite graph of threads, patches and touched functions')
  .option('--db <path>', 'the database file (env LORELAB_DB)', process.env.LORELAB_DB ?? './lorelab.db')
  .showHelpAfterError('(add --help for usage)')
  .addHelpText('after', `
Start here:
  lorelab start                                   ingest the bundled corpus, print a summary
  lorelab ingest ~/lore/linux-mm thread.mbox      ingest archives (pages, mbox, public-inbox git …)
  lorelab query patches-touching --fn do_no_page  which patches touch a function, and who reviewed them
  lorelab show '<message-id>'                     one message, its thread position and patches
  lorelab sql "select count(*) from messages"     your own SQL (read-only)
  lorelab history do_no_page                      the design history of a function, citing every message
  lorelab replay '<message-id>'                   replay a patch's race: before the patch, after it
  lorelab sim run truncate-nopage                 explore a seed race's variants exhaustively`);

registerStart(program);
registerIngest(program);
registerQuery(program);
registerSql(program);
registerShow(program);
registerThread(program);
registerSearch(program);
registerRaw(program);
registerSimCommands(program);
registerSimNew(program);
registerReplay(program);
registerResolve(program);
registerExport(program);
registerHistoryCommand(program, { prepareBundledDb: (db) => void startReport(db) });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.exitCode = reportError(error);
});
