// `lorelab sim new --from-patch`: the skeleton names the patch's threads and locks, compiles
// with the repo's tsconfig settings as is, and its model explores.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { readPatchFacts } from '../../src/link/patch-facts.js';
import { scenarioSkeleton, skeletonTarget } from '../../src/link/skeleton.js';
import { corpusDb, repoRoot } from '../helpers/corpus.js';

const corpus = await corpusDb();
const scratch = join(repoRoot, 'test', 'link', `.skeleton-${process.pid}`);
mkdirSync(scratch, { recursive: true });
after(() => {
  corpus.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

const simFrom = (file: string) => ({
  engineImport: `./${relative(scratch, join(repoRoot, 'src/sim/engine/types.js'))}`,
  scenarioImport: `./${relative(scratch, join(repoRoot, 'src/sim/scenarios/types.js'))}`,
  file,
});

function patchesOf(patchId: string) {
  const row = corpus.db.prepare('SELECT message_id FROM patches WHERE patch_id = ?').get(patchId) as { message_id: string };
  const ids = (corpus.db.prepare('SELECT id FROM patches WHERE message_id = ? ORDER BY ordinal').all(row.message_id) as { id: number }[]).map((r) => r.id);
  return { messageId: row.message_id, patches: readPatchFacts(corpus.db, ids) };
}

test("Andrea's patch: threads do_no_page and vmtruncate, its locks and sequence count, the invariant left open", () => {
  const { messageId, patches } = patchesOf('802f446eafb91b63159993238bbc15d878d7bcb8');
  const target = skeletonTarget(patches, messageId);
  assert.ok(typeof target !== 'string');
  const source = scenarioSkeleton(target);
  for (const expected of ["name: \"vmtruncate\"", "name: \"do_no_page\"", 'spin_lock(&mm->page_table_lock)', 'fr_read_begin(&mapping->truncate_lock)', 'down(&inode->i_sem)', '"truncate_lock": 0', 'STATE THE INVARIANT HERE']) {
    assert.ok(source.includes(expected), `missing ${expected}`);
  }
});

test('every seed patch gives a skeleton that typechecks with the repo tsconfig and explores', () => {
  const files: string[] = [];
  for (const row of corpus.db.prepare('SELECT id FROM patches ORDER BY id').all() as { id: number }[]) {
    const [facts] = readPatchFacts(corpus.db, [row.id]);
    const file = join(scratch, `race-${row.id}.ts`);
    writeFileSync(file, scenarioSkeleton(facts!, simFrom(file)));
    files.push(file);
  }
  writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ extends: '../../../tsconfig.json', compilerOptions: { noEmit: true }, include: ['*.ts'] }));
  const tsc = spawnSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', scratch], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  // And the skeleton runs: its model explores to completion under the engine.
  const probe = join(scratch, 'probe.mts');
  writeFileSync(probe, `import { explore } from '${join(repoRoot, 'src/sim/engine/explore.ts')}';\n` +
    files.map((f, i) => `import * as m${i} from '${f}';`).join('\n') +
    `\nfor (const m of [${files.map((_, i) => `m${i}`).join(', ')}]) { const model = Object.values(m).find((v) => typeof v === 'function')(); const r = explore(model); if (!r.complete) process.exit(3); }\nconsole.log('explored');\n`);
  const { NODE_TEST_CONTEXT: _nested, ...env } = process.env;
  const run = spawnSync(process.execPath, ['--import', 'tsx', probe], { cwd: repoRoot, encoding: 'utf8', env });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /explored/);
});
