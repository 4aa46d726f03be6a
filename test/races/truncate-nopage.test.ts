// Regression test for the race of scenario truncate-nopage, emitted by
//   lorelab replay --patch-id 802f446eafb91b63159993238bbc15d878d7bcb8 --emit-test <file>
// patch: Re: Always passing mm and vma down (was: [RFC][PATCH] Convert do_no_page() to a hook to avoid DFS race)
// patch-id: 802f446eafb91b63159993238bbc15d878d7bcb8
// It fails when the model regresses: the schedule no longer reproduces the no-orphan-pte
// violation step for step, or a patched variant is no longer free of problems.
// Run it wherever lorelab is installed: npx lorelab test <file>
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explore, replay, isSimError } from "lorelab/sim";

const scenario = "truncate-nopage";
const before = "before";
const schedule = "0.0.0.1.1.1.0.0.1";
const steps = [
  "fault: handle_mm_fault: pte_none, call do_no_page",
  "fault: filemap_nopage: pgoff < i_size?",
  "fault: filemap_nopage: find_get_page — ->nopage returned P1",
  "truncate: do_truncate: down(i_sem)",
  "truncate: vmtruncate: i_size_write(0)",
  "truncate: vmtruncate: zap_page_range — nothing mapped yet",
  "fault: do_no_page: spin_lock(page_table_lock)",
  "fault: do_no_page: pte_none? set_pte, spin_unlock(page_table_lock) — set_pte(P1)",
  "truncate: truncate_inode_pages — P1 leaves the page cache",
];
const patched = ["frlock", "frlock-4-faults"];

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
