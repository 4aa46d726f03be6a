// What every archive reader yields: raw messages with a pointer back to where they came from.
// Readers never parse MIME; they cut an archive into messages and say where each one was.

export type SourceFormat =
  | 'public-inbox-v2'   // an inbox dir with git/N.git epochs, or one epoch
  | 'public-inbox-v1'   // one git repository, messages as files named by hash
  | 'mbox'              // mboxo or mboxrd, optionally gzip
  | 'maildir'
  | 'eml'
  | 'stdin'             // an mbox (b4 mbox -o -, lei q -o mboxrd:/dev/stdout) or one message
  | 'page';             // a saved archive page (hypermail, public-inbox HTML as text, list archives)

/** Where one message is, precisely enough to get its bytes back (`lorelab raw`). */
export interface Origin {
  /** The file, directory or git repository as given, made absolute; '-' for stdin. */
  source: string;
  format: SourceFormat;
  /** A short, human-readable position: 'offset=1234 length=5678', 'commit=<sha> blob=<sha>', 'page'. */
  locator: string;
}

/** A message known only from a thread overview: who, when, what, and where in the tree. */
export interface StubMessage {
  /** A real Message-ID when the page shows one, else a stable synthetic one. */
  messageId: string;
  synthetic: boolean;
  subject: string | null;
  authorName: string | null;
  /** ISO 8601 UTC, minute precision as overviews show it. */
  date: string | null;
  /** The parent's Message-ID (real or synthetic), null for a thread root. */
  parentMessageId: string | null;
  depth: number;
}

export type SourceItem =
  | { kind: 'message'; raw: Buffer; origin: Origin }
  | { kind: 'stub'; stub: StubMessage; origin: Origin }
  /** public-inbox 'd' blobs: the message was removed from the inbox. */
  | { kind: 'delete'; raw: Buffer; origin: Origin }
  /** Something in the input that is not a message we can use; recorded, never fatal. */
  | { kind: 'error'; origin: Origin; reason: string };
