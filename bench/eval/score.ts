// Precision and recall per symbol kind over (hunk, kind, name) triples.
import type { TouchedSymbol } from '../../src/patch/types.js';

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export class Scores {
  readonly byKind = new Map<string, Tally>();
  readonly misses: string[] = [];

  add(where: string, found: Pick<TouchedSymbol, 'name' | 'kind'>[], truth: Pick<TouchedSymbol, 'name' | 'kind'>[], kinds?: Set<string>): void {
    const key = (s: { name: string; kind: string }) => `${s.kind} ${s.name}`;
    const want = new Set(truth.filter((s) => !kinds || kinds.has(s.kind)).map(key));
    const got = new Set(found.filter((s) => !kinds || kinds.has(s.kind)).map(key));
    for (const k of got) this.count(k.split(' ')[0], want.has(k) ? 'tp' : 'fp', where, k);
    for (const k of want) if (!got.has(k)) this.count(k.split(' ')[0], 'fn', where, k);
  }

  private count(kind: string, what: keyof Tally, where: string, k: string): void {
    const t = this.byKind.get(kind) ?? { tp: 0, fp: 0, fn: 0 };
    t[what]++;
    this.byKind.set(kind, t);
    if (what !== 'tp' && this.misses.length < 400) this.misses.push(`${what} ${k} @ ${where}`);
  }

  rows(): Array<{ kind: string; precision: number; recall: number } & Tally> {
    return [...this.byKind.entries()].sort().map(([kind, t]) => ({
      kind,
      ...t,
      precision: t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp),
      recall: t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn),
    }));
  }
}

/** public-inbox's dfhh answer: the one name in the hunk header, taken as a function. */
export function headerNameOnly(header: string): Pick<TouchedSymbol, 'name' | 'kind'>[] {
  const paren = header.indexOf('(');
  const name = /([A-Za-z_]\w*)\s*$/.exec(paren >= 0 ? header.slice(0, paren) : '')?.[1];
  return name ? [{ name, kind: 'function' }] : [];
}
