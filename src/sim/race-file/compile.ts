// The step language compiled to closures (parsed once, at load; run many times by the
// explorer). Names are resolved here, so an unknown object, local or operation is a load
// error with its line, never a surprise during a search.
import { ModelFault } from '../engine/types.js';
import { childExprs, RaceFileError, type Expr, type Stmt } from './ast.js';
import { builtins } from './builtins.js';

/** What a running piece of code sees. */
export interface Env {
  g: Record<string, any>;
  local: Record<string, any>;
  temps: Record<string, any>;
  self: number;
  /** Adds to the step's label (null where nothing is labelled: guards, invariants). */
  note: ((text: string) => void) | null;
}

type Value = (env: Env) => any;
/** undefined: go on; otherwise how the code left. */
export type Exit = { kind: 'goto'; to: string } | { kind: 'done' } | { kind: 'return'; value: unknown } | { kind: 'violation'; text: string };
type Run = (env: Env) => Exit | undefined;

export interface Scope {
  file: string;
  /** Where the code is: a step, an invariant, a define, a guard. */
  role: 'step' | 'guard' | 'invariant' | 'define' | 'show';
  state: ReadonlySet<string>;
  consts: ReadonlyMap<string, unknown>;
  locals: ReadonlySet<string>;
  /** Every define's name and parameters (late bound, so defines may call each other). */
  defines: ReadonlyMap<string, Define>;
  /** Step names of the thread, for goto. */
  steps: ReadonlySet<string>;
}

export interface Define {
  params: string[];
  line: number;
  body: Stmt[];
  /** Compiled on first use. */
  run?: Run;
  pure: boolean;
}

const DONE_EXIT: Exit = { kind: 'done' };
const READ_ONLY = new Set(['guard', 'invariant', 'show']);

export function compileBlock(stmts: Stmt[], scope: Scope, temps: Set<string> = new Set()): Run {
  const runs = stmts.map((s) => compileStmt(s, scope, temps));
  return (env) => {
    for (let i = 0; i < runs.length; i++) {
      const exit = runs[i](env);
      if (exit) return exit;
    }
    return undefined;
  };
}

function err(scope: Scope, line: number, problem: string): never {
  throw new RaceFileError(scope.file, line, problem);
}

function compileStmt(s: Stmt, scope: Scope, temps: Set<string>): Run {
  const mutates = () => READ_ONLY.has(scope.role) && err(scope, s.line, `a ${scope.role} only reads the state; '${s.k}' changes it`);
  switch (s.k) {
    case 'if': {
      const test = compileExpr(s.test, scope, temps);
      const then = compileBlock(s.then, scope, new Set(temps));
      const otherwise = compileBlock(s.else, scope, new Set(temps));
      return (env) => (test(env) ? then(env) : otherwise(env));
    }
    case 'for': {
      const over = compileExpr(s.over, scope, temps);
      const inner = new Set(temps).add(s.key);
      if (s.value) inner.add(s.value);
      const body = compileBlock(s.body, scope, inner);
      const { key, value } = s;
      return (env) => {
        const coll = over(env);
        const entries: [unknown, unknown][] = Array.isArray(coll) ? coll.map((v) => [v, v]) : Object.entries(coll ?? {});
        for (const [k, v] of entries) {
          env.temps[key] = k;
          if (value) env.temps[value] = v;
          const exit = body(env);
          if (exit) return exit;
        }
        return undefined;
      };
    }
    case 'goto': {
      if (scope.role !== 'step') err(scope, s.line, `goto is only for steps, not in a ${scope.role}`);
      if (!scope.steps.has(s.target)) err(scope, s.line, `goto to unknown step '${s.target}' (steps: ${[...scope.steps].join(', ')})`);
      const exit: Exit = { kind: 'goto', to: s.target };
      return () => exit;
    }
    case 'done':
      if (scope.role !== 'step') err(scope, s.line, `done is only for steps, not in a ${scope.role}`);
      return () => DONE_EXIT;
    case 'note': {
      const text = compileExpr(s.text, scope, temps);
      return (env) => void env.note?.(String(text(env)));
    }
    case 'let': {
      const value = compileExpr(s.value, scope, temps);
      temps.add(s.name);
      const name = s.name;
      return (env) => void (env.temps[name] = value(env));
    }
    case 'assign': case 'bump': {
      mutates();
      const set = compileTarget(s.target, scope, temps);
      if (s.k === 'bump') return (env) => void set(env, (old) => old + (s.op === '++' ? 1 : -1));
      const value = compileExpr(s.value, scope, temps);
      const op = s.op;
      return (env) => { const v = value(env); set(env, (old) => (op === '=' ? v : op === '+=' ? old + v : old - v)); return undefined; };
    }
    case 'expr': {
      const e = compileExpr(s.expr, scope, temps);
      return (env) => void e(env);
    }
    case 'return': {
      if (scope.role !== 'define') err(scope, s.line, 'return is only for defines');
      const value = s.value ? compileExpr(s.value, scope, temps) : () => null;
      return (env) => ({ kind: 'return', value: value(env) });
    }
    case 'violation': {
      if (scope.role !== 'invariant') err(scope, s.line, 'violation is only for invariants (a step uses fault)');
      const text = compileExpr(s.text, scope, temps);
      return (env) => ({ kind: 'violation', text: String(text(env)) });
    }
    case 'fault': {
      if (scope.role !== 'step' && scope.role !== 'define') err(scope, s.line, `fault is only for steps, not in a ${scope.role}`);
      const inv = compileExpr(s.invariant, scope, temps);
      const text = compileExpr(s.text, scope, temps);
      return (env) => { throw new ModelFault(String(inv(env)), String(text(env))); };
    }
  }
}

/** An assignable place: returns a setter that receives the old value and returns the new one. */
function compileTarget(e: Expr, scope: Scope, temps: Set<string>): (env: Env, update: (old: any) => any) => void {
  if (e.k === 'name') {
    const name = e.name;
    if (temps.has(name)) return (env, u) => void (env.temps[name] = u(env.temps[name]));
    if (scope.locals.has(name)) return (env, u) => void (env.local[name] = u(env.local[name]));
    if (scope.state.has(name)) return (env, u) => void (env.g[name] = u(env.g[name]));
    if (scope.consts.has(name)) err(scope, e.line, `'${name}' is a constant`);
    return err(scope, e.line, unknownName(name, scope, temps));
  }
  const object = compileExpr(e.k === 'member' || e.k === 'index' ? e.object : e, scope, temps);
  if (e.k === 'member') {
    const field = e.field;
    return (env, u) => { const o = object(env); o[field] = u(o[field]); };
  }
  if (e.k === 'index') {
    const index = compileExpr(e.index, scope, temps);
    return (env, u) => { const o = object(env); const i = index(env); o[i] = u(o[i]); };
  }
  return err(scope, e.line, 'only a name, a field or an element can be assigned');
}

function unknownName(name: string, scope: Scope, temps: Set<string>): string {
  const known = [...temps, ...scope.locals, ...scope.consts.keys(), ...scope.state].join(', ');
  return `unknown object or variable '${name}' (known here: ${known || 'nothing'})`;
}

export function compileExpr(e: Expr, scope: Scope, temps: Set<string>): Value {
  switch (e.k) {
    case 'lit': { const v = e.value; return () => v; }
    case 'name': {
      const name = e.name;
      if (temps.has(name)) return (env) => env.temps[name];
      if (scope.locals.has(name)) return (env) => env.local[name];
      if (scope.consts.has(name)) { const v = scope.consts.get(name); return () => v; }
      if (scope.state.has(name)) return (env) => env.g[name];
      if (name === 'self' && scope.role !== 'invariant' && scope.role !== 'show') return (env) => env.self;
      if (name === 'inf') return () => Infinity;
      return err(scope, e.line, unknownName(name, scope, temps));
    }
    case 'member': {
      const object = compileExpr(e.object, scope, temps);
      const field = e.field;
      return (env) => {
        const o = object(env);
        if (o === null || o === undefined) throw new ModelFault('null-dereference', `.${field} of ${o} (line ${e.line})`);
        return o[field];
      };
    }
    case 'index': {
      const object = compileExpr(e.object, scope, temps);
      const index = compileExpr(e.index, scope, temps);
      return (env) => {
        const o = object(env);
        if (o === null || o === undefined) throw new ModelFault('null-dereference', `[…] of ${o} (line ${e.line})`);
        return o[index(env)];
      };
    }
    case 'call': return compileCall(e, scope, temps);
    case 'unary': {
      const arg = compileExpr(e.arg, scope, temps);
      return e.op === '!' ? (env) => !arg(env) : (env) => -arg(env);
    }
    case 'binary': {
      const l = compileExpr(e.left, scope, temps);
      const r = compileExpr(e.right, scope, temps);
      switch (e.op) {
        case '&&': return (env) => l(env) && r(env);
        case '||': return (env) => l(env) || r(env);
        case '==': return (env) => l(env) === r(env);
        case '!=': return (env) => l(env) !== r(env);
        case '<': return (env) => l(env) < r(env);
        case '<=': return (env) => l(env) <= r(env);
        case '>': return (env) => l(env) > r(env);
        case '>=': return (env) => l(env) >= r(env);
        case '+': return (env) => l(env) + r(env);
        case '-': return (env) => l(env) - r(env);
        case '*': return (env) => l(env) * r(env);
        case '/': return (env) => l(env) / r(env);
        default: return (env) => l(env) % r(env);
      }
    }
    case 'cond': {
      const test = compileExpr(e.test, scope, temps);
      const then = compileExpr(e.then, scope, temps);
      const otherwise = compileExpr(e.else, scope, temps);
      return (env) => (test(env) ? then(env) : otherwise(env));
    }
    case 'template': {
      const parts = e.parts.map((p) => (typeof p === 'string' ? () => p : compileExpr(p, scope, temps)));
      return (env) => { let s = ''; for (const p of parts) s += String(p(env)); return s; };
    }
    case 'list': {
      const items = e.items.map((i) => compileExpr(i, scope, temps));
      return (env) => items.map((i) => i(env));
    }
    case 'object': {
      const fields = e.fields.map(([k, v]) => [k, compileExpr(v, scope, temps)] as const);
      return (env) => { const o: Record<string, unknown> = {}; for (const [k, v] of fields) o[k] = v(env); return o; };
    }
  }
}

function compileCall(e: Extract<Expr, { k: 'call' }>, scope: Scope, temps: Set<string>): Value {
  const args = e.args.map((a) => compileExpr(a, scope, temps));
  const def = scope.defines.get(e.fn);
  if (def) {
    if (args.length !== def.params.length) err(scope, e.line, `${e.fn} takes ${def.params.length} argument(s) (${def.params.join(', ')}), not ${args.length}`);
    if (READ_ONLY.has(scope.role) && !def.pure) err(scope, e.line, `${e.fn} changes the state; a ${scope.role} only reads it`);
    const params = def.params;
    const defScope: Scope = { ...scope, role: 'define', locals: new Set(), steps: new Set() };
    return (env) => {
      def.run ??= compileBlock(def.body, defScope, new Set(params));
      const temps: Record<string, any> = {};
      for (let i = 0; i < params.length; i++) temps[params[i]] = args[i](env);
      const exit = def.run({ ...env, temps, local: {} });
      return exit && exit.kind === 'return' ? exit.value : null;
    };
  }
  const fn = builtins[e.fn];
  if (!fn) return err(scope, e.line, `unknown operation '${e.fn}' (the kernel model has: ${Object.keys(builtins).join(', ')}; or define it under define:)`);
  const [min, max] = typeof fn.arity === 'number' ? [fn.arity, fn.arity] : fn.arity;
  if (args.length < min || args.length > max) err(scope, e.line, `${e.fn} takes ${min === max ? min : `${min}–${max}`} argument(s), not ${args.length}`);
  if (READ_ONLY.has(scope.role) && !fn.pure) err(scope, e.line, `${e.fn} changes the state; a ${scope.role} only reads it`);
  const text = e.text;
  const call = fn.fn;
  switch (args.length) {
    case 0: return (env) => call({ g: env.g, text });
    case 1: { const [a] = args; return (env) => call({ g: env.g, text }, a(env)); }
    case 2: { const [a, b] = args; return (env) => call({ g: env.g, text }, a(env), b(env)); }
    default: return (env) => call({ g: env.g, text }, ...args.map((a) => a(env)));
  }
}

/** A define is pure when its body (and what it calls) assigns nothing and calls no mutating builtin. */
export function bodyIsPure(stmts: Stmt[], defines: ReadonlyMap<string, { body: Stmt[]; params: string[] }>, seen = new Set<string>(), temps = new Set<string>()): boolean {
  const exprPure = (e: Expr): boolean => {
    switch (e.k) {
      case 'call': {
        if (!e.args.every(exprPure)) return false;
        const d = defines.get(e.fn);
        if (d) return seen.has(e.fn) || (seen.add(e.fn), bodyIsPure(d.body, defines, seen, new Set(d.params)));
        return builtins[e.fn]?.pure ?? true;
      }
      default: return childExprs(e).every(exprPure);
    }
  };
  return stmts.every((s) => {
    switch (s.k) {
      // Changing a variable of the code's own (let) is not changing the state.
      case 'assign': return s.target.k === 'name' && temps.has(s.target.name) && exprPure(s.value);
      case 'bump': return s.target.k === 'name' && temps.has(s.target.name);
      case 'fault': return false;
      case 'if': return exprPure(s.test) && bodyIsPure(s.then, defines, seen, temps) && bodyIsPure(s.else, defines, seen, temps);
      case 'for': return exprPure(s.over) && bodyIsPure(s.body, defines, seen, new Set(temps).add(s.key).add(s.value ?? s.key));
      case 'let': return temps.add(s.name), exprPure(s.value);
      case 'expr': return exprPure(s.expr);
      case 'note': case 'violation': return exprPure(s.text);
      case 'return': return !s.value || exprPure(s.value);
      default: return true;
    }
  });
}

/** Can control run off the end of this code (so a step falls through to the next)? */
export function fallsThrough(stmts: Stmt[]): boolean {
  for (const s of stmts) {
    if (s.k === 'goto' || s.k === 'done' || s.k === 'fault' || s.k === 'return') return false;
    if (s.k === 'if' && !fallsThrough(s.then) && !fallsThrough(s.else)) return false;
  }
  return true;
}

/** Every goto target in the code. */
export function gotoTargets(stmts: Stmt[], out: string[] = []): string[] {
  for (const s of stmts) {
    if (s.k === 'goto') out.push(s.target);
    if (s.k === 'if') { gotoTargets(s.then, out); gotoTargets(s.else, out); }
    if (s.k === 'for') gotoTargets(s.body, out);
  }
  return out;
}
