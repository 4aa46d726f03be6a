// `lorelab history <subject>`: wiring only. Markdown on stdout by default, HTML with
// --format html, and --all --out DIR for the bundled histories regenerated from corpora/.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import Database from 'better-sqlite3';
import { ingest } from '../ingest/ingest.js';
import { openDatabase } from '../store/open.js';
import { writeBundledHistories } from './bundled.js';
import { renderHistoryMarkdown } from './document.js';
import { renderHistoryHtml } from './html/render.js';
import { loadHistoryInput } from './load/load.js';
import type { DB } from './load/sql.js';

export interface HistoryCommandHooks {
  /** Runs on the fresh corpus database of --all before rendering (e.g. link and replay races). */
  prepareBundledDb?: (db: DB) => Promise<void> | void;
}

interface HistoryFlags {
  format: string;
  output?: string;
  since?: string;
  until?: string;
  all?: boolean;
  out?: string;
}

function rootDbPath(command: Command): string {
  let root: Command = command;
  while (root.parent) root = root.parent;
  return (root.opts().db as string | undefined) ?? process.env.LORELAB_DB ?? './lorelab.db';
}

/** corpora/ of this checkout or package (dist/src/history → three levels up, src/history → two). */
export function corporaDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const up = here.includes(`${join('dist', 'src')}`) ? '../../..' : '../..';
  return resolve(here, up, 'corpora');
}

/** Ingests the bundled corpus into a fresh database in a temp dir and renders the histories. */
export async function regenerateBundled(outDir: string, hooks: HistoryCommandHooks = {}): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'lorelab-history-'));
  const db = openDatabase(join(dir, 'corpus.db'));
  try {
    await ingest(db, [corporaDir()]);
    await hooks.prepareBundledDb?.(db);
    const result = writeBundledHistories(db, outDir);
    for (const path of result.written) console.log(`wrote ${path}`);
    for (const { subject, error } of result.errors) console.error(`${subject}: ${error.message}`);
    return result.errors.length === 0 ? 0 : 1;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(subject: string | undefined, flags: HistoryFlags, command: Command, hooks: HistoryCommandHooks): Promise<number> {
  if (flags.all) {
    if (!flags.out) {
      console.error('--all needs --out DIR (e.g. --out docs/history)');
      return 2;
    }
    return regenerateBundled(flags.out, hooks);
  }
  if (!subject) {
    console.error('give a subject (a function, struct, macro, file, directory or search text), or --all --out DIR');
    return 2;
  }
  if (flags.format !== 'md' && flags.format !== 'html') {
    console.error(`--format ${flags.format}: expected md or html`);
    return 2;
  }
  const path = rootDbPath(command);
  let db: DB;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch {
    console.error(`no database at ${path}: run \`lorelab start\` or \`lorelab ingest <archive>\` first, or pass --db PATH`);
    return 2;
  }
  try {
    const loaded = loadHistoryInput(db, subject, { since: flags.since ?? null, until: flags.until ?? null });
    if (!loaded.ok) {
      console.error(loaded.error.message);
      return 1;
    }
    const text = flags.format === 'html' ? renderHistoryHtml(loaded.input) : renderHistoryMarkdown(loaded.input);
    if (flags.output) {
      writeFileSync(flags.output, text);
      console.error(`wrote ${flags.output}`);
    } else {
      process.stdout.write(text);
    }
    return 0;
  } finally {
    db.close();
  }
}

export function registerHistoryCommand(program: Command, hooks: HistoryCommandHooks = {}): void {
  program
    .command('history')
    .description('the design history of a function (following its renames), struct, macro, file, directory or search text')
    .argument('[subject]', "e.g. do_no_page, '->nopage', 'struct address_space', mm/filemap.c, mm/, '\"truncate race\"'")
    .option('--format <format>', 'md or html', 'md')
    .option('-o, --output <file>', 'write to FILE instead of stdout')
    .option('--since <date>', 'only threads with matching messages from YYYY[-MM[-DD]]')
    .option('--until <date>', 'only threads with matching messages until YYYY[-MM[-DD]]')
    .option('--all', 'regenerate the bundled histories from corpora/ (needs --out)')
    .option('--out <dir>', 'directory for --all')
    .action(async (subject: string | undefined, flags: HistoryFlags, command: Command) => {
      process.exitCode = await run(subject, flags, command, hooks);
    });
}
