// The patch stage: diffs found in mail, repaired, parsed, with the symbols they touch.
export { findPatches } from './find.js';
export { parseSubjectTags } from './subject.js';
export { findTrailers } from './trailers.js';
export { findPullRequest } from './pull-request.js';
export { gitPatchId } from './patch-id.js';
export type * from './types.js';
export { resolveWithSource, type ResolveOptions } from './source/resolve.js';
export { symbolRanges, type SymbolRange } from './source/c-symbols.js';
export { findRenames } from './symbols/renames.js';
export { changedLineFunctions, type ChangedLine } from './symbols/line-functions.js';
