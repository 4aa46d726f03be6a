// `lorelab sim …` end to end, through a stand-alone program with only the sim commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const main = fileURLToPath(new URL('./cli-main.ts', import.meta.url));
const lorelab = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8' });

test('sim run --json reports verdict, figures, trace and a schedule that replays', () => {
  const run = lorelab('sim', 'run', 'map-pages-lock', '--variant', 'patch4-private', '--json');
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.verdict, 'violation');
  assert.ok(result.states > 0 && result.transitions > 0 && result.ms >= 0);
  const again = lorelab('sim', 'replay', 'map-pages-lock', '--variant', 'patch4-private', '--schedule', result.schedule);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /^\s+1\s+map_pages\s+filemap_map_pages/m);
  assert.match(again.stdout, /✗ no-orphan-pte/);
});

test('unknown scenarios, variants and bad schedules fail cleanly with a non-zero exit', () => {
  for (const args of [
    ['sim', 'run', 'nope'],
    ['sim', 'run', 'srcu-vma', '--variant', 'nope'],
    ['sim', 'replay', 'srcu-vma', '--variant', 'srcu', '--schedule', '0.5'],
  ]) {
    const r = lorelab(...args);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /^error: /m);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
});

test('sim list --json lists the five seed scenarios first, in seed order', () => {
  const r = lorelab('sim', 'list', '--json');
  assert.deepEqual(JSON.parse(r.stdout).map((s: { id: string }) => s.id).slice(0, 5), ['truncate-nopage', 'futex-cow-fork', 'gup-writeback', 'srcu-vma', 'map-pages-lock']);
});

test('sim run takes the path of a race file; a broken one fails with file:line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'race-cli-'));
  try {
    const good = join(dir, 'mine.race.yaml');
    writeFileSync(good, readFileSync(new URL('../../src/sim/scenarios/map-pages-lock.race.yaml', import.meta.url), 'utf8').replace('race: map-pages-lock', 'race: mine'));
    const run = lorelab('sim', 'run', good, '--json');
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout).map((r: { variant: string; verdict: string }) => `${r.variant}=${r.verdict}`), ['trylock=ok', 'patch4-private=violation', 'mapcount-recheck=ok']);
    const bad = join(dir, 'bad.race.yaml');
    writeFileSync(bad, readFileSync(good, 'utf8').replace('race: mine', 'race: bad').replace('- remove: trylock', '- remove: trylok'));
    const broken = lorelab('sim', 'run', bad);
    assert.notEqual(broken.status, 0);
    assert.match(broken.stderr, /bad\.race\.yaml:\d+: variant 'patch4-private' edits step 'trylok'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
