// `lorelab sim new --from-patch`: a runnable draft race file (src/sim/scenarios/FORMAT.md) for a
// patch no scenario models yet. One thread per touched function, its steps the locks, sequence
// counts, RCU sections and page flags its hunks take or test, and the ptes, page references and
// other objects they work on (draft-adversary.ts), in diff order; an adversary thread from the
// catalog's usual suspects working on the same objects (draft-adversary.ts); `after` is the code
// with the patch, `before` its edit: the added lines' steps removed, the removed lines' steps put
// back. The invariants are the adversary's defaults (draft-invariants.ts), for the author to
// sharpen. With `--source`, the hunks are the touched functions whole (source-functions.ts), so
// the steps outside the diff's context are there too.
import type { PatchFacts } from './patch-facts.js';
import { lockUses, type HunkText, type LockUse } from './lock-uses.js';
import { adversary, dataOps, dataStep, keepPte, PTE_STORE, type DataOp, type DataKind, type Objects } from './draft-adversary.js';
import { draftInvariants, sharedObjects } from './draft-invariants.js';
import { branches, type Branch } from './draft-branches.js';

/** At most this many threads from the patch: a model checker wants few. */
const MAX_THREADS = 3;

const q = (text: string) => JSON.stringify(text);
const ident = (text: string) => text.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'x';

interface Planned {
  name: string; does: string; sign: LockUse['sign']; fields: Record<string, string>; data?: DataKind; line: number; branch?: Branch;
  /** A context step the before variant replaces (a branch the code before the patch reads otherwise). */
  before?: Record<string, string>;
}

/**
 * The page references a thread drops that it did not take in the lines the draft sees: taken
 * before them (find_get_page above the hunk). The page starts with them, and the thread holds them.
 */
function referencesFromBefore(steps: readonly Planned[]): number {
  const program = (skip: LockUse['sign']) => {
    let held = 0;
    let before = 0;
    for (const s of steps) {
      if (s.sign === skip) continue;
      if (s.data === 'page-get') held++;
      else if (s.data === 'page-put') held > 0 ? held-- : before++;
    }
    return before;
  };
  return Math.max(program('-'), program('+'));
}

const FLAGS: Record<string, string> = { PG_locked: 'locked', PG_dirty: 'dirty', PG_writeback: 'writeback', PG_uptodate: 'uptodate' };

/**
 * A thread releases only what it took: `held_<lock>` locals say what it holds (a lock the hunk
 * releases but the thread never took was taken before the hunk). An `exit` step at the end drops
 * what the function still holds, since its unlock may lie outside the lines the draft sees.
 */
const RELEASE = {
  lock: (v: string) => `if held_${v} { unlock(${v}); held_${v} = false }`,
  rwsem: (v: string) => `if held_${v} == 'write' { up_write(${v}); held_${v} = 'none' } else if held_${v} == 'read' { up_read(${v}); held_${v} = 'none' }`,
  page: (_v: string) => "if held_page { unlock_page('P1'); held_page = false }",
};

/** The held_ locals the steps' code uses, each with its initial value and how the exit step releases it. */
function heldLocals(code: string, objects: Objects): { init: string[]; release: string[] } {
  const names = [...new Set(code.match(/\bheld_\w+/g) ?? [])].map((n) => n.slice('held_'.length));
  const kind = (v: string) => (v === 'page' ? 'page' : objects.rwsems.has(v) ? 'rwsem' : 'lock');
  return {
    init: names.map((v) => `held_${v}: ${kind(v) === 'rwsem' ? "'none'" : 'false'}`),
    release: names.map((v) => RELEASE[kind(v)](v)),
  };
}

/**
 * The rwsems the thread downgrades before it takes them: a downgrade needs the write lock, so the
 * caller took it (munmap's caller holds mmap_lock for writing). The thread takes them first.
 */
function heldByCaller(steps: readonly Planned[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const s of steps) {
    const run = s.fields.run ?? '';
    const downgrade = /up_write\((\w+)\); down_read\(\1\)/.exec(run)?.[1];
    if (downgrade && !seen.has(downgrade)) out.push(downgrade);
    for (const m of run.matchAll(/\bdown_(?:write|read)\((\w+)\)/g)) seen.add(m[1]!);
  }
  return out;
}

function stepFor(u: LockUse, objects: Objects, first: string): Record<string, string> | null {
  // A `_nested` take is lockdep's word for a second lock of the same class (fork: the child's mmap lock).
  // (A spin_lock_nested names its second lock in its argument already: old_ptl, new_ptl.)
  const v = ident(u.name) + (u.kind !== 'spinlock' && /_nested\b/.test(u.call) ? '_nested' : '');
  switch (u.kind) {
    case 'spinlock': case 'mutex': case 'semaphore':
      objects.locks.add(v);
      if (u.op === 'take') return { waits: 'lock', when: `can_lock(${v})`, run: `lock(${v}); held_${v} = true` };
      if (u.op === 'release') return { run: `if held_${v} { unlock(${v}); held_${v} = false } else { note 'held from before the hunk' }` };
      if (u.op === 'try') return { run: `if can_lock(${v}) { lock(${v}); held_${v} = true } else { note 'busy' }` };
      return null;
    case 'rwsem': {
      objects.rwsems.add(v);
      const write = /write/.test(u.call);
      if (u.op === 'take') return write ? { waits: 'lock', when: `can_write(${v})`, run: `down_write(${v}); held_${v} = 'write'` } : { waits: 'lock', when: `can_read(${v})`, run: `down_read(${v}); held_${v} = 'read'` };
      if (u.op === 'try') return { run: write ? `if can_write(${v}) { down_write(${v}); held_${v} = 'write' } else { note 'busy' }` : `if can_read(${v}) { down_read(${v}); held_${v} = 'read' } else { note 'busy' }` };
      if (u.op === 'release' && /downgrade/.test(u.call)) return { run: `if held_${v} == 'write' { up_write(${v}); down_read(${v}); held_${v} = 'read' } else { note 'not write-held here' }` };
      if (u.op === 'release') return { run: `${RELEASE.rwsem(v)} else { note 'held from before the hunk' }` };
      return null;
    }
    case 'seqcount':
      objects.seqs.add(v);
      if (u.op === 'sample') return { run: `seq = ${v}\nnote "seq {seq}"` };
      if (u.op === 'check') return { run: `if seq != ${v} { note 'changed: retry'; goto ${first} }` };
      return { run: `${v}++` };
    case 'rcu':
      objects.rcu = true;
      return u.op === 'take' ? { run: 'ticket = rcu_read_lock(rcu)' } : { run: 'if ticket != 0 { rcu_read_unlock(rcu, ticket); ticket = 0 }' };
    case 'page-lock':
      objects.page = true;
      objects.pageLock = true;
      if (u.op === 'take') return { waits: 'lock', when: "pages.P1.freed || !pages.P1.locked", run: "lock_page('P1'); held_page = true" };
      if (u.op === 'release') return { run: `${RELEASE.page('page')} else { note 'held from before the hunk' }` };
      if (u.op === 'try') return { run: "if trylock_page('P1') { held_page = true } else { note 'busy' }" };
      return { run: "note page('P1').locked ? 'locked' : 'unlocked'" };
    case 'page-flag': {
      objects.page = true;
      const field = FLAGS[u.name];
      if (!field) return { run: `note '${u.call}: not in the kernel model'` };
      if (u.op === 'set' || u.op === 'clear') return { run: `page('P1').${field} = ${u.op === 'set'}` };
      return { run: `note page('P1').${field} ? '${u.name} set' : '${u.name} clear'` };
    }
  }
  return null;
}

type Op = { sign: LockUse['sign']; line: number; lock?: LockUse; data?: DataOp; branch?: Branch };

/** The lock uses and data operations of the hunks' lines, in line order, and the branches the draft can take (after their line's operations). */
function operations(hunks: readonly HunkText[]): Op[] {
  const out: Op[] = [];
  const lines = hunks.flatMap((h) => h.lines.map((raw) => ({ raw, fn: h.fn })));
  const taken = branches(lines.map((l) => l.raw));
  lines.forEach(({ raw, fn }, line) => {
    const sign: LockUse['sign'] = raw.startsWith('+') ? '+' : raw.startsWith('-') ? '-' : ' ';
    const code = (sign === ' ' ? raw : raw.slice(1)).replace(/\/\*.*?\*\/|\/\/.*$/g, '');
    const locks = lockUses([{ fn, lines: [raw] }]).map((lock) => ({ at: code.indexOf(lock.call.replace(/\(.*$/, '')), sign, line, lock }));
    // The function's own name on its signature line is not a call of it.
    const data = dataOps(code).filter((d) => d.call !== `${fn}()`).map((d) => ({ at: code.indexOf(d.call.replace(/\(\)$/, '')), sign, line, data: d }));
    out.push(...[...locks, ...data].sort((a, b) => a.at - b.at).map(({ at: _at, ...op }) => op));
    const branch = taken.get(line);
    if (branch) out.push({ sign, line, branch });
  });
  return out;
}

/**
 * The branch steps' code, now that the thread's steps are known: a way goes to the first step at or
 * after its line that both variants have ('$end': the function's end). A branch whose block holds
 * no step and no jump it can take is dropped.
 */
function resolveBranches(steps: Planned[]): Planned[] {
  const at = (line: number | 'end') => (line === 'end' ? '$end' : steps.find((s) => s.line >= line && s.sign === ' ' && !s.branch)?.name ?? '$end');
  /** The branch's code on one side of the patch ('-': the code before it), or null when its block holds nothing to skip. */
  const runOf = (b: Omit<Branch, 'before'>, side: '-' | '+'): string | null => {
    const inBody = (from: number, to: number) => steps.some((o) => !o.branch && o.sign !== (side === '-' ? '+' : '-') && o.line >= from && o.line < to);
    const jump = b.jump && !inBody(b.bodyFrom, b.jump.line) ? b.jump : null;
    if (!jump && !inBody(b.bodyFrom, b.skipTo)) return null;
    return [`if !(${b.cond}) { goto ${at(b.skipTo)} }`, ...(jump ? [`if ${b.cond} { goto ${at(jump.to)} }`] : [])].join('\n');
  };
  return steps.flatMap((s) => {
    const b = s.branch;
    if (!b) return [s];
    const run = runOf(b, s.sign === '-' ? '-' : '+');
    if (run === null) return [];
    if (b.before === undefined) return [{ ...s, fields: { run } }];
    // A context line the code before the patch reads otherwise: the before variant replaces the step.
    const before = b.before && runOf(b.before, '-');
    const does = b.before ? `${s.does.replace(/: if \(.*$/, '')}: if (${b.before.text.replace(/\s+/g, ' ').slice(0, 100)}) [before the patch]` : `${s.does} [not evaluated before the patch: the block runs]`;
    return [{ ...s, fields: { run }, before: { does, run: before ?? "note 'the block runs'" } }];
  });
}

function yamlStep(name: string, fields: Record<string, string>, indent: string): string[] {
  const out = [`${indent}${name}:`];
  for (const [k, v] of Object.entries(fields)) {
    if (v.includes('\n')) out.push(`${indent}  ${k}: |`, ...v.split('\n').map((l) => `${indent}    ${l}`));
    else out.push(`${indent}  ${k}: ${q(v)}`);
  }
  return out;
}

export type Draft = { ok: true; id: string; text: string } | { ok: false; error: string };

/** `id` names the race (a race file's id is its file name); by default race-<first function>. */
export function raceDraft(patch: PatchFacts, id?: string): Draft {
  const fns = (patch.touched.length ? patch.touched : [...new Set(patch.hunks.map((h) => h.fn).filter((f): f is string => !!f))]);
  const objects: Objects = { locks: new Set(), rwsems: new Set(), seqs: new Set(), rcu: false, page: false, pageLock: false, data: new Set() };
  const threads: { fn: string; steps: Planned[] }[] = [];
  /** The first change of the pte the steps make, in order: a set means the pte starts empty (a fault path). */
  let firstPteChange: DataKind | null = null;
  for (const fn of fns) {
    const hunks = patch.hunks.filter((h) => h.fn === fn || (!fns.includes(h.fn ?? '') && fn === fns[0]));
    const planned: Planned[] = [];
    for (const op of operations(hunks)) {
      const name = `s${planned.length + 1}`;
      if (op.branch) {
        planned.push({ name, does: `${fn}: if (${op.branch.text.replace(/\s+/g, ' ').slice(0, 100)})`, sign: op.sign, fields: {}, line: op.line, branch: op.branch });
      } else if (op.lock) {
        const fields = stepFor(op.lock, objects, 's1');
        if (fields) planned.push({ name, does: `${fn}: ${op.lock.call}`, sign: op.sign, fields, line: op.line });
      } else if (op.data) {
        objects.data.add(op.data.kind);
        if (!firstPteChange && ['pte-set', 'pte-clear', 'pte-clear-flush', 'zap', 'wrprotect', 'fork'].includes(op.data.kind)) firstPteChange = op.data.kind;
        planned.push({ name, does: `${fn}: ${op.data.call}`, sign: op.sign, fields: dataStep(op.data), data: op.data.kind, line: op.line });
      }
    }
    const steps = resolveBranches(planned);
    // A branch reads the pte value a clear returned: the clearing steps record it.
    const reads = steps.map((x) => `${x.fields.run ?? ''}\n${x.before?.run ?? ''}`).join('\n');
    if (/\bkept_/.test(reads)) for (const x of steps) if (x.data === 'pte-clear' || x.data === 'pte-clear-flush') x.fields = { ...x.fields, run: `${keepPte(/\bkept_dirty\b/.test(reads))}\n${x.fields.run}` };
    if (steps.length && threads.length < MAX_THREADS) threads.push({ fn, steps });
  }
  if (threads.length === 0) return { ok: false, error: `patch ${patch.ordinal} of <${patch.messageId}> touches nothing the kernel model knows (no lock, sequence count, RCU section, page flag, pte or page reference on its lines): no draft written` };
  // A retry goes back to the thread's first step; a thread whose first step the patch adds or removes
  // cannot name it in both variants, so retries go to an always-present start step.
  id ??= `race-${ident(threads[0].fn).replace(/_/g, '-')}`;
  const adv = adversary(objects, [...objects.locks]);
  const lines: string[] = [
    `# Draft written by \`lorelab sim new --from-patch '${patch.messageId}' --patch ${patch.ordinal}\`.`,
    `# ${(patch.subject ?? '(no subject)').replace(/\s+/g, ' ')}`,
    '# Threads: the synchronisation the hunks show, in diff order; after = with the patch, before =',
    '# without it. The invariants are defaults for the adversary. TODO: sharpen the invariants, model',
    "# what the steps do to the data, set before's expect (sim run exits 1 while a verdict differs from it).",
    `race: ${id}`,
    `title: ${q(`TODO: the race ${(patch.subject ?? 'this patch').replace(/\s+/g, ' ')} closes`)}`,
    `summary: ${q('TODO: who races whom, and what goes wrong.')}`,
    `functions: ${JSON.stringify(fns.slice(0, 8))}`,
    `locks: ${JSON.stringify([...objects.locks, ...objects.rwsems, ...objects.seqs, ...(objects.rcu ? ['RCU'] : []), ...(objects.page ? ['page lock'] : [])])}`,
    'facts:',
    `  title: ${q(patch.subject ?? '')}`,
    `  messages: [{ id: ${q(patch.messageId)}, source: 'the mail the draft was made from' }]`,
    ...(patch.patchId ? [`  patches: [{ patch-id: ${patch.patchId}, source: 'lorelab git patch-id --stable over the mail' }]`] : []),
    "  note: 'draft from sim new: TODO check the facts'",
    'state:',
    ...[...objects.locks].map((l) => `  ${l}: { kind: lock }`),
    ...[...objects.rwsems].map((l) => `  ${l}: { kind: rwsem }`),
    ...[...objects.seqs].map((l) => `  ${l}: 0`),
    ...(objects.rcu ? ['  rcu: { kind: rcu }'] : []),
  ];
  const stateEnd = lines.length;
  lines.push('threads:');
  for (const t of threads) {
    const held = heldLocals(t.steps.map((x) => x.fields.run ?? '').join('\n'), objects);
    const mine = t.steps.some((x) => /\bmine\b/.test(x.fields.run ?? '')) ? ['mine: null'] : [];
    const refs = t.steps.some((x) => /\brefs\b/.test(x.fields.run ?? '')) ? [`refs: ${referencesFromBefore(t.steps)}`] : [];
    const kept = ['kept_present', 'kept_dirty'].filter((k) => t.steps.some((x) => new RegExp(`\\b${k}\\b`).test(x.fields.run ?? ''))).map((k) => `${k}: false`);
    lines.push(`  ${ident(t.fn)}:`, `    locals: { ${['seq: 0', 'ticket: 0', ...mine, ...refs, ...kept, ...held.init].join(', ')} }`, '    steps:');
    for (const v of heldByCaller(t.steps)) {
      lines.push(...yamlStep(`caller_${v}`, { does: `${t.fn}: called with ${v} held for writing (a downgrade needs it)`, waits: 'lock', when: `can_write(${v})`, run: `down_write(${v}); held_${v} = 'write'` }, '      '));
    }
    lines.push(...yamlStep('start', { does: `${t.fn}: entry`, run: 'seq = 0' }, '      '));
    for (const s of t.steps.filter((x) => x.sign !== '-')) lines.push(...yamlStep(s.name, { does: s.does + (s.sign === '+' ? ' [added by the patch]' : ''), ...fixRetry(s.fields, held.release.length > 0) }, '      '));
    if (held.release.length) lines.push(...yamlStep('exit', { does: `${t.fn}: return (drops what it still holds)`, run: held.release.join('\n') }, '      '));
  }
  lines.push(`  ${adv.name}:    # the adversary: chosen by the objects the steps touch (src/link/draft-adversary.ts)`, ...(adv.locals ? [`    locals: ${adv.locals}`] : []), '    steps:');
  for (const [name, fields] of adv.steps) lines.push(...yamlStep(name, fields, '      '));
  // The threads read the pte's dirty bit: a store through the mapping may set it, before or after they look.
  if (threads.some((t) => t.steps.some((x) => /\bpte_dirty_bit\b/.test(`${x.fields.run ?? ''}\n${x.before?.run ?? ''}`)))) {
    lines.push(`  ${PTE_STORE.name}:`, '    steps:');
    for (const [name, fields] of PTE_STORE.steps) lines.push(...yamlStep(name, fields, '      '));
  }
  const invariantsAt = lines.length;
  lines.push(
    'variants:',
    '  after:',
    '    kind: patch',
    '    expect: ok',
    `    says: ${q('The code with the patch (context and added lines).')}`,
    '  before:',
    '    kind: before',
    '    expect: ok          # TODO: what you conclude; the draft cannot know (a violation here is the race found)',
    `    says: ${q("The code before the patch: the added lines' steps removed, the removed lines' steps put back.")}`,
    '    from: after',
  );
  const edits: string[] = [];
  for (const t of threads) {
    const mine: string[] = [];
    const exits = heldLocals(t.steps.map((x) => x.fields.run ?? '').join('\n'), objects).release.length > 0;
    let previous = 'start';
    for (const s of t.steps) {
      if (s.sign === '+') mine.push(`        - remove: ${s.name}`);
      else if (s.sign === '-') {
        mine.push(`        - insert: ${s.name}`, `          after: ${previous}`, ...yamlStep('x', { does: `${s.does} [removed by the patch]`, ...fixRetry(s.fields, exits) }, '        ').slice(1));
        previous = s.name;
      } else {
        if (s.before) mine.push(`        - replace: ${s.name}`, ...yamlStep('x', fixRetry(s.before, exits), '        ').slice(1));
        previous = s.name;
      }
    }
    if (mine.length) edits.push(`      ${ident(t.fn)}:`, ...mine);
  }
  if (edits.length) lines.push('    edit:', ...edits);
  const steps = lines.slice(stateEnd, invariantsAt).join('\n');
  const shared = sharedObjects(steps, { faultIn: firstPteChange === 'pte-set', referencesFromBefore: threads.reduce((n, t) => n + referencesFromBefore(t.steps), 0) });
  lines.splice(invariantsAt, 0, ...draftInvariants(adv.name, [...lines.slice(0, stateEnd), ...shared, steps].join('\n'), [...objects.seqs], [...objects.locks]));
  lines.splice(stateEnd, 0, ...shared);
  return { ok: true, id, text: lines.join('\n') + '\n' };
}

/** Retries go to the thread's `start` step, which every variant has; `$end` is the function's end. */
function fixRetry(fields: Record<string, string>, exits: boolean): Record<string, string> {
  // A branch to the function's end goes to the exit step, which drops what the thread holds, if it has one.
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.replace(/goto s1\b/g, 'goto start').replace(/goto \$end\b/g, exits ? 'goto exit' : 'done')]));
}

/** The patch a draft is written for: `patch` (1-based) of the message, else its first. */
export function skeletonTarget(patches: readonly PatchFacts[], messageId: string, patch?: number): PatchFacts | string {
  if (patches.length === 0) return `message <${messageId}> carries no patch in the database (ingest it first, or check the Message-ID)`;
  if (patch === undefined) return patches[0]!;
  return patches.find((p) => p.ordinal === patch) ?? `message <${messageId}> has patches ${patches.map((p) => p.ordinal).join(', ')}, not ${patch}`;
}
