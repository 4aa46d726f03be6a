// `lorelab sim new --from-patch --source REPO`: with the repository the patch was made against,
// the draft's thread is the touched function whole (the reference taken before the hunk, the
// set_pte after it), its adversary is picked by what those operations touch (a pte and a page
// reference: GUP-fast), the draft loads and `sim run` gives every variant a verdict. A --source
// that is not a git repository is a usage error and nothing is written. The race takes its id from
// the -o file's name, which the loader requires.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioFromText } from '../../src/sim/race-file/load.js';
import { gitIn, lorelab, tempDir } from '../helpers/corpus.js';

const dir = tempDir('lorelab-source-draft-');
after(() => dir.cleanup());

const BEFORE = `#include <linux/mm.h>

static int install_page(struct mm_struct *mm, unsigned long addr, struct page *page, pte_t *pte)
{
	int ret = -EBUSY;

	get_page(page);
	flush_dcache_page(page);
	inc_mm_counter(mm, MM_FILEPAGES);
	page_add_file_rmap(page);
	if (!pte_none(*pte))
		goto out;
	spin_lock(&mm->page_table_lock);
	ret = 0;
	flush_icache_page(page);
	update_hiwater_rss(mm);
	inc_tlb_stats(mm);
	set_pte_at(mm, addr, pte, mk_pte(page));
	update_mmu_cache(mm, addr, pte);
	spin_unlock(&mm->page_table_lock);
	return 0;
out:
	put_page(page);
	return ret;
}
`;

/** The fix: the pte_none check moves under the lock that set_pte_at runs under. */
const AFTER = BEFORE.replace('\tif (!pte_none(*pte))\n\t\tgoto out;\n\tspin_lock(&mm->page_table_lock);\n',
  '\tspin_lock(&mm->page_table_lock);\n\tif (!pte_none(*pte)) {\n\t\tspin_unlock(&mm->page_table_lock);\n\t\tgoto out;\n\t}\n');

function setUp(): { repo: string; db: string } {
  const repo = join(dir.path, 'linux');
  mkdirSync(join(repo, 'mm'), { recursive: true });
  const git = gitIn(repo);
  git('init', '-q');
  writeFileSync(join(repo, 'mm/install.c'), BEFORE);
  git('add', '.');
  git('commit', '-qm', 'base');
  writeFileSync(join(repo, 'mm/install.c'), AFTER);
  const diff = git('diff');
  git('checkout', '--', '.');
  assert.ok(!diff.includes('get_page') && !diff.includes('set_pte_at'), 'the operations outside the hunk are not in the mail');
  const eml = join(dir.path, 'fix.eml');
  writeFileSync(eml, 'From: A <a@example.org>\nSubject: [PATCH] mm: check the pte under the page table lock\nMessage-ID: <pte-check@example.org>\n' +
    `Date: Tue, 1 Jan 2019 00:00:00 +0000\n\nThe check raced with a concurrent install.\n\n---\n${diff}`);
  // The same fix sent without its `index` line (diff -u style): the pre-image is then the file at HEAD.
  const bare = join(dir.path, 'bare.eml');
  writeFileSync(bare, readFileSync(eml, 'utf8').replace('pte-check@example.org', 'pte-check-bare@example.org').replace(/^index .*\n/m, ''));
  const db = join(dir.path, 'mail.db');
  for (const mail of [eml, bare]) {
    const ingest = lorelab(['--db', db, 'ingest', mail]);
    assert.equal(ingest.status, 0, ingest.stderr);
  }
  return { repo, db };
}

const { repo, db } = setUp();

test('with --source the thread has the operations outside the hunk, a GUP-fast adversary, and sim run gives verdicts', () => {
  const mailOnly = lorelab(['--db', db, 'sim', 'new', '--from-patch', 'pte-check@example.org']);
  assert.equal(mailOnly.status, 0, mailOnly.stderr);
  assert.ok(!mailOnly.stdout.includes('set_pte_at()') && !mailOnly.stdout.includes('get_page()'), 'from the mail alone the draft cannot see them');

  const out = join(dir.path, 'install-fix.race.yaml');
  const made = lorelab(['--db', db, 'sim', 'new', '--from-patch', 'pte-check@example.org', '--source', repo, '-o', out]);
  assert.equal(made.status, 0, made.stderr);
  const text = readFileSync(out, 'utf8');
  for (const step of ['install_page: get_page()', 'install_page: set_pte_at()', 'install_page: put_page()', 'spin_lock(&mm->page_table_lock)', '[added by the patch]']) {
    assert.ok(text.includes(step), `missing ${step}`);
  }
  assert.match(text, /^ {2}gup_fast:/m);
  // The check the patch moves: added under the lock in `after`, put back before it in `before`.
  assert.match(text, /install_page: pte_none\(\) \[added by the patch\]/);
  assert.match(text, /- insert: s\d+\n\s+after: s1\n\s+does: "install_page: pte_none\(\) \[removed by the patch\]"/);
  const order = ['get_page()', 'spin_lock(', 'set_pte_at()', 'put_page()'].map((s) => text.indexOf(`install_page: ${s}`));
  assert.deepEqual([...order].sort((a, b) => a - b), order, 'steps in the function\'s order');

  const scenario = scenarioFromText(text, 'install-fix.race.yaml');
  assert.deepEqual(scenario.variants.map((v) => v.name), ['after', 'before']);
  const run = lorelab(['sim', 'run', out, '--json']);
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const verdicts = JSON.parse(run.stdout) as { variant: string; verdict: string }[];
  assert.deepEqual(verdicts.map((v) => v.variant), ['after', 'before']);
  for (const v of verdicts) assert.match(v.verdict, /^(ok|violation|deadlock|lost-wakeup)$/);
});

test('without an index line the pre-image is the file at HEAD', () => {
  const run = lorelab(['--db', db, 'sim', 'new', '--from-patch', 'pte-check-bare@example.org', '--source', repo]);
  assert.equal(run.status, 0, run.stderr);
  assert.ok(run.stdout.includes('install_page: set_pte_at()') && run.stdout.includes('install_page: get_page()'));
});

test('a --source that is not a git repository: a usage error, nothing written', () => {
  const plain = join(dir.path, 'not-a-repo');
  mkdirSync(plain);
  const out = join(dir.path, 'never.race.yaml');
  const run = lorelab(['--db', db, 'sim', 'new', '--from-patch', 'pte-check@example.org', '--source', plain, '-o', out]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^lorelab: --source .*not-a-repo is not a git repository/);
  assert.equal(existsSync(out), false);
});
