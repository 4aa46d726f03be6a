import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSeries, linkedMessageIdsIn, reviewTrailersIn, type SeriesMessage } from '../../src/patch/series/index.js';

const msg = (id: string, subject: string, over: Partial<SeriesMessage> = {}): SeriesMessage => ({
  messageId: id, subject, authorEmail: 'ann@x', authorName: 'Ann', date: '2024-01-01T10:00:00Z', parentMessageId: null,
  hasPatch: true, changeIds: [], linkedMessageIds: [], ...over,
});

test('parts threaded to patch 1, and unthreaded parts sent together, form one series each', () => {
  const { series } = findSeries([
    msg('a1', '[PATCH 1/2] a: one'), msg('a2', '[PATCH 2/2] a: two', { parentMessageId: 'a1' }),
    // Every part with a private parent nobody else has (as some mail servers do): grouped by time.
    msg('b1', '[PATCH v3 1/3] b: one', { parentMessageId: 'x1', date: '2024-02-01T10:00:00Z' }),
    msg('b3', '[PATCH v3 3/3] b: three', { parentMessageId: 'x3', date: '2024-02-01T10:00:09Z' }),
    msg('r', 'Re: [PATCH v3 2/3] b: two', { parentMessageId: 'b1', hasPatch: false }),
  ]);
  assert.deepEqual(series.map((s) => [s.version, s.parts.map((p) => p.messageId), s.missingParts]), [[1, ['a1', 'a2'], []], [3, ['b1', 'b3'], [2]]]);
});

test('change-ids and version links tie postings with different titles; a dependency link does not', () => {
  const { series, lineages } = findSeries([
    msg('c1', '[PATCH 0/2] first title', { hasPatch: false, changeIds: ['20240101-x'] }),
    msg('c2', '[PATCH v2 0/2] second title', { hasPatch: false, changeIds: ['20240101-x'], date: '2024-01-05T00:00:00Z' }),
    msg('c3', '[PATCH v3 0/2] third title', { hasPatch: false, linkedMessageIds: ['c2'], date: '2024-01-09T00:00:00Z' }),
    msg('d1', '[PATCH 0/2] other work', { hasPatch: false, linkedMessageIds: ['c3'], date: '2024-01-10T00:00:00Z', authorEmail: 'bob@x' }),
  ]);
  const lineageOf = (cover: string) => lineages.findIndex((l) => l.members.some((i) => series[i].coverMessageId === cover));
  assert.equal(lineageOf('c1'), lineageOf('c3'));
  assert.notEqual(lineageOf('d1'), lineageOf('c1'));
  const line = lineages[lineageOf('c1')];
  assert.deepEqual(line.members.map((i) => series[i].version), [1, 2, 3]);
  assert.deepEqual(line.evidence.slice(1), [['change-id'], ['link']]);
});

test('lore links are read only on lines that speak of a version', () => {
  assert.deepEqual(linkedMessageIdsIn('- Link to v1: https://lore.kernel.org/r/20240101-x-v1-0-abc%40kernel.org\nDepends on https://lore.kernel.org/r/dep@x'), ['20240101-x-v1-0-abc@kernel.org']);
});

test('review trailers come from the new text only', () => {
  const body = '> Reviewed-by: Quoted <q@x>\nReviewed-by: New <n@x>\n-- \nAcked-by: Sig <s@x>\n';
  assert.deepEqual(reviewTrailersIn(body).map((t) => t.personEmail), ['n@x']);
});

test('garbage never throws', () => {
  for (let i = 0; i < 200; i++) {
    const noise = () => String.fromCharCode(...Array.from({ length: 40 }, () => Math.floor(Math.random() * 0x250)));
    const rows = Array.from({ length: 5 }, (_, k) => msg(`${i}-${k}`, `[PATCH v${k} ${k}/${(i % 4) + 1}] ${noise()}`, { parentMessageId: k ? `${i}-${k - 1}` : noise(), date: noise() }));
    assert.doesNotThrow(() => findSeries(rows));
    assert.doesNotThrow(() => reviewTrailersIn(noise()));
  }
  assert.deepEqual(findSeries(null as unknown as SeriesMessage[]).series, []);
});
