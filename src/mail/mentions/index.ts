// Mentions of code symbols in subjects and prose: see README.md.
export { findMentions, codeVocabulary, type FindMentionsOptions } from './find.js';
export type { Mention, MentionKind, MentionPlace, Vocabulary } from './types.js';
