import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPatches } from '../../src/patch/index.js';
import type { FoundPatch } from '../../src/patch/types.js';
import { seed000, seed001, seed004 } from './seeds.js';

function symbolsOf(patch: FoundPatch, path: string): string[][] {
  const file = patch.files.find((f) => f.newPath === path);
  assert.ok(file, `file ${path}`);
  return file.hunks.map((h) => h.symbols.map((s) => `${s.kind} ${s.name}`));
}

test('000: a whitespace-damaged diff -urNp attachment is one repaired patch', () => {
  const patches = findPatches(seed000());
  assert.equal(patches.length, 1);
  const [p] = patches;
  assert.equal(p.origin, 'attachment');
  assert.equal(p.repaired, true);
  assert.ok(p.problems.some((x) => x.includes('whitespace-damaged')));
  assert.deepEqual(p.files.map((f) => f.newPath), ['fs/inode.c', 'include/linux/fs.h', 'mm/memory.c', 'mm/vmscan.c']);
  assert.deepEqual(symbolsOf(p, 'mm/memory.c'), [
    ['function vmtruncate'], ['function vmtruncate'],
    ['function do_no_page'], ['function do_no_page'], ['function do_no_page'],
  ]);
  assert.deepEqual(symbolsOf(p, 'fs/inode.c'), [['function inode_init_once']]);
  assert.deepEqual(symbolsOf(p, 'include/linux/fs.h'), [[], ['struct address_space']]);
  // The vmscan.c hunk's header is a label: it names no function.
  assert.deepEqual(symbolsOf(p, 'mm/vmscan.c'), [[]]);
  const memory = p.files.find((f) => f.newPath === 'mm/memory.c')!;
  assert.equal(memory.additions, 25);
  assert.equal(memory.deletions, 0);
  // Every hunk body fits its counts after repair.
  for (const f of p.files) for (const h of f.hunks) {
    assert.equal(h.lines.filter((l) => l[0] !== '+' && l[0] !== '\\').length, h.oldLines);
    assert.equal(h.lines.filter((l) => l[0] !== '-' && l[0] !== '\\').length, h.newLines);
  }
});

test('000: the quoted fragment in the reply text is not a patch', () => {
  const patches = findPatches(seed000());
  assert.equal(patches.filter((p) => p.origin !== 'attachment').length, 0);
});

test('001: inline diffs against .orig paths, symbols from definitions inside hunks', () => {
  const patches = findPatches(seed001());
  assert.equal(patches.length, 1);
  const [p] = patches;
  assert.equal(p.origin, 'inline');
  assert.deepEqual(p.files.map((f) => [f.oldPath, f.newPath]), [
    ['include/linux/page-flags.h', 'include/linux/page-flags.h'],
    ['kernel/futex.c', 'kernel/futex.c'],
    ['mm/memory.c', 'mm/memory.c'],
  ]);
  assert.deepEqual(symbolsOf(p, 'kernel/futex.c')[1], ['function pin_page']);
  assert.deepEqual(symbolsOf(p, 'include/linux/page-flags.h')[1], ['macro PageSticky', 'macro SetPageSticky', 'macro ClearPageSticky']);
  const memory = p.files.find((f) => f.newPath === 'mm/memory.c')!;
  const first = memory.hunks[0].symbols;
  assert.deepEqual(first.map((s) => [s.name, s.change]), [['establish_pte', 'added'], ['handle_sticky_page', 'added']]);
  const last = memory.hunks[memory.hunks.length - 1].symbols;
  assert.deepEqual(last.map((s) => [s.name, s.change]), [['establish_pte', 'removed']]);
});

test('004: four format-patch attachments, four patches with their own subjects and authors', () => {
  const patches = findPatches(seed004());
  assert.equal(patches.length, 4);
  assert.deepEqual(patches.map((p) => p.ordinal), [1, 2, 3, 4]);
  assert.ok(patches.every((p) => p.origin === 'attachment' && p.authorEmail === 'torvalds@linux-foundation.org'));
  assert.match(patches[0].subject ?? '', /^\[PATCH 1\/4\] mm: move final page locking out of __do_fault\(\) helper into callers$/);
  assert.match(patches[3].subject ?? '', /^\[PATCH 4\/4\]/);
  assert.deepEqual(patches[0].files[0].hunks.map((h) => h.symbols.map((s) => s.name)), [
    ['__do_fault'], ['do_read_fault'], ['do_cow_fault'], ['do_shared_fault'],
  ]);
});

test('004: patch 4 hunk 1 is in filemap_map_pages, not the EXPORT_SYMBOL(filemap_fault) of its header', () => {
  const p4 = findPatches(seed004())[3];
  const hunk = p4.files[0].hunks[0];
  assert.equal(hunk.header, 'EXPORT_SYMBOL(filemap_fault);');
  assert.deepEqual(hunk.symbols.map((s) => s.name), ['filemap_map_pages']);
  assert.equal(hunk.symbols[0].how, 'definition-in-hunk');
  const everything = p4.files.flatMap((f) => f.hunks.flatMap((h) => h.symbols.map((s) => s.name)));
  assert.ok(!everything.includes('filemap_fault'));
  assert.deepEqual(p4.trailers.map((t) => t.name), ['Needs-review-by', 'Needs-review-by', 'Needs-review-by', 'Not-yet-signed-off-by']);
});
