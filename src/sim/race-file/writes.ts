// Which top-level state objects a step may change (the engine then copies only those). Worked
// out from the code, conservatively: anything written through a variable that may hold a state
// object, or an operation on such a variable, gives up (null: the step copies everything).
import { childExprs, type Expr, type Stmt } from './ast.js';
import { builtins } from './builtins.js';
import type { DefineSpec } from './spec.js';

/** Operations whose first argument is a page id (they change the `pages` table only). */
const ON_PAGE_IDS = new Set(['get_page', 'put_page', 'alloc_page', 'trylock_page', 'lock_page', 'unlock_page']);
/** Accessors that return an object inside the `pages` table. */
const PAGE_OBJECTS = new Set(['page']);

type Writes = Set<string> | null;

export function stepWrites(run: Stmt[], state: ReadonlySet<string>, defines: ReadonlyMap<string, DefineSpec>): string[] | null {
  const out = new Set<string>();
  const seen = new Set<string>();
  const ok = visit(run, out, state, defines, seen);
  return ok ? [...out] : null;
}

/** The state object an object expression lives in: its root name, 'pages' for page(…), or null if unknown. */
function rootOf(e: Expr, state: ReadonlySet<string>): string | null {
  switch (e.k) {
    case 'name': return state.has(e.name) ? e.name : null;
    case 'member': case 'index': return rootOf(e.object, state);
    case 'call':
      if (PAGE_OBJECTS.has(e.fn)) return 'pages';
      if (e.fn === 'vma' && e.args[0]) return rootOf(e.args[0], state);
      return null;
    default: return null;
  }
}

function visit(stmts: Stmt[], out: Set<string>, state: ReadonlySet<string>, defines: ReadonlyMap<string, DefineSpec>, seen: Set<string>, fresh = new Set<string>()): boolean {
  const exprOk = (e: Expr | null | undefined): boolean => {
    if (!e) return true;
    switch (e.k) {
      case 'call': {
        if (!e.args.every(exprOk)) return false;
        const d = defines.get(e.fn);
        if (d) {
          if (seen.has(d.name)) return true;
          seen.add(d.name);
          return visit(d.body, out, state, defines, seen);
        }
        const b = builtins[e.fn];
        if (!b || b.pure) return true;
        if (b.pages) out.add('pages');
        if (ON_PAGE_IDS.has(e.fn)) return true;
        const first = e.args[0];
        if (first?.k === 'name' && fresh.has(first.name)) return true; // a list this code made
        const root = first ? rootOf(first, state) : null;
        if (!root) return false;
        out.add(root);
        return true;
      }
      default: return childExprs(e).every(exprOk);
    }
  };
  const targetOk = (t: Expr): boolean => {
    if (t.k === 'name') { if (state.has(t.name)) out.add(t.name); return true; } // a local or let changes no state
    if (!exprOk(t)) return false;
    const root = rootOf(t, state);
    if (!root) return false;
    out.add(root);
    return true;
  };
  for (const s of stmts) {
    switch (s.k) {
      case 'assign': if (!targetOk(s.target) || !exprOk(s.value)) return false; break;
      case 'bump': if (!targetOk(s.target)) return false; break;
      case 'if': if (!exprOk(s.test) || !visit(s.then, out, state, defines, seen, fresh) || !visit(s.else, out, state, defines, seen, fresh)) return false; break;
      case 'for': if (!exprOk(s.over) || !visit(s.body, out, state, defines, seen, fresh)) return false; break;
      case 'let':
        if (!exprOk(s.value)) return false;
        if (s.value.k === 'list' || s.value.k === 'lit') fresh.add(s.name); else fresh.delete(s.name);
        break;
      case 'expr': if (!exprOk(s.expr)) return false; break;
      case 'note': case 'violation': if (!exprOk(s.text)) return false; break;
      case 'fault': if (!exprOk(s.invariant) || !exprOk(s.text)) return false; break;
      case 'return': if (!exprOk(s.value)) return false; break;
    }
  }
  return true;
}
