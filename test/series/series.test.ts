import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.js';
import { rebuildSeries } from '../../src/passes/series-pass.js';
import { findQuery, runNamedQuery } from '../../src/query/named.js';
import { openDatabase, type DB } from '../../src/store/open.js';
import { tempDir } from '../helpers/corpus.js';
import { diffIn, mbox, type TestMail } from './mail.js';

const v1: TestMail[] = [
  { id: 'c1@x', subject: '[PATCH 0/3] foo: make bar faster', date: 'Mon, 1 Jan 2024 10:00:00 +0000', body: 'This series makes bar faster.\n\nAnn' },
  { id: 'p1@x', subject: '[PATCH 1/3] foo: one', date: 'Mon, 1 Jan 2024 10:00:01 +0000', inReplyTo: 'c1@x', body: `One.\n\n${diffIn('one', '1', '11')}` },
  { id: 'p2@x', subject: '[PATCH 2/3] foo: two', date: 'Mon, 1 Jan 2024 10:00:02 +0000', inReplyTo: 'c1@x', body: `Two.\n\n${diffIn('two', '2', '22')}` },
  { id: 'p3@x', subject: '[PATCH 3/3] foo: three', date: 'Mon, 1 Jan 2024 10:00:03 +0000', inReplyTo: 'c1@x', body: `Three.\n\n${diffIn('three', '3', '33')}` },
  { id: 'r2@x', subject: 'Re: [PATCH 2/3] foo: two', from: 'Rev Viewer <rev@example.org>', date: 'Tue, 2 Jan 2024 09:00:00 +0000', inReplyTo: 'p2@x',
    body: 'On Mon, Ann Author wrote:\n> Two.\n> Signed-off-by: Ann Author <ann@example.org>\n> Reviewed-by: Not Me <quoted@example.org>\n\nLooks right.\n\nReviewed-by: Rev Viewer <rev@example.org>\n' },
];
// v2 in a thread of its own; its part 2 never reached the list.
const v2: TestMail[] = [
  { id: 'c2@x', subject: '[PATCH v2 0/3] foo: make bar faster', date: 'Mon, 8 Jan 2024 10:00:00 +0000', body: 'v2: fewer branches.\n\nAnn' },
  { id: 'q1@x', subject: '[PATCH v2 1/3] foo: one', date: 'Mon, 8 Jan 2024 10:00:01 +0000', inReplyTo: 'c2@x', body: `One.\n\n${diffIn('one', '1', '111')}` },
  { id: 'q3@x', subject: '[PATCH v2 3/3] foo: three', date: 'Mon, 8 Jan 2024 10:00:03 +0000', inReplyTo: 'c2@x', body: `Three.\n\n${diffIn('three', '3', '333')}` },
  { id: 'a2@x', subject: 'Re: [PATCH v2 0/3] foo: make bar faster', from: 'Ack Er <acker@example.org>', date: 'Tue, 9 Jan 2024 09:00:00 +0000', inReplyTo: 'c2@x',
    body: 'For the series:\n\nAcked-by: Ack Er <acker@example.org>\n' },
];

async function withArchive(mails: TestMail[], check: (db: DB) => void | Promise<void>): Promise<void> {
  const dir = tempDir('lorelab-series-');
  const db = openDatabase(join(dir.path, 'series.db'));
  try {
    writeFileSync(join(dir.path, 'list.mbox'), mbox(mails));
    await ingest(db, [join(dir.path, 'list.mbox')]);
    rebuildSeries(db);
    await check(db);
  } finally {
    db.close();
    dir.cleanup();
  }
}

const query = (db: DB, name: string, params: Record<string, string>) => runNamedQuery(db, findQuery(name), params);

test('a cover letter and its three patches are one complete series; v2 in another thread is its next version', async () => {
  await withArchive([...v1, ...v2], (db) => {
    const parts = query(db, 'series', { message_id: 'p2@x' });
    assert.deepEqual(parts.map((r) => [r.part, r.status, r.message_id]), [[0, 'cover', 'c1@x'], [1, 'patch', 'p1@x'], [2, 'patch', 'p2@x'], [3, 'patch', 'p3@x']]);
    assert.equal(parts[0].version, 1);
    // From a reply below a patch, the same series.
    assert.equal(query(db, 'series', { message_id: 'r2@x' }).length, 4);
    const versions = query(db, 'versions', { message_id: 'q3@x' });
    assert.deepEqual(versions.map((r) => [r.version, r.cover_message_id, r.linked_by]), [[1, 'c1@x', null], [2, 'c2@x', 'title']]);
  });
});

test('an incomplete series reports its missing part', async () => {
  await withArchive([...v1, ...v2], (db) => {
    const rows = query(db, 'series', { message_id: 'c2@x' });
    assert.deepEqual(rows.map((r) => [r.part, r.status]), [[0, 'cover'], [1, 'patch'], [2, 'missing'], [3, 'patch']]);
    const series = db.prepare("SELECT missing_parts, complete FROM series WHERE cover_message_id = 'c2@x'").get();
    assert.deepEqual(series, { missing_parts: '[2]', complete: 0 });
  });
});

test('a Reviewed-by in a reply lands on the patch it answers; an Acked-by on a cover on every patch of the series', async () => {
  await withArchive([...v1, ...v2], (db) => {
    const given = db.prepare(`SELECT t.name, t.person_email, t.message_id, p.message_id AS patch FROM trailers t JOIN patches p ON p.id = t.patch
        WHERE t.in_reply = 1 ORDER BY p.message_id`).all();
    assert.deepEqual(given, [
      { name: 'Reviewed-by', person_email: 'rev@example.org', message_id: 'r2@x', patch: 'p2@x' },
      { name: 'Acked-by', person_email: 'acker@example.org', message_id: 'a2@x', patch: 'q1@x' },
      { name: 'Acked-by', person_email: 'acker@example.org', message_id: 'a2@x', patch: 'q3@x' },
    ]);
  });
});

test('reviews --fn and patches-touching --file/--kind find the reviewed patches', async () => {
  await withArchive([...v1, ...v2], (db) => {
    const reviews = query(db, 'reviews', { fn: 'two' });
    assert.deepEqual(reviews.map((r) => [r.reviewer, r.trailer, r.patch_message_id, r.given_in, r.in_reply]), [['Rev Viewer', 'Reviewed-by', 'p2@x', 'r2@x', 1]]);
    assert.deepEqual(query(db, 'reviews', { fn: 'three' }).map((r) => [r.email, r.patch_message_id]), [['acker@example.org', 'q3@x']]);
    assert.equal(query(db, 'reviews', { file: 'f.c' }).length, 3);
    const touching = query(db, 'patches-touching', { file: 'f.c', kind: 'function' });
    assert.deepEqual(touching.map((r) => r.message_id), ['p1@x', 'p2@x', 'p3@x', 'q1@x', 'q3@x']);
    assert.match(String(touching[1].reviewed_by), /Reviewed-by: Rev Viewer/);
    assert.equal(query(db, 'patches-touching', { file: 'f.c', kind: 'struct' }).length, 0);
  });
});

test('the series pass is idempotent and never throws on odd rows', async () => {
  await withArchive([...v1, ...v2], (db) => {
    const count = () => db.prepare('SELECT (SELECT count(*) FROM series) AS s, (SELECT count(*) FROM trailers WHERE in_reply = 1) AS t').get();
    const before = count();
    rebuildSeries(db);
    assert.deepEqual(count(), before);
  });
});

test('grouped author by author (buckets of one), the series pass finds what it finds all at once; a Change-Id joins two authors', async () => {
  const takenOver: TestMail[] = [
    { id: 'k1@x', subject: '[PATCH 0/1] baz: tidy qux', date: 'Mon, 1 Jan 2024 10:00:00 +0000', body: 'Tidy.\n\nChange-Id: 20240101-baz-qux-1a2b\n' },
    { id: 'k2@x', subject: '[PATCH 1/1] baz: tidy qux', date: 'Mon, 1 Jan 2024 10:00:01 +0000', inReplyTo: 'k1@x', body: `Tidy.\n\n${diffIn('qux', '1', '2')}` },
    // Someone else carries the series on: other author, other title, the same Change-Id.
    { id: 'k3@x', subject: '[PATCH v2 0/1] baz: clean up qux', from: 'Other Person <other@example.org>', date: 'Mon, 5 Feb 2024 10:00:00 +0000',
      body: 'Taking this over.\n\nChange-Id: 20240101-baz-qux-1a2b\n' },
    { id: 'k4@x', subject: '[PATCH v2 1/1] baz: clean up qux', from: 'Other Person <other@example.org>', date: 'Mon, 5 Feb 2024 10:00:01 +0000',
      inReplyTo: 'k3@x', body: `Tidy.\n\n${diffIn('qux', '1', '3')}` },
  ];
  await withArchive([...v1, ...v2, ...takenOver], (db) => {
    const found = () => db.prepare(`SELECT s.title, s.version, s.complete, s.lineage_position,
        (SELECT group_concat(message_id, ' ') FROM (SELECT message_id FROM series_messages WHERE series = s.id ORDER BY message_id)) AS members,
        (SELECT min(message_id) FROM series_messages WHERE series = s.lineage) AS lineage
      FROM series s ORDER BY members`).all();
    const together = found();
    const lineageOf = (id: string) => (together as Array<{ members: string; lineage: string }>).find((s) => s.members.includes(id))!.lineage;
    assert.equal(lineageOf('k3@x'), lineageOf('k1@x'), 'the Change-Id ties the two authors\' postings');
    assert.equal(lineageOf('c2@x'), lineageOf('c1@x'));

    const summary = rebuildSeries(db, { bucketRows: 1 });
    assert.equal(summary.series, 4);
    assert.deepEqual(found(), together);
  });
});

test('a series renamed between versions stays one lineage; an unrelated next version of the same author does not join it', async () => {
  const post = (id: string, version: number, title: string, day: number, fn: string): TestMail => ({
    id, subject: `[PATCH${version > 1 ? ` v${version}` : ''}] ${title}`, date: `Mon, ${day} Dec 2019 10:00:00 +0000`, body: `Helper.\n\n${diffIn(fn, String(version), String(version + 10))}`,
  });
  const mails = [
    post('d1@x', 1, 'fs: introduce is_dot_dotdot helper for cleanup', 2, 'lookup'),
    post('d2@x', 2, 'fs: introduce is_dot_dotdot helper for cleanup', 4, 'lookup'),
    post('d3@x', 3, 'fs: introduce is_dot_dotdot helper for cleanup', 6, 'lookup'),
    post('d4@x', 4, 'fs: introduce is_dot_or_dotdot helper for cleanup', 10, 'lookup'),
    // The same author's v2 of something else: another subsystem, other words.
    post('e1@x', 1, 'mm: drop the unused foo argument', 3, 'other'),
    post('e2@x', 2, 'mm: drop the unused foo argument', 5, 'other'),
    post('f3@x', 3, 'mm: make the shrinker lockless', 9, 'third'),
  ];
  await withArchive(mails, (db) => {
    const versions = query(db, 'versions', { message_id: 'd4@x' });
    assert.deepEqual(versions.map((r) => [r.version, r.first_message_id, r.linked_by]), [[1, 'd1@x', null], [2, 'd2@x', 'title'], [3, 'd3@x', 'title'], [4, 'd4@x', 'renamed']]);
    assert.deepEqual(query(db, 'versions', { message_id: 'f3@x' }).map((r) => r.first_message_id), ['f3@x'], 'a v3 under other words stays alone');
    assert.deepEqual(query(db, 'versions', { message_id: 'e2@x' }).map((r) => r.first_message_id), ['e1@x', 'e2@x']);
  });
});
