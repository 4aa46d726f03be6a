// `lorelab sim …`: wiring only; the simulator lives in src/sim.
import { InvalidArgumentError, type Command } from 'commander';
import { catalogErrors, exploreAll, explore, formatTrace, isSimError, listScenarios, replay, type ExploreOptions, type RunResult, type SimError } from '../../sim/index.js';

const examples = `
Examples:
  $ lorelab sim list
  $ lorelab sim run truncate-nopage                      # every variant
  $ lorelab sim run truncate-nopage --variant frlock --json
  $ lorelab sim replay truncate-nopage --variant before --schedule '0.0.0.1.1.1.0.0.1'
  $ lorelab sim run ./my-race.race.yaml                  # a race file anywhere (src/sim/scenarios/FORMAT.md)

A schedule lists, one atomic step each, the thread that moves: indices (0.0.1) or names
(fault.fault.truncate), separated by dots, commas or spaces. \`sim run\` prints the schedule of
every counterexample it finds.`;

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function printResults(results: (RunResult | SimError)[], json: boolean, cmd: Command): void {
  const failed = results.find(isSimError);
  if (failed) cmd.error(`error: ${failed.error}`);
  const ok = results as RunResult[];
  if (json) console.log(JSON.stringify(ok.length === 1 ? ok[0] : ok, null, 2));
  else console.log(ok.map(formatTrace).join('\n\n'));
}

export function registerSimCommands(program: Command): void {
  const sim = program
    .command('sim')
    .description('the fault-path simulator: run the seed races before and after their patches')
    .addHelpText('after', examples);

  sim
    .command('list')
    .description('list the scenarios and their variants')
    .option('--json', 'print the scenario metadata as JSON')
    .action((opts: { json?: boolean }) => {
      const all = listScenarios();
      // A race file that does not load is reported; the others are listed regardless.
      for (const problem of catalogErrors()) console.error(`error: ${problem}`);
      if (catalogErrors().length) process.exitCode = 1;
      if (opts.json) return console.log(JSON.stringify(all, null, 2));
      for (const s of all) {
        console.log(`${s.id}  (${s.seed})\n  ${s.title}`);
        for (const v of s.variants) console.log(`    ${v.name.padEnd(24)} ${v.kind.padEnd(8)} expect ${v.expected.padEnd(11)} ${v.description}`);
      }
    });

  sim
    .command('run')
    .description('explore every interleaving of a scenario variant and report the shortest counterexample')
    .argument('<scenario>', 'scenario id (see `lorelab sim list`), or the path of a .race.yaml file')
    .option('--variant <name>', "variant name, or 'all'", 'all')
    .option('--json', 'print verdict, invariant, states, transitions, ms, trace and schedule as JSON')
    .option('--plain', 'no partial-order or symmetry reduction (plain exhaustive enumeration)')
    .option('--preemption-bound <n>', 'explore only interleavings with at most n preemptions', count)
    .option('--max-states <n>', 'stop after this many states', count)
    .addHelpText('after', examples)
    .action((scenario: string, opts: { variant: string; json?: boolean; plain?: boolean; preemptionBound?: number; maxStates?: number }, cmd: Command) => {
      const options: ExploreOptions = { preemptionBound: opts.preemptionBound, maxStates: opts.maxStates };
      if (opts.plain) Object.assign(options, { symmetry: false, sleepSets: false });
      const results = opts.variant === 'all' ? exploreAll(scenario, options) : [explore(scenario, opts.variant, options)];
      printResults(results, !!opts.json, cmd);
    });

  sim
    .command('replay')
    .description('replay one interleaving of a scenario variant step by step')
    .argument('<scenario>', 'scenario id')
    .requiredOption('--variant <name>', 'variant name')
    .requiredOption('--schedule <schedule>', "the interleaving, e.g. '0.0.1.1.0'")
    .option('--json', 'print the result as JSON')
    .addHelpText('after', examples)
    .action((scenario: string, opts: { variant: string; schedule: string; json?: boolean }, cmd: Command) => {
      printResults([replay(scenario, opts.variant, opts.schedule)], !!opts.json, cmd);
    });
}
