-- test/soak/invariants.sql: what must hold after any crash, any mix of
-- concurrent changes, any restore.  One row per invariant: its name and
-- the number of rows breaking it (all zero when the database is sound).
--
--   stale_readiness	a stored readiness that differs from a fresh
--						evaluation as of the day it was stored
--   stale_gaps			stored gaps that differ from the failing rules of a
--						fresh evaluation (as sets)
--   history_gap		a history row whose from_level is not the previous
--						row's to_level (the first row of a case: NULL)
--   history_last		a case whose stored readiness is not the to_level of
--						its last history row (or that has no history)
--   history_duplicate	a history row repeating its predecessor's level
--   release_no_outcome	a released case without exactly one release outcome
--   outcome_not_released	an outcome whose case is missing, not released,
--						or released on another day
SELECT 'stale_readiness' AS invariant, count(*) AS broken
FROM resettle.custody AS c
WHERE c.readiness_as_of IS NOT NULL
  AND c.readiness IS DISTINCT FROM resettle.readiness(c.id, c.readiness_as_of)
UNION ALL
SELECT 'stale_gaps', count(*)
FROM resettle.custody AS c
WHERE c.readiness_as_of IS NOT NULL
  AND ARRAY(SELECT unnest(coalesce(c.readiness_gaps, '{}')) ORDER BY 1)
      IS DISTINCT FROM ARRAY(SELECT k.rule FROM resettle.check(c.id, c.readiness_as_of) AS k ORDER BY 1)
UNION ALL
SELECT 'history_gap', count(*)
FROM (SELECT h.from_level, lag(h.to_level) OVER w AS prev
      FROM resettle.readiness_history AS h
      WINDOW w AS (PARTITION BY h.custody_id ORDER BY h.id)) AS s
WHERE s.from_level IS DISTINCT FROM s.prev
UNION ALL
SELECT 'history_last', count(*)
FROM resettle.custody AS c
WHERE c.readiness IS DISTINCT FROM
      (SELECT h.to_level FROM resettle.readiness_history AS h
       WHERE h.custody_id = c.id ORDER BY h.id DESC LIMIT 1)
UNION ALL
SELECT 'history_duplicate', count(*)
FROM (SELECT h.to_level, lag(h.to_level) OVER w AS prev
      FROM resettle.readiness_history AS h
      WINDOW w AS (PARTITION BY h.custody_id ORDER BY h.id)) AS s
WHERE s.to_level = s.prev
UNION ALL
SELECT 'release_no_outcome', count(*)
FROM resettle.custody AS c
WHERE c.released_on IS NOT NULL
  AND (SELECT count(*) FROM resettle.release_outcome AS o WHERE o.custody_id = c.id) <> 1
UNION ALL
SELECT 'outcome_not_released', count(*)
FROM resettle.release_outcome AS o
LEFT JOIN resettle.custody AS c ON c.id = o.custody_id
WHERE c.released_on IS DISTINCT FROM o.released_on
ORDER BY 1;
