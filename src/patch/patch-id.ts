// `git patch-id --stable`, computed the way git's builtin/patch-id.c does it: each file's diff
// is hashed with SHA-1 after deleting all whitespace from every line (hunk headers' numbers and
// 'index' lines left out), and the per-file digests are added as 20-byte little-endian numbers,
// so the id does not depend on the order of files. One deliberate difference: no-break and other
// Unicode spaces count as whitespace too (see squeezed()).
import { createHash } from 'node:crypto';
import { gitHeaderOf, hunkHeaderOf, renderFiles } from './render.js';
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

/**
 * The text without whitespace, as the bytes SHA-1 reads. git deletes what its isspace() knows
 * (tab, LF, CR, space); this deletes every \s, so that a copy whose mailer turned spaces into
 * no-break spaces keeps the original's id (linux-fscrypt has such quoted copies). Ordinary text
 * holds no other whitespace and takes the fast way: UTF-8 bytes compacted in place, rather than
 * a regular expression whose result strings were the analysis worker's largest allocation.
 */
function squeezed(text: string): Buffer | string {
  if (OTHER_SPACE.test(text)) return text.replace(/\s+/g, '');
  const bytes = Buffer.from(text, 'utf8');
  return bytes.subarray(0, compactAsciiSpace(bytes));
}

/**
 * Deletes tab, LF, CR and space from the bytes in place; returns how many are left. A function
 * of its own so that V8's on-stack-replaced code for the loop ends with the loop: with the
 * `subarray` after it, that code deoptimised on every call (930 times on linux-fscrypt).
 */
function compactAsciiSpace(bytes: Uint8Array): number {
  let kept = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) bytes[kept++] = byte;
  }
  return kept;
}

/** Whitespace other than tab, LF, CR and space: \v, \f, NBSP and the other Unicode spaces. */
const OTHER_SPACE = /[^\S \t\n\r]/;

/**
 * git's patch-id reading of a diff, fed one line at a time (no line ends). One reader serves raw
 * text and parsed files alike, so both give the id git would print for the same diff.
 */
class PatchIdReader {
  private readonly sum = new Uint8Array(20);
  /**
   * One file's lines, fed to SHA-1 without whitespace in one call at the end of the file (a call
   * per line cost more than the hash).
   */
  private pending: string[] = [];
  /** Something was hashed: git prints an id. The first line hashed is a non-empty 'diff ' line. */
  private hashed = false;
  private before = -1;
  private after = -1;
  private binary = false;
  private pre = '';
  private post = '';
  /** git stopped reading: a line that cannot continue the diff. */
  stopped = false;

  line(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('\\ ') && line.length + 1 > 12) return; // "\ No newline at end of file"
    if (!this.hashed && !line.startsWith('diff ')) return;
    if (this.before === -1) {
      if (line.startsWith('GIT binary patch') || line.startsWith('Binary files')) {
        this.binary = true;
        this.before = 0;
        this.pending.push(this.pre, this.post);
        this.flush();
        return;
      } else if (line.startsWith('index ')) {
        const m = /^index ([^.\s]*)\.\.(\S*)/.exec(line);
        if (m) [this.pre, this.post] = [m[1], m[2]];
        return;
      } else if (line.startsWith('--- ')) {
        this.before = this.after = 1;
      } else if (!/^[A-Za-z]/.test(line)) {
        this.stopped = true;
        return;
      }
    }
    if (this.binary) {
      if (line.startsWith('diff ')) {
        this.binary = false;
        this.before = -1;
      }
      return;
    }
    if (this.before === 0 && this.after === 0) {
      if (line.startsWith('@@ -')) {
        [this.before, this.after] = hunkCounts(line);
        return;
      }
      if (!line.startsWith('diff ')) {
        this.stopped = true;
        return;
      }
      this.flush();
      this.before = this.after = -1;
    }
    if (line[0] === '-' || line[0] === ' ') this.before--;
    if (line[0] === '+' || line[0] === ' ') this.after--;
    this.hashed = true;
    this.pending.push(line);
  }

  /** The id, or null when nothing was hashed (git would print none). */
  id(): string | null {
    if (!this.hashed) return null;
    this.flush();
    return Buffer.from(this.sum).toString('hex');
  }

  private flush(): void {
    addInto(this.sum, createHash('sha1').update(squeezed(this.pending.join(''))).digest());
    this.pending = [];
  }
}

/** The id of raw diff text (one patch), or null when git would print none. */
export function patchIdOfText(text: string): string | null {
  const reader = new PatchIdReader();
  const lines = text.split('\n');
  // The empty string after the text's last line end is no line.
  const count = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  for (let k = 0; k < count && !reader.stopped; k++) reader.line(lines[k]);
  return reader.id();
}

/**
 * The id of parsed files: their lines as renderFile would print them, read without printing
 * them (this ran for every diff at ingest). A header with a line break in it (a path git would
 * quote) goes through the printed text instead, where it splits as git reads it.
 */
function patchIdOfFiles(files: PatchFile[]): string | null {
  const reader = new PatchIdReader();
  for (const file of files) {
    const header = gitHeaderOf(file);
    if (header.some((l) => l.includes('\n'))) return patchIdOfText(renderFiles(files));
    for (const l of header) if (!reader.stopped) reader.line(l);
    for (const h of file.hunks) {
      if (reader.stopped) break;
      reader.line(hunkHeaderOf(h));
      for (let k = 0; k < h.lines.length && !reader.stopped; k++) reader.line(h.lines[k]);
    }
  }
  return reader.id();
}

/** git patch-id --stable of parsed files (non-git diffs get git's headers), or of raw text. */
export function gitPatchId(input: PatchFile[] | string): string | null {
  try {
    if (typeof input === 'string') return patchIdOfText(input);
    if (!input.some((f) => f.hunks.length > 0 || f.binary)) return null;
    return patchIdOfFiles(input);
  } catch {
    return null;
  }
}
