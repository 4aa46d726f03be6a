// Fills each hunk's `symbols` from the hunk alone: both sides are scanned and merged; a symbol
// whose definition starts on an added line and which the pre-image does not show is 'added'
// (and the mirror case 'removed').
import type { ContextStyle } from '../hunk-body.js';
import type { Hunk, PatchFile, TouchedSymbol } from '../types.js';
import { scanSide, type SideLine } from './scan.js';

const C_LIKE = /\.(c|h|cc|cpp|cxx|hh|hpp|y|l|inc)$/i;

export function isCLike(path: string | null): boolean {
  return path !== null && C_LIKE.test(path);
}

export function sidesOf(hunk: Pick<Hunk, 'lines'>): { before: SideLine[]; after: SideLine[] } {
  const before: SideLine[] = [];
  const after: SideLine[] = [];
  for (const line of hunk.lines) {
    const c = line[0];
    const text = line.slice(1);
    if (c === ' ') {
      const context = { text, changed: false }; // one object for both sides: scanSide only reads it
      before.push(context);
      after.push(context);
    } else if (c === '-') before.push({ text, changed: true });
    else if (c === '+') after.push({ text, changed: true });
  }
  return { before, after };
}

export function symbolsOfHunk(hunk: Hunk, damaged: boolean): TouchedSymbol[] {
  const { before, after } = sidesOf(hunk);
  const old = scanSide(before, hunk.header, damaged);
  const neu = scanSide(after, hunk.header, damaged);
  const key = (s: { name: string; kind: string }) => `${s.kind}:${s.name}`;
  const oldKeys = new Set(old.map(key));
  const newKeys = new Set(neu.map(key));
  const merged = new Map<string, TouchedSymbol>();
  for (const s of neu) {
    const change = s.startChanged && !oldKeys.has(key(s)) ? 'added' : 'modified';
    merged.set(key(s), { name: s.name, kind: s.kind, change, how: s.how, confidence: s.confidence });
  }
  for (const s of old) {
    if (merged.has(key(s))) continue;
    const change = s.startChanged && !newKeys.has(key(s)) ? 'removed' : 'modified';
    merged.set(key(s), { name: s.name, kind: s.kind, change, how: s.how, confidence: s.confidence });
  }
  return [...merged.values()];
}

export function annotateSymbols(file: PatchFile, style: ContextStyle): PatchFile {
  if (!isCLike(file.newPath ?? file.oldPath)) return file;
  const damaged = style === 'stripped';
  return { ...file, hunks: file.hunks.map((h) => ({ ...h, symbols: symbolsOfHunk(h, damaged) })) };
}
