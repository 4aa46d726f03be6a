// From parent links to trees: children sorted by date (a placeholder takes its earliest
// descendant's date) then id, an iterative pre-order walk (deep chains must not overflow the
// stack), and one summary per thread.
import type { NodeTable } from './nodes.js';
import type { ThreadedMessage, ThreadSummary } from './types.js';

const NO_DATE = '\uffff';

export function orderThreads(table: NodeTable): { messages: ThreadedMessage[]; threads: ThreadSummary[] } {
  const children = childLists(table);
  const roots: number[] = [];
  for (let n = 0; n < table.ids.length; n++) if (table.parent[n] === -1) roots.push(n);
  const key = sortKeys(table, children, roots);
  const byKey = (a: number, b: number) =>
    key[a] < key[b] ? -1 : key[a] > key[b] ? 1 : table.ids[a] < table.ids[b] ? -1 : table.ids[a] > table.ids[b] ? 1 : 0;
  sortChildren(children, byKey);
  roots.sort(byKey);

  const messages: ThreadedMessage[] = [];
  const threads: ThreadSummary[] = [];
  const stack: number[] = [];
  const depths: number[] = [];
  for (const root of roots) {
    const summary = emptySummary(table, root);
    const participants = new Set<string>();
    let position = 0;
    stack.push(root);
    depths.push(0);
    while (stack.length) {
      const n = stack.pop()!;
      const depth = depths.pop()!;
      const p = table.parent[n];
      messages.push({
        messageId: table.ids[n], kind: table.kind[n], parentMessageId: p === -1 ? null : table.ids[p],
        parentSource: table.parentSource[n], rootMessageId: table.ids[root], depth, position: position++,
      });
      count1(summary, participants, table, n);
      for (let k = children.end[n] - 1; k >= children.start[n]; k--) {
        stack.push(children.list[k]);
        depths.push(depth + 1);
      }
    }
    summary.participantCount = participants.size;
    threads.push(summary);
  }
  return { messages, threads };
}

/** Children of node n are list[start[n] .. end[n]): one flat array instead of one per node. */
interface ChildLists {
  start: Int32Array;
  end: Int32Array;
  list: Int32Array;
}

function childLists(table: NodeTable): ChildLists {
  const count = table.ids.length;
  const start = new Int32Array(count + 1);
  for (let n = 0; n < count; n++) if (table.parent[n] !== -1) start[table.parent[n] + 1]++;
  for (let n = 0; n < count; n++) start[n + 1] += start[n];
  const end = start.slice(0, count);
  const list = new Int32Array(Math.max(start[count], 1));
  for (let n = 0; n < count; n++) if (table.parent[n] !== -1) list[end[table.parent[n]]++] = n;
  return { start, end, list };
}

function sortChildren(children: ChildLists, byKey: (a: number, b: number) => number): void {
  for (let n = 0; n < children.end.length; n++) {
    const from = children.start[n];
    const to = children.end[n];
    if (to - from > 1) children.list.subarray(from, to).sort(byKey);
  }
}

/** Own date, or (placeholders, undated stubs) the earliest date below. Post-order, iteratively. */
function sortKeys(table: NodeTable, children: ChildLists, roots: number[]): string[] {
  const key = table.input.map((input) => input?.date ?? NO_DATE);
  const order: number[] = [];
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    order.push(n);
    for (let k = children.start[n]; k < children.end[n]; k++) stack.push(children.list[k]);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i];
    if (table.input[n]?.date) continue;
    for (let k = children.start[n]; k < children.end[n]; k++) {
      const c = children.list[k];
      if (key[c] < key[n]) key[n] = key[c];
    }
  }
  return key;
}

function emptySummary(table: NodeTable, root: number): ThreadSummary {
  return {
    rootMessageId: table.ids[root], subject: null, firstDate: null, lastDate: null,
    messageCount: 0, stubCount: 0, placeholderCount: 0, participantCount: 0, patchCount: 0,
  };
}

function count1(summary: ThreadSummary, participants: Set<string>, table: NodeTable, n: number): void {
  const input = table.input[n];
  summary.messageCount++;
  if (table.kind[n] !== 'message') summary.stubCount++;
  if (table.kind[n] === 'placeholder') summary.placeholderCount++;
  if (!input) return;
  summary.subject ??= input.subject ?? null;
  if (input.date) {
    if (!summary.firstDate || input.date < summary.firstDate) summary.firstDate = input.date;
    if (!summary.lastDate || input.date > summary.lastDate) summary.lastDate = input.date;
  }
  if (input.author) participants.add(input.author);
  if (input.hasPatch) summary.patchCount++;
}
