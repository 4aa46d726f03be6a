// The writer of what an ingest's inputs store: messages, their copies, bodies, patches and the
// rest of each record, stubs, deletions and errors, inside transactions the caller batches (see
// ingest). What is derived afterwards is written by the passes (src/passes/) and by src/link/
// (see README.md). Re-storing what is already stored changes nothing.
import type { DB } from './open.js';
import { createPeople } from './people.js';
import type { IngestErrorRow, MessageRecord, StoreOutcome, StubRecord } from './types.js';
import { packSegments } from './segment-layout.js';

export type Writer = ReturnType<typeof createWriter>;

export function createWriter(db: DB) {
  const personId = createPeople(db);
  const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

  const sql = {
    sourceByPath: db.prepare('SELECT id, fingerprint, last_commit FROM sources WHERE path = ?'),
    insertSource: db.prepare('INSERT INTO sources(path, format, ingested_at) VALUES (?, ?, ?)'),
    updateSource: db.prepare('UPDATE sources SET format = ?, fingerprint = ?, last_commit = ?, ingested_at = ? WHERE id = ?'),
    copyKnown: db.prepare('SELECT message_id FROM message_sources WHERE source = ? AND locator = ?'),
    insertCopy: db.prepare(
      'INSERT OR IGNORE INTO message_sources(message_id, source, locator, is_primary) VALUES (?, ?, ?, ?)',
    ),
    clearPrimary: db.prepare('UPDATE message_sources SET is_primary = 0 WHERE message_id = ?'),
    messageState: db.prepare('SELECT id, is_stub, content_hash FROM messages WHERE message_id = ?'),
    insertMessage: db.prepare(`INSERT INTO messages(message_id, is_stub, synthetic_id, subject, author, author_name,
      author_email, date, date_raw, in_reply_to, list_id, content_hash, notes, change_ids, version_links)
      VALUES (@messageId, 0, @synthetic, @subject, @author, @authorName, @authorEmail, @date, @dateRaw, @inReplyTo,
      @listId, @contentHash, @notes, @changeIds, @versionLinks)`),
    fillStub: db.prepare(`UPDATE messages SET is_stub = 0, stub_origin = NULL, synthetic_id = @synthetic,
      subject = @subject, author = @author, author_name = @authorName, author_email = @authorEmail, date = @date,
      date_raw = @dateRaw, in_reply_to = @inReplyTo, list_id = @listId, content_hash = @contentHash,
      notes = @notes, change_ids = @changeIds, version_links = @versionLinks, thread = NULL WHERE message_id = @messageId`),
    putBody: db.prepare(`INSERT INTO message_bodies(id, body, segments) VALUES (?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET body = excluded.body, segments = excluded.segments`),
    deleteBody: db.prepare('DELETE FROM message_bodies WHERE id = ?'),
    insertStub: db.prepare(`INSERT INTO messages(message_id, is_stub, stub_origin, synthetic_id, subject, author,
      author_name, date, in_reply_to) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)`),
    completeStub: db.prepare(`UPDATE messages SET subject = COALESCE(subject, ?), author_name = COALESCE(author_name, ?),
      author = COALESCE(author, ?), date = COALESCE(date, ?), in_reply_to = COALESCE(in_reply_to, ?)
      WHERE message_id = ? AND is_stub = 1`),
    deleteReferences: db.prepare("DELETE FROM message_references WHERE message_id = ? AND kind <> 'overview'"),
    insertReference: db.prepare(
      'INSERT OR REPLACE INTO message_references(message_id, ordinal, ref_message_id, kind) VALUES (?, ?, ?, ?)',
    ),
    deleteAttachments: db.prepare('DELETE FROM attachments WHERE message_id = ?'),
    insertAttachment: db.prepare(
      'INSERT INTO attachments(message_id, ordinal, filename, content_type, size) VALUES (?, ?, ?, ?, ?)',
    ),
    deletePatches: db.prepare('DELETE FROM patches WHERE message_id = ?'),
    insertPatch: db.prepare(`INSERT INTO patches(message_id, ordinal, origin, attachment_name, subject, author_name,
      author_email, patch_id, series_version, part, part_total, tags, files_changed, insertions, deletions, repaired,
      problems, quoted_depth, raw) VALUES (@messageId, @ordinal, @origin, @attachmentName, @subject, @authorName,
      @authorEmail, @patchId, @version, @part, @partTotal, @tags, @filesChanged, @insertions, @deletions, @repaired,
      @problems, @quotedDepth, @raw)`),
    insertFile: db.prepare(`INSERT INTO patch_files(patch, ordinal, old_path, new_path, path, status, additions,
      deletions, old_blob, new_blob, binary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertHunk: db.prepare(`INSERT INTO hunks(patch_file, ordinal, old_start, old_lines, new_start, new_lines, header,
      additions, deletions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertSymbol: db.prepare(
      'INSERT OR IGNORE INTO hunk_symbols(hunk, symbol, kind, change, how, confidence) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertRename: db.prepare(
      'INSERT OR IGNORE INTO symbol_renames(patch, path, old_name, new_name, similarity) VALUES (?, ?, ?, ?, ?)',
    ),
    deleteTrailers: db.prepare('DELETE FROM trailers WHERE message_id = ?'),
    insertTrailer: db.prepare(`INSERT INTO trailers(message_id, patch, name, value, person_name, person_email, in_reply)
      VALUES (?, ?, ?, ?, ?, ?, 0)`),
    deletePull: db.prepare('DELETE FROM pull_requests WHERE message_id = ?'),
    insertPull: db.prepare(
      'INSERT OR IGNORE INTO pull_requests(message_id, repository, branch, base_commit, head_commit) VALUES (?, ?, ?, ?, ?)',
    ),
    deleteMentions: db.prepare('DELETE FROM mentions WHERE message_id = ?'),
    insertMention: db.prepare(`INSERT INTO mentions(message_id, symbol, kind, place, count) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(message_id, symbol, place) DO UPDATE SET count = count + excluded.count`),
    deleteQuotes: db.prepare('DELETE FROM quotes WHERE message_id = ?'),
    insertReviewTrailer: db.prepare(`INSERT INTO review_trailers(message_id, ordinal, name, value, person_name, person_email)
      VALUES (?, ?, ?, ?, ?, ?)`),
    deleteReviewTrailers: db.prepare('DELETE FROM review_trailers WHERE message_id = ?'),
    markQuotesPending: db.prepare('INSERT OR IGNORE INTO quote_pending(message_id) VALUES (?)'),
    unmarkQuotesPending: db.prepare('DELETE FROM quote_pending WHERE message_id = ?'),
    insertQuote: db.prepare(`INSERT INTO quotes(message_id, ordinal, depth, quoted_author_name, quoted_message_id,
      attribution, quoted_text, reply_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    deleteFts: db.prepare('DELETE FROM messages_fts WHERE rowid = ?'),
    insertFts: db.prepare('INSERT INTO messages_fts(rowid, subject, prose, author) VALUES (?, ?, ?, ?)'),
    insertError: db.prepare(`INSERT INTO ingest_errors(source, locator, message_id, stage, error, at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT(source, locator, stage, error) DO UPDATE SET at = excluded.at`),
    deleteMessageRows: db.prepare('DELETE FROM messages WHERE message_id = ?'),
    unplaceThread: db.prepare('UPDATE messages SET thread = NULL WHERE thread = (SELECT thread FROM messages WHERE message_id = ?)'),
  };

  /** `fresh`: the message had no row before, so it has no content rows to clear either. */
  function writeContent(id: number, record: MessageRecord, fresh: boolean): void {
    const { mail } = record;
    const messageId = mail.messageId;
    if (!fresh) clearContent(id, messageId);
    mail.references.forEach((ref, i) => sql.insertReference.run(messageId, i, ref, 'references'));
    if (mail.inReplyTo) sql.insertReference.run(messageId, 0, mail.inReplyTo, 'in-reply-to');

    mail.attachments.forEach((a, i) => sql.insertAttachment.run(messageId, i + 1, a.filename, a.contentType, a.size));

    const patchRows = new Map<number, number>();
    record.patches.forEach((patch, index) => {
      const tags = record.patchTags[index] ?? null;
      const added = patch.files.reduce((n, f) => n + f.additions, 0);
      const removed = patch.files.reduce((n, f) => n + f.deletions, 0);
      const patchRow = Number(
        sql.insertPatch.run({
          messageId,
          ordinal: patch.ordinal,
          origin: patch.origin,
          attachmentName: patch.attachmentName,
          subject: patch.subject ?? mail.subject,
          authorName: patch.authorName ?? mail.from?.name ?? null,
          authorEmail: patch.authorEmail ?? mail.from?.email ?? null,
          patchId: patch.patchId,
          version: tags?.version ?? null,
          part: tags?.part ?? null,
          partTotal: tags?.partTotal ?? null,
          tags: tags ? JSON.stringify(tags.tags) : null,
          filesChanged: patch.files.length,
          insertions: added,
          deletions: removed,
          repaired: patch.repaired ? 1 : 0,
          problems: patch.problems.length ? JSON.stringify(patch.problems) : null,
          quotedDepth: patch.quotedDepth,
          raw: patch.raw,
        }).lastInsertRowid,
      );
      patchRows.set(patch.ordinal, patchRow);
      patch.files.forEach((file, fi) => {
        const fileRow = Number(
          sql.insertFile.run(patchRow, fi + 1, file.oldPath, file.newPath, file.newPath ?? file.oldPath ?? '?', file.status,
            file.additions, file.deletions, file.oldBlob, file.newBlob, file.binary ? 1 : 0).lastInsertRowid,
        );
        file.hunks.forEach((hunk, hi) => {
          const hunkRow = Number(
            sql.insertHunk.run(fileRow, hi + 1, hunk.oldStart, hunk.oldLines, hunk.newStart, hunk.newLines, hunk.header,
              hunk.additions, hunk.deletions).lastInsertRowid,
          );
          for (const s of hunk.symbols) sql.insertSymbol.run(hunkRow, s.name, s.kind, s.change, s.how, s.confidence);
        });
      });
      for (const t of patch.trailers) sql.insertTrailer.run(messageId, patchRow, t.name, t.value, t.personName, t.personEmail);
    });
    for (const r of record.renames) {
      const patchRow = patchRows.get(r.patchOrdinal);
      if (patchRow !== undefined) sql.insertRename.run(patchRow, r.path, r.oldName, r.newName, r.similarity);
    }
    if (record.pullRequest) {
      const p = record.pullRequest;
      sql.insertPull.run(messageId, p.repository, p.branch, p.baseCommit, p.headCommit);
    }
    for (const m of record.mentions) sql.insertMention.run(messageId, m.symbol, m.kind, m.place, m.count);
    record.seriesFacts.reviewTrailers.forEach((t, i) =>
      sql.insertReviewTrailer.run(messageId, i + 1, t.name, t.value, t.personName, t.personEmail));
    if (record.segments.some((s) => s.depth > 0 && s.kind !== 'attribution')) sql.markQuotesPending.run(messageId);
    record.quotes.forEach((q, i) =>
      sql.insertQuote.run(messageId, i + 1, q.depth, q.quotedAuthorName, q.quotedMessageId, q.attribution, q.quotedText, q.replyText),
    );
    sql.insertFts.run(id, mail.subject ?? '', record.prose, mail.from?.name ?? mail.from?.email ?? '');
  }

  function clearContent(id: number, messageId: string): void {
    sql.deleteFts.run(id);
    for (const statement of [sql.deletePatches, sql.deleteTrailers, sql.deleteMentions, sql.deleteQuotes, sql.unmarkQuotesPending, sql.deleteReviewTrailers,
      sql.deleteAttachments, sql.deleteReferences, sql.deletePull]) statement.run(messageId);
  }

  return {
    /** The source row for a path, created on first sight. */
    source(path: string, format: string): { id: number; fingerprint: string | null; lastCommit: string | null } {
      const row = sql.sourceByPath.get(path) as { id: number; fingerprint: string | null; last_commit: string | null } | undefined;
      if (row) return { id: row.id, fingerprint: row.fingerprint, lastCommit: row.last_commit };
      const id = Number(sql.insertSource.run(path, format, now()).lastInsertRowid);
      return { id, fingerprint: null, lastCommit: null };
    },

    finishSource(id: number, format: string, fingerprint: string | null, lastCommit: string | null): void {
      sql.updateSource.run(format, fingerprint, lastCommit, now(), id);
    },

    /** True when this exact copy (source + position) was stored by an earlier run. */
    knownCopy(sourceId: number, locator: string): boolean {
      return sql.copyKnown.get(sourceId, locator) !== undefined;
    },

    storeMessage(sourceId: number, record: MessageRecord): StoreOutcome {
      const { mail } = record;
      const existing = sql.messageState.get(mail.messageId) as { id: number; is_stub: number; content_hash: string | null } | undefined;
      if (existing && !existing.is_stub) {
        const added = sql.insertCopy.run(mail.messageId, sourceId, record.origin.locator, 0).changes > 0;
        return added ? 'duplicate' : 'unchanged';
      }
      const author = personId(mail.from?.name ?? null, mail.from?.email ?? null);
      const params = {
        messageId: mail.messageId,
        synthetic: mail.syntheticId || mail.messageId.endsWith('.invalid') ? 1 : 0,
        subject: mail.subject,
        author,
        authorName: mail.from?.name ?? null,
        authorEmail: mail.from?.email ?? null,
        date: mail.date,
        dateRaw: mail.dateRaw,
        inReplyTo: mail.inReplyTo,
        listId: mail.listId,
        contentHash: record.contentHash,
        notes: mail.notes.length ? JSON.stringify(mail.notes) : null,
        changeIds: record.seriesFacts.changeIds.length ? JSON.stringify(record.seriesFacts.changeIds) : null,
        versionLinks: record.seriesFacts.versionLinks.length ? JSON.stringify(record.seriesFacts.versionLinks) : null,
      };
      let id: number;
      if (existing) {
        sql.fillStub.run(params);
        sql.clearPrimary.run(mail.messageId);
        id = existing.id;
      } else {
        id = Number(sql.insertMessage.run(params).lastInsertRowid);
      }
      sql.putBody.run(id, mail.text, packSegments(record.segments)); // the segments go with the body they cut
      sql.insertCopy.run(mail.messageId, sourceId, record.origin.locator, 1);
      writeContent(id, record, !existing);
      return existing ? 'filled-stub' : 'new';
    },

    /** A message known from an overview: stored as a stub unless the message is known. */
    storeStub(sourceId: number, { stub, origin }: StubRecord): 'new' | 'known' {
      const existing = sql.messageState.get(stub.messageId) as { is_stub: number } | undefined;
      const author = personId(stub.authorName, null);
      if (stub.parentMessageId) sql.insertReference.run(stub.messageId, 0, stub.parentMessageId, 'overview');
      if (existing) {
        sql.completeStub.run(stub.subject, stub.authorName, author, stub.date, stub.parentMessageId, stub.messageId);
        return 'known';
      }
      const id = Number(
        sql.insertStub.run(stub.messageId, 'overview', stub.synthetic ? 1 : 0, stub.subject, author, stub.authorName, stub.date,
          stub.parentMessageId).lastInsertRowid,
      );
      sql.insertCopy.run(stub.messageId, sourceId, origin.locator, 0);
      sql.insertFts.run(id, stub.subject ?? '', '', stub.authorName ?? '');
      return 'new';
    },

    /** A public-inbox 'd' blob: the message is gone from the archive. */
    deleteMessage(messageId: string): boolean {
      const row = sql.messageState.get(messageId) as { id: number } | undefined;
      if (!row) return false;
      clearContent(row.id, messageId);
      sql.deleteBody.run(row.id);
      sql.unplaceThread.run(messageId); // its thread is threaded again without it
      sql.deleteMessageRows.run(messageId);
      return true;
    },

    recordError(row: IngestErrorRow): void {
      sql.insertError.run(row.source, row.locator, row.messageId, row.stage, row.error, now());
    },
  };
}
