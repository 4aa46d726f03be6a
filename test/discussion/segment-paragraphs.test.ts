// segmentBody's 'when-quoted' mode (the ingest hot path) must give the same segments as remark
// mode, and only unquoted bodies may skip remark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segmentBody } from '../../src/mail/segment/index.js';

const plain = 'First paragraph\nstill first.\n\nSecond.\n---\n fs/x.c | 1 +\n\nSigned-off-by: A <a@b.c>\n';
const quoted = 'On Mon, Jan 1, 2001, A wrote:\n> - item one\n> - item two\n\nReply.\n';

test("'when-quoted' keeps every segment and splits plain prose on blank lines and rules", () => {
  const strip = (text: string, mode?: 'when-quoted') => segmentBody(text, mode ? { paragraphs: mode } : {}).map(({ kind, depth, text: t }) => [kind, depth, t]);
  assert.deepEqual(strip(plain, 'when-quoted'), strip(plain));
  const prose = segmentBody(plain, { paragraphs: 'when-quoted' }).find((s) => s.kind === 'prose')!;
  assert.deepEqual(prose.paragraphs?.map((p) => p.text), ['First paragraph\nstill first.', 'Second.', '---', 'fs/x.c | 1 +']);
  // Quoted bodies still go through remark: identical output, paragraphs included.
  assert.deepEqual(segmentBody(quoted, { paragraphs: 'when-quoted' }), segmentBody(quoted));
});
