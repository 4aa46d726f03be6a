import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMail, parseMailDate } from '../../src/mail/parse.js';

/** A message from header lines and a body; `bytes: 'latin1'` keeps 8-bit bodies as raw bytes. */
function raw(headers: string[], body: string, bytes: 'utf8' | 'latin1' = 'utf8'): Buffer {
  return Buffer.from(`${headers.join('\n')}\n\n${body}`, bytes);
}
const ID = 'Message-ID: <t@example.org>';

test('RFC 2047 words: Q and B, several charsets in one header, ISO-2022-JP names', async () => {
  const mail = await parseMail(
    raw(
      [
        ID,
        'From: YOSHIFUJI Hideaki / =?ISO-2022-JP?B?GyRCNUhGIzFRTEAbKEI=?= <yoshfuji@example.org>',
        'To: =?ISO8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@example.org>',
        'Subject: =?ISO8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=',
        ' =?ISO8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=',
      ],
      'x\n',
    ),
  );
  assert.equal(mail.subject, 'If you can read this you understand the example.');
  assert.equal(mail.from?.name, 'YOSHIFUJI Hideaki / \u5409\u85e4\u82f1\u660e');
  assert.deepEqual(mail.to, [{ name: 'Keld J\u00f8rn Simonsen', email: 'keld@example.org' }]);
});

test('quoted-printable, base64 with a bare CR inside, and format=flowed bodies are decoded', async () => {
  const qp = await parseMail(
    raw([ID, 'Content-Type: text/plain; charset=iso-8859-1', 'Content-Transfer-Encoding: quoted-printable'], 'caf=E9 soft=\nbreak\n'),
  );
  assert.equal(qp.text, 'caf\u00e9 softbreak\n');
  const body = Buffer.from('On a distro, \rpytest is named differently.\n').toString('base64');
  const b64 = await parseMail(raw([ID, 'Content-Type: text/plain; charset="utf-8"', 'Content-Transfer-Encoding: base64'], `${body}\n`));
  assert.match(b64.text, /distro, \rpytest/);
  const flowed = await parseMail(raw([ID, 'Content-Type: text/plain; charset=utf-8; format=flowed'], 'one long \nline\n> quoted \n> too\n'));
  assert.match(flowed.text, /^one long line\n/);
  assert.deepEqual(flowed.notes, []);
});

test('bogus charsets fall back by what the bytes are, and say so', async () => {
  const cases: Array<[string, 'utf8' | 'latin1', string]> = [
    ['y', 'latin1', 'windows-1252'],
    ['utf-8_', 'utf8', 'utf-8'],
    ['unknown-8bit', 'latin1', 'windows-1252'],
    ['unknown-8bit', 'utf8', 'utf-8'],
  ];
  for (const [charset, bytes, fallback] of cases) {
    const mail = await parseMail(raw([ID, `Content-Type: text/plain; charset="${charset}"`], 'Andr\u00e9 \u20ac\n'.slice(0, bytes === 'latin1' ? 6 : 8) + '\n', bytes));
    assert.equal(mail.text.startsWith('Andr\u00e9'), true, `${charset} as ${bytes}: ${mail.text}`);
    assert.deepEqual(mail.notes, [`unknown charset "${charset}": decoded as ${fallback}`]);
  }
});

test('charsets only iconv-lite knows (UTF-7, IBM code pages) are decoded as declared, in bodies, headers and attachments', async () => {
  // UTF-7 (RFC 2152): "+AOk-" is é, "+ZeVnLIqe-" is 日本語; TextDecoder knows neither UTF-7 nor IBM437.
  const mail = await parseMail(
    raw(
      [
        ID,
        'From: =?utf-7?Q?J+AOk-r+APQ-me?= <jerome@example.org>',
        'Subject: =?UTF-7?Q?caf+AOk-?= in the fault path',
        'Content-Type: multipart/mixed; boundary="M"',
      ],
      [
        '--M\nContent-Type: text/plain; charset=utf-7\n\nThe caf+AOk- and +ZeVnLIqe- locks.\n',
        '--M\nContent-Type: text/plain; charset=ibm437; name="box.txt"\nContent-Disposition: attachment; filename="box.txt"\n\n\x82\xc9\xcd\n--M--\n',
      ].join(''),
      'latin1',
    ),
  );
  assert.equal(mail.subject, 'caf\u00e9 in the fault path');
  assert.equal(mail.from?.name, 'J\u00e9r\u00f4me');
  assert.equal(mail.text, 'The caf\u00e9 and \u65e5\u672c\u8a9e locks.'); // the last newline belongs to the boundary
  assert.equal(mail.attachments[0].text, '\u00e9\u2554\u2550');
  assert.deepEqual(mail.notes, []);

  // A label no decoder knows is still rewritten and recorded as damage.
  const unknown = await parseMail(raw([ID, 'Content-Type: text/plain; charset=x-utf-7-ish'], 'caf+AOk-\n'));
  assert.equal(unknown.text, 'caf+AOk-\n');
  assert.deepEqual(unknown.notes, ['unknown charset "x-utf-7-ish": decoded as utf-8']);
});

test('multipart/signed: the text is the signed part, the signature an attachment', async () => {
  const mail = await parseMail(
    raw(
      [ID, 'Content-Type: multipart/signed; micalg=pgp-sha256; protocol="application/pgp-signature"; boundary="S"'],
      '--S\nContent-Type: text/plain\n\nsigned words\n--S\nContent-Type: application/pgp-signature; name="signature.asc"\n\n-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n--S--\n',
    ),
  );
  assert.equal(mail.text.trim(), 'signed words');
  assert.deepEqual(mail.attachments.map((a) => a.contentType), ['application/pgp-signature']);
  assert.deepEqual(mail.notes, []);
});

test('attachments keep filename and type; patches and diffs come out as text', async () => {
  const patch = 'diff --git a/mm/memory.c b/mm/memory.c\n--- a/mm/memory.c\n+++ b/mm/memory.c\n';
  const mail = await parseMail(
    raw(
      [ID, 'Content-Type: multipart/mixed; boundary="M"'],
      [
        '--M\nContent-Type: text/plain\n\nsee attached\n',
        `--M\nContent-Type: application/octet-stream; name="fix.patch"\nContent-Disposition: attachment; filename="fix.patch"\nContent-Transfer-Encoding: base64\n\n${Buffer.from(patch).toString('base64')}\n`,
        `--M\nContent-Type: text/x-diff; charset=iso-8859-1; name="b.diff"\nContent-Disposition: attachment; filename="b.diff"\n\n+caf\u00e9\n`,
        '--M\nContent-Type: image/png; name="p.png"\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n',
        '--M\nContent-Type: message/rfc822\n\nSubject: inner\nMessage-ID: <in@x>\n\ninner body\n--M--\n',
      ].join(''),
      'latin1',
    ),
  );
  const byName = Object.fromEntries(mail.attachments.map((a) => [a.filename ?? a.contentType, a]));
  assert.equal(byName['fix.patch'].text, patch);
  assert.equal(byName['b.diff'].contentType, 'text/x-diff');
  assert.equal(byName['b.diff'].text, '+caf\u00e9'); // the last newline belongs to the boundary
  assert.equal(byName['p.png'].text, null);
  assert.equal(byName['p.png'].contentType, 'image/png');
  assert.match(byName['message/rfc822'].text ?? '', /inner body/);
});

test('invalid base64, a boundary that never closes, no headers at all: kept and noted', async () => {
  const bad = await parseMail(raw([ID, 'Content-Transfer-Encoding: base64'], 'aGVsbG8g!!d29ybGQ=\n'));
  assert.equal(bad.text, 'hello world');
  assert.match(bad.notes.join('\n'), /invalid base64 \(first bad character "!"/);

  const open = await parseMail(raw([ID, 'Content-Type: multipart/mixed; boundary="B"'], '--B\nContent-Type: text/plain\n\nstill here\n'));
  assert.match(open.text, /still here/);
  assert.match(open.notes.join('\n'), /boundary "B" never closes/);

  const saved = await parseMail(Buffer.from(`From someone@example.org  Wed Aug  3 17:55:19 2011\n${ID}\nSubject: kept\n\nbody\n`));
  assert.equal(saved.subject, 'kept');
  assert.deepEqual(saved.notes, ['leading mbox "From " line skipped']);

  const bare = await parseMail(Buffer.from('just words, no header\nsecond line\n'));
  assert.equal(bare.text, 'just words, no header\nsecond line\n');
  assert.equal(bare.syntheticId, true);
  assert.match(bare.notes[0], /no headers/);
});

test('a 20 MB single-line body is parsed whole', async () => {
  const mail = await parseMail(raw([ID], `${'x'.repeat(20 * 1024 * 1024)}\n`));
  assert.equal(mail.text.length, 20 * 1024 * 1024 + 1);
});

test('dates are normalised to UTC from the Date: header, the raw value kept', async () => {
  const mail = await parseMail(raw([ID, 'Date: Thu, 21 Jul 2005 09:10:36 -0400 (EDT)'], 'x\n'));
  assert.equal(mail.date, '2005-07-21T13:10:36Z');
  assert.equal(mail.dateRaw, 'Thu, 21 Jul 2005 09:10:36 -0400 (EDT)');
  const cases: Array<[string, string | null]> = [
    ['Mon,  3 Aug 2020 22:40:55 +0700', '2020-08-03T15:40:55Z'],
    ['3 Jan 06 15:04 PST', '2006-01-03T23:04:00Z'],
    ['Tue Jan  3 15:04:05 2006', '2006-01-03T15:04:05Z'],
    ['Sat, 1 Jan 2000 00:30:00 +0100', '1999-12-31T23:30:00Z'],
    ['2019-05-04 10:00:00 +0200', '2019-05-04T08:00:00Z'],
    ['someday soon', null],
    ['Fri, 31 Foo 2010 10:00:00 +0000', null],
  ];
  for (const [value, expected] of cases) assert.equal(parseMailDate(value), expected, value);
  const notes: string[] = [];
  assert.equal(parseMailDate('3 Jan 2006 15:04:05', notes), '2006-01-03T15:04:05Z');
  assert.match(notes[0], /without a time zone/);
  const garbage = await parseMail(raw([ID, 'Date: someday'], 'x\n'));
  assert.equal(garbage.date, null);
  assert.equal(garbage.dateRaw, 'someday');
  assert.match(garbage.notes.join('\n'), /unparseable Date/);
});
