// Sharded ingest, Parquet export and DuckDB against SQLite (issue 24), on the synthetic archive
// split into epochs. Paired runs, alternating, each in a fresh folder:
//   one      — `lorelab ingest INBOX` into one database (one process; its analysis worker thread)
//   sharded  — `lorelab ingest --shards DIR --jobs N INBOX`: a process per epoch, N at a time,
//              then the merge into DIR/merged.db
// Each run is a child under /usr/bin/time (wall, CPU, peak RSS of the parent); the shard
// processes report their own peak RSS. The load average before each run is printed: other
// work on the machine slows both sides. Then, once: `lorelab export --parquet` of the one
// database (time, size against SQLite) and one named query's time on SQLite and on DuckDB.
// Usage: node --import tsx bench/shards.bench.ts [--synth-count 100000] [--epochs 4]
//        [--synth-dir DIR] [--runs 1] [--jobs 2] [--keep]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { findQuery, runNamedQuery } from '../src/query/named.js';
import { openExport, runNamedQueryOnExport } from '../src/export/duckdb-queries.js';
import { generateArchive } from './synth/generate.js';
import { createHash } from 'node:crypto';

const cli = join(process.cwd(), 'dist', 'src', 'cli', 'main.js');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

interface Timed { seconds: number; cpuSeconds: number; peakRssMb: number; stdout: string; load: string }

/** Runs the built CLI under /usr/bin/time: wall and CPU time, the parent's peak RSS. */
function timed(args: string[]): Timed {
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const run = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', process.execPath, cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const line = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(run.stderr);
  if (!line || (run.status !== 0 && run.status !== 1)) throw new Error(`lorelab ${args.join(' ')} failed (${run.status}): ${run.stderr.slice(-2000)}`);
  return { seconds: Number(line[1]), cpuSeconds: Number(line[2]) + Number(line[3]), peakRssMb: Number(line[4]) / 1024, stdout: run.stdout, load };
}

function sizeOf(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((n, name) => n + sizeOf(join(path, name)), 0);
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

const count = Number(option('synth-count') ?? 100000);
const epochs = Number(option('epochs') ?? 4);
const runs = Number(option('runs') ?? 1);
const jobs = Number(option('jobs') ?? 2);
const work = mkdtempSync(join(tmpdir(), 'lorelab-shards-bench-'));
let inbox = option('synth-dir');
try {
  if (!inbox) {
    const made = await generateArchive({ count, seed: 1, out: join(work, 'synth'), perEpoch: Math.ceil(count / epochs) });
    inbox = made.inbox;
    console.log(`synthetic archive: ${made.count} messages in ${made.epochs} epochs (${made.seconds.toFixed(0)} s to make)`);
  }
  const one = join(work, 'one.db');
  const dir = join(work, 'shards');
  for (let run = 1; run <= runs; run++) {
    for (const path of [one, `${one}-wal`, `${one}-shm`]) rmSync(path, { force: true });
    const a = timed(['--db', one, 'ingest', inbox, '--json']);
    console.log(`run ${run} one process:  ${a.seconds.toFixed(1)} s wall, ${a.cpuSeconds.toFixed(1)} s CPU, peak RSS ${a.peakRssMb.toFixed(0)} MB, ` +
      `database ${mb(sizeOf(one))} (load before: ${a.load})`);
    rmSync(dir, { recursive: true, force: true });
    const b = timed(['ingest', '--shards', dir, '--jobs', String(jobs), inbox, '--json']);
    const out = JSON.parse(b.stdout) as { shards: Array<{ file: string; seconds: number; maxRss: number }>; merged: { seconds: number; copySeconds: number; passes: Record<string, { seconds: number }>; linkSeconds: number } };
    const shardSizes = out.shards.reduce((n, s) => n + sizeOf(s.file), 0);
    const m = out.merged;
    console.log(`run ${run} --jobs ${jobs}:     ${b.seconds.toFixed(1)} s wall (${(a.seconds / b.seconds).toFixed(2)}× one process), ${b.cpuSeconds.toFixed(1)} s CPU (parent, shard processes and merge); ` +
      `shards ${out.shards.map((s) => `${s.seconds.toFixed(0)} s/${(s.maxRss / 1048576).toFixed(0)} MB`).join(', ')}; ` +
      `merge ${m.seconds.toFixed(1)} s (copy ${m.copySeconds.toFixed(1)}, threads ${m.passes.threads?.seconds.toFixed(1)}, quotes ${m.passes.quotes?.seconds.toFixed(1)}, ` +
      `series ${m.passes.series?.seconds.toFixed(1)}, links ${m.linkSeconds.toFixed(1)}), parent peak RSS ${b.peakRssMb.toFixed(0)} MB; ` +
      `shards ${mb(shardSizes)} + merged ${mb(sizeOf(join(dir, 'merged.db')))} (load before: ${b.load})`);
  }

  // The merged database against the one built in one process: every table, row by row.
  const digest = (file: string) => {
    const db = new Database(file, { readonly: true });
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'messages_fts_%' AND name <> 'meta' ORDER BY name`).pluck().all() as string[];
    const out: Record<string, string> = {};
    for (const table of tables) {
      const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]).filter((c) => !['ingested_at', 'at', 'run_at'].includes(c));
      const hash = createHash('sha1');
      let n = 0;
      const order = table === 'messages_fts' ? 'rowid' : columns.map((_, i) => i + 1).join(', ');
      for (const row of db.prepare(`SELECT ${table === 'messages_fts' ? 'rowid, ' : ''}${columns.join(', ')} FROM "${table}" ORDER BY ${order}`).raw().iterate()) {
        hash.update(JSON.stringify(row));
        n++;
      }
      out[table] = `${n} rows ${hash.digest('hex').slice(0, 12)}`;
    }
    db.close();
    return out;
  };
  const expected = digest(one);
  const actual = digest(join(dir, 'merged.db'));
  const differ = Object.keys(expected).filter((t) => expected[t] !== actual[t]);
  console.log(differ.length === 0
    ? `merged.db equals the one-process database: every table, row by row (${Object.keys(expected).length} tables, messages ${expected.messages})`
    : `merged.db differs from the one-process database in ${differ.map((t) => `${t} (${actual[t]} against ${expected[t]})`).join(', ')}`);

  const parquet = join(work, 'parquet');
  const e = timed(['--db', one, 'export', '--parquet', parquet, '--json']);
  console.log(`export --parquet: ${e.seconds.toFixed(1)} s, peak RSS ${e.peakRssMb.toFixed(0)} MB; Parquet ${mb(sizeOf(parquet))} against SQLite ${mb(sizeOf(one))} (load before: ${e.load})`);

  // One named query, warm, median of 5: the symbol most patches touch.
  const db = new Database(one, { readonly: true });
  const fn = db.prepare('SELECT symbol FROM hunk_symbols GROUP BY symbol ORDER BY count(*) DESC LIMIT 1').pluck().get() as string;
  const query = findQuery('patches-touching');
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const sqliteTimes: number[] = [];
  let rows = 0;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    rows = runNamedQuery(db, query, { fn }).length;
    sqliteTimes.push(performance.now() - started);
  }
  const { connection, close } = await openExport(parquet);
  const duckTimes: number[] = [];
  let duckRows = 0;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    duckRows = (await runNamedQueryOnExport(connection, query, { fn })).length;
    duckTimes.push(performance.now() - started);
  }
  close();
  db.close();
  console.log(`query patches-touching --fn ${fn} (${rows} rows; DuckDB ${duckRows}): SQLite ${median(sqliteTimes).toFixed(0)} ms, DuckDB over Parquet ${median(duckTimes).toFixed(0)} ms (median of 5, warm)`);
} finally {
  if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
  else console.log(`kept: ${work}`);
}

