// An emitted race test runs where the user put it, with lorelab installed from `npm pack`: in a
// temporary folder outside the checkout, exactly as `lorelab replay --emit-test` says to run it.
//
// Offline install: the npm cache does not hold lorelab's dependencies, so `npm install
// --offline <tgz>` cannot work here. The tarball is unpacked into node_modules/lorelab as npm
// would place it, its bin linked in node_modules/.bin, and each of its `dependencies` (only
// those: no tsx, no typescript) linked from this checkout's node_modules.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot, tempDir } from '../helpers/corpus.js';

const dir = tempDir('lorelab-pack-');
after(() => dir.cleanup());

function install(): string {
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir.path], { cwd: repoRoot, stdio: 'pipe' });
  const tgz = readdirSync(dir.path).find((name) => name.endsWith('.tgz'))!;
  const project = join(dir.path, 'project');
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, '.bin'), { recursive: true });
  writeFileSync(join(project, 'package.json'), '{ "name": "my-races", "private": true }\n');
  execFileSync('tar', ['xzf', join(dir.path, tgz), '-C', modules]);
  renameSync(join(modules, 'package'), join(modules, 'lorelab'));
  const manifest = JSON.parse(readFileSync(join(modules, 'lorelab', 'package.json'), 'utf8')) as { bin: Record<string, string>; dependencies: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies)) {
    const link = join(modules, 'lorelab', 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules', name), link);
  }
  const bin = join(modules, 'lorelab', manifest.bin.lorelab!);
  chmodSync(bin, 0o755);
  symlinkSync(bin, join(modules, '.bin', 'lorelab'));
  return project;
}

test('lorelab replay --emit-test writes a test that `npx lorelab test FILE` runs outside the checkout', () => {
  const project = install();
  const { NODE_TEST_CONTEXT: _nested, ...env } = process.env;
  const npx = (...args: string[]) => spawnSync('npx', ['lorelab', ...args], { cwd: project, encoding: 'utf8', env: { ...env, npm_config_offline: 'true', LORELAB_DB: join(project, 'lore.db') } });
  assert.throws(() => execFileSync(process.execPath, ['-e', "import('tsx')"], { cwd: project, stdio: 'pipe' }), 'no TypeScript loader here');

  assert.equal(npx('start').status, 0);
  const replay = npx('replay', '--patch-id', '802f446eafb91b63159993238bbc15d878d7bcb8', '--emit-test', 'tests/truncate.test.ts');
  assert.equal(replay.status, 0, replay.stderr);
  const said = /\(run: (npx lorelab test \S+)\)/.exec(replay.stdout)?.[1];
  assert.equal(said, 'npx lorelab test tests/truncate.test.ts');
  const emitted = readFileSync(join(project, 'tests', 'truncate.test.ts'), 'utf8');
  assert.match(emitted, /from "lorelab\/sim"/);
  assert.match(emitted, /^\/\/ Run it wherever lorelab is installed: npx lorelab test <file>$/m);

  const run = npx('test', 'tests/truncate.test.ts');
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /# pass 3\n# fail 0/);

  // And it tests something: a schedule that no longer shows the race fails, exit 1.
  writeFileSync(join(project, 'tests', 'broken.test.ts'), emitted.replace(/const schedule = "[^"]+";/, 'const schedule = "1.1.1.1.1.0.0.0.0.0";'));
  const broken = npx('test', 'tests/broken.test.ts');
  assert.equal(broken.status, 1, broken.stdout + broken.stderr);
  assert.match(broken.stdout, /# fail 1/);
});
