import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packSegments, unpackSegments } from '../../src/store/segment-layout.js';

test('segments pack into one JSON value and come back the same; none is null', () => {
  const segments = [
    { kind: 'prose', depth: 0, lineStart: 1, lineEnd: 3 },
    { kind: 'attribution', depth: 0, lineStart: 4, lineEnd: 4 },
    { kind: 'quote', depth: 2, lineStart: 5, lineEnd: 9 },
  ];
  const packed = packSegments(segments);
  assert.equal(packed, '[["prose",0,1,3],["attribution",0,4,4],["quote",2,5,9]]');
  assert.deepEqual(unpackSegments(packed), segments);
  assert.equal(packSegments([]), null);
  assert.deepEqual(unpackSegments(null), []);
});

test('a damaged value reads as no segments (the history then cuts the body itself)', () => {
  assert.deepEqual(unpackSegments('[["prose",0,1'), []);
  assert.deepEqual(unpackSegments('{"kind":"prose"}'), []);
});
