// What each input path is: a directory of saved pages (like corpora/) is read page by page;
// everything else goes to the sources stage, which detects the format itself.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { detectFormat } from '../sources/index.js';
import type { SourceFormat } from '../sources/types.js';

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
    const pages = forced || path === '-' ? [] : await pagesIn(path);
    if (pages.length > 0) {
      for (const page of pages) inputs.push({ path: page, format: 'page', fingerprint: fingerprintOf(page) });
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

/** The saved pages of a directory that holds nothing git- or Maildir-like; else none. */
async function pagesIn(path: string): Promise<string[]> {
  let names: string[];
  try {
    if (!statSync(path).isDirectory()) return [];
    names = readdirSync(path).sort();
  } catch {
    return [];
  }
  if (names.some((n) => n === 'git' || n.endsWith('.git') || n === 'cur' || n === 'new' || n === 'HEAD' || n === 'objects')) return [];
  const pages: string[] = [];
  for (const name of names) {
    const file = join(path, name);
    if ((await detectFormat(file)).format === 'page') pages.push(file);
  }
  return pages;
}
