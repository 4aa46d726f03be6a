-- races: Which race scenarios model a function, and the patches linked to them with their latest verdicts.
-- A scenario matches when it models the function or a patch linked to it touches the function.
-- params:
--   fn        (optional) the kernel function, e.g. do_no_page; % wildcards allowed
--   scenario  (optional) a scenario id, e.g. truncate-nopage
-- columns: scenario, title, models_fn, message_id, patch, subject, how, score, verdicts
-- With neither parameter every scenario is listed. Run it yourself:
--   sqlite3 lorelab.db -cmd ".param set :fn do_no_page" -cmd ".param set :scenario NULL" < queries/races.sql
-- DuckDB version of queries/races.sql: DuckDB's json_each gives each value as JSON (quoted); ->> '$' gives its text, as SQLite's does.
SELECT
  s.id                                           AS scenario,
  s.title                                        AS title,
  (SELECT group_concat(f.value ->> '$', ', ') FROM json_each(s.functions) f WHERE :fn IS NULL OR (f.value ->> '$') LIKE :fn ESCAPE '\') AS models_fn,
  p.message_id                                   AS message_id,
  p.ordinal                                      AS patch,
  p.subject                                      AS subject,
  ps.how                                         AS how,
  ps.score                                       AS score,
  (SELECT group_concat(r.variant || '=' || r.verdict, ' ')
     FROM scenario_runs r
    WHERE r.scenario = s.id
      AND r.id IN (SELECT max(r2.id) FROM scenario_runs r2 WHERE r2.scenario = s.id GROUP BY r2.variant)) AS verdicts
FROM scenarios s
LEFT JOIN patch_scenarios ps ON ps.scenario = s.id AND ps.how IN ('declared', 'same-series')
LEFT JOIN patches p          ON p.id = ps.patch
WHERE (:scenario IS NULL OR s.id = :scenario)
  AND (:fn IS NULL
       OR EXISTS (SELECT 1 FROM json_each(s.functions) f WHERE (f.value ->> '$') LIKE :fn ESCAPE '\')
       OR EXISTS (SELECT 1 FROM patch_scenarios ps2
                    JOIN patch_files pf ON pf.patch = ps2.patch
                    JOIN hunks h        ON h.patch_file = pf.id
                    JOIN hunk_symbols hs ON hs.hunk = h.id
                   WHERE ps2.scenario = s.id AND ps2.how IN ('declared', 'same-series') AND hs.symbol LIKE :fn ESCAPE '\'))
ORDER BY s.id, CASE ps.how WHEN 'declared' THEN 0 ELSE 1 END, p.message_id, p.ordinal;
