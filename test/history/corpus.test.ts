// The loader and the documents on a database built from corpora/ with the real pipeline.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.js';
import { openDatabase, type DB } from '../../src/store/open.js';
import { loadHistoryInput } from '../../src/history/load/load.js';
import { renderHistoryMarkdown } from '../../src/history/document.js';
import { renderBundledHistories } from '../../src/history/bundled.js';
import { corporaDir } from '../helpers/corpus.js';
import { startReport } from '../../src/link/index.js';

let dir: string;
let db: DB;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lorelab-history-corpus-'));
  db = openDatabase(join(dir, 'corpus.db'));
  await ingest(db, [corporaDir]);
  // As `npm run history` builds it: the races linked and replayed.
  startReport(db);
});
after(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

test('do_no_page follows its lineage and finds the 2003 thread and the 2020 one', () => {
  const loaded = loadHistoryInput(db, 'do_no_page');
  assert.ok(loaded.ok);
  const { input } = loaded;
  assert.deepEqual(input.subject.names, ['do_no_page', '__do_fault', 'do_read_fault', 'do_cow_fault', 'do_shared_fault']);
  assert.ok(input.subject.lineage.every((s) => s.commit || s.release), 'each lineage step cites a commit or release');
  assert.equal(input.threads.length, 2);
  const [t2003, t2020] = input.threads;
  assert.match(t2003.firstDate ?? '', /^2003-06-01/);
  assert.equal(t2003.proposal?.author.name, 'Andrea Arcangeli');
  assert.ok(t2003.proposal?.paragraphs.some((p) => p.includes('corrupt the VM too with truncate against nopage')));
  assert.ok(t2003.proposal?.paragraphs.every((p) => !p.startsWith('>')), 'proposal is new prose, not quotes');
  assert.ok(t2003.patches[0].functions.includes('do_no_page'));
  assert.equal(t2003.arguments[0]?.point.author?.name, 'Paul E. McKenney');
  assert.ok(t2003.outcome.some((o) => o.commit === 'd00806b18315'));
  assert.match(t2020.subject ?? '', /lock_page work/);
  assert.ok(t2020.trailers.some((t) => t.name === 'Needs-review-by' && t.person.name === 'Hugh Dickins'));
  assert.ok(t2020.stubs.length > 0);
});

test('the do_no_page document cites every archived message', () => {
  const loaded = loadHistoryInput(db, 'do_no_page');
  assert.ok(loaded.ok);
  const md = renderHistoryMarkdown(loaded.input, { full: true });
  for (const t of loaded.input.threads) {
    for (const m of t.messages) assert.ok(md.includes(`\`<${m.messageId}>\``), `cites ${m.messageId}`);
  }
  assert.match(md, /https:\/\/lore\.kernel\.org\/r\/CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail\.gmail\.com/);
});

test('the truncate-nopage race shows with the verdicts the simulator gave and its counterexample', () => {
  const loaded = loadHistoryInput(db, 'do_no_page');
  assert.ok(loaded.ok);
  const race = loaded.input.threads[0].races.find((r) => r.scenario === 'truncate-nopage');
  assert.ok(race, 'the 2003 thread is linked to truncate-nopage');
  const verdicts = Object.fromEntries(race!.verdicts.map((v) => [v.variant, v.verdict]));
  assert.equal(verdicts.before, 'violation');
  assert.equal(verdicts.frlock, 'ok');
  assert.equal(verdicts['frlock-swapped'], 'violation');
  const md = renderHistoryMarkdown(loaded.input);
  assert.match(md, /truncate-nopage \([a-z-]+\): before → violation, frlock → ok/);
  assert.match(md, /```mermaid\nsequenceDiagram/);
  assert.match(md, /vmtruncate: zap_page_range — nothing mapped yet/);
});

test('selection by file, directory, date range and full text', () => {
  const file = loadHistoryInput(db, 'mm/filemap.c');
  assert.ok(file.ok && file.input.subject.kind === 'file' && file.input.threads.length === 1);
  const dir2 = loadHistoryInput(db, 'mm/', { since: '2018' });
  assert.ok(dir2.ok);
  assert.ok(dir2.input.threads.every((t) => (t.lastDate ?? '') >= '2018'));
  const old = loadHistoryInput(db, 'mm/', { until: '2003' });
  assert.ok(old.ok && old.input.threads.length === 2 && old.input.threads.every((t) => (t.firstDate ?? '') < '2004'));
  const text = loadHistoryInput(db, 'stupid slow');
  assert.ok(text.ok && text.input.subject.kind === 'text' && text.input.threads.length === 1);
  assert.match(text.input.threads[0].subject ?? '', /mmap_sem/);
  const bad = loadHistoryInput(db, 'mm/', { since: 'last year' });
  assert.ok(!bad.ok && bad.error.kind === 'bad-option');
});

test('a subject that matches nothing lists what was looked for and the nearest names', () => {
  const loaded = loadHistoryInput(db, 'do_no_pag');
  assert.ok(!loaded.ok);
  assert.equal(loaded.error.kind, 'no-match');
  if (loaded.error.kind !== 'no-match') return;
  assert.equal(loaded.error.nearest.functions[0], 'do_no_page');
  assert.ok(loaded.error.nearest.files.includes('mm/memory.c'));
  assert.match(loaded.error.message, /Looked for: patches touching the function do_no_pag/);
});

test('the bundled histories cover all five seed threads and docs/history is up to date', () => {
  const out = join('docs', 'history');
  const { files, errors } = renderBundledHistories(db, out);
  assert.deepEqual(errors, []);
  const seeds = new Set<string>();
  for (const s of db.prepare('SELECT DISTINCT m.thread, src.path FROM messages m JOIN message_sources ms ON ms.message_id = m.message_id JOIN sources src ON src.id = ms.source').all() as Array<{ path: string }>) seeds.add(basename(s.path));
  assert.equal(seeds.size, 5);
  const covered = new Set<string>();
  for (const { subject } of [{ subject: 'do_no_page' }, { subject: 'pin_page' }, { subject: 'put_user_page' }, { subject: 'mmap_sem' }, { subject: 'filemap_map_pages' }]) {
    const loaded = loadHistoryInput(db, subject);
    assert.ok(loaded.ok);
    for (const t of loaded.input.threads) {
      const ids = t.messages.map((m) => m.messageId);
      for (const r of db.prepare(`SELECT DISTINCT src.path FROM message_sources ms JOIN sources src ON src.id = ms.source
        WHERE ms.message_id IN (${ids.map(() => '?').join(',')})`).all(...ids) as Array<{ path: string }>) covered.add(basename(r.path));
    }
  }
  assert.deepEqual([...covered].sort(), [...seeds].sort());
  const onDisk = readdirSync(out).filter((f) => f.endsWith('.md')).sort();
  assert.deepEqual(onDisk, files.map((f) => basename(f.path)).sort(), 'docs/history holds exactly the bundled histories');
  for (const { path, text } of files) {
    assert.equal(readFileSync(path, 'utf8'), text, `${path} is stale: run npm run history`);
  }
});
