// Union-find over small non-negative integers (message row ids, author numbers): 4 bytes each,
// growing on demand. Splitting the graph into parts that can be worked on alone is what keeps
// the whole-graph passes (threads, series) within bounded memory.

/** A set is named by its smallest member. */
export class DisjointSets {
  private parent = new Int32Array(1024).map((_, i) => i);

  find(n: number): number {
    this.fit(n);
    const parent = this.parent;
    while (parent[n] !== n) {
      parent[n] = parent[parent[n]]!; // path halving
      n = parent[n]!;
    }
    return n;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }

  private fit(n: number): void {
    if (n < this.parent.length) return;
    const grown = new Int32Array(Math.max(n + 1, this.parent.length * 2));
    grown.set(this.parent);
    for (let i = this.parent.length; i < grown.length; i++) grown[i] = i;
    this.parent = grown;
  }
}
