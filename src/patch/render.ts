// Turns parsed files back into diff text: as git would print them, for patch-id and for
// re-parsing with parse-diff.
import type { Hunk, PatchFile } from './types.js';

/** A git-style header for a file: kept as sent for git diffs, made up for the others. */
export function gitHeaderOf(file: PatchFile): string[] {
  if (file.gitStyle) return file.headerLines;
  const a = file.oldPath ?? file.newPath ?? 'unknown';
  const b = file.newPath ?? file.oldPath ?? 'unknown';
  const out = [`diff --git a/${a} b/${b}`];
  if (file.status === 'added') out.push('new file mode 100644');
  if (file.status === 'deleted') out.push('deleted file mode 100644');
  out.push(file.oldPath ? `--- a/${file.oldPath}` : '--- /dev/null');
  out.push(file.newPath ? `+++ b/${file.newPath}` : '+++ /dev/null');
  return out;
}

export function hunkHeaderOf(h: Hunk): string {
  return `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@${h.header ? ' ' + h.header : ''}`;
}

export function renderFile(file: PatchFile): string {
  const out = [...gitHeaderOf(file)];
  for (const h of file.hunks) {
    out.push(hunkHeaderOf(h));
    out.push(...h.lines);
  }
  return out.join('\n') + '\n';
}

export function renderFiles(files: PatchFile[]): string {
  return files.map(renderFile).join('');
}
