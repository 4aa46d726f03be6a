// A thread as lore serves it (t.mbox.gz), checked whole before it is kept: it must gunzip
// completely within a bound and hold an mbox. Kept under `dir` with a name that says it is
// mboxrd, written to a temporary name and renamed, so a failed fetch leaves nothing behind.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { download, DownloadError, type DownloadOptions } from './download.js';
import { escapeMessageId, threadMboxUrl } from './url.js';

export interface FetchedThread {
  messageId: string;
  url: string;
  /** Where the gzipped mboxrd was kept. */
  path: string;
  /** Messages in it (From_ lines). */
  messages: number;
  bytes: number;
}

export interface ThreadFetchOptions extends Partial<DownloadOptions> {
  /** Largest thread accepted once decompressed. */
  maxUnpackedBytes?: number;
}

export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

export async function fetchThread(base: string, messageId: string, dir: string, options: ThreadFetchOptions = {}): Promise<FetchedThread> {
  const url = threadMboxUrl(base, messageId);
  const { body } = await download(url, options);
  const mbox = unpack(body, url, options.maxUnpackedBytes ?? MAX_UNPACKED_BYTES);
  const messages = countFromLines(mbox);
  if (messages === 0) throw new DownloadError(`${url}: the response is not an mbox (no "From " line)`, 'http', url);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${fileNameFor(messageId)}.t.mboxrd.gz`);
  const partial = `${path}.partial-${process.pid}`;
  try {
    writeFileSync(partial, body);
    renameSync(partial, path);
  } finally {
    rmSync(partial, { force: true });
  }
  return { messageId, url, path, messages, bytes: body.length };
}

function unpack(body: Buffer, url: string, limit: number): Buffer {
  if (body.length < 2 || body[0] !== 0x1f || body[1] !== 0x8b) {
    throw new DownloadError(`${url}: the response is not gzip (${body.length} bytes${body.length ? `, starting ${JSON.stringify(body.subarray(0, 24).toString('latin1'))}` : ''})`, 'http', url);
  }
  try {
    return gunzipSync(body, { maxOutputLength: limit });
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|buffer/i.test(err.message)) {
      throw new DownloadError(`${url}: more than ${limit} bytes once decompressed`, 'too-large', url);
    }
    throw new DownloadError(`${url}: damaged gzip (${err.message})`, 'http', url);
  }
}

function countFromLines(mbox: Buffer): number {
  if (!mbox.subarray(0, 5).equals(Buffer.from('From '))) return 0;
  let count = 1;
  for (let at = mbox.indexOf('\nFrom '); at >= 0; at = mbox.indexOf('\nFrom ', at + 1)) count++;
  return count;
}

/** A file name from a Message-ID: safe on any file system, and distinct for distinct ids. */
export function fileNameFor(messageId: string): string {
  const safe = escapeMessageId(messageId).replace(/[^A-Za-z0-9\-._@+=%]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return safe.slice(0, 200);
}
