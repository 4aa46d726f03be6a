// Small hand-written mail for the series tests: an mbox built from plain fields.
export interface TestMail {
  id: string;
  subject: string;
  from?: string;
  date: string;
  inReplyTo?: string;
  body: string;
}

export function mbox(mails: TestMail[]): string {
  return mails.map((m) => [
    'From mboxrd@z Thu Jan  1 00:00:00 1970',
    `From: ${m.from ?? 'Ann Author <ann@example.org>'}`,
    `Subject: ${m.subject}`,
    `Date: ${m.date}`,
    `Message-ID: <${m.id}>`,
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`, `References: <${m.inReplyTo}>`] : []),
    'Content-Type: text/plain; charset=utf-8',
    '',
    m.body,
    '',
  ].join('\n')).join('\n');
}

/** A one-hunk git diff of f.c changing a line inside `fn`. */
export function diffIn(fn: string, from: string, to: string): string {
  return [
    'Signed-off-by: Ann Author <ann@example.org>',
    '---',
    'diff --git a/f.c b/f.c',
    'index 1111111..2222222 100644',
    '--- a/f.c',
    '+++ b/f.c',
    `@@ -1,4 +1,4 @@ int ${fn}(void)`,
    ` int ${fn}(void)`,
    ' {',
    `-\treturn ${from};`,
    `+\treturn ${to};`,
    ' }',
    '-- ',
    '2.40.0',
  ].join('\n');
}
