// `lorelab show <message-id>`: one message with its place in the thread, patches, files and
// the functions they touch, and each quote with its author and the reply beneath it.
import type { Command } from 'commander';
import { showMessage, type ShownMessage } from '../../query/show.js';
import { describeOutcome } from '../../query/landed.js';
import { openReadOnly } from '../../store/open.js';
import { dbPath } from '../db-option.js';
import { formatEvidence, printData, outputFormat, withFormatOptions, type FormatFlags } from '../output.js';
import { formatScanLine, scanSource } from '../source-option.js';

export function registerShow(program: Command): void {
  withFormatOptions(program
    .command('show'), 'the message (one object)')
    .description('show a message: thread position, patches, files, touched functions')
    .argument('<message-id>', 'the Message-ID, with or without angle brackets')
    .option('--body', 'also print the body')
    .option('--source <repo>', 'first find where patches landed in this git repository (see `lorelab landed`)')
    .addHelpText('after', `
Each mailed patch gets an outcome line once a repository has been scanned (--source here, or
\`lorelab landed --source REPO\`): "merged as <commit> (first in <tag>)" or "not found upstream".

Examples:
  lorelab show '<CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com>'
  lorelab show CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com --body
  lorelab show CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com --source ~/linux --json`)
    .action(async (messageId: string, options: FormatFlags & { body?: boolean; source?: string }, command: Command) => {
      if (options.source) process.stderr.write(`${formatScanLine(await scanSource(dbPath(command), options.source))}\n`);
      const db = openReadOnly(dbPath(command));
      try {
        const shown = showMessage(db, messageId);
        printData(shown, outputFormat(options), () => formatShown(shown, options.body ?? false));
      } finally {
        db.close();
      }
    });
}

export function formatShown(m: ShownMessage, withBody: boolean): string {
  const out: string[] = [];
  out.push(`Message-ID: <${m.messageId}>${m.syntheticId ? '  (synthetic: the archive showed none)' : ''}${m.stub ? '  [stub: known only from an overview or a reference]' : ''}`);
  out.push(`Subject:    ${m.subject ?? '(unknown)'}`);
  out.push(`From:       ${m.author ?? '(unknown)'}${m.email ? ` <${m.email}>` : ''}`);
  out.push(`Date:       ${m.date ?? '(unknown)'}`);
  if (m.thread) {
    out.push(`Thread:     ${m.thread.subject ?? '(no subject)'} — ${m.thread.messages} messages, root <${m.thread.root}>`);
    out.push(`Position:   depth ${m.thread.depth}, #${(m.thread.position ?? 0) + 1} in the tree${m.thread.parent ? `, reply to <${m.thread.parent}>` : ''}`);
    if (m.thread.replies.length) out.push(`Replies:    ${m.thread.replies.map((r) => `<${r}>`).join(', ')}`);
  }
  for (const s of m.sources) out.push(`Source:     ${s.source} (${s.locator})`);
  if (m.patches.length === 0) out.push('Patches:    none');
  for (const p of m.patches) {
    out.push('');
    out.push(`Patch ${p.ordinal} (${p.origin}${p.name ? `: ${p.name}` : ''})${p.repaired ? ' [repaired]' : ''}${p.patchId ? `  patch-id ${p.patchId}` : ''}`);
    for (const problem of p.problems) out.push(`  note: ${problem}`);
    for (const f of p.files) {
      out.push(`  ${f.path}  (${f.status}, +${f.additions} -${f.deletions})`);
      for (const fn of f.functions) out.push(`      ${fn.kind.padEnd(8)} ${fn.name}  [${fn.how}; ${fn.hunks} hunk${fn.hunks === 1 ? '' : 's'}]`);
    }
    for (const t of p.trailers) out.push(`  ${t.name}: ${t.value}`);
    for (const race of p.races) out.push(`  race: ${race}`);
    for (const link of p.raceEvidence) out.push(...formatEvidence(link.scenario, link.evidence, '    '));
    if (p.outcome) out.push(`  outcome: ${describeOutcome(p.outcome)}`);
  }
  if (m.quotes.length) out.push('', `Quotes:     ${m.quotes.length}`);
  for (const q of m.quotes) out.push(...formatQuote(q));
  if (withBody && m.body) out.push('', m.body);
  return `${out.join('\n')}\n`;
}

/** A quote block: who said it (and where), the quoted words with '>' markers, the answer beneath. */
function formatQuote(q: ShownMessage['quotes'][number]): string[] {
  const who = q.author ? `${q.author}${q.email ? ` <${q.email}>` : ''}` : '(author unknown)';
  const lines = ['', `Quote ${q.ordinal} (depth ${q.depth}) — ${who}${q.quotedMessageId ? ` in <${q.quotedMessageId}>` : ''}`];
  const marker = '> '.repeat(q.depth);
  for (const line of q.quotedText.split('\n')) lines.push(`  ${marker}${line}`.trimEnd());
  if (q.replyText) {
    lines.push('  reply:');
    for (const line of q.replyText.split('\n')) lines.push(`    ${line}`.trimEnd());
  }
  return lines;
}
