// Vocabulary that makes synthetic mail look like linux-mm/fsdevel traffic: people, files,
// function names, C statements and review prose.
import type { Random } from './random.js';

export interface Person {
  name: string;
  email: string;
}

const FIRST = ['Alice', 'Bao', 'Chen', 'Dmitry', 'Eric', 'Fatima', 'Greg', 'Hiroshi', 'Ines', 'Jaegeuk', 'Kent', 'Linus', 'Matthew', 'Nadia', 'Oleg', 'Pankaj', 'Qi', 'Ritesh', 'Suren', 'Theodore', 'Uladzislau', 'Vlastimil', 'Willy', 'Xiubo', 'Yosry', 'Zhang'];
const LAST = ['Anders', 'Biggers', 'Chinner', 'Drysdale', 'Eckert', 'Frank', 'Gupta', 'Hocko', 'Ito', 'Kara', 'Lin', 'Morton', 'Nowak', 'Overstreet', 'Peterson', 'Roman', 'Sun', 'Torvalds', 'Uchida', 'Vaidya', 'Wilcox', 'Xu', 'Yang', 'Zhao'];
const DOMAINS = ['kernel.org', 'google.com', 'redhat.com', 'suse.cz', 'intel.com', 'oracle.com', 'huawei.com', 'linux.dev', 'infradead.org'];

export function people(random: Random, count: number): Person[] {
  return Array.from({ length: count }, () => {
    const first = random.pick(FIRST);
    const last = random.pick(LAST);
    return { name: `${first} ${last}`, email: `${first[0]}${last}@${random.pick(DOMAINS)}`.toLowerCase() };
  });
}

export const FILES = [
  'mm/memory.c', 'mm/filemap.c', 'mm/shmem.c', 'mm/huge_memory.c', 'mm/mmap.c', 'mm/page_alloc.c', 'mm/swapfile.c',
  'fs/crypto/keyring.c', 'fs/crypto/policy.c', 'fs/crypto/inline_crypt.c', 'fs/ext4/inode.c', 'fs/f2fs/data.c',
  'fs/verity/enable.c', 'include/linux/mm.h', 'include/linux/fscrypt.h', 'block/blk-crypto.c', 'kernel/futex/core.c',
];
const PREFIX = ['do_', '__', 'handle_', 'folio_', 'filemap_', 'shmem_', 'vma_', 'fscrypt_', 'ext4_', 'f2fs_', 'blk_crypto_', 'futex_'];
const NOUN = ['fault', 'map_pages', 'read_folio', 'write_begin', 'lock_page', 'unlock', 'release', 'alloc', 'free_pages', 'lookup', 'prepare_key', 'setup_policy', 'wait_on_page', 'truncate', 'swap_entry', 'pte_offset', 'get_page', 'evict_inode', 'submit_bio', 'hash_bucket'];
const SUBSYSTEM = ['mm', 'fscrypt', 'ext4', 'f2fs', 'fsverity', 'blk-crypto', 'futex', 'shmem', 'mm/filemap'];

export function functionName(random: Random): string {
  return random.pick(PREFIX) + random.pick(NOUN);
}

export function subsystem(random: Random): string {
  return random.pick(SUBSYSTEM);
}

// Diff lines in proportions like real ones: in linux-fscrypt's diffs 27% of lines hold a call
// ('(') and 0.5% a lock, page-flag or RCU call (src/link/lock-uses.ts); mm code locks more, so
// here about 2%. (Until 2026-11-22 a third of the lines were lock calls, which made linking,
// which reads every lock use, look ten times costlier than on real mail.)
const LOCKING = [
  (r: Random) => `spin_lock(&vmf->ptl);`,
  (r: Random) => `spin_unlock(&vmf->ptl);`,
  (r: Random) => `mmap_read_lock(vma->vm_mm);`,
  (r: Random) => `if (!folio_test_uptodate(folio))`,
];

const STATEMENTS = [
  (r: Random) => `ret = ${functionName(r)}(vmf, ${r.pick(['folio', 'page', 'inode', 'ci', 'bio'])});`,
  (r: Random) => `if (unlikely(${r.pick(['ret', 'err', '!folio', 'IS_ERR(key)', 'pte_none(*pte)'])}))`,
  (r: Random) => `\treturn -${r.pick(['EINVAL', 'ENOMEM', 'EAGAIN', 'EFAULT', 'ENOKEY'])};`,
  (r: Random) => `\tgoto out_${r.pick(['unlock', 'put', 'free', 'release'])};`,
  (r: Random) => `WARN_ON_ONCE(${r.pick(['!rwsem_is_locked(&mm->mmap_lock)', 'refcount_read(&ref) == 0', 'in_interrupt()'])});`,
  (r: Random) => `${r.pick(['folio_put', 'put_page', 'fscrypt_put_master_key', 'bio_put'])}(${r.pick(['folio', 'page', 'mk', 'bio'])});`,
  (r: Random) => `/* ${r.pick(['The pte may have changed under us', 'Caller holds the inode lock', 'Pairs with smp_store_release()'])} */`,
  (r: Random) => `${r.pick(['unsigned long addr', 'pgoff_t index', 'size_t len', 'loff_t pos'])} = ${r.pick(['vmf->address', 'vmf->pgoff', 'PAGE_SIZE', 'iocb->ki_pos'])};`,
  (r: Random) => `${r.pick(['int ret', 'int err', 'bool dirty', 'unsigned int nr'])} = ${r.pick(['0', 'false', '1', '-EINVAL'])};`,
  (r: Random) => `${r.pick(['vmf->flags', 'ci->ci_flags', 'folio->flags', 'bio->bi_opf'])} |= ${r.pick(['FAULT_FLAG_RETRY_NOWAIT', 'FSCRYPT_POLICY_FLAGS_VALID', 'REQ_SYNC', 'VM_FAULT_LOCKED'])};`,
  (r: Random) => `${r.pick(['nr_pages', 'count', 'len', 'offset'])} += ${r.pick(['folio_nr_pages(folio)', 'PAGE_SIZE', 'bytes', '1'])};`,
  (r: Random) => `} else {`,
  (r: Random) => `}`,
  (r: Random) => `${r.pick(['struct folio *folio', 'struct inode *inode', 'struct fscrypt_info *ci', 'struct vm_area_struct *vma'])};`,
  (r: Random) => `break;`,
  (r: Random) => `out_${r.pick(['unlock', 'put', 'free', 'release'])}:`,
  (r: Random) => `return ret;`,
];

export function cLine(random: Random, depth: number): string {
  const statement = random.int(1, 100) <= 2 ? random.pick(LOCKING) : random.pick(STATEMENTS);
  const text = statement(random);
  return text.endsWith(':') ? text : '\t'.repeat(depth) + text; // labels stay at column 0
}

const PROSE = [
  'This can race with a concurrent truncate, leaving a stale entry behind.',
  'The lock is dropped before the page is marked uptodate, so a reader may see garbage.',
  'I think this needs a memory barrier; otherwise the store can be reordered.',
  'Can you explain why the refcount cannot drop to zero here?',
  'This looks good to me, but please split the cleanup into its own patch.',
  'We hit this in production with a heavily fragmented filesystem.',
  'The fallback path was never exercised by xfstests until now.',
  'Sounds reasonable. Let me run it through my test matrix tonight.',
  'Fixes the lockdep splat reported by syzbot on the previous version.',
  'No functional change intended.',
  'Note that the caller already holds the mmap lock in read mode.',
  'Is there a reason not to use folio_lock() directly here?',
];

export function prose(random: Random, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(random.pick(PROSE));
  // Wrap at about 72 columns, as mailers do.
  const words = out.join(' ').split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line.length + word.length + 1 > 72) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
