// The page cache of one file (struct address_space): index → page, and the file size.
import { ModelFault } from '../engine/types.js';
import { page, putPage, type Pages } from './page.js';

export interface Mapping {
  name: string;
  /** i_size, in pages. */
  isize: number;
  /** Cached pages by index (the radix tree / xarray). */
  cache: Record<string, string>;
}

export function findPage(mapping: Mapping, index: number): string | null {
  return mapping.cache[index] ?? null;
}

export function addToPageCache(pages: Pages, mapping: Mapping, index: number, id: string): void {
  if (mapping.cache[index]) throw new ModelFault('page-cache', `index ${index} of ${mapping.name} already cached`);
  mapping.cache[index] = id;
  const p = page(pages, id);
  p.mapping = mapping.name;
  p.index = index;
}

/** delete_from_page_cache(): the page leaves the cache, page->mapping = NULL, cache ref dropped. */
export function deleteFromPageCache(pages: Pages, mapping: Mapping, id: string): void {
  const p = page(pages, id);
  delete mapping.cache[p.index];
  p.mapping = null;
  putPage(pages, id);
}

/** Is `id` still the page the cache holds at its index (not truncated, not replaced)? */
export function inPageCache(pages: Pages, mapping: Mapping, id: string): boolean {
  const p = pages[id];
  return !!p && !p.freed && p.mapping === mapping.name && mapping.cache[p.index] === id;
}
