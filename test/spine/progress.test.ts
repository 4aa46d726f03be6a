import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe } from '../../src/cli/progress.js';

test('progress shows a bar, the rate and an ETA when the count is known', () => {
  const line = describe({ source: 'x', messages: 500, sourceMessages: 500, sourceExpected: 2000 }, 1, 1);
  assert.equal(line, '[######..................] 500/2000 500 msg/s ETA 3s');
  const long = describe({ source: 'x', messages: 100, sourceMessages: 100, sourceExpected: 100100 }, 1, 1);
  assert.match(long, /ETA 16m40s$/);
});

test('progress without a known count shows messages and rate only', () => {
  assert.equal(describe({ source: '-', messages: 42, sourceMessages: 42, sourceExpected: null }, 2, 2), '42 messages, 21 msg/s');
});

test('a source that has only just started borrows the run\'s rate for its ETA (its first batch over ~0 s is no rate)', () => {
  const line = describe({ source: 'x', messages: 3000, sourceMessages: 511, sourceExpected: 7548 }, 10, 0.01);
  assert.equal(line, '[##......................] 511/7548 300 msg/s ETA 23s');
});
