// The discussion-graph analyses over a real public-inbox v2 inbox: every message parsed (mailparser),
// segmented, its quotes attributed (ancestry from the threading), mentions found, people
// normalised, and the whole inbox threaded. Prints timings and what was found.
//   node --import tsx bench/dev/archive-threads.ts /work/shared/data/lore/linux-fscrypt
// (Belongs in bench/ once the lead moves it; it is not a test.)
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseMail } from '../../src/mail/parse.js';
import type { Mail } from '../../src/mail/types.js';
import { segmentBody, type Segment } from '../../src/mail/segment/index.js';
import { attributeQuotes, type Ancestor } from '../../src/mail/quotes/index.js';
import { findMentions } from '../../src/mail/mentions/index.js';
import { normalisePeople } from '../../src/mail/people/index.js';
import { threadMessages } from '../../src/thread/index.js';

const inbox = process.argv[2];
if (!inbox) {
  console.error('usage: bench/dev/archive-threads.ts <public-inbox v2 dir>');
  process.exit(2);
}

async function readBlobs(gitDir: string): Promise<Buffer[]> {
  const commits = execFileSync('git', ['--git-dir', gitDir, 'rev-list', '--all'], { maxBuffer: 1 << 28 }).toString().trim().split('\n');
  const child = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch']);
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  child.stdin.end(commits.map((c) => `${c}:m\n`).join(''));
  await new Promise((resolve) => child.on('close', resolve));
  const all = Buffer.concat(chunks);
  const blobs: Buffer[] = [];
  for (let at = 0; at < all.length; ) {
    const eol = all.indexOf(10, at);
    const header = all.subarray(at, eol).toString().split(' ');
    if (header[1] !== 'blob') { at = eol + 1; continue; }
    const size = Number(header[2]);
    blobs.push(all.subarray(eol + 1, eol + 1 + size));
    at = eol + 1 + size + 1;
  }
  return blobs;
}

const time = async <T>(label: string, work: () => T | Promise<T>): Promise<T> => {
  const start = performance.now();
  const result = await work();
  console.log(`${label}: ${(performance.now() - start).toFixed(0)} ms`);
  return result;
};

const blobs = await time('read blobs', () => readBlobs(join(inbox, 'git', '0.git')));
const mails: Mail[] = await time(`parse ${blobs.length} mails`, () => Promise.all(blobs.map((b) => parseMail(b))));
const segments: Segment[][] = await time('segmentBody', () => mails.map((m) => segmentBody(m.text)));
const threads = await time('threadMessages', () =>
  threadMessages(mails.map((m) => ({
    messageId: m.messageId, inReplyTo: m.inReplyTo, references: m.references, subject: m.subject, date: m.date,
    author: m.from?.email ?? null, hasPatch: false,
  }))));
const byId = new Map(mails.map((m) => [m.messageId, m]));
const parentOf = new Map(threads.messages.map((t) => [t.messageId, t.parentMessageId]));
const ancestry = (id: string): Ancestor[] => {
  const out: Ancestor[] = [];
  for (let p = parentOf.get(id); p && out.length < 50; p = parentOf.get(p)) {
    const m = byId.get(p);
    out.push({ messageId: p, authorName: m?.from?.name ?? null, authorEmail: m?.from?.email ?? null, date: m?.date ?? null });
  }
  return out;
};
const quotes = await time('attributeQuotes', () => mails.map((m, i) => attributeQuotes(m, ancestry(m.messageId), segments[i])));
const mentions = await time('findMentions', () => mails.map((m, i) => findMentions(m.subject, segments[i])));
const people = await time('normalisePeople', () => normalisePeople(mails.map((m) => ({ name: m.from?.name ?? null, email: m.from?.email ?? null, date: m.date }))));

const kinds = new Map<string, number>();
for (const list of segments) for (const s of list) kinds.set(s.kind, (kinds.get(s.kind) ?? 0) + 1);
const rows = quotes.flatMap((q) => q.quotes);
const resolution = new Map<string, number>();
for (const r of rows) resolution.set(r.resolution, (resolution.get(r.resolution) ?? 0) + 1);
const problemKinds = new Map<string, number>();
for (const p of threads.problems) problemKinds.set(p.kind, (problemKinds.get(p.kind) ?? 0) + 1);
console.log('segments by kind', Object.fromEntries(kinds));
console.log(`quote rows ${rows.length}`, Object.fromEntries(resolution), `reply edges ${quotes.reduce((n, q) => n + q.edges.length, 0)}`);
console.log(`mentions ${mentions.reduce((n, m) => n + m.length, 0)}; threads ${threads.threads.length}, nodes ${threads.messages.length}`, Object.fromEntries(problemKinds));
console.log(`people ${people.people.length}, problems ${people.problems.length}`);
