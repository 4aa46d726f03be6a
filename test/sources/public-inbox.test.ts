import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countExpected, detectFormat, readRaw, readSource } from '../../src/sources/index.js';
import { BlobReader } from '../../src/sources/git/cat-file.js';
import { appendCommits, collect, commitsOf, makeRepo, message, rawText, reasons, tempDir } from './helpers.js';

test('a v2 inbox is read epoch by epoch in numeric order, with m as messages and d as deletions', async (t) => {
  const inbox = tempDir(t);
  // Epochs 2 and 10: a string sort would put 10 first.
  makeRepo(join(inbox, 'git', '10.git'), [{ write: { m: message('late') } }]);
  const early = makeRepo(join(inbox, 'git', '2.git'), [
    { write: { m: message('first') } },
    { write: { m: message('second') } },
    { remove: ['m'], write: { d: message('first') } },
  ]);
  assert.deepEqual(await detectFormat(inbox), { format: 'public-inbox-v2' });
  const items = await collect(readSource(inbox));
  assert.deepEqual(
    items.map((i) => `${i.kind}:${/Message-ID: <(\w+)@/.exec(rawText(i))?.[1]}`),
    ['message:first', 'message:second', 'delete:first', 'message:late'],
  );
  assert.match(items[1].origin.locator, new RegExp(`^epoch=2 commit=${early[1]} blob=[0-9a-f]{40}$`));
  assert.match(items[3].origin.locator, /^epoch=10 /);
  assert.equal(items[0].origin.source, inbox);
  assert.equal(await countExpected(inbox), 4);
});

test('readRaw fetches the exact blob back from an inbox or a single epoch', async (t) => {
  const inbox = tempDir(t);
  const text = message('x', 'caf\u00e9\r\n');
  makeRepo(join(inbox, 'git', '0.git'), [{ write: { m: text } }]);
  for (const path of [inbox, join(inbox, 'git', '0.git')]) {
    const [item] = await collect(readSource(path));
    assert.equal(item.kind, 'message');
    assert.equal((await readRaw(item.origin)).toString('utf8'), text);
  }
});

test('sinceCommit reads only later commits, and newestCommit reports where the read ended', async (t) => {
  const epoch = join(tempDir(t), '0.git');
  makeRepo(epoch, [{ write: { m: message('a') } }, { write: { m: message('b') } }]);
  const first = readSource(epoch);
  assert.equal((await collect(first)).length, 2);
  const [, second] = commitsOf(epoch);
  assert.deepEqual(first.newestCommit, { 0: second });

  const unchanged = readSource(epoch, { sinceCommit: first.newestCommit });
  assert.deepEqual(await collect(unchanged), []);
  assert.equal(await countExpected(epoch, { sinceCommit: first.newestCommit }), 0);

  appendCommits(epoch, [{ write: { m: message('c') } }]);
  const later = readSource(epoch, { sinceCommit: first.newestCommit });
  const items = await collect(later);
  assert.deepEqual(items.map(rawText).map((r) => /message (\w)/.exec(r)?.[1]), ['c']);
  assert.equal(later.newestCommit[0], commitsOf(epoch)[2]);
});

test('a recorded commit that the epoch no longer has: an error, then the whole epoch', async (t) => {
  const epoch = join(tempDir(t), '0.git');
  makeRepo(epoch, [{ write: { m: message('a') } }]);
  const items = await collect(readSource(epoch, { sinceCommit: { 0: 'f'.repeat(40) } }));
  assert.equal(items.length, 2);
  assert.match(reasons(items)[0], /not in the history/);
  assert.equal(items[1].kind, 'message');
});

test('a small lookahead still yields every message in order', async (t) => {
  const epoch = join(tempDir(t), '0.git');
  const ids = Array.from({ length: 30 }, (_, i) => `n${i}`);
  makeRepo(epoch, ids.map((id) => ({ write: { m: message(id) } })));
  for (const lookahead of [1, 7]) {
    const items = await collect(readSource(epoch, { lookahead }));
    assert.deepEqual(items.map((i) => /Message-ID: <(\w+)@/.exec(rawText(i))?.[1]), ids);
  }
});

test('the blob reader answers every request in order, whether asked for at once or one at a time', async (t) => {
  const epoch = join(tempDir(t), '0.git');
  const ids = Array.from({ length: 100 }, (_, i) => `b${i}`);
  makeRepo(epoch, ids.map((id) => ({ write: { m: message(id) } })));
  const blobs = (await collect(readSource(epoch))).map((i) => /blob=(\w+)/.exec(i.origin.locator)![1]);
  const reader = new BlobReader(epoch);
  try {
    // Far more than one batch at once, with an id git does not have in the middle.
    const asked = [...blobs.slice(0, 50), 'f'.repeat(40), ...blobs.slice(50)];
    const answers = await Promise.all(asked.map((sha) => reader.read(sha)));
    assert.equal(answers[50], null);
    const got = answers.filter((a): a is Buffer => a !== null).map((a) => /Message-ID: <(\w+)@/.exec(a.toString())?.[1]);
    assert.deepEqual(got, ids);
    // One at a time: each awaited answer must come without more requests behind it.
    for (const [k, sha] of blobs.slice(0, 5).entries()) assert.match((await reader.read(sha))!.toString(), new RegExp(`<${ids[k]}@`));
  } finally {
    reader.close();
  }
});

test('stopping early ends the git processes without hanging', async (t) => {
  const epoch = join(tempDir(t), '0.git');
  makeRepo(epoch, Array.from({ length: 20 }, (_, i) => ({ write: { m: message(`s${i}`) } })));
  let seen = 0;
  for await (const item of readSource(epoch, { lookahead: 4 })) {
    assert.equal(item.kind, 'message');
    if (++seen === 3) break;
  }
  assert.equal(seen, 3);
});

test('public-inbox v1: hash-named files are messages, removed files are deletions', async (t) => {
  const repo = join(tempDir(t), 'v1.git');
  const a = `ab/${'c'.repeat(38)}`;
  const b = `de/${'f'.repeat(38)}`;
  const commits = makeRepo(repo, [{ write: { [a]: message('one') } }, { write: { [b]: message('two') } }, { remove: [a] }]);
  assert.deepEqual(await detectFormat(repo), { format: 'public-inbox-v1' });
  const items = await collect(readSource(repo));
  assert.deepEqual(items.map((i) => i.kind), ['message', 'message', 'delete']);
  assert.match(rawText(items[2]), /message one/);
  assert.match(items[2].origin.locator, new RegExp(`^commit=${commits[2]} blob=[0-9a-f]{40} path=${a}$`));
  assert.equal((await readRaw(items[1].origin)).toString(), message('two'));
});

test('a directory that is not git, forced as an inbox, gives one error naming it', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'plain'));
  writeFileSync(join(dir, 'plain', 'notes.txt'), 'hello');
  const target = join(dir, 'plain');
  const detected = await detectFormat(target);
  assert.equal(detected.format, null);
  for (const format of ['public-inbox-v2', 'public-inbox-v1'] as const) {
    const items = await collect(readSource(target, { format }));
    assert.equal(items.length, 1);
    assert.equal(items[0].kind, 'error');
    assert.ok(reasons(items)[0].includes(target));
    assert.match(reasons(items)[0], /not a (public-inbox|git repository)/);
  }
  const undetected = await collect(readSource(target));
  assert.match(reasons(undetected)[0], /neither a public-inbox/);
});
