// `lorelab sim …`: wiring only; the simulator lives in src/sim.
import { InvalidArgumentError, type Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { outputFormat, printData, withFormatOptions, type FormatFlags, type OutputFormat } from '../output.js';
import { catalogErrors, exploreAll, explore, exportVariant, findScenario, formatTrace, isSimError, listScenarios, replay, type ExploreOptions, type RunResult, type SimError } from '../../sim/index.js';
import { CliError } from '../errors.js';

const examples = `
Examples:
  $ lorelab sim list
  $ lorelab sim run truncate-nopage                      # every variant
  $ lorelab sim run truncate-nopage --variant frlock --json
  $ lorelab sim replay truncate-nopage --variant before --schedule '0.0.0.1.1.1.0.0.1'
  $ lorelab sim run ./my-race.race.yaml                  # a race file anywhere (src/sim/scenarios/FORMAT.md)

A schedule lists, one atomic step each, the thread that moves: indices (0.0.1) or names
(fault.fault.truncate), separated by dots, commas or spaces. \`sim run\` prints the schedule of
every counterexample it finds. \`sim run\` exits 1 when a verdict is not the one the scenario
expects (listed on stderr).`;

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

/** Prints the runs; an unknown scenario or variant, or a schedule that does not fit, is a usage error. */
function printResults(results: (RunResult | SimError)[], format: OutputFormat): RunResult[] {
  const failed = results.find(isSimError);
  if (failed) throw new CliError(failed.error);
  const ok = results as RunResult[];
  printData(ok.length === 1 ? ok[0] : ok, format, () => `${ok.map(formatTrace).join('\n\n')}\n`);
  return ok;
}

/** Variants whose verdict is not the one their scenario expects: each said on stderr, exit 1. */
function reportSurprises(results: RunResult[]): void {
  const surprises = results.filter((r) => r.verdict !== r.expected);
  for (const r of surprises) process.stderr.write(`lorelab: ${r.scenario} ${r.variant}: expected ${r.expected}, got ${r.verdict}${r.complete ? '' : ' (search stopped at its state limit)'}\n`);
  if (surprises.length) process.exitCode = 1;
}

export function registerSimCommands(program: Command): void {
  const sim = program
    .command('sim')
    .description('the fault-path simulator: run the seed races before and after their patches')
    .addHelpText('after', examples);

  withFormatOptions(sim
    .command('list'), 'the scenario metadata')
    .description('list the scenarios and their variants')
    .addHelpText('after', examples)
    .action((opts: FormatFlags) => {
      const all = listScenarios();
      // A race file that does not load is reported; the others are listed regardless.
      for (const problem of catalogErrors()) process.stderr.write(`lorelab: ${problem}\n`);
      if (catalogErrors().length) process.exitCode = 1;
      const format = outputFormat(opts);
      if (format !== 'text') return printData(all, format, () => '');
      for (const s of all) {
        console.log(`${s.id}${s.seed ? `  (${s.seed})` : ''}\n  ${s.title}`);
        for (const v of s.variants) console.log(`    ${v.name.padEnd(24)} ${v.kind.padEnd(8)} expect ${v.expected.padEnd(11)} ${v.description}`);
      }
    });

  withFormatOptions(sim
    .command('run'), 'verdict, invariant, states, transitions, ms, trace and schedule')
    .description('explore every interleaving of a scenario variant and report the shortest counterexample')
    .argument('<scenario>', 'scenario id (see `lorelab sim list`), or the path of a .race.yaml file')
    .option('--variant <name>', "variant name, or 'all'", 'all')
    .option('--plain', 'no partial-order or symmetry reduction (plain exhaustive enumeration)')
    .option('--preemption-bound <n>', 'explore only interleavings with at most n preemptions', count)
    .option('--max-states <n>', 'stop after this many states', count)
    .addHelpText('after', examples)
    .action((scenario: string, opts: FormatFlags & { variant: string; plain?: boolean; preemptionBound?: number; maxStates?: number }) => {
      const options: ExploreOptions = { preemptionBound: opts.preemptionBound, maxStates: opts.maxStates };
      if (opts.plain) Object.assign(options, { symmetry: false, sleepSets: false });
      const results = opts.variant === 'all' ? exploreAll(scenario, options) : [explore(scenario, opts.variant, options)];
      reportSurprises(printResults(results, outputFormat(opts)));
    });

  sim
    .command('export')
    .description('write a scenario variant as a Promela model, to check it with Spin (see src/sim/README.md)')
    .argument('<scenario>', 'scenario id, or the path of a .race.yaml file')
    .requiredOption('--promela', 'Promela, for Spin (the only format so far)')
    .option('--variant <name>', 'variant name (default: the first)')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .addHelpText('after', `
Examples:
  $ lorelab sim export --promela truncate-nopage --variant before -o before.pml
  $ spin -a before.pml && cc -O2 -DBFS -o pan pan.c && ./pan     # a trail is a counterexample
  $ spin -t -p before.pml                                         # replay it`)
    .action((scenario: string, opts: { variant?: string; output?: string }) => {
      const variant = opts.variant ?? findScenario(scenario)?.variants[0]?.name ?? 'before';
      const r = exportVariant(scenario, variant);
      if ('error' in r) throw new CliError(r.error);
      if (opts.output) writeFileSync(opts.output, r.text);
      else process.stdout.write(r.text);
    });

  withFormatOptions(sim
    .command('replay'), 'the result')
    .description('replay one interleaving of a scenario variant step by step')
    .argument('<scenario>', 'scenario id')
    .requiredOption('--variant <name>', 'variant name')
    .requiredOption('--schedule <schedule>', "the interleaving, e.g. '0.0.1.1.0'")
    .addHelpText('after', examples)
    .action((scenario: string, opts: FormatFlags & { variant: string; schedule: string }) => {
      printResults([replay(scenario, opts.variant, opts.schedule)], outputFormat(opts));
    });
}
