// `lorelab mirror` against local bare repositories laid out as lore serves a list
// (<base>/<list>/0, /1, …), reached by file:// URLs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { lorelabAsync, tempDir } from '../helpers/corpus.js';
import { appendCommits, makeRepo, message } from '../sources/helpers.js';

const dir = tempDir();
after(() => dir.cleanup());
const server = join(dir.path, 'server');
const base = `file://${server}`;
const db = join(dir.path, 'mirror.db');
const mirror = join(dir.path, 'mirror');
const ids = () => (new Database(db, { readonly: true }).prepare('select message_id from messages where is_stub = 0 order by message_id').pluck().all() as string[]);

test('every epoch is cloned and ingested; a later run fetches, finds the new epoch, and ingests only what is new', async () => {
  makeRepo(join(server, 'linux-test', '0'), [{ write: { m: message('a') } }, { write: { m: message('b') } }]);
  makeRepo(join(server, 'linux-test', '1'), [{ write: { m: message('c') } }]);

  const first = await lorelabAsync(['--db', db, 'mirror', 'linux-test', mirror, '--lore', base]);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /^linux-test: 2 epochs in .*mirror \(2 cloned\)$/m);
  assert.match(first.stdout, /3 messages: 3 new/);
  assert.deepEqual(readdirSync(join(mirror, 'git')).sort(), ['0.git', '1.git']);
  assert.deepEqual(ids(), ['a@example.org', 'b@example.org', 'c@example.org']);

  appendCommits(join(server, 'linux-test', '1'), [{ write: { m: message('d') } }]);
  makeRepo(join(server, 'linux-test', '2'), [{ write: { m: message('e') } }]);
  const second = await lorelabAsync(['--db', db, 'mirror', 'linux-test', mirror, '--json'], { env: { LORELAB_LORE: base } });
  assert.equal(second.status, 0, second.stderr);
  const report = JSON.parse(second.stdout) as { epochs: Array<{ epoch: number; action: string }>; ingest: { messages: number; new: number } };
  assert.deepEqual(report.epochs.map((e) => `${e.epoch}:${e.action}`), ['0:unchanged', '1:updated', '2:cloned']);
  assert.equal(report.ingest.new, 2);
  assert.equal(report.ingest.messages, 2, 'only the new commits are read');
  assert.deepEqual(ids(), ['a@example.org', 'b@example.org', 'c@example.org', 'd@example.org', 'e@example.org']);

  const third = await lorelabAsync(['--db', db, 'mirror', 'linux-test', mirror, '--lore', base]);
  assert.equal(third.status, 0, third.stderr);
  assert.match(third.stdout, /\(3 unchanged\)/);
  assert.match(third.stdout, /0 messages: 0 new/);
});

test('a list the server does not have is said plainly: exit 1, nothing left behind', async () => {
  const target = join(dir.path, 'nothing');
  const run = await lorelabAsync(['--db', join(dir.path, 'none.db'), 'mirror', 'no-such-list', target, '--lore', base]);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /^lorelab: no list "no-such-list" at file:\/\/.*server: file:\/\/.*\/no-such-list\/0 is not a git repository/m);
  assert.deepEqual(readdirSync(join(target, 'git')), []);
  assert.ok(!existsSync(join(dir.path, 'none.db')));
});
