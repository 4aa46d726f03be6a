// threadMessages: messages and stubs → trees (see README.md). Deterministic for a given input;
// never throws; everything repaired is listed in `problems`.
import { buildNodes } from './nodes.js';
import { linkParents } from './link.js';
import { joinBySubject } from './subject-join.js';
import { orderThreads } from './order.js';
import type { ThreadInput, ThreadProblem, ThreadResult } from './types.js';

export function threadMessages(inputs: ThreadInput[]): ThreadResult {
  const problems: ThreadProblem[] = [];
  const table = buildNodes(Array.isArray(inputs) ? inputs : [], problems);
  linkParents(table, problems);
  joinBySubject(table, problems);
  const { messages, threads } = orderThreads(table);
  return { messages, threads, problems };
}
