// The kernel model's helpers: reference counting, use after free, grace periods, futex hash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelFault } from '../../src/sim/engine/types.js';
import { callRcu, futexHash, graceElapsed, keyOf, newPage, page, putPage, queueMe, rcuDomain, readLock, readUnlock, wake } from '../../src/sim/kernel/index.js';

test('the last put_page frees the page and a later use is a use after free', () => {
  const pages = { P1: newPage({ ref: 1 }) };
  putPage(pages, 'P1');
  assert.equal(pages.P1.freed, true);
  assert.throws(() => page(pages, 'P1'), (e: unknown) => e instanceof ModelFault && e.invariant === 'use-after-free');
});

test('a grace period waits for the readers present at call time only', () => {
  const d = rcuDomain();
  const early = readLock(d);
  callRcu(d, 'V');
  const late = readLock(d);
  assert.equal(graceElapsed(d), false);
  readUnlock(d, early);
  assert.equal(graceElapsed(d), true, `reader ${late} entered after call_rcu and does not hold it up`);
});

test('futex_wake wakes only waiters hashed on its key', () => {
  const h = futexHash();
  queueMe(h, 'page:P1+0', 0);
  assert.equal(wake(h, 'page:P2+0'), 0);
  assert.equal(keyOf(h, 0), 'page:P1+0');
  assert.equal(wake(h, 'page:P1+0'), 1);
  assert.deepEqual(h.woken, [0]);
});
