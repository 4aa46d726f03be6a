// Which reader a path needs, from what is on disk rather than from its name where possible.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceFormat } from './types.js';
import { describe } from './origin.js';
import { isDirectory, listEpochs, looksLikeV2, resolveGitDir } from './git/repo.js';
import { startsWithFrom } from './mbox/split.js';
import { fileChunks, maybeGunzip, peek } from './stream.js';
import { detectPageKind } from './pages/index.js';

export type Detection = { format: SourceFormat } | { format: null; reason: string };

/** An RFC 822 header line: a printable name without spaces, then a colon. */
const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+:/;

export async function detectFormat(path: string): Promise<Detection> {
  if (path === '-') return { format: 'stdin' };
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (error) {
    return { format: null, reason: `cannot read ${path}: ${describe(error)}` };
  }
  return isDir ? detectDirectory(path) : detectFile(path);
}

async function detectDirectory(path: string): Promise<Detection> {
  if ((await listEpochs(path)).length > 0) return { format: 'public-inbox-v2' };
  if ((await isDirectory(join(path, 'cur'))) || (await isDirectory(join(path, 'new')))) return { format: 'maildir' };
  const gitDir = await resolveGitDir(path);
  if (gitDir) return { format: (await looksLikeV2(gitDir)) ? 'public-inbox-v2' : 'public-inbox-v1' };
  return {
    format: null,
    reason: `${path} is a directory but neither a public-inbox (git/N.git), a git repository nor a Maildir (cur/, new/)`,
  };
}

async function detectFile(path: string): Promise<Detection> {
  let head: Buffer;
  try {
    const { chunks } = await maybeGunzip(fileChunks(path));
    head = (await peek(chunks, 64 * 1024)).head;
  } catch (error) {
    return { format: null, reason: `cannot read ${path}: ${describe(error)}` };
  }
  if (startsWithFrom(head)) return { format: 'mbox' };
  const text = head.toString('latin1');
  // Page shapes are specific; a header-like first line is not (a hypermail page starts with
  // its subject, "Re: …"), so pages are recognised before single messages.
  if (detectPageKind(text)) return { format: 'page' };
  if (HEADER_LINE.test(text)) return { format: 'eml' };
  if (head.length === 0 && /\.mbox(rd)?(\.gz)?$/i.test(path)) return { format: 'mbox' };
  return {
    format: null,
    reason: `${path}: unknown format (not an mbox "From " line, not RFC 822 headers, not a saved archive page)`,
  };
}
