-- reviews: Who acked, reviewed or tested the patches touching a function (or struct, macro, …) or a file, and where they said so.
-- One row per trailer and patch: given in the patch itself (carried from earlier versions) or in a reply to it.
-- params:
--   fn    (optional) the symbol, e.g. fscrypt_get_encryption_info; % wildcards allowed
--   file  (optional) a path, e.g. fs/crypto/keyring.c, or a directory: fs/crypto/ ; % wildcards allowed
-- columns: reviewer, email, trailer, patch_message_id, subject, patch_date, given_in, given_date, in_reply, files, symbols
-- Give fn or file (or both). Run it yourself:
--   sqlite3 lorelab.db -cmd ".param set :fn do_no_page" -cmd ".param set :file NULL" < queries/reviews.sql
WITH touching AS (
  SELECT p.id AS patch,
         group_concat(DISTINCT f.path) AS files,
         group_concat(DISTINCT s.symbol) AS symbols
  FROM patches p
  JOIN patch_files f     ON f.patch = p.id
  LEFT JOIN hunks h      ON h.patch_file = f.id
  LEFT JOIN hunk_symbols s ON s.hunk = h.id
  WHERE p.origin <> 'quoted'
    AND (:fn IS NOT NULL OR :file IS NOT NULL)
    AND (:file IS NULL OR f.path LIKE :file ESCAPE '\')
    AND (:fn IS NULL OR s.symbol LIKE :fn ESCAPE '\')
  GROUP BY p.id
)
SELECT
  COALESCE(t.person_name, t.value)      AS reviewer,
  t.person_email                        AS email,
  t.name                                AS trailer,
  p.message_id                          AS patch_message_id,
  COALESCE(p.subject, pm.subject)       AS subject,
  pm.date                               AS patch_date,
  t.message_id                          AS given_in,
  gm.date                               AS given_date,
  t.in_reply                            AS in_reply,
  k.files                               AS files,
  k.symbols                             AS symbols
FROM touching k
JOIN patches p        ON p.id = k.patch
JOIN messages pm      ON pm.message_id = p.message_id
JOIN trailers t       ON t.patch = p.id
LEFT JOIN messages gm ON gm.message_id = t.message_id
WHERE t.name IN ('Reviewed-by', 'Acked-by', 'Tested-by', 'Reviewed-and-tested-by')
ORDER BY pm.date, p.message_id, t.in_reply, gm.date, t.name;
