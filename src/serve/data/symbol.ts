// What the function, struct, macro and file pages show, as plain data (also /api/fn/…, /api/file/…).
import type { DB } from '../../store/open.js';
import { hasTable } from './schema-probe.js';

export interface TouchingPatch {
  messageId: string;
  patch: number;
  subject: string | null;
  author: string | null;
  date: string | null;
  /** Hunks of this patch that touch the subject, and how (modified/added/removed). */
  hunks: number;
  changes: string[];
}

export interface Discussion {
  messageId: string;
  subject: string | null;
  author: string | null;
  date: string | null;
  /** 'subject' | 'prose' | 'quoted': where the name appears. */
  places: string[];
}

export interface SymbolView {
  name: string;
  kinds: string[];
  patches: TouchingPatch[];
  discussions: Discussion[];
  /** Scenarios that model the function, or that a touching patch links to. */
  races: Array<{ scenario: string; title: string; why: string }>;
}

export interface FileView {
  path: string;
  /** True when the path names a directory: every file beneath it matched. */
  directory: boolean;
  files: string[];
  patches: TouchingPatch[];
  functions: Array<{ name: string; kind: string; patches: number }>;
}

const LIMIT = 200;

/** A race the simulator knows, as the catalogue describes it (lorelab/sim's listScenarios). */
export interface KnownRace {
  id: string;
  title: string;
  functions: string[];
}

export function loadSymbol(db: DB, name: string, catalogue: KnownRace[]): SymbolView | null {
  const kinds = (db.prepare('SELECT DISTINCT kind FROM hunk_symbols WHERE symbol = ? UNION SELECT DISTINCT kind FROM mentions WHERE symbol = ? ORDER BY 1').all(name, name) as Array<{ kind: string }>).map((k) => k.kind);
  if (kinds.length === 0) return null;
  const patches = (db.prepare(`SELECT p.message_id, p.ordinal, coalesce(p.subject, m.subject) AS subject, coalesce(m.author_name, p.author_name) AS author, m.date,
        count(DISTINCT h.id) AS hunks, group_concat(DISTINCT hs.change) AS changes
      FROM hunk_symbols hs JOIN hunks h ON h.id = hs.hunk JOIN patch_files pf ON pf.id = h.patch_file
      JOIN patches p ON p.id = pf.patch LEFT JOIN messages m ON m.message_id = p.message_id
     WHERE hs.symbol = ? AND p.origin <> 'quoted'
     GROUP BY p.id ORDER BY m.date, p.message_id, p.ordinal LIMIT ${LIMIT}`).all(name) as Array<Record<string, any>>).map(toPatch);
  const discussions = (db.prepare(`SELECT mn.message_id, m.subject, m.author_name AS author, m.date, group_concat(DISTINCT mn.place) AS places
      FROM mentions mn JOIN messages m ON m.message_id = mn.message_id
     WHERE mn.symbol = ? AND mn.place <> 'quoted'
     GROUP BY mn.message_id ORDER BY m.date, mn.message_id LIMIT ${LIMIT}`).all(name) as Array<Record<string, any>>)
    .map((d) => ({ messageId: d.message_id, subject: d.subject, author: d.author, date: d.date, places: String(d.places ?? '').split(',').filter(Boolean) }));
  return { name, kinds, patches, discussions, races: racesFor(db, name, catalogue) };
}

function toPatch(p: Record<string, any>): TouchingPatch {
  return {
    messageId: p.message_id, patch: p.ordinal, subject: p.subject, author: p.author, date: p.date,
    hunks: p.hunks ?? 0, changes: String(p.changes ?? '').split(',').filter(Boolean),
  };
}

function racesFor(db: DB, name: string, catalogue: KnownRace[]): SymbolView['races'] {
  const modelled = catalogue.filter((s) => s.functions.includes(name))
    .map((s) => ({ scenario: s.id, title: s.title, why: `its steps model ${name}` }));
  if (!hasTable(db, 'patch_scenarios')) return modelled;
  const linked = (db.prepare(`SELECT DISTINCT s.id, s.title, ps.how FROM hunk_symbols hs JOIN hunks h ON h.id = hs.hunk JOIN patch_files pf ON pf.id = h.patch_file
      JOIN patch_scenarios ps ON ps.patch = pf.patch JOIN scenarios s ON s.id = ps.scenario
     WHERE hs.symbol = ? AND ps.how <> 'candidate' ORDER BY s.id`).all(name) as Array<{ id: string; title: string; how: string }>)
    .map((s) => ({ scenario: s.id, title: s.title, why: `a patch touching ${name} is linked (${s.how})` }));
  const seen = new Set<string>();
  return [...modelled, ...linked].filter((r) => !seen.has(r.scenario) && Boolean(seen.add(r.scenario)));
}

/** A file, or with a trailing '/' (or a path no file has exactly) a directory. */
export function loadFile(db: DB, path: string): FileView | null {
  const exact = !path.endsWith('/') && Boolean(db.prepare('SELECT 1 FROM patch_files WHERE path = ? LIMIT 1').get(path));
  const prefix = path.endsWith('/') ? path : `${path}/`;
  // A directory is a range of the path index: every path from 'mm/' up to 'mm/' + U+FFFF.
  const where = exact ? 'pf.path = @path' : 'pf.path >= @prefix AND pf.path < @prefixEnd';
  const params = { path, prefix, prefixEnd: `${prefix}\uffff` };
  const files = (db.prepare(`SELECT DISTINCT pf.path FROM patch_files pf WHERE ${where} ORDER BY 1 LIMIT ${LIMIT}`).all(params) as Array<{ path: string }>).map((f) => f.path);
  if (files.length === 0) return null;
  const patches = (db.prepare(`SELECT p.message_id, p.ordinal, coalesce(p.subject, m.subject) AS subject, coalesce(m.author_name, p.author_name) AS author, m.date,
        count(DISTINCT h.id) AS hunks, group_concat(DISTINCT pf.status) AS changes
      FROM patch_files pf JOIN patches p ON p.id = pf.patch LEFT JOIN hunks h ON h.patch_file = pf.id LEFT JOIN messages m ON m.message_id = p.message_id
     WHERE ${where} AND p.origin <> 'quoted'
     GROUP BY p.id ORDER BY m.date, p.message_id, p.ordinal LIMIT ${LIMIT}`).all(params) as Array<Record<string, any>>).map(toPatch);
  const functions = db.prepare(`SELECT hs.symbol AS name, hs.kind, count(DISTINCT pf.patch) AS patches
      FROM patch_files pf JOIN hunks h ON h.patch_file = pf.id JOIN hunk_symbols hs ON hs.hunk = h.id
     WHERE ${where} GROUP BY hs.symbol, hs.kind ORDER BY patches DESC, hs.symbol LIMIT ${LIMIT}`).all(params) as FileView['functions'];
  return { path, directory: !exact, files, patches, functions };
}
