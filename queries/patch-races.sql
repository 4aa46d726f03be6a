-- patch-races: Which scenario models each patch of a message (or with a patch-id): declared, same series, candidates that change code a race lives in, or none yet.
-- One row per patch and link; a patch nothing links to still gets a row that says so.
-- evidence: JSON array of {function, operation, side, line, step}: the lines the patch adds or
-- removes inside a function the scenario models that hold an operation its steps model there.
-- params:
--   message_id  (optional) the Message-ID, with or without <>
--   patch_id    (optional) a `git patch-id --stable`
-- columns: message_id, patch, patch_id, subject, scenario, how, score, overlap, evidence, answer
-- Give message_id or patch_id. Links are written by `lorelab start` and `lorelab replay`. Run it yourself:
--   sqlite3 lorelab.db -cmd ".param set :message_id 'CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com'" -cmd ".param set :patch_id NULL" < queries/patch-races.sql
SELECT
  p.message_id                                  AS message_id,
  p.ordinal                                     AS patch,
  p.patch_id                                    AS patch_id,
  COALESCE(p.subject, m.subject)                AS subject,
  ps.scenario                                   AS scenario,
  ps.how                                        AS how,
  ps.score                                      AS score,
  ps.overlap                                    AS overlap,
  ps.evidence                                   AS evidence,
  CASE
    WHEN ps.how = 'declared'    THEN 'modelled by ' || ps.scenario || ' (declared): lorelab replay --patch-id ' || p.patch_id
    WHEN ps.how = 'same-series' THEN 'same series as a patch ' || ps.scenario || ' models'
    WHEN ps.how = 'candidate'   THEN 'candidate: ' || ps.scenario || ' (score ' || printf('%.2f', ps.score) || '): changes code the race lives in, '
                                     || (SELECT count(DISTINCT json_extract(value, '$.side') || json_extract(value, '$.line')) FROM json_each(ps.evidence)) || ' changed line(s), see the evidence'
    WHEN NOT EXISTS (SELECT 1 FROM scenarios) THEN 'not linked yet: run `lorelab start` or `lorelab replay` to link patches to scenarios'
    ELSE 'no scenario models this yet: lorelab sim new --from-patch ''' || p.message_id || ''' --patch ' || p.ordinal
  END                                           AS answer
FROM patches p
LEFT JOIN messages m         ON m.message_id = p.message_id
LEFT JOIN patch_scenarios ps ON ps.patch = p.id
WHERE (:message_id IS NOT NULL OR :patch_id IS NOT NULL)
  AND (:message_id IS NULL OR p.message_id = trim(:message_id, '<>'))
  AND (:patch_id IS NULL OR p.patch_id = :patch_id)
ORDER BY p.message_id, p.ordinal,
  CASE ps.how WHEN 'declared' THEN 0 WHEN 'same-series' THEN 1 ELSE 2 END, ps.score DESC, ps.scenario;
