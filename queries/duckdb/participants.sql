-- participants: Who took part in a thread: people with their message counts and first and last dates.
-- Stubs known from an overview count under the name they showed.
-- params:
--   thread   (required) a thread id (threads.id) or the Message-ID of any message in the thread
-- columns: person, email, messages, patches, first_date, last_date
-- Run it yourself:
--   sqlite3 lorelab.db -cmd ".param set :thread 20181212150319.GA3432@redhat.com" < queries/participants.sql
-- DuckDB version of queries/participants.sql: DuckDB will not COALESCE a number with text, and wants the person's columns aggregated (one value per group in SQLite too).
SELECT
  any_value(COALESCE(p.name, m.author_name, p.email)) AS person,
  any_value(p.email)             AS email,
  count(*)                       AS messages,
  sum((SELECT count(*) FROM patches pa WHERE pa.message_id = m.message_id AND pa.origin <> 'quoted')) AS patches,
  min(m.date)                    AS first_date,
  max(m.date)                    AS last_date
FROM messages m
LEFT JOIN people p ON p.id = m.author
WHERE m.thread = COALESCE((SELECT id FROM threads WHERE CAST(id AS TEXT) = CAST(:thread AS TEXT)),
                          (SELECT thread FROM messages WHERE message_id = :thread))
  AND (m.author IS NOT NULL OR m.author_name IS NOT NULL)
GROUP BY COALESCE(CAST(m.author AS TEXT), m.author_name)
ORDER BY messages DESC, first_date;
