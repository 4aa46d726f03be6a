// `lorelab query NAME --param value …` and `lorelab query --list`: the named SQL in queries/.
import type { Command } from 'commander';
import { findQuery, listQueries, runNamedQuery } from '../../query/named.js';
import { openReadOnly } from '../../store/open.js';
import type { RaceEvidence } from '../../store/types.js';
import { dbPath } from '../db-option.js';
import { CliError } from '../errors.js';
import { formatData, formatEvidence, outputFormat, printRows, withFormatOptions, type DataFormat, type FormatFlags, type OutputFormat } from '../output.js';

export function registerQuery(program: Command): void {
  withFormatOptions(program
    .command('query'))
    .description('run a named query from queries/*.sql (see --list); parameters are given as --name value')
    .argument('[name]', 'the query, e.g. patches-touching')
    .option('--list', 'list the queries with their parameters')
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .addHelpText(
      'after',
      `
Examples:
  lorelab query --list
  lorelab query patches-touching --fn do_no_page
  lorelab query patches-touching --file mm/filemap.c --kind function --json
  lorelab query patches-touching --file drivers/staging/ --format csv > staging.csv
  lorelab query discussed --fn '->nopage' --format jsonl | jq .subject
  lorelab query functions-touched --message-id '<CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com>'
  lorelab query thread --message-id 20181212150319.GA3432@redhat.com
  lorelab query patch-races --message-id '<CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com>'
      (each link's answer, then the changed lines it rests on under the race steps they touch)

Each query is a plain .sql file under queries/ with a header saying what it answers; run
them with sqlite3 too (see the header of each file).`,
    )
    .action((name: string | undefined, options: { list?: boolean } & FormatFlags, command: Command) => {
      const format = outputFormat(options);
      if (options.list || !name) {
        const all = listQueries();
        if (format !== 'text') return void process.stdout.write(formatData(all.map(({ name, summary, params, columns, path }) => ({ name, summary, params, columns, path })), format));
        for (const q of all) {
          const params = q.params.map((p) => (p.required ? `--${flag(p.name)} <value>` : `[--${flag(p.name)} <value>]`)).join(' ');
          process.stdout.write(`${q.name} ${params}\n    ${q.summary}\n`);
        }
        return;
      }
      const query = findQuery(name);
      const values = parseParams(command.args.slice(1));
      const db = openReadOnly(dbPath(command));
      try {
        const rows = runNamedQuery(db, query, values);
        if (query.name === 'patch-races') return printPatchRaces(rows, format);
        printRows(rows, { format, empty: `(no rows: ${query.name} found nothing)` });
      } finally {
        db.close();
      }
    });
}

/**
 * patch-races: its evidence is a JSON array (an array in --json, not a string); for people each
 * row's answer, then the changed lines the link rests on under the steps they touch.
 */
function printPatchRaces(rows: Record<string, unknown>[], format: OutputFormat): void {
  const parsed = rows.map((r): Record<string, unknown> & { evidence: RaceEvidence[] } => ({
    ...r,
    evidence: typeof r.evidence === 'string' ? (JSON.parse(r.evidence) as RaceEvidence[]) : [],
  }));
  if (format !== 'text') return void process.stdout.write(formatData(parsed, format as DataFormat));
  if (parsed.length === 0) return void process.stdout.write('(no rows: patch-races found nothing)\n');
  const out: string[] = [];
  for (const r of parsed) {
    out.push(`<${r.message_id}> patch ${r.patch}${r.subject ? `: ${String(r.subject).slice(0, 70)}` : ''}`);
    out.push(`    ${r.answer}`);
    out.push(...formatEvidence(String(r.scenario), r.evidence, '      '));
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function flag(param: string): string {
  return param.replace(/_/g, '-');
}

/** ['--fn', 'x', '--message-id=y'] → { fn: 'x', message_id: 'y' } */
export function parseParams(args: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(arg);
    if (!match) throw new CliError(`unexpected argument "${arg}": give parameters as --name value`);
    const key = (match[1] ?? '').replace(/-/g, '_');
    let value = match[2];
    if (value === undefined) {
      value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new CliError(`--${match[1]} needs a value`);
      i++;
    }
    values[key] = value;
  }
  return values;
}
