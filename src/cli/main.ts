#!/usr/bin/env node
// The lorelab command: wiring only. Each command lives in commands/ and calls the stages.
import { Command } from 'commander';
import { registerAm } from './commands/am.js';
import { registerIngest } from './commands/ingest.js';
import { registerFetch } from './commands/fetch.js';
import { registerMirror } from './commands/mirror.js';
import { registerTest } from './commands/test.js';
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
import { registerServe } from './commands/serve.js';
import { registerStart } from './commands/start.js';
import { EXIT_STATUS_HELP, reportError, usageErrorsAsCliErrors } from './errors.js';
import { endQuietlyOnClosedPipe } from './output.js';
import { registerHistoryCommand } from './commands/history.js';
import { registerLanded } from './commands/landed.js';
import { registerExport } from './commands/export.js';

const program = new Command('lorelab')
  .description('Linux kernel mailing-list archaeology: lore archives → a SQLite graph of threads, patches and touched functions')
  .option('--db <path>', 'the database file (env LORELAB_DB)', process.env.LORELAB_DB ?? './lorelab.db')
  .showHelpAfterError('(add --help for usage)')
  .addHelpText('after', `
Start here:
  lorelab start                                   ingest the bundled corpus, print a summary
  lorelab ingest ~/lore/linux-mm thread.mbox      ingest archives (pages, mbox, public-inbox git …)
  lorelab fetch '<message-id>'                    download a whole thread from lore and ingest it
  lorelab mirror linux-fscrypt                    mirror a list's git archive (every epoch) and ingest it
  lorelab query patches-touching --fn do_no_page  which patches touch a function, and who reviewed them
  lorelab show '<message-id>'                     one message, its thread position and patches
  lorelab sql "select count(*) from messages"     your own SQL (read-only)
  lorelab history do_no_page                      the design history of a function, citing every message
  lorelab am '<message-id>' | git am              a reviewed series, with its trailers, into commits
  lorelab landed --source ~/linux                 which patches landed upstream, as which commits
  lorelab replay '<message-id>'                   replay a patch's race: before the patch, after it
  lorelab sim run truncate-nopage                 explore a seed race's variants exhaustively
  lorelab serve                                   browse it all in a web browser (http://127.0.0.1:8080)`);
// Before the commands are registered: they inherit commander's settings from the program.
usageErrorsAsCliErrors(program);

registerStart(program);
registerIngest(program);
registerFetch(program);
registerMirror(program);
registerQuery(program);
registerSql(program);
registerShow(program);
registerThread(program);
registerSearch(program);
registerRaw(program);
registerAm(program);
registerSimCommands(program);
registerSimNew(program);
registerReplay(program);
registerTest(program);
registerResolve(program);
registerLanded(program);
registerExport(program);
registerHistoryCommand(program, { prepareBundledDb: (db) => void startReport(db) });
registerServe(program);
for (const command of [program, ...allCommands(program)]) command.addHelpText('after', EXIT_STATUS_HELP);

function allCommands(parent: Command): Command[] {
  return parent.commands.flatMap((command) => [command, ...allCommands(command)]);
}

endQuietlyOnClosedPipe();
program.parseAsync(process.argv).catch((error: unknown) => {
  process.exitCode = reportError(error);
});
