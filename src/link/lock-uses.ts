// Which locks, sequence counts, RCU sections and page flags a diff's lines take or test.
// Read straight from the hunk lines (pure text), so it works on damaged archives where the
// leading space of context lines is gone: any line that is not +/- counts as context.

export type LockKind = 'spinlock' | 'mutex' | 'rwsem' | 'semaphore' | 'page-lock' | 'seqcount' | 'rcu' | 'page-flag';
export type LockOp = 'take' | 'release' | 'try' | 'sample' | 'check' | 'set' | 'clear' | 'test';

export interface LockUse {
  /** The lock's name as scenarios write it: 'page_table_lock', 'mmap_sem', 'page lock', 'PG_writeback'. */
  name: string;
  kind: LockKind;
  op: LockOp;
  /** The call as written ('spin_lock(&mm->page_table_lock)'). */
  call: string;
  /** '+' added, '-' removed, ' ' context. */
  sign: '+' | '-' | ' ';
  /** The function the hunk is in, when known. */
  fn: string | null;
}

/** A hunk as the diff carries it: the function it is in and its lines. */
export interface HunkText {
  fn: string | null;
  lines: string[];
}

interface Rule {
  pattern: RegExp;
  kind: LockKind;
  op: (call: string) => LockOp;
  /** The lock's name from the match (group 1 is the call name, group 2 the argument). */
  name: (m: RegExpExecArray) => string;
}

/** The last member or variable in `&mm->page_table_lock`, `inode->i_sem`, `&vma_srcu`. */
const member = (arg: string | undefined) => (arg ?? '').match(/([A-Za-z_]\w*)\s*$/)?.[1] ?? (arg ?? '').trim();
const byCall = (table: Record<string, LockOp>, fallback: LockOp) => (call: string) => table[call] ?? fallback;
/** Readers sample and re-check a sequence; writers take and release it. */
function seqcountOp(call: string): LockOp {
  if (/^(?:fr_read_begin|read_seqbegin|(?:raw_)?read_seqcount_begin)$/.test(call)) return 'sample';
  if (/read_end|retry/.test(call)) return 'check';
  return /unlock|_end$/.test(call) ? 'release' : 'take';
}
const ARG = String.raw`\(\s*&?([^(),;]*?)\s*[,)]`;

const RULES: Rule[] = [
  { pattern: new RegExp(String.raw`\b((?:raw_)?spin_(?:lock|unlock|trylock)(?:_irq|_irqsave|_irqrestore|_bh|_nested)?)` + ARG, 'g'), kind: 'spinlock',
    op: (c) => (c.includes('unlock') ? 'release' : c.includes('trylock') ? 'try' : 'take'), name: (m) => member(m[2]) },
  { pattern: new RegExp(String.raw`\b(mutex_(?:lock|unlock|trylock)(?:_interruptible|_killable)?)` + ARG, 'g'), kind: 'mutex',
    op: (c) => (c.includes('unlock') ? 'release' : c.includes('trylock') ? 'try' : 'take'), name: (m) => member(m[2]) },
  { pattern: new RegExp(String.raw`\b((?:down|up)_(?:read|write)(?:_trylock|_killable)?|downgrade_write)` + ARG, 'g'), kind: 'rwsem',
    op: (c) => (c.startsWith('up') ? 'release' : c.includes('trylock') ? 'try' : c === 'downgrade_write' ? 'release' : 'take'), name: (m) => member(m[2]) },
  { pattern: new RegExp(String.raw`\b(mmap_(?:read|write)_(?:lock|unlock|trylock)(?:_killable|_nested)?|mmap_write_downgrade)\s*\(`, 'g'), kind: 'rwsem',
    op: (c) => (c.endsWith('unlock') || c.endsWith('downgrade') ? 'release' : c.endsWith('trylock') ? 'try' : 'take'), name: () => 'mmap_lock' },
  // The pte lock: pte_offset_map_lock() maps the page table and takes its lock, pte_unmap_unlock() drops it.
  { pattern: /\b(pte_offset_map_lock|pte_unmap_unlock)\s*\(/g, kind: 'spinlock', op: (c) => (c === 'pte_unmap_unlock' ? 'release' : 'take'), name: () => 'ptl' },
  // The per-VMA lock (6.4): a fault tries it for reading, fork and munmap write it (released with mmap_lock).
  { pattern: /\b(vma_start_write|vma_start_read|vma_end_read|lock_vma_under_rcu)\s*\(/g, kind: 'rwsem',
    op: byCall({ vma_start_write: 'take', vma_end_read: 'release' }, 'try'), name: () => 'vm_lock' },
  { pattern: new RegExp(String.raw`(?<![\w>.])((?:down|up)(?:_interruptible|_trylock)?)` + ARG, 'g'), kind: 'semaphore',
    op: (c) => (c === 'up' ? 'release' : c.includes('trylock') ? 'try' : 'take'), name: (m) => member(m[2]) },
  { pattern: /\b((?:un)?lock_page|trylock_page|wait_on_page_locked|folio_(?:un)?lock|folio_trylock)\s*\(/g, kind: 'page-lock',
    op: byCall({ unlock_page: 'release', folio_unlock: 'release', trylock_page: 'try', folio_trylock: 'try', wait_on_page_locked: 'check' }, 'take'), name: () => 'page lock' },
  { pattern: new RegExp(String.raw`\b(fr_(?:read_begin|read_end|write_lock|write_unlock)|(?:raw_)?(?:read|write)_seqcount_(?:begin|retry|end)|read_seqbegin|read_seqretry|write_seq(?:un)?lock)` + ARG, 'g'), kind: 'seqcount',
    op: seqcountOp,
    name: (m) => member(m[2]) },
  { pattern: /\b((?:s)?rcu_read_(?:un)?lock)\s*\(\s*&?([^(),;]*?)\s*[,)]/g, kind: 'rcu',
    op: (c) => (c.includes('unlock') ? 'release' : 'take'), name: (m) => (m[1]!.startsWith('srcu') ? member(m[2]) : 'rcu') },
  { pattern: /\b(PageLocked|folio_test_locked)\s*\(/g, kind: 'page-lock', op: () => 'test', name: () => 'page lock' },
  { pattern: /\b((?:Set|Clear|TestSet|TestClear)?Page([A-Z][A-Za-z]+))\s*\(/g, kind: 'page-flag',
    op: (c) => (c.startsWith('Set') || c.startsWith('TestSet') ? 'set' : c.startsWith('Clear') || c.startsWith('TestClear') ? 'clear' : 'test'),
    name: (m) => `PG_${m[2]!.toLowerCase()}` },
  { pattern: /\b(folio_(?:test|set|clear)_([a-z]+))\s*\(/g, kind: 'page-flag',
    op: (c) => (c.includes('_set_') ? 'set' : c.includes('_clear_') ? 'clear' : 'test'), name: (m) => `PG_${m[2]}` },
];

/** A word every rule's call holds: a line without one is not tried against every rule. */
const MAY_USE_A_LOCK = /lock|\bdown|downgrade|\bup|seq|rcu|Page|folio|fr_|vma_(?:start|end)_/;

/** Every lock use on the hunk lines, in order; a call written twice on one line counts twice. */
export function lockUses(hunks: readonly HunkText[]): LockUse[] {
  const uses: LockUse[] = [];
  for (const hunk of hunks) {
    for (const raw of hunk.lines) {
      if (!raw.includes('(') || !MAY_USE_A_LOCK.test(raw)) continue;
      const sign = raw.startsWith('+') ? '+' : raw.startsWith('-') ? '-' : ' ';
      const code = (sign === ' ' ? raw : raw.slice(1)).replace(/\/\*.*?\*\/|\/\/.*$/g, '');
      const found: { at: number; use: LockUse }[] = [];
      for (const rule of RULES) {
        rule.pattern.lastIndex = 0;
        for (let m = rule.pattern.exec(code); m; m = rule.pattern.exec(code)) {
          if (rule.kind === 'page-flag' && m[1] === 'PageLocked') continue;
          const call = m[0].replace(/[,)]$/, ')').replace(/\($/, '()');
          found.push({ at: m.index, use: { name: rule.name(m), kind: rule.kind, op: rule.op(m[1]!), call: call.trim(), sign, fn: hunk.fn } });
        }
      }
      uses.push(...found.sort((a, b) => a.at - b.at).map((f) => f.use));
    }
  }
  return uses;
}

/** Splits a unified diff (as patches.raw holds it) into hunks with their header text and file. */
export function diffHunks(raw: string): { header: string; lines: string[]; path: string | null }[] {
  const hunks: { header: string; lines: string[]; path: string | null }[] = [];
  let current: { header: string; lines: string[]; path: string | null } | null = null;
  let path: string | null = null;
  for (const line of raw.split('\n')) {
    const head = /^@@ [^@]*@@ ?(.*)$/.exec(line);
    if (head) {
      current = { header: head[1] ?? '', lines: [], path };
      hunks.push(current);
    } else if (/^(diff |--- |\+\+\+ |index )/.test(line)) {
      current = null;
      const named = /^(?:\+\+\+|---) (?:[ab]\/)?(\S+)/.exec(line);
      if (named && named[1] !== '/dev/null') path = named[1]!;
      else if (line.startsWith('diff ')) path = null;
    } else if (current) {
      current.lines.push(line);
    }
  }
  return hunks;
}

/** The canonical key of a lock name, so 'truncate_lock (frlock)' meets 'truncate_lock'. */
export function lockKey(name: string): string {
  return name.replace(/\s*\(.*\)\s*$/, '').trim().toLowerCase();
}
