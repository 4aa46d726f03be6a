// Getting a message's bytes back from its Origin (`lorelab raw`). Unlike the readers this
// rejects, with a message naming the source and locator, when the bytes cannot be had.
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Origin } from './types.js';
import { parseLocator } from './origin.js';
import { BlobReader } from './git/cat-file.js';
import { listEpochs, resolveGitDir } from './git/repo.js';
import { fileChunks, maybeGunzip } from './stream.js';
import { fromQuoteDepth } from './mbox/split.js';
import { LineCutter } from './mbox/lines.js';

export class RawUnavailableError extends Error {}

export async function readRaw(at: Origin): Promise<Buffer> {
  const where = `${at.source} (${at.locator})`;
  const fields = parseLocator(at.locator);
  if (at.source === '-') throw new RawUnavailableError(`${where}: stdin cannot be read again`);
  if (fields.blob) return readBlob(at.source, fields.epoch, fields.blob, where);
  if (fields.offset !== undefined && fields.length !== undefined) {
    const file = fields.file ? join(at.source, fields.file) : at.source;
    const bytes = await readRange(file, fields.offset, fields.length, where);
    return fields.quoting === 'mboxrd' ? unquoteMboxrd(bytes) : bytes;
  }
  if (at.format === 'page') return readFile(at.source);
  throw new RawUnavailableError(`${where}: the locator does not say where the bytes are`);
}

async function readBlob(source: string, epoch: number | undefined, blob: string, where: string): Promise<Buffer> {
  const epochs = epoch === undefined ? [] : await listEpochs(source);
  const inEpoch = epochs.find((e) => e.epoch === epoch)?.gitDir;
  const gitDir = inEpoch ?? (await resolveGitDir(source));
  if (!gitDir) throw new RawUnavailableError(`${where}: not a git repository any more`);
  const reader = new BlobReader(gitDir);
  try {
    const raw = await reader.read(blob);
    if (!raw) throw new RawUnavailableError(`${where}: blob ${blob} is not in ${gitDir}`);
    return raw;
  } finally {
    reader.close();
  }
}

/** Plain files are read at the offset; gzip ones are decompressed up to it. */
async function readRange(file: string, offset: number, length: number, where: string): Promise<Buffer> {
  const handle = await open(file, 'r').catch((e: Error) => {
    throw new RawUnavailableError(`${where}: ${e.message}`);
  });
  const magic = Buffer.alloc(2);
  try {
    await handle.read(magic, 0, 2, 0);
    if (magic[0] !== 0x1f || magic[1] !== 0x8b) {
      const out = Buffer.alloc(length);
      const { bytesRead } = await handle.read(out, 0, length, offset);
      if (bytesRead < length) throw new RawUnavailableError(`${where}: the file is shorter than it was`);
      return out;
    }
  } finally {
    await handle.close();
  }
  const parts: Buffer[] = [];
  let position = 0;
  for await (const chunk of (await maybeGunzip(fileChunks(file))).chunks) {
    const from = Math.max(0, offset - position);
    const to = Math.min(chunk.length, offset + length - position);
    if (to > from) parts.push(chunk.subarray(from, to));
    position += chunk.length;
    if (position >= offset + length) break;
  }
  const out = Buffer.concat(parts);
  if (out.length < length) throw new RawUnavailableError(`${where}: the file is shorter than it was`);
  return out;
}

/** The same `>From ` unquoting the mboxrd reader applied. */
function unquoteMboxrd(bytes: Buffer): Buffer {
  const cutter = new LineCutter();
  const out: Buffer[] = [];
  for (const piece of [...cutter.push(bytes), ...cutter.finish()]) {
    out.push(piece.start && fromQuoteDepth(piece.bytes) > 0 ? piece.bytes.subarray(1) : piece.bytes);
  }
  return Buffer.concat(out);
}
