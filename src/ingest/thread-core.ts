// Interim threading core used until src/thread/ lands: parent = the overview's parent, else
// In-Reply-To, else the last reference; loops cut; overview roots of one page share a thread.
export interface ThreadInput {
  messageId: string;
  subject: string | null;
  date: string | null;
  isStub: boolean;
  inReplyTo: string | null;
  references: string[];
  /** The parent an overview showed. */
  knownParent: string | null;
  /** Overview roots with the same group were shown as one thread. */
  overviewGroup: string | null;
}

export interface ThreadedMessage {
  messageId: string;
  parentMessageId: string | null;
  rootMessageId: string;
  depth: number;
  position: number;
}

export interface ThreadSummary {
  rootMessageId: string;
  subject: string | null;
  firstDate: string | null;
  lastDate: string | null;
}

export interface ThreadResult {
  messages: ThreadedMessage[];
  threads: ThreadSummary[];
  placeholders: string[];
  problems: string[];
}

export function threadMessages(nodes: ThreadInput[]): ThreadResult {
  const byId = new Map(nodes.map((n) => [n.messageId, n]));
  const parent = new Map<string, string | null>();
  const placeholders = new Set<string>();
  const problems: string[] = [];
  for (const node of nodes) {
    const candidate = node.knownParent ?? node.inReplyTo ?? node.references[node.references.length - 1] ?? null;
    const chosen = candidate === node.messageId ? null : candidate;
    if (candidate === node.messageId) problems.push(`${node.messageId}: references itself; the reference is cut`);
    parent.set(node.messageId, chosen);
    if (chosen && !byId.has(chosen)) placeholders.add(chosen);
  }
  for (const placeholder of placeholders) parent.set(placeholder, null);
  // Cut loops: walk up from each node; a node met twice closes a loop.
  for (const id of parent.keys()) {
    const seen = new Set<string>([id]);
    let current = parent.get(id) ?? null;
    while (current) {
      if (seen.has(current)) {
        problems.push(`${id}: References loop through ${current}; the loop is cut`);
        parent.set(current, null);
        break;
      }
      seen.add(current);
      current = parent.get(current) ?? null;
    }
  }
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const [id, p] of parent) {
    if (p) (children.get(p) ?? children.set(p, []).get(p)!).push(id);
    else roots.push(id);
  }
  const dateOf = (id: string) => byId.get(id)?.date ?? '9999'; // undated (placeholders) sort last
  const order = (a: string, b: string) => dateOf(a).localeCompare(dateOf(b)) || a.localeCompare(b);
  // Roots shown in one overview are one thread; the earliest is its root.
  const groupRoot = new Map<string, string>();
  for (const root of [...roots].sort(order)) {
    const group = byId.get(root)?.overviewGroup;
    if (group && !groupRoot.has(group)) groupRoot.set(group, root);
  }
  const messages: ThreadedMessage[] = [];
  const threads = new Map<string, ThreadSummary>();
  const positions = new Map<string, number>();
  for (const root of [...roots].sort(order)) {
    const group = byId.get(root)?.overviewGroup;
    const threadRoot = (group && groupRoot.get(group)) || root;
    const stack: Array<[string, number]> = [[root, 0]];
    while (stack.length) {
      const [id, depth] = stack.pop()!;
      const position = positions.get(threadRoot) ?? 0;
      positions.set(threadRoot, position + 1);
      messages.push({ messageId: id, parentMessageId: parent.get(id) ?? null, rootMessageId: threadRoot, depth, position });
      const node = byId.get(id);
      const summary = threads.get(threadRoot) ?? { rootMessageId: threadRoot, subject: null, firstDate: null, lastDate: null };
      if (!summary.subject && node?.subject) summary.subject = node.subject;
      if (node?.date) {
        if (!summary.firstDate || node.date < summary.firstDate) summary.firstDate = node.date;
        if (!summary.lastDate || node.date > summary.lastDate) summary.lastDate = node.date;
      }
      threads.set(threadRoot, summary);
      const kids = (children.get(id) ?? []).sort(order).reverse();
      for (const kid of kids) stack.push([kid, depth + 1]);
    }
  }
  return { messages, threads: [...threads.values()], placeholders: [...placeholders], problems };
}
