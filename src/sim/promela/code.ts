// The step language translated to Promela statements over the layout of layout.ts. Values are
// integers, or references to kernel objects resolved at translation time (a page slot, a pte,
// a lock), so `page(id).locked = true` becomes `pg_locked[l_id] = 1`. Notes only label traces
// and are left out, with the variables that only feed them. What has no translation yet is a
// NotExportable error naming the line.
import type { Expr, Stmt } from '../race-file/ast.js';
import type { DefineSpec } from '../race-file/spec.js';
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

const int = (c: string): Val => ({ t: 'int', c });
const fail = (line: number, what: string): never => { throw new NotExportable(line, what); };

function asInt(v: Val, line: number): string {
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

function tmp(ctx: Ctx, base = 'x'): string {
  const v = `t_${base}${ctx.uid.n++}`;
  ctx.vars.add(v);
  return v;
}

type Out = { pre: string[]; v: Val };

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

function loop(ctx: Ctx, from: string, to: string, body: (i: string) => string[]): string[] {
  const i = tmp(ctx, 'i');
  return [`${i} = ${from};`, 'do', `:: ${i} < ${to} ->`, ...body(i), `   ${i}++`, ':: else -> break', 'od;', `${i} = 0;`];
}

const putPage = (id: string) => [`assert(${id} != 0 && !pg_freed[${id}] && pg_ref[${id}] > 0);`, `pg_ref[${id}]--;`, `if :: pg_ref[${id}] == 0 -> pg_freed[${id}] = 1 :: else -> skip fi;`];
const livePage = (id: string) => `assert(${id} != 0 && pg_used[${id}] && !pg_freed[${id}]);`;
const clearPte = (mm: string, a: string) => [`assert(!pg_freed[${mm}_pte_page[${a}]]);`, `pg_mapcount[${mm}_pte_page[${a}]]--;`, ...putPage(`${mm}_pte_page[${a}]`), `${mm}_pte_page[${a}] = 0;`, `${mm}_pte_w[${a}] = 0;`];

function call(e: Extract<Expr, { k: 'call' }>, ctx: Ctx): Out {
  const line = e.line;
  const def = ctx.defines.get(e.fn);
  if (def) return inlineDefine(def, e, ctx);
  const args = e.fn === 'alloc_page' ? [] : e.args.map((a) => expr(a, ctx));
  const pre = args.flatMap((a) => a.pre);
  // An argument read from the state is read once, before the operation changes the state.
  const held = args.map((a) => {
    if (ctx.role === 'guard' || a.v.t !== 'int' || /^[\w]+$/.test(a.v.c)) return a.v.t === 'int' || a.v.t === 'page' ? asInt(a.v, line) : '';
    const v = tmp(ctx, 'a');
    pre.push(`${v} = ${a.v.c};`);
    return v;
  });
  const n = (i: number) => held[i] || asInt(args[i].v, line);
  const obj = <T extends Val['t']>(i: number, t: T) => (args[i].v.t === t ? (args[i].v as Extract<Val, { t: T }>) : fail(line, `${e.fn} expects a ${t} as argument ${i + 1}, not a ${args[i].v.t}`));
  const lockVar = (i: number) => (args[i].v.t === 'int' ? n(i) : fail(line, `${e.fn} expects a lock`));
  const guard = ctx.role !== 'step';
  const out = (v: Val, more: string[] = []) => ({ pre: [...pre, ...more], v });
  switch (e.fn) {
    case 'page': return out({ t: 'page', id: n(0) }, guard ? [] : [livePage(n(0))]);
    case 'get_page': return out(int('0'), [livePage(n(0)), `pg_ref[${n(0)}]++;`]);
    case 'put_page': return out(int('0'), putPage(n(0)));
    case 'alloc_page': {
      const slot = tmp(ctx, 'slot');
      const fields = e.args[0]?.k === 'object' ? e.args[0].fields : [];
      const sets = fields.map(([k, v]) => { const x = expr(v, ctx); return [...x.pre, `pg_${k}[${slot}] = ${asInt(x.v, line)};`]; }).flat();
      return out(int(slot), [...pre, `${slot} = 1;`, 'do', `:: ${slot} < NP && pg_used[${slot}] -> ${slot}++`, ':: else -> break', 'od;', `assert(${slot} < NP);`, `pg_used[${slot}] = 1; pg_ref[${slot}] = 1; pg_uptodate[${slot}] = 1;`, ...sets]);
    }
    case 'trylock_page': { const r = tmp(ctx, 'r'); return out(int(r), [livePage(n(0)), `if :: pg_locked[${n(0)}] -> ${r} = 0 :: else -> pg_locked[${n(0)}] = 1; ${r} = 1 fi;`]); }
    case 'lock_page': return out(int('0'), [livePage(n(0)), `assert(!pg_locked[${n(0)}]);`, `pg_locked[${n(0)}] = 1;`]);
    case 'unlock_page': return out(int('0'), [livePage(n(0)), `assert(pg_locked[${n(0)}]);`, `pg_locked[${n(0)}] = 0;`]);
    case 'find_page': return out(int(`${obj(0, 'mapping').v}_cache[${n(1)}]`));
    case 'add_to_page_cache': { const m = obj(0, 'mapping'); return out(int('0'), [`assert(${m.v}_cache[${n(1)}] == 0);`, `${m.v}_cache[${n(1)}] = ${n(2)};`, `pg_mapping[${n(2)}] = ${m.name};`, `pg_index[${n(2)}] = ${n(1)};`]); }
    case 'delete_from_page_cache': { const m = obj(0, 'mapping'); const id = n(1); return out(int('0'), [livePage(id), `${m.v}_cache[pg_index[${id}]] = 0;`, `pg_mapping[${id}] = 0;`, ...putPage(id)]); }
    case 'in_page_cache': { const m = obj(0, 'mapping'); const id = n(1); return out(int(`(${id} != 0 && pg_used[${id}] && !pg_freed[${id}] && pg_mapping[${id}] == ${m.name} && ${m.v}_cache[pg_index[${id}]] == ${id})`)); }
    case 'set_pte': { const mm = obj(0, 'mm').v; const a = n(1), id = n(2); return out(int('0'), [`assert(${mm}_pte_page[${a}] == 0);`, livePage(id), `pg_mapcount[${id}]++;`, `${mm}_pte_page[${a}] = ${id};`, `${mm}_pte_w[${a}] = ${n(3)};`]); }
    case 'clear_pte': { const mm = obj(0, 'mm').v; const a = n(1); const r = tmp(ctx, 'r'); return out(int(r), [`${r} = ${mm}_pte_page[${a}];`, `if :: ${r} != 0 ->`, ...clearPte(mm, a), ':: else -> skip fi;']); }
    case 'zap_range': {
      const mm = obj(0, 'mm').v; const c = tmp(ctx, 'n');
      return out({ t: 'list', count: c }, [`${c} = 0;`, ...loop(ctx, '0', 'NA', (i) => [`   if :: ${i} >= ${n(1)} && ${i} < ${n(2)} && ${mm}_pte_page[${i}] != 0 ->`, ...clearPte(mm, i), `      ${c}++`, '   :: else -> skip fi;'])]);
    }
    case 'unmap_page': {
      const mm = obj(0, 'mm').v; const c = tmp(ctx, 'n'); const id = n(1);
      return out(int(c), [`${c} = 0;`, ...loop(ctx, '0', 'NA', (i) => [`   if :: ${mm}_pte_page[${i}] == ${id} && ${id} != 0 ->`, ...clearPte(mm, i), `      ${c}++`, '   :: else -> skip fi;'])]);
    }
    case 'mappings_of': {
      if (ctx.role === 'guard') return fail(line, 'mappings_of in a guard');
      const mm = obj(0, 'mm').v; const c = tmp(ctx, 'n'); const id = n(1);
      return out(int(c), [`${c} = 0;`, ...loop(ctx, '0', 'NA', (i) => [`   if :: ${mm}_pte_page[${i}] == ${id} -> ${c}++ :: else -> skip fi;`])]);
    }
    case 'pte_none': return out(int(`(${obj(0, 'mm').v}_pte_page[${n(1)}] == 0)`));
    case 'can_lock': return out(int(`!${lockVar(0)}`));
    case 'lock': return out(int('0'), [`assert(!${lockVar(0)});`, `${lockVar(0)} = 1;`]);
    case 'unlock': return out(int('0'), [`assert(${lockVar(0)});`, `${lockVar(0)} = 0;`]);
    case 'can_read': return out(int(`!${obj(0, 'rwsem').v}_writer`));
    case 'can_write': { const s = obj(0, 'rwsem').v; return out(int(`(!${s}_writer && ${s}_readers == 0)`)); }
    case 'down_read': { const s = obj(0, 'rwsem').v; return out(int('0'), [`assert(!${s}_writer);`, `${s}_readers++;`]); }
    case 'up_read': { const s = obj(0, 'rwsem').v; return out(int('0'), [`assert(${s}_readers > 0);`, `${s}_readers--;`]); }
    case 'down_write': { const s = obj(0, 'rwsem').v; return out(int('0'), [`assert(!${s}_writer && ${s}_readers == 0);`, `${s}_writer = 1;`]); }
    case 'up_write': { const s = obj(0, 'rwsem').v; return out(int('0'), [`assert(${s}_writer);`, `${s}_writer = 0;`]); }
    case 'fr_write_lock': return out(int('0'), [`${obj(0, 'frlock').v}_pre++;`]);
    case 'fr_write_unlock': return out(int('0'), [`${obj(0, 'frlock').v}_post++;`]);
    case 'fr_read_begin': return out(int(`${obj(0, 'frlock').v}_post`));
    case 'fr_read_end': return out(int(`${obj(0, 'frlock').v}_pre`));
    case 'vma': { obj(0, 'vmas'); const id = n(1); return out({ t: 'vma', id }, guard ? [] : [`assert(${id} != 0 && !vm_freed[${id}]);`]); }
    case 'find_vma': {
      obj(0, 'vmas');
      if (ctx.role === 'guard') return fail(line, 'find_vma in a guard');
      const r = tmp(ctx, 'v');
      return out(int(r), [`${r} = 0;`, ...loop(ctx, '1', 'NV', (i) => [`   if :: ${r} == 0 && vm_inTree[${i}] && !vm_freed[${i}] && vm_start[${i}] <= ${n(1)} && ${n(1)} < vm_end[${i}] -> ${r} = ${i} :: else -> skip fi;`])]);
    }
    case 'rcu_read_lock': { const d = obj(0, 'rcu').v; const r = tmp(ctx, 't'); return out(int(r), [`${r} = ${d}_next;`, `${d}_next++;`, `${d}_active = ${d}_active | (1 << ${r});`]); }
    case 'rcu_read_unlock': { const d = obj(0, 'rcu').v; return out(int('0'), [`assert(${d}_active & (1 << ${n(1)}));`, `${d}_active = ${d}_active & ~(1 << ${n(1)});`]); }
    case 'call_rcu': { const d = obj(0, 'rcu').v; return out(int('0'), [`assert(${d}_cbs < 2);`, `${d}_frees[${d}_cbs] = ${n(1)};`, `${d}_wait[${d}_cbs] = ${d}_active;`, `${d}_cbs++;`]); }
    case 'grace_elapsed': { const d = obj(0, 'rcu').v; return out(int(`(${d}_cbs > 0 && (${d}_wait[0] & ${d}_active) == 0)`)); }
    case 'run_callback': {
      const d = obj(0, 'rcu').v; const r = tmp(ctx, 'f');
      return out(int(r), [`assert(${d}_cbs > 0 && (${d}_wait[0] & ${d}_active) == 0);`, `${r} = ${d}_frees[0];`, `${d}_frees[0] = ${d}_frees[1]; ${d}_wait[0] = ${d}_wait[1]; ${d}_frees[1] = 0; ${d}_wait[1] = 0;`, `${d}_cbs--;`]);
    }
    case 'split_page': return out(int(`((${n(0)} / 64) % 64)`));
    case 'new_mm': return out({ t: 'newmm', name: n(0) } as unknown as Val);
    case 'queue_me': { obj(0, 'futex'); return out(int('0'), [`fx_q[${n(2)}] = ${n(1)};`]); }
    case 'unqueue_me': { obj(0, 'futex'); return out(int('0'), [`if :: fx_q[${n(2)}] == ${n(1)} -> fx_q[${n(2)}] = 0 :: else -> skip fi;`]); }
    case 'futex_wake': {
      obj(0, 'futex'); const c = tmp(ctx, 'n');
      return out(int(c), [`${c} = 0;`, ...loop(ctx, '0', 'NT', (i) => [`   if :: fx_q[${i}] == ${n(1)} -> fx_q[${i}] = 0; fx_woken[${i}] = 1; ${c}++ :: else -> skip fi;`])]);
    }
    case 'is_woken': obj(0, 'futex'); return out(int(`fx_woken[${n(1)}]`));
    case 'queued_key': obj(0, 'futex'); return out(int(`fx_q[${n(1)}]`));
    case 'len': if (args[0].v.t === 'list') return out(int(args[0].v.count)); break;
    case 'num': return out(args[0].v);
  }
  return fail(line, `the operation ${e.fn} (the Promela export does not translate it yet)`);
}

function inlineDefine(def: DefineSpec, e: Extract<Expr, { k: 'call' }>, ctx: Ctx): Out {
  if (e.args.length !== def.params.length) fail(e.line, `${def.name} takes ${def.params.length} argument(s)`);
  const pre: string[] = [];
  const temps = new Map(ctx.temps);
  e.args.forEach((a, i) => {
    const x = expr(a, ctx);
    pre.push(...x.pre);
    if (x.v.t === 'int' && !/^[\w[\]]+$/.test(x.v.c)) {
      const v = tmp(ctx, 'arg');
      pre.push(`${v} = ${x.v.c};`);
      temps.set(def.params[i], int(v));
    } else temps.set(def.params[i], x.v);
  });
  const result = tmp(ctx, 'ret');
  const end = `def_end_${ctx.uid.n++}`;
  const inner: Ctx = { ...ctx, temps, ret: { v: result, end }, noteOnly: noteOnlyNames(def.body) };
  pre.push(`${result} = 0;`, ...block(def.body, inner), `${end}: skip;`);
  return { pre, v: int(result) };
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
