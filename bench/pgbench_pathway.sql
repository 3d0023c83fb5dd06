-- one staff update: a pathway's status of a random case in custody
-- (bench.pw_case: the cases with a pathway row, numbered 1..:ncases)
\set k random(1, :ncases)
UPDATE resettle.pathway_status
SET status = CASE WHEN status = 'in_progress' THEN 'done'::resettle.pathway_state
                  ELSE 'in_progress'::resettle.pathway_state END,
    updated_on = CURRENT_DATE
WHERE custody_id = (SELECT custody_id FROM bench.pw_case WHERE k = :k)
  AND pathway = 'accommodation';
