// World keys and the side-by-side world comparison the sleep-set check uses: two worlds compare
// equal exactly when their serialisations (shared state as JSON, each thread's pc and locals)
// are equal, and symmetric threads share a key whatever their order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sameKey, sameWorld, worldKeyer } from '../../src/sim/engine/state-key.js';
import type { Model, ThreadState, World } from '../../src/sim/engine/types.js';

const model = (symmetric?: number[][]): Model<Record<string, unknown>> => ({
  name: 'keys',
  init: {},
  threads: [0, 1, 2].map((i) => ({ name: `t${i}`, start: 'a', steps: {} })),
  invariants: [],
  symmetric,
});
const world = (g: Record<string, unknown>, ...threads: [string, Record<string, unknown>][]): World<Record<string, unknown>> => ({
  g,
  threads: threads.map(([pc, local]) => ({ pc, local: local as ThreadState['local'] })),
});
const json = (w: World<unknown>) => JSON.stringify(w.g) + '|' + w.threads.map((t) => t.pc + JSON.stringify(t.local)).join('|');

test('sameWorld agrees with JSON on tricky plain data', () => {
  const page = { ref: 1, locked: false };
  const cases: [Record<string, unknown>, Record<string, unknown>][] = [
    [{ p: page }, { p: page }],
    [{ p: page }, { p: { ref: 1, locked: false } }],
    [{ p: { ref: 1, locked: false } }, { p: { locked: false, ref: 1 } }],
    [{ p: { a: 1, b: undefined } }, { p: { a: 1 } }],
    [{ p: [1, undefined] }, { p: [1, null] }],
    [{ p: [NaN] }, { p: [null] }],
    [{ p: [-0] }, { p: [0] }],
    [{ p: '1' }, { p: 1 }],
    [{ p: { x: [1, 2] } }, { p: { x: [1, 2, 3] } }],
    [{ p: null }, { p: {} }],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }],
  ];
  for (const [g, h] of cases) {
    const a = world(g, ['a', { x: 1 }]);
    const b = world(h, ['a', { x: 1 }]);
    assert.equal(sameWorld(a, b), json(a) === json(b), `${JSON.stringify(g)} vs ${JSON.stringify(h)}`);
    const keyer = worldKeyer(model());
    assert.equal(sameKey(keyer(a, false), keyer(b, false)), json(a) === json(b), `keys: ${JSON.stringify(g)} vs ${JSON.stringify(h)}`);
  }
  assert.equal(sameWorld(world({}, ['a', { x: 1 }]), world({}, ['b', { x: 1 }])), false);
  assert.equal(sameWorld(world({}, ['a', { x: 1 }]), world({}, ['a', { x: 2 }])), false);
});

test('symmetric threads share a key in any order; the permutation says which real thread sits where', () => {
  const keyer = worldKeyer(model([[0, 1, 2]]));
  const a = keyer(world({ n: 1 }, ['b', {}], ['a', { k: 2 }], ['a', { k: 1 }]), true);
  const b = keyer(world({ n: 1 }, ['a', { k: 1 }], ['b', {}], ['a', { k: 2 }]), true);
  assert.deepEqual(a.key, b.key);
  assert.deepEqual(a.perm, [2, 1, 0]);
  assert.deepEqual(b.perm, [0, 2, 1]);
  const tie = keyer(world({ n: 1 }, ['a', {}], ['a', {}], ['a', {}]), true);
  assert.deepEqual(tie.perm, [0, 1, 2]);
  const plain = worldKeyer(model([[0, 1, 2]]));
  assert.notDeepEqual(plain(world({ n: 1 }, ['b', {}], ['a', { k: 2 }], ['a', { k: 1 }]), false).key, plain(world({ n: 1 }, ['a', { k: 1 }], ['b', {}], ['a', { k: 2 }]), false).key);
});

test('keys never serialise the private number: JSON and cloning of a keyed world are unchanged', () => {
  const w = world({ p: { ref: 1 } }, ['a', { x: 1 }]);
  const before = JSON.stringify(w);
  worldKeyer(model())(w, false);
  assert.equal(JSON.stringify(w), before);
  assert.deepEqual({ ...(w.g.p as object) }, { ref: 1 });
});
