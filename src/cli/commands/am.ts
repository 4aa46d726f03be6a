// `lorelab am <message-id>`: a reviewed series as an mbox for `git am`, the way `b4 am` makes it.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseMail } from '../../mail/parse.js';
import { amMail } from '../../patch/am-message.js';
import { checkApplies } from '../../patch/apply-check.js';
import { seriesForAm, type AmSeries } from '../../query/am-series.js';
import { copiesOf } from '../../query/copies.js';
import { mboxrdEntry, readRaw } from '../../sources/index.js';
import { openReadOnly } from '../../store/open.js';
import { dbPath } from '../db-option.js';
import { CliError } from '../errors.js';
import { loreBase } from './lore-base.js';

interface AmOptions {
  output?: string;
  version?: string;
  check?: string;
  lore?: string;
}

export function registerAm(program: Command): void {
  program
    .command('am')
    .description('write the newest version of a series, with the trailers reviewers gave in replies, as an mbox for git am')
    .argument('<message-id>', 'any message of the series (a patch, the cover letter, a reply, any version), or its lore URL')
    .option('-o, --output <file>', 'write the mbox to FILE (default: standard output)')
    .option('-v, --version <n>', 'this version of the series instead of the newest')
    .option('--check <repo>', 'first check that the series applies to this git work tree (git apply --check)')
    .option('--lore <base>', 'the archive the Link: trailers point to (env LORELAB_LORE)')
    .addHelpText('after', `
Each patch keeps its commit message and gains the review trailers (Reviewed-by, Acked-by,
Tested-by, Reviewed-and-tested-by) given in replies to it or to the cover letter, and
"Link: <lore>/r/<message-id>". The cover letter is not part of the mbox.

Exit status: 0 written; 1 when a part is missing, carries its diff only as an attachment, or
(with --check) the series does not apply; nothing is written then.

Examples:
  lorelab am '<20240101120000.1234-1-dev@example.org>' -o series.mbox && git am series.mbox
  lorelab am https://lore.kernel.org/linux-mm/20240101120000.1234-1-dev@example.org/ | git am
  lorelab am 20240101120000.1234-1-dev@example.org --check ~/linux -v 2 -o v2.mbox`)
    .action(async (messageId: string, options: AmOptions, command: Command) => {
      const version = options.version === undefined ? undefined : Number(options.version.replace(/^v/i, ''));
      if (version !== undefined && !(Number.isInteger(version) && version > 0)) throw new CliError(`--version takes a number like 2, not "${options.version}"`);
      const db = openReadOnly(dbPath(command));
      let series: AmSeries;
      let copies;
      try {
        series = seriesForAm(db, messageId, version);
        refuseIncomplete(series);
        copies = series.parts.map((part) => copiesOf(db, part.messageId)[0]!);
      } finally {
        db.close();
      }
      const base = loreBase(options.lore);
      const entries: Buffer[] = [];
      for (const [i, part] of series.parts.entries()) {
        const raw = await readRaw(copies[i]!).catch((error: Error) => {
          throw new CliError(`part ${part.part}: ${error.message}`, 1);
        });
        const mail = await parseMail(raw);
        const link = `Link: ${base}/r/${part.messageId}`;
        const ready = amMail({
          messageId: part.messageId,
          subject: mail.subject ?? part.subject ?? '',
          fromName: mail.from?.name || null,
          fromEmail: mail.from?.email ?? 'unknown@unknown',
          date: mail.dateRaw,
          text: mail.text,
        }, [...part.trailers, link]);
        if (!ready) throw new CliError(`part ${part.part} <${part.messageId}>: no patch where git am looks for one (after the commit message)`, 1);
        entries.push(mboxrdEntry(ready));
      }
      const mbox = Buffer.concat(entries);
      if (options.check) {
        const check = checkApplies(options.check, mbox);
        if (!check.ok) throw new CliError(`v${series.version} of "${series.title}" does not apply to ${options.check}: ${check.message}`, 1);
      }
      if (options.output) writeFileSync(options.output, mbox);
      else process.stdout.write(mbox);
      process.stderr.write(describe(series, options.output));
    });
}

function refuseIncomplete(series: AmSeries): void {
  const name = `v${series.version} of "${series.title}"`;
  if (series.missing.length) {
    const list = series.missing.join(', ');
    throw new CliError(`${name} is missing part${series.missing.length > 1 ? 's' : ''} ${list} of ${series.partTotal}: nothing written (lorelab fetch the thread, or give -v for another version)`, 1);
  }
  const attached = series.parts.filter((p) => p.origin !== 'inline');
  if (attached.length) {
    const what = attached.map((p) => `${p.part} (${p.origin === null ? 'no diff' : 'diff only attached'})`).join(', ');
    throw new CliError(`${name}: git am needs the diff in the mail's text; part ${what}: nothing written`, 1);
  }
}

function describe(series: AmSeries, output: string | undefined): string {
  const counts = new Map<string, number>();
  for (const part of series.parts) for (const t of part.trailers) {
    const name = t.slice(0, t.indexOf(':'));
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const given = [...counts].map(([name, n]) => `${n} ${name}`).join(', ') || 'no review trailers';
  const others = series.versions.length > 1 ? ` (versions known: ${series.versions.map((v) => `v${v}`).join(', ')})` : '';
  return `v${series.version} of "${series.title}" by ${series.author ?? 'unknown'}: ${series.parts.length} patch${series.parts.length === 1 ? '' : 'es'}, ${given}${others}${output ? `; wrote ${output}` : ''}\n`;
}
