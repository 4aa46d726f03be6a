// Regression test for the race of scenario futex-cow-fork, emitted by
//   lorelab replay --patch-id eab97fce29e27b64ce6e4849ca3b862da073709a --emit-test <file>
// patch: [patch] 'sticky pages' support in the VM, futex-2.5.38-C5
// patch-id: eab97fce29e27b64ce6e4849ca3b862da073709a
// It fails when the model regresses: the schedule no longer reproduces the no-lost-wakeup
// violation step for step, or a patched variant is no longer free of problems.
// Run it wherever lorelab is installed: npx lorelab test <file>
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explore, replay, isSimError } from "lorelab/sim";

const scenario = "futex-cow-fork";
const before = "before";
const schedule = "0.0.0.1.1.1";
const steps = [
  "waiter: futex_wait: pin_page — get_user_pages(write=0) — key page:P1+0",
  "waiter: futex_wait: queue_me",
  "waiter: futex_wait: *uaddr == 1?",
  "parent: fork: dup_mmap under mmap_sem (write), copy_page_range — wrprotect, child shares P1",
  "parent: parent: *uaddr = 0 (unlock) — write fault: do_wp_page gives the parent P2",
  "parent: futex_wake(uaddr) — key page:P2+0: woke 0",
];
const patched = ["sticky"];

test(`${scenario}/${before}: schedule ${schedule} reproduces no-lost-wakeup, step for step`, () => {
  const run = replay(scenario, before, schedule);
  if (isSimError(run)) assert.fail(run.error);
  assert.equal(run.verdict, "lost-wakeup");
  assert.equal(run.invariant, "no-lost-wakeup");
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
