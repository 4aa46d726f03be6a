// Saved archive pages show a message already decoded. To send it through the same MIME path
// as every other message (mailparser), a page reader rebuilds the message as RFC822 bytes:
// the headers the page shows, and its parts as a multipart/mixed body.

export interface RebuiltPart {
  contentType: string;
  filename: string | null;
  text: string;
}

export function buildMessage(headers: Array<[string, string]>, parts: RebuiltPart[]): Buffer {
  const head = headers
    .filter(([, value]) => value.trim().length > 0)
    .map(([name, value]) => `${name}: ${oneLine(value)}`);
  if (parts.length <= 1) {
    const only = parts[0] ?? { contentType: 'text/plain', filename: null, text: '' };
    head.push('MIME-Version: 1.0', `Content-Type: ${only.contentType}; charset=utf-8`, 'Content-Transfer-Encoding: 8bit');
    return Buffer.from(`${head.join('\n')}\n\n${only.text}`, 'utf8');
  }
  const boundary = chooseBoundary(parts);
  head.push('MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${boundary}"`);
  const body = parts.map((part, index) => {
    const disposition = index === 0 && !part.filename ? 'inline' : `attachment${part.filename ? `; filename="${part.filename}"` : ''}`;
    return [
      `--${boundary}`,
      `Content-Type: ${part.contentType}; charset=utf-8`,
      'Content-Transfer-Encoding: 8bit',
      `Content-Disposition: ${disposition}`,
      '',
      part.text,
    ].join('\n');
  });
  return Buffer.from(`${head.join('\n')}\n\n${body.join('\n')}\n--${boundary}--\n`, 'utf8');
}

/** Prepends a header block to a MIME body the page shows as it was sent (hypermail). */
export function prependHeaders(headers: Array<[string, string]>, mimeBody: string): Buffer {
  const head = headers.filter(([, value]) => value.trim().length > 0).map(([name, value]) => `${name}: ${oneLine(value)}`);
  return Buffer.from(`${head.join('\n')}\n\n${mimeBody}`, 'utf8');
}

function oneLine(value: string): string {
  return value.replace(/\s*\n\s*/g, ' ').trim();
}

function chooseBoundary(parts: RebuiltPart[]): string {
  let boundary = 'lorelab-page-part';
  while (parts.some((part) => part.text.includes(boundary))) boundary += '-x';
  return boundary;
}
