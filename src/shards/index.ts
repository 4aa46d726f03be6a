export { buildShard, type ShardJob, type ShardResult } from './build-shard.js';
export { defaultJobs, planShards, runShards, type RunShardsResult, type ShardFailure } from './run-shards.js';
export { mergeShards, type MergeSummary } from './merge.js';
export { databaseOfFolder } from './open-folder.js';
export { isShardFolder, listShards, mergedPath, ShardError, type ShardInfo } from './layout.js';
