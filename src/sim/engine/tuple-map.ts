// A map from short tuples of small integers to values: world keys and step-memo keys are such
// tuples (intern.ts numbers), and looking them up as numbers avoids building and hashing a
// string for every transition. A tuple is hashed to one number; the rare collisions share a
// bucket and are told apart by comparing the tuples.
export class TupleMap<V> {
  private readonly buckets = new Map<number, { tuple: number[]; value: V }[]>();
  size = 0;

  get(tuple: readonly number[]): V | undefined {
    const bucket = this.buckets.get(hashOf(tuple));
    if (bucket === undefined) return undefined;
    for (const entry of bucket) if (sameTuple(entry.tuple, tuple)) return entry.value;
    return undefined;
  }

  /** Stores a copy of `tuple` (callers may reuse theirs). */
  set(tuple: readonly number[], value: V): void {
    const hash = hashOf(tuple);
    const bucket = this.buckets.get(hash);
    if (bucket === undefined) {
      this.buckets.set(hash, [{ tuple: tuple.slice(), value }]);
      this.size++;
      return;
    }
    for (const entry of bucket) {
      if (sameTuple(entry.tuple, tuple)) {
        entry.value = value;
        return;
      }
    }
    bucket.push({ tuple: tuple.slice(), value });
    this.size++;
  }
}

/** A 31-bit hash (a small integer, which a Map hashes cheaply). */
function hashOf(tuple: readonly number[]): number {
  let h = 0x811c9dc5 ^ tuple.length;
  for (let i = 0; i < tuple.length; i++) h = Math.imul(h ^ tuple[i], 0x01000193) ^ (h >>> 15);
  return h & 0x3fffffff;
}

function sameTuple(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
