-- thread: The whole thread a message belongs to, in tree order, stubs included.
-- params:
--   message_id  (required) any message of the thread, without angle brackets
-- columns: depth, message_id, date, author, subject, stub, patches, parent_message_id
SELECT
  m.depth                                   AS depth,
  m.message_id                              AS message_id,
  m.date                                    AS date,
  COALESCE(m.author_name, m.author_email)   AS author,
  m.subject                                 AS subject,
  m.is_stub                                 AS stub,
  (SELECT count(*) FROM patches p WHERE p.message_id = m.message_id AND p.origin <> 'quoted') AS patches,
  m.parent_message_id                       AS parent_message_id
FROM messages m
WHERE m.thread = (SELECT thread FROM messages WHERE message_id = :message_id)
ORDER BY m.thread_position;
