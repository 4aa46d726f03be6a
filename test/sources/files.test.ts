import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { countExpected, detectFormat, readRaw, readSource } from '../../src/sources/index.js';
import { collect, message, rawText, reasons, tempDir } from './helpers.js';

const stdin = (text: string | Buffer) => Readable.from([Buffer.from(text)]);

test('a Maildir is read cur/ then new/, each sorted by name, tmp/ ignored', async (t) => {
  const dir = tempDir(t);
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'new', '1.b'), message('n1'));
  writeFileSync(join(dir, 'cur', '2.a:2,S'), message('c2'));
  writeFileSync(join(dir, 'cur', '1.a:2,S'), message('c1'));
  writeFileSync(join(dir, 'tmp', '0.x'), message('tmp'));
  assert.deepEqual(await detectFormat(dir), { format: 'maildir' });
  const items = await collect(readSource(dir));
  assert.deepEqual(items.map((i) => /message (\w+)/.exec(rawText(i))?.[1]), ['c1', 'c2', 'n1']);
  assert.equal(items[2].origin.locator, `file=new/1.b offset=0 length=${message('n1').length}`);
  assert.equal((await readRaw(items[1].origin)).toString(), message('c2'));
  assert.equal(await countExpected(dir), 3);
});

test('a single .eml is one message; an empty one is an error', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'one.eml'), message('e'));
  writeFileSync(join(dir, 'empty.eml'), '');
  assert.deepEqual(await detectFormat(join(dir, 'one.eml')), { format: 'eml' });
  const [item] = await collect(readSource(join(dir, 'one.eml')));
  assert.equal(rawText(item), message('e'));
  assert.equal((await readRaw(item.origin)).toString(), message('e'));
  const empty = await collect(readSource(join(dir, 'empty.eml'), { format: 'eml' }));
  assert.match(reasons(empty)[0], /empty\.eml.*empty file/);
});

test('stdin: an mbox (plain or gzip) is split, anything else is one message', async () => {
  const mbox = `From x Mon Sep 17 00:00:00 2001\n${message('s1')}\nFrom x Mon Sep 17 00:00:00 2001\n${message('s2')}`;
  for (const input of [mbox, gzipSync(Buffer.from(mbox))]) {
    const items = await collect(readSource('-', { stdin: stdin(input) }));
    assert.deepEqual(items.map((i) => i.kind), ['message', 'message']);
    assert.equal(items[0].origin.source, '-');
    assert.equal(items[0].origin.format, 'stdin');
  }
  const single = await collect(readSource('-', { stdin: stdin(message('only')) }));
  assert.deepEqual(single.map(rawText), [message('only')]);
  assert.match(reasons(await collect(readSource('-', { stdin: stdin('') })))[0], /empty input/);
  await assert.rejects(readRaw(single[0].origin), /stdin cannot be read again/);
});

test('unreadable, unknown and misfit paths each give one error naming the path', async (t) => {
  const dir = tempDir(t);
  const missing = join(dir, 'nope.mbox');
  const binary = join(dir, 'blob.bin');
  writeFileSync(binary, Buffer.from([0, 1, 2, 3, 200, 201]));
  const cases: Array<[string, object, RegExp]> = [
    [missing, {}, /cannot read.*ENOENT/],
    [binary, {}, /unknown format/],
    [dir, { format: 'mbox' }, /must be a file/],
    [binary, { format: 'maildir' }, /must be a directory/],
    [dir, { format: 'maildir' }, /not a Maildir/],
  ];
  for (const [path, options, reason] of cases) {
    const items = await collect(readSource(path, options));
    assert.equal(items.length, 1, path);
    assert.equal(items[0].kind, 'error');
    assert.match(reasons(items)[0], reason);
    assert.ok(reasons(items)[0].includes(path));
  }
  assert.equal(await countExpected(missing), null);
});
