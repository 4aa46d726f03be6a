// A parsed message's notes say what was odd about it and how it was read. Most are damage
// (bytes skipped, a charset guessed, a MIME structure closed by guesswork, a date not read):
// the message is stored anyway, and ingest records each such note in ingest_errors too, so a
// user finds damaged messages by asking the database. Two are only information.

/** A saved message that starts with its mbox envelope line: nothing of the message is lost. */
export const SKIPPED_ENVELOPE_LINE = 'leading mbox "From " line skipped';

/** A list rewrote From: (DMARC) and the real sender was read back from the other headers. */
export const SENDER_REWRITTEN = 'From: rewritten by the list';

/** Whether a note reports damage to the message (as opposed to plain information). */
export function isDamageNote(note: string): boolean {
  return note !== SKIPPED_ENVELOPE_LINE && !note.startsWith(SENDER_REWRITTEN);
}
