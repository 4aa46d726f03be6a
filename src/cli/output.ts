// Printing rows for people (aligned columns) or for scripts (--json: an array of objects).
import type { RaceEvidence } from '../store/types.js';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printRows(rows: Record<string, unknown>[], options: { json?: boolean; columns?: string[]; empty?: string } = {}): void {
  if (options.json) return printJson(rows);
  if (rows.length === 0) {
    process.stdout.write(`${options.empty ?? '(no rows)'}\n`);
    return;
  }
  process.stdout.write(`${formatTable(rows, options.columns)}\n`);
}

const MAX_CELL = 60;

export function formatTable(rows: Record<string, unknown>[], columns?: string[]): string {
  const names = columns ?? Object.keys(rows[0] ?? {});
  const cells = rows.map((row) => names.map((name) => cell(row[name])));
  const widths = names.map((name, i) => Math.max(name.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(names), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value).replace(/\s+/g, ' ');
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

/**
 * A race link's evidence for people: each changed line ('+'/'-') under the scenario step it
 * touches, grouped by step, e.g.
 *   truncate-nopage fault step 9: do_no_page: pte_none? set_pte, spin_unlock(page_table_lock)
 *     + set_pte(page_table, entry);   [do_no_page: set_pte]
 */
export function formatEvidence(scenario: string, evidence: readonly RaceEvidence[], indent: string): string[] {
  const out: string[] = [];
  const steps = [...new Set(evidence.map((e) => e.step))];
  for (const step of steps) {
    out.push(`${indent}${scenario} ${step}`);
    for (const e of evidence.filter((x) => x.step === step)) out.push(`${indent}  ${e.side === 'added' ? '+' : '-'} ${e.line}   [${e.function}: ${e.operation}]`);
  }
  return out;
}
