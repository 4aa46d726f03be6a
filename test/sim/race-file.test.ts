// Race files: a small race written as data runs; each kind of bad file is an error naming its
// line and what was expected, and a bad file in a folder leaves the others loading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explore } from '../../src/sim/engine/explore.js';
import { RaceFileError } from '../../src/sim/race-file/ast.js';
import { loadRaceFolder, scenarioFromText } from '../../src/sim/race-file/load.js';

const lostUpdate = `race: toy
title: two increments of a shared count
state:
  count: 0
  lock: { kind: lock }
threads:
  a:
    locals: { v: 0 }
    steps:
      read:
        does: 'inc: v = count'
        run: v = count
      write:
        does: 'inc: count = v + 1'
        run: count = v + 1
  b:
    locals: { v: 0 }
    steps:
      read:
        does: 'inc: v = count'
        run: v = count
      write:
        does: 'inc: count = v + 1'
        run: count = v + 1
invariants:
  all-counted:
    says: Both increments are counted.
    at: end
    check: |
      if count != 2 { violation "count is {count}" }
variants:
  before:
    kind: before
    expect: violation all-counted in 4 steps
    says: No lock.
  locked:
    kind: patch
    expect: ok
    says: Both take the lock around the increment.
    edit:
      a:
        - insert: take
          before: read
          does: 'inc: spin_lock'
          waits: lock
          when: can_lock(lock)
          run: lock(lock)
        - replace: write
          run: |
            count = v + 1
            unlock(lock)
      b:
        - insert: take
          before: read
          does: 'inc: spin_lock'
          waits: lock
          when: can_lock(lock)
          run: lock(lock)
        - replace: write
          run: |
            count = v + 1
            unlock(lock)
`;

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

function loadError(text: string): RaceFileError {
  try {
    scenarioFromText(text, 'x/toy.race.yaml');
  } catch (err) {
    if (err instanceof RaceFileError) return err;
    throw err;
  }
  assert.fail('expected the file not to load');
}

test('a race written as data runs: the lost update before, none with the lock', () => {
  const s = scenarioFromText(lostUpdate, 'x/toy.race.yaml');
  const before = explore(s.variants[0].build());
  assert.equal(before.finding?.invariant, 'all-counted');
  assert.equal(before.path.length, 4);
  assert.equal(explore(s.variants[1].build()).finding, null);
  assert.deepEqual(s.variants.map((v) => [v.name, v.expected, v.breaks, v.steps]), [['before', 'violation', 'all-counted', 4], ['locked', 'ok', null, null]]);
});

test('errors name file:line and what was expected', () => {
  const cases: [string, string, RegExp][] = [
    // YAML syntax
    [lostUpdate.replace('  count: 0', '  count: 0: 1'), '  count: 0: 1', /YAML syntax/],
    // a syntax error in a step's code
    [lostUpdate.replace('run: v = count', 'run: v = = count'), 'run: v = = count', /expected a value/],
    // an unknown object
    [lostUpdate.replace('run: count = v + 1\n  b:', 'run: counter = v + 1\n  b:'), 'run: counter = v + 1', /unknown object or variable 'counter'/],
    // an unknown operation
    [lostUpdate.replace('run: lock(lock)', 'run: grab(lock)'), 'run: grab(lock)', /unknown operation 'grab'/],
    // a goto to a step that does not exist
    [lostUpdate.replace("run: v = count", 'run: goto nowhere'), 'run: goto nowhere', /goto to unknown step 'nowhere'/],
    // an unreachable step
    [lostUpdate.replace("run: v = count", 'run: done'), "does: 'inc: count = v + 1'", /step 'write' of thread 'a' is unreachable/],
    // a variant editing a step that does not exist
    [lostUpdate.replace('- replace: write', '- replace: wirte'), '- replace: wirte', /edits step 'wirte', which thread 'a' does not have/],
    // an unknown field
    [lostUpdate.replace('    kind: patch', '    kind: patch\n    expects: ok'), 'expects: ok', /unknown field 'expects'/],
    // a guard that changes the state
    [lostUpdate.replace('when: can_lock(lock)', 'when: lock(lock)'), 'when: lock(lock)', /lock changes the state; a guard only reads it/],
  ];
  for (const [text, needle, problem] of cases) {
    const e = loadError(text);
    assert.match(e.message, problem);
    assert.equal(e.file, 'x/toy.race.yaml');
    const at = needle === "does: 'inc: count = v + 1'" ? lineOf(text, needle) - 1 : lineOf(text, needle);
    assert.equal(e.line, at, `${e.message} (expected line ${at})`);
    assert.match(e.message, /^x\/toy\.race\.yaml:\d+: /);
  }
});

test('a bad file in the folder is reported; the other races load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'races-'));
  try {
    writeFileSync(join(dir, 'toy.race.yaml'), lostUpdate);
    writeFileSync(join(dir, 'broken.race.yaml'), lostUpdate.replace('race: toy', 'race: broken').replace('- replace: write', '- replace: wirte'));
    const { scenarios, errors } = loadRaceFolder(dir, 'races');
    assert.deepEqual(scenarios.map((s) => s.id), ['toy']);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /^races\/broken\.race\.yaml:\d+: variant 'locked' edits step 'wirte'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
