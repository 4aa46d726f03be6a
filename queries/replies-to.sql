-- replies-to: Who answered which paragraphs of a message: every quote of it in later replies, with the answer beneath.
-- One row per quote block that comes from the message (found by thread ancestry or an attribution line).
-- params:
--   message_id   (required) the quoted message's Message-ID, without angle brackets
-- columns: reply, author, date, depth, quoted, reply_text
-- Depth 1 is a direct answer; deeper rows are the message quoted again further down the thread.
-- Run it yourself:
--   sqlite3 lorelab.db -cmd ".param set :message_id 20181212150319.GA3432@redhat.com" < queries/replies-to.sql
SELECT
  q.message_id                   AS reply,
  COALESCE(m.author_name, m.author_email) AS author,
  m.date                         AS date,
  q.depth                        AS depth,
  q.quoted_text                  AS quoted,
  q.reply_text                   AS reply_text
FROM quotes q
JOIN messages m ON m.message_id = q.message_id
WHERE q.quoted_message_id = :message_id
ORDER BY m.date, q.message_id, q.ordinal;
