// Readers for messages that are whole files: one .eml, a Maildir (cur/ and new/), and stdin.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceItem } from './types.js';
import { describe, errorItem, origin } from './origin.js';
import { readMboxChunks, type MboxOptions } from './mbox/read.js';
import { peek } from './stream.js';
import { startsWithFrom } from './mbox/split.js';

export async function* readEml(path: string): AsyncGenerator<SourceItem> {
  try {
    const raw = await readFile(path);
    if (raw.length === 0) yield errorItem(origin(path, 'eml', 'offset=0 length=0'), 'empty file');
    else yield { kind: 'message', raw, origin: origin(path, 'eml', { offset: 0, length: raw.length }) };
  } catch (error) {
    yield errorItem(origin(path, 'eml', ''), `cannot read: ${describe(error)}`);
  }
}

/** Message files of a Maildir, `cur/` then `new/`, each sorted by name so runs agree. */
export async function maildirFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const sub of ['cur', 'new']) {
    let names: string[] = [];
    try {
      names = (await readdir(join(dir, sub), { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
    } catch {
      continue; // a Maildir may lack one of them
    }
    files.push(...names.sort().map((name) => `${sub}/${name}`));
  }
  return files;
}

export async function* readMaildir(dir: string): AsyncGenerator<SourceItem> {
  for (const file of await maildirFiles(dir)) {
    try {
      const raw = await readFile(join(dir, file));
      const at = origin(dir, 'maildir', { file, offset: 0, length: raw.length });
      if (raw.length === 0) yield errorItem(at, 'empty message file');
      else yield { kind: 'message', raw, origin: at };
    } catch (error) {
      yield errorItem(origin(dir, 'maildir', { file }), `cannot read: ${describe(error)}`);
    }
  }
}

/**
 * stdin holds an mbox (`b4 mbox -o -`, `lei q -o mboxrd:/dev/stdout`) when it starts with a
 * From_ line (possibly gzip), else one message. One message is buffered whole; an mbox streams.
 */
export async function* readStdin(input: AsyncIterable<Buffer>, options: MboxOptions = {}): AsyncGenerator<SourceItem> {
  let head: Buffer;
  let chunks: AsyncIterable<Buffer>;
  try {
    ({ head, chunks } = await peek(input, 5));
  } catch (error) {
    yield errorItem(origin('-', 'stdin', ''), `cannot read: ${describe(error)}`);
    return;
  }
  if (startsWithFrom(head) || (head[0] === 0x1f && head[1] === 0x8b)) {
    yield* readMboxChunks(chunks, '-', 'stdin', options);
    return;
  }
  const parts: Buffer[] = [];
  try {
    for await (const chunk of chunks) parts.push(chunk);
  } catch (error) {
    yield errorItem(origin('-', 'stdin', ''), `input ended early: ${describe(error)}`);
  }
  const raw = Buffer.concat(parts);
  if (raw.length === 0) yield errorItem(origin('-', 'stdin', 'offset=0 length=0'), 'empty input');
  else yield { kind: 'message', raw, origin: origin('-', 'stdin', { offset: 0, length: raw.length }) };
}
