// The engine on toy models that know nothing of the kernel: a lost update, a lock-order
// deadlock, a lost wake-up, and N identical incrementers for symmetry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explore } from '../../src/sim/engine/explore.js';
import { replay } from '../../src/sim/engine/replay.js';
import { parseSchedule } from '../../src/sim/engine/schedule.js';
import { DONE, type Model, type ThreadProgram } from '../../src/sim/engine/types.js';

interface Counter { x: number; a: boolean; b: boolean; flag: boolean }

function incrementer(name: string, atomic: boolean): ThreadProgram<Counter> {
  return {
    name,
    start: 'read',
    locals: { v: 0 },
    steps: atomic
      ? { read: { does: 'x++', run: (g) => { g.x++; return DONE; } } }
      : {
          read: { does: 'v = x', run: (g, me) => { me.local.v = g.x; return 'write'; } },
          write: { does: 'x = v + 1', run: (g, me) => { g.x = (me.local.v as number) + 1; return DONE; } },
        },
  };
}

function counterModel(n: number, atomic: boolean): Model<Counter> {
  const threads = Array.from({ length: n }, (_, i) => incrementer(`inc${i}`, atomic));
  return {
    name: 'counter',
    init: { x: 0, a: false, b: false, flag: false },
    threads,
    symmetric: [threads.map((_, i) => i)],
    invariants: [{ name: 'all-counted', says: 'x equals the number of increments', at: 'end', violated: (g) => (g.x === n ? null : `x = ${g.x}`) }],
  };
}

test('a racy increment loses an update in the shortest interleaving (4 steps)', () => {
  const result = explore(counterModel(2, false));
  assert.equal(result.finding?.verdict, 'violation');
  assert.equal(result.finding?.invariant, 'all-counted');
  assert.equal(result.path.length, 4);
});

test('an atomic increment is clean, and symmetry shrinks the state space', () => {
  const plain = explore(counterModel(4, true), { symmetry: false, sleepSets: false });
  const reduced = explore(counterModel(4, true));
  assert.equal(plain.finding, null);
  assert.equal(reduced.finding, null);
  assert.equal(plain.states, 16); // every subset of the four threads has run
  assert.equal(reduced.states, 5); // only how many have run matters
  assert.ok(reduced.transitions < plain.transitions);
});

function lockModel(sameOrder: boolean): Model<Counter> {
  const taker = (name: string, first: 'a' | 'b', second: 'a' | 'b'): ThreadProgram<Counter> => ({
    name,
    start: 'first',
    steps: {
      first: { does: `lock ${first}`, waits: 'lock', guard: (g) => !g[first], run: (g) => { g[first] = true; return 'second'; } },
      second: { does: `lock ${second}`, waits: 'lock', guard: (g) => !g[second], run: (g) => { g[second] = true; return 'release'; } },
      release: { does: 'unlock both', run: (g) => { g.a = false; g.b = false; return DONE; } },
    },
  });
  return {
    name: 'locks',
    init: { x: 0, a: false, b: false, flag: false },
    threads: [taker('p', 'a', 'b'), sameOrder ? taker('q', 'a', 'b') : taker('q', 'b', 'a')],
    invariants: [],
  };
}

test('ABBA locking deadlocks; one lock order does not', () => {
  const abba = explore(lockModel(false));
  assert.equal(abba.finding?.verdict, 'deadlock');
  assert.equal(abba.path.length, 2);
  assert.equal(explore(lockModel(true)).finding, null);
});

function wakeModel(checkFirst: boolean): Model<Counter> {
  return {
    name: 'wake',
    init: { x: 0, a: false, b: false, flag: false },
    threads: [
      {
        name: 'waiter',
        start: 'check',
        steps: {
          check: { does: 'condition set?', run: (g) => (g.x === 1 ? DONE : checkFirst ? 'queue' : 'sleep') },
          queue: { does: 'queue self', run: (g) => { g.a = true; return 'sleep'; } },
          sleep: { does: 'sleep', waits: 'sleep', guard: (g) => g.flag, run: () => DONE },
        },
      },
      {
        name: 'waker',
        start: 'set',
        steps: {
          set: { does: 'set condition', run: (g) => { g.x = 1; return 'wake'; } },
          wake: { does: 'wake queued', run: (g) => { if (g.a) g.flag = true; return DONE; } },
        },
      },
    ],
    invariants: [],
  };
}

test('a sleeper nobody wakes is a lost wake-up, replayable from its schedule', () => {
  const result = explore(wakeModel(false));
  assert.equal(result.finding?.verdict, 'lost-wakeup');
  const again = replay(wakeModel(false), result.path.map((s) => s.thread));
  assert.ok(again.ok);
  assert.equal(again.ok && again.finding?.verdict, 'lost-wakeup');
});

test('replay rejects schedules that do not fit the model', () => {
  const model = lockModel(true);
  const bad = replay(model, [0, 1]);
  assert.equal(bad.ok, false);
  assert.match(bad.ok ? '' : bad.error, /step 2: thread 1 \(q\) is blocked at 'lock a'/);
  const finished = replay(model, [0, 0, 0, 0]);
  assert.match(finished.ok ? '' : finished.error, /step 4: thread 0 \(p\) has already finished/);
  assert.equal(parseSchedule(model, '0.7').ok, false);
  assert.deepEqual(parseSchedule(model, 'p q 0').ok && parseSchedule(model, 'p q 0'), { ok: true, threads: [0, 1, 0] });
});

test('a preemption bound of 0 hides the lost update, 1 finds it', () => {
  assert.equal(explore(counterModel(2, false), { preemptionBound: 0 }).finding, null);
  assert.equal(explore(counterModel(2, false), { preemptionBound: 1 }).finding?.verdict, 'violation');
});
