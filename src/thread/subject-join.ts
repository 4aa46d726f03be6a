// The recorded fallback: a message that is a reply by its subject but whose headers name no
// parent is attached to the latest earlier thread root with the same distinctive subject, dated
// within JOIN_WINDOW_DAYS before it. Stubs never move (the overview showed their place).
import { isDistinctive, isReplySubject, subjectKey } from './subject.js';
import { setParent, wouldLoop } from './link.js';
import type { NodeTable } from './nodes.js';
import type { ThreadProblem } from './types.js';

const JOIN_WINDOW_DAYS = 90;

export function joinBySubject(table: NodeTable, problems: ThreadProblem[]): void {
  const rootsByKey = new Map<string, Array<{ n: number; time: number }>>();
  const orphans: number[] = [];
  for (let n = 0; n < table.ids.length; n++) {
    if (table.parent[n] !== -1) continue;
    const input = table.input[n];
    if (!input) continue;
    const key = subjectKey(input.subject);
    const time = input.date ? Date.parse(input.date) : NaN;
    if (!isDistinctive(key) || Number.isNaN(time)) continue;
    const headerless = table.kind[n] === 'message' && table.refs[n].length === 0 && table.ownParent[n] === null;
    if (headerless && isReplySubject(input.subject)) orphans.push(n);
    else if (!isReplySubject(input.subject)) {
      const list = rootsByKey.get(key) ?? [];
      list.push({ n, time });
      rootsByKey.set(key, list);
    }
  }
  for (const n of orphans) {
    const input = table.input[n]!;
    const time = Date.parse(input.date!);
    const candidates = rootsByKey.get(subjectKey(input.subject)) ?? [];
    let best: { n: number; time: number } | null = null;
    for (const c of candidates) {
      if (c.n === n || c.time > time || time - c.time > JOIN_WINDOW_DAYS * 86400_000) continue;
      if (!best || c.time > best.time || (c.time === best.time && table.ids[c.n] < table.ids[best.n])) best = c;
    }
    if (!best || wouldLoop(table, n, best.n)) continue;
    setParent(table, n, best.n, 'subject');
    problems.push({
      kind: 'subject-join', messageId: table.ids[n],
      detail: `no In-Reply-To/References; joined to ${table.ids[best.n]} by subject ${JSON.stringify(input.subject)}`,
    });
  }
}
