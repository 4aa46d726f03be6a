// `lorelab fetch <message-id | lore URL>…`: whole threads downloaded from lore (t.mbox.gz), kept
// on disk, and ingested — what `b4 mbox` does, straight into the graph.
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { fetchThread, type FetchedThread } from '../../lore/index.js';
import { messageIdFromArgument } from '../../util/message-id.js';
import { dbPath } from '../db-option.js';
import { CliError } from '../errors.js';
import { printJson } from '../output.js';
import { formatIngestSummary, runIngest } from '../run-ingest.js';
import { loreBase } from './lore-base.js';

interface FetchOptions {
  lore?: string;
  dir?: string;
  json?: boolean;
  retries: string;
  retryWait: string;
  maxBytes: string;
}

export function registerFetch(program: Command): void {
  program
    .command('fetch')
    .description('download whole threads from lore (t.mbox.gz) and ingest them')
    .argument('<threads...>', 'Message-IDs (with or without <>) or lore URLs of any message in each thread')
    .option('--lore <base>', 'the public-inbox server (env LORELAB_LORE; default https://lore.kernel.org); a lore URL argument names its own')
    .option('--dir <dir>', 'where the downloaded threads are kept (env LORELAB_THREADS; default lorelab-threads/ beside the database)')
    .option('--retries <n>', 'retries when the network or the server fails', '3')
    .option('--retry-wait <ms>', 'wait before the first retry, doubled for each next one', '1000')
    .option('--max-bytes <n>', 'largest download accepted (gzipped)', String(64 * 1024 * 1024))
    .option('--json', 'print what was fetched and the ingest summary as JSON')
    .addHelpText('after', `
Each thread is fetched from <base>/all/<message-id>/t.mbox.gz (redirects followed), checked
whole (it must be gzip that unpacks to an mbox, within the size bounds), kept as
<dir>/<message-id>.t.mboxrd.gz, and then ingested: \`lorelab raw\` reads messages back from
there. Fetching a thread again brings in the replies that came since.

Exit status: 0 when every thread was fetched and stored; 1 when one was not found (HTTP 404),
could not be had after the retries, or was malformed or too large (the others are still
fetched and ingested; nothing of a failed one is kept); 2 on a usage error.

Examples:
  lorelab fetch 20181212150319.GA3432@redhat.com
  lorelab fetch https://lore.kernel.org/linux-mm/20181212150319.GA3432@redhat.com/
  lorelab fetch '<a@example.org>' '<b@example.org>' --json
  LORELAB_LORE=https://lore.example.org lorelab fetch a@example.org`)
    .action(async (threads: string[], options: FetchOptions, command: Command) => {
      const retries = wholeNumber('--retries', options.retries, 0);
      const backoffMs = wholeNumber('--retry-wait', options.retryWait, 0);
      const maxBytes = wholeNumber('--max-bytes', options.maxBytes, 1);
      const explicitBase = options.lore !== undefined || process.env.LORELAB_LORE !== undefined ? loreBase(options.lore) : null;
      const db = dbPath(command);
      const dir = resolve(options.dir ?? process.env.LORELAB_THREADS ?? resolve(dirname(resolve(db)), 'lorelab-threads'));
      const fetched: FetchedThread[] = [];
      const failed: Array<{ thread: string; error: string }> = [];
      const tty = process.stderr.isTTY === true;
      for (const given of threads) {
        const messageId = messageIdFromArgument(given);
        if (!messageId) throw new CliError(`"${given}" names no Message-ID`);
        const base = explicitBase ?? urlBase(given) ?? loreBase();
        try {
          const thread = await fetchThread(base, messageId, dir, {
            retries, backoffMs, maxBytes,
            onProgress: tty ? (received, total) => process.stderr.write(`\r\x1b[Kfetch <${messageId}>: ${kb(received)}${total ? ` of ${kb(total)}` : ''}`) : undefined,
            onRetry: (attempt, waitMs, reason) => process.stderr.write(`${tty ? '\r\x1b[K' : ''}lorelab: ${reason}; retry ${attempt} of ${retries} in ${(waitMs / 1000).toFixed(1)} s\n`),
          });
          if (tty) process.stderr.write('\r\x1b[K');
          process.stderr.write(`fetched <${messageId}>: ${thread.messages} message${thread.messages === 1 ? '' : 's'} (${kb(thread.bytes)}) → ${thread.path}\n`);
          fetched.push(thread);
        } catch (error) {
          if (tty) process.stderr.write('\r\x1b[K');
          const message = (error as Error).message;
          if (!(error as { kind?: string }).kind) throw error;
          process.stderr.write(`lorelab: ${message}${/not found/.test(message) ? ` — no thread with Message-ID <${messageId}> there` : ''}\n`);
          failed.push({ thread: messageId, error: message });
        }
      }
      const summary = fetched.length ? await runIngest(db, fetched.map((t) => t.path)) : null;
      if (options.json) printJson({ fetched, failed, ingest: summary });
      else if (summary) process.stdout.write(formatIngestSummary(summary));
      if (failed.length > 0 || (summary && summary.failed > 0)) process.exitCode = 1;
    });
}

/** The server of a lore URL argument (https://lore.kernel.org/linux-mm/<id>/ → https://lore.kernel.org). */
function urlBase(given: string): string | null {
  if (!/^https?:\/\//i.test(given.trim())) return null;
  try {
    return new URL(given.trim()).origin;
  } catch {
    return null;
  }
}

function wholeNumber(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new CliError(`${flag} takes a whole number${min > 0 ? ` from ${min}` : ''}, not "${value}"`);
  return n;
}

function kb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
