// One parsed message → everything the graph stores about it. Pure: no database here.
import { createHash } from 'node:crypto';
import type { Mail } from '../mail/types.js';
import { findPatches, findPullRequest, findRenames, parseSubjectTags } from '../patch/index.js';
import type { Origin } from '../sources/types.js';
import type { MessageRecord, RenameRow } from '../store/types.js';
import { discussionOf } from './discussion.js';

export function analyzeMail(mail: Mail, origin: Origin, raw: Buffer): MessageRecord {
  const patches = findPatches({
    subject: mail.subject,
    text: mail.text,
    attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, text: a.text })),
  });
  const renames: RenameRow[] = patches.flatMap((patch) =>
    findRenames(patch).map((r) => ({ patchOrdinal: patch.ordinal, path: r.path, oldName: r.oldName, newName: r.newName, similarity: r.similarity })),
  );
  const discussion = discussionOf(mail);
  return {
    mail,
    origin,
    contentHash: createHash('sha1').update(raw).digest('hex'),
    patches,
    renames,
    pullRequest: findPullRequest(mail.text),
    patchTags: patches.map((patch) => {
      const subject = patch.subject ?? mail.subject;
      return subject ? parseSubjectTags(subject) : null;
    }),
    ...discussion,
  };
}
