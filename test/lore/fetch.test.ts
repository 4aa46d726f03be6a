// `lorelab fetch` against a lore-like HTTP server on 127.0.0.1 started here: whole threads,
// redirects, 404, a 500 then a 200, a dead server, truncated gzip, not gzip, oversized bodies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { lorelabAsync, tempDir } from '../helpers/corpus.js';
import { escapeMessageId, threadMboxUrl } from '../../src/lore/url.js';

function mail(id: string, subject: string, parent: string | null, body: string): string {
  return `From mboxrd@z Thu Jan  1 00:00:00 1970\nFrom: Dev <dev@example.org>\nDate: Tue, 2 Jan 2024 10:00:00 +0000\nSubject: ${subject}\n` +
    `Message-ID: <${id}>\n${parent ? `In-Reply-To: <${parent}>\nReferences: <${parent}>\n` : ''}\n${body}\n\n`;
}

const THREAD = gzipSync(mail('root/1@example.org', 'mm: fix a race', null, 'The race.\n>From the quoted side') + mail('reply-1@example.org', 'Re: mm: fix a race', 'root/1@example.org', 'Right.'));
const OTHER = gzipSync(mail('moved@example.org', 'other thread', null, 'Hello.'));
const requests: string[] = [];
let flakyCalls = 0;
let server: Server;
let base = '';
const dir = tempDir();

const routes: Record<string, (res: import('node:http').ServerResponse) => void> = {
  [`/all/${escapeMessageId('root/1@example.org')}/t.mbox.gz`]: (res) => res.end(THREAD),
  '/all/moved@example.org/t.mbox.gz': (res) => { res.writeHead(301, { location: '/new-home/moved.mbox.gz' }).end(); },
  '/new-home/moved.mbox.gz': (res) => res.end(OTHER),
  '/all/flaky@example.org/t.mbox.gz': (res) => {
    if (++flakyCalls === 1) res.writeHead(500).end('busy');
    else res.end(gzipSync(mail('flaky@example.org', 'flaky', null, 'Eventually.')));
  },
  '/all/truncated@example.org/t.mbox.gz': (res) => {
    const whole = gzipSync(mail('truncated@example.org', 'cut', null, 'x'.repeat(5000)));
    res.end(whole.subarray(0, Math.floor(whole.length / 2)));
  },
  '/all/forbidden-503-x@example.org/t.mbox.gz': (res) => res.writeHead(403).end('go away'),
  '/all/html@example.org/t.mbox.gz': (res) => res.end('<html>rate limited</html>'),
  '/all/huge@example.org/t.mbox.gz': (res) => res.end(Buffer.alloc(50_000, 1)),
  '/all/huge-chunked@example.org/t.mbox.gz': (res) => {
    res.writeHead(200, { 'transfer-encoding': 'chunked' });
    for (let i = 0; i < 50; i++) res.write(Buffer.alloc(1000, 1));
    res.end();
  },
};

before(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const route = routes[req.url ?? ''];
    if (route) route(res);
    else res.writeHead(404).end('no such thread');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((resolve) => server.close(resolve));
  dir.cleanup();
});

const fetch = (db: string, ...args: string[]) =>
  lorelabAsync(['--db', join(dir.path, db), 'fetch', '--retry-wait', '20', ...args], { env: { LORELAB_LORE: base } });
const count = (db: string, sql: string) => new Database(join(dir.path, db), { readonly: true }).prepare(sql).pluck().get();

test('a thread is fetched whole (Message-ID escaped as public-inbox does), kept as mboxrd and ingested', async () => {
  assert.equal(threadMboxUrl('https://lore.kernel.org/', 'a/b@c'), 'https://lore.kernel.org/all/a%2Fb@c/t.mbox.gz');
  const run = await fetch('one.db', '<root/1@example.org>');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /fetched <root\/1@example.org>: 2 messages/);
  assert.match(run.stdout, /2 messages: 2 new/);
  assert.equal(count('one.db', "select count(*) from messages where is_stub = 0"), 2);
  assert.equal(count('one.db', "select count(distinct thread) from messages where is_stub = 0"), 1);
  const kept = readdirSync(join(dir.path, 'lorelab-threads'));
  assert.deepEqual(kept, ['root%2F1@example.org.t.mboxrd.gz']);
  const raw = await lorelabAsync(['--db', join(dir.path, 'one.db'), 'raw', 'root/1@example.org']);
  assert.match(raw.stdout, /\nThe race\.\nFrom the quoted side/, 'read back as mboxrd: >From unquoted');
  const again = await fetch('one.db', 'root/1@example.org');
  assert.equal(again.status, 0, again.stderr);
  assert.equal(count('one.db', 'select count(*) from messages where is_stub = 0'), 2, 'a second fetch stores nothing twice');
});

test('redirects are followed; a lore URL argument names its own server', async () => {
  const run = await lorelabAsync(['--db', join(dir.path, 'moved.db'), 'fetch', `${base}/linux-mm/moved@example.org/T/#u`]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(count('moved.db', "select subject from messages where message_id = 'moved@example.org'"), 'other thread');
});

test('404 is a clear message and exit 1; the other threads are still fetched', async () => {
  const run = await fetch('missing.db', 'nowhere@example.org', 'flaky@example.org');
  assert.equal(run.status, 1);
  assert.match(run.stderr, /^lorelab: http:\/\/127\.0\.0\.1:\d+\/all\/nowhere@example.org\/t\.mbox\.gz: not found \(HTTP 404\) — no thread with Message-ID <nowhere@example.org> there$/m);
  assert.match(run.stderr, /lorelab: .*flaky@example.org.*HTTP 500.*; retry 1 of 3 in 0\.0 s/, 'a 500 is retried');
  assert.equal(count('missing.db', "select count(*) from messages where message_id = 'flaky@example.org'"), 1);
  assert.equal(requests.filter((r) => r.includes('nowhere')).length, 1, '404 is not retried');
  const forbidden = await fetch('forbidden.db', 'forbidden-503-x@example.org');
  assert.equal(forbidden.status, 1);
  assert.match(forbidden.stderr, /^lorelab: .*forbidden-503-x@example.org\/t\.mbox\.gz: HTTP 403 Forbidden$/m);
  assert.equal(requests.filter((r) => r.includes('forbidden')).length, 1, 'a 4xx is not retried (whatever the URL holds)');
});

test('a server that never answers: retries with backoff, then a clear message', async () => {
  const dead = createServer();
  await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
  const port = (dead.address() as AddressInfo).port;
  await new Promise((resolve) => dead.close(resolve));
  const run = await lorelabAsync(['--db', join(dir.path, 'dead.db'), 'fetch', '--lore', `http://127.0.0.1:${port}`, '--retries', '2', '--retry-wait', '20', 'x@example.org']);
  assert.equal(run.status, 1);
  assert.equal(run.stderr.match(/; retry \d of 2 in/g)?.length, 2);
  assert.match(run.stderr, /^lorelab: http:\/\/127\.0\.0\.1:\d+\/all\/x@example.org\/t\.mbox\.gz: ECONNREFUSED.* \(gave up after 3 attempts\)$/m);
  assert.ok(!existsSync(join(dir.path, 'dead.db')) || count('dead.db', 'select count(*) from messages') === 0);
});

test('truncated gzip, not gzip, and oversized bodies are reported and nothing is kept', async () => {
  const run = await fetch('bad.db', '--max-bytes', '20000', 'truncated@example.org', 'html@example.org', 'huge@example.org', 'huge-chunked@example.org');
  assert.equal(run.status, 1);
  assert.match(run.stderr, /truncated@example.org\/t\.mbox\.gz: damaged gzip/);
  assert.match(run.stderr, /html@example.org\/t\.mbox\.gz: the response is not gzip \(25 bytes, starting "<html>/);
  assert.match(run.stderr, /huge@example.org\/t\.mbox\.gz: 50000 bytes, more than the 20000 allowed/);
  assert.match(run.stderr, /huge-chunked@example.org\/t\.mbox\.gz: more than the 20000 bytes allowed/);
  const kept = existsSync(join(dir.path, 'lorelab-threads')) ? readdirSync(join(dir.path, 'lorelab-threads')) : [];
  assert.ok(kept.every((name) => !/truncated|html|huge|partial/.test(name)), kept.join(', '));
  assert.ok(!existsSync(join(dir.path, 'bad.db')) || count('bad.db', 'select count(*) from messages') === 0);
});
