// Explorer page times: each kind of page fetched over HTTP from `lorelab serve`'s server, on a
// database of --count synthetic lore-like messages (default 36,000; bench/synth) or on --db PATH.
// Prints the median and 95th percentile per page kind; the target is < 100 ms per page.
// Usage: node --import tsx bench/serve.bench.ts [--db PATH] [--count N] [--requests N] [--keep]
// (--keep leaves the built database in place and prints its path, for --db next time).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openReadOnly, type DB } from '../src/store/open.js';
import { startExplorer } from '../src/serve/server.js';
import { generateArchive } from './synth/generate.js';

const root = join(fileURLToPath(import.meta.url), '..', '..');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function buildDb(count: number, dir: string): Promise<string> {
  const inbox = join(dir, 'inbox');
  await generateArchive({ count, seed: 1, out: inbox });
  const db = join(dir, 'bench.db');
  const run = spawnSync(process.execPath, [join(root, 'dist/src/cli/main.js'), '--db', db, 'ingest', inbox], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`ingest failed (${run.status})`);
  return db;
}

/** Picks real names from the database so every page kind is asked about something that exists. */
function samplePaths(db: DB, n: number): Record<string, string[]> {
  const pick = (sql: string) => (db.prepare(sql).all(n) as Array<{ v: string }>).map((r) => r.v);
  const messages = pick('SELECT message_id AS v FROM messages WHERE is_stub = 0 ORDER BY (id * 7919) % 10007 LIMIT ?');
  const patched = pick("SELECT DISTINCT message_id AS v FROM patches WHERE origin <> 'quoted' ORDER BY (id * 7919) % 10007 LIMIT ?");
  const functions = pick("SELECT symbol AS v FROM hunk_symbols WHERE kind = 'function' GROUP BY symbol ORDER BY count(*) DESC LIMIT ?");
  const files = pick('SELECT path AS v FROM patch_files GROUP BY path ORDER BY count(*) DESC LIMIT ?');
  const words = pick("SELECT symbol AS v FROM mentions WHERE place = 'prose' GROUP BY symbol ORDER BY count(*) DESC LIMIT ?");
  const e = encodeURIComponent;
  return {
    home: ['/'],
    search: words.map((w) => `/search?q=${e(w)}`),
    message: messages.map((m) => `/m/${e(m)}`),
    'message with patches': patched.map((m) => `/m/${e(m)}`),
    thread: messages.map((m) => `/t/${e(m)}`),
    function: functions.map((f) => `/fn/${e(f)}`),
    file: files.map((f) => `/file/${f.split('/').map(e).join('/')}`),
    race: ['/race/truncate-nopage', '/race/map-pages-lock'],
  };
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function main(): Promise<void> {
  const requests = Number(option('requests') ?? 20);
  let dir: string | null = null;
  let path = option('db');
  if (!path) {
    dir = mkdtempSync(join(tmpdir(), 'lorelab-serve-bench-'));
    const count = Number(option('count') ?? 36000);
    console.log(`building a database of ${count} synthetic messages …`);
    path = await buildDb(count, dir);
  }
  if (!existsSync(path)) throw new Error(`no database at ${path}`);
  const db = openReadOnly(path);
  const explorer = await startExplorer(db, { port: 0 });
  try {
    const messages = (db.prepare('SELECT count(*) AS n FROM messages WHERE is_stub = 0').get() as { n: number }).n;
    console.log(`explorer page times on ${path} (${messages} messages), ${requests} pages of each kind, after one warm-up each:`);
    for (const [kind, paths] of Object.entries(samplePaths(db, requests))) {
      const times: number[] = [];
      await fetch(`${explorer.url}${paths[0]}`).then((r) => r.text());
      for (let i = 0; i < requests; i++) {
        const url = `${explorer.url}${paths[i % paths.length]}`;
        const started = performance.now();
        const response = await fetch(url);
        await response.text();
        times.push(performance.now() - started);
        if (response.status !== 200) console.log(`  ${kind}: ${response.status} for ${url}`);
      }
      console.log(`  ${kind.padEnd(22)} median ${percentile(times, 0.5).toFixed(1).padStart(6)} ms   p95 ${percentile(times, 0.95).toFixed(1).padStart(6)} ms   max ${Math.max(...times).toFixed(1).padStart(6)} ms`);
    }
  } finally {
    await explorer.close();
    db.close();
    if (dir && process.argv.includes('--keep')) console.log(`kept ${path}`);
    else if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
