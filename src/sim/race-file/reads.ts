// Which top-level state objects a step may read (its guard and its code, with the defines they
// call). With the write sets (writes.ts) this gives the explorer a static footprint: two steps
// whose footprints do not clash commute, so the sleep-set check need not run them both ways.
// Over-approximate by design: every state name the code mentions counts as read, and so does the
// `pages` table for every operation that looks pages up by id.
import { childExprs, type Expr, type Stmt } from './ast.js';
import { builtins } from './builtins.js';
import type { DefineSpec } from './spec.js';

export function stepReads(guard: Expr | null, run: Stmt[], state: ReadonlySet<string>, defines: ReadonlyMap<string, DefineSpec>): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  const expr = (e: Expr): void => {
    if (e.k === 'name' && state.has(e.name)) out.add(e.name);
    if (e.k === 'call') {
      if (builtins[e.fn]?.pages) out.add('pages');
      const d = defines.get(e.fn);
      if (d && !seen.has(d.name)) { seen.add(d.name); block(d.body); }
    }
    childExprs(e).forEach(expr);
  };
  const block = (stmts: Stmt[]): void => {
    for (const s of stmts) {
      switch (s.k) {
        case 'if': expr(s.test); block(s.then); block(s.else); break;
        case 'for': expr(s.over); block(s.body); break;
        case 'let': expr(s.value); break;
        case 'assign': expr(s.target); expr(s.value); break;
        case 'bump': expr(s.target); break;
        case 'expr': expr(s.expr); break;
        case 'note': case 'violation': expr(s.text); break;
        case 'fault': expr(s.invariant); expr(s.text); break;
        case 'return': if (s.value) expr(s.value); break;
        case 'goto': case 'done': break;
      }
    }
  };
  if (guard) expr(guard);
  block(run);
  return [...out];
}
