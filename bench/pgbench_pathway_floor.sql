-- the floor under one staff update through the triggers (docs/benchmarks.md,
-- pgbench): the same update, the audit row it needs and one read and
-- evaluation of the case's facts, in one statement; run with the table's
-- triggers disabled, -M prepared and plan_cache_mode = force_generic_plan
\set k random(1, :ncases)
WITH u AS (
  UPDATE resettle.pathway_status
  SET status = CASE WHEN status = 'in_progress' THEN 'done'::resettle.pathway_state
                    ELSE 'in_progress'::resettle.pathway_state END,
      updated_on = CURRENT_DATE
  WHERE custody_id = (SELECT custody_id FROM bench.pw_case WHERE k = :k)
    AND pathway = 'accommodation'
  RETURNING *
), audited AS (
  INSERT INTO resettle.case_audit (table_name, operation, custody_id, changed_columns, old_values, new_values)
  SELECT 'pathway_status', 'UPDATE', u.custody_id, ARRAY['status'],
         to_jsonb(u) - ARRAY['custody_id', 'pathway', 'note', 'updated_on'],
         to_jsonb(u) - ARRAY['custody_id', 'pathway', 'note', 'updated_on']
  FROM u
)
SELECT count(e.level) FROM resettle.case_facts AS f
CROSS JOIN LATERAL resettle.evaluate(f, CURRENT_DATE) AS e
WHERE f.custody_id = (SELECT custody_id FROM u);
