import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePlainMessage } from '../../src/mail/plain-message.js';
import { parseMail } from '../../src/mail/parse.js';

const HEADERS = [
  'From: =?UTF-8?Q?J=C3=B6rg_R=C3=B6del?= <Joro@Example.org>',
  'Reply-To: Jörg Rödel <joro@example.org>, other@example.org',
  'To: linux-mm@kvack.org,',
  '\tAndrew Morton <akpm@example.org>',
  'Cc: =?iso-8859-1?q?Andr=E9?= <andre@example.org>',
  'Subject: [PATCH v2 1/3] mm: =?UTF-8?B?Y2Fmw6k=?=',
  '  fix the race',
  'Date: Thu, 11 Sep 2025 18:02:30 +0200',
  'Message-ID: <20250911160230.1-joro@example.org>',
  'In-Reply-To: <cover.1@example.org>',
  'References: <cover.0@example.org>',
  '\t<cover.1@example.org>',
  'List-Id: Linux MM <linux-mm.kvack.org>',
  'X-Original-From: Jörg <joro@example.org>',
];
const BODY = 'Signed-off-by: Jörg Rödel <joro@example.org>\n---\n mm/memory.c | 2 +-\n\ndiff --git a/mm/memory.c b/mm/memory.c\n';

/** Messages that are one plain part: the fast reading must take them, and agree with simpleParser. */
const PLAIN: Record<string, Buffer> = {
  'no MIME headers at all': Buffer.from([...HEADERS, '', BODY].join('\n')),
  'utf-8, 8bit (git send-email)': Buffer.from([...HEADERS, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit', '', BODY].join('\n')),
  'us-ascii, quoted charset, inline disposition (mutt)': Buffer.from([...HEADERS, 'Content-Type: text/plain; charset="us-ascii"',
    'Content-Disposition: inline', '', 'plain words\n> quoted\n'].join('\n')),
  'CRLF line ends, a CR alone in the body': Buffer.from([...HEADERS, 'Content-Type: text/plain; charset=utf-8', '', 'one\rtwo\r\nthree\r\n'].join('\r\n')),
  '8-bit bytes that are not UTF-8 under us-ascii': Buffer.concat([Buffer.from([...HEADERS, 'Content-Type: text/plain; charset=us-ascii', '', 'caf'].join('\n')),
    Buffer.from([0xe9, 0x0a, 0xff, 0xfe, 0x0a])]),
  'an empty body': Buffer.from([...HEADERS, '', ''].join('\n')),
  'no Message-ID, a bad Date': Buffer.from(['From: someone@example.org', 'Subject: hi', 'Date: yesterday', '', 'hello\n'].join('\n')),
};

/** Messages with MIME work to do: the fast reading must leave them to simpleParser. */
const NOT_PLAIN: Record<string, Buffer> = {
  multipart: Buffer.from([...HEADERS, 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', '', 'x', '--b--', ''].join('\n')),
  'quoted-printable': Buffer.from([...HEADERS, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable', '', 'caf=C3=A9\n'].join('\n')),
  base64: Buffer.from([...HEADERS, 'Content-Transfer-Encoding: base64', '', 'aGVsbG8K\n'].join('\n')),
  'another charset': Buffer.from([...HEADERS, 'Content-Type: text/plain; charset=iso-8859-1', '', 'caf\xe9\n'].join('\n'), 'latin1'),
  'format=flowed': Buffer.from([...HEADERS, 'Content-Type: text/plain; charset=utf-8; format=flowed', '', 'a soft \nbreak\n'].join('\n')),
  'an attachment': Buffer.from([...HEADERS, 'Content-Type: text/x-patch', 'Content-Disposition: attachment; filename="a.patch"', '', BODY].join('\n')),
  'an inline part with a filename': Buffer.from([...HEADERS, 'Content-Disposition: inline; filename="a.patch"', '', BODY].join('\n')),
  'html': Buffer.from([...HEADERS, 'Content-Type: text/html; charset=utf-8', '', '<p>hi</p>\n'].join('\n')),
  'headers without an end': Buffer.from(HEADERS.join('\n')),
  'larger than a megabyte': Buffer.from([...HEADERS, '', 'x'.repeat(1024 * 1024)].join('\n')),
};

test('a plain message is read without the streams, to the same Mail as simpleParser gives', async () => {
  for (const [what, raw] of Object.entries(PLAIN)) {
    assert.ok(parsePlainMessage(raw), `${what}: taken by the fast reading`);
    for (const recipients of [true, false]) {
      const fast = await parseMail(raw, { recipients });
      const slow = await parseMail(raw, { recipients, plainFastPath: false });
      assert.deepEqual(fast, slow, `${what} (recipients ${recipients})`);
    }
  }
  // What the fields decode to, so that agreeing is not agreeing on nothing.
  const mail = await parseMail(PLAIN['utf-8, 8bit (git send-email)']!);
  assert.equal(mail.subject, '[PATCH v2 1/3] mm: café fix the race');
  assert.deepEqual(mail.from, { name: 'Jörg Rödel', email: 'joro@example.org' });
  assert.deepEqual(mail.references, ['cover.0@example.org', 'cover.1@example.org']);
  assert.equal(mail.inReplyTo, 'cover.1@example.org');
  assert.equal(mail.text, BODY);
  assert.equal((await parseMail(PLAIN['CRLF line ends, a CR alone in the body']!)).text, 'one\rtwo\nthree\n');
});

test('a message with MIME work to do is left to simpleParser', async () => {
  for (const [what, raw] of Object.entries(NOT_PLAIN)) {
    assert.equal(parsePlainMessage(raw), null, what);
    assert.deepEqual(await parseMail(raw), await parseMail(raw, { plainFastPath: false }), what);
  }
});
