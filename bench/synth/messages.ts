// Composing one synthetic message: headers as git-send-email, b4 and common mailers write them,
// bodies (patches with diffs, cover letters, quoted replies with trailers) and, now and then,
// the encodings real archives carry (quoted-printable, base64, format=flowed, signatures,
// attached patches, charsets nobody knows).
import type { Random } from './random.js';
import { FILES, cLine, functionName, prose, type Person } from './kernel.js';
import { transportHeaders } from './transport.js';

export interface Envelope {
  from: Person;
  to: Person[];
  cc: Person[];
  subject: string;
  date: Date;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** RFC 2822 date in a sender's zone, as mailers write it. */
export function mailDate(date: Date, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${DAYS[local.getUTCDay()]}, ${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

const address = (p: Person) => `${p.name} <${p.email}>`;

export function headerBlock(envelope: Envelope, random: Random, extra: string[]): string[] {
  const lines = [
    ...transportHeaders(random, envelope, envelope.to[0]?.email ?? 'linux-mm@kvack.org'),
    `From: ${address(envelope.from)}`,
    `To: ${envelope.to.map(address).join(', ')}`,
  ];
  if (envelope.cc.length) lines.push(`Cc: ${envelope.cc.map(address).join(',\n\t')}`);
  lines.push(`Subject: ${envelope.subject}`, `Date: ${mailDate(envelope.date, random.pick([0, 60, 120, -420, -300, 480, 330, 540]))}`);
  lines.push(`Message-ID: <${envelope.messageId}>`);
  if (envelope.inReplyTo) lines.push(`In-Reply-To: <${envelope.inReplyTo}>`);
  if (envelope.references.length) lines.push(`References: ${envelope.references.map((r) => `<${r}>`).join('\n ')}`);
  lines.push('MIME-Version: 1.0', ...extra);
  return lines;
}

export function diffFor(random: Random): { files: string[]; diff: string; stat: string } {
  // Sized after linux-fscrypt's patches (body median 4.6 KB, a long tail of big ones).
  const fileCount = random.chance(0.2) ? random.int(4, 12) : random.int(1, 3);
  const files = [...new Set(Array.from({ length: fileCount }, () => random.pick(FILES)))];
  const parts: string[] = [];
  const stat: string[] = [];
  for (const file of files) {
    const hunks = random.int(1, 4);
    let added = 0;
    let removed = 0;
    parts.push(`diff --git a/${file} b/${file}`, `index ${hex(random, 12)}..${hex(random, 12)} 100644`, `--- a/${file}`, `+++ b/${file}`);
    let line = random.int(40, 2000);
    for (let h = 0; h < hunks; h++) {
      const before = [cLine(random, 1), cLine(random, 1), cLine(random, 2)];
      const minus = Array.from({ length: random.int(0, 10) }, () => cLine(random, random.int(1, 2)));
      const plus = Array.from({ length: random.int(1, 17) }, () => cLine(random, random.int(1, 2)));
      const after = [cLine(random, 1), cLine(random, 1), cLine(random, 1)];
      const oldLen = before.length + minus.length + after.length;
      const newLen = before.length + plus.length + after.length;
      parts.push(`@@ -${line},${oldLen} +${line},${newLen} @@ static int ${functionName(random)}(struct vm_fault *vmf)`);
      parts.push(...before.map((l) => ` ${l}`), ...minus.map((l) => `-${l}`), ...plus.map((l) => `+${l}`), ...after.map((l) => ` ${l}`));
      added += plus.length;
      removed += minus.length;
      line += random.int(30, 300);
    }
    stat.push(` ${file} | ${added + removed} ${'+'.repeat(Math.min(added, 20))}${'-'.repeat(Math.min(removed, 20))}`);
  }
  return { files, diff: parts.join('\n'), stat: stat.join('\n') };
}

function hex(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[random.int(0, 15)];
  return out;
}

export function patchBody(random: Random, author: Person, reviewers: Person[]): { body: string; diff: string } {
  const { diff, stat, files } = diffFor(random);
  const trailers = [`Signed-off-by: ${address(author)}`];
  for (const r of random.some(reviewers, 0.2)) trailers.unshift(`${random.pick(['Reviewed-by', 'Acked-by', 'Tested-by'])}: ${address(r)}`);
  if (random.chance(0.15)) trailers.unshift(`Fixes: ${hex(random, 12)} ("${functionName(random)}: handle the slow path")`);
  const body = `${prose(random, random.int(3, 12))}\n\n${trailers.join('\n')}\n---\n${stat}\n ${files.length} files changed\n\n${diff}\n-- \n2.43.0\n`;
  return { body, diff };
}

export function coverBody(random: Random, author: Person, titles: string[]): string {
  const shortlog = titles.map((t) => `  ${t}`).join('\n');
  return `Hi all,\n\n${prose(random, random.int(3, 8))}\n\nChanges since v1:\n - ${prose(random, 1)}\n\n${author.name} (${titles.length}):\n${shortlog}\n\n-- \n2.43.0\n`;
}

export function replyBody(random: Random, parent: { body: string; from: Person; date: Date }, reviewer: Person): string {
  // Sized after linux-fscrypt's replies (body median 2 KB): reviewers quote generously, in a few
  // long blocks, each answered (there: 3.8 quote blocks a reply, ~600 characters each).
  const quoted = parent.body.split('\n').filter((l) => l.length > 0).slice(0, random.int(16, 240));
  const out = [`On ${mailDate(parent.date, 0)}, ${parent.from.name} wrote:`];
  for (let i = 0, block = random.int(12, 40); i < quoted.length; i += block, block = random.int(12, 40)) {
    out.push(...quoted.slice(i, i + block).map((l) => `> ${l}`), '', prose(random, random.int(2, 6)), '');
  }
  if (random.chance(0.3)) out.push(`${random.pick(['Reviewed-by', 'Acked-by', 'Tested-by'])}: ${address(reviewer)}`);
  out.push('', `-- \n${reviewer.name}`);
  return out.join('\n') + '\n';
}

/** Header lines and body bytes for one of the encodings archives carry, chosen at random. */
export function encodeBody(random: Random, body: string, isPatch: boolean): { headers: string[]; body: Buffer } {
  const roll = random.next();
  if (roll < 0.05) {
    return { headers: ['Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: quoted-printable'], body: Buffer.from(quotedPrintable(body)) };
  }
  if (roll < 0.08) {
    const lines = Buffer.from(body).toString('base64').replace(/.{76}/g, '$&\n');
    return { headers: ['Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64'], body: Buffer.from(`${lines}\n`) };
  }
  if (roll < 0.1) {
    const charset = random.pick(['y', 'unknown-8bit', 'utf-8_', 'x-unknown']);
    return { headers: [`Content-Type: text/plain; charset="${charset}"`, 'Content-Transfer-Encoding: 8bit'], body: Buffer.from(body.replace(/\. /, '. Caf\u00e9 '), 'latin1') };
  }
  if (roll < 0.12 && !isPatch) {
    return { headers: ['Content-Type: text/plain; charset=utf-8; format=flowed'], body: Buffer.from(body.replace(/([a-z,])\n([A-Za-z])/g, '$1 \n$2')) };
  }
  if (roll < 0.14) return multipart(random, body, isPatch);
  return { headers: ['Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: 8bit'], body: Buffer.from(body) };
}

/** multipart/signed with a (fake) signature, or a patch sent as an attachment. */
function multipart(random: Random, body: string, isPatch: boolean): { headers: string[]; body: Buffer } {
  const boundary = `=-${Math.floor(random.next() * 1e12).toString(36)}`;
  if (isPatch && random.chance(0.5)) {
    const cut = body.indexOf('\ndiff --git');
    const text = cut > 0 ? body.slice(0, cut) : body;
    const patch = cut > 0 ? body.slice(cut + 1) : '';
    const type = random.pick(['text/x-patch', 'text/x-diff', 'application/octet-stream']);
    const parts = `--${boundary}\nContent-Type: text/plain; charset=UTF-8\n\n${text}\n--${boundary}\nContent-Type: ${type}; name="0001-fix.patch"\nContent-Disposition: attachment; filename="0001-fix.patch"\nContent-Transfer-Encoding: base64\n\n${Buffer.from(patch).toString('base64').replace(/.{76}/g, '$&\n')}\n--${boundary}--\n`;
    return { headers: [`Content-Type: multipart/mixed; boundary="${boundary}"`], body: Buffer.from(parts) };
  }
  const signature = `-----BEGIN PGP SIGNATURE-----\n\niQIzBAEBCAAdFiEE${Buffer.from(boundary).toString('base64')}\n-----END PGP SIGNATURE-----\n`;
  const parts = `--${boundary}\nContent-Type: text/plain; charset=UTF-8\n\n${body}\n--${boundary}\nContent-Type: application/pgp-signature; name="signature.asc"\n\n${signature}--${boundary}--\n`;
  return { headers: [`Content-Type: multipart/signed; micalg=pgp-sha256; protocol="application/pgp-signature"; boundary="${boundary}"`], body: Buffer.from(parts) };
}

function quotedPrintable(text: string): string {
  const bytes = Buffer.from(text);
  let out = '';
  let column = 0;
  for (const byte of bytes) {
    if (byte === 0x0a) {
      out += '\n';
      column = 0;
      continue;
    }
    const plain = byte >= 0x20 && byte < 0x7f && byte !== 0x3d;
    const piece = plain ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (column + piece.length > 75) {
      out += '=\n';
      column = 0;
    }
    out += piece;
    column += piece.length;
  }
  return out;
}
