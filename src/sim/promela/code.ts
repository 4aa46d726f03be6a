// The step language translated to Promela statements over the layout of layout.ts. Values are
// integers, or references to kernel objects resolved at translation time (a page slot, a pte,
// a lock), so `page(id).locked = true` becomes `pg_locked[l_id] = 1`. Notes only label traces
// and are left out, with the variables that only feed them. What has no translation yet is a
// NotExportable error naming the line.
import type { Expr, Stmt } from '../race-file/ast.js';
import type { DefineSpec } from '../race-file/spec.js';
import { call } from './calls.js';
import { intern, NotExportable, PAGE_FIELDS, plainInt, VMA_FIELDS, type Layout } from './layout.js';

export type Val =
  | { t: 'int'; c: string }
  | { t: 'page'; id: string }
  | { t: 'pages' }
  | { t: 'mapping'; v: string; name: number }
  | { t: 'cache'; v: string }
  | { t: 'mm'; v: string; name: number }
  | { t: 'ptes'; v: string }
  | { t: 'pte'; v: string; a: string }
  | { t: 'lock'; v: string }
  | { t: 'rwsem'; v: string }
  | { t: 'frlock'; v: string }
  | { t: 'list'; count: string }
  | { t: 'record'; v: string; fields: string[] }
  | { t: 'vmas' }
  | { t: 'vma'; id: string }
  | { t: 'rcu'; v: string }
  | { t: 'futex' };

export interface Ctx {
  layout: Layout;
  state: Record<string, unknown>;
  consts: Record<string, unknown>;
  defines: Map<string, DefineSpec>;
  locals: Set<string>;
  /** let / for / parameter bindings. */
  temps: Map<string, Val>;
  /** Promela variables this code needs declared (temporaries, loop counters). */
  vars: Set<string>;
  role: 'step' | 'guard' | 'invariant';
  steps: Map<string, number>;
  /** Label at the end of the step being translated (goto/done jump there). */
  end: string;
  noteOnly: Set<string>;
  uid: { n: number };
  /** Where a define's `return` goes: its result variable and end label. */
  ret?: { v: string; end: string };
}

export const int = (c: string): Val => ({ t: 'int', c });
export const fail = (line: number, what: string): never => { throw new NotExportable(line, what); };

export function asInt(v: Val, line: number): string {
  switch (v.t) {
    case 'int': return v.c;
    case 'page': return v.id;
    case 'pte': return `(${v.v}_pte_page[${v.a}] != 0)`;
    case 'list': return v.count;
    case 'record': return `${v.v}_set`;
    case 'mm': return `${v.v}_set`;
    case 'vma': return v.id;
    default: return fail(line, `a ${v.t} used as a value`);
  }
}

export function tmp(ctx: Ctx, base = 'x'): string {
  const v = `t_${base}${ctx.uid.n++}`;
  ctx.vars.add(v);
  return v;
}

export type Out = { pre: string[]; v: Val };

export function expr(e: Expr, ctx: Ctx): Out {
  const line = e.line;
  switch (e.k) {
    case 'lit': return { pre: [], v: int(String(plainInt(ctx.layout, e.value, line))) };
    case 'name': {
      const bound = ctx.temps.get(e.name);
      if (bound) return { pre: [], v: bound };
      if (ctx.locals.has(e.name)) return { pre: [], v: int(`l_${e.name}`) };
      if (e.name in ctx.consts) return { pre: [], v: int(String(plainInt(ctx.layout, ctx.consts[e.name], line))) };
      if (e.name === 'self') return { pre: [], v: int('self') };
      if (e.name === 'inf') return { pre: [], v: int('255') };
      if (e.name in ctx.state) {
        const kind = ctx.layout.kinds.get(e.name);
        const value = ctx.state[e.name] as { name?: string };
        switch (kind) {
          case 'pages': return { pre: [], v: { t: 'pages' } };
          case 'scalar': {
            const fields = ctx.layout.records.get(e.name);
            return { pre: [], v: fields ? { t: 'record', v: e.name, fields } : int(e.name) };
          }
          case 'vmas': return { pre: [], v: { t: 'vmas' } };
          case 'rcu': return { pre: [], v: { t: 'rcu', v: e.name } };
          case 'futex': return { pre: [], v: { t: 'futex' } };
          case 'optmm': return { pre: [], v: { t: 'mm', v: e.name, name: intern(ctx.layout, e.name) } };
          case 'mapping': return { pre: [], v: { t: 'mapping', v: e.name, name: intern(ctx.layout, value.name ?? e.name) } };
          case 'mm': return { pre: [], v: { t: 'mm', v: e.name, name: intern(ctx.layout, value.name ?? e.name) } };
          case 'lock': return { pre: [], v: int(e.name) };
          case 'rwsem': return { pre: [], v: { t: 'rwsem', v: e.name } };
          case 'frlock': return { pre: [], v: { t: 'frlock', v: e.name } };
        }
        return fail(line, `state '${e.name}' (${kind})`);
      }
      return fail(line, `the name '${e.name}'`);
    }
    case 'member': {
      const o = expr(e.object, ctx);
      const f = e.field;
      const v = o.v;
      const done = (x: Val) => ({ pre: o.pre, v: x });
      if (v.t === 'page' && PAGE_FIELDS.includes(f)) return done(int(`pg_${f}[${v.id}]`));
      if (v.t === 'pages') return done({ t: 'page', id: String(intern(ctx.layout, f)) });
      if (v.t === 'vmas') return done({ t: 'vma', id: String(intern(ctx.layout, f)) });
      if (v.t === 'mapping') { if (f === 'isize') return done(int(`${v.v}_isize`)); if (f === 'cache') return done({ t: 'cache', v: v.v }); if (f === 'name') return done(int(String(v.name))); }
      if (v.t === 'mm') { if (f === 'ptes') return done({ t: 'ptes', v: v.v }); if (f === 'ptl') return done(int(`${v.v}_ptl`)); if (f === 'name') return done(int(String(v.name))); }
      if (v.t === 'pte') { if (f === 'page') return done(int(`${v.v}_pte_page[${v.a}]`)); if (f === 'writable') return done(int(`${v.v}_pte_w[${v.a}]`)); }
      if (v.t === 'rwsem' && (f === 'readers' || f === 'writer')) return done(int(`${v.v}_${f}`));
      if (v.t === 'frlock' && (f === 'pre' || f === 'post')) return done(int(`${v.v}_${f}`));
      if (v.t === 'int' && f === 'held') return done(v);
      if (v.t === 'record' && v.fields.includes(f)) return done(int(`${v.v}_${f}`));
      if (v.t === 'vma' && VMA_FIELDS.includes(f)) return done(int(`vm_${f}[${v.id}]`));
      return fail(line, `the field .${f} of a ${v.t}`);
    }
    case 'index': {
      const o = expr(e.object, ctx);
      const i = expr(e.index, ctx);
      const pre = [...o.pre, ...i.pre];
      const at = asInt(i.v, line);
      if (o.v.t === 'ptes') return { pre, v: { t: 'pte', v: o.v.v, a: at } };
      if (o.v.t === 'cache') return { pre, v: int(`${o.v.v}_cache[${at}]`) };
      if (o.v.t === 'pages') return { pre, v: { t: 'page', id: at } };
      if (o.v.t === 'vmas') return { pre, v: { t: 'vma', id: at } };
      return fail(line, `indexing a ${o.v.t}`);
    }
    case 'unary': {
      const a = expr(e.arg, ctx);
      return { pre: a.pre, v: int(e.op === '!' ? `!(${asInt(a.v, line)})` : `-(${asInt(a.v, line)})`) };
    }
    case 'binary': {
      const l = expr(e.left, ctx);
      const r = expr(e.right, ctx);
      if (r.pre.length && ctx.role === 'step' && (e.op === '&&' || e.op === '||')) return fail(line, `a call that changes the state on the right of ${e.op}`);
      return { pre: [...l.pre, ...r.pre], v: int(`(${asInt(l.v, line)} ${e.op} ${asInt(r.v, line)})`) };
    }
    case 'cond': {
      const t = expr(e.test, ctx), a = expr(e.then, ctx), b = expr(e.else, ctx);
      return { pre: [...t.pre, ...a.pre, ...b.pre], v: int(`(${asInt(t.v, line)} -> ${asInt(a.v, line)} : ${asInt(b.v, line)})`) };
    }
    case 'call': return call(e, ctx);
    case 'list': if (e.items.length === 0) return { pre: [], v: { t: 'list', count: '0' } }; return fail(line, 'a list literal');
    case 'template': {
      // A key built from text and at most two small values ('page:{id}+{offset}') is encoded
      // as one integer: the text's number × 4096 + first × 64 + second, so equal keys are equal.
      const values = e.parts.filter((p): p is Expr => typeof p !== 'string');
      if (values.length > 2) return fail(line, 'a text built from more than two values');
      const shape = e.parts.map((p) => (typeof p === 'string' ? p : '{}')).join('');
      const outs = values.map((v) => expr(v, ctx));
      const [a, b] = [outs[0] ? asInt(outs[0].v, line) : '0', outs[1] ? asInt(outs[1].v, line) : '0'];
      return { pre: outs.flatMap((o) => o.pre), v: int(`(${intern(ctx.layout, shape)} * 4096 + (${a}) * 64 + (${b}))`) };
    }
    case 'object': return fail(line, 'an object literal here');
  }
}

/** Sets an integer place, or a pte from `{ page: …, writable: … }`. */
function assign(target: Expr, value: Expr, op: string, ctx: Ctx, line: number): string[] {
  const t = expr(target, ctx);
  if (t.v.t === 'mm' && op === '=' && value.k === 'call' && value.fn === 'new_mm') {
    const mm = t.v.v;
    return [`${mm}_set = 1;`, ...Array.from({ length: ctx.layout.size }, (_, a) => `${mm}_pte_page[${a}] = 0; ${mm}_pte_w[${a}] = 0;`)];
  }
  if (t.v.t === 'record' && op === '=') {
    const r = t.v;
    if (value.k === 'lit' && value.value === null) return [`${r.v}_set = 0;`, ...r.fields.map((f) => `${r.v}_${f} = 0;`)];
    if (value.k !== 'object') return fail(line, `assigning a ${value.k} to a record`);
    const vals = value.fields.map(([k, v]) => [k, expr(v, ctx)] as const);
    return [...vals.flatMap(([, v]) => v.pre), ...vals.map(([k, v]) => `${r.v}_${k} = ${asInt(v.v, line)};`), `${r.v}_set = 1;`];
  }
  if (t.v.t === 'pte' && value.k === 'object' && op === '=') {
    const fields = Object.fromEntries(value.fields.map(([k, v]) => [k, expr(v, ctx)]));
    const pre = Object.values(fields).flatMap((f) => f.pre);
    return [...t.pre, ...pre, `${t.v.v}_pte_page[${t.v.a}] = ${asInt(fields.page.v, line)};`, `${t.v.v}_pte_w[${t.v.a}] = ${fields.writable ? asInt(fields.writable.v, line) : 0};`];
  }
  const place = t.v.t === 'int' || t.v.t === 'page' ? asInt(t.v, line) : fail(line, `assigning to a ${t.v.t}`);
  const v = expr(value, ctx);
  return [...t.pre, ...v.pre, op === '=' ? `${place} = ${asInt(v.v, line)};` : `${place} = ${place} ${op[0]} ${asInt(v.v, line)};`];
}

export function loop(ctx: Ctx, from: string, to: string, body: (i: string) => string[]): string[] {
  const i = tmp(ctx, 'i');
  return [`${i} = ${from};`, 'do', `:: ${i} < ${to} ->`, ...body(i), `   ${i}++`, ':: else -> break', 'od;', `${i} = 0;`];
}

/** The names that are used only to build notes (dropped with the notes). */
export function noteOnlyNames(stmts: Stmt[]): Set<string> {
  const declared = new Set<string>();
  const real = new Set<string>();
  const names = (e: Expr | null | undefined, into: Set<string>) => {
    if (!e) return;
    const walk = (x: Expr): void => {
      switch (x.k) {
        case 'name': into.add(x.name); break;
        case 'member': walk(x.object); break;
        case 'index': walk(x.object); walk(x.index); break;
        case 'call': if (x.fn === 'push' && x.args[0]?.k === 'name') { x.args.slice(1).forEach(walk); } else x.args.forEach(walk); break;
        case 'unary': walk(x.arg); break;
        case 'binary': walk(x.left); walk(x.right); break;
        case 'cond': walk(x.test); walk(x.then); walk(x.else); break;
        case 'template': x.parts.forEach((p) => typeof p !== 'string' && walk(p)); break;
        case 'list': x.items.forEach(walk); break;
        case 'object': x.fields.forEach(([, v]) => walk(v)); break;
      }
    };
    walk(e);
  };
  const visit = (list: Stmt[]) => {
    for (const s of list) {
      switch (s.k) {
        case 'let': declared.add(s.name); names(s.value, real); break;
        case 'note': break;
        case 'if': names(s.test, real); visit(s.then); visit(s.else); break;
        case 'for': names(s.over, real); visit(s.body); break;
        case 'assign': if (s.target.k !== 'name') names(s.target, real); names(s.value, real); break;
        case 'bump': if (s.target.k !== 'name') names(s.target, real); break;
        case 'expr': names(s.expr, real); break;
        case 'return': names(s.value, real); break;
        case 'violation': case 'fault': break;
      }
    }
  };
  visit(stmts);
  return new Set([...declared].filter((n) => !real.has(n)));
}

export function block(stmts: Stmt[], ctx: Ctx): string[] {
  const out: string[] = [];
  for (const s of stmts) out.push(...stmt(s, ctx));
  return out;
}

function stmt(s: Stmt, ctx: Ctx): string[] {
  const line = s.line;
  switch (s.k) {
    case 'note': case 'violation': case 'fault':
      if (s.k === 'note') return [];
      return [`assert(false); /* line ${line}: ${s.k} */`];
    case 'if': {
      const t = expr(s.test, ctx);
      const then = block(s.then, { ...ctx, temps: new Map(ctx.temps) });
      const otherwise = block(s.else, { ...ctx, temps: new Map(ctx.temps) });
      return [...t.pre, `if :: ${asInt(t.v, line)} ->`, ...then, '   skip', ':: else ->', ...otherwise, '   skip', 'fi;'];
    }
    case 'for': {
      // `for x in values(o)` binds the values, `for k in o` the keys, `for k, v in o` both.
      const valuesOnly = s.over.k === 'call' && s.over.fn === 'values' && s.over.args.length === 1 && !s.value;
      const over = expr(valuesOnly ? (s.over as Extract<Expr, { k: 'call' }>).args[0] : s.over, ctx);
      const body = (i: string, key: Val, value: Val) => {
        const temps = new Map(ctx.temps).set(s.key, valuesOnly ? value : key);
        if (s.value) temps.set(s.value, value);
        return block(s.body, { ...ctx, temps });
      };
      const v = over.v;
      if (v.t === 'ptes') return [...over.pre, ...loop(ctx, '0', 'NA', (i) => [`   if :: ${v.v}_pte_page[${i}] != 0 ->`, ...body(i, int(i), { t: 'pte', v: v.v, a: i }), '   skip', '   :: else -> skip fi;'])];
      if (v.t === 'cache') return [...over.pre, ...loop(ctx, '0', 'NA', (i) => [`   if :: ${v.v}_cache[${i}] != 0 ->`, ...body(i, int(i), int(`${v.v}_cache[${i}]`)), '   skip', '   :: else -> skip fi;'])];
      if (v.t === 'pages') return [...over.pre, ...loop(ctx, '1', 'NP', (i) => [`   if :: pg_used[${i}] ->`, ...body(i, int(i), { t: 'page', id: i }), '   skip', '   :: else -> skip fi;'])];
      return fail(line, `a for loop over a ${v.t}`);
    }
    case 'goto': return [`pc = ${ctx.steps.get(s.target)};`, `goto ${ctx.end};`];
    case 'done': return ['pc = 0;', `goto ${ctx.end};`];
    case 'return': {
      if (!ctx.ret) return fail(line, 'return outside a define');
      const v = s.value ? expr(s.value, ctx) : { pre: [], v: int('0') };
      return [...v.pre, `${ctx.ret.v} = ${asInt(v.v, line)};`, `goto ${ctx.ret.end};`];
    }
    case 'let': {
      const v = s.value.k === 'list' && s.value.items.length === 0 ? { pre: [], v: { t: 'list', count: '0' } as Val } : expr(s.value, ctx);
      if (ctx.noteOnly.has(s.name)) { ctx.temps.set(s.name, int('0')); return v.pre; }
      if (v.v.t === 'int' || v.v.t === 'list') {
        const name = `t_${s.name}`;
        ctx.vars.add(name);
        ctx.temps.set(s.name, int(name));
        return [...v.pre, `${name} = ${asInt(v.v, line)};`];
      }
      ctx.temps.set(s.name, v.v); // an object: an alias, resolved here
      return v.pre;
    }
    case 'assign': {
      if (s.target.k === 'name' && ctx.noteOnly.has(s.target.name)) return expr(s.value, ctx).pre;
      return assign(s.target, s.value, s.op, ctx, line);
    }
    case 'bump': {
      const t = expr(s.target, ctx);
      const place = asInt(t.v, line);
      return [...t.pre, `${place}${s.op};`];
    }
    case 'expr': {
      const e = s.expr;
      if (e.k === 'call' && e.fn === 'push' && e.args[0]?.k === 'name' && ctx.noteOnly.has(e.args[0].name)) return e.args.slice(1).flatMap((a) => expr(a, ctx).pre);
      return expr(e, ctx).pre;
    }
  }
}
