// mbox files and streams into SourceItems: gzip is recognised by its magic bytes, mboxrd by the
// file name or by a `>>From ` line near the start, and each message keeps its byte range.
import type { SourceFormat, SourceItem } from '../types.js';
import { describe, errorItem, origin } from '../origin.js';
import { fileChunks, maybeGunzip, peek } from '../stream.js';
import { MboxSplitter, type MboxPart, type Quoting } from './split.js';

/** How far into an mbox to look for evidence of mboxrd quoting. */
const SNIFF_BYTES = 1 << 20;

/** mboxrd when the name says so or a `>>From ` line appears (only mboxrd writers make those). */
export function detectQuoting(head: Buffer, name = ''): Quoting {
  if (/mboxrd/i.test(name)) return 'mboxrd';
  return /(^|\n)>>+From /.test(head.toString('latin1')) ? 'mboxrd' : 'mboxo';
}

export interface MboxOptions {
  quoting?: Quoting;
}

export async function* readMboxFile(path: string, options: MboxOptions = {}): AsyncGenerator<SourceItem> {
  yield* readMboxChunks(fileChunks(path), path, 'mbox', options);
}

/** Any byte stream holding an mbox (a file, stdin), gzip or not. */
export async function* readMboxChunks(
  source: AsyncIterable<Buffer>,
  name: string,
  format: SourceFormat,
  options: MboxOptions = {},
): AsyncGenerator<SourceItem> {
  let chunks: AsyncIterable<Buffer>;
  let quoting: Quoting;
  try {
    const unpacked = await maybeGunzip(source);
    const sniffed = await peek(unpacked.chunks, SNIFF_BYTES);
    chunks = sniffed.chunks;
    quoting = options.quoting ?? detectQuoting(sniffed.head, name);
  } catch (error) {
    yield errorItem(origin(name, format, ''), `cannot read: ${describe(error)}`);
    return;
  }
  const splitter = new MboxSplitter(quoting);
  const toItem = (part: MboxPart): SourceItem =>
    part.kind === 'message'
      ? { kind: 'message', raw: part.raw, origin: origin(name, format, { offset: part.offset, length: part.length, quoting }) }
      : errorItem(origin(name, format, { offset: part.offset }), part.reason);
  let cutShort: string | undefined;
  try {
    for await (const chunk of chunks) {
      for (const part of splitter.push(chunk)) yield toItem(part);
    }
  } catch (error) {
    cutShort = `input ended early: ${describe(error)}`;
  }
  for (const part of splitter.finish(cutShort)) yield toItem(part);
}
