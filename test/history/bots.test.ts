// The robot recogniser: build robots, fuzzers, trackers and CI are robots; the people who
// answer them, whose names or addresses merely resemble a robot's, are not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBot, isReport } from '../../src/history/load/bots.js';

test('robots are recognised by address or display name', () => {
  const robots = [
    { name: 'kernel test robot', email: 'lkp@intel.com' },
    { name: 'kbuild test robot', email: 'lkp@intel.com' },
    { name: 'kernel test robot', email: 'oliver.sang@intel.com' },
    { name: 'syzbot', email: 'syzbot+1a748d0007eeac3ab079@syzkaller.appspotmail.com' },
    { name: null, email: 'pr-tracker-bot@kernel.org' },
    { name: null, email: 'patchwork-bot+f2fs@kernel.org' },
    { name: 'KernelCI bot', email: 'bot@kernelci.org' },
    { name: 'Intel 0day', email: 'someone@example.com' },
  ];
  for (const r of robots) assert.equal(isBot(r), true, `${r.name} <${r.email}>`);
});

test('people are not robots, even with bot-like letters in their names', () => {
  const people = [
    { name: 'James Bottomley', email: 'james.bottomley@hansenpartnership.com' },
    { name: 'Eric Biggers', email: 'ebiggers@kernel.org' },
    { name: 'Stephen Rothwell', email: 'sfr@canb.auug.org.au' },
    { name: 'Abbott Robotham', email: 'abbott@robots.example' },
    { name: null, email: null },
  ];
  for (const p of people) assert.equal(isBot(p), false, `${p.name} <${p.email}>`);
});

test('linux-next build reports are reports though a person sends them', () => {
  const sfr = { name: 'Stephen Rothwell', email: 'sfr@canb.auug.org.au' };
  assert.equal(isReport({ ...sfr, subject: 'linux-next: build warnings after merge of the keys tree' }), true);
  assert.equal(isReport({ ...sfr, subject: 'Re: linux-next: manual merge of the fscrypt tree with the ext4 tree' }), true);
  assert.equal(isReport({ ...sfr, subject: 'Add fsverity tree to linux-next' }), false);
  assert.equal(isReport({ name: 'kernel test robot', email: 'lkp@intel.com', subject: 'Re: [PATCH] fscrypt: x' }), true);
});

test('a robot list tag makes a report; a patch to kbuild itself does not', () => {
  const person = { name: 'Masahiro Yamada', email: 'masahiroy@kernel.org' };
  assert.equal(isReport({ ...person, subject: '[kbuild-all] drivers/foo: warning: unused variable' }), true);
  assert.equal(isReport({ ...person, subject: 'kbuild: fix modpost warning for bar' }), false);
  assert.equal(isReport({ ...person, subject: 'Re: kbuild: fix modpost warning for bar' }), false);
});

test("syzbot's report is a report; a person's reply analysing it is not", () => {
  assert.equal(isReport({ name: 'syzbot', email: 'syzbot+1234@syzkaller.appspotmail.com', subject: '[syzbot] memory leak in crypto_create_tfm_node' }), true);
  assert.equal(isReport({ name: null, email: 'someone@example.org', subject: '[syzbot] memory leak in crypto_create_tfm_node' }), true);
  assert.equal(isReport({ name: 'Herbert Xu', email: 'herbert@gondor.apana.org.au', subject: 'Re: [syzbot] memory leak in crypto_create_tfm_node' }), false);
});
