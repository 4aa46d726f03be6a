import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPullRequest, findTrailers, parseSubjectTags } from '../../src/patch/index.js';

test('subject tags: version, n/m, RFC, tree, RESEND and reply prefixes', () => {
  assert.deepEqual(parseSubjectTags('Re: [PATCH v3 2/7] mm: fix the thing'), {
    tags: ['PATCH'], version: 3, part: 2, partTotal: 7, isReply: true, title: 'mm: fix the thing',
  });
  const t = parseSubjectTags('Fwd: Re: [RFC][PATCH net-next RESEND 0/4] net: things');
  assert.deepEqual(t.tags, ['RFC', 'PATCH', 'net-next', 'RESEND']);
  assert.equal(t.part, 0);
  assert.equal(t.isReply, true);
  assert.equal(t.title, 'net: things');
  assert.deepEqual(parseSubjectTags('[GIT PULL] fscrypt fixes for 6.1').tags, ['GIT PULL']);
  assert.equal(parseSubjectTags('plain subject').version, 1);
});

test('trailers: people, Fixes with its commit, Link; quoted lines ignored', () => {
  const text = [
    'Some prose: not a trailer.',
    'Fixes: 1234567890ab ("mm: something")',
    'Reported-by: Jane Doe <Jane@Example.org>',
    'Link: https://lore.kernel.org/r/x@y',
    'Signed-off-by: A U Thor <author@example.com>',
    '> Acked-by: Quoted Person <q@example.com>',
    'Cc: stable@vger.kernel.org',
  ].join('\n');
  const trailers = findTrailers(text);
  assert.deepEqual(trailers.map((t) => t.name), ['Fixes', 'Reported-by', 'Link', 'Signed-off-by', 'Cc']);
  assert.equal(trailers[0].commit, '1234567890ab');
  assert.equal(trailers[1].personName, 'Jane Doe');
  assert.equal(trailers[1].personEmail, 'jane@example.org');
  assert.equal(trailers[4].personEmail, 'stable@vger.kernel.org');
});

test('pull request from git request-pull output', () => {
  const text = [
    'Hi Linus,',
    '',
    'The following changes since commit 3650b228f83adda7e5ee532e2b90429c03f7b9ec:',
    '',
    '  Linux 6.0-rc1 (2022-08-14 15:50:18 -0700)',
    '',
    'are available in the Git repository at:',
    '',
    '  https://git.kernel.org/pub/scm/fs/fscrypt/fscrypt.git tags/fscrypt-for-linus',
    '',
    'for you to fetch changes up to 0ab7ed3c8fb39a3a0a9a02c5d2a9a5b5e8b6b1d4:',
  ].join('\n');
  assert.deepEqual(findPullRequest(text), {
    repository: 'https://git.kernel.org/pub/scm/fs/fscrypt/fscrypt.git',
    branch: 'tags/fscrypt-for-linus',
    baseCommit: '3650b228f83adda7e5ee532e2b90429c03f7b9ec',
    headCommit: '0ab7ed3c8fb39a3a0a9a02c5d2a9a5b5e8b6b1d4',
  });
  assert.equal(findPullRequest('no pull here'), null);
});
