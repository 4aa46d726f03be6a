// The histories kept in docs/history/: do_no_page and four more subjects that together cover
// all five seed threads of corpora/, each written to <slug>.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHistoryMarkdown } from './document.js';
import { loadHistoryInput, type HistoryLoadError } from './load/load.js';
import type { DB } from './load/sql.js';

/** Subject → the seed thread it is there for. */
export const BUNDLED_SUBJECTS: ReadonlyArray<{ subject: string; why: string }> = [
  { subject: 'do_no_page', why: '000 (truncate vs ->nopage, 2003) and, through __do_fault and its callers, 004' },
  { subject: 'pin_page', why: '001 (futex sticky pages vs fork + COW, 2002)' },
  { subject: 'put_user_page', why: '002 (GUP pins vs writeback, 2018)' },
  { subject: 'mmap_sem', why: '003 (splitting the mmap_sem, SRCU faults vs munmap, 2020)' },
  { subject: 'filemap_map_pages', why: '004 (fault-around without the page lock, 2020)' },
];

/** A file name from a subject: 'mm/filemap.c' → 'mm_filemap.c', '->nopage' → 'nopage'. */
export function slugOf(subject: string): string {
  return subject.replace(/^->/, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'history';
}

export interface BundledResult {
  written: string[];
  errors: Array<{ subject: string; error: HistoryLoadError }>;
}

/** Renders every bundled subject from `db` for `outDir`; what fails is returned, not thrown. */
export function renderBundledHistories(db: DB, outDir: string): { files: Array<{ path: string; text: string }>; errors: BundledResult['errors'] } {
  const files: Array<{ path: string; text: string }> = [];
  const errors: BundledResult['errors'] = [];
  for (const { subject } of BUNDLED_SUBJECTS) {
    const loaded = loadHistoryInput(db, subject);
    if (!loaded.ok) errors.push({ subject, error: loaded.error });
    // The seed threads are short: their histories are kept whole, every message and exchange.
    else files.push({ path: join(outDir, `${slugOf(subject)}.md`), text: renderHistoryMarkdown(loaded.input, { full: true }) });
  }
  return { files, errors };
}

export function writeBundledHistories(db: DB, outDir: string): BundledResult {
  const { files, errors } = renderBundledHistories(db, outDir);
  mkdirSync(outDir, { recursive: true });
  for (const { path, text } of files) writeFileSync(path, text);
  return { written: files.map((f) => f.path), errors };
}
