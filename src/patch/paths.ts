// File paths from diff headers, normalised to what git would print (without a/ and b/).
// Non-git diffs name trees ('xx-ref/fs/inode.c', 'linux/mm/memory.c.orig'); kernel patches
// apply with -p1, so the first component goes, and a '.orig' backup suffix goes too.

/** The path part of a '--- ' / '+++ ' line: no timestamp, no quotes; null for /dev/null. */
export function pathOfMarkerLine(line: string): string | null {
  let rest = line.slice(4);
  const tab = rest.indexOf('\t');
  if (tab >= 0) rest = rest.slice(0, tab);
  rest = rest.replace(/\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? [+-]\d{4}$/, '');
  rest = rest.replace(/\s+(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \w{3} +\d+ [\d:]+ \d{4}$/, '');
  rest = rest.trim().replace(/^"(.*)"$/, '$1');
  if (rest === '/dev/null' || rest === '') return null;
  return rest;
}

export function stripGitPrefix(path: string | null): string | null {
  if (path === null) return null;
  return path.replace(/^[abciwo12]\//, '');
}

/** -p1 for non-git paths, dropping a '.orig'-style backup suffix from the old name. */
export function stripTreePrefix(oldPath: string | null, newPath: string | null): [string | null, string | null] {
  const strip = (p: string | null) => (p === null ? null : p.includes('/') ? p.slice(p.indexOf('/') + 1) : p);
  let o = strip(oldPath);
  const n = strip(newPath);
  if (o !== null && n !== null && o !== n && /\.(orig|old|bak|~)$|~$/.test(o)) {
    const base = o.replace(/(\.(orig|old|bak))$|~$/, '');
    if (base === n) o = n;
  }
  return [o, n];
}

/** 'diff --git a/x b/y' → [x, y]; works when both sides are the same path with spaces. */
export function pathsOfGitDiffLine(line: string): [string | null, string | null] {
  const rest = line.slice('diff --git '.length);
  const m = /^"?a\/(.+?)"? "?b\/(.+?)"?$/.exec(rest);
  if (!m) return [null, null];
  return [m[1], m[2]];
}
