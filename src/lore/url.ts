// Addresses on a public-inbox archive such as lore.kernel.org.

/**
 * A Message-ID as public-inbox writes it in a URL: characters outside its safe set
 * (letters, digits, -._~!$&'()*+,;=:@) percent-encoded, "/" among them.
 */
export function escapeMessageId(messageId: string): string {
  return Array.from(Buffer.from(messageId, 'utf8'))
    .map((byte) => {
      const ch = String.fromCharCode(byte);
      return /[A-Za-z0-9\-._~!$&'()*+,;=:@]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** The whole thread of a message, gzipped mboxrd, from every list the archive carries (`all`). */
export function threadMboxUrl(base: string, messageId: string): string {
  return `${base.replace(/\/+$/, '')}/all/${escapeMessageId(messageId)}/t.mbox.gz`;
}

/** An epoch of a list's public-inbox v2 git archive. */
export function epochUrl(base: string, list: string, epoch: number): string {
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(list)}/${epoch}`;
}
