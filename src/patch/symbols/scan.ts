// Walks one side of a hunk (the pre-image: context and '-' lines; or the post-image: context
// and '+' lines) top to bottom, keeping track of which definition each line is in, starting
// from the hunk header's guess and correcting it by every definition line, closing brace and
// #define the hunk itself shows. Each changed line is charged to the definition it is in.
import type { SymbolKind } from '../types.js';
import { clueOf, type LineClue } from './c-line.js';

export interface SideLine {
  text: string;
  changed: boolean;
}

export interface SideSymbol {
  name: string;
  kind: SymbolKind;
  how: string;
  confidence: number;
  /** The definition's first line is itself a changed line (so it may be added/removed whole). */
  startChanged: boolean;
}

interface Current {
  name: string;
  kind: SymbolKind;
  how: string;
  confidence: number;
  startChanged: boolean;
}

type Phase = 'unknown' | 'signature' | 'body' | 'outside';

export const CONFIDENCE = {
  definitionInHunk: 0.97,
  header: 0.9,
  headerDamaged: 0.8,
  define: 0.98,
  declaration: 0.9,
};

/** The state the hunk header implies before the hunk's first line. */
export function stateFromHeader(header: string, damaged: boolean): { cur: Current | null; phase: Phase } {
  const clue = clueOf(header.trim() === '' ? '' : header.replace(/^\s+/, ''));
  const confidence = damaged ? CONFIDENCE.headerDamaged : CONFIDENCE.header;
  const base = { how: 'hunk-header', confidence, startChanged: false };
  if (clue.type === 'function-start') return { cur: { ...base, name: clue.name, kind: 'function' }, phase: 'body' };
  if (clue.type === 'aggregate-start' && clue.name) return { cur: { ...base, name: clue.name, kind: clue.kind }, phase: 'body' };
  if (clue.type === 'variable' && clue.opensBody) return { cur: { ...base, name: clue.name, kind: 'variable' }, phase: 'body' };
  return { cur: null, phase: 'unknown' };
}

/** In whitespace-damaged diffs column 0 means nothing, so only unmistakable clues count. */
function trustedWhenDamaged(clue: LineClue, text: string, next: string | undefined): boolean {
  if (clue.type === 'define') return true;
  if (clue.type !== 'function-start') return false;
  const head = text.slice(0, text.indexOf('(')).trim();
  const typed = /^[A-Za-z_][\w\s\*]*[\s\*][A-Za-z_]\w*$/.test(head) && !/[=.>]/.test(head);
  return typed && (clue.opensBody || (next ?? '').trim() === '{');
}

/**
 * Is the line (part of) a comment, given whether a block comment was open before it? Block
 * comments are followed across lines; a comment line at column 0 is a top-level comment.
 */
export function commentOf(text: string, open: boolean): { open: boolean; topLevel: boolean } | null {
  if (!open && !mayStartComment(text)) return null;
  const trimmed = text.trimStart();
  const closes = (from: number) => text.indexOf('*/', from) < 0;
  if (open) return { open: closes(0), topLevel: /^(\*\*|\*\/| \*)/.test(text) };
  if (trimmed.startsWith('/*')) {
    const start = text.indexOf('/*');
    const rest = text.slice(text.indexOf('*/', start + 2) + 2).trim();
    if (text.indexOf('*/', start + 2) >= 0 && rest !== '') return null; // code after a short comment
    return { open: closes(start + 2), topLevel: start === 0 };
  }
  if (trimmed.startsWith('//')) return { open: false, topLevel: text.startsWith('//') };
  // A hunk that starts inside a block comment: '** …' (SQLite) or ' * …' (kernel) at the margin.
  if (/^(\*\*|\*\/|\*$|\* | \*( |$|\/))/.test(text)) return { open: !text.includes('*/'), topLevel: !/^\s\s/.test(text) };
  return null;
}

/** Every comment clue below starts, after any indentation, with '/' or '*'. */
const MAY_START_COMMENT = /^\s*[/*]/;

function mayStartComment(text: string): boolean {
  return MAY_START_COMMENT.test(text); // not trimStart: this runs on every line, and makes no string
}

/**
 * The definitions a side's changed lines are in. `owners`, when given, receives for each changed
 * line (by its index in `lines`) the function it is in; lines outside a function stay unset.
 */
export function scanSide(lines: SideLine[], header: string, damaged: boolean, owners?: (string | undefined)[]): SideSymbol[] {
  let { cur, phase } = stateFromHeader(header, damaged);
  let k = 0;
  const own = (sym: Current | null) => {
    if (owners && sym?.kind === 'function') owners[k] = sym.name;
  };
  const found = new Map<string, SideSymbol>();
  let lastCharged: Current | null = null;
  const charge = (sym: Current | null) => {
    if (!sym || sym === lastCharged) return; // charged just before: its key is in `found`
    lastCharged = sym;
    const key = `${sym.kind}:${sym.name}`;
    if (!found.has(key)) found.set(key, { ...sym });
  };
  let macro: Current | null = null;
  let inComment = false;
  // Changes inside a signature count only once it turns out to be a definition ('{'), not a
  // prototype (';'); a hunk that ends inside one counts them (definitions are the usual case).
  let pending: Current | null = null;
  const settle = (isDefinition: boolean) => {
    if (pending && isDefinition) charge(pending);
    pending = null;
  };
  const chargeHere = () => {
    if (phase === 'body' || phase === 'signature') own(cur);
    if (phase === 'signature' && cur?.kind === 'function') pending = cur;
    else if (phase === 'body' || phase === 'signature') charge(cur);
  };
  for (k = 0; k < lines.length; k++) {
    const { text, changed } = lines[k];
    const comment = commentOf(text, inComment);
    if (comment) {
      inComment = comment.open;
      // A comment at column 0 (' * ' and '** ' continuations too) is outside any definition.
      if (comment.topLevel && !damaged && !macro) {
        cur = null;
        phase = 'outside';
      }
      if (changed && macro) charge(macro);
      else if (changed) chargeHere();
      if (macro && !text.trimEnd().endsWith('\\')) macro = null;
      continue;
    }
    if (macro) {
      // Continuation lines of a multi-line #define.
      if (changed) charge(macro);
      if (!text.trimEnd().endsWith('\\')) macro = null;
      continue;
    }
    const clue = clueOf(text);
    if (damaged && clue.type !== 'none' && !trustedWhenDamaged(clue, text, lines[k + 1]?.text)) {
      if (changed) chargeHere();
      continue;
    }
    switch (clue.type) {
      case 'define': {
        const m: Current = { name: clue.name, kind: 'macro', how: 'define-line', confidence: CONFIDENCE.define, startChanged: changed };
        if (changed) charge(m);
        if (clue.continues) macro = m;
        continue;
      }
      case 'return-type': {
        // K&R style: 'static int' on its own line, the name on the next.
        const next = lines[k + 1] ? clueOf(lines[k + 1].text) : null;
        if (next?.type === 'function-start') {
          cur = { name: next.name, kind: 'function', how: 'definition-in-hunk', confidence: CONFIDENCE.definitionInHunk, startChanged: changed };
          phase = 'signature';
        }
        break;
      }
      case 'function-start':
        if (!(cur && phase === 'signature' && cur.kind === 'function' && cur.name === clue.name)) {
          settle(false);
          cur = { name: clue.name, kind: 'function', how: 'definition-in-hunk', confidence: CONFIDENCE.definitionInHunk, startChanged: changed };
        }
        phase = clue.opensBody ? 'body' : 'signature';
        break;
      case 'prototype':
        settle(false);
        cur = null;
        phase = 'outside';
        break;
      case 'aggregate-start':
        cur = clue.name
          ? { name: clue.name, kind: clue.kind, how: 'definition-in-hunk', confidence: CONFIDENCE.definitionInHunk, startChanged: changed }
          : null;
        phase = clue.opensBody ? 'body' : 'signature';
        break;
      case 'variable':
        if (phase === 'signature' && cur?.kind === 'function') break; // K&R parameter declarations
        if (clue.opensBody) {
          cur = { name: clue.name, kind: 'variable', how: 'definition-in-hunk', confidence: CONFIDENCE.definitionInHunk, startChanged: changed };
          phase = 'body';
        } else {
          if (changed) charge({ name: clue.name, kind: 'variable', how: 'declaration-line', confidence: CONFIDENCE.declaration, startChanged: true });
          cur = null;
          phase = 'outside';
          continue;
        }
        break;
      case 'typedef':
        if (changed) charge({ name: clue.name, kind: 'typedef', how: 'declaration-line', confidence: CONFIDENCE.declaration, startChanged: true });
        cur = null;
        phase = 'outside';
        continue;
      case 'open':
        if (phase === 'signature') {
          phase = 'body';
          settle(true);
        }
        break;
      case 'close':
        if (changed && cur && (phase === 'body' || phase === 'signature')) {
          charge(cur);
          own(cur);
        }
        if (cur && clue.name && cur.kind !== 'function' && cur.kind !== 'variable' && changed) {
          charge({ name: clue.name, kind: 'typedef', how: 'definition-in-hunk', confidence: CONFIDENCE.definitionInHunk, startChanged: cur.startChanged });
        }
        cur = null;
        phase = 'outside';
        continue;
      case 'top-comment':
        cur = null;
        phase = 'outside';
        break;
      case 'none':
        // SQLite style: a multi-line signature closed by '){' at column 0.
        if (phase === 'signature' && /\{\s*$/.test(text)) {
          phase = 'body';
          settle(true);
        } else if (phase === 'signature' && /\)\s*;\s*$/.test(text)) {
          settle(false);
          cur = null;
          phase = 'outside';
        }
        break;
    }
    if (changed) chargeHere();
    if (phase === 'body') settle(true);
  }
  settle(true);
  return [...found.values()];
}
