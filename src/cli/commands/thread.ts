// `lorelab thread <message-id>`: the whole thread a message belongs to, as an indented tree —
// author, date, the subject where it changes, patch markers, and stubs shown as such.
import type { Command } from 'commander';
import { QueryError } from '../../query/named.js';
import { openReadOnly, type DB } from '../../store/open.js';
import { dbPath } from '../db-option.js';
import { printData, outputFormat, withFormatOptions, type FormatFlags } from '../output.js';
import { messageIdFromArgument } from '../../util/message-id.js';

export interface ThreadEntry {
  messageId: string;
  depth: number;
  author: string | null;
  date: string | null;
  subject: string | null;
  /** 'overview' | 'reference' for messages not in the archive; null for full messages. */
  stub: string | null;
  /** Patches posted in the message (quoted diffs are not counted). */
  patches: number;
}

export function registerThread(program: Command): void {
  withFormatOptions(program
    .command('thread'), 'the entries')
    .description('print the thread tree a message belongs to')
    .argument('<message-id>', 'any message of the thread, with or without angle brackets')
    .addHelpText('after', `
Examples:
  lorelab thread '<CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com>'
  lorelab thread 'CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com' --json`)
    .action((messageId: string, options: FormatFlags, command: Command) => {
      const db = openReadOnly(dbPath(command));
      try {
        const entries = loadThread(db, messageId);
        printData(entries, outputFormat(options), () => formatThread(entries, messageIdFromArgument(messageId)));
      } finally {
        db.close();
      }
    });
}

export function loadThread(db: DB, messageId: string): ThreadEntry[] {
  const id = messageIdFromArgument(messageId);
  const at = db.prepare('SELECT thread FROM messages WHERE message_id = ?').get(id) as { thread: number | null } | undefined;
  if (!at) throw new QueryError(`no message with Message-ID <${id}>`);
  if (at.thread === null) throw new QueryError(`<${id}> is in no thread yet: run \`lorelab ingest\` again to thread it`);
  const rows = db
    .prepare(`SELECT m.message_id, m.depth, COALESCE(m.author_name, m.author_email) AS author, m.date, m.subject,
        CASE WHEN m.is_stub = 1 THEN COALESCE(m.stub_origin, 'reference') END AS stub,
        (SELECT count(*) FROM patches p WHERE p.message_id = m.message_id AND p.origin <> 'quoted') AS patches
      FROM messages m WHERE m.thread = ? ORDER BY m.thread_position`)
    .all(at.thread) as Array<{ message_id: string; depth: number | null; author: string | null; date: string | null; subject: string | null; stub: string | null; patches: number }>;
  return rows.map((r) => ({ messageId: r.message_id, depth: r.depth ?? 0, author: r.author, date: r.date, subject: r.subject, stub: r.stub, patches: r.patches }));
}

/** One line per message; `mark` (the message asked about) gets a '*'. */
export function formatThread(entries: ThreadEntry[], mark?: string): string {
  const subjectAt = new Map<number, string | null>(); // subject of the nearest shallower line, per depth
  const lines = entries.map((e) => {
    const parentSubject = e.depth > 0 ? subjectAt.get(e.depth - 1) ?? null : null;
    subjectAt.set(e.depth, e.subject ?? parentSubject);
    const changed = e.subject && normaliseSubject(e.subject) !== normaliseSubject(parentSubject ?? '');
    const parts = [
      e.messageId === mark ? '*' : ' ',
      '  '.repeat(e.depth),
      e.stub ? `(not archived${e.stub === 'overview' ? ', from the overview' : ''})` : '',
      e.author ?? '(unknown)',
      e.date ? e.date.slice(0, 10) : '',
      e.patches === 1 ? '[PATCH]' : e.patches > 1 ? `[${e.patches} patches]` : '',
      changed ? `"${e.subject}"` : '',
      `<${e.messageId}>`,
    ];
    return parts[0] + parts[1] + parts.slice(2).filter(Boolean).join('  ');
  });
  return `${lines.join('\n')}\n`;
}

function normaliseSubject(subject: string): string {
  return subject.replace(/^\s*((re|fwd?|aw|sv)\s*(\[\d+\])?:\s*)+/i, '').trim().toLowerCase();
}
