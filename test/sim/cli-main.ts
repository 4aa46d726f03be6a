// A stand-alone `lorelab` with only the sim commands, so the CLI tests can spawn it without
// depending on how src/cli/main.ts is wired (errors are reported as main.ts reports them).
import { Command } from 'commander';
import { registerSimCommands } from '../../src/cli/commands/sim.js';
import { reportError, usageErrorsAsCliErrors } from '../../src/cli/errors.js';

const program = new Command('lorelab');
usageErrorsAsCliErrors(program);
registerSimCommands(program);
program.parseAsync().catch((error: unknown) => {
  process.exitCode = reportError(error);
});
