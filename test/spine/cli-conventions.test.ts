// One CLI convention for every command (the built command, as users run it): errors as
// `lorelab: …` on stderr, exit codes 0 ok / 1 findings / 2 usage / 70 internal, examples and
// the exit codes in every --help, one spelling per option.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportError } from '../../src/cli/errors.js';
import { lorelab } from '../helpers/corpus.js';

/** The commands a help text lists (its "Commands:" section), without `help`. */
function commandsIn(help: string): string[] {
  const section = help.split('\nCommands:\n')[1]?.split('\n\n')[0] ?? '';
  return section.split('\n').map((line) => /^  (\S+)/.exec(line)?.[1]).filter((name): name is string => !!name && name !== 'help');
}

test('every command and sub-command has examples and the exit codes in its --help', () => {
  const top = lorelab(['--help']);
  assert.equal(top.status, 0);
  const commands = commandsIn(top.stdout);
  assert.ok(commands.length >= 12, `commands listed: ${commands.join(' ')}`);
  const all = commands.flatMap((name) => {
    const sub = commandsIn(lorelab([name, '--help']).stdout);
    return [[name], ...sub.map((child) => [name, child])];
  });
  assert.ok(all.some((c) => c.join(' ') === 'sim run'), 'sub-commands are checked too');
  for (const command of all) {
    const help = lorelab([...command, '--help']);
    assert.equal(help.status, 0, command.join(' '));
    assert.match(help.stdout, /\nExamples:\n\s+(\$ )?lorelab /, `examples in lorelab ${command.join(' ')} --help`);
    assert.match(help.stdout, /Exit status: 0 ok; 1 findings .*\n?.*2 usage error; 70 internal error/, `exit codes in lorelab ${command.join(' ')} --help`);
  }
});

test('usage errors, the simulator\'s included, print `lorelab: …` and exit 2', () => {
  for (const args of [
    ['sim', 'run', 'no-such-scenario'],
    ['sim', 'run', 'srcu-vma', '--variant', 'nope'],
    ['sim', 'replay', 'srcu-vma', '--variant', 'srcu', '--schedule', '0.5'],
    ['sim', 'run', 'srcu-vma', '--max-states', 'many'],
    ['ingest', '--no-such-option', 'x'],
    ['query', 'patches-touching', '--fn'],
  ]) {
    const run = lorelab(args);
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, /^lorelab: /, args.join(' '));
    assert.doesNotMatch(run.stderr, /^error: /m, args.join(' '));
  }
});

test('sim run exits 1 when a verdict is not the one the scenario expects, and says which', () => {
  const expected = lorelab(['sim', 'run', 'truncate-nopage', '--variant', 'before']);
  assert.equal(expected.status, 0, expected.stderr);
  // Stopped after three states, the search cannot reach the race the variant expects.
  const cut = lorelab(['sim', 'run', 'truncate-nopage', '--variant', 'before', '--max-states', '3']);
  assert.equal(cut.status, 1);
  assert.match(cut.stderr, /^lorelab: truncate-nopage before: expected violation, got ok/m);
});

test('history takes one spelling for where to write: -o/--output', () => {
  const help = lorelab(['history', '--help']).stdout;
  assert.match(help, /-o, --output <path>/);
  assert.doesNotMatch(help, /--out </);
  const old = lorelab(['history', '--all', '--out', 'somewhere']);
  assert.equal(old.status, 2);
  assert.match(old.stderr, /^lorelab: unknown option '--out'/);
  const missing = lorelab(['history', '--all']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^lorelab: --all needs --output DIR/);
});

test('an unexpected error is reported as internal and exits 70', () => {
  const written: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => (written.push(chunk), true)) as typeof process.stderr.write;
  try {
    assert.equal(reportError(new TypeError('x is undefined')), 70);
  } finally {
    process.stderr.write = write;
  }
  assert.match(written.join(''), /^lorelab: internal error: x is undefined\n/);
});
