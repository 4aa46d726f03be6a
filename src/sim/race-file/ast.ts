// The step language's syntax tree. Every node keeps the line it starts on (in the race file), so
// errors found after parsing (an unknown name, a goto to nowhere) still name file:line.

export type Expr =
  | { k: 'lit'; line: number; value: null | boolean | number | string }
  | { k: 'name'; line: number; name: string }
  | { k: 'member'; line: number; object: Expr; field: string }
  | { k: 'index'; line: number; object: Expr; index: Expr }
  | { k: 'call'; line: number; fn: string; args: Expr[]; text: string[] }
  | { k: 'unary'; line: number; op: '!' | '-'; arg: Expr }
  | { k: 'binary'; line: number; op: string; left: Expr; right: Expr }
  | { k: 'cond'; line: number; test: Expr; then: Expr; else: Expr }
  | { k: 'template'; line: number; parts: (string | Expr)[] }
  | { k: 'list'; line: number; items: Expr[] }
  | { k: 'object'; line: number; fields: [string, Expr][] };

export type Stmt =
  | { k: 'if'; line: number; test: Expr; then: Stmt[]; else: Stmt[] }
  | { k: 'for'; line: number; key: string; value: string | null; over: Expr; body: Stmt[] }
  | { k: 'goto'; line: number; target: string }
  | { k: 'done'; line: number }
  | { k: 'note'; line: number; text: Expr }
  | { k: 'let'; line: number; name: string; value: Expr }
  | { k: 'assign'; line: number; target: Expr; op: '=' | '+=' | '-='; value: Expr }
  | { k: 'bump'; line: number; target: Expr; op: '++' | '--' }
  | { k: 'expr'; line: number; expr: Expr }
  | { k: 'return'; line: number; value: Expr | null }
  | { k: 'violation'; line: number; text: Expr }
  | { k: 'fault'; line: number; invariant: Expr; text: Expr };

/** The expressions directly inside an expression, in order (none for names and literals). */
export function childExprs(e: Expr): Expr[] {
  switch (e.k) {
    case 'member': return [e.object];
    case 'index': return [e.object, e.index];
    case 'call': return e.args;
    case 'unary': return [e.arg];
    case 'binary': return [e.left, e.right];
    case 'cond': return [e.test, e.then, e.else];
    case 'template': return e.parts.filter((p): p is Expr => typeof p !== 'string');
    case 'list': return e.items;
    case 'object': return e.fields.map(([, v]) => v);
    default: return [];
  }
}

/** An error in a race file, with where it is. */
export class RaceFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
  }
}
