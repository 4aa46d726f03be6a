// The emitted regression tests: test/races/ holds exactly what emission gives today, each one
// passes when run on its own through the package name, and fails when the model regresses.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { emitRaceTest, raceTestSpec } from '../../src/link/emit-test.js';
import { replayPatch } from '../../src/link/replay.js';
import { corpusDb, repoRoot } from '../helpers/corpus.js';
import { raceTestFiles } from './races.js';
import { requireBuild } from '../helpers/built.js';

requireBuild(); // the emitted tests import `lorelab/sim`, which is dist/
const corpus = await corpusDb();
// Inside the repo, so that `lorelab/sim` resolves to this package (dist/, after npm run build).
const scratch = join(repoRoot, 'test', 'link', `.emitted-${process.pid}`);
mkdirSync(scratch, { recursive: true });
after(() => {
  corpus.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

function runTestFile(name: string, content: string): { status: number | null; output: string } {
  const file = join(scratch, name);
  writeFileSync(file, content);
  // Without NODE_TEST_CONTEXT, or the child thinks it is nested in this run and runs nothing.
  const { NODE_TEST_CONTEXT: _nested, ...env } = process.env;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', file], { cwd: repoRoot, encoding: 'utf8', env });
  return { status: run.status, output: run.stdout + run.stderr };
}

const emitted = raceTestFiles(corpus.db);

test('test/races/ holds exactly what emission gives for every declared patch-id', () => {
  assert.ok(emitted.length >= 3);
  for (const t of emitted) assert.equal(readFileSync(t.file, 'utf8'), t.content, `${t.file} is stale: npx tsx test/link/races.ts --write`);
});

test('every emitted test passes on its own', () => {
  for (const t of emitted) {
    const run = runTestFile(`${t.scenario}.test.ts`, t.content);
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /# pass [1-9]/);
    assert.match(run.output, /# fail 0/);
  }
});

test('an emitted test fails when the model regresses', () => {
  const report = replayPatch(corpus.db, { patchId: '802f446eafb91b63159993238bbc15d878d7bcb8' });
  const spec = raceTestSpec(report);
  // The schedule no longer reproduces the violation (the truncate runs first, entirely).
  const wrongSchedule = runTestFile('wrong-schedule.test.ts', emitRaceTest({ ...spec, schedule: '1.1.1.1.1.0.0.0.0.0' }));
  assert.notEqual(wrongSchedule.status, 0, wrongSchedule.output);
  // A step's label changed: step for step means exactly.
  const wrongStep = runTestFile('wrong-step.test.ts', emitRaceTest({ ...spec, steps: spec.steps.map((s, i) => (i === 2 ? `${s} (edited)` : s)) }));
  assert.notEqual(wrongStep.status, 0, wrongStep.output);
  // The "patched" variant is one that still races.
  const wrongPatch = runTestFile('wrong-patch.test.ts', emitRaceTest({ ...spec, patched: ['frlock-swapped'] }));
  assert.notEqual(wrongPatch.status, 0, wrongPatch.output);
  assert.match(wrongPatch.output, /frlock-swapped/);
});
