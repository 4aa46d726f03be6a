-- series: The series a message belongs to (a patch, its cover letter, or any reply below them): every part, and what is missing.
-- One row per part 0..m: the cover letter, each patch present, and 'missing' rows for parts nobody sent.
-- params:
--   message_id  (required) any message of the series or of a reply to it, without angle brackets
-- columns: series, version, title, author, part, part_total, status, message_id, subject, date, reviews
-- DuckDB version of queries/series.sql: SQLite's two-argument min() is least() in DuckDB.
WITH RECURSIVE up(message_id, parent, steps) AS (
  SELECT message_id, parent_message_id, 0 FROM messages WHERE message_id = :message_id
  UNION ALL
  SELECT m.message_id, m.parent_message_id, up.steps + 1 FROM messages m JOIN up ON m.message_id = up.parent
  WHERE up.steps < 200
),
found AS (
  SELECT sm.series FROM up JOIN series_messages sm ON sm.message_id = up.message_id ORDER BY up.steps LIMIT 1
),
numbers(n) AS (
  SELECT 1 UNION ALL SELECT n + 1 FROM numbers WHERE n < (SELECT least(part_total, 10000) FROM series WHERE id = (SELECT series FROM found))
),
rows AS (
  SELECT sm.series, sm.part, sm.role AS status, sm.message_id FROM series_messages sm WHERE sm.series = (SELECT series FROM found)
  UNION ALL
  SELECT (SELECT series FROM found), n, 'missing', NULL FROM numbers
  WHERE NOT EXISTS (SELECT 1 FROM series_messages sm WHERE sm.series = (SELECT series FROM found) AND sm.part = n)
)
SELECT
  s.id                                   AS series,
  s.version                              AS version,
  s.title                                AS title,
  COALESCE(s.author_name, s.author_email) AS author,
  r.part                                 AS part,
  s.part_total                           AS part_total,
  r.status                               AS status,
  r.message_id                           AS message_id,
  m.subject                              AS subject,
  m.date                                 AS date,
  (SELECT group_concat(DISTINCT t.name || ': ' || COALESCE(t.person_name, t.value))
     FROM trailers t JOIN patches p ON p.id = t.patch
    WHERE p.message_id = r.message_id AND t.name IN ('Reviewed-by', 'Acked-by', 'Tested-by', 'Reviewed-and-tested-by')) AS reviews
FROM rows r
JOIN series s ON s.id = r.series
LEFT JOIN messages m ON m.message_id = r.message_id
ORDER BY r.part, m.date;
