-- mentions: Messages that name a symbol in their subject or prose without patching it.
-- params:
--   fn  (required) the symbol as people write it, e.g. do_no_page, nopage, page_table_lock; % wildcards allowed
-- columns: message_id, date, author, subject, symbol, kind, place, count
SELECT
  m.message_id                            AS message_id,
  m.date                                  AS date,
  COALESCE(m.author_name, m.author_email) AS author,
  m.subject                               AS subject,
  x.symbol                                AS symbol,
  x.kind                                  AS kind,
  x.place                                 AS place,
  x.count                                 AS count
FROM mentions x
JOIN messages m ON m.message_id = x.message_id
WHERE x.symbol LIKE :fn ESCAPE '\'
  AND NOT EXISTS (
    SELECT 1 FROM patches p
    JOIN patch_files f ON f.patch = p.id
    JOIN hunks h ON h.patch_file = f.id
    JOIN hunk_symbols s ON s.hunk = h.id
    WHERE p.message_id = x.message_id AND p.origin <> 'quoted' AND s.symbol = x.symbol)
ORDER BY m.date, m.message_id, x.place;
