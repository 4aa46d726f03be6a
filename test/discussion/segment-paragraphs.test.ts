// segmentBody without paragraphs (the ingest hot path: remark is skipped) must give the same
// segments as with them, minus the paragraphs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segmentBody } from '../../src/mail/segment/index.js';

const bodies = [
  'First paragraph\nstill first.\n\nSecond.\n---\n fs/x.c | 1 +\n\nSigned-off-by: A <a@b.c>\n',
  'On Mon, Jan 1, 2001, A wrote:\n> - item one\n> - item two\n\nReply.\n> > deeper\n> back\n\n-- \nsig\n',
];

test('paragraphs: false keeps every segment and its lines, without paragraphs', () => {
  for (const body of bodies) {
    const full = segmentBody(body);
    const bare = segmentBody(body, { paragraphs: false });
    assert.ok(full.some((s) => s.paragraphs && s.paragraphs.length > 0), 'remark found paragraphs');
    assert.ok(bare.every((s) => s.paragraphs === undefined));
    assert.deepEqual(bare, full.map(({ paragraphs: _unused, ...rest }) => rest));
  }
});
