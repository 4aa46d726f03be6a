// Errors users can act on print one clear line and exit non-zero; anything else is a bug and
// says so (with the stack only under LORELAB_DEBUG=1).
import { QueryError } from '../query/named.js';
import { StoreError } from '../store/open.js';
import { InputError } from '../ingest/inputs.js';

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

const USER_ERRORS = [CliError, QueryError, StoreError, InputError];

export function reportError(error: unknown): number {
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
