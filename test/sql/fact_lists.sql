--
-- The handover input is filled one way (extension/handover_input_list.h,
-- handover_input_fill) for its three callers: custody_derive (the stored
-- columns), resettle.handover() (its arguments, by name) and
-- resettle.evaluate() (resettle.case_facts).  Cases that set every input,
-- the MAPPA level (smallint in the tables, integer argument) among them,
-- must give the same handover through all three.
--
\set VERBOSITY default
SET datestyle = 'ISO, YMD';
SET resettle.today = '2026-01-01';
BEGIN;

-- one person a case (one open episode each); the twelfth is under 18
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
SELECT 'L' || lpad(i::text, 4, '0') || 'AA', 'List', 'Person ' || i,
       CASE WHEN i = 12 THEN '2009-06-01' ELSE '1980-01-01' END::date, 'male'
FROM generate_series(1, 15) AS i;

INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start,
	crd, ard, ped, hdced, ted, thd, indeterminate, recall, immigration, early_allocation,
	open_conditions, open_since, mappa_level, additional_isp, parole_outcome_not_release,
	remand, civil)
VALUES
	(7701, 'L0001AA', 'LEI', '2025-01-01', '2025-01-01', '2028-01-01', NULL, '2027-01-01', NULL, NULL, NULL,
	 false, false, false, false, false, NULL, 2, false, false, false, false),
	(7702, 'L0002AA', 'LEI', '2025-01-01', '2025-01-01', '2028-01-01', NULL, '2027-01-01', NULL, NULL, NULL,
	 false, false, false, false, false, NULL, NULL, false, false, false, false),
	(7703, 'L0003AA', 'LEI', '2025-01-01', '2025-01-01', '2027-06-01', NULL, NULL, NULL, NULL, NULL,
	 false, false, false, false, false, NULL, 3, false, false, false, false),
	(7704, 'L0004AA', 'LEI', '2025-01-01', '2025-01-01', '2027-06-01', NULL, NULL, NULL, NULL, NULL,
	 false, false, false, false, false, NULL, 0, false, false, false, false),
	(7705, 'L0005AA', 'LEI', '2025-01-01', '2025-01-01', NULL, '2026-10-01', NULL, '2026-07-01', NULL, NULL,
	 false, false, false, false, false, NULL, 1, false, false, false, false),
	(7706, 'L0006AA', 'LEI', '2025-01-01', '2020-01-01', NULL, NULL, NULL, NULL, '2027-01-01', NULL,
	 true, false, false, false, true, '2025-06-01', NULL, false, false, false, false),
	(7707, 'L0007AA', 'LEI', '2025-01-01', '2025-01-01', NULL, NULL, NULL, NULL, NULL, '2028-06-01',
	 true, true, false, false, false, NULL, 1, false, false, false, false),
	(7708, 'L0008AA', 'LEI', '2025-01-01', '2025-01-01', '2027-01-01', NULL, '2026-06-01', NULL, NULL, NULL,
	 false, false, false, false, false, NULL, NULL, true, true, false, false),
	(7709, 'L0009AA', 'LEI', '2025-01-01', '2025-01-01', '2030-01-01', NULL, NULL, NULL, NULL, NULL,
	 false, false, true, true, false, NULL, NULL, false, false, false, false),
	(7710, 'L0010AA', 'LEI', '2025-01-01', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	 false, false, false, false, false, NULL, NULL, false, false, true, false),
	(7711, 'L0011AA', 'LEI', '2025-01-01', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	 false, false, false, false, false, NULL, NULL, false, false, false, true),
	(7712, 'L0012AA', 'LEI', '2025-01-01', '2025-01-01', '2027-06-01', NULL, NULL, NULL, NULL, NULL,
	 false, false, false, false, false, NULL, 2, false, false, false, false),
	(7713, 'L0013AA', 'LEI', '2025-01-01', '2025-01-01', NULL, NULL, NULL, NULL, NULL, '2028-06-01',
	 true, false, false, false, false, NULL, 3, false, true, false, false),
	(7714, 'L0014AA', 'LEI', '2025-01-01', '2025-01-01', NULL, NULL, NULL, NULL, NULL, '2028-06-01',
	 true, false, false, false, false, NULL, NULL, false, true, false, false),
	(7715, 'L0015AA', 'LEI', '2025-01-01', '2025-01-01', NULL, NULL, NULL, NULL, NULL, '2028-06-01',
	 true, true, false, false, false, NULL, 2, false, false, false, false);

-- custody_derive, as stored
SELECT id, mappa_level, responsibility, handover_start_date, handover_date, handover_reason
FROM resettle.custody WHERE id BETWEEN 7701 AND 7715 ORDER BY id;

-- resettle.handover(), its arguments passed by name from the same row
SELECT count(*) AS disagreements
FROM resettle.custody AS c, LATERAL resettle.handover(c, '2026-01-01') AS h
WHERE c.id BETWEEN 7701 AND 7715
  AND (c.responsibility, c.handover_start_date, c.handover_date, c.handover_reason)
      IS DISTINCT FROM (h.responsibility, h.start_date, h.handover_date, h.reason);

-- resettle.evaluate() over case_facts, on several days: out of scope
-- exactly when the handover has no responsibility; with no COM recorded,
-- one COM gap exactly when the COM supports or is responsible: overdue,
-- due two days after the handover date, once the COM has been responsible
-- that long, else unallocated, due on the handover start date (or now);
-- naming which (MAPPA decides it for 7707, 7713, 7714 and 7715)
SELECT d, count(*) AS cases, count(g.due_on) AS com_gaps,
       count(*) FILTER (WHERE g.rule = 'handover.com_overdue') AS overdue,
       count(*) FILTER (WHERE (e.level = 'out_of_scope') <> (h.responsibility IS NULL)
                           OR g.due_on IS DISTINCT FROM
                              CASE WHEN h.responsibility = 'community' AND d >= h.handover_date + 2
                                   THEN h.handover_date + 2
                                   WHEN h.responsibility IN ('custody_with_com', 'community')
                                   THEN COALESCE(h.start_date, d) END
                           OR COALESCE(g.message LIKE '%the COM is responsible%', false)
                              <> COALESCE(h.responsibility = 'community', false)) AS disagreements
FROM resettle.case_facts AS f
JOIN resettle.custody AS c ON c.id = f.custody_id,
unnest('{2025-06-01,2026-01-01,2026-09-01,2027-03-01,2029-01-01}'::date[]) AS d,
LATERAL resettle.handover(c, d) AS h,
LATERAL resettle.evaluate(f, d) AS e
LEFT JOIN LATERAL (SELECT g.rule, g.due_on, g.message FROM resettle.evaluate_gaps(f, d) AS g
                   WHERE g.rule LIKE 'handover.com\_%') AS g ON true
WHERE c.id BETWEEN 7701 AND 7715
GROUP BY d ORDER BY d;

ROLLBACK;
RESET resettle.today;
