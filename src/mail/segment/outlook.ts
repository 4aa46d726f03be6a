// Outlook's quote headers. Outlook (and mail clients copying it) does not quote with '>': it
// writes a separator, "-----Original Message-----" or its translation, then the original's
// From:/Sent:/To:/Subject: lines, then the original unquoted. Newer Outlook drops the separator
// and writes the header lines alone. Both name who wrote the text beneath and when.
import type { AttributionParse } from './types.js';
import type { BodyLine } from './lines.js';

/** The separator, in English and the translations lore mail carries. Blanks around it allowed. */
export const ORIGINAL_MESSAGE = new RegExp(
  '^\\s*-{3,}\\s*(?:' +
    [
      'Original Message', 'Ursprüngliche Nachricht', 'Ursprüngliche Mail', 'Mail original', 'Original Mail', "Message d['’]origine", 'Mensaje original', 'Messaggio originale',
      'Mensagem original', 'Oorspronkelijk bericht', 'Originalmeddelande', 'Oprindelig meddelelse', 'Alkuperäinen viesti',
      'Wiadomość oryginalna', 'Исходное сообщение', '原始邮件', '原始郵件', '元のメッセージ', '원본 메시지',
    ].join('|') +
    ')\\s*-{3,}\\s*$',
  'i',
);

type Field = 'from' | 'sent' | 'date' | 'to' | 'cc' | 'subject';

/** Header names as Outlook writes them in each language, lower-cased. */
const FIELD_NAMES: Record<string, Field> = {
  from: 'from', von: 'from', de: 'from', da: 'from', van: 'from', från: 'from', fra: 'from', lähettäjä: 'from', od: 'from', от: 'from', 发件人: 'from', 寄件者: 'from', 差出人: 'from', 보낸사람: 'from', '보낸 사람': 'from',
  sent: 'sent', gesendet: 'sent', envoyé: 'sent', enviado: 'sent', 'enviado el': 'sent', inviato: 'sent', verzonden: 'sent', skickat: 'sent', sendt: 'sent', lähetetty: 'sent', wysłano: 'sent', отправлено: 'sent', 发送时间: 'sent', 傳送時間: 'sent', 送信日時: 'sent', '보낸 날짜': 'sent',
  date: 'date', datum: 'date', fecha: 'date', data: 'date', 日期: 'date',
  to: 'to', an: 'to', à: 'to', para: 'to', a: 'to', aan: 'to', till: 'to', til: 'to', vastaanottaja: 'to', do: 'to', кому: 'to', 收件人: 'to', 收件者: 'to', 宛先: 'to', '받는 사람': 'to',
  cc: 'cc', 抄送: 'cc', 副本: 'cc', kopie: 'cc', копия: 'cc', 참조: 'cc',
  subject: 'subject', betreff: 'subject', objet: 'subject', asunto: 'subject', oggetto: 'subject', assunto: 'subject', onderwerp: 'subject', ämne: 'subject', emne: 'subject', aihe: 'subject', temat: 'subject', тема: 'subject', 主题: 'subject', 主旨: 'subject', 件名: 'subject', 제목: 'subject',
};
/** "Name:" or "Name :" (French) or "Name：" (full-width colon), then the value. */
const HEADER_LINE = /^\s*([\p{L} ]{1,20}?)\s*[:：]\s?(.*)$/u;
/** A line that can open a header block: a dash run or a colon early on. */
const MAY_OPEN = /^\s*-{3}|^[^:：]{1,22}[:：]/;
/** How many header lines a block may hold (To: and Cc: lists are often wrapped). */
const MAX_HEADER_LINES = 12;

function fieldOf(line: BodyLine | undefined): { field: Field; value: string } | null {
  if (!line || line.blank) return null;
  const m = HEADER_LINE.exec(line.content);
  if (!m) return null;
  const field = FIELD_NAMES[m[1].toLowerCase()];
  return field ? { field, value: m[2].trim() } : null;
}

export interface OutlookHeader {
  /** Index of the block's last line. */
  lastIndex: number;
  parse: AttributionParse;
  /** The header lines (and so the original beneath) are quoted with '>' already, one level deeper. */
  quoted: boolean;
}

/**
 * An Outlook quote header starting at lines[i]: the separator and the header lines under it, or
 * the header lines alone when they open with From: and carry Sent: (the field only Outlook
 * writes: a patch's in-body From:/Date:/Subject: is not a quote header). Null when neither.
 */
export function outlookHeaderAt(lines: BodyLine[], i: number): OutlookHeader | null {
  const first = lines[i];
  // Asked of every line: most are prose, with neither a separator nor a header's colon.
  if (!first || first.blank || !MAY_OPEN.test(first.content)) return null;
  const separated = ORIGINAL_MESSAGE.test(first.content);
  if (!separated && fieldOf(first)?.field !== 'from') return null;
  let last = separated ? i : i - 1;
  // Zimbra writes its separator unquoted and quotes the header lines with the original beneath.
  const quoted = separated && lines[i + 1]?.depth === first.depth + 1 && fieldOf(lines[i + 1]) !== null;
  const depth = quoted ? first.depth + 1 : first.depth;
  let sawSent = false;
  let who: AttributionParse = { name: null, email: null, dateText: null };
  let field: Field | null = null;
  for (let k = last + 1; k < Math.min(lines.length, last + 1 + MAX_HEADER_LINES) && lines[k].depth === depth; k++) {
    const header = fieldOf(lines[k]);
    if (!header) {
      // A wrapped To:/Cc: list goes on on the next line, indented or not.
      if (!lines[k].blank && (field === 'to' || field === 'cc') && /[@;,]/.test(lines[k].content)) {
        last = k;
        continue;
      }
      break;
    }
    field = header.field;
    last = k;
    if (field === 'from') who = { ...who, ...senderOf(header.value) };
    if (field === 'sent' || field === 'date') {
      who = { ...who, dateText: header.value || null };
      sawSent ||= field === 'sent';
    }
  }
  if (!separated && (!sawSent || last === i)) return null;
  return { lastIndex: last, parse: who, quoted };
}

/** "Name <a@b>", "Name [mailto:a@b]", "a@b", "Name" → name and address. */
function senderOf(value: string): { name: string | null; email: string | null } {
  const text = value.replace(/\[mailto:([^\]\s]+)\]/i, '<$1>');
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(text);
  const bare = angle ? null : /([^\s<>()"'\[\]]+@[^\s<>()"'\[\]]+\.[A-Za-z]{2,})/.exec(text);
  const email = (angle?.[1] ?? bare?.[1] ?? null)?.toLowerCase() ?? null;
  const rest = angle ? text.slice(0, angle.index) + text.slice(angle.index + angle[0].length) : bare ? text.replace(bare[1], ' ') : text;
  const name = rest.replace(/["'()]/g, ' ').replace(/\s+/g, ' ').replace(/^[\s,;:]+|[\s,;:]+$/g, '').trim();
  return { name: name && /\p{L}/u.test(name) ? name : null, email };
}

/** Reads an Outlook header block back from its stored text (the quotes pass); null when it is none. */
export function parseOutlookText(text: string): AttributionParse | null {
  const lines = text.split('\n').map((content, i) => ({ number: i + 1, depth: 0, content, blank: content.trim() === '' }));
  const found = outlookHeaderAt(lines, 0);
  return found ? found.parse : null;
}
