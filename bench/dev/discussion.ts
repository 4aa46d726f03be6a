// Per-message cost of the main thread's discussion step (src/ingest/analysis/discussion.ts) over the bodies of
// an ingested database: segmentBody alone, then the whole discussionOf (segments, prose, mentions).
//   node --import tsx bench/dev/discussion.ts /tmp/fs.db [limit]
import Database from 'better-sqlite3';
import { segmentBody } from '../../src/mail/segment/index.js';
import { discussionOf } from '../../src/ingest/analysis/discussion.js';
import type { Mail } from '../../src/mail/types.js';

const [path, limitArg] = process.argv.slice(2);
if (!path) {
  console.error('usage: bench/dev/discussion.ts <db> [limit]');
  process.exit(2);
}
const db = new Database(path, { readonly: true });
const rows = db
  .prepare('SELECT m.message_id, m.subject, b.body FROM messages m JOIN message_bodies b ON b.id = m.id WHERE m.is_stub = 0 ORDER BY m.id LIMIT ?')
  .all(Number(limitArg ?? 1e9)) as Array<{ message_id: string; subject: string | null; body: string }>;
const mails: Mail[] = rows.map((r) => ({
  messageId: r.message_id, syntheticId: false, subject: r.subject, from: null, to: [], cc: [], replyTo: [], originalFrom: null, date: null, dateRaw: null,
  inReplyTo: null, references: [], listId: null, text: r.body, attachments: [], notes: [],
}));
const bytes = mails.reduce((n, m) => n + m.text.length, 0);

function measure(name: string, run: (mail: Mail) => unknown): void {
  for (const mail of mails.slice(0, 200)) run(mail); // warm-up: JIT and remark's first parse
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (const mail of mails) run(mail);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e3;
  console.log(`${name}: ${mails.length} messages, ${(bytes / 1e6).toFixed(1)} MB, ${ms.toFixed(0)} ms wall, ` +
    `${(ms / mails.length).toFixed(3)} ms/message, ${cpuMs.toFixed(0)} ms CPU, ${Math.round(mails.length / (ms / 1000))} msg/s on one core`);
}

measure('segmentBody', (mail) => segmentBody(mail.text));
measure('discussionOf', (mail) => discussionOf(mail, []));
measure('segmentBody, paragraphs: false', (mail) => segmentBody(mail.text, { paragraphs: false }));
