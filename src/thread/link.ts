// Parent links in the manner of jwz: every References chain suggests parents for the messages it
// names (first suggestion wins), then each message's own In-Reply-To / last reference / overview
// parent overrides what others suggested. A link that would close a loop is not made.
import { addNode, type NodeTable } from './nodes.js';
import type { ThreadProblem } from './types.js';

export function linkParents(table: NodeTable, problems: ThreadProblem[]): void {
  const count = table.ids.length; // placeholders added below need no pass of their own
  for (let n = 0; n < count; n++) {
    const chain = table.refs[n];
    for (let j = 1; j < chain.length; j++) {
      const parent = nodeFor(table, chain[j - 1]);
      const child = nodeFor(table, chain[j]);
      if (table.parent[child] === -1 && table.ownParent[child] === null && !wouldLoop(table, child, parent)) {
        setParent(table, child, parent, 'references');
      }
    }
  }
  for (let n = 0; n < count; n++) {
    const own = table.ownParent[n];
    if (!own) continue;
    const parent = nodeFor(table, own.id);
    if (table.parent[n] === parent) { table.parentSource[n] = own.source; continue; }
    if (wouldLoop(table, n, parent)) {
      problems.push({ kind: 'loop-cut', messageId: table.ids[n], detail: `parent ${own.id} descends from it; link not made` });
      continue;
    }
    setParent(table, n, parent, own.source);
  }
}

function nodeFor(table: NodeTable, id: string): number {
  return table.index.get(id) ?? addNode(table, id);
}

export function setParent(table: NodeTable, child: number, parent: number, source: NodeTable['parentSource'][number]): void {
  table.parent[child] = parent;
  table.parentSource[child] = source;
}

/** Would making `parent` the parent of `child` close a loop (is child at or above parent)? */
export function wouldLoop(table: NodeTable, child: number, parent: number): boolean {
  for (let up = parent; up !== -1; up = table.parent[up]) if (up === child) return true;
  return false;
}
