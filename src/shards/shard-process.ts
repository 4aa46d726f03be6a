// The child process that builds one shard (started by run-shards.ts with the job as JSON in
// argv[2]); it reports its result on the IPC channel and exits. Exit status 1 when it failed.
import { resourceUsage } from 'node:process';
import { setFlagsFromString } from 'node:v8';
import { buildShard, type ShardJob } from './build-shard.js';

// As the CLI's ingest does (src/cli/v8-tuning.ts): a process of ours, so its V8 is ours to tune.
setFlagsFromString('--no-turbo-inlining');

const job = JSON.parse(process.argv[2] ?? '{}') as ShardJob;
buildShard(job).then(
  (result) => {
    process.send?.({ ok: true, result: { ...result, maxRss: resourceUsage().maxRSS * 1024 } });
    process.disconnect?.();
  },
  (error: Error) => {
    process.send?.({ ok: false, error: error.message });
    process.exitCode = 1;
    process.disconnect?.();
  },
);
