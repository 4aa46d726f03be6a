// The shapes code takes in running text. Each pattern claims its characters, so that
// "vma->vm_mm" is one member mention and not also an identifier "vm_mm".
import type { MentionKind } from './types.js';
import { replaceAddresses, replaceCalls, replacePaths, type Replacer } from './anchored.js';

export interface Found {
  symbol: string;
  kind: MentionKind;
}

const C_KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'typeof', 'do', 'else', 'case', 'goto']);
/** "a page struct pointer", "a fake vma struct (or both": English after the word struct. */
const NOT_A_TYPE_NAME = new Set(
  'or and the a an is in of to that which with for as it its itself instead pointer pointers member members field fields type types here there'.split(' '),
);
const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
const FILE_SUFFIX = /\.(?:c|h|S|rs|rst|lds|dts|dtsi)(?![\w/])/;

interface Pattern {
  /** Cheap test a text must pass before `re` can match anywhere in it (most texts fail some). */
  may: (text: string) => boolean;
  re: RegExp;
  /** `text.replace(re, replacer)`, done faster (see anchored.ts); where absent, that replace is run. */
  replace?: (text: string, replacer: Replacer) => string;
  read: (m: RegExpExecArray) => Found | null;
}

const PATTERNS: Pattern[] = [
  // struct page, union foo, enum bar
  {
    may: (t) => t.includes('struct') || t.includes('union') || t.includes('enum'),
    re: new RegExp(`\\b(?:struct|union|enum)\\s+(${IDENT})`, 'g'),
    read: (m) => (NOT_A_TYPE_NAME.has(m[1].toLowerCase()) ? null : { symbol: m[1], kind: 'struct' }),
  },
  // vma->vm_mm, mapping->host->i_sem, page->flags
  { may: (t) => t.includes('->'), re: new RegExp(`\\b${IDENT}(?:(?:->|\\.)${IDENT})*->${IDENT}`, 'g'), read: (m) => ({ symbol: m[0], kind: 'member' }) },
  // ->nopage, ->page_mkwrite()
  { may: (t) => t.includes('->'), re: new RegExp(`(?<![\\w)\\]])->(${IDENT})(?:\\(\\))?`, 'g'), read: (m) => ({ symbol: m[1], kind: 'operation' }) },
  // foo(), foo(args): a call; English "page(s)" is not one
  {
    may: (t) => t.includes('('),
    re: new RegExp(`\\b(${IDENT})\\(([^()\\n]{0,80})\\)`, 'g'),
    replace: replaceCalls,
    read: (m) => {
      const [, name, args] = m;
      if (C_KEYWORDS.has(name)) return null;
      if (isMacroName(name)) return { symbol: name, kind: 'macro' };
      const codeName = /_|\d/.test(name) || /^[a-z]+[A-Z]/.test(name);
      const codeArgs = args === '' || /^\d+$/.test(args) || /[&*_]|->|\w,\s*\w/.test(args);
      return codeName || codeArgs ? { symbol: name, kind: 'function' } : null;
    },
  },
  // mm/memory.c, include/linux/mm.h, futex.c
  {
    may: (t) => FILE_SUFFIX.test(t),
    re: /(?<![\w/.-])(?:[\w.-]+\/)*[\w-]+\.(?:c|h|S|rs|rst|lds|dts|dtsi)(?![\w/])/g,
    replace: replacePaths,
    read: (m) => (/^\d/.test(m[0]) ? null : { symbol: m[0], kind: 'file' }),
  },
  // PG_sticky, FUTEX_WAIT, VM_FAULT_LOCKED, O_DIRECT
  { may: (t) => t.includes('_'), re: /\b[A-Z][A-Z0-9]*_[A-Za-z0-9_]*[A-Za-z0-9]\b/g, read: (m) => (isMacroName(m[0]) ? { symbol: m[0], kind: 'macro' } : null) },
  // get_user_pages, mmap_sem, __do_fault
  { may: (t) => t.includes('_'), re: /\b_{0,2}[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, read: (m) => ({ symbol: m[0], kind: 'identifier' }) },
];

/** The patterns before the plain identifier one (which must stay last, see codeShapes). */
const NAMED_PATTERNS = PATTERNS.slice(0, -1);

function isMacroName(name: string): boolean {
  return /^[A-Z][A-Z0-9]*_[A-Za-z0-9_]+$/.test(name) && /[A-Z]{2}|^[A-Z]_/.test(name);
}

/** Addresses, message ids and URLs look like code to the patterns above; blank them first. */
function withoutNoise(text: string): string {
  const blank = (s: string) => ' '.repeat(s.length);
  let rest = text;
  if (rest.includes('://')) rest = rest.replace(/\b(?:https?|ftp|git):\/\/\S+/g, blank);
  // The look-behind starts an address only where its run of name characters starts: without it
  // every word is retried from each of its letters, which made this the costliest line of ingest.
  if (rest.includes('@')) rest = replaceAddresses(rest, (m) => blank(m[0])); // /(?<![\w.+-])<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?/g
  return rest;
}

/**
 * Every code-shaped name in a text, in the order the patterns claim them. Without
 * `identifiers`, plain snake_case identifiers are not looked for: they are the last pattern, so
 * the others find the same either way (a code vocabulary has no use for them).
 */
export function codeShapes(text: string, identifiers = true): Found[] {
  let rest = withoutNoise(text);
  const found: Found[] = [];
  for (const { may, re, replace, read } of identifiers ? PATTERNS : NAMED_PATTERNS) {
    if (!may(rest)) continue;
    const claim: Replacer = (match) => {
      const hit = read(match);
      if (!hit) return match[0];
      found.push(hit);
      return ' '.repeat(match[0].length);
    };
    if (replace) rest = replace(rest, claim);
    else {
      re.lastIndex = 0;
      rest = rest.replace(re, (...args) => claim(args as unknown as RegExpExecArray));
    }
  }
  return found;
}
