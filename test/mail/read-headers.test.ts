import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withHeadersRead } from '../../src/mail/read-headers.js';
import { parseMail } from '../../src/mail/parse.js';

/** Transport headers as lore keeps them: folded Received: lines and signatures. */
const TRANSPORT = [
  'Return-Path: <linux-mm+bounces-1-lists=example.org@vger.kernel.org>',
  'Received: from mail-pf1-f171.google.com (mail-pf1-f171.google.com [209.85.210.171])',
  '\t(using TLSv1.2 with cipher ECDHE-RSA-AES128-GCM-SHA256 (128/128 bits))',
  '\tby smtp.subspace.kernel.org (Postfix) with ESMTPS id E35663126D3;',
  '\tThu, 11 Sep 2025 16:02:41 +0000 (UTC)',
  'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org;',
  '        h=from:to:subject:date; bh=6obS77W4gL8mbr6C+eeuSSKKzH7RwZdvT4ZIG8wkffg=;',
  '        b=BubZYe3hKelZ7gW5zAwsslrfefs8LcKZXEtM++XFeYYrWKyk2TN8F79rxKK++iHRrY',
  'Authentication-Results: smtp.subspace.kernel.org; dkim=pass header.d=example.org',
];

const SENT = [
  'From: =?UTF-8?Q?J=C3=B6rg_R=C3=B6del?= <joro@example.org>',
  'To: linux-mm@kvack.org,',
  '\tAndrew Morton <akpm@example.org>',
  'Subject: [PATCH v2 1/3] mm: fix the race',
  'Date: Thu, 11 Sep 2025 18:02:30 +0200',
  'Message-ID: <20250911160230.1-joro@example.org>',
  'In-Reply-To: <cover.1@example.org>',
  'References: <cover.1@example.org>',
  'List-Id: <linux-mm.kvack.org>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset="utf-8"',
  'Content-Transfer-Encoding: quoted-printable',
];

const BODY = 'caf=C3=A9\nReceived: in the body, not a header\n';

test('only the header fields lorelab reads are left, folded lines with their field; the body is untouched', () => {
  const message = Buffer.from([...TRANSPORT.slice(0, 5), ...SENT, ...TRANSPORT.slice(5), '', BODY].join('\n'));
  const kept = withHeadersRead(message).toString();
  assert.equal(kept, [...SENT, '', BODY].join('\n'));
});

test('CRLF line ends are kept as they were, and a message with nothing to drop is the same buffer', () => {
  const crlf = Buffer.from([...TRANSPORT, ...SENT, '', BODY].join('\r\n'));
  assert.equal(withHeadersRead(crlf).toString(), [...SENT, '', BODY].join('\r\n'));
  const plain = Buffer.from([...SENT, '', BODY].join('\n'));
  assert.equal(withHeadersRead(plain), plain);
});

test('lines that are not header fields stay, for mailparser to judge; so does a message without a body', () => {
  const damaged = Buffer.from(['X-Spam: yes', 'this is no field', SENT[3], 'Received: from x', ''].join('\n'));
  assert.equal(withHeadersRead(damaged).toString(), ['this is no field', SENT[3], ''].join('\n'));
});

test('parsing gives the same mail with or without the transport headers reaching mailparser', async () => {
  const messages = [
    [...TRANSPORT, ...SENT, '', BODY],
    [...TRANSPORT, 'From: A <a@example.org>', 'Subject: multipart', 'Message-ID: <m@example.org>',
      'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', '', 'hello', '--b',
      'Content-Type: text/x-patch; name="0001-fix.patch"', 'Content-Disposition: attachment; filename="0001-fix.patch"', '',
      'diff --git a/x b/x', '--b--', ''],
    ['X-Original-From: Real Sender <real@example.org>', ...TRANSPORT, 'From: Real Sender via Linux-erofs <linux-erofs@lists.ozlabs.org>',
      'Subject: re', 'Date: not a date', '', 'text\n'],
  ].map((lines) => Buffer.from(lines.join('\n')));
  for (const message of messages) {
    const all = await parseMail(message, { allHeaders: true });
    assert.deepEqual(await parseMail(message), all);
    assert.ok(all.subject); // the messages parsed to something worth comparing
  }
  const first = await parseMail(messages[0]!);
  assert.equal(first.from?.name, 'J\u00f6rg R\u00f6del');
  assert.equal(first.text, 'caf\u00e9\nReceived: in the body, not a header\n');
  assert.equal(first.listId, '<linux-mm.kvack.org>');
});

test('without recipients, To: and Cc: (folded lines too) do not reach mailparser, and the rest of the mail is the same', async () => {
  const cc = ['Cc: Hugh Dickins <hughd@example.org>,', '\tNick Piggin <npiggin@example.org>'];
  const message = Buffer.from([...TRANSPORT, ...SENT.slice(0, 3), ...cc, ...SENT.slice(3), '', BODY].join('\n'));
  const kept = withHeadersRead(message, { recipients: false }).toString();
  assert.equal(kept, [SENT[0], ...SENT.slice(3), '', BODY].join('\n'));
  assert.equal(withHeadersRead(message).toString(), [...SENT.slice(0, 3), ...cc, ...SENT.slice(3), '', BODY].join('\n'));

  const all = await parseMail(message);
  assert.equal(all.cc.length, 2);
  assert.equal(all.to.length, 2);
  const without = await parseMail(message, { recipients: false });
  assert.deepEqual(without, { ...all, to: [], cc: [] });
});
