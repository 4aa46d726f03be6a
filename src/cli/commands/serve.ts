// `lorelab serve`: the local web explorer (src/serve) over a database, read-only.
import type { Command } from 'commander';
import { openReadOnly } from '../../store/open.js';
import { isLoopback, startExplorer } from '../../serve/server.js';
import { dbPath } from '../db-option.js';
import { CliError } from '../errors.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('browse the graph in a web browser: messages, threads, functions, files, races, histories (read-only)')
    .option('--port <n>', 'the port to listen on (0: any free port)', '8080')
    .option('--host <address>', 'the address to bind; anything but loopback makes the explorer reachable from other machines', '127.0.0.1')
    .addHelpText('after', `
Pages (each also as JSON under /api/…):
  /                         what the database holds, latest threads, most patched functions, races
  /search?q=fn:do_no_page   search, with the prefixes of \`lorelab search\` (s: f: d: dfn: fn:)
  /m/<message-id>           a message: body with quotes folded, patches with what each hunk touches,
                            thread, replies to its paragraphs, series versions, race links
  /t/<message-id>           its thread
  /fn/<name>  /file/<path>  patches touching it over time, discussions, races
  /race/<scenario>          every variant's verdict, the counterexample, a step-by-step replay
  /history/<subject>        the design history (as \`lorelab history --html\`)

Examples:
  lorelab serve                              http://127.0.0.1:8080
  lorelab serve --db lkml.db --port 0        any free port; the address is printed
  lorelab serve --host 0.0.0.0               reachable from the network (said at start)`)
    .action(async (options: { port: string; host: string }, command: Command) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port ${options.port}: expected a number from 0 to 65535`);
      const db = openReadOnly(dbPath(command));
      let explorer;
      try {
        explorer = await startExplorer(db, { port, host: options.host, onError: (e) => process.stderr.write(`lorelab: internal error on a page: ${e.message}\n`) });
      } catch (error) {
        db.close();
        throw new CliError(`cannot listen on ${options.host}:${port}: ${(error as Error).message}`);
      }
      if (!isLoopback(options.host)) {
        process.stderr.write(`lorelab: listening on ${options.host}, not loopback: anyone who can reach this machine can read the database\n`);
      }
      process.stdout.write(`lorelab explorer on ${explorer.url}/ (${dbPath(command)}, read-only; Ctrl-C stops)\n`);
      const stop = () => {
        void explorer.close().then(() => {
          db.close();
          process.exit(0);
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
