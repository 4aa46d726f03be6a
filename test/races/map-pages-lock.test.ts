// Regression test for the race of scenario map-pages-lock, emitted by
//   lorelab replay --patch-id 5875aba3067b9f9c7562b1fe000405af0bbf089e --emit-test <file>
// patch: [PATCH 4/4] mm: make filemap_map_pages() avoid the page lock if possible
// patch-id: 5875aba3067b9f9c7562b1fe000405af0bbf089e
// It fails when the model regresses: the schedule no longer reproduces the no-orphan-pte
// violation step for step, or a patched variant is no longer free of problems.
// Run it wherever lorelab is installed: npx lorelab test <file>
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explore, replay, isSimError } from "lorelab/sim";

const scenario = "map-pages-lock";
const before = "patch4-private";
const schedule = "0.0.0.1.1.0.1.1.0";
const steps = [
  "map_pages: filemap_map_pages: rcu_read_lock; xas_next_entry, page_cache_get_speculative",
  "map_pages: filemap_map_pages: PageLocked? (patch 4: no lock for private mappings)",
  "map_pages: filemap_map_pages: page->mapping == mapping, index < i_size?",
  "truncate: truncate_setsize: i_size_write(0)",
  "truncate: truncate_pagecache: unmap_mapping_range — nothing mapped",
  "map_pages: alloc_set_pte: pte_offset_map_lock",
  "truncate: truncate_inode_pages: lock_page",
  "truncate: truncate_inode_pages: page_mapped? unmap; delete_from_page_cache — not mapped",
  "map_pages: alloc_set_pte: page_add_file_rmap, set_pte; unlock ptl — mapped P1",
];
const patched = ["mapcount-recheck"];

test(`${scenario}/${before}: schedule ${schedule} reproduces no-orphan-pte, step for step`, () => {
  const run = replay(scenario, before, schedule);
  if (isSimError(run)) assert.fail(run.error);
  assert.equal(run.verdict, "violation");
  assert.equal(run.invariant, "no-orphan-pte");
  assert.deepEqual(run.trace.map((s) => `${s.threadName}: ${s.label}`), steps);
});

for (const variant of patched) {
  test(`${scenario}/${variant}: no violation under exhaustive exploration`, () => {
    const run = explore(scenario, variant);
    if (isSimError(run)) assert.fail(run.error);
    assert.equal(run.complete, true, 'the search must finish for "ok" to mean anything');
    assert.equal(run.verdict, 'ok', run.detail ?? undefined);
  });
}
