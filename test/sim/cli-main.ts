// A stand-alone `lorelab` with only the sim commands, so the CLI tests can spawn it without
// depending on how src/cli/main.ts is wired.
import { Command } from 'commander';
import { registerSimCommands } from '../../src/cli/commands/sim.js';

const program = new Command('lorelab');
registerSimCommands(program);
program.parse();
