// Workers start whatever options the process was started with (`node --input-type=module -e`
// made every file worker die, and ingest quietly fell back to one thread).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { workerExecArgv } from '../../src/util/worker.js';
import { repoRoot } from '../helpers/corpus.js';

test('options only the main script can take are not given to workers; the others are', () => {
  assert.deepEqual(workerExecArgv(['--input-type=module', '-e', 'code()', '--max-old-space-size=512']), ['--max-old-space-size=512']);
  assert.deepEqual(workerExecArgv(['--input-type', 'module', '--eval', 'x', '--import', 'tsx', '-p', '1']), ['--import', 'tsx']);
  assert.deepEqual(workerExecArgv([]), []);
});

test('a built worker runs under node --input-type=module -e', () => {
  const planner = pathToFileURL(join(repoRoot, 'dist', 'src', 'link', 'plan-in-worker.js')).href;
  // The worker answers for a missing database with its own error: it ran.
  const code = `const { planLinksInWorker } = await import(${JSON.stringify(planner)});
    console.log(await planLinksInWorker('/nonexistent/lorelab.db').plan.then(() => 'planned', (e) => e.message));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /no database at \/nonexistent\/lorelab\.db/);
});
