// Numbers for state values, per search. Every shared-state field value and every thread state
// the search meets gets a small number, equal numbers for equal JSON. An object's number is
// kept on the object itself, so an object shared unchanged by a later world (a step copies only
// what it writes) is never serialised again. World keys (state-key.ts) and the step memo
// (step-memo.ts) are tuples of these numbers.
//
// Stored worlds are never changed (a step changes copies), so a number kept on an object stays
// true. The number lives under a symbol of this interner that is not enumerable, so JSON,
// for…in, spreading and cloning never see or copy it: cheaper for the garbage collector than a
// WeakMap holding every world's objects.
import { stateKey } from './plain.js';
import type { ThreadState } from './types.js';

/** A thread state's number, and its text (pc + locals) for ordering symmetric threads. */
export interface ThreadPart {
  id: number;
  text: string;
}

export interface Interner {
  /** A number for a serialised state. */
  intern(text: string): number;
  /** A value's number: equal JSON, equal number. */
  valueId(value: unknown): number;
  threadPart(thread: ThreadState): ThreadPart;
  /**
   * An object equal (as JSON) to `value` that the interner has seen before, else `value` itself,
   * now known. Worlds built from one canonical object per content share more and compare faster.
   */
  canonical<T>(value: T): T;
}

export function createInterner(): Interner {
  const ids = new Map<string, number>();
  const intern = (text: string): number => {
    let id = ids.get(text);
    if (id === undefined) ids.set(text, (id = ids.size));
    return id;
  };
  // Scalars by value (no JSON string built per lookup); their number is still that of their JSON.
  const scalars = new Map<unknown, number>();
  const objects = new Map<number, object>();
  const mark = Symbol('interned');
  const tag = <T>(o: object, value: T): T => {
    Object.defineProperty(o, mark, { value });
    return value;
  };
  const valueId = (v: unknown): number => {
    if (v !== null && typeof v === 'object') {
      const known = (v as Record<symbol, number>)[mark];
      if (known !== undefined) return known;
      const id = tag(v, intern(JSON.stringify(v)));
      if (!objects.has(id)) objects.set(id, v);
      return id;
    }
    let id = scalars.get(v);
    if (id === undefined) scalars.set(v, (id = intern(JSON.stringify(v) ?? 'undefined')));
    return id;
  };
  return {
    intern,
    valueId,
    threadPart(t) {
      const part = (t as unknown as Record<symbol, ThreadPart>)[mark];
      if (part !== undefined) return part;
      const text = t.pc + stateKey(t.local);
      return tag(t, { id: intern(text), text });
    },
    canonical(value) {
      if (value === null || typeof value !== 'object') return value;
      return (objects.get(valueId(value)) ?? value) as typeof value;
    },
  };
}
