// The node table threading works on: one node per Message-ID, whether a full message, an
// overview stub, or a placeholder that only others refer to. Parents are array indices.
import { cleanId, pushIds, syntheticId } from './ids.js';
import type { ParentSource, ThreadInput, ThreadProblem } from './types.js';

export interface NodeTable {
  ids: string[];
  index: Map<string, number>;
  kind: Array<'message' | 'stub' | 'placeholder'>;
  input: Array<ThreadInput | null>;
  /** Cleaned ancestry chain per node (References then In-Reply-To), empty for placeholders. */
  refs: string[][];
  /** The node's own, authoritative parent id: In-Reply-To, else last reference, else overview. */
  ownParent: Array<{ id: string; source: ParentSource } | null>;
  parent: number[];
  parentSource: Array<ParentSource | null>;
}

export function buildNodes(inputs: ThreadInput[], problems: ThreadProblem[]): NodeTable {
  const table: NodeTable = { ids: [], index: new Map(), kind: [], input: [], refs: [], ownParent: [], parent: [], parentSource: [] };
  for (let position = 0; position < inputs.length; position++) {
    const raw = inputs[position];
    if (!raw || typeof raw !== 'object') continue;
    let id = cleanId(raw.messageId);
    if (!id) {
      id = syntheticId([raw.subject, raw.date, raw.author, ...(raw.references ?? [])], 0);
      for (let salt = 1; table.index.has(id); salt++) id = syntheticId([raw.subject, raw.date, raw.author], salt);
      problems.push({ kind: 'missing-id', messageId: id, detail: `input #${position} had no Message-ID` });
    }
    const existing = table.index.get(id);
    const kind = raw.stub ? 'stub' : 'message';
    if (existing !== undefined) {
      const had = table.kind[existing];
      if (had === 'placeholder' || (had === 'stub' && kind === 'message')) setNode(table, existing, raw, kind, problems);
      else if (had === 'message' && kind === 'message') {
        problems.push({ kind: 'duplicate-id', messageId: id, detail: `input #${position} repeats an id; the first copy is kept` });
      }
      continue;
    }
    setNode(table, addNode(table, id), raw, kind, problems);
  }
  return table;
}

export function addNode(table: NodeTable, id: string): number {
  const n = table.ids.length;
  table.ids.push(id);
  table.index.set(id, n);
  table.kind.push('placeholder');
  table.input.push(null);
  table.refs.push([]);
  table.ownParent.push(null);
  table.parent.push(-1);
  table.parentSource.push(null);
  return n;
}

function setNode(table: NodeTable, n: number, raw: ThreadInput, kind: 'message' | 'stub', problems: ThreadProblem[]): void {
  const id = table.ids[n];
  const previous = table.input[n];
  table.kind[n] = kind;
  table.input[n] = raw;
  const { chain, parent } = readHeaders(id, raw, problems);
  // A full message without headers keeps the place its stub had in an overview.
  if (!parent && previous?.stub && previous.parentMessageId) {
    table.ownParent[n] = { id: cleanId(previous.parentMessageId), source: 'overview' };
    table.refs[n] = [];
    return;
  }
  table.refs[n] = chain;
  table.ownParent[n] = parent;
}

/**
 * The ids a message links to, cleaned as threading cleans them: its References chain (with
 * In-Reply-To) and its own parent. Callers that split an archive into independent parts
 * (src/passes/thread-groups.ts) follow exactly the links threading would follow.
 */
export function linksOf(raw: ThreadInput): { chain: string[]; parent: string | null } {
  const id = cleanId(raw.messageId);
  const { chain, parent } = readHeaders(id, raw, []);
  return { chain, parent: parent?.id ?? null };
}

// Reused between calls: threading a large archive must not make two throwaway arrays per message.
const scratchFound: string[] = [];
const scratchReplyTo: string[] = [];

/** References + In-Reply-To, cleaned: self-references and repeats dropped (and reported). */
function readHeaders(id: string, raw: ThreadInput, problems: ThreadProblem[]) {
  const found = scratchFound;
  found.length = 0;
  if (Array.isArray(raw.references)) {
    for (const value of raw.references) {
      const before = found.length;
      pushIds(value, found);
      if (found.length === before && cleanId(value)) found.push(cleanId(value));
    }
  }
  const chain: string[] = [];
  const seen = found.length > 16 ? new Set<string>() : null; // long chains: avoid quadratic includes
  let selfReferences = 0;
  for (const ref of found) {
    if (ref === id) selfReferences++;
    else if (seen ? seen.has(ref) : chain.includes(ref)) {
      problems.push({ kind: 'repeated-reference', messageId: id, detail: `${ref} appears more than once` });
    } else {
      chain.push(ref);
      seen?.add(ref);
    }
  }
  const replyTo = scratchReplyTo;
  replyTo.length = 0;
  pushIds(raw.inReplyTo, replyTo);
  const direct = replyTo.find((ref) => ref !== id);
  if (replyTo.length && direct === undefined) selfReferences++;
  let parent: { id: string; source: ParentSource } | null = null;
  if (direct !== undefined) {
    if (!chain.includes(direct)) chain.push(direct);
    parent = { id: direct, source: 'in-reply-to' };
  } else if (chain.length) parent = { id: chain[chain.length - 1], source: 'references' };
  if (raw.stub && raw.parentMessageId !== undefined) {
    const shown = cleanId(raw.parentMessageId);
    if (shown === id) selfReferences++;
    else if (shown) parent = { id: shown, source: 'overview' };
  }
  if (selfReferences) problems.push({ kind: 'self-reference', messageId: id, detail: 'the message names itself as an ancestor; ignored' });
  return { chain, parent };
}
