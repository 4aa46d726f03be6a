// Stand-ins for the functions eight catalogue fixes change (src/sim/scenarios/CATALOG.md), each a
// small C function written for this test in the shape of the kernel code the fix edits, and the
// fix's essential hunk as text edits of it. catalog-drafts.test.ts commits the stand-ins to a git
// repository, mails each fix as a `diff --git` patch and drafts a race from it with `sim new`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.js';
import { draftFromStore } from '../../src/link/patch-draft.js';
import { exploreAll, isSimError } from '../../src/sim/index.js';
import { scenarioFromText } from '../../src/sim/race-file/load.js';
import { openDatabase } from '../../src/store/open.js';
import { gitIn } from '../helpers/corpus.js';

export interface CatalogFix {
  /** The catalogue race the fix closes (src/sim/scenarios/<race>.race.yaml). */
  race: string;
  path: string;
  subject: string;
  /** The file before the fix. */
  before: string;
  /** The fix: each [old, new] replaced once in `before`. */
  edits: [string, string][];
}

const swapIn = `#include <linux/mm.h>
#include <linux/swap.h>

vm_fault_t do_swap_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct swap_info_struct *si;
	struct page *page;
	swp_entry_t entry;
	vm_fault_t ret = 0;

	entry = pte_to_swp_entry(vmf->orig_pte);
	si = swp_swap_info(entry);
	page = lookup_swap_cache(entry, vma, vmf->address);
	if (!page && (si->flags & SWP_SYNCHRONOUS_IO) && __swap_count(entry) == 1) {
		/* skip the swap cache: read straight into a new page */
		page = alloc_page_vma(GFP_HIGHUSER_MOVABLE, vma, vmf->address);
		if (page)
			swap_readpage(page, true);
	}
	if (!page)
		return VM_FAULT_OOM;
	lock_page(page);
	vmf->pte = pte_offset_map_lock(vma->vm_mm, vmf->pmd, vmf->address, &vmf->ptl);
	if (!pte_same(*vmf->pte, vmf->orig_pte))
		goto out_nomap;
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte, mk_pte(page, vma->vm_page_prot));
	swap_free(entry);
	unlock_page(page);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	return ret;
out_nomap:
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	unlock_page(page);
	put_page(page);
	return ret;
}
`;

const unmapOne = `#include <linux/mm.h>
#include <linux/rmap.h>

static bool try_to_unmap_one(struct page *page, struct vm_area_struct *vma,
			     unsigned long address, void *arg)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl;
	pte_t *pte, pteval;
	bool ret = true;

	pte = pte_offset_map_lock(mm, pmd_of(vma, address), address, &ptl);
	pteval = ptep_clear_flush(vma, address, pte);
	if (PageAnon(page) && !PageSwapBacked(page)) {
		/* lazily freed: drop it unless it was written since MADV_FREE */
		if (!PageDirty(page)) {
			dec_mm_counter(mm, MM_ANONPAGES);
			goto discard;
		}
		set_pte_at(mm, address, pte, pteval);
		SetPageSwapBacked(page);
		ret = false;
		goto out;
	}
	swap_out_entry(mm, address, pte, page);
discard:
	page_remove_rmap(page, false);
	put_page(page);
out:
	pte_unmap_unlock(pte, ptl);
	return ret;
}
`;

const pmdRange = `#include <linux/mm.h>
#include <linux/mempolicy.h>

static int queue_pages_pmd_range(struct vm_area_struct *vma, pud_t *pud,
				 unsigned long addr, unsigned long end)
{
	unsigned long next;
	pmd_t *pmd;

	pmd = pmd_offset(pud, addr);
	do {
		next = pmd_addr_end(addr, end);
		split_huge_page_pmd(vma, addr, pmd);
		if (pmd_none_or_clear_bad(pmd))
			continue;
		spin_lock(&vma->vm_mm->page_table_lock);
		queue_pages_ptes(vma, pmd, addr, next);
		spin_unlock(&vma->vm_mm->page_table_lock);
	} while (pmd++, addr = next, addr != end);
	return 0;
}
`;

const munmap = `#include <linux/mm.h>
#include <linux/mman.h>

int __do_munmap(struct mm_struct *mm, unsigned long start, size_t len, bool downgrade)
{
	unsigned long end = start + PAGE_ALIGN(len);
	struct vm_area_struct *vma, *prev;

	vma = find_vma(mm, start);
	if (!vma || vma->vm_start >= end)
		return 0;
	prev = vma->vm_prev;
	detach_vmas_to_be_unmapped(mm, vma, prev, end);
	if (downgrade)
		mmap_write_downgrade(mm);
	unmap_region(mm, vma, prev, start, end);
	remove_vma_list(mm, vma);
	return downgrade ? 1 : 0;
}
`;

const movePtes = `#include <linux/mm.h>
#include <asm/tlbflush.h>

static void move_ptes(struct vm_area_struct *vma, pmd_t *old_pmd,
		      unsigned long old_addr, unsigned long old_end,
		      struct vm_area_struct *new_vma, pmd_t *new_pmd, unsigned long new_addr)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *old_ptl, *new_ptl;
	pte_t *old_pte, *new_pte, pte;

	old_pte = pte_offset_map_lock(mm, old_pmd, old_addr, &old_ptl);
	new_pte = pte_offset_map(new_pmd, new_addr);
	new_ptl = pte_lockptr(mm, new_pmd);
	if (new_ptl != old_ptl)
		spin_lock_nested(new_ptl, SINGLE_DEPTH_NESTING);
	for (; old_addr < old_end; old_pte++, old_addr += PAGE_SIZE,
				   new_pte++, new_addr += PAGE_SIZE) {
		if (pte_none(*old_pte))
			continue;
		pte = ptep_get_and_clear(mm, old_addr, old_pte);
		pte = move_pte(pte, new_vma->vm_page_prot, old_addr, new_addr);
		set_pte_at(mm, new_addr, new_pte, pte);
	}
	if (new_ptl != old_ptl)
		spin_unlock(new_ptl);
	pte_unmap(new_pte - 1);
	pte_unmap_unlock(old_pte - 1, old_ptl);
}
`;

/** move_ptes after the dirty-pte flush (5d1904204c99 and its follow-up): the state eb66ae030829 fixed. */
const movePtesDirtyFlush = movePtes
  .replace('\tpte_t *old_pte, *new_pte, pte;\n', '\tpte_t *old_pte, *new_pte, pte;\n\tbool force_flush = false;\n')
  .replace('\t\tpte = ptep_get_and_clear(mm, old_addr, old_pte);\n', '\t\tpte = ptep_get_and_clear(mm, old_addr, old_pte);\n\t\t/* a dirty pte: flush before another CPU can clean the page */\n\t\tif (pte_present(pte) && pte_dirty(pte))\n\t\t\tforce_flush = true;\n')
  .replace('\tif (new_ptl != old_ptl)\n\t\tspin_unlock(new_ptl);\n', '\tif (force_flush)\n\t\tflush_tlb_range(vma, old_end - PAGE_SIZE, old_end);\n\tif (new_ptl != old_ptl)\n\t\tspin_unlock(new_ptl);\n');

const dupMmap = `#include <linux/mm.h>
#include <linux/sched/mm.h>

static int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *mpnt, *tmp;
	int retval = 0;

	if (mmap_write_lock_killable(oldmm))
		return -EINTR;
	mmap_write_lock_nested(mm, SINGLE_DEPTH_NESTING);
	for (mpnt = oldmm->mmap; mpnt; mpnt = mpnt->vm_next) {
		tmp = vm_area_dup(mpnt);
		if (!tmp) {
			retval = -ENOMEM;
			break;
		}
		tmp->vm_mm = mm;
		if (!(tmp->vm_flags & VM_WIPEONFORK))
			retval = copy_page_range(tmp, mpnt);
		if (retval)
			break;
	}
	flush_tlb_mm(oldmm);
	mmap_write_unlock(mm);
	mmap_write_unlock(oldmm);
	return retval;
}
`;

const followPte = `#include <linux/mm.h>

static struct page *follow_page_pte(struct vm_area_struct *vma, unsigned long address,
				    pmd_t *pmd, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *page;
	spinlock_t *ptl;
	pte_t *ptep, pte;

	ptep = pte_offset_map_lock(mm, pmd, address, &ptl);
	pte = *ptep;
	if (!pte_present(pte))
		goto no_page;
	if ((flags & FOLL_WRITE) && !pte_write(pte)) {
		pte_unmap_unlock(ptep, ptl);
		return NULL;
	}
	page = vm_normal_page(vma, address, pte);
	if (flags & FOLL_GET)
		get_page(page);
	pte_unmap_unlock(ptep, ptl);
	return page;
no_page:
	pte_unmap_unlock(ptep, ptl);
	return NULL;
}
`;

export const FIXES: CatalogFix[] = [
  { race: 'swapin-swapoff', path: 'mm/memory.c', subject: 'swap: fix do_swap_page() race with swapoff', before: swapIn, edits: [
    ['\tsi = swp_swap_info(entry);\n', '\tsi = get_swap_device(entry);\n\tif (unlikely(!si))\n\t\treturn 0;\n'],
    ['\tpte_unmap_unlock(vmf->pte, vmf->ptl);\n\treturn ret;\nout_nomap:', '\tpte_unmap_unlock(vmf->pte, vmf->ptl);\n\tput_swap_device(si);\n\treturn ret;\nout_nomap:'],
  ] },
  { race: 'madv-free-dio', path: 'mm/rmap.c', subject: 'mm: fix race between MADV_FREE reclaim and blkdev direct IO read', before: unmapOne, edits: [
    ['\t\tif (!PageDirty(page)) {\n', '\t\tint ref_count, map_count;\n\n\t\tsmp_mb();\n\t\tref_count = page_ref_count(page);\n\t\tmap_count = page_mapcount(page);\n\t\tsmp_rmb();\n\t\tif (!PageDirty(page) && ref_count == 1 + map_count) {\n'],
  ] },
  { race: 'thp-pmd-bad', path: 'mm/mempolicy.c', subject: 'mm: thp: fix pmd_bad() triggering in code paths holding mmap_sem read mode', before: pmdRange, edits: [
    ['\t\tif (pmd_none_or_clear_bad(pmd))\n', '\t\tif (pmd_none_or_trans_huge_or_clear_bad(pmd))\n'],
  ] },
  { race: 'munmap-downgrade-stack', path: 'mm/mmap.c', subject: 'mm/mmap.c: close race between munmap() and expand_upwards()/downwards()', before: munmap, edits: [
    ['\tdetach_vmas_to_be_unmapped(mm, vma, prev, end);\n', '\t/* a stack vma beside the range may grow into it under the read lock */\n\tif (!detach_vmas_to_be_unmapped(mm, vma, prev, end))\n\t\tdowngrade = false;\n'],
  ] },
  // 5d1904204c99 tested the dirty bit before clearing the pte; the stand-in's fix tests the old pte.
  { race: 'mremap-mkclean', path: 'mm/mremap.c', subject: 'mremap: fix race between mremap() and page cleanning', before: movePtes, edits: [
    ['\tpte_t *old_pte, *new_pte, pte;\n', '\tpte_t *old_pte, *new_pte, pte;\n\tbool force_flush = false;\n'],
    ['\t\tpte = ptep_get_and_clear(mm, old_addr, old_pte);\n', '\t\tif (pte_present(*old_pte) && pte_dirty(*old_pte))\n\t\t\tforce_flush = true;\n\t\tpte = ptep_get_and_clear(mm, old_addr, old_pte);\n'],
    ['\tif (new_ptl != old_ptl)\n\t\tspin_unlock(new_ptl);\n', '\tif (force_flush)\n\t\tflush_tlb_range(vma, old_end - PAGE_SIZE, old_end);\n\tif (new_ptl != old_ptl)\n\t\tspin_unlock(new_ptl);\n'],
  ] },
  { race: 'mremap-tlb-truncate', path: 'mm/mremap-flush.c', subject: 'mremap: properly flush TLB before releasing the page', before: movePtesDirtyFlush, edits: [
    ['\t\t/* a dirty pte: flush before another CPU can clean the page */\n\t\tif (pte_present(pte) && pte_dirty(pte))\n', '\t\t/* any present pte: flush before the page can be freed */\n\t\tif (pte_present(pte))\n'],
  ] },
  { race: 'vma-lock-fork', path: 'kernel/fork.c', subject: 'fork: lock VMAs of the parent process when forking', before: dupMmap, edits: [
    ['\tfor (mpnt = oldmm->mmap; mpnt; mpnt = mpnt->vm_next) {\n', '\tfor (mpnt = oldmm->mmap; mpnt; mpnt = mpnt->vm_next) {\n\t\tvma_start_write(mpnt);\n'],
  ] },
  { race: 'dirty-cow', path: 'mm/gup.c', subject: 'mm: remove gup_flags FOLL_WRITE games from __get_user_pages()', before: followPte, edits: [
    ['\tif ((flags & FOLL_WRITE) && !pte_write(pte)) {\n', '\tif ((flags & FOLL_WRITE) && !(pte_write(pte) ||\n\t    ((flags & FOLL_FORCE) && (flags & FOLL_COW) && pte_dirty(pte)))) {\n'],
  ] },
];

/** The file after the fix. */
export function fixed(fix: CatalogFix): string {
  let text = fix.before;
  for (const [from, to] of fix.edits) {
    if (!text.includes(from)) throw new Error(`${fix.race}: the edit's old text is not in the stand-in: ${from}`);
    text = text.replace(from, to);
  }
  return text;
}

/** What `sim new` + `sim run` give for one fix: the draft's threads and every variant's verdict. */
export interface DraftResult { written: boolean; error?: string; threads: string[]; steps: number; verdicts: Record<string, string>; breaks: Record<string, string | null>; text: string }

/**
 * Commits every stand-in to a fresh git repository under `dir`, mails each fix (`git diff` of the
 * stand-in and its fix, with its index line) into one database, and drafts each race from its mail
 * alone and with the repository as --source, as `lorelab sim new` does; then runs every variant.
 */
export async function draftCatalogFixes(dir: string, fixes: readonly CatalogFix[] = FIXES): Promise<Map<string, { mail: DraftResult; source: DraftResult }>> {
  const repo = join(dir, 'linux');
  const git = gitIn(repo);
  mkdirSync(repo, { recursive: true });
  git('init', '-q');
  for (const f of fixes) {
    mkdirSync(join(repo, dirname(f.path)), { recursive: true });
    writeFileSync(join(repo, f.path), f.before);
  }
  git('add', '.');
  git('commit', '-qm', 'stand-ins');
  const mails = join(dir, 'mails');
  mkdirSync(mails);
  for (const f of fixes) {
    writeFileSync(join(repo, f.path), fixed(f));
    const diff = git('diff', '--', f.path);
    git('checkout', '--', f.path);
    writeFileSync(join(mails, `${f.race}.eml`), `From: A Developer <dev@example.org>\nSubject: [PATCH] ${f.subject}\nMessage-ID: <${f.race}@example.org>\n` +
      `Date: Mon, 1 Jun 2020 00:00:00 +0000\n\nThe fix of the catalogue race ${f.race}, as a mail.\n\n---\n${diff}`);
  }
  const db = openDatabase(join(dir, 'mail.db'));
  try {
    await ingest(db, fixes.map((f) => join(mails, `${f.race}.eml`)));
    const out = new Map<string, { mail: DraftResult; source: DraftResult }>();
    for (const f of fixes) {
      const run = async (source?: string): Promise<DraftResult> => {
        const draft = await draftFromStore(db, `${f.race}@example.org`, { source, id: 'draft' });
        if (!draft.ok) return { written: false, error: draft.error, threads: [], steps: 0, verdicts: {}, breaks: {}, text: '' };
        const file = join(dir, `${f.race}-${source ? 'source' : 'mail'}`, 'draft.race.yaml');
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, draft.text);
        const results = exploreAll(file);
        const verdicts: Record<string, string> = {};
        const breaks: Record<string, string | null> = {};
        for (const r of results) {
          if (isSimError(r)) throw new Error(`${f.race}: ${r.error}`);
          verdicts[r.variant] = r.verdict;
          breaks[r.variant] = r.invariant ?? null;
        }
        const threads = scenarioFromText(draft.text, 'draft.race.yaml').variants[0]!.build().threads.map((t) => t.name);
        const steps = (draft.text.match(/^ {6}[\w-]+:\n {8}does:/gm) ?? []).length;
        return { written: true, threads, steps, verdicts, breaks, text: draft.text };
      };
      out.set(f.race, { mail: await run(), source: await run(repo) });
    }
    return out;
  } finally {
    db.close();
  }
}
