// One parsed message → everything the graph stores about it, in two steps. Pure: no database.
//
// `analyzeMail` runs where the mail was parsed (an analysis worker): patches, touched symbols,
// the real sender. `completeRecord` runs on the main thread, just before the writer: body
// segments, prose and mentions, the facts the series pass reads from the text, the content hash.
// The split balances the two threads: with all of analysis in the worker, the worker was busy
// all the time and the main thread half the time (linux-fscrypt), and segments and mentions
// were also the bulkiest part of what crossed between them. Once mentions got cheaper the
// worker was the busier thread again, so the text scans that need no parse moved here too.
import { createHash } from 'node:crypto';
import type { Mail } from '../../mail/types.js';
import { findPatches, findPullRequest, findRenames, parseSubjectTags } from '../../patch/index.js';
import { changeIdsIn, linkedMessageIdsIn, reviewTrailersIn } from '../../patch/series/index.js';
import type { Origin } from '../../sources/types.js';
import type { FoundPatch } from '../../patch/types.js';
import type { MessageRecord, RenameRow, SeriesFacts, StoredPatch } from '../../store/types.js';
import { discussionOf, type Discussion } from './discussion.js';
import { resolveSender } from '../../mail/people/index.js';
import { SENDER_REWRITTEN } from '../../mail/notes.js';

/** What the main thread adds (completeRecord). */
type MainThreadPart = Discussion & Pick<MessageRecord, 'contentHash' | 'pullRequest' | 'seriesFacts'>;

/** What the worker finds: the record without what the main thread adds, plus the attachments' text it needs. */
export type Analysis = Omit<MessageRecord, keyof MainThreadPart> & {
  /** Text of the text-like attachments: code the message's words may name (see findMentions). */
  attachedCode: string[];
};

export function analyzeMail(parsed: Mail, origin: Origin): Analysis {
  const mail = withRealSender(parsed);
  const patches = findPatches({
    subject: mail.subject,
    text: mail.text,
    attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, text: a.text })),
  });
  const renames: RenameRow[] = patches.flatMap((patch) =>
    findRenames(patch).map((r) => ({ patchOrdinal: patch.ordinal, path: r.path, oldName: r.oldName, newName: r.newName, similarity: r.similarity })),
  );
  return {
    mail: { ...mail, attachments: mail.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })) },
    origin,
    patches: patches.map(withoutDiffLines),
    renames,
    patchTags: patches.map((patch) => {
      const subject = patch.subject ?? mail.subject;
      return subject ? parseSubjectTags(subject) : null;
    }),
    attachedCode: mail.attachments.map((a) => a.text).filter((t): t is string => typeof t === 'string'),
  };
}

/** The review trailer names, as a cheap test before the trailers are read. */
const MAY_REVIEW = /Reviewed-by:|Acked-by:|Tested-by:|Reviewed-and-tested-by:/i;

function seriesFactsOf(text: string): SeriesFacts {
  return {
    changeIds: changeIdsIn(text),
    versionLinks: linkedMessageIdsIn(text),
    reviewTrailers: MAY_REVIEW.test(text) ? reviewTrailersIn(text) : [],
  };
}

/** The whole record: the worker's analysis, the discussion of the body, the text's facts, the raw bytes' hash. */
export function completeRecord({ attachedCode, ...analysis }: Analysis, raw: Buffer): MessageRecord {
  const { text } = analysis.mail;
  return {
    ...analysis,
    contentHash: createHash('sha1').update(raw).digest('hex'),
    pullRequest: findPullRequest(text),
    seriesFacts: seriesFactsOf(text),
    ...discussionOf(analysis.mail, attachedCode),
  };
}

function withoutDiffLines(patch: FoundPatch): StoredPatch {
  return {
    ...patch,
    files: patch.files.map(({ headerLines: _header, hunks, ...file }) => ({ ...file, hunks: hunks.map(({ lines: _lines, ...hunk }) => hunk) })),
  };
}

/**
 * "Name via Linux-erofs <linux-erofs@lists.ozlabs.org>": the list rewrote From:. The author is
 * the real sender, from X-Original-From: or Reply-To: where the headers keep it, else the name.
 */
function withRealSender(mail: Mail): Mail {
  if (!mail.from) return mail;
  const sender = resolveSender({
    name: mail.from.name,
    email: mail.from.email,
    replyTo: mail.replyTo,
    originalFrom: mail.originalFrom,
    listId: mail.listId,
  });
  if (!sender.rewrite) return mail;
  const note = `${SENDER_REWRITTEN} (${mail.from.name ?? ''} <${mail.from.email ?? ''}>); sender from ${sender.rewrite.source}`;
  return { ...mail, from: { name: sender.name, email: sender.email }, notes: [...mail.notes, note] };
}
