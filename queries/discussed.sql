-- discussed: Which messages talk about a function (or macro, struct, ->operation) in their own new words.
-- One row per message and place; quoted prose is left out, and so is what patches touch (see patches-touching).
-- params:
--   fn   (required) the symbol, e.g. do_no_page or nopage; % wildcards allowed
-- columns: message_id, subject, author, date, symbol, kind, place, count
-- place is 'prose' (the sender's new text) or 'subject'.
-- Run it yourself:
--   sqlite3 lorelab.db -cmd ".param set :fn nopage" < queries/discussed.sql
SELECT
  n.message_id                   AS message_id,
  m.subject                      AS subject,
  COALESCE(m.author_name, m.author_email) AS author,
  m.date                         AS date,
  n.symbol                       AS symbol,
  n.kind                         AS kind,
  n.place                        AS place,
  n.count                        AS count
FROM mentions n
JOIN messages m ON m.message_id = n.message_id
WHERE n.symbol LIKE :fn ESCAPE '\'
  AND n.place IN ('prose', 'subject')
ORDER BY m.date, n.message_id, n.place;
