// For `sim new` drafts: the `if`s whose condition the kernel model can evaluate. A draft's thread
// is its operations on a straight line; an `if (COND) { … goto LABEL; }` whose COND reads only
// what the draft's page and pte hold (page flags, reference and map counts, pte_none/present,
// and locals assigned from those) becomes a step that takes the branch: it skips the block when
// COND is false, and goes to LABEL (or the function's end, for a `return`) when the block's first
// modelled act is that jump. Any other `if` stays as before: its block runs inline.
//
// A pte value the code keeps (`pte = ptep_get_and_clear(…)`) is read through the thread's
// `kept_present` / `kept_dirty` locals, which the clearing step sets (skeleton.ts); the pte the
// table holds is read through pte_none(mm, 0) and the `pte_dirty_bit` state. A flag set under a
// condition (`if (C) flush = true;`) stands for that condition where it is tested later, when the
// condition reads only the thread's own kept values (the shared state may change in between).
// An `if` on a context line that reads differently before the patch (a flag the patch sets under
// another condition) carries the before side's branch too, for the before variant.
//
// A flag the draft cannot read (a parameter: munmap's `downgrade`) is, like any condition it
// cannot evaluate, taken as running its blocks; one cleared under a condition it can evaluate
// (`if (!C) flag = false;`) runs them unless that condition held. detach_vmas_to_be_unmapped()
// answers whether munmap may downgrade mmap_lock: not next to a growing stack (`stack_beside`, a
// fact of the draft's world no thread changes, so it may be read later than the call).

/** A branch at one line of the thread: the condition in the step language, where each way goes. */
export interface Branch {
  /** The C condition as written, for the step's label. */
  text: string;
  cond: string;
  /** The first line after the block (the false way). */
  skipTo: number;
  /** The block's first statement line and its jump, when the block ends in a goto or return. */
  bodyFrom: number;
  jump: { line: number; to: number | 'end' } | null;
  /**
   * On a context line: the branch as the code before the patch reads it, when that differs
   * (null: it cannot evaluate the condition there, and the block runs inline).
   */
  before?: Omit<Branch, 'before'> | null;
}

/** The alias of a C variable holding a pte value a clear returned (`pte = ptep_get_and_clear(…)`). */
const KEPT = '$kept-pte';

/** What the step language reads that other threads may change: the page, the pte, its dirty bit, the pmd. */
const SHARED = /\b(?:pages|mm|pte_dirty_bit|pmd)\b/;

const FLAG_FIELDS: Record<string, string> = { dirty: 'dirty', locked: 'locked', writeback: 'writeback', uptodate: 'uptodate' };

/**
 * What a call reads, in the step language; null when the draft's objects do not hold it. A pte
 * test reads the draft's pte only through the pointer (`pte_none(*pte)`): a pte value the code
 * keeps (`pte = ptep_get_and_clear(…)`) is not the one the page table holds now.
 */
function atom(name: string, args: string, aliases: ReadonlyMap<string, string>): string | null {
  const flag = /^(?:Page([A-Z][a-z]+)|folio_test_([a-z]+))$/.exec(name);
  if (flag) {
    const field = FLAG_FIELDS[(flag[1] ?? flag[2]!).toLowerCase()];
    return field ? `pages.P1.${field}` : null;
  }
  if (/^(?:page_ref_count|page_count|folio_ref_count)$/.test(name)) return 'pages.P1.ref';
  if (/^(?:page_mapcount|folio_mapcount)$/.test(name)) return 'pages.P1.mapcount';
  if (/^(?:page_mapped|folio_mapped)$/.test(name)) return '(pages.P1.mapcount > 0)';
  if (name === 'pmd_trans_huge') return "(pmd == 'huge')";
  if (name === 'detach_vmas_to_be_unmapped') return '!stack_beside';
  if (name === 'pte_none' || name === 'pte_present' || name === 'pte_dirty') {
    const arg = args.trim();
    if (arg.startsWith('*')) return name === 'pte_dirty' ? '(!pte_none(mm, 0) && pte_dirty_bit)' : `${name === 'pte_none' ? '' : '!'}pte_none(mm, 0)`;
    if (aliases.get(arg) === KEPT) return name === 'pte_dirty' ? 'kept_dirty' : `${name === 'pte_none' ? '!' : ''}kept_present`;
  }
  return null;
}

/** A C condition in the step language, or null when any part of it is beyond the draft's objects. */
export function translateCondition(c: string, aliases: ReadonlyMap<string, string>): string | null {
  const held: string[] = [];
  const hold = (expr: string) => `@${held.push(expr) - 1}@`;
  let text = c.replace(/\b(?:un)?likely\s*\(/g, '(');
  for (let guard = 0; /\b\w+\s*\([^()]*\)/.test(text) && guard < 20; guard++) {
    let unknown = false;
    text = text.replace(/\b(\w+)\s*\(([^()]*)\)/g, (_, name: string, args: string) => {
      const expr = atom(name, args, aliases);
      if (expr === null) unknown = true;
      return hold(expr ?? '');
    });
    if (unknown) return null;
  }
  let unknown = false;
  text = text.replace(/\b[A-Za-z_]\w*\b/g, (name) => {
    if (name === 'true' || name === 'false') return hold(name);
    const expr = aliases.get(name);
    if (expr === undefined || expr === KEPT) unknown = true;
    return hold(expr ?? '');
  });
  // Only comparisons, logic and sums of what was read; a lone & | = is C the draft does not follow.
  if (unknown || !/^[\s\d@!&|=<>+\-()]*$/.test(text) || /(?<![&])&(?!&)|(?<![|])\|(?!\|)|(?<![=!<>])=(?!=)/.test(text)) return null;
  return text.replace(/@(\d+)@/g, (_, i: string) => held[Number(i)]!).replace(/\s+/g, ' ').trim();
}

const codeOf = (raw: string) => (/^[+\- ]/.test(raw) ? raw.slice(1) : raw).replace(/\/\*.*?\*\/|\/\/.*$/g, '');

/** The condition of an `if (…)` on one line, and the text after it; null when it does not close there. */
function ifAt(code: string): { cond: string; rest: string } | null {
  const m = /^\s*if\s*\(/.exec(code);
  if (!m) return null;
  let depth = 1;
  for (let i = m[0].length; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return { cond: code.slice(m[0].length, i), rest: code.slice(i + 1).trim() };
  }
  return null;
}

const jumpOf = (code: string, labels: ReadonlyMap<string, number>): number | 'end' | null => {
  const g = /\bgoto\s+(\w+)\s*;/.exec(code);
  if (g) return labels.get(g[1]!) ?? null;
  return /\breturn\b/.test(code) ? 'end' : null;
};

/**
 * The branches of a thread's lines (each with its diff sign), by the line of their `if`: those of
 * removed lines read in the code before the patch, the others in the code after it; line numbers
 * are the given lines'. A context line's branch that reads differently before the patch carries
 * that reading as `before`.
 */
export function branches(lines: readonly string[]): Map<number, Branch> {
  const out = new Map<number, Branch>();
  const beforeOnContext = new Map<number, Branch>();
  for (const side of ['-', '+'] as const) {
    const index = lines.flatMap((l, i) => (l.startsWith(side === '-' ? '+' : '-') ? [] : [i]));
    const back = (n: number) => index[n] ?? (index.length ? index[index.length - 1]! + 1 : 0);
    for (const [at, b] of branchesOf(index.map((i) => lines[i]!))) {
      const line = index[at]!;
      const mapped = { ...b, skipTo: back(b.skipTo), bodyFrom: back(b.bodyFrom), jump: b.jump && { line: back(b.jump.line), to: b.jump.to === 'end' ? 'end' as const : back(b.jump.to) } };
      if (side === '-' && !lines[line]!.startsWith('-')) beforeOnContext.set(line, mapped);
      else if ((side === '-') === lines[line]!.startsWith('-')) out.set(line, mapped);
    }
  }
  const same = (a: Branch, b: Branch | undefined) => !!b && a.cond === b.cond && a.skipTo === b.skipTo && JSON.stringify(a.jump) === JSON.stringify(b.jump);
  for (const [line, b] of out) {
    if (/^[+-]/.test(lines[line]!) || same(b, beforeOnContext.get(line))) continue;
    out.set(line, { ...b, before: beforeOnContext.get(line) ?? null });
  }
  return out;
}

/** Where an `if`'s block lies: its lines (from, to exclusive), whether it is one statement, and whether an else follows. */
function blockOf(code: readonly string[], i: number, rest: string): { from: number; to: number; single: boolean; hasElse: boolean } | null {
  if (rest.startsWith('{')) {
    let depth = 0;
    let end = -1;
    for (let j = i; j < code.length && end < 0; j++) {
      for (const ch of j === i ? rest : code[j]!) {
        if (ch === '{') depth++;
        else if (ch === '}' && --depth === 0) { end = j; break; }
      }
    }
    if (end < 0) return null;
    const body = code.slice(i + 1, end).filter((l) => l.trim());
    return { from: i + 1, to: end, single: body.length === 1 && !/[{}]/.test(body[0]!), hasElse: /\belse\b/.test(code[end]!) || /^\s*else\b/.test(code[end + 1] ?? '') };
  }
  if (rest) return { from: i + 1, to: i + 1, single: true, hasElse: /^\s*else\b/.test(code[i + 1] ?? '') };
  if (i + 1 < code.length && !/^\s*\{/.test(code[i + 1]!)) return { from: i + 1, to: i + 2, single: true, hasElse: /^\s*else\b/.test(code[i + 2] ?? '') };
  return null;
}

const ASSIGN = /^\s*(?:[\w\s*]+\s)?\**([A-Za-z_]\w*)\s*=\s*([^=;][^;]*);\s*$/;
const CLEARS = /^\s*(?:ptep_get_and_clear(?:_full)?|ptep_clear_flush)\s*\(/;

function branchesOf(lines: readonly string[]): Map<number, Branch> {
  const code = lines.map(codeOf);
  const labels = new Map<string, number>();
  const aliases = new Map<string, string>();
  code.forEach((c, i) => {
    const label = /^\s*([A-Za-z_]\w*):\s*$/.exec(c);
    if (label && label[1] !== 'default') labels.set(label[1]!, i);
  });
  // The ifs each line lies in, and each if's block and condition (null: not evaluated).
  const blocks = new Map<number, NonNullable<ReturnType<typeof blockOf>>>();
  const within = new Map<number, number[]>();
  code.forEach((c, i) => {
    const found = ifAt(c);
    const block = found && blockOf(code, i, found.rest);
    if (!block) return;
    blocks.set(i, block);
    for (let j = block.from; j < block.to; j++) within.set(j, [...(within.get(j) ?? []), i]);
  });
  const condAt = new Map<number, string | null>();
  /** A variable assigned under the `guards` ifs: an alias only when what it stands for is known. */
  const assign = (name: string, rhs: string, guards: readonly number[]) => {
    const value = CLEARS.test(rhs) ? KEPT : translateCondition(rhs, aliases);
    if (guards.length === 0) return value === null ? aliases.delete(name) : aliases.set(name, value === KEPT ? KEPT : `(${value})`);
    const g = guards.length === 1 ? condAt.get(guards[0]!) : null;
    const old = aliases.get(name);
    const block = blocks.get(guards[0]!);
    if (old === undefined && value === 'false' && g && !SHARED.test(g) && block?.single && !block.hasElse) return aliases.set(name, `(!(${g}))`);
    if (value === null || value === KEPT || !g || SHARED.test(g) || old === undefined || old === KEPT || !block?.single || block.hasElse) return aliases.delete(name);
    aliases.set(name, old === '(false)' && value === 'true' ? `(${g})` : `((${g}) ? ${value} : ${old})`);
  };
  const out = new Map<number, Branch>();
  code.forEach((c, i) => {
    const found = ifAt(c);
    const cond = found && translateCondition(found.cond, aliases);
    if (found) condAt.set(i, cond);
    const stmt = found ? (found.rest.startsWith('{') ? '' : found.rest) : c;
    const set = ASSIGN.exec(stmt);
    if (set) assign(set[1]!, set[2]!, found ? [...(within.get(i) ?? []), i] : within.get(i) ?? []);
    if (!found || cond === null) return;
    const block = blocks.get(i);
    if (!block || block.hasElse) return;
    if (found.rest.startsWith('{')) {
      // The block's first statement that is a jump, at its top level.
      let jump: Branch['jump'] = null;
      for (let j = i + 1; j < block.to && !jump; j++) {
        if (/[{}]/.test(code[j]!) || ifAt(code[j]!)) break;
        const to = jumpOf(code[j]!, labels);
        if (to !== null) jump = { line: j, to };
      }
      out.set(i, { text: found.cond.trim(), cond, skipTo: block.to + 1, bodyFrom: i + 1, jump });
    } else if (found.rest) {
      const to = jumpOf(found.rest, labels);
      out.set(i, { text: found.cond.trim(), cond, skipTo: i + 1, bodyFrom: i + 1, jump: to === null ? null : { line: i, to } });
    } else {
      const to = jumpOf(code[i + 1]!, labels);
      out.set(i, { text: found.cond.trim(), cond, skipTo: i + 2, bodyFrom: i + 1, jump: to === null ? null : { line: i + 1, to } });
    }
  });
  return out;
}
