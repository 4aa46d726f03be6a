import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readRaw, readSource } from '../../src/sources/index.js';
import { MboxSplitter, type MboxPart } from '../../src/sources/mbox/split.js';
import { collect, rawText, reasons, tempDir } from './helpers.js';

const FROM_LINE = 'From mboxrd@z Thu Jan  1 00:00:00 1970\n';
const msg = (id: string, body: string) => `Message-ID: <${id}@x>\nSubject: ${id}\n\n${body}`;

function split(input: Buffer, chunkSize: number, quoting: 'mboxo' | 'mboxrd' = 'mboxo'): MboxPart[] {
  const splitter = new MboxSplitter(quoting);
  const parts: MboxPart[] = [];
  for (let at = 0; at < input.length; at += chunkSize) parts.push(...splitter.push(input.subarray(at, at + chunkSize)));
  parts.push(...splitter.finish());
  return parts;
}

const SAMPLE = FROM_LINE + msg('a', 'one\n>From the start\n>>From deeper\n') + '\n' + FROM_LINE + msg('b', 'two\n') + '\n';

test('chunk size never changes how an mbox is cut (1 byte up to the whole file)', () => {
  const input = Buffer.from(SAMPLE);
  const whole = split(input, input.length);
  assert.equal(whole.length, 2);
  for (const size of [1, 2, 5, 17, 64]) assert.deepEqual(split(input, size), whole);
});

test('offsets and lengths point at the message bytes, without the From_ line and separator', () => {
  const input = Buffer.from(SAMPLE);
  for (const part of split(input, 7)) {
    assert.equal(part.kind, 'message');
    if (part.kind !== 'message') continue;
    assert.deepEqual(input.subarray(part.offset, part.offset + part.length), part.raw);
    assert.ok(part.raw.toString().startsWith('Message-ID:'));
    assert.ok(!part.raw.toString().endsWith('\n\n'));
  }
});

test('mboxrd leaves alone what is not a quoted From_ line (indented, or no space after From)', () => {
  const body = ' >From indented\n From also indented\n>From\n>Fromage\n';
  const [part] = split(Buffer.from(FROM_LINE + msg('a', body)), 3, 'mboxrd');
  assert.ok(part.kind === 'message' && part.raw.toString().endsWith(body));
});

test('mboxrd unquotes every >From level by one; mboxo keeps the bytes', () => {
  const rd = split(Buffer.from(SAMPLE), 9, 'mboxrd')[0];
  const o = split(Buffer.from(SAMPLE), 9, 'mboxo')[0];
  assert.ok(rd.kind === 'message' && o.kind === 'message');
  assert.match(rd.raw.toString(), /\nFrom the start\n>From deeper\n$/);
  assert.match(o.raw.toString(), /\n>From the start\n>>From deeper\n$/);
});

test('the reader detects mboxrd from >>From lines, and readRaw unquotes the same way', async (t) => {
  const file = join(tempDir(t), 'thread.mbox');
  writeFileSync(file, SAMPLE);
  const items = await collect(readSource(file));
  assert.deepEqual(items.map((i) => i.kind), ['message', 'message']);
  assert.match(items[0].origin.locator, /^offset=\d+ length=\d+ quoting=mboxrd$/);
  assert.match(rawText(items[0]), /\nFrom the start\n/);
  assert.equal((await readRaw(items[0].origin)).toString(), rawText(items[0]));
});

test('a From line in the body after a non-blank line is text unless it looks like a real From_ line', () => {
  const input = Buffer.from(`${FROM_LINE}${msg('a', 'x\nFrom here on, text\n')}From abc Mon Sep 17 00:00:00 2001\n${msg('b', 'y\n')}`);
  const parts = split(input, 11);
  assert.equal(parts.length, 2);
  assert.ok(parts[0].kind === 'message' && /From here on, text/.test(parts[0].raw.toString()));
});

test('CRLF mboxes split the same way, keeping CRLF inside messages', () => {
  const crlf = Buffer.from(SAMPLE.replace(/\n/g, '\r\n'));
  const parts = split(crlf, 5);
  assert.equal(parts.length, 2);
  assert.ok(parts[1].kind === 'message' && parts[1].raw.toString() === msg('b', 'two\n').replace(/\n/g, '\r\n'));
});

test('gzip is recognised by its magic bytes, whatever the name; readRaw decompresses to the offset', async (t) => {
  const file = join(tempDir(t), 'archive.bin');
  writeFileSync(file, gzipSync(Buffer.from(SAMPLE)));
  const items = await collect(readSource(file));
  assert.deepEqual(items.map((i) => i.kind), ['message', 'message']);
  assert.equal(items[0].origin.format, 'mbox');
  assert.equal((await readRaw(items[1].origin)).toString(), msg('b', 'two\n'));
});

test('a truncated gzip yields what arrived and an error saying the input ended early', async (t) => {
  const file = join(tempDir(t), 'cut.mbox.gz');
  const big = FROM_LINE + msg('a', 'one\n') + '\n' + FROM_LINE + msg('b', 'x'.repeat(50000) + '\n');
  const packed = gzipSync(Buffer.from(big));
  writeFileSync(file, packed.subarray(0, packed.length - 20));
  const items = await collect(readSource(file));
  assert.equal(items[0].kind, 'message');
  assert.match(reasons(items).join('\n'), /input ended early.*incomplete/);
  assert.ok(reasons(items)[0].includes(file));
});

test('a missing final newline: the last message is kept and flagged as possibly truncated', async (t) => {
  const file = join(tempDir(t), 'cut.mbox');
  writeFileSync(file, FROM_LINE + msg('a', 'one\n') + '\n' + FROM_LINE + 'Message-ID: <b@x>\nSubj');
  const items = await collect(readSource(file));
  assert.deepEqual(items.map((i) => i.kind), ['message', 'message', 'error']);
  assert.equal(rawText(items[1]), 'Message-ID: <b@x>\nSubj');
  assert.match(reasons(items)[0], /ends mid-line.*may be truncated/);
});

test('garbage before the first From line and empty messages are reported, not dropped silently', () => {
  const parts = split(Buffer.from(`junk line\n\n${FROM_LINE}\n${FROM_LINE}${msg('a', 'x\n')}`), 4);
  assert.deepEqual(parts.map((p) => p.kind), ['problem', 'problem', 'message']);
  assert.ok(parts[0].kind === 'problem' && /before the first From line/.test(parts[0].reason));
  assert.ok(parts[1].kind === 'problem' && /empty message/.test(parts[1].reason));
});

test('a 20 MB single-line body comes out whole, in one message, from 64 KB chunks', () => {
  const line = 'A'.repeat(20 * 1024 * 1024);
  const input = Buffer.from(`${FROM_LINE}${msg('big', line + '\n')}\n${FROM_LINE}${msg('next', 'n\n')}`);
  const parts = split(input, 64 * 1024);
  assert.equal(parts.length, 2);
  assert.ok(parts[0].kind === 'message' && parts[0].raw.length === msg('big', line + '\n').length);
});
