// Tokens of the step language. Newlines are kept as tokens: they end statements, and a binary
// operator or a call's '(' must stay on the line of what precedes it (break after an operator).
import { RaceFileError } from './ast.js';

export type Token =
  | { t: 'ident'; v: string; line: number; nl: boolean }
  | { t: 'num'; v: number; line: number; nl: boolean }
  /** A double-quoted string: raw text, interpolation still to parse. */
  | { t: 'str'; v: string; line: number; nl: boolean }
  /** A single-quoted string: plain text. */
  | { t: 'sstr'; v: string; line: number; nl: boolean }
  | { t: 'op'; v: string; line: number; nl: boolean }
  | { t: 'eof'; v: ''; line: number; nl: boolean };

const OPS = ['&&', '||', '==', '!=', '<=', '>=', '++', '--', '+=', '-=', '(', ')', '[', ']', '{', '}', ',', ';', '.', ':', '?', '!', '<', '>', '+', '-', '*', '/', '%', '='];

export function lex(source: string, file: string, firstLine: number): Token[] {
  const out: Token[] = [];
  let line = firstLine;
  let nl = true;
  let i = 0;
  const push = (tok: Omit<Token, 'line' | 'nl'>, at: number) => {
    out.push({ ...tok, line: at, nl } as Token);
    nl = false;
  };
  while (i < source.length) {
    const c = source[i];
    if (c === '\n') { line++; nl = true; i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '#' || (c === '/' && source[i + 1] === '/')) { while (i < source.length && source[i] !== '\n') i++; continue; }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < source.length && /[A-Za-z0-9_]/.test(source[j])) j++;
      push({ t: 'ident', v: source.slice(i, j) }, line);
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < source.length && /[0-9]/.test(source[j])) j++;
      push({ t: 'num', v: Number(source.slice(i, j)) }, line);
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      const start = line;
      let j = i + 1;
      let text = '';
      while (j < source.length && source[j] !== c) {
        if (source[j] === '\n') throw new RaceFileError(file, line, `a string opened on this line is not closed (expected ${c})`);
        if (source[j] === '\\' && j + 1 < source.length) { text += source[j + 1] === 'n' ? '\n' : source[j + 1]; j += 2; continue; }
        text += source[j++];
      }
      if (j >= source.length) throw new RaceFileError(file, start, `a string opened on this line is not closed (expected ${c})`);
      push({ t: c === '"' ? 'str' : 'sstr', v: text }, start);
      i = j + 1;
      continue;
    }
    const op = OPS.find((o) => source.startsWith(o, i));
    if (!op) throw new RaceFileError(file, line, `unexpected character '${c}'`);
    push({ t: 'op', v: op }, line);
    i += op.length;
  }
  out.push({ t: 'eof', v: '', line, nl: true });
  return out;
}
