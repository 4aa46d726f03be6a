// One convention for every command: errors print `lorelab: <message>` on stderr. Errors users
// can act on exit 2 (usage) or 1 (findings: nothing matched, skipped input, an unexpected
// verdict); anything else is a bug, says so (with the stack only under LORELAB_DEBUG=1) and
// exits 70.
import { CommanderError, type Command } from 'commander';
import { QueryError } from '../query/named.js';
import { StoreError } from '../store/open.js';
import { InputError } from '../ingest/inputs.js';

/** The exit codes, as every command's --help ends. */
export const EXIT_STATUS_HELP = `
Exit status: 0 ok; 1 findings (nothing matched, some input skipped, a verdict other than the
scenario expects); 2 usage error; 70 internal error (a bug: please report it).`;

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

const USER_ERRORS = [CliError, QueryError, StoreError, InputError];

/**
 * Commander's own usage errors (an unknown option, a missing argument, an invalid value) print
 * `lorelab: …` and exit 2 like every other usage error, instead of commander's `error: …` and
 * exit 1. `--help` still exits 0. Set on the program before its commands are added: they
 * inherit it.
 */
export function usageErrorsAsCliErrors(program: Command): void {
  program.exitOverride();
  program.configureOutput({ outputError: (message, write) => write(message.replace(/^error: /, 'lorelab: ')) });
}

export function reportError(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2; // already printed
  const err = error instanceof Error ? error : new Error(String(error));
  if (USER_ERRORS.some((kind) => err instanceof kind) || err.name === 'SqliteError' || (err as { userFacing?: boolean }).userFacing) {
    process.stderr.write(`lorelab: ${err.message}\n`);
    return err instanceof CliError ? err.exitCode : 2;
  }
  process.stderr.write(`lorelab: internal error: ${err.message}\n`);
  if (process.env.LORELAB_DEBUG) process.stderr.write(`${err.stack}\n`);
  else process.stderr.write('(run with LORELAB_DEBUG=1 for the stack trace; please report it)\n');
  return 70;
}
