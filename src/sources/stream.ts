// Small helpers over byte streams shared by the file and stdin readers.
import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/** Reads at least `bytes` (or all there is), and gives back a stream that still starts at 0. */
export async function peek(
  source: AsyncIterable<Buffer>,
  bytes: number,
): Promise<{ head: Buffer; chunks: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  let failure: unknown = null;
  let done = false;
  try {
    while (size < bytes) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      taken.push(next.value);
      size += next.value.length;
    }
  } catch (error) {
    failure = error; // surfaces to whoever reads the stream, after the bytes that did arrive
    done = true;
  }
  const head = Buffer.concat(taken);
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (failure) throw failure;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, chunks: replay() };
}

/** The decompressed stream when the bytes start with gzip's magic number, else the stream itself. */
export async function maybeGunzip(source: AsyncIterable<Buffer>): Promise<{ gzip: boolean; chunks: AsyncIterable<Buffer> }> {
  const { head, chunks } = await peek(source, 2);
  if (head.subarray(0, 2).equals(GZIP_MAGIC)) {
    const gunzip = createGunzip();
    pipeline(Readable.from(chunks), gunzip, () => undefined); // errors surface on `gunzip`
    return { gzip: true, chunks: gunzip };
  }
  return { gzip: false, chunks };
}

/** A file's bytes in large chunks (fewer, bigger reads; the splitter never copies them). */
export function fileChunks(path: string): AsyncIterable<Buffer> {
  return createReadStream(path, { highWaterMark: 1 << 20 });
}
