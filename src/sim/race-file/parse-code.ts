// The step language: a few C-like statements over the kernel model's objects.
//   if (cond) { … } else { … }     for id in list { … }     for key, value in object { … }
//   goto step     done     note "text {expr}"     let x = expr     x = expr     x++  x += n
//   return expr (in `define`d functions)     violation "text" (in invariants)
//   fault "invariant" "text" (a step that is itself the error, e.g. a use after free)
// Expressions: literals (1, true, null, 'plain', "with {interpolation}"), names, a.b, a[b],
// calls f(x), [lists], {objects}, ! - * / % + - < <= > >= == != && || and c ? a : b.
import { RaceFileError, type Expr, type Stmt } from './ast.js';
import { lex, type Token } from './lex.js';

const BINARY: string[][] = [['||'], ['&&'], ['==', '!='], ['<', '<=', '>', '>='], ['+', '-'], ['*', '/', '%']];

class Parser {
  private at = 0;
  constructor(
    private readonly toks: Token[],
    private readonly file: string,
  ) {}

  private get tok(): Token { return this.toks[this.at]; }
  private fail(what: string, tok: Token = this.tok): never {
    const got = tok.t === 'eof' ? 'the end of the code' : tok.t === 'str' || tok.t === 'sstr' ? `a string` : `'${tok.v}'`;
    throw new RaceFileError(this.file, tok.line, `expected ${what}, found ${got}`);
  }
  private isOp(v: string, tok = this.tok) { return tok.t === 'op' && tok.v === v; }
  private isWord(v: string) { return this.tok.t === 'ident' && this.tok.v === v; }
  private expectOp(v: string) { if (!this.isOp(v)) this.fail(`'${v}'`); this.at++; }
  private ident(what: string): string {
    if (this.tok.t !== 'ident') this.fail(what);
    return String(this.toks[this.at++].v);
  }
  private skipSeparators() { while (this.isOp(';')) this.at++; }
  /** The whole input must be one expression. */
  finish(e: Expr): Expr {
    if (this.tok.t !== 'eof') this.fail('the end of the expression');
    return e;
  }

  block(end: 'eof' | '}'): Stmt[] {
    const out: Stmt[] = [];
    this.skipSeparators();
    while (!(end === 'eof' ? this.tok.t === 'eof' : this.isOp('}'))) {
      if ((this.tok as Token).t === 'eof') this.fail("'}'");
      out.push(this.statement());
      if (!(this.tok.nl || this.isOp(';') || this.isOp('}') || this.tok.t === 'eof')) this.fail('a new line or ; after the statement');
      this.skipSeparators();
    }
    return out;
  }

  private braced(): Stmt[] {
    this.expectOp('{');
    const body = this.block('}');
    this.expectOp('}');
    return body;
  }

  private statement(): Stmt {
    const line = this.tok.line;
    if (this.tok.t === 'ident') {
      switch (this.tok.v) {
        case 'if': {
          this.at++;
          const test = this.expr();
          const then = this.braced();
          let otherwise: Stmt[] = [];
          if (this.isWord('else')) {
            this.at++;
            otherwise = this.isWord('if') ? [this.statement()] : this.braced();
          }
          return { k: 'if', line, test, then, else: otherwise };
        }
        case 'for': {
          this.at++;
          const key = this.ident('a variable name after for');
          let value: string | null = null;
          if (this.isOp(',')) { this.at++; value = this.ident('a second variable name'); }
          if (!this.isWord('in')) this.fail("'in'");
          this.at++;
          const over = this.expr();
          return { k: 'for', line, key, value, over, body: this.braced() };
        }
        case 'goto': this.at++; return { k: 'goto', line, target: this.ident('a step name after goto') };
        case 'done': this.at++; return { k: 'done', line };
        case 'note': this.at++; return { k: 'note', line, text: this.expr() };
        case 'violation': this.at++; return { k: 'violation', line, text: this.expr() };
        case 'fault': { this.at++; const invariant = this.expr(); return { k: 'fault', line, invariant, text: this.expr() }; }
        case 'let': {
          this.at++;
          const name = this.ident('a variable name after let');
          this.expectOp('=');
          return { k: 'let', line, name, value: this.expr() };
        }
        case 'return': {
          this.at++;
          const bare = this.tok.nl || this.isOp(';') || this.isOp('}') || (this.tok as Token).t === 'eof';
          return { k: 'return', line, value: bare ? null : this.expr() };
        }
      }
    }
    const target = this.expr();
    if (this.tok.t === 'op' && !this.tok.nl && ['=', '+=', '-='].includes(this.tok.v)) {
      const op = this.tok.v as '=' | '+=' | '-=';
      this.assignable(target);
      this.at++;
      return { k: 'assign', line, target, op, value: this.expr() };
    }
    if (this.tok.t === 'op' && !this.tok.nl && (this.tok.v === '++' || this.tok.v === '--')) {
      this.assignable(target);
      const op = this.tok.v;
      this.at++;
      return { k: 'bump', line, target, op };
    }
    if (target.k !== 'call') throw new RaceFileError(this.file, line, 'expected a statement (if, for, goto, done, note, let, an assignment or a call)');
    return { k: 'expr', line, expr: target };
  }

  private assignable(e: Expr) {
    if (e.k !== 'name' && e.k !== 'member' && e.k !== 'index') throw new RaceFileError(this.file, e.line, 'only a name, a field or an element can be assigned');
  }

  expr(): Expr {
    const test = this.binary(0);
    if (!this.isOp('?') || this.tok.nl) return test;
    this.at++;
    const then = this.expr();
    this.expectOp(':');
    return { k: 'cond', line: test.line, test, then, else: this.expr() };
  }

  private binary(level: number): Expr {
    if (level === BINARY.length) return this.unary();
    let left = this.binary(level + 1);
    while (this.tok.t === 'op' && !this.tok.nl && BINARY[level].includes(this.tok.v)) {
      const op = String(this.toks[this.at++].v);
      left = { k: 'binary', line: left.line, op, left, right: this.binary(level + 1) };
    }
    return left;
  }

  private unary(): Expr {
    if (this.isOp('!') || this.isOp('-')) {
      const { line, v } = this.toks[this.at++];
      return { k: 'unary', line, op: v as '!' | '-', arg: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(e: Expr): Expr {
    for (;;) {
      if (this.isOp('.')) {
        this.at++;
        e = { k: 'member', line: e.line, object: e, field: this.ident('a field name after .') };
      } else if (this.isOp('[') && !this.tok.nl) {
        this.at++;
        const index = this.expr();
        this.expectOp(']');
        e = { k: 'index', line: e.line, object: e, index };
      } else return e;
    }
  }

  private primary(): Expr {
    const tok = this.tok;
    const line = tok.line;
    this.at++;
    switch (tok.t) {
      case 'num': return { k: 'lit', line, value: tok.v };
      case 'sstr': return { k: 'lit', line, value: tok.v };
      case 'str': return template(tok.v, this.file, line);
      case 'ident': {
        if (tok.v === 'true' || tok.v === 'false') return { k: 'lit', line, value: tok.v === 'true' };
        if (tok.v === 'null') return { k: 'lit', line, value: null };
        if (this.isOp('(') && !this.tok.nl) {
          this.at++;
          const args: Expr[] = [];
          const text: string[] = [];
          while (!this.isOp(')')) {
            const from = this.at;
            args.push(this.expr());
            text.push(this.toks.slice(from, this.at).map((t) => t.v).join(''));
            if (!this.isOp(',')) break;
            this.at++;
          }
          this.expectOp(')');
          return { k: 'call', line, fn: tok.v, args, text };
        }
        return { k: 'name', line, name: tok.v };
      }
      case 'op':
        if (tok.v === '(') { const e = this.expr(); this.expectOp(')'); return e; }
        if (tok.v === '[') {
          const items: Expr[] = [];
          while (!this.isOp(']')) { items.push(this.expr()); if (!this.isOp(',')) break; this.at++; }
          this.expectOp(']');
          return { k: 'list', line, items };
        }
        if (tok.v === '{') {
          const fields: [string, Expr][] = [];
          while (!this.isOp('}')) {
            const name = this.ident('a field name');
            this.expectOp(':');
            fields.push([name, this.expr()]);
            if (!this.isOp(',')) break;
            this.at++;
          }
          this.expectOp('}');
          return { k: 'object', line, fields };
        }
    }
    return this.fail('a value (a name, a number, a string, a call, ( … ))', tok);
  }
}

/** "text {expr} more": `{{` and `}}` stand for braces. */
export function template(raw: string, file: string, line: number): Expr {
  const parts: (string | Expr)[] = [];
  let text = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw.startsWith('{{', i) || raw.startsWith('}}', i)) { text += raw[i]; i++; continue; }
    if (raw[i] !== '{') { text += raw[i]; continue; }
    const close = raw.indexOf('}', i);
    if (close < 0) throw new RaceFileError(file, line, "expected '}' closing the {expression} in a string");
    if (text) parts.push(text);
    text = '';
    parts.push(parseExpr(raw.slice(i + 1, close), file, line));
    i = close;
  }
  if (text || parts.length === 0) parts.push(text);
  return parts.length === 1 && typeof parts[0] === 'string' ? { k: 'lit', line, value: parts[0] } : { k: 'template', line, parts };
}

export function parseCode(source: string, file: string, firstLine: number): Stmt[] {
  return new Parser(lex(source, file, firstLine), file).block('eof');
}

export function parseExpr(source: string, file: string, firstLine: number): Expr {
  const p = new Parser(lex(source, file, firstLine), file);
  return p.finish(p.expr());
}
