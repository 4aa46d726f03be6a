-- patches-touching: Which patches touch a function (or struct, macro, variable) or a file, and who reviewed them.
-- One row per patch, file and symbol; quoted diffs in replies are evidence, not patches, and are left out.
-- params:
--   fn       (optional) the symbol, e.g. do_no_page; % wildcards allowed
--   file     (optional) a path, e.g. mm/memory.c or mm/% ; % wildcards allowed
--   kind     (optional) function | struct | union | enum | macro | variable | typedef
-- columns: message_id, subject, author, date, file, function, kind, how, hunks, patch, origin, reviewed_by
-- Give fn or file (or both). Run it yourself:
--   sqlite3 lorelab.db -cmd ".param set :fn do_no_page" -cmd ".param set :file NULL" -cmd ".param set :kind NULL" < queries/patches-touching.sql
-- DuckDB version of queries/patches-touching.sql: DuckDB wants every selected column grouped (SQLite takes them from the group's row; each is one value per patch and file).
SELECT
  p.message_id                         AS message_id,
  COALESCE(p.subject, m.subject)       AS subject,
  COALESCE(p.author_name, m.author_name, p.author_email) AS author,
  m.date                               AS date,
  f.path                               AS file,
  s.symbol                             AS function,
  s.kind                               AS kind,
  group_concat(DISTINCT s.how)         AS how,
  count(DISTINCT h.id)                 AS hunks,
  p.ordinal                            AS patch,
  p.origin                             AS origin,
  (SELECT group_concat(DISTINCT t.name || ': ' || COALESCE(t.person_name, t.value))
     FROM trailers t
    WHERE t.patch = p.id AND t.name IN ('Reviewed-by', 'Acked-by', 'Tested-by', 'Needs-review-by')) AS reviewed_by
FROM patches p
JOIN messages m      ON m.message_id = p.message_id
JOIN patch_files f   ON f.patch = p.id
JOIN hunks h         ON h.patch_file = f.id
JOIN hunk_symbols s  ON s.hunk = h.id
WHERE p.origin <> 'quoted'
  AND (:fn IS NOT NULL OR :file IS NOT NULL)
  AND (:fn IS NULL OR s.symbol LIKE :fn ESCAPE '\')
  AND (:file IS NULL OR f.path LIKE :file ESCAPE '\')
  AND (:kind IS NULL OR s.kind = :kind)
GROUP BY p.id, f.id, s.symbol, s.kind, p.message_id, p.subject, m.subject, p.author_name, m.author_name, p.author_email, m.date, f.path, p.ordinal, p.origin, f.ordinal
ORDER BY m.date, p.message_id, p.ordinal, f.ordinal, min(h.ordinal);
