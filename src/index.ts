// lorelab as a library: `import { open, ingest, query, history, replay } from 'lorelab'`.
// The simulator alone is `lorelab/sim` (src/sim/index.ts). See README.md, "As a library".
export { open, query, sql, search, show, history, replay, HistoryError } from './api/library.js';
export { ingestAndLink as ingest, type IngestAndLinkOptions as IngestOptions, type IngestAndLinkSummary as IngestSummary } from './api/ingest.js';
export type { DB } from './store/open.js';
export type { IngestProblem, IngestProgress, PassName } from './ingest/ingest.js';
export type { SearchHit } from './query/search.js';
export type { ShownMessage } from './query/show.js';
export type { HistoryOptions } from './history/load/load.js';
export type { ReplayReport, ReplayTarget } from './link/replay.js';
