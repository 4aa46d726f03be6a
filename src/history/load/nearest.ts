// "Did you mean": the names in the database closest to what the user typed, by edit distance.
import type { Reader } from './sql.js';

/** Levenshtein distance with two rows; names are short, so this is cheap. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

export interface NearestNames {
  functions: string[];
  files: string[];
}

function closest(query: string, candidates: string[], count: number): string[] {
  return candidates
    .map((name) => ({ name, d: editDistance(query.toLowerCase(), name.toLowerCase()) }))
    .sort((x, y) => x.d - y.d || x.name.localeCompare(y.name))
    .slice(0, count)
    .map((c) => c.name);
}

export function nearestNames(reader: Reader, query: string, count = 5): NearestNames {
  const symbols = reader.all<{ s: string }>(
    'SELECT DISTINCT symbol AS s FROM hunk_symbols UNION SELECT DISTINCT symbol FROM mentions ORDER BY 1',
  ).map((r) => r.s);
  const files = reader.all<{ p: string }>('SELECT DISTINCT path AS p FROM patch_files ORDER BY 1').map((r) => r.p);
  return { functions: closest(query, symbols, count), files: closest(query, files, count) };
}
