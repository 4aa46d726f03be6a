// A parsed message: what the mail stage makes of raw bytes (via mailparser). Plain data.

export interface Address {
  name: string | null;
  /** Lower-cased; null when the header had a name only. */
  email: string | null;
}

export interface MailAttachment {
  filename: string | null;
  contentType: string;
  size: number;
  /** Decoded text for text-like parts (text/*, *.patch, *.diff), else null. */
  text: string | null;
}

export interface Mail {
  /** Without angle brackets. */
  messageId: string;
  /** True when the message had no usable Message-ID and lorelab made a stable one. */
  syntheticId: boolean;
  subject: string | null;
  from: Address | null;
  /** Empty when parsed with `recipients: false` (as ingest does: the graph stores no recipients). */
  to: Address[];
  cc: Address[];
  /** Reply-To: and X-Original-From:, which keep the real sender when a list rewrote From:. */
  replyTo: Address[];
  originalFrom: string | null;
  /** ISO 8601 UTC from the Date: header; null when missing or unparseable. */
  date: string | null;
  dateRaw: string | null;
  inReplyTo: string | null;
  /** Message-IDs from References:, in order, without angle brackets. */
  references: string[];
  listId: string | null;
  /** The main text part, decoded. */
  text: string;
  attachments: MailAttachment[];
  /** What was odd and how it was handled (charset fallbacks, truncated MIME, …; see notes.ts). */
  notes: string[];
}
