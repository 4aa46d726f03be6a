// findPatches: every diff in a message — inline in the text, in text attachments, and quoted
// in replies (kept as evidence with origin 'quoted') — parsed, repaired where the hunk counts
// allow it, with patch-id, format-patch headers, trailers and touched symbols.
import { readFormatPatchHead, MBOX_FROM } from './format-patch.js';
import { quoteRuns, splitLines, hasDiff } from './locate.js';
import { gitPatchId } from './patch-id.js';
import { fileStartsAt, readDiff } from './read-diff.js';
import { findTrailers } from './trailers.js';
import { annotateSymbols } from './symbols/annotate.js';
import type { FoundPatch, PatchOrigin, PatchSourceMail } from './types.js';

interface Place {
  origin: PatchOrigin;
  attachmentName: string | null;
  quotedDepth: number | null;
}

/** The diffs of one run of lines (one quote depth of one text part). */
function patchesOfLines(lines: string[], place: Place, crlf: boolean): Omit<FoundPatch, 'ordinal'>[] {
  const out: Omit<FoundPatch, 'ordinal'>[] = [];
  let regionStart = 0;
  let i = 0;
  while (i < lines.length) {
    if (lines[i].startsWith('From ') && MBOX_FROM.test(lines[i])) regionStart = i;
    if (!fileStartsAt(lines, i)) {
      i++;
      continue;
    }
    const read = readDiff(lines, i);
    const end = Math.max(read.end, i + 1);
    const head = readFormatPatchHead(lines, regionStart, i);
    const message = lines.slice(head ? head.bodyStart : regionStart, i).join('\n');
    const problems = [...read.problems];
    if (crlf) problems.push('CRLF line ends removed');
    const files = read.files.map((f) => annotateSymbols(f, read.contextStyle));
    out.push({
      ...place,
      subject: head?.subject ?? null,
      authorName: head?.authorName ?? null,
      authorEmail: head?.authorEmail ?? null,
      files,
      patchId: gitPatchId(files),
      repaired: read.repaired,
      problems,
      trailers: findTrailers(message),
      raw: lines.slice(i, end).join('\n'),
    });
    i = end;
    regionStart = end;
  }
  return out;
}

/** A diff's first line starts with one of these (after any quote marks): text without them holds none. */
const mayHoldDiff = (text: string) => text.includes('diff ') || text.includes('--- ') || text.includes('Index: ');

function patchesOfText(text: string, origin: 'inline' | 'attachment', attachmentName: string | null) {
  if (!mayHoldDiff(text)) return [];
  const { lines, crlf } = splitLines(text);
  if (origin === 'attachment') return patchesOfLines(lines, { origin, attachmentName, quotedDepth: null }, crlf);
  const out: Omit<FoundPatch, 'ordinal'>[] = [];
  for (const run of quoteRuns(lines)) {
    if (!hasDiff(run.lines)) continue;
    const place: Place = run.depth === 0
      ? { origin: 'inline', attachmentName: null, quotedDepth: null }
      : { origin: 'quoted', attachmentName: null, quotedDepth: run.depth };
    out.push(...patchesOfLines(run.lines, place, crlf));
  }
  return out;
}

function failedPatch(place: Place, raw: string, error: unknown): Omit<FoundPatch, 'ordinal'> {
  return {
    ...place, subject: null, authorName: null, authorEmail: null, files: [], patchId: null,
    repaired: false, problems: [`could not be read: ${String(error).slice(0, 200)}`], trailers: [], raw,
  };
}

export function findPatches(mail: PatchSourceMail): FoundPatch[] {
  const found: Omit<FoundPatch, 'ordinal'>[] = [];
  const text = typeof mail?.text === 'string' ? mail.text : '';
  try {
    found.push(...patchesOfText(text, 'inline', null));
  } catch (error) {
    found.push(failedPatch({ origin: 'inline', attachmentName: null, quotedDepth: null }, text, error));
  }
  for (const att of Array.isArray(mail?.attachments) ? mail.attachments : []) {
    if (typeof att?.text !== 'string') continue;
    try {
      found.push(...patchesOfText(att.text, 'attachment', att.filename ?? null));
    } catch (error) {
      found.push(failedPatch({ origin: 'attachment', attachmentName: att.filename ?? null, quotedDepth: null }, att.text, error));
    }
  }
  return found.map((p, k) => ({ ...p, ordinal: k + 1 }));
}
