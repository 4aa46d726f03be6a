// The explorer: breadth-first search over interleavings with state hashing, so the first
// problem found is one with the fewest steps. Reductions (on by default):
//  - symmetry: identical threads are interchangeable (see state-key.ts);
//  - sleep sets (Godefroid): after exploring thread a from a world, a later sibling branch b
//    need not try a again if a and b commute there. Sleep sets prune transitions, never states,
//    so every reachable world is still judged. a and b commute in w when their footprints do
//    not clash (neither writes what the other reads or writes: see Step.reads), else when both
//    orders are possible and reach the same world (checked by running them).
// Steps with a footprint run once per distinct input (step-memo.ts); worlds are keyed by tuples
// of interned numbers (intern.ts, state-key.ts, tuple-map.ts).
// An optional preemption bound limits context switches away from a thread that could go on
// (incomplete by design; sleep sets are off under a bound since the two do not compose).
import { createInterner } from './intern.js';
import { enabledThreads, initialWorld, isEnabled, stepOf, type Moved } from './run-step.js';
import { judgeWorld } from './judge.js';
import { sameWorld, toActual, toCanonical, worldKeyer } from './state-key.js';
import { memoizedSteps, type StepRunner } from './step-memo.js';
import { TupleMap } from './tuple-map.js';
import type { Finding, Model, Step, World } from './types.js';

export interface ExploreOptions {
  /** Identify worlds equal up to permuting identical threads (default true). */
  symmetry?: boolean;
  /** Sleep-set partial-order reduction (default true). */
  sleepSets?: boolean;
  /** At most this many preemptions per interleaving (default: unbounded). */
  preemptionBound?: number;
  /** Give up beyond this many stored worlds (default 5,000,000). */
  maxStates?: number;
}

interface Node<G> {
  world: World<G>;
  parent: number;
  /** Real index (in the parent's world) of the thread that moved to reach this world. */
  via: number;
  label: string;
  pc: string;
  perm: number[];
  /** Sleep set, as canonical positions. */
  sleep: number;
  expanded: boolean;
  last: number;
  preemptions: number;
  /** The threads enabled in `world`, kept from judging it until its first expansion. */
  enabled: number[] | null;
}

export interface PathStep {
  thread: number;
  pc: string;
  label: string;
}

export interface Exploration<G> {
  finding: Finding | null;
  /** The steps from the initial world to the problem (empty when none). */
  path: PathStep[];
  /** The world in which the problem shows (the last world before a faulting step). */
  world: World<G> | null;
  states: number;
  transitions: number;
  ms: number;
  /** False when the state limit stopped the search before it finished. */
  complete: boolean;
}

export function explore<G>(model: Model<G>, options: ExploreOptions = {}): Exploration<G> {
  const started = performance.now();
  const bound = options.preemptionBound;
  const useSymmetry = options.symmetry ?? true;
  const useSleep = (options.sleepSets ?? true) && bound === undefined;
  const maxStates = options.maxStates ?? 5_000_000;
  const nodes: Node<G>[] = [];
  const seen = new TupleMap<number>();
  const queue: { node: number; only: number }[] = [];
  let transitions = 0;
  const interner = createInterner();
  const worldKey = worldKeyer(model, interner);
  // Steps that declare their footprint run once per distinct input (step-memo.ts).
  const run: StepRunner<G> = memoizedSteps(model, interner);

  const finish = (finding: Finding | null, at: number, extra?: PathStep, complete = true): Exploration<G> => {
    const path: PathStep[] = [];
    for (let n = at; n > 0; n = nodes[n].parent) path.push({ thread: nodes[n].via, pc: nodes[n].pc, label: nodes[n].label });
    path.reverse();
    if (extra) path.push(extra);
    return {
      finding,
      path: finding ? path : [],
      world: finding ? nodes[at].world : null,
      states: nodes.length,
      transitions,
      ms: performance.now() - started,
      complete,
    };
  };

  const keyOf = (world: World<G>, last: number, preemptions: number) => {
    const k = worldKey(world, useSymmetry);
    if (bound !== undefined) k.key.push(preemptions, k.perm.indexOf(last));
    return k;
  };

  /** Stores a world reached from `parent`; returns a finding if the world is bad. */
  const arrive = (world: World<G>, parent: number, moved: Moved<G>, via: number, sleepActual: number, last: number, preemptions: number): Finding | null => {
    const { key, perm } = keyOf(world, last, preemptions);
    const sleep = toCanonical(sleepActual, perm);
    const known = seen.get(key);
    if (known !== undefined) {
      const node = nodes[known];
      const missing = node.sleep & ~sleep;
      if (missing) {
        node.sleep &= sleep;
        if (node.expanded) queue.push({ node: known, only: toActual(missing, node.perm) });
      }
      return null;
    }
    const id = nodes.length;
    const enabled = enabledThreads(model, world);
    nodes.push({ world, parent, via, label: moved.label, pc: moved.pc, perm, sleep, expanded: false, last, preemptions, enabled });
    seen.set(key, id);
    queue.push({ node: id, only: -1 });
    return judgeWorld(model, world, enabled);
  };

  const root = initialWorld(model);
  const rootKey = keyOf(root, -1, 0);
  const rootEnabled = enabledThreads(model, root);
  nodes.push({ world: root, parent: -1, via: -1, label: '', pc: '', perm: rootKey.perm, sleep: 0, expanded: false, last: -1, preemptions: 0, enabled: rootEnabled });
  seen.set(rootKey.key, 0);
  queue.push({ node: 0, only: -1 });
  const atRoot = judgeWorld(model, root, rootEnabled);
  if (atRoot) return finish(atRoot, 0);

  for (let head = 0; head < queue.length; head++) {
    if (nodes.length > maxStates) return finish(null, 0, undefined, false);
    const { node: id, only } = queue[head];
    const node = nodes[id];
    node.expanded = true;
    const world = node.world;
    const enabled = node.enabled ?? enabledThreads(model, world);
    node.enabled = null;
    const sleeping = only >= 0 ? 0 : toActual(node.sleep, node.perm);
    const successors = new Map<number, Moved<G>>();
    const successor = (t: number) => {
      let moved = successors.get(t);
      if (!moved) successors.set(t, (moved = run(world, t)));
      return moved;
    };
    let explored = only >= 0 ? toActual(node.sleep, node.perm) : 0;
    for (const t of enabled) {
      if (sleeping & (1 << t)) continue;
      if (only >= 0 && !(only & (1 << t))) continue;
      let preemptions = node.preemptions;
      if (bound !== undefined && node.last >= 0 && node.last !== t && isEnabled(model, world, node.last)) {
        if (++preemptions > bound) continue;
      }
      const moved = successor(t);
      transitions++;
      if (!moved.ok) {
        const finding: Finding = { verdict: 'violation', invariant: moved.fault.invariant, detail: moved.fault.message };
        return finish(finding, id, { thread: t, pc: moved.pc, label: moved.label });
      }
      let childSleep = 0;
      if (useSleep) {
        for (const other of enabled) {
          if (other !== t && (explored | sleeping) & (1 << other) && commute(model, world, t, other, successor, run)) childSleep |= 1 << other;
        }
      }
      explored |= 1 << t;
      const finding = arrive(moved.world, id, moved, t, childSleep, t, preemptions);
      if (finding) return finish(finding, nodes.length - 1);
    }
  }
  return finish(null, 0);
}

/** Do threads a and b commute in `world`: each stays enabled after the other, same result? */
function commute<G>(model: Model<G>, world: World<G>, a: number, b: number, successor: (t: number) => Moved<G>, run: StepRunner<G>): boolean {
  // a has run from here without a fault (the caller returns on a fault). b has too when it was
  // explored here; when it sleeps here, it was shown to run without a fault after the step
  // that led here. Either way a footprint check alone is enough.
  if (independent(stepOf(model, world, a), stepOf(model, world, b))) return true;
  const afterA = successor(a);
  const afterB = successor(b);
  if (!afterA.ok || !afterB.ok) return false;
  if (!isEnabled(model, afterA.world, b) || !isEnabled(model, afterB.world, a)) return false;
  const ab = run(afterA.world, b);
  const ba = run(afterB.world, a);
  if (!ab.ok || !ba.ok) return false;
  return sameWorld(ab.world, ba.world);
}

/**
 * Do two steps commute by their declared footprints alone: neither writes a state object the
 * other reads or writes? Then each stays enabled after the other (a guard reads only what its
 * step reads) and both orders reach the same world, so the explorer need not run them.
 */
function independent<G>(x: Step<G> | undefined, y: Step<G> | undefined): boolean {
  if (!x?.writes || !x.reads || !y?.writes || !y.reads) return false;
  for (const w of x.writes) if (y.writes.includes(w) || y.reads.includes(w)) return false;
  for (const w of y.writes) if (x.reads.includes(w)) return false;
  return true;
}
