-- functions-touched: What the patches of one message touch: each file, symbol and hunk, and how lorelab knows.
-- params:
--   message_id  (required) the Message-ID, without angle brackets
-- columns: patch, origin, file, hunk, old_start, new_start, header, function, kind, change, how, confidence
SELECT
  p.ordinal    AS patch,
  p.origin     AS origin,
  f.path       AS file,
  h.ordinal    AS hunk,
  h.old_start  AS old_start,
  h.new_start  AS new_start,
  h.header     AS header,
  s.symbol     AS function,
  s.kind       AS kind,
  s.change     AS change,
  s.how        AS how,
  s.confidence AS confidence
FROM patches p
JOIN patch_files f ON f.patch = p.id
JOIN hunks h       ON h.patch_file = f.id
LEFT JOIN hunk_symbols s ON s.hunk = h.id
WHERE p.message_id = :message_id
ORDER BY p.ordinal, f.ordinal, h.ordinal, s.symbol;
