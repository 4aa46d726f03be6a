// Printing data for people (aligned columns, or a command's own text) or for scripts:
// --format json (an array, or one object), jsonl (one object a line), csv (RFC 4180) or tsv
// (tab-separated, tabs/newlines/backslashes escaped as \t \n \\). `--json` is --format json.
// Every data command declares its options with withFormatOptions and prints through here.
import { Option, type Command } from 'commander';
import { CliError } from './errors.js';
import type { RaceEvidence } from '../store/types.js';

export const DATA_FORMATS = ['json', 'jsonl', 'csv', 'tsv'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];
/** 'text' is the command's own output for people. */
export type OutputFormat = DataFormat | 'text';

export interface FormatFlags {
  json?: boolean;
  format?: string;
}

/** Adds `--format json|jsonl|csv|tsv` and `--json` (an alias of --format json). */
export function withFormatOptions(command: Command, what = 'the rows'): Command {
  return command
    .addOption(new Option('--format <format>', `print ${what} for scripts: ${DATA_FORMATS.join(', ')}`))
    .option('--json', 'the same as --format json');
}

/** The format asked for; a format lorelab does not write is a usage error. */
export function outputFormat(flags: FormatFlags): OutputFormat {
  if (flags.format === undefined || flags.format === 'text' || flags.format === 'table') {
    return flags.json ? 'json' : 'text';
  }
  if (!(DATA_FORMATS as readonly string[]).includes(flags.format)) {
    throw new CliError(`--format ${flags.format}: expected one of ${DATA_FORMATS.join(', ')}`);
  }
  if (flags.json && flags.format !== 'json') throw new CliError(`--json and --format ${flags.format} ask for different formats: give one`);
  return flags.format as DataFormat;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Rows: a table for people, or `format` (json, jsonl, csv, tsv) for scripts. */
export function printRows(
  rows: Record<string, unknown>[],
  options: { json?: boolean; format?: OutputFormat; columns?: string[]; empty?: string } = {},
): void {
  const format = options.format ?? (options.json ? 'json' : 'text');
  if (format !== 'text') {
    process.stdout.write(formatData(rows, format, options.columns));
    return;
  }
  if (rows.length === 0) {
    process.stdout.write(`${options.empty ?? '(no rows)'}\n`);
    return;
  }
  process.stdout.write(`${formatTable(rows, options.columns)}\n`);
}

/** One value (an object, or a list of them): `human()` for people, else `format`. */
export function printData(value: unknown, format: OutputFormat, human: () => string): void {
  process.stdout.write(format === 'text' ? human() : formatData(value, format));
}

/**
 * `value` in a data format. An array is rows, anything else one row; csv/tsv take their
 * columns from `columns` or from every key in order of first appearance, and write nested
 * values (lists, objects) as JSON in their cell.
 */
export function formatData(value: unknown, format: DataFormat, columns?: string[]): string {
  if (format === 'json') return `${JSON.stringify(value, null, 2)}\n`;
  const rows = Array.isArray(value) ? value : [value];
  if (format === 'jsonl') return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
  const records: Record<string, unknown>[] = rows.map((row: unknown) => (row !== null && typeof row === 'object' ? (row as Record<string, unknown>) : { value: row }));
  const names = columns ?? [...new Set(records.flatMap((row) => Object.keys(row)))];
  if (names.length === 0) return '';
  const field = format === 'csv' ? csvField : tsvField;
  const separator = format === 'csv' ? ',' : '\t';
  const lineEnd = format === 'csv' ? '\r\n' : '\n';
  const line = (values: string[]) => values.join(separator) + lineEnd;
  return line(names.map(field)) + records.map((row) => line(names.map((name) => field(cellText(row[name]))))).join('');
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function tsvField(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
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

/** `lorelab … | head` closes the pipe early: that is the reader's choice, not an error. */
export function endQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
