// Which reader takes an input path: saved archive pages are recognised by their text; every
// other format (public-inbox git, mbox, Maildir, .eml, stdin) by the sources stage.
import { openSync, readSync, closeSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { detectPageKind, readPage } from '../sources/pages/index.js';
import type { SourceFormat, SourceItem } from '../sources/types.js';

export interface Input {
  path: string;
  format: SourceFormat;
  items: () => AsyncIterable<SourceItem> | Iterable<SourceItem>;
}

export class InputError extends Error {}

/** Expands a directory of saved pages (like corpora/) into its page files. */
export function resolveInputs(paths: string[], forced?: SourceFormat): Input[] {
  const inputs: Input[] = [];
  for (const given of paths) {
    const path = given === '-' ? '-' : resolve(given);
    if (forced === 'page' || (forced === undefined && path !== '-' && isPageFile(path))) {
      inputs.push({ path, format: 'page', items: () => readPage(path) });
    } else if (forced === undefined && path !== '-' && isPageDirectory(path)) {
      for (const name of readdirSync(path).sort()) {
        const file = join(path, name);
        if (isPageFile(file)) inputs.push({ path: file, format: 'page', items: () => readPage(file) });
      }
    } else {
      inputs.push(otherSource(path, forced));
    }
  }
  return inputs;
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

function otherSource(path: string, forced?: SourceFormat): Input {
  return {
    path,
    format: forced ?? 'mbox',
    items: () => [
      {
        kind: 'error',
        origin: { source: path, format: forced ?? 'mbox', locator: 'file' },
        reason: `${path}: not a saved archive page; readers for other formats are not wired in yet`,
      },
    ],
  };
}
