// The commands a user reads the graph with, given a shard folder as --db, print what they print
// for one database built from the same inbox.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../sources/helpers.js';
import { makeTwoEpochInbox } from './fixture.js';

const main = join(process.cwd(), 'src', 'cli', 'main.ts');

function lorelab(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Starts `lorelab serve` on db, fetches one path, stops it. */
async function served(db: string, path: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', main, '--db', db, 'serve', '--port', '0']);
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const found = /on (http:\/\/\S+?)\/ /.exec(out);
        if (found) resolve(found[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const response = await fetch(`${base}${path}`);
    assert.equal(response.status, 200, path);
    return await response.text();
  } finally {
    child.kill('SIGTERM');
  }
}

test('query, show, thread, search, history, replay and serve answer from a shard folder as from one database', async (t) => {
  const work = tempDir(t);
  const inbox = makeTwoEpochInbox(work);
  const one = join(work, 'one.db');
  const dir = join(work, 'shards');
  assert.equal(lorelab('--db', one, 'ingest', inbox).status, 0);
  const sharded = lorelab('ingest', '--shards', dir, '--jobs', '2', inbox);
  assert.equal(sharded.status, 1, 'a Message-ID in two epochs is reported');
  assert.match(sharded.stdout, /1 Message-ID claimed by two shards[^]*<lone@x> in .*linux-mm\.1\.shard\.db/);

  const commands = [
    ['query', 'patches-touching', '--fn', 'do_no_page', '--json'],
    ['query', 'reviews', '--fn', 'filemap_fault', '--json'],
    ['show', 'r2@x', '--json'],
    ['thread', 'rev@x', '--json'],
    ['search', 'seqcount', '--json'],
    ['history', 'do_no_page'],
    ['replay', 'p1@x', '--scenario', 'truncate-nopage', '--json'],
  ];
  for (const args of commands) {
    const expected = lorelab('--db', one, ...args);
    const actual = lorelab('--db', dir, ...args);
    assert.ok(expected.stdout.length > 20, `${args.join(' ')} prints something: ${expected.stderr}`);
    assert.equal(actual.status, expected.status, `${args.join(' ')}: ${actual.stderr}`);
    // Only how long the model checker took may differ (replay prints it).
    const same = (text: string, db: string) => text.replaceAll(db, '<db>').replace(/"ms": [\d.e-]+/g, '"ms": 0');
    assert.equal(same(actual.stdout, dir), same(expected.stdout, one), args.join(' '));
  }
  assert.ok(existsSync(join(dir, 'merged.db')));

  // The web explorer too: the same JSON for a message and a function page.
  for (const path of ['/api/m/r2%40x', '/api/fn/do_no_page']) {
    const expected = await served(one, path);
    assert.equal(await served(dir, path), expected, path);
  }

  // Plain ingest into a shard folder would write the merged database behind the shards' back.
  const refused = lorelab('--db', dir, 'ingest', inbox);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /^lorelab: .* is a shard folder: add to it with --shards/);
});
