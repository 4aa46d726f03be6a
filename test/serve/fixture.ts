// The explorer's test database: the seed corpus plus one hostile message whose subject, author,
// body and patched path are all markup that would run if any page let mail text through.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.js';
import { openDatabase, openReadOnly, type DB } from '../../src/store/open.js';
import { corporaDir, tempDir } from '../helpers/corpus.js';

export const HOSTILE_ID = 'hostile-1@example.com';
export const HOSTILE_SUBJECT = '[PATCH] <script>window.__pwned = 1</script> mm: fix';
export const HOSTILE_NAME = '<img src=x onerror="window.__pwned = 2">';
export const HOSTILE_PATH = 'mm/<svg onload=window.__pwned=3>.c';

const HOSTILE_MBOX = `From hostile@example.com Mon Jan  4 10:00:00 2021
From: "${HOSTILE_NAME}" <hostile@example.com>
To: linux-mm@kvack.org
Subject: ${HOSTILE_SUBJECT}
Date: Mon, 4 Jan 2021 10:00:00 +0000
Message-ID: <${HOSTILE_ID}>

</pre><script>window.__pwned = 4</script><a href="javascript:window.__pwned=5">click</a>

Signed-off-by: Evil <hostile@example.com>
---
diff --git a/${HOSTILE_PATH} b/${HOSTILE_PATH}
--- a/${HOSTILE_PATH}
+++ b/${HOSTILE_PATH}
@@ -1,3 +1,4 @@ static int evil_fn(void)
 {
+\t/* <script>window.__pwned = 6</script> */
 \treturn 0;
 }
`;

export async function explorerDb(): Promise<{ db: DB; path: string; cleanup: () => void }> {
  const dir = tempDir('lorelab-serve-');
  const path = join(dir.path, 'explorer.db');
  const mbox = join(dir.path, 'hostile.mbox');
  writeFileSync(mbox, HOSTILE_MBOX);
  const writer = openDatabase(path);
  await ingest(writer, [corporaDir, mbox]);
  writer.close();
  const db = openReadOnly(path);
  return { db, path, cleanup: () => { db.close(); dir.cleanup(); } };
}
