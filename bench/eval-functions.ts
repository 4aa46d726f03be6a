// `npm run eval:functions`: how right are the touched symbols? Ground truth from real C code and
// real edits: consecutive versions of the SQLite amalgamation shipped by better-sqlite3
// releases, diffed by real `git diff`; the truth for each hunk is the set of symbols whose
// tree-sitter ranges (pre-image for '-' lines, post-image for '+' lines) hold a changed line.
// Scored: the mail-alone analysis, the hunk-header-name-only baseline (public-inbox dfhh), and
// the exact mode (resolveWithSource on the diff's repository).
//   npm run eval:functions -- [--packages 12.8.0,12.10.0] [--cache /tmp/lorelab-eval-cache] [--misses]
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPatches, resolveWithSource } from '../src/patch/index.js';
import { parseC, type ParsedC } from '../src/patch/source/c-symbols.js';
import { changedLinesOf, symbolsByRanges } from '../src/patch/source/enclosing.js';
import type { Hunk } from '../src/patch/types.js';
import { gitDiffOf } from './eval/git-diff.js';
import { Scores, headerNameOnly } from './eval/score.js';
import { sqliteVersions } from './eval/sqlite-versions.js';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const packages = option('--packages', '12.8.0,12.10.0').split(',').filter(Boolean);
const cache = option('--cache', join(tmpdir(), 'lorelab-eval-cache'));
const contextArgs = process.argv.includes('-W') ? ['-W'] : [];
const versions = sqliteVersions(packages, cache, process.cwd());
const mail = new Scores();
const baseline = new Scores();
const exact = new Scores();
let hunks = 0;
let unsure = 0;

/** Hunks with a changed line where tree-sitter had to recover from an error: no sure truth. */
function truthIsUnsure(hunk: Hunk, before: ParsedC, after: ParsedC): boolean {
  const { removed, added } = changedLinesOf(hunk);
  const bad = (parsed: ParsedC, line: number) =>
    parsed.unparsed.some((r) => r.startLine <= line && line <= r.endLine) ||
    parsed.symbols.some((r) => r.hasError && r.startLine <= line && line <= r.endLine);
  return removed.some((l) => bad(before, l)) || added.some((l) => bad(after, l));
}
const FUNCTIONS = new Set(['function']);

for (let v = 1; v < versions.length; v++) {
  const [older, newer] = [versions[v - 1], versions[v]];
  const started = Date.now();
  const { repo, diff } = gitDiffOf(older.text, newer.text, 'sqlite3.c', contextArgs);
  try {
    const [patch] = findPatches({ subject: null, text: diff, attachments: [] });
    const [before, after] = await Promise.all([parseC(older.text), parseC(newer.text)]);
    const resolved = await resolveWithSource(patch, repo);
    const file = patch.files[0];
    file.hunks.forEach((hunk, k) => {
      const where = `${older.label} → ${newer.label} hunk ${k + 1} (@@ -${hunk.oldStart} ${hunk.header})`;
      if (truthIsUnsure(hunk, before, after)) {
        unsure++;
        return;
      }
      const truth = symbolsByRanges(hunk, before.symbols, after.symbols);
      mail.add(where, hunk.symbols, truth);
      baseline.add(where, headerNameOnly(hunk.header), truth, FUNCTIONS);
      exact.add(where, resolved.files[0].hunks[k].symbols, truth);
      hunks++;
    });
    console.log(`${older.label} → ${newer.label}: ${file.hunks.length} hunks, +${file.additions} -${file.deletions} (${Date.now() - started} ms)`);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

const pct = (x: number) => x.toFixed(3);
function table(title: string, scores: Scores): void {
  console.log(`\n${title}`);
  console.log('kind       precision  recall     tp     fp     fn');
  for (const r of scores.rows()) {
    console.log(`${r.kind.padEnd(10)} ${pct(r.precision).padStart(9)} ${pct(r.recall).padStart(7)} ${String(r.tp).padStart(6)} ${String(r.fp).padStart(6)} ${String(r.fn).padStart(6)}`);
  }
}
console.log(`\n${hunks} hunks scored${contextArgs.length ? ' (git diff -W)' : ''}; ${unsure} left out (tree-sitter recovered from a syntax error at a changed line)`);
table('mail alone (findPatches)', mail);
table('baseline: hunk header name only (dfhh)', baseline);
table('exact mode (resolveWithSource)', exact);
if (process.argv.includes('--misses')) {
  console.log('\nmail-alone misses:');
  for (const m of mail.misses) console.log('  ' + m);
}
