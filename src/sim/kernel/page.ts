// struct page, reduced to what the seed races need. Pages live in a table keyed by a short id
// ('P1'); every access goes through `page()`, which turns a use of a freed page into a fault.
import { ModelFault } from '../engine/types.js';

export interface Page {
  /** page_count(): references held (page cache, gup, the fault path in flight). */
  ref: number;
  /** page_mapcount(): ptes mapping the page (plus gup "mappings" in the 2018 proposal). */
  mapcount: number;
  /** Pins taken by get_user_pages/pin_page and not yet released. */
  pincount: number;
  locked: boolean;
  dirty: boolean;
  writeback: boolean;
  uptodate: boolean;
  /** PG_sticky (2002): 0 or 1 for Ingo's flag, a count for Martin Wirth's counter. */
  sticky: number;
  /** The filesystem has prepared the page for writing (buffers / block mapping attached). */
  buffers: boolean;
  /** Bumped by every write of the contents, so "the data changed" is observable. */
  version: number;
  /** page->mapping: the address space it belongs to, or null once truncated (or anonymous). */
  mapping: string | null;
  index: number;
  freed: boolean;
}

export type Pages = Record<string, Page>;

export function newPage(fields: Partial<Page> = {}): Page {
  return {
    ref: 1, mapcount: 0, pincount: 0, locked: false, dirty: false, writeback: false, uptodate: true,
    sticky: 0, buffers: false, version: 0, mapping: null, index: 0, freed: false, ...fields,
  };
}

/** The page behind `id`; dereferencing a freed page is a use after free. */
export function page(pages: Pages, id: string): Page {
  const p = pages[id];
  if (!p) throw new ModelFault('no-such-page', `page ${id} does not exist`);
  if (p.freed) throw new ModelFault('use-after-free', `page ${id} used after it was freed`);
  return p;
}

/** Allocates a fresh page with the next free id (P1, P2, …). */
export function allocPage(pages: Pages, fields: Partial<Page> = {}): string {
  let n = 1;
  while (pages[`P${n}`]) n++;
  const id = `P${n}`;
  pages[id] = newPage(fields);
  return id;
}

export function getPage(pages: Pages, id: string): void {
  page(pages, id).ref++;
}

/** put_page(): the last reference frees the page. */
export function putPage(pages: Pages, id: string): void {
  const p = page(pages, id);
  if (p.ref <= 0) throw new ModelFault('refcount', `put_page(${id}) with no reference held`);
  if (--p.ref === 0) p.freed = true;
}

export function trylockPage(pages: Pages, id: string): boolean {
  const p = page(pages, id);
  if (p.locked) return false;
  p.locked = true;
  return true;
}

export function unlockPage(pages: Pages, id: string): void {
  const p = page(pages, id);
  if (!p.locked) throw new ModelFault('unlock-unlocked', `unlock_page(${id}) on an unlocked page`);
  p.locked = false;
}
