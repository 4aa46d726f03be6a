// Outlook quote headers ("-----Original Message-----", its translations, and the header lines
// alone): the quote is the person's on From:, and the message whose Date: is the Sent: time.
// Mails shaped like linux-fscrypt's corporate replies, through ingest's quotes pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/corpus.js';
import { ingest } from '../../src/ingest/ingest.js';
import { openDatabase, type DB } from '../../src/store/open.js';
import { parseAttributionText, segmentBody } from '../../src/mail/segment/index.js';
import { sameMoment } from '../../src/mail/quotes/match-ancestor.js';

interface TestMail {
  id: string;
  from: string;
  date: string;
  parent?: string;
  body: string[];
}

function eml(m: TestMail): string {
  return [
    `From: ${m.from}`, `Message-ID: <${m.id}>`, 'Subject: Re: [PATCH v2] fscrypt: add hardware-wrapped keys', `Date: ${m.date}`,
    ...(m.parent ? [`In-Reply-To: <${m.parent}>`, `References: <${m.parent}>`] : []), 'Content-Type: text/plain; charset=utf-8', '', ...m.body, '',
  ].join('\n');
}

async function ingestThread(mails: TestMail[]): Promise<{ db: DB; cleanup: () => void }> {
  const dir = tempDir();
  const files = mails.map((m, i) => {
    const path = join(dir.path, `${i}.eml`);
    writeFileSync(path, eml(m));
    return path;
  });
  const db = openDatabase(join(dir.path, 'g.db'));
  await ingest(db, files, { jobs: 0 });
  return { db, cleanup: () => { db.close(); dir.cleanup(); } };
}

const quotesOf = (db: DB, id: string) =>
  db.prepare('SELECT depth, quoted_author_name AS name, quoted_message_id AS quoted FROM quotes WHERE message_id = ? ORDER BY ordinal').all(id);
const nobody = (db: DB) => db.prepare("SELECT count(*) FROM ingest_errors WHERE error LIKE '%names nobody%'").pluck().get();

const PATCH: TestMail = {
  id: 'patch@kernel.org', from: 'Eric Biggers <ebiggers@kernel.org>', date: 'Tue, 09 Jul 2024 05:19:07 +0000',
  body: ['Add support for hardware-wrapped keys.', '', 'Signed-off-by: Eric Biggers <ebiggers@kernel.org>'],
};
const REVIEW: TestMail = {
  id: 'review@kernel.org', from: 'Eric Biggers <ebiggers@kernel.org>', date: 'Wed, 24 Jul 2024 16:22:41 +0000', parent: 'reply@qti.example',
  body: ['On Wed, Jul 24, 2024 at 03:01:00PM +0000, Gaurav Kashyap wrote:', '> Tested on SM8650.', '', 'Thanks.'],
};

test('"-----Original Message-----" with From:/Sent: in the reader\'s zone: the person and the message', async () => {
  const reply: TestMail = {
    id: 'reply@qti.example', from: 'Gaurav Kashyap <quic_gaurkash@qti.example>', date: 'Wed, 24 Jul 2024 15:01:00 +0000', parent: 'patch@kernel.org',
    body: [
      'Tested on SM8650.', '', 'Regards', 'Gaurav', '',
      '-----Original Message-----',
      'From: Eric Biggers [mailto:ebiggers@kernel.org] ',
      'Sent: Monday, July 8, 2024 10:19 PM',
      'To: linux-fscrypt@vger.kernel.org; linux-scsi@vger.kernel.org;',
      '    linux-arm-msm@vger.kernel.org',
      'Cc: Gaurav Kashyap <quic_gaurkash@qti.example>',
      'Subject: [PATCH v2] fscrypt: add hardware-wrapped keys', '',
      'Add support for hardware-wrapped keys.',
    ],
  };
  const { db, cleanup } = await ingestThread([PATCH, reply, REVIEW]);
  try {
    // Sent: 10:19 PM on the 8th at UTC-7 is 05:19 on the 9th: the patch.
    assert.deepEqual(quotesOf(db, 'reply@qti.example'), [{ depth: 1, name: 'Eric Biggers', quoted: 'patch@kernel.org' }]);
    assert.equal(nobody(db), 0);
  } finally {
    cleanup();
  }
});

test('translated separators and header names: German, French, Spanish, Chinese', async () => {
  const forms: Array<[string, string[]]> = [
    ['de', ['-----Ursprüngliche Nachricht-----', 'Von: Eric Biggers <ebiggers@kernel.org>', 'Gesendet: Dienstag, 9. Juli 2024 07:19', 'An: linux-fscrypt@vger.kernel.org', 'Betreff: [PATCH v2] fscrypt: add hardware-wrapped keys']],
    ['fr', ["-----Message d'origine-----", 'De : Eric Biggers <ebiggers@kernel.org>', 'Envoyé : mardi 9 juillet 2024 07:19', 'À : linux-fscrypt@vger.kernel.org', 'Objet : [PATCH v2] fscrypt: add hardware-wrapped keys']],
    ['es', ['-----Mensaje original-----', 'De: Eric Biggers <ebiggers@kernel.org>', 'Enviado el: martes, 9 de julio de 2024 7:19', 'Para: linux-fscrypt@vger.kernel.org', 'Asunto: [PATCH v2] fscrypt: add hardware-wrapped keys']],
    ['zh', ['-----原始邮件-----', '发件人: Eric Biggers <ebiggers@kernel.org>', '发送时间: 2024年7月9日 13:19', '收件人: linux-fscrypt@vger.kernel.org', '主题: [PATCH v2] fscrypt: add hardware-wrapped keys']],
  ];
  const replies = forms.map(([lang, header]): TestMail => ({
    id: `${lang}@corp.example`, from: `Someone ${lang} <dev-${lang}@corp.example>`, date: 'Wed, 10 Jul 2024 08:00:00 +0000', parent: 'patch@kernel.org',
    body: ['Looks fine to me.', '', ...header, '', 'Add support for hardware-wrapped keys.'],
  }));
  const { db, cleanup } = await ingestThread([PATCH, ...replies]);
  try {
    for (const [lang] of forms) {
      assert.deepEqual(quotesOf(db, `${lang}@corp.example`), [{ depth: 1, name: 'Eric Biggers', quoted: 'patch@kernel.org' }], lang);
    }
    assert.equal(nobody(db), 0);
  } finally {
    cleanup();
  }
});

test('the header lines alone (newer Outlook, not a patch\'s in-body From:), a chain of two, a From: unknown to the thread matched by the date', async () => {
  const first: TestMail = {
    id: 'first@qti.example', from: 'Jerry Chung <jchung@proofpoint.example>', date: 'Fri, 28 May 2021 16:55:10 +0000', parent: 'patch@kernel.org',
    body: ['Does this work with f2fs?'],
  };
  const second: TestMail = {
    id: 'second@kernel.org', from: 'Eric Biggers <ebiggers@kernel.org>', date: 'Sat, 29 May 2021 04:26:33 +0000', parent: 'first@qti.example',
    body: ['Yes.'],
  };
  const third: TestMail = {
    id: 'third@qti.example', from: 'Jerry Chung <jchung@proofpoint.example>', date: 'Mon, 31 May 2021 09:00:00 +0000', parent: 'second@kernel.org',
    body: [
      'Thanks, that answers it.', '',
      '________________________________',
      'From: Eric Biggers <ebiggers@kernel.org>',
      'Sent: Friday, May 28, 2021 9:26 PM',
      'To: Jerry Chung <jerry.chung@corp-mail.example>',
      'Subject: Re: [PATCH v2] fscrypt: add hardware-wrapped keys', '',
      'Yes.', '',
      '-----Original Message-----',
      'From: Chung, Jerry <jerry.chung@corp-mail.example>',
      'Sent: Friday, May 28, 2021 9:55 AM',
      'To: Eric Biggers <ebiggers@kernel.org>', '',
      'Does this work with f2fs?',
    ],
  };
  const { db, cleanup } = await ingestThread([{ ...PATCH, date: 'Thu, 27 May 2021 20:00:00 +0000' }, first, second, third]);
  try {
    assert.deepEqual(quotesOf(db, 'third@qti.example'), [
      { depth: 1, name: 'Eric Biggers', quoted: 'second@kernel.org' },
      // Neither this address nor "Chung, Jerry" is up the thread: Sent: 9:55 AM (UTC-7) is first's Date:.
      { depth: 2, name: 'Chung, Jerry', quoted: 'first@qti.example' },
    ]);
    assert.equal(nobody(db), 0);
  } finally {
    cleanup();
  }
  // The header lines alone need Sent:, Outlook's own field: a patch's in-body From:/Date:/Subject:
  // is no quote header. A separator whose block names nobody is still an attribution (and reported).
  const inBody = segmentBody(['From: Ann Author <ann@example.org>', 'Date: Tue, 9 Jul 2024 05:19:07 +0000', 'Subject: mm: fix', '', 'Body.'].join('\n'));
  assert.ok(inBody.every((s) => s.kind === 'prose' && s.depth === 0));

  // Zimbra: the separator unquoted, the header lines and the original quoted with '>'.
  const zimbra = segmentBody(['Applied, thanks.', '', '----- Ursprüngliche Mail -----', '> Von: "Eric Biggers" <ebiggers@kernel.org>',
    '> An: "Richard Weinberger" <richard@nod.example>', '> Gesendet: Montag, 20. Januar 2020 07:54:22', '> Betreff: Re: [PATCH] ubifs: use IS_ENCRYPTED()',
    '', '> Richard, can you consider applying this?'].join('\n'));
  assert.deepEqual(zimbra.map((s) => [s.kind, s.depth]), [['prose', 0], ['attribution', 0], ['quote', 1]]);
  assert.deepEqual(zimbra[1]!.attribution, { name: 'Eric Biggers', email: 'ebiggers@kernel.org', dateText: 'Montag, 20. Januar 2020 07:54:22' });

  const anonymous = segmentBody(['Ack.', '', '-----Original Message-----', 'Sent: Tuesday, July 9, 2024 5:19 AM', '', 'old text'].join('\n'));
  assert.deepEqual(anonymous.map((s) => [s.kind, s.depth]), [['prose', 0], ['attribution', 0], ['quote', 1]]);
  assert.deepEqual(anonymous[1]!.attribution, { name: null, email: null, dateText: 'Tuesday, July 9, 2024 5:19 AM' });
});

test('sameMoment: the minute, in any whole-quarter-hour zone when the line gives none; the exact minute when it does', () => {
  assert.equal(sameMoment('Monday, July 8, 2024 10:19 PM', '2024-07-09T05:19:07Z'), true);
  assert.equal(sameMoment('Tuesday, July 9, 2024 11:04 AM', '2024-07-09T05:34:07Z'), true); // India, +05:30
  assert.equal(sameMoment('Tuesday, July 9, 2024 5:20 AM', '2024-07-09T05:19:07Z'), false);
  assert.equal(sameMoment('Tue, 9 Jul 2024 07:19:07 +0200', '2024-07-09T05:19:07Z'), true);
  assert.equal(sameMoment('Tue, 9 Jul 2024 06:19:07 +0200', '2024-07-09T05:19:07Z'), false);
  assert.equal(sameMoment('Tuesday, July 9, 2024', '2024-07-09T00:00:00Z'), false);
});

test('"On" lines with a translated weekday and month (linux-fscrypt\'s last "names nobody") name their author', () => {
  assert.deepEqual(parseAttributionText('On venerdì 19 agosto 2022 20:29:31 CEST Matthew Wilcox wrote:'), {
    name: 'Matthew Wilcox', email: null, dateText: 'venerdì 19 agosto 2022 20:29:31 CEST',
  });
  assert.equal(parseAttributionText('Le vendredi 19 août 2022 à 00:40, Eric Biggers a écrit :')?.name, 'Eric Biggers');
});

test('header lines quoted with \'>\' together with the original (Huawei\'s Outlook): they introduce that quote, nothing is deepened', async () => {
  const eric: TestMail = {
    id: 'eric@kernel.org', from: 'Eric Biggers <ebiggers@kernel.org>', date: 'Mon, 15 Nov 2021 19:05:12 +0000', parent: 'patch@kernel.org',
    body: ['On Fri, Nov 12, 2021 at 01:44:11PM +0100, Roberto Sassu wrote:', '> Make the necessary modifications.', '', 'Why tmpfs?'],
  };
  const roberto: TestMail = {
    id: 'roberto@huawei.example', from: 'Roberto Sassu <roberto.sassu@huawei.example>', date: 'Tue, 16 Nov 2021 08:49:41 +0000', parent: 'eric@kernel.org',
    body: [
      '> From: Eric Biggers [mailto:ebiggers@kernel.org]',
      '> Sent: Monday, November 15, 2021 8:05 PM',
      '> On Fri, Nov 12, 2021 at 01:44:11PM +0100, Roberto Sassu wrote:',
      '> > Make the necessary modifications.',
      '>',
      '> Why tmpfs?',
      '',
      'Because of IMA.',
    ],
  };
  const { db, cleanup } = await ingestThread([
    { ...PATCH, id: 'patch@kernel.org', from: 'Roberto Sassu <roberto.sassu@huawei.example>', date: 'Fri, 12 Nov 2021 12:44:11 +0000' }, eric, roberto,
  ]);
  try {
    assert.deepEqual(quotesOf(db, 'roberto@huawei.example'), [
      { depth: 2, name: 'Roberto Sassu', quoted: 'patch@kernel.org' },
      { depth: 1, name: 'Eric Biggers', quoted: 'eric@kernel.org' },
    ]);
  } finally {
    cleanup();
  }
  // Outlook's own '>'-quoting of a whole reply, separator included: the original is the quote.
  const inline = segmentBody(['Agreed.', '', '> -----Original Message-----', '> From: Eric Biggers <ebiggers@kernel.org>', '> Sent: Monday, November 15, 2021 8:05 PM', '> Why tmpfs?'].join('\n'));
  assert.deepEqual(inline.map((s) => [s.kind, s.depth]), [['prose', 0], ['attribution', 0], ['quote', 1]]);
});
