// Seed 003 (corpora/003_488de8a7248cdedf.txt): Peter Zijlstra and Matthew Wilcox, "Re:
// Splitting the mmap_sem", Feb 2020. A speculative page fault looks the vma up without holding
// mmap_sem across the fault; munmap removes the vma, zaps its ptes and frees it. Without a grace
// period the fault touches a freed vma; with SRCU alone it installs a pte after munmap zapped
// the range; re-validating a vma sequence count under the pte lock closes it, as do the per-VMA
// locks of 6.4.
import { DONE, ModelFault, type Invariant, type Model, type Step, type ThreadProgram } from '../engine/types.js';
import {
  callRcu, canLock, canRead, canWrite, downRead, downWrite, findVma, graceElapsed, lock, newPage, page,
  putPage, rcuDomain, readLock, readUnlock, runCallback, rwsem, setPte, unlock, unlocked, upRead, upWrite,
  vma, zapRange, type Mm, type Pages, type RcuDomain, type RwSem, type Vmas,
} from '../kernel/index.js';
import type { Scenario, Variant } from './types.js';

type Protocol = 'none' | 'srcu' | 'srcu-seq' | 'per-vma';

export interface VmaState {
  pages: Pages;
  vmas: Vmas;
  mm: Mm;
  mmapSem: RwSem;
  /** The per-VMA lock of V (6.4): readers are faults, the writer is munmap until mmap_write_unlock. */
  vmLock: RwSem;
  /** vma_srcu for the 2020 proposal, RCU for 6.4. */
  srcu: RcuDomain;
  pgtablesFreed: boolean;
  /** munmap has zapped V's range. */
  zapped: boolean;
}

const ADDRESS = 0;

function initialState(): VmaState {
  return {
    pages: { P1: newPage({ mapping: 'file' }) },
    vmas: { V: { start: 0, end: 1, file: 'file', inTree: true, freed: false, seq: 0 } },
    mm: { name: 'mm', ptes: {}, ptl: unlocked() },
    mmapSem: rwsem(),
    vmLock: rwsem(),
    srcu: rcuDomain(),
    pgtablesFreed: false,
    zapped: false,
  };
}

const vmaOf = (local: Record<string, unknown>) => local.vma as string;

function pageTable(g: VmaState): void {
  if (g.pgtablesFreed) throw new ModelFault('use-after-free', 'the pte page was freed by munmap (free_pgtables)');
}

/** The part of the fault both designs share: ->fault, the pte lock, the pte. */
function faultTail(protocol: Protocol, end: string): Record<string, Step<VmaState>> {
  return {
    fault: {
      does: '->fault: read vma->vm_file, find the page',
      run: (g, me) => {
        const v = vma(g.vmas, vmaOf(me.local));
        page(g.pages, 'P1').ref++;
        me.note(`${v.file}: P1`);
        return 'ptl';
      },
    },
    ptl: {
      does: 'pte_offset_map_lock: spin_lock(ptl)',
      waits: 'lock',
      guard: (g) => canLock(g.mm.ptl),
      run: (g) => (pageTable(g), lock(g.mm.ptl, 'ptl'), 'install'),
    },
    install: {
      does: protocol === 'srcu-seq' ? 'validate vma->vm_seq under ptl; set_pte_at; unlock ptl' : 'set_pte_at; unlock ptl',
      run: (g, me) => {
        if (protocol === 'srcu-seq' && vma(g.vmas, vmaOf(me.local)).seq !== me.local.seq) {
          me.note('vma changed: drop the page, retry under mmap_sem');
          putPage(g.pages, 'P1');
        } else if (g.mm.ptes[ADDRESS]) {
          putPage(g.pages, 'P1');
        } else {
          setPte(g.pages, g.mm, ADDRESS, 'P1', false);
          me.note('mapped P1');
        }
        unlock(g.mm.ptl, 'ptl');
        return end;
      },
    },
  };
}

function speculativeFault(protocol: Protocol): ThreadProgram<VmaState> {
  const srcu = protocol !== 'none';
  const steps: Record<string, Step<VmaState>> = {
    enter: {
      does: srcu ? 'srcu_read_lock(&vma_srcu)' : 'speculative fault: no read-side protection',
      run: (g, me) => ((me.local.ticket = srcu ? readLock(g.srcu) : 0), 'find'),
    },
    find: {
      does: 'down_read(mmap_sem); find_vma; up_read(mmap_sem)',
      waits: 'lock',
      guard: (g) => canRead(g.mmapSem),
      run: (g, me) => {
        const id = findVma(g.vmas, ADDRESS);
        if (!id) return me.note('no vma: SIGSEGV'), 'exit';
        me.local.vma = id;
        me.local.seq = g.vmas[id].seq;
        me.note(`${id}, vm_seq ${me.local.seq}`);
        return 'fault';
      },
    },
    ...faultTail(protocol, 'exit'),
    exit: { does: srcu ? 'srcu_read_unlock' : 'fault done', run: (g, me) => (srcu && readUnlock(g.srcu, me.local.ticket as number), DONE) },
  };
  return { name: 'fault', start: 'enter', steps, locals: { ticket: 0, vma: null, seq: 0 } };
}

function perVmaFault(): ThreadProgram<VmaState> {
  const steps: Record<string, Step<VmaState>> = {
    lookup: {
      does: 'lock_vma_under_rcu: rcu_read_lock; mas_walk',
      run: (g, me) => {
        me.local.ticket = readLock(g.srcu);
        const id = findVma(g.vmas, ADDRESS);
        if (!id) return readUnlock(g.srcu, me.local.ticket as number), me.note('not found: fall back'), 'fallback';
        me.local.vma = id;
        return 'startread';
      },
    },
    startread: {
      does: 'vma_start_read: down_read_trylock(vm_lock), not write-locked, not detached; rcu_read_unlock',
      run: (g, me) => {
        const v = vma(g.vmas, vmaOf(me.local));
        readUnlock(g.srcu, me.local.ticket as number);
        if (!canRead(g.vmLock) || !v.inTree) return me.note('failed: fall back to mmap_lock'), 'fallback';
        downRead(g.vmLock, 'vm_lock');
        return 'fault';
      },
    },
    fallback: {
      does: 'mmap_read_lock; find_vma',
      waits: 'lock',
      guard: (g) => canRead(g.mmapSem),
      run: (g, me) => {
        const id = findVma(g.vmas, ADDRESS);
        if (!id) return me.note('no vma: SIGSEGV'), DONE;
        downRead(g.mmapSem, 'mmap_lock');
        me.local.vma = id;
        me.local.mmap = true;
        return 'fault';
      },
    },
    ...faultTail('per-vma', 'end'),
    end: {
      does: 'vma_end_read / mmap_read_unlock',
      run: (g, me) => (me.local.mmap ? upRead(g.mmapSem, 'mmap_lock') : upRead(g.vmLock, 'vm_lock'), DONE),
    },
  };
  return { name: 'fault', start: 'lookup', steps, locals: { ticket: 0, vma: null, mmap: false } };
}

function munmap(protocol: Protocol): ThreadProgram<VmaState> {
  const deferred = protocol !== 'none';
  const steps: Record<string, Step<VmaState>> = {
    down: { does: 'munmap: down_write(mmap_sem)', waits: 'lock', guard: (g) => canWrite(g.mmapSem), run: (g) => (downWrite(g.mmapSem, 'mmap_sem'), protocol === 'per-vma' ? 'wlock' : 'detach') },
    wlock: { does: 'vma_start_write: wait for vma readers', waits: 'lock', guard: (g) => canWrite(g.vmLock), run: (g) => (downWrite(g.vmLock, 'vm_lock'), 'detach') },
    detach: {
      does: protocol === 'srcu-seq' ? 'detach_vmas_to_be_unmapped: vm_seq++, remove V from the tree' : 'detach_vmas_to_be_unmapped: remove V from the tree',
      run: (g) => {
        const v = vma(g.vmas, 'V');
        v.inTree = false;
        if (protocol === 'srcu-seq') v.seq++;
        return 'zap';
      },
    },
    zap: {
      does: protocol === 'per-vma' ? 'unmap_region: zap ptes, free_pgtables' : 'unmap_region: zap ptes',
      waits: 'lock',
      guard: (g) => canLock(g.mm.ptl),
      run: (g, me) => {
        const zapped = zapRange(g.pages, g.mm, 0, 1);
        g.zapped = true;
        if (protocol === 'per-vma') g.pgtablesFreed = true;
        me.note(zapped.length ? `unmapped ${zapped.join(', ')}` : 'nothing mapped yet');
        return 'up';
      },
    },
    up: {
      does: protocol === 'per-vma' ? 'mmap_write_unlock (mm_lock_seq++ ends the vma write lock)' : 'up_write(mmap_sem)',
      run: (g) => {
        upWrite(g.mmapSem, 'mmap_sem');
        if (protocol === 'per-vma') upWrite(g.vmLock, 'vm_lock');
        return deferred ? 'call' : 'free';
      },
    },
    free: { does: 'remove_vma: fput, vm_area_free; free_pgtables', run: (g) => ((vma(g.vmas, 'V').freed = true), (g.pgtablesFreed = true), DONE) },
    call: { does: protocol === 'per-vma' ? 'call_rcu(vm_area_free)' : 'call_srcu(&vma_srcu, free vma and page tables)', run: (g) => (callRcu(g.srcu, 'V'), 'callback') },
    callback: {
      does: protocol === 'per-vma' ? 'RCU callback after a grace period: vm_area_free' : 'SRCU callback after a grace period: fput, vm_area_free, free page tables',
      waits: 'lock',
      guard: (g) => graceElapsed(g.srcu),
      run: (g) => {
        vma(g.vmas, runCallback(g.srcu)).freed = true;
        g.pgtablesFreed = true;
        return DONE;
      },
    },
  };
  return { name: 'munmap', start: 'down', steps };
}

const pteInsideVma: Invariant<VmaState> = {
  name: 'pte-inside-vma',
  says: 'Once munmap has zapped a range, no pte maps an address there that no vma in the tree covers.',
  at: 'always',
  violated: (g) => {
    if (!g.zapped) return null;
    const stray = Object.keys(g.mm.ptes).find((a) => !findVma(g.vmas, Number(a)));
    return stray === undefined ? null : `pte ${stray} maps ${g.mm.ptes[stray].page} after munmap zapped it; no vma covers it`;
  },
};

export function srcuVmaModel(protocol: Protocol): Model<VmaState> {
  return {
    name: `srcu-vma/${protocol}`,
    init: initialState(),
    threads: [protocol === 'per-vma' ? perVmaFault() : speculativeFault(protocol), munmap(protocol)],
    // Without a grace period the question is memory safety alone (I1); a use after free is a
    // fault in every variant. The pte invariant (I2) is what SRCU leaves open.
    invariants: protocol === 'none' ? [] : [pteInsideVma],
    show: (g) => {
      const v = g.vmas.V;
      return `V{${v.inTree ? 'in tree' : 'detached'}${v.freed ? ', FREED' : ''}, vm_seq ${v.seq}}; ptes ${Object.entries(g.mm.ptes).map(([a, p]) => `${a}→${p.page}`).join(' ') || 'none'}; page tables ${g.pgtablesFreed ? 'freed' : 'live'}; readers [${g.srcu.active}], callbacks ${g.srcu.callbacks.length}`;
    },
  };
}

const variant = (name: string, kind: Variant['kind'], protocol: Protocol, expected: Variant['expected'], description: string): Variant => ({
  name, kind, description, expected, build: () => srcuVmaModel(protocol),
});

export const srcuVma: Scenario = {
  id: 'srcu-vma',
  title: 'Speculative fault under SRCU vs munmap',
  seed: '003_488de8a7248cdedf.txt',
  summary: 'A fault that looked the vma up without mmap_sem races munmap: use after free without a grace period, a pte installed after the zap without re-validation.',
  functions: ['srcu_read_lock', 'srcu_read_unlock', 'find_vma', 'handle_mm_fault', 'pte_offset_map_lock', 'set_pte_at', 'do_munmap', 'detach_vmas_to_be_unmapped', 'unmap_region', 'free_pgtables', 'remove_vma', 'call_srcu', 'lock_vma_under_rcu', 'vma_start_read', 'vma_start_write', 'vma_end_read'],
  locks: ['mmap_sem', 'vma_srcu', 'ptl', 'vm_seq', 'per-VMA lock', 'RCU'],
  code: [
    { function: 'do_user_addr_fault', operation: 'srcu', step: 'fault step 1: srcu_read_lock(&vma_srcu)' },
    { function: 'do_user_addr_fault', operation: 'vma-lookup', step: 'fault step 2: down_read(mmap_sem); find_vma; up_read(mmap_sem)' },
    { function: 'do_user_addr_fault', operation: 'lock:mmap_sem', step: 'fault step 2: down_read(mmap_sem); find_vma; up_read(mmap_sem)' },
    { function: '__do_page_fault', operation: 'srcu', step: 'fault step 1: srcu_read_lock(&vma_srcu)' },
    { function: '__do_page_fault', operation: 'vma-lookup', step: 'fault step 2: down_read(mmap_sem); find_vma; up_read(mmap_sem)' },
    { function: '__do_page_fault', operation: 'lock:mmap_sem', step: 'fault step 2: down_read(mmap_sem); find_vma; up_read(mmap_sem)' },
    { function: 'pte_map_lock', operation: 'lock:ptl', step: 'fault step 4: pte_offset_map_lock: spin_lock(ptl)' },
    { function: 'pte_map_lock', operation: 'seqcount-retry:vm_seq', step: 'fault step 5: validate vma->vm_seq under ptl; set_pte_at; unlock ptl' },
    { function: 'alloc_set_pte', operation: 'lock:ptl', step: 'fault step 4: pte_offset_map_lock: spin_lock(ptl)' },
    { function: 'alloc_set_pte', operation: 'set_pte', step: 'fault step 5: set_pte_at; unlock ptl' },
    { function: 'finish_fault', operation: 'lock:ptl', step: 'fault step 4: pte_offset_map_lock: spin_lock(ptl)' },
    { function: 'finish_fault', operation: 'set_pte', step: 'fault step 5: set_pte_at; unlock ptl' },
    { function: 'lock_vma_under_rcu', operation: 'rcu', step: 'fault step 1: lock_vma_under_rcu: rcu_read_lock; mas_walk' },
    { function: 'lock_vma_under_rcu', operation: 'vma-lookup', step: 'fault step 1: lock_vma_under_rcu: rcu_read_lock; mas_walk' },
    { function: 'lock_vma_under_rcu', operation: 'lock:vm_lock', step: 'fault step 2: vma_start_read: down_read_trylock(vm_lock), not write-locked, not detached; rcu_read_unlock' },
    { function: 'vma_start_read', operation: 'lock:vm_lock', step: 'fault step 2: vma_start_read: down_read_trylock(vm_lock), not write-locked, not detached; rcu_read_unlock' },
    { function: 'lock_mm_and_find_vma', operation: 'lock:mmap_sem', step: 'fault step 3: mmap_read_lock; find_vma' },
    { function: 'lock_mm_and_find_vma', operation: 'vma-lookup', step: 'fault step 3: mmap_read_lock; find_vma' },
    { function: 'vma_end_read', operation: 'lock:vm_lock', step: 'fault step 7: vma_end_read / mmap_read_unlock' },
    { function: '__vm_munmap', operation: 'lock:mmap_sem', step: 'munmap step 1: munmap: down_write(mmap_sem)' },
    { function: 'vma_start_write', operation: 'lock:vm_lock', step: 'munmap step 2: vma_start_write: wait for vma readers' },
    { function: 'do_vmi_align_munmap', operation: 'lock:vm_lock', step: 'munmap step 2: vma_start_write: wait for vma readers' },
    { function: 'do_vmi_align_munmap', operation: 'vma-detach', step: 'munmap step 3: detach_vmas_to_be_unmapped: remove V from the tree' },
    { function: 'do_munmap', operation: 'vma-detach', step: 'munmap step 3: detach_vmas_to_be_unmapped: remove V from the tree' },
    { function: '__do_munmap', operation: 'vma-detach', step: 'munmap step 3: detach_vmas_to_be_unmapped: remove V from the tree' },
    { function: 'detach_vmas_to_be_unmapped', operation: 'vma-detach', step: 'munmap step 3: detach_vmas_to_be_unmapped: remove V from the tree' },
    { function: 'detach_vmas_to_be_unmapped', operation: 'seqcount-write:vm_seq', step: 'munmap step 3: detach_vmas_to_be_unmapped: vm_seq++, remove V from the tree' },
    { function: 'unmap_region', operation: 'zap', step: 'munmap step 4: unmap_region: zap ptes' },
    { function: 'unmap_region', operation: 'free-pgtables', step: 'munmap step 4: unmap_region: zap ptes, free_pgtables' },
    { function: '__do_munmap', operation: 'lock:mmap_sem', step: 'munmap step 5: up_write(mmap_sem)' },
    { function: 'remove_vma', operation: 'vma-free', step: 'munmap step 6: remove_vma: fput, vm_area_free; free_pgtables' },
    { function: 'remove_vma', operation: 'srcu', step: 'munmap step 7: call_srcu(&vma_srcu, free vma and page tables)' },
    { function: 'vm_area_free', operation: 'rcu', step: 'munmap step 7: call_rcu(vm_area_free)' },
    { function: 'free_pgtables', operation: 'free-pgtables', step: 'munmap step 6: remove_vma: fput, vm_area_free; free_pgtables' },
  ],
  messageIds: [],
  invariants: [
    { name: 'use-after-free', says: 'A fault never dereferences a freed vma or a freed page table.' },
    { name: pteInsideVma.name, says: pteInsideVma.says },
  ],
  variants: [
    variant('no-grace-period', 'before', 'none', 'violation', 'Memory safety only: the fault runs without mmap_sem or a grace period and munmap frees the vma at once: use after free.'),
    variant('srcu', 'patch', 'srcu', 'violation', "Peter's SRCU with call_srcu freeing: no use after free, but the fault installs a pte after munmap zapped it."),
    variant('srcu-seq', 'patch', 'srcu-seq', 'ok', 'SRCU plus a vma sequence count bumped by munmap and re-checked under the pte lock.'),
    variant('per-vma-locks', 'kernel', 'per-vma', 'ok', '6.4: lock_vma_under_rcu + vma_start_read; munmap vma_start_write; fall back to mmap_lock.'),
  ],
};
