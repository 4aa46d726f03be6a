// Raw RFC822 bytes → Mail, with mailparser doing the MIME work. Never throws on bad input:
// what was odd goes to `notes`, and a message without a Message-ID gets a stable one.
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Address, Mail, MailAttachment } from './types.js';

const TEXTY_NAME = /\.(patch|diff|txt|c|h|s|sh|py|rst)$/i;

export async function parseMail(raw: Buffer): Promise<Mail> {
  const notes: string[] = [];
  const parsed: ParsedMail = await simpleParser(raw, {
    skipHtmlToText: false,
    skipTextToHtml: true,
    skipImageLinks: true,
    keepCidLinks: true,
  });

  const messageIdHeader = cleanId(parsed.messageId ?? null);
  const messageId = messageIdHeader ?? syntheticMessageId(raw);
  if (!messageIdHeader) notes.push('no Message-ID header: synthetic id from the content');

  const dateRaw = headerText(parsed, 'date');
  let date: string | null = null;
  if (parsed.date && !Number.isNaN(parsed.date.getTime())) date = toUtcIso(parsed.date);
  else if (dateRaw) notes.push(`unparseable Date: ${dateRaw.slice(0, 80)}`);

  const attachments: MailAttachment[] = parsed.attachments.map((att) => {
    const contentType = (att.contentType || 'application/octet-stream').toLowerCase();
    const filename = att.filename ?? null;
    const texty = contentType.startsWith('text/') || (filename !== null && TEXTY_NAME.test(filename));
    return {
      filename,
      contentType,
      size: att.size ?? att.content.length,
      text: texty ? att.content.toString('utf8') : null,
    };
  });

  return {
    messageId,
    syntheticId: !messageIdHeader,
    subject: parsed.subject ?? null,
    from: firstAddress(parsed.from),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    date,
    dateRaw,
    inReplyTo: cleanId(parsed.inReplyTo ?? null),
    references: referenceList(parsed.references),
    listId: headerText(parsed, 'list-id'),
    text: parsed.text ?? '',
    attachments,
    notes,
  };
}

/** `<a@b>` → `a@b`; empty or missing → null. Keeps the first id when a header holds several. */
export function cleanId(value: string | null | undefined): string | null {
  if (!value) return null;
  const bracketed = /<([^<>\s]+)>/.exec(value);
  const id = (bracketed ? bracketed[1] : value.trim().split(/\s+/)[0]) ?? '';
  return id.length > 0 ? id : null;
}

function referenceList(refs: string | string[] | undefined): string[] {
  if (!refs) return [];
  const all = (Array.isArray(refs) ? refs : [refs]).join(' ');
  const ids = [...all.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] ?? '');
  if (ids.length > 0) return ids.filter(Boolean);
  return all.split(/\s+/).filter(Boolean);
}

/** A stable id for a message without one: same bytes, same id, on every run. */
export function syntheticMessageId(raw: Buffer | string): string {
  const digest = createHash('sha1').update(raw).digest('hex').slice(0, 20);
  return `lorelab.${digest}@synthetic.invalid`;
}

export function toUtcIso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function headerText(parsed: ParsedMail, name: string): string | null {
  const line = parsed.headerLines.find((h) => h.key === name);
  if (!line) return null;
  const colon = line.line.indexOf(':');
  return line.line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim() || null;
}

function addresses(field: AddressObject | AddressObject[] | undefined): Address[] {
  if (!field) return [];
  const objects = Array.isArray(field) ? field : [field];
  const out: Address[] = [];
  for (const object of objects) {
    for (const entry of object.value) {
      const group = entry.group ?? [entry];
      for (const member of group) {
        out.push({ name: member.name || null, email: member.address ? member.address.toLowerCase() : null });
      }
    }
  }
  return out;
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): Address | null {
  return addresses(field)[0] ?? null;
}
