// How an entry's versions read: each version with what it did to the subject, and reposts (a
// version number an earlier post of the series already had) said as such rather than "v1 → v1".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { versionSpan, versionsLine } from '../../src/history/entry-words.js';
import type { EntryVersion, HistoryEntry } from '../../src/history/types.js';

const version = (n: number, date: string, hunks: number, change: EntryVersion['change']): EntryVersion => ({
  version: n, date, message: null, hunks, additions: hunks * 3, deletions: hunks, change,
});
const entry = (versions: EntryVersion[]) => ({ versions, touching: [] }) as unknown as HistoryEntry;

test('versions in order, with what each did to the subject', () => {
  const e = entry([version(1, '2019-12-26', 2, 'first'), version(2, '2020-01-03', 2, 'unchanged'), version(3, '2020-01-20', 1, 'changed')]);
  assert.equal(versionsLine(e), 'v1 (2019-12-26) +6/−2 in 2 hunks → v2 (2020-01-03) unchanged → v3 (2020-01-20) changed: +3/−1 in 1 hunk');
  assert.equal(versionSpan(e), 'v1–v3');
});

test('a series posted again under the same number reads as reposts', () => {
  const e = entry([version(1, '2021-03-01', 1, 'first'), version(1, '2021-03-08', 1, 'unchanged'), version(1, '2021-04-02', 0, 'not touched')]);
  assert.equal(versionsLine(e), 'v1 (2021-03-01) +3/−1 in 1 hunk → v1 repost (2021-03-08) unchanged → v1 repost (2021-04-02) does not touch it');
  assert.equal(versionSpan(e), 'v1 ×3');
  assert.equal(versionsLine(entry([version(1, '2021-03-01', 1, 'first')])), null);
  assert.equal(versionSpan(entry([version(2, '2021-03-01', 1, 'first')])), 'v2');
});
