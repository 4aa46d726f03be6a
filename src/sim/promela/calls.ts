// The step language's operations (the kernel model's builtins) and calls of a race file's
// defines, translated to Promela over the layout of layout.ts: each builtin becomes the
// statements that change the layout's arrays, with the kernel model's checks (a freed page, a
// double unlock) as asserts. Expressions and statements around them: code.ts.
import type { Expr } from '../race-file/ast.js';
import type { DefineSpec } from '../race-file/spec.js';
import { asInt, block, expr, fail, int, loop, noteOnlyNames, tmp, type Ctx, type Out, type Val } from './code.js';

const putPage = (id: string) => [`assert(${id} != 0 && !pg_freed[${id}] && pg_ref[${id}] > 0);`, `pg_ref[${id}]--;`, `if :: pg_ref[${id}] == 0 -> pg_freed[${id}] = 1 :: else -> skip fi;`];
const livePage = (id: string) => `assert(${id} != 0 && pg_used[${id}] && !pg_freed[${id}]);`;
const clearPte = (mm: string, a: string) => [`assert(!pg_freed[${mm}_pte_page[${a}]]);`, `pg_mapcount[${mm}_pte_page[${a}]]--;`, ...putPage(`${mm}_pte_page[${a}]`), `${mm}_pte_page[${a}] = 0;`, `${mm}_pte_w[${a}] = 0;`];

export function call(e: Extract<Expr, { k: 'call' }>, ctx: Ctx): Out {
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
