// `git patch-id --stable`, computed the way git's builtin/patch-id.c does it: each file's diff
// is hashed with SHA-1 after deleting all whitespace from every line (hunk headers' numbers and
// 'index' lines left out), and the per-file digests are added as 20-byte little-endian numbers,
// so the id does not depend on the order of files.
import { createHash } from 'node:crypto';
import { renderFiles } from './render.js';
import type { PatchFile } from './types.js';


function addInto(sum: Uint8Array, digest: Buffer): void {
  let carry = 0;
  for (let i = 0; i < 20; i++) {
    carry += sum[i] + digest[i];
    sum[i] = carry & 0xff;
    carry >>= 8;
  }
}

function hunkCounts(line: string): [number, number] {
  const m = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line);
  if (!m) return [0, 0];
  return [m[1] === undefined ? 1 : Number(m[1]), m[2] === undefined ? 1 : Number(m[2])];
}

/** The id of raw diff text (one patch), or null when git would print none. */
export function patchIdOfText(text: string): string | null {
  const sum = new Uint8Array(20);
  // One file's hashed text, fed to SHA-1 in one call (a call per line costs more than the hash).
  let pending: string[] = [];
  let hashed = 0;
  let before = -1;
  let after = -1;
  let binary = false;
  let pre = '';
  let post = '';
  const flush = () => {
    addInto(sum, createHash('sha1').update(pending.join('')).digest());
    pending = [];
  };
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k].endsWith('\r') ? lines[k].slice(0, -1) : lines[k];
    if (k === lines.length - 1 && line === '') break;
    if (line.startsWith('\\ ') && line.length + 1 > 12) continue; // "\ No newline at end of file"
    if (hashed === 0 && !line.startsWith('diff ')) continue;
    if (before === -1) {
      if (line.startsWith('GIT binary patch') || line.startsWith('Binary files')) {
        binary = true;
        before = 0;
        pending.push(pre, post);
        flush();
        continue;
      } else if (line.startsWith('index ')) {
        const m = /^index ([^.\s]*)\.\.(\S*)/.exec(line);
        if (m) [pre, post] = [m[1], m[2]];
        continue;
      } else if (line.startsWith('--- ')) {
        before = after = 1;
      } else if (!/^[A-Za-z]/.test(line)) {
        break;
      }
    }
    if (binary) {
      if (line.startsWith('diff ')) {
        binary = false;
        before = -1;
      }
      continue;
    }
    if (before === 0 && after === 0) {
      if (line.startsWith('@@ -')) {
        [before, after] = hunkCounts(line);
        continue;
      }
      if (!line.startsWith('diff ')) break;
      flush();
      before = after = -1;
    }
    if (line[0] === '-' || line[0] === ' ') before--;
    if (line[0] === '+' || line[0] === ' ') after--;
    const squeezed = line.replace(/\s+/g, '');
    hashed += squeezed.length;
    pending.push(squeezed);
  }
  if (hashed === 0) return null;
  flush();
  return Buffer.from(sum).toString('hex');
}

/** git patch-id --stable of parsed files (non-git diffs get git's headers), or of raw text. */
export function gitPatchId(input: PatchFile[] | string): string | null {
  try {
    if (typeof input === 'string') return patchIdOfText(input);
    if (!input.some((f) => f.hunks.length > 0 || f.binary)) return null;
    return patchIdOfText(renderFiles(input));
  } catch {
    return null;
  }
}
