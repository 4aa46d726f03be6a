// `lorelab show <message-id>`: one message with its place in the thread, patches, files and
// the functions they touch, and each quote with its author and the reply beneath it.
import type { Command } from 'commander';
import { showMessage, type ShownMessage } from '../../query/show.js';
import { openReadOnly } from '../../store/open.js';
import { dbPath } from '../db-option.js';
import { printJson } from '../output.js';

export function registerShow(program: Command): void {
  program
    .command('show')
    .description('show a message: thread position, patches, files, touched functions')
    .argument('<message-id>', 'the Message-ID, with or without angle brackets')
    .option('--json', 'print the message as one JSON object')
    .option('--body', 'also print the body')
    .addHelpText('after', `
Examples:
  lorelab show '<CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com>'
  lorelab show 'CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com' --body
  lorelab show 'CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com' --json`)
    .action((messageId: string, options: { json?: boolean; body?: boolean }, command: Command) => {
      const db = openReadOnly(dbPath(command));
      try {
        const shown = showMessage(db, messageId);
        if (options.json) return printJson(shown);
        process.stdout.write(formatShown(shown, options.body ?? false));
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
