// lorelab as another package uses it: `npm pack`, the tarball unpacked into a project outside
// the checkout, and both entry points imported by name. No network: the project's dependencies
// are links to the checkout's installed ones (Node follows them to their real place, where
// their own dependencies are).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireBuild } from '../helpers/built.js';
import { repoRoot, tempDir } from '../helpers/corpus.js';

const dir = tempDir();
after(() => dir.cleanup());

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' } });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const CONSUMER = `
import { join } from 'node:path';
import { open, ingest, query, history, replay, show } from 'lorelab';
import { listScenarios, explore } from 'lorelab/sim';

const db = open(join(process.argv[2], 'graph.db'));
const summary = await ingest(db, [join(import.meta.dirname ?? '.', 'node_modules', 'lorelab', 'corpora')]);
const touching = query(db, 'patches-touching', { fn: 'do_no_page' });
const md = history(db, 'do_no_page');
const report = replay(db, { patchId: '802f446eafb91b63159993238bbc15d878d7bcb8' });
const shown = show(db, touching[0].message_id);
db.close();
const before = explore('truncate-nopage', 'before');
console.log(JSON.stringify({
  stored: summary.new, touching: touching.map((r) => r.function), historyTitle: md.split('\\n')[0],
  replayed: report.scenario.id, before: report.counterexample?.verdict, shownPatches: shown.patches.length,
  scenarios: listScenarios().map((s) => s.id), simBefore: before.verdict,
}));
`;

test('npm pack, unpacked in a project outside the checkout: lorelab and lorelab/sim import and work', () => {
  requireBuild();
  const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir.path, repoRoot], dir.path);
  const tarball = join(dir.path, (JSON.parse(packed) as Array<{ filename: string }>)[0]!.filename);

  const project = join(dir.path, 'consumer');
  const installed = join(project, 'node_modules', 'lorelab');
  mkdirSync(installed, { recursive: true });
  run('tar', ['-xzf', tarball, '--strip-components=1', '-C', installed], dir.path);
  const { dependencies } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const name of Object.keys(dependencies)) {
    const link = join(project, 'node_modules', name);
    mkdirSync(join(link, '..'), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules', name), link, 'dir');
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(join(project, 'use.mjs'), CONSUMER);

  const out = JSON.parse(run(process.execPath, ['use.mjs', dir.path], project).trim().split('\n').at(-1)!);
  assert.equal(out.stored, 6, 'the packed corpus ingested');
  assert.deepEqual(out.touching, ['do_no_page']);
  assert.match(out.historyTitle, /do_no_page/);
  assert.equal(out.replayed, 'truncate-nopage');
  assert.equal(out.before, 'violation', 'the race replayed before the patch');
  assert.ok(out.shownPatches > 0);
  assert.ok(out.scenarios.includes('truncate-nopage'));
  assert.equal(out.simBefore, 'violation');
});
