// Threading: see README.md.
export { threadMessages } from './thread.js';
export { idsInHeader, cleanId } from './ids.js';
export { subjectKey, isReplySubject, isDistinctive } from './subject.js';
export { linksOf } from './nodes.js';
export type {
  ThreadInput, ThreadResult, ThreadedMessage, ThreadSummary, ThreadProblem, ThreadProblemKind, ParentSource,
} from './types.js';
