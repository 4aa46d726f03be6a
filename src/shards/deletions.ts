// public-inbox removes a message with a `d` blob, possibly in a later epoch than the one that
// added it. The shard reading that later epoch does not have the message, so the deletion would
// be lost; each shard therefore keeps the Message-IDs of its epoch's `d` blobs in its meta
// (`shard_deletions`), and the merge applies those its own shard did not already apply to the
// messages earlier shards stored, as one database reading the epochs in order would.
import { parseMail } from '../mail/parse.js';
import { BlobReader } from '../sources/git/cat-file.js';
import { commitChanges } from '../sources/git/log.js';

/** Message-IDs of the messages the `d` blobs of the commits after `since` remove, in order. */
export async function deletionsIn(epochDir: string, since?: string): Promise<string[]> {
  const blobs: string[] = [];
  for await (const { changes } of commitChanges(epochDir, since)) {
    for (const change of changes) {
      if (change.path === 'd' && change.status !== 'D' && !/^0+$/.test(change.newBlob)) blobs.push(change.newBlob);
    }
  }
  if (blobs.length === 0) return [];
  const reader = new BlobReader(epochDir);
  try {
    const ids: string[] = [];
    for (const blob of blobs) {
      const raw = await reader.read(blob);
      const mail = raw ? await parseMail(raw).catch(() => null) : null;
      if (mail && !mail.syntheticId) ids.push(mail.messageId);
    }
    return ids;
  } finally {
    reader.close();
  }
}
