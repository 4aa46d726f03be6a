// Candidate links need evidence at the statement level: a line the patch adds or removes inside
// a function a scenario models, holding an operation its steps model there. Hand-written mail,
// ingested into a real SQLite file, linked, then read back through the store, the named query
// and the built CLI.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.js';
import { linkPatches } from '../../src/link/link.js';
import { findQuery, runNamedQuery } from '../../src/query/named.js';
import { openDatabase } from '../../src/store/open.js';
import type { RaceEvidence } from '../../src/store/types.js';
import { lorelab, repoRoot, tempDir } from '../helpers/corpus.js';
import { mbox, type TestMail } from '../series/mail.js';

/** A one-hunk git diff; lines without a '+', '-' or ' ' are context. */
function diff(path: string, header: string, body: string[]): string {
  const lines = body.map((l) => (/^[+\- ]/.test(l) ? l : ` ${l}`));
  return ['Signed-off-by: Ann Author <ann@example.org>', '---', `diff --git a/${path} b/${path}`, 'index 1111111..2222222 100644',
    `--- a/${path}`, `+++ b/${path}`, `@@ -100,${lines.filter((l) => l[0] !== '+').length} +100,${lines.filter((l) => l[0] !== '-').length} @@ ${header}`,
    ...lines, '-- ', '2.40.0'].join('\n');
}

const mail = (id: string, subject: string, body: string, day: number): TestMail => ({ id, subject, date: `Mon, ${day} Jan 2024 10:00:00 +0000`, body });

const MAILS: TestMail[] = [
  // do_no_page: the pte is set under page_table_lock, now with a re-check (the race's code).
  mail('set-pte@example.org', '[PATCH] mm: re-check the pte under page_table_lock in do_no_page', `Re-check before mapping.\n\n${diff('mm/memory.c',
    'static int do_no_page(struct mm_struct *mm, struct vm_area_struct *vma,', [
      '\tnew_page = vma->vm_ops->nopage(vma, address & PAGE_MASK, 0);',
      '-\tspin_lock(&mm->page_table_lock);',
      '+\tspin_lock(&mm->page_table_lock);',
      '+\tif (!pte_none(*page_table))',
      '+\t\tgoto out;',
      '\tentry = mk_pte(new_page, vma->vm_page_prot);',
      '-\tset_pte(page_table, entry);',
      '+\tset_pte_at(mm, address, page_table, entry);',
      '\tpte_unmap(page_table);',
    ])}`, 1),
  // An architecture's fault handler: calls find_vma and handle_mm_fault and takes mmap_sem, in
  // a function no scenario models.
  mail('arch-mm@example.org', '[PATCH 3/9] foo: Add memory management', `Fault handling for foo.\n\n${diff('arch/foo/mm/fault.c',
    'void foo_fault_init(void)', [
      ' }',
      ' ',
      '+int do_page_fault(struct pt_regs *regs, unsigned long address)',
      '+{',
      '+\tstruct mm_struct *mm = current->mm;',
      '+\tdown_read(&mm->mmap_sem);',
      '+\tvma = find_vma(mm, address);',
      '+\tfault = handle_mm_fault(vma, address, 0, regs);',
      '+\tup_read(&mm->mmap_sem);',
      '+\treturn fault;',
      '+}',
    ])}`, 2),
  // handle_mm_fault touched, on a line without any modelled operation.
  mail('count@example.org', '[PATCH] mm: count faults per memcg', `Count them.\n\n${diff('mm/memory.c',
    'vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,', [
      '\tcount_vm_event(PGFAULT);',
      '+\tcount_memcg_event_mm(vma->vm_mm, PGFAULT);',
      '\tret = __handle_mm_fault(vma, address, flags);',
    ])}`, 3),
  // trylock_page in a function no scenario models (MADV_COLD).
  mail('cold@example.org', '[PATCH] mm: introduce MADV_COLD', `Deactivate pages.\n\n${diff('mm/madvise.c',
    'static int madvise_cold_or_pageout_pte_range(pmd_t *pmd,', [
      '\t\tpage = vm_normal_page(vma, addr, ptent);',
      '+\t\tif (!trylock_page(page))',
      '+\t\t\tcontinue;',
      '+\t\tspin_lock(&mm->page_table_lock);',
      '\t\tptep_test_and_clear_young(vma, addr, pte);',
    ])}`, 4),
];

const dir = tempDir();
after(() => dir.cleanup());
const dbPath = join(dir.path, 'evidence.db');
const file = join(dir.path, 'races.mbox');
writeFileSync(file, mbox(MAILS));
const db = openDatabase(dbPath);
await ingest(db, [file], { jobs: 0 });
linkPatches(db);
after(() => db.close());

const linksOf = (messageId: string) =>
  db.prepare(`SELECT ps.scenario, ps.how, ps.score, ps.evidence FROM patch_scenarios ps JOIN patches p ON p.id = ps.patch WHERE p.message_id = ? ORDER BY ps.scenario`)
    .all(messageId) as { scenario: string; how: string; score: number; evidence: string }[];

test('a patch changing do_no_page\'s set_pte under page_table_lock is a candidate, with the lines and steps as evidence', () => {
  const links = linksOf('set-pte@example.org');
  const truncate = links.find((l) => l.scenario === 'truncate-nopage');
  assert.equal(truncate?.how, 'candidate', JSON.stringify(links));
  assert.ok(truncate.score > 0 && truncate.score <= 1);
  const evidence = JSON.parse(truncate.evidence) as RaceEvidence[];
  assert.deepEqual(evidence.find((e) => e.operation === 'set_pte' && e.side === 'added'), {
    function: 'do_no_page', operation: 'set_pte', side: 'added', line: 'set_pte_at(mm, address, page_table, entry);',
    step: 'fault step 6: do_no_page: pte_none? set_pte, spin_unlock(page_table_lock)',
  });
  assert.ok(evidence.some((e) => e.operation === 'set_pte' && e.side === 'removed' && e.line === 'set_pte(page_table, entry);'));
  assert.ok(evidence.some((e) => e.operation === 'lock:page_table_lock' && e.line === 'spin_lock(&mm->page_table_lock);'
    && e.step === 'fault step 5: do_no_page: spin_lock(page_table_lock)'));
  // The context line calling ->nopage holds no change; the new `goto out` holds no operation.
  assert.ok(evidence.every((e) => !/nopage|goto/.test(e.line)), JSON.stringify(evidence));
  // Each element has exactly the stored shape.
  for (const e of evidence) assert.deepEqual(Object.keys(e).sort(), ['function', 'line', 'operation', 'side', 'step']);
});

test('calling find_vma or touching handle_mm_fault on lines without modelled operations links nowhere', () => {
  assert.deepEqual(linksOf('arch-mm@example.org'), []);
  assert.deepEqual(linksOf('count@example.org'), []);
});

test('trylock_page added in a function no scenario models links nowhere', () => {
  assert.deepEqual(linksOf('cold@example.org'), []);
});

test('the evidence round-trips through the store and query patch-races (SQL and --json)', () => {
  const stored = JSON.parse(linksOf('set-pte@example.org').find((l) => l.scenario === 'truncate-nopage')!.evidence) as RaceEvidence[];
  const rows = runNamedQuery(db, findQuery('patch-races'), { message_id: 'set-pte@example.org' });
  const row = rows.find((r) => r.scenario === 'truncate-nopage')!;
  assert.deepEqual(JSON.parse(String(row.evidence)), stored);
  assert.match(String(row.answer), /^candidate: truncate-nopage \(score [0-9.]+\): changes code the race lives in, \d+ changed line\(s\)/);
  const none = runNamedQuery(db, findQuery('patch-races'), { message_id: 'cold@example.org' });
  assert.equal(none.length, 1);
  assert.match(String(none[0]!.answer), /no scenario models this yet/);
  if (!existsSync(join(repoRoot, 'dist/src/cli/main.js'))) assert.fail('build first: npm run build');
  const cli = lorelab(['query', 'patch-races', '--message-id', 'set-pte@example.org', '--json', '--db', dbPath]);
  assert.equal(cli.status, 0, cli.stderr);
  const printed = (JSON.parse(cli.stdout) as { scenario: string; evidence: RaceEvidence[] }[]).find((r) => r.scenario === 'truncate-nopage')!;
  assert.deepEqual(printed.evidence, stored);
  const text = lorelab(['query', 'patch-races', '--message-id', 'set-pte@example.org', '--db', dbPath]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /truncate-nopage fault step 6: do_no_page: pte_none\? set_pte, spin_unlock\(page_table_lock\)\n(?:\s+[-+] .*\n)*?\s+\+ set_pte_at\(mm, address, page_table, entry\);\s+\[do_no_page: set_pte\]/);
  const show = lorelab(['show', 'set-pte@example.org', '--db', dbPath]);
  assert.equal(show.status, 0, show.stderr);
  assert.match(show.stdout, /race: candidate: truncate-nopage[^\n]*\n(?:.*\n)*?\s+truncate-nopage fault step 5: do_no_page: spin_lock\(page_table_lock\)\n\s+[-+] spin_lock\(&mm->page_table_lock\);/);
  const shownJson = JSON.parse(lorelab(['show', 'set-pte@example.org', '--json', '--db', dbPath]).stdout) as { patches: { raceEvidence: { scenario: string; evidence: RaceEvidence[] }[] }[] };
  assert.deepEqual(shownJson.patches[0]!.raceEvidence.find((l) => l.scenario === 'truncate-nopage')!.evidence, stored);
});
