// From parent links to trees: children sorted by date (a placeholder takes its earliest
// descendant's date) then id, an iterative pre-order walk (deep chains must not overflow the
// stack), and one summary per thread.
import type { NodeTable } from './nodes.js';
import type { ThreadedMessage, ThreadSummary } from './types.js';

const NO_DATE = '\uffff';

export function orderThreads(table: NodeTable): { messages: ThreadedMessage[]; threads: ThreadSummary[] } {
  const count = table.ids.length;
  const children: number[][] = Array.from({ length: count }, () => []);
  const roots: number[] = [];
  for (let n = 0; n < count; n++) {
    const p = table.parent[n];
    if (p === -1) roots.push(n);
    else children[p].push(n);
  }
  const key = sortKeys(table, children, roots);
  const byKey = (a: number, b: number) =>
    key[a] < key[b] ? -1 : key[a] > key[b] ? 1 : table.ids[a] < table.ids[b] ? -1 : table.ids[a] > table.ids[b] ? 1 : 0;
  for (const list of children) if (list.length > 1) list.sort(byKey);
  roots.sort(byKey);

  const messages: ThreadedMessage[] = [];
  const threads: ThreadSummary[] = [];
  const stack: Array<[number, number]> = [];
  for (const root of roots) {
    const summary = emptySummary(table, root);
    const participants = new Set<string>();
    let position = 0;
    stack.push([root, 0]);
    while (stack.length) {
      const [n, depth] = stack.pop()!;
      const p = table.parent[n];
      messages.push({
        messageId: table.ids[n], kind: table.kind[n], parentMessageId: p === -1 ? null : table.ids[p],
        parentSource: table.parentSource[n], rootMessageId: table.ids[root], depth, position: position++,
      });
      count1(summary, participants, table, n);
      const kids = children[n];
      for (let k = kids.length - 1; k >= 0; k--) stack.push([kids[k], depth + 1]);
    }
    summary.participantCount = participants.size;
    threads.push(summary);
  }
  return { messages, threads };
}

/** Own date, or (placeholders, undated stubs) the earliest date below. Post-order, iteratively. */
function sortKeys(table: NodeTable, children: number[][], roots: number[]): string[] {
  const key = table.input.map((input) => input?.date ?? NO_DATE);
  const order: number[] = [];
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    order.push(n);
    for (const c of children[n]) stack.push(c);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i];
    if (table.input[n]?.date) continue;
    for (const c of children[n]) if (key[c] < key[n]) key[n] = key[c];
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
