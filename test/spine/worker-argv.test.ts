// Workers start whatever options the process was started with (`node --input-type=module -e`
// made every file worker die, and ingest quietly fell back to one thread).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { refusedOptions, workerExecArgv } from '../../src/util/worker.js';
import { requireBuild } from '../helpers/built.js';
import { repoRoot } from '../helpers/corpus.js';

test('options only the main script can take are not given to workers; the others are', () => {
  assert.deepEqual(workerExecArgv(['--input-type=module', '-e', 'code()', '--max-old-space-size=512']), ['--max-old-space-size=512']);
  assert.deepEqual(workerExecArgv(['--input-type', 'module', '--eval', 'x', '--import', 'tsx', '-p', '1']), ['--import', 'tsx']);
  assert.deepEqual(workerExecArgv([]), []);
});

test('a built worker runs under node --input-type=module -e', () => {
  requireBuild();
  const planner = pathToFileURL(join(repoRoot, 'dist', 'src', 'link', 'plan-in-worker.js')).href;
  // The worker answers for a missing database with its own error: it ran.
  const code = `const { planLinksInWorker } = await import(${JSON.stringify(planner)});
    console.log(await planLinksInWorker('/nonexistent/lorelab.db').plan.then(() => 'planned', (e) => e.message));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /no database at \/nonexistent\/lorelab\.db/);
});

test('the options Node refuses to give a worker are read from its error', () => {
  const error = Object.assign(new Error('Initiated Worker with invalid execArgv flags: --max-old-space-size=512, --trace-gc'), {
    code: 'ERR_WORKER_INVALID_EXEC_ARGV',
  });
  assert.deepEqual(refusedOptions(error), ['--max-old-space-size=512', '--trace-gc']);
  const withColon = Object.assign(new Error('Initiated Worker with invalid execArgv flags: --some-option=127.0.0.1:9229'), {
    code: 'ERR_WORKER_INVALID_EXEC_ARGV',
  });
  assert.deepEqual(refusedOptions(withColon), ['--some-option=127.0.0.1:9229']);
  assert.deepEqual(refusedOptions(new Error('something else: --x')), []);
});

test('under node --max-old-space-size (a V8 option workers refuse) the workers still start', () => {
  // Before, every worker failed to start: ingest then recorded every message as failed.
  requireBuild();
  const built = (file: string) => JSON.stringify(pathToFileURL(join(repoRoot, 'dist', 'src', file)).href);
  const code = `const { createAnalyzer } = await import(${built('ingest/analysis/pool.js')});
    const { planLinksInWorker } = await import(${built('link/plan-in-worker.js')});
    const warnings = [];
    process.on('warning', (w) => warnings.push(w.code));
    const analyzer = createAnalyzer(1, { warmUp: 0 });
    const raw = Buffer.from('From: Dev <dev@example.org>\\nSubject: hi\\nMessage-ID: <w1@example.org>\\n\\nhello\\n');
    const record = await analyzer.analyze(raw, { source: '/x.eml', format: 'eml', locator: 'offset=0 length=1' });
    await analyzer.close();
    const planned = await planLinksInWorker('/nonexistent/lorelab.db').plan.then(() => 'planned', (e) => e.message);
    await new Promise((r) => setImmediate(r));
    console.log(JSON.stringify({ id: record.mail.messageId, planned, warnings }));`;
  const run = spawnSync(process.execPath, ['--max-old-space-size=512', '--input-type=module', '-e', code], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
  assert.equal(out.id, 'w1@example.org');
  assert.match(out.planned, /no database at \/nonexistent\/lorelab\.db/); // the planning worker ran
  assert.deepEqual(out.warnings, []); // and the analysis worker did: no fallback
});
