// A name's lineage: the names it had before and after, from corpora/lineage.json (cited
// commits and releases) and from renames the patch stage detected (symbol_renames).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LineageStep, OutcomeFact } from '../types.js';
import type { Reader } from './sql.js';

export interface LineageFile {
  renames: Array<{ from: string; to: string[]; release: string | null; commit: string | null; citation: string }>;
  outcomes: Array<{ seed: string; facts: OutcomeFact[] }>;
}

export const EMPTY_LINEAGE: LineageFile = { renames: [], outcomes: [] };

/** corpora/lineage.json of this checkout or package, found by walking up from this module. */
export function defaultLineagePath(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'corpora', 'lineage.json');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Reads and checks the file; a malformed file gives an error text, never an exception. */
export function readLineageFile(path: string): { file: LineageFile } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return { error: `cannot read lineage file ${path}: ${(err as Error).message}` };
  }
  const root = json as { renames?: unknown; outcomes?: unknown };
  if (!Array.isArray(root.renames) || !Array.isArray(root.outcomes)) {
    return { error: `lineage file ${path} needs "renames" and "outcomes" arrays` };
  }
  const renames = root.renames.flatMap((r: Record<string, unknown>) => {
    const to = Array.isArray(r.to) ? r.to.filter((t): t is string => typeof t === 'string') : [];
    const from = str(r.from);
    const citation = str(r.citation);
    return from && to.length > 0 && citation
      ? [{ from, to, release: str(r.release), commit: str(r.commit), citation }]
      : [];
  });
  const outcomes = root.outcomes.flatMap((o: Record<string, unknown>) => {
    const seed = str(o.seed);
    const facts = Array.isArray(o.facts)
      ? o.facts.flatMap((f: Record<string, unknown>) => {
        const text = str(f.text);
        return text ? [{ text, commit: str(f.commit), release: str(f.release) }] : [];
      })
      : [];
    return seed ? [{ seed, facts }] : [];
  });
  return { file: { renames, outcomes } };
}

/** Every name connected to `name` by a rename, either way, with the steps that connect them. */
export function followLineage(reader: Reader, name: string, file: LineageFile): { names: string[]; steps: LineageStep[] } {
  const steps: LineageStep[] = file.renames.map((r) => ({ ...r, source: 'lineage-file' as const }));
  for (const row of reader.all<{ old_name: string; new_name: string; message_id: string }>(
    `SELECT r.old_name, r.new_name, p.message_id FROM symbol_renames r JOIN patches p ON p.id = r.patch
     ORDER BY r.old_name, r.new_name, p.message_id`,
  )) {
    steps.push({
      from: row.old_name, to: [row.new_name], release: null, commit: null,
      citation: `rename in the patch of <${row.message_id}>`, source: 'patch',
    });
  }
  const names = [name];
  const used: LineageStep[] = [];
  for (let i = 0; i < names.length; i++) {
    for (const step of steps) {
      const linked = step.from === names[i] ? step.to : step.to.includes(names[i]) ? [step.from] : [];
      if (linked.length === 0) continue;
      if (!used.includes(step)) used.push(step);
      for (const n of linked) if (!names.includes(n)) names.push(n);
    }
  }
  return { names, steps: used };
}
