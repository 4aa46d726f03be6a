// Ingest speed and memory, on the real inbox and on a synthetic one (issue 3). For each archive:
//   read     — the readers alone (readSource: git log --raw + cat-file --batch), messages/s
//   parse    — the bare mailparser loop over the same messages (time inside simpleParser only)
//   ingest   — `lorelab ingest` as a user runs it (built into dist/) into a fresh database, in a
//              child process so its peak RSS is its own; then the same ingest again, unchanged
// Usage: node --import tsx bench/ingest.bench.ts [inbox] [--synth-count N] [--synth-dir DIR]
//        [--runs N] [--skip-ingest] [--no-public-inbox] [--public-inbox-synthetic]. Each ingest of the
//        real inbox is followed by public-inbox-index on a copy of it (lore's own indexer), when installed. The synthetic inbox (and the same messages as an mboxrd, for
//        the mbox reader's rate) is generated into a temp dir unless --synth-dir names one made
//        earlier by bench/synth/generate.ts (its mbox, if any, is read from DIR.mbox).
// This machine's speed drifts by a third from minute to minute, so each ingest is paired with
// a bare parse measured just before it, and the figures are the median of --runs such pairs
// (default 3 on the real inbox, 1 on the synthetic one, whose ingest takes minutes).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { readSource } from '../src/sources/index.js';
import { generateArchive } from './synth/generate.js';
import { havePublicInboxIndex, publicInboxIndexSeconds } from './public-inbox-index.js';

const here = fileURLToPath(import.meta.url);
const MAILPARSER_OPTIONS = { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true };

interface Figures {
  archive: string;
  messages: number;
  readRate: number;
  /** The median run's bare parse rate (with its ingest rate, the median ratio's pair). */
  parseRate: number;
  ingestRate?: number;
  ingestSeconds?: number;
  /** Every run: its bare parse rate, ingest rate, and the ratio of the two. */
  runs?: Array<{ parseRate: number; ingestRate: number; ratio: number }>;
  peakRssMb?: number;
  rerunSeconds?: number;
  /** public-inbox-index on the same inbox right after each ingest: its seconds, and lorelab's speed-up over it. */
  publicInbox?: Array<{ seconds: number; speedup: number }>;
  /** Seconds of each step after the inputs (threads, quotes, series, links), in the median run. */
  after?: Record<string, number>;
  note?: string;
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function readRate(path: string): Promise<{ messages: number; rate: number }> {
  const started = performance.now();
  let messages = 0;
  for await (const item of readSource(path)) if (item.kind === 'message') messages++;
  return { messages, rate: messages / ((performance.now() - started) / 1000) };
}

async function bareParseRate(path: string): Promise<number> {
  let parsing = 0;
  let messages = 0;
  for await (const item of readSource(path)) {
    if (item.kind !== 'message') continue;
    const started = performance.now();
    await simpleParser(item.raw, MAILPARSER_OPTIONS);
    parsing += performance.now() - started;
    messages++;
  }
  return messages / (parsing / 1000);
}

/**
 * One `lorelab ingest` of `path` into `db` (the CLI's own runIngest from dist/: the ingest, the
 * passes over the graph, then linking patches to race scenarios), in a child process under plain
 * node, so its peak RSS is the pipeline's own.
 */
function ingestOnce(db: string, path: string):
  { seconds: number; peakRssMb: number; messages: number; after: Record<string, number> } | { error: string } {
  const built = (file: string) => new URL(`../dist/src/${file}`, import.meta.url).href;
  const child = `
    const { runIngest } = await import(${JSON.stringify(built('cli/run-ingest.js'))});
    const started = performance.now();
    const summary = await runIngest(${JSON.stringify(db)}, [${JSON.stringify(path)}]);
    const seconds = (performance.now() - started) / 1000;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const after = Object.fromEntries(Object.entries(summary.passes).map(([name, pass]) => [name, pass.seconds]));
    if (summary.linkSeconds !== undefined) after.links = summary.linkSeconds;
    console.log(JSON.stringify({ seconds, peakRssMb, messages: summary.messages, new: summary.new, failed: summary.failed, after }));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last);
  } catch {
    return { error: `ingest failed (exit ${run.status}): ${(run.stderr || run.stdout).trim().split('\n').slice(-5).join(' | ')}` };
  }
}

async function measure(archive: string, path: string, skipIngest: boolean, runs: number, againstPublicInbox: boolean): Promise<Figures> {
  const read = await readRate(path);
  const figures: Figures = { archive, messages: read.messages, readRate: read.rate, parseRate: await bareParseRate(path) };
  if (skipIngest) return figures;
  if (!existsSync(join(here, '..', '..', 'dist', 'src', 'ingest', 'ingest.js'))) return { ...figures, note: 'not built: run npm run build' };
  const dir = mkdtempSync(join(tmpdir(), 'lorelab-bench-'));
  try {
    const done: Array<{ parseRate: number; first: Exclude<ReturnType<typeof ingestOnce>, { error: string }> }> = [];
    let rerun: ReturnType<typeof ingestOnce> | null = null;
    for (let run = 0; run < runs; run++) {
      const parseRate = run === 0 ? figures.parseRate : await bareParseRate(path);
      const db = join(dir, `bench-${run}.db`);
      const first = ingestOnce(db, path);
      if ('error' in first) return { ...figures, note: first.error };
      done.push({ parseRate, first });
      if (againstPublicInbox) {
        const pi = publicInboxIndexSeconds(path);
        if ('error' in pi) figures.note = pi.error;
        else (figures.publicInbox ??= []).push({ seconds: pi.seconds, speedup: pi.seconds / first.seconds });
      }
      if (run === runs - 1) rerun = ingestOnce(db, path); // the unchanged re-run, on the last database
      rmSync(db, { force: true });
    }
    const rated = done.map(({ parseRate, first }) => ({ parseRate, ingestRate: read.messages / first.seconds, ratio: read.messages / first.seconds / parseRate, first }));
    const median = [...rated].sort((a, b) => a.ratio - b.ratio)[Math.floor(rated.length / 2)]!;
    return {
      ...figures,
      parseRate: median.parseRate,
      ingestRate: median.ingestRate,
      ingestSeconds: median.first.seconds,
      runs: rated.map(({ parseRate, ingestRate, ratio }) => ({ parseRate, ingestRate, ratio })),
      peakRssMb: Math.max(...rated.map((r) => r.first.peakRssMb)),
      after: median.first.after,
      rerunSeconds: rerun && !('error' in rerun) ? rerun.seconds : undefined,
      note: rerun && 'error' in rerun ? rerun.error : undefined,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(f: Figures): void {
  const n = (x: number | undefined, digits = 0) => (x === undefined ? '—' : x.toFixed(digits));
  console.log(`\n${f.archive}: ${f.messages} messages`);
  console.log(`  readers (raw read)      ${n(f.readRate)} msg/s`);
  console.log(`  bare mailparser parse   ${n(f.parseRate)} msg/s`);
  console.log(`  whole ingest            ${n(f.ingestRate)} msg/s (${n(f.ingestSeconds, 1)} s; ${f.ingestRate ? n(f.ingestRate / f.parseRate, 2) : '—'}× bare parse; target ≥ 0.5× and ≥ 1500)`);
  if (f.runs && f.runs.length > 1) {
    console.log(`  runs (median above)     ${f.runs.map((r) => `${n(r.ingestRate)} msg/s = ${n(r.ratio, 2)}× ${n(r.parseRate)}`).join('; ')}`);
  }
  if (f.after) console.log(`  of which, after inputs  ${Object.entries(f.after).map(([step, s]) => `${step} ${s.toFixed(1)} s`).join(', ')}`);
  console.log(`  peak RSS of the ingest  ${n(f.peakRssMb)} MB${f.runs && f.runs.length > 1 ? ', the highest of the runs' : ''} (target < 400)`);
  const share = f.rerunSeconds !== undefined && f.ingestSeconds ? (100 * f.rerunSeconds) / f.ingestSeconds : undefined;
  if (f.publicInbox) {
    console.log(`  public-inbox-index -L medium, same inbox, right after each ingest: ${f.publicInbox.map((p) => `${p.seconds.toFixed(1)} s (lorelab ${p.speedup.toFixed(1)}× faster)`).join('; ')}`);
  }
  console.log(`  unchanged re-run        ${n(f.rerunSeconds, 2)} s = ${n(share, 1)}% of the first (target < 3%)`);
  if (f.note) console.log(`  note: ${f.note}`);
}

async function main(): Promise<void> {
  const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  const real = positional[0] ?? '/work/shared/data/lore/linux-fscrypt';
  const skipIngest = process.argv.includes('--skip-ingest');
  const runs = option('runs') === undefined ? undefined : Math.max(1, Number(option('runs')) || 1);
  const againstPublicInbox = !skipIngest && !process.argv.includes('--no-public-inbox') && havePublicInboxIndex();
  if (!againstPublicInbox) console.log('public-inbox-index not run (not installed: apt-get install public-inbox, or --no-public-inbox)');
  if (existsSync(real)) report(await measure(`real inbox ${real}`, real, skipIngest, runs ?? 3, againstPublicInbox));
  else console.log(`real inbox ${real} not found: skipped (pass its path as the first argument)`);

  let synthDir = option('synth-dir');
  let mbox = synthDir ? `${synthDir}.mbox` : undefined;
  let generated = false;
  if (!synthDir) {
    mbox = join(mkdtempSync(join(tmpdir(), 'lorelab-synth-mbox-')), 'synth.mbox');
    const made = await generateArchive({ count: Number(option('synth-count') ?? 100_000), seed: 1, mbox });
    console.log(`\ngenerated ${made.count} synthetic messages in ${made.seconds.toFixed(1)} s at ${made.inbox}`);
    synthDir = made.inbox;
    generated = true;
  }
  try {
    if (mbox && existsSync(mbox)) {
      const read = await readRate(mbox);
      console.log(`\nthe same synthetic archive as mboxrd ${mbox}: ${read.messages} messages, readers ${read.rate.toFixed(0)} msg/s`);
    }
    report(await measure(`synthetic inbox ${synthDir}`, synthDir, skipIngest, runs ?? 1, againstPublicInbox && process.argv.includes('--public-inbox-synthetic')));
  } finally {
    if (generated) {
      rmSync(synthDir, { recursive: true, force: true });
      if (mbox) rmSync(join(mbox, '..'), { recursive: true, force: true });
    }
  }
}

await main();
