-- versions: Every version of the series a message belongs to, oldest first, with how each is linked to the one before.
-- A series' versions are postings tied by the same Change-Id, a link from one to the other
-- ("Link to v1: …"), the same author and title, or a rename (the same author's next version
-- soon after, under a title keeping most of its words); 'lineage' means only a neighbour ties it in.
-- params:
--   message_id  (required) any message of one version (a patch, a cover letter, or a reply below them)
-- columns: position, series, version, title, author, tags, parts, part_total, missing, first_date, last_date, cover_message_id, first_message_id, linked_by
WITH RECURSIVE up(message_id, parent, steps) AS (
  SELECT message_id, parent_message_id, 0 FROM messages WHERE message_id = :message_id
  UNION ALL
  SELECT m.message_id, m.parent_message_id, up.steps + 1 FROM messages m JOIN up ON m.message_id = up.parent
  WHERE up.steps < 200
),
found AS (
  SELECT s.lineage FROM up JOIN series_messages sm ON sm.message_id = up.message_id JOIN series s ON s.id = sm.series
  ORDER BY up.steps LIMIT 1
)
SELECT
  s.lineage_position                     AS position,
  s.id                                   AS series,
  s.version                              AS version,
  s.title                                AS title,
  COALESCE(s.author_name, s.author_email) AS author,
  s.tags                                 AS tags,
  s.parts_present                        AS parts,
  s.part_total                           AS part_total,
  s.missing_parts                        AS missing,
  s.first_date                           AS first_date,
  s.last_date                            AS last_date,
  s.cover_message_id                     AS cover_message_id,
  (SELECT sm.message_id FROM series_messages sm JOIN messages m ON m.message_id = sm.message_id
    WHERE sm.series = s.id ORDER BY sm.part, m.date LIMIT 1) AS first_message_id,
  v.how                                  AS linked_by
FROM series s
LEFT JOIN series_versions v ON v.series = s.id
WHERE s.lineage = (SELECT lineage FROM found)
ORDER BY s.lineage_position;
