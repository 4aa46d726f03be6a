// What one line of C says about where it stands, read from the line alone. Kernel style puts
// top-level definitions at column 0 and everything inside them indented; that is the clue
// used here (and why whitespace-damaged diffs only trust the strongest clues).
import type { SymbolKind } from '../types.js';

export type LineClue =
  | { type: 'function-start'; name: string; opensBody: boolean; endsSignature: boolean }
  | { type: 'return-type' }
  | { type: 'aggregate-start'; kind: 'struct' | 'union' | 'enum'; name: string | null; opensBody: boolean }
  | { type: 'variable'; name: string; opensBody: boolean }
  | { type: 'typedef'; name: string }
  | { type: 'define'; name: string; continues: boolean }
  | { type: 'open' }
  | { type: 'close'; name: string | null }
  | { type: 'prototype' }
  | { type: 'top-comment' }
  | { type: 'none' };

const KEYWORDS = new Set([
  'if', 'for', 'while', 'switch', 'return', 'else', 'do', 'case', 'goto', 'sizeof', 'typeof',
  'defined', '__attribute__', 'asm', '__asm__', 'default', 'break', 'continue',
]);
/** Statement-like macros that sit at column 0 but define no function. */
const NOT_DEFINITIONS = /^(EXPORT_SYMBOL\w*|MODULE_\w+|module_init|module_exit|late_initcall|core_initcall|subsys_initcall|device_initcall|fs_initcall|arch_initcall|postcore_initcall|__setup|early_param|LIST_HEAD|DEFINE_\w+|DECLARE_\w+|static_assert|BUILD_BUG_ON\w*)$/;

function withoutComments(line: string): string {
  return line.replace(/\/\*.*?\*\//g, ' ').replace(/\/\/.*$/, '').replace(/\/\*.*$/, '').trimEnd();
}

export function kindOf(word: string): SymbolKind {
  return word === 'union' ? 'union' : word === 'enum' ? 'enum' : 'struct';
}

// Clues without a name are shared: this runs on every line of every C hunk, and clues are read, never changed.
const NONE: LineClue = Object.freeze({ type: 'none' });
const OPEN: LineClue = Object.freeze({ type: 'open' });
const TOP_COMMENT: LineClue = Object.freeze({ type: 'top-comment' });
const PROTOTYPE: LineClue = Object.freeze({ type: 'prototype' });
const RETURN_TYPE: LineClue = Object.freeze({ type: 'return-type' });

/** The first non-blank character is '#' (a test, not trimStart: no string made per line). */
const INDENTED_DIRECTIVE = /^\s*#/;

export function clueOf(line: string): LineClue {
  // Most lines of a diff are indented code: nothing but an indented #define can be a clue there,
  // and a test for one that makes no string keeps this cheap (it runs on every line).
  if (line === '') return NONE;
  const first = line.charCodeAt(0);
  if ((first === 32 || first === 9) && !INDENTED_DIRECTIVE.test(line)) return NONE;
  const define = /^\s*#\s*define\s+([A-Za-z_]\w*)/.exec(line);
  if (define) return { type: 'define', name: define[1], continues: line.trimEnd().endsWith('\\') };
  if (line === '' || /^\s/.test(line) || line.startsWith('#')) return NONE;
  if (line.startsWith('/*') || line.startsWith('//')) return TOP_COMMENT;
  const code = withoutComments(line);
  if (/^\{\s*$/.test(code)) return OPEN;
  const close = /^\}\s*([A-Za-z_]\w*)?\s*[;,]?/.exec(code);
  if (close) return { type: 'close', name: close[1] ?? null };
  if (/^[A-Za-z_]\w*:\s*$/.test(code) && !code.startsWith('default')) return NONE; // a label
  const typedef = /^typedef\b(?!\s+(struct|union|enum)\s+\w*\s*\{).*?\(?\s*\**\s*([A-Za-z_]\w*)\s*\)?\s*(\(.*\))?\s*(\[.*\])?\s*;$/.exec(code);
  if (typedef && !/\{/.test(code)) return { type: 'typedef', name: typedef[2] };
  const aggregate = /^(?:typedef\s+)?(?:(?:static|const|extern)\s+)*(struct|union|enum)\s+([A-Za-z_]\w*)?\s*(\{.*)?$/.exec(code);
  if (aggregate && !code.includes('(') && !code.includes('=')) {
    return { type: 'aggregate-start', kind: kindOf(aggregate[1]) as 'struct', name: aggregate[2] ?? null, opensBody: aggregate[3] !== undefined };
  }
  const paren = code.indexOf('(');
  const equals = code.indexOf('=');
  if (paren > 0 && (equals < 0 || paren < equals)) {
    const head = code.slice(0, paren).trimEnd();
    const name = /([A-Za-z_]\w*)$/.exec(head)?.[1];
    if (!name || KEYWORDS.has(name) || head.split(/\s+/)[0] === 'typedef') return NONE;
    if (/^\(\s*\*/.test(code.slice(paren))) {
      // 'int (*handler)(int) = …;' — a function pointer variable.
      const fp = /^\(\s*\*\s*([A-Za-z_]\w*)/.exec(code.slice(paren));
      return fp ? { type: 'variable', name: fp[1], opensBody: code.endsWith('{') } : NONE;
    }
    if (code.endsWith(';')) return NOT_DEFINITIONS.test(name) ? NONE : PROTOTYPE;
    if (NOT_DEFINITIONS.test(name) && head === name) return NONE;
    return { type: 'function-start', name, opensBody: code.endsWith('{'), endsSignature: /\)\s*(\{)?\s*$/.test(code) };
  }
  if (/^(extern\s+)?[A-Za-z_][\w\s\*]*$/.test(code) && !code.endsWith(';')) return RETURN_TYPE;
  const variable = /([A-Za-z_]\w*)\s*(\[[^\]]*\]\s*)*(=|;|$)/.exec(equals >= 0 ? code.slice(0, equals + 1) : code);
  if (variable && (code.endsWith(';') || code.endsWith('{') || equals >= 0)) {
    if (/^(return|goto|break|continue)\b/.test(code)) return NONE;
    return { type: 'variable', name: variable[1], opensBody: code.endsWith('{') };
  }
  return NONE;
}
