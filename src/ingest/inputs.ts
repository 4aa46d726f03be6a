// What each input path is: a directory of saved pages (like corpora/) is read page by page;
// everything else goes to the sources stage, which detects the format itself.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { detectFormat } from '../sources/index.js';
import { detectPageKind } from '../sources/pages/index.js';
import type { SourceFormat } from '../sources/types.js';
import { openSync, readSync, closeSync } from 'node:fs';

export interface Input {
  path: string;
  /** null when detection failed: the reader then yields the error item saying why. */
  format: SourceFormat | null;
  /** size and mtime of a plain file: unchanged ⇒ skipped on the next run. */
  fingerprint: string | null;
}

export class InputError extends Error {}

export async function resolveInputs(paths: string[], forced?: SourceFormat): Promise<Input[]> {
  const inputs: Input[] = [];
  for (const given of paths) {
    const path = given === '-' ? '-' : resolve(given);
    if (!forced && path !== '-' && isPageDirectory(path)) {
      for (const name of readdirSync(path).sort()) {
        const file = join(path, name);
        if (isPageFile(file)) inputs.push({ path: file, format: 'page', fingerprint: fingerprintOf(file) });
      }
      continue;
    }
    const detected = forced ? { format: forced } : await detectFormat(path);
    inputs.push({ path, format: detected.format, fingerprint: path === '-' ? null : fingerprintOf(path) });
  }
  return inputs;
}

function fingerprintOf(path: string): string | null {
  try {
    const s = statSync(path);
    return s.isFile() ? `size=${s.size} mtime=${Math.floor(s.mtimeMs)}` : null;
  } catch {
    return null;
  }
}

function isPageFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    const fd = openSync(path, 'r');
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    return detectPageKind(head.subarray(0, n).toString('utf8')) !== null;
  } catch {
    return false;
  }
}

/** A directory holding saved pages and nothing that looks like git or Maildir. */
function isPageDirectory(path: string): boolean {
  try {
    if (!statSync(path).isDirectory()) return false;
    const names = readdirSync(path);
    if (names.some((n) => n === 'git' || n.endsWith('.git') || n === 'cur' || n === 'new' || n === 'HEAD' || n === 'objects')) return false;
    return names.some((n) => isPageFile(join(path, n)));
  } catch {
    return false;
  }
}
