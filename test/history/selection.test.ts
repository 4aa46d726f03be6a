// Selection on a small archive ingested by the real pipeline: patches touching the function
// and people's own prose qualify; a quotation, a robot's build log and a robot-only thread do
// not. Versions of one series are one entry; only exchanges about the function are kept.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.js';
import { openDatabase, type DB } from '../../src/store/open.js';
import { loadHistoryInput } from '../../src/history/load/load.js';
import { renderHistoryMarkdown } from '../../src/history/document.js';
import { renderHistoryJson } from '../../src/history/json.js';

let dir: string;
let db: DB;

function mail(h: { id: string; from: string; date: string; subject: string; reply?: string }, body: string): string {
  return [`From lorelab@test ${h.date}`, `From: ${h.from}`, `Subject: ${h.subject}`, `Date: ${h.date}`, `Message-ID: <${h.id}>`,
    ...(h.reply ? [`In-Reply-To: <${h.reply}>`, `References: <${h.reply}>`] : []), '', body, ''].join('\n');
}

const diff = (added: string) => `---
 mm/foo.c | 2 ++
 1 file changed, 2 insertions(+)

diff --git a/mm/foo.c b/mm/foo.c
index 1111111..2222222 100644
--- a/mm/foo.c
+++ b/mm/foo.c
@@ -10,6 +10,8 @@ static int foo_bar(struct page *page)
 {
 	int ret;
 
+	spin_lock(&page_lock);
+	${added}
 	ret = do_things(page);
 	return ret;
 }
--
2.40.0
`;

const ARCHIVE = [
  mail({ id: 'v1@a', from: 'Alice Dev <alice@example.org>', date: 'Mon, 1 Jan 2024 10:00:00 +0000', subject: '[PATCH] mm: lock around foo_bar' },
    `Take the page lock in foo_bar.\n\nSigned-off-by: Alice Dev <alice@example.org>\n${diff('page->flags |= PG_locked_bit;')}`),
  mail({ id: 'v2@a', from: 'Alice Dev <alice@example.org>', date: 'Mon, 8 Jan 2024 10:00:00 +0000', subject: '[PATCH v2] mm: lock around foo_bar' },
    `Take the page lock in foo_bar, v2.\n\nSigned-off-by: Alice Dev <alice@example.org>\n${diff('set_page_locked_for_real(page);')}`),
  mail({ id: 'bob@b', from: 'Bob Review <bob@example.org>', date: 'Tue, 9 Jan 2024 10:00:00 +0000', subject: 'Re: [PATCH v2] mm: lock around foo_bar', reply: 'v2@a' },
    `On Mon, Jan 08, 2024 at 10:00:00AM +0000, Alice Dev wrote:\n> +\tset_page_locked_for_real(page);\n\nThis needs the mapping lock first, or truncate races with it.\n\nBob`),
  mail({ id: 'carol@c', from: 'Carol Nit <carol@example.org>', date: 'Tue, 9 Jan 2024 11:00:00 +0000', subject: 'Re: [PATCH v2] mm: lock around foo_bar', reply: 'v2@a' },
    `On Mon, Jan 08, 2024 at 10:00:00AM +0000, Alice Dev wrote:\n> Take the page lock in foo_bar, v2.\n\nTypo in the changelog title, otherwise fine.\n\nReviewed-by: Carol Nit <carol@example.org>`),
  mail({ id: 'robot@lkp', from: 'kernel test robot <lkp@intel.com>', date: 'Wed, 10 Jan 2024 10:00:00 +0000', subject: 'Re: [PATCH v2] mm: lock around foo_bar', reply: 'v2@a' },
    `Hi Alice,\n\nkernel test robot noticed the following build errors:\n\nmm/foo.c:13:2: error: implicit declaration of function 'set_page_locked_for_real' in foo_bar()\n\n-- \n0-DAY CI Kernel Test Service`),
  mail({ id: 'quote@q', from: 'Quentin Arch <quentin@example.org>', date: 'Thu, 11 Jan 2024 10:00:00 +0000', subject: '[RFC] arch: bring-up of the zorg port' },
    `Someone once wrote:\n> and then foo_bar() is called from the fault path\n\nThe zorg port needs a new page table layout; patches follow.`),
  mail({ id: 'frank@f', from: 'Frank Think <frank@example.org>', date: 'Fri, 12 Jan 2024 10:00:00 +0000', subject: 'question about page locking' },
    `I wonder whether foo_bar() should take the mapping lock before the page lock.\nIt is called from the fault path with nothing held.`),
  mail({ id: 'report@lkp', from: 'kernel test robot <lkp@intel.com>', date: 'Sat, 13 Jan 2024 10:00:00 +0000', subject: '[linux-next:master] BUILD REGRESSION' },
    `Error/Warning: foo_bar() is defined but not used in mm/foo.c\n`),
].join('\n');

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lorelab-history-selection-'));
  writeFileSync(join(dir, 'archive.mbox'), ARCHIVE);
  db = openDatabase(join(dir, 'h.db'));
  await ingest(db, [join(dir, 'archive.mbox')]);
});
after(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

test('touching patches and own prose qualify; quotations and robots do not; each entry says why', () => {
  const loaded = loadHistoryInput(db, 'foo_bar');
  assert.ok(loaded.ok);
  const { entries } = loaded.input;
  assert.equal(entries.length, 2, entries.map((e) => e.title).join(' | '));
  const [series, talk] = entries;
  assert.equal(series.basis, 'touches');
  assert.match(series.why[0], /^the patch \(v2\) touches foo_bar \(1 hunk, \+2\/−0\)$/);
  assert.equal(talk.basis, 'discussed');
  assert.deepEqual(talk.why, ['discussed in prose by Frank Think (1 message)']);
  assert.ok(entries.every((e) => !/zorg|BUILD REGRESSION/.test(e.title)), 'no quotation-only or robot-only entry');
});

test('both versions are one entry, with what changed in the function, the latest hunk and a person as proposer', () => {
  const loaded = loadHistoryInput(db, 'foo_bar');
  assert.ok(loaded.ok);
  const series = loaded.input.entries[0];
  assert.deepEqual(series.versions.map((v) => [v.version, v.change, v.hunks]), [[1, 'first', 1], [2, 'changed', 1]]);
  assert.ok(series.hunks[0].lines.includes('+\tset_page_locked_for_real(page);'), 'the hunk of v2, not v1');
  assert.equal(series.proposer?.name, 'Alice Dev');
  assert.deepEqual(series.reports.map((r) => r.author.email), ['lkp@intel.com']);
  assert.ok(series.discussion.every((d) => d.author.email !== 'lkp@intel.com'), 'a build log is not discussion');
});

test('only the exchange that quotes the function\'s changed line is an argument about it', () => {
  const loaded = loadHistoryInput(db, 'foo_bar');
  assert.ok(loaded.ok);
  const args = loaded.input.entries[0].arguments;
  assert.equal(args.length, 1);
  assert.equal(args[0].reply.author?.name, 'Bob Review');
  assert.match(args[0].reply.text, /truncate races/);
});

test('upstream outcome and candidate race evidence are read from the tables other stages fill', () => {
  const before = loadHistoryInput(db, 'foo_bar');
  assert.ok(before.ok);
  assert.ok(before.input.entries[0].touching.every((t) => t.upstream === null), 'nothing about upstream before a scan');
  db.exec(`INSERT INTO upstream_repos (path, head, scanned_at) VALUES ('/src/linux', 'abc', '2024-02-01');`);
  const v2 = db.prepare(`SELECT id FROM patches WHERE message_id = 'v2@a'`).get() as { id: number };
  db.prepare(`INSERT INTO patch_landed (patch, repo, commit_id, subject, first_tag, how) VALUES (?, '/src/linux', '0123456789abcdef0123', 'mm: lock around foo_bar', 'v6.8', 'patch-id')`).run(v2.id);
  db.exec(`INSERT OR IGNORE INTO scenarios (id, title) VALUES ('truncate-nopage', 'truncate vs ->nopage')`);
  db.prepare(`INSERT OR REPLACE INTO patch_scenarios (patch, scenario, how, score, evidence) VALUES (?, 'truncate-nopage', 'candidate', 0.5, ?)`)
    .run(v2.id, JSON.stringify([{ function: 'foo_bar', operation: 'lock', side: 'added', line: 'spin_lock(&page_lock);', step: 'fault step 3: take the page lock' }]));
  const loaded = loadHistoryInput(db, 'foo_bar');
  assert.ok(loaded.ok);
  const series = loaded.input.entries[0];
  assert.equal(series.touching.find((t) => t.latest)?.upstream, 'merged as 0123456789ab (first in v6.8)');
  assert.equal(series.touching.find((t) => !t.latest)?.upstream, 'not found upstream');
  const md = renderHistoryMarkdown(loaded.input);
  assert.match(md, /changes code the truncate-nopage race lives in: fault step 3: take the page lock \(added “spin_lock\(\\?&page_lock\);” in foo_bar\)/);
  assert.doesNotMatch(md, /not replayed yet/);
  const json = JSON.parse(renderHistoryJson(loaded.input));
  assert.equal(json.entries[0].proposer.name, 'Alice Dev');
  assert.equal(json.entries[0].versions.length, 2);
  assert.match(json.entries[0].why[0], /touches foo_bar/);
});
