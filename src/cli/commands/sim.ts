// `lorelab sim …`: wiring only; the simulator lives in src/sim.
import { InvalidArgumentError, type Command } from 'commander';
import { outputFormat, printData, withFormatOptions, type FormatFlags, type OutputFormat } from '../output.js';
import { exploreAll, explore, formatTrace, isSimError, listScenarios, replay, type ExploreOptions, type RunResult, type SimError } from '../../sim/index.js';

const examples = `
Examples:
  $ lorelab sim list
  $ lorelab sim run truncate-nopage                      # every variant
  $ lorelab sim run truncate-nopage --variant frlock --json
  $ lorelab sim replay truncate-nopage --variant before --schedule '0.0.0.1.1.1.0.0.1'

A schedule lists, one atomic step each, the thread that moves: indices (0.0.1) or names
(fault.fault.truncate), separated by dots, commas or spaces. \`sim run\` prints the schedule of
every counterexample it finds.`;

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function printResults(results: (RunResult | SimError)[], format: OutputFormat, cmd: Command): void {
  const failed = results.find(isSimError);
  if (failed) cmd.error(`error: ${failed.error}`);
  const ok = results as RunResult[];
  printData(ok.length === 1 ? ok[0] : ok, format, () => `${ok.map(formatTrace).join('\n\n')}\n`);
}

export function registerSimCommands(program: Command): void {
  const sim = program
    .command('sim')
    .description('the fault-path simulator: run the seed races before and after their patches')
    .addHelpText('after', examples);

  withFormatOptions(sim
    .command('list'), 'the scenario metadata')
    .description('list the scenarios and their variants')
    .action((opts: FormatFlags) => {
      const all = listScenarios();
      const format = outputFormat(opts);
      if (format !== 'text') return printData(all, format, () => '');
      for (const s of all) {
        console.log(`${s.id}  (${s.seed})\n  ${s.title}`);
        for (const v of s.variants) console.log(`    ${v.name.padEnd(24)} ${v.kind.padEnd(8)} expect ${v.expected.padEnd(11)} ${v.description}`);
      }
    });

  withFormatOptions(sim
    .command('run'), 'verdict, invariant, states, transitions, ms, trace and schedule')
    .description('explore every interleaving of a scenario variant and report the shortest counterexample')
    .argument('<scenario>', 'scenario id (see `lorelab sim list`)')
    .option('--variant <name>', "variant name, or 'all'", 'all')
    .option('--plain', 'no partial-order or symmetry reduction (plain exhaustive enumeration)')
    .option('--preemption-bound <n>', 'explore only interleavings with at most n preemptions', count)
    .option('--max-states <n>', 'stop after this many states', count)
    .addHelpText('after', examples)
    .action((scenario: string, opts: FormatFlags & { variant: string; plain?: boolean; preemptionBound?: number; maxStates?: number }, cmd: Command) => {
      const options: ExploreOptions = { preemptionBound: opts.preemptionBound, maxStates: opts.maxStates };
      if (opts.plain) Object.assign(options, { symmetry: false, sleepSets: false });
      const results = opts.variant === 'all' ? exploreAll(scenario, options) : [explore(scenario, opts.variant, options)];
      printResults(results, outputFormat(opts), cmd);
    });

  withFormatOptions(sim
    .command('replay'), 'the result')
    .description('replay one interleaving of a scenario variant step by step')
    .argument('<scenario>', 'scenario id')
    .requiredOption('--variant <name>', 'variant name')
    .requiredOption('--schedule <schedule>', "the interleaving, e.g. '0.0.1.1.0'")
    .addHelpText('after', examples)
    .action((scenario: string, opts: FormatFlags & { variant: string; schedule: string }, cmd: Command) => {
      printResults([replay(scenario, opts.variant, opts.schedule)], outputFormat(opts), cmd);
    });
}
