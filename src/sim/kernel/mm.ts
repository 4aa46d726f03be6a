// Address spaces: ptes per mm (address → page, writable) and vmas, with the page-table lock.
import { ModelFault } from '../engine/types.js';
import { page, putPage, type Pages } from './page.js';
import type { Lock } from './locks.js';

export interface Pte {
  page: string;
  writable: boolean;
}

export interface Mm {
  name: string;
  /** Present ptes by virtual page number. */
  ptes: Record<string, Pte>;
  /** mm->page_table_lock / the pte lock. */
  ptl: Lock;
}

export interface Vma {
  start: number;
  /** Exclusive end, in pages. */
  end: number;
  file: string | null;
  /** Still linked in the mm's vma tree (not yet detached by munmap). */
  inTree: boolean;
  freed: boolean;
  /** A sequence count bumped by munmap before it zaps (the 2017/2020 speculative-fault proposal). */
  seq: number;
}

export type Vmas = Record<string, Vma>;

export function vma(vmas: Vmas, id: string): Vma {
  const v = vmas[id];
  if (!v) throw new ModelFault('no-such-vma', `vma ${id} does not exist`);
  if (v.freed) throw new ModelFault('use-after-free', `vma ${id} dereferenced after it was freed`);
  return v;
}

/** find_vma(): the vma in the tree covering `address`, if any. */
export function findVma(vmas: Vmas, address: number): string | null {
  for (const id of Object.keys(vmas).sort()) {
    const v = vmas[id];
    if (v.inTree && !v.freed && v.start <= address && address < v.end) return id;
  }
  return null;
}

export const pteNone = (mm: Mm, address: number): boolean => !mm.ptes[address];

/** set_pte + page_add_rmap: map `id` at `address`; the caller's page reference passes to the pte. */
export function setPte(pages: Pages, mm: Mm, address: number, id: string, writable: boolean): void {
  if (mm.ptes[address]) throw new ModelFault('pte', `set_pte over a present pte at ${address} in ${mm.name}`);
  page(pages, id).mapcount++;
  mm.ptes[address] = { page: id, writable };
}

/**
 * Clears one pte (zap_pte_range for one entry): page_remove_rmap and put_page of the reference
 * the fault handed to the pte. Returns the page it mapped.
 */
export function clearPte(pages: Pages, mm: Mm, address: number): string | null {
  const pte = mm.ptes[address];
  if (!pte) return null;
  delete mm.ptes[address];
  page(pages, pte.page).mapcount--;
  putPage(pages, pte.page);
  return pte.page;
}

/** zap_page_range over [from, to): the pages it unmapped. */
export function zapRange(pages: Pages, mm: Mm, from: number, to: number): string[] {
  const zapped: string[] = [];
  for (const address of Object.keys(mm.ptes).map(Number).sort((a, b) => a - b)) {
    if (address >= from && address < to) zapped.push(clearPte(pages, mm, address) as string);
  }
  return zapped;
}

/** Clears every pte of `mm` that maps `id` (the rmap walk of unmap_mapping_range / try_to_unmap). */
export function unmapPage(pages: Pages, mm: Mm, id: string): number {
  let n = 0;
  for (const address of Object.keys(mm.ptes)) {
    if (mm.ptes[address].page === id) {
      clearPte(pages, mm, Number(address));
      n++;
    }
  }
  return n;
}

/** Ptes of `mm` that map `id`. */
export function mappingsOf(mm: Mm, id: string): number {
  return Object.values(mm.ptes).filter((pte) => pte.page === id).length;
}
