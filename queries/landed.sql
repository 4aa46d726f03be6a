-- landed: Mailed patches with the upstream commit each landed as, or NULL where none was found.
-- Filled by `lorelab landed --source REPO` (or `history`/`show` with --source): how is
-- 'patch-id' (git patch-id --stable matches), 'later-version' (a later version of the patch
-- landed) or 'subject' (same subject line and author only: weaker). Quoted copies are left out.
-- params:
--   message_id  (optional) only the patches of this message
--   how         (optional) only patches landed this way; 'none' for those not found
-- columns: message_id, ordinal, subject, author, date, commit_id, first_tag, how, commit_subject, repo
SELECT
  p.message_id                            AS message_id,
  p.ordinal                               AS ordinal,
  p.subject                               AS subject,
  COALESCE(p.author_name, p.author_email) AS author,
  m.date                                  AS date,
  l.commit_id                             AS commit_id,
  l.first_tag                             AS first_tag,
  l.how                                   AS how,
  l.subject                               AS commit_subject,
  l.repo                                  AS repo
FROM patches p
JOIN messages m ON m.message_id = p.message_id
LEFT JOIN patch_landed l ON l.patch = p.id
WHERE p.origin != 'quoted'
  AND (:message_id IS NULL OR p.message_id = :message_id)
  AND (:how IS NULL OR l.how = :how OR (:how = 'none' AND l.patch IS NULL))
ORDER BY m.date, p.message_id, p.ordinal;
