--
-- The OMiC handover calculation (reference/domain.md §2).
--
\set VERBOSITY default
SET datestyle = 'ISO, YMD';

-- §2.9, from MPC's handover_calculation_spec (SSD = 2024-01-01); as_of is
-- the sentence start, so every case is still in custody.
SELECT label, responsibility, start_date, handover_date, reason
FROM (SELECT 1 AS n, 'determinate, ERD 2024-10-31' AS label, h.* FROM resettle.handover('2024-01-01', crd => '2024-10-31', as_of => '2024-01-01') AS h
UNION ALL SELECT 2 AS n, 'determinate, ERD = SSD + 10 months' AS label, h.* FROM resettle.handover('2024-01-01', crd => '2024-11-01', as_of => '2024-01-01') AS h
UNION ALL SELECT 3 AS n, 'determinate, ERD 2024-11-02' AS label, h.* FROM resettle.handover('2024-01-01', crd => '2024-11-02', as_of => '2024-01-01') AS h
UNION ALL SELECT 4 AS n, 'determinate, ERD 2024-11-03' AS label, h.* FROM resettle.handover('2024-01-01', crd => '2024-11-03', as_of => '2024-01-01') AS h
UNION ALL SELECT 5 AS n, 'early allocation' AS label, h.* FROM resettle.handover('2024-01-01', crd => '2026-01-01', early_allocation => true, as_of => '2024-01-01') AS h
UNION ALL SELECT 6 AS n, 'early allocation with parole' AS label, h.* FROM resettle.handover('2024-01-01', ped => '2026-01-01', crd => '2027-01-01', early_allocation => true, as_of => '2024-01-01') AS h
UNION ALL SELECT 7 AS n, 'determinate parole' AS label, h.* FROM resettle.handover('2024-01-01', ped => '2026-01-01', crd => '2027-01-01', as_of => '2024-01-01') AS h
UNION ALL SELECT 8 AS n, 'indeterminate' AS label, h.* FROM resettle.handover('2024-01-01', ted => '2026-01-01', indeterminate => true, as_of => '2024-01-01') AS h
UNION ALL SELECT 9 AS n, 'indeterminate, open' AS label, h.* FROM resettle.handover('2024-01-01', ted => '2026-01-01', indeterminate => true, open_conditions => true, as_of => '2024-01-01') AS h
UNION ALL SELECT 10 AS n, 'indeterminate + early allocation' AS label, h.* FROM resettle.handover('2024-01-01', ted => '2026-01-01', indeterminate => true, early_allocation => true, as_of => '2024-01-01') AS h) AS x
ORDER BY n;

-- Hand-worked examples: month-end clamping
SELECT (resettle.handover('2024-01-01', crd => '2025-06-30', as_of => '2024-01-01')).handover_date AS crd_2025_06_30,
       (resettle.handover('2024-01-01', crd => '2026-05-31', early_allocation => true, as_of => '2024-01-01')).handover_date AS early_2026_05_31,
       (resettle.handover('2024-08-31', crd => '2025-06-30', as_of => '2024-09-01')).reason AS ssd_2024_08_31_boundary,
       (resettle.handover('2024-08-31', crd => '2025-07-01', as_of => '2024-09-01')).reason AS one_day_later;

-- Leap day: 2024-10-31 - 8 months lands on 29 February
SELECT (resettle.handover('2023-01-01', crd => '2024-11-14', as_of => '2023-01-01')).handover_date AS leap_clamp,
       (resettle.handover('2022-01-01', crd => '2023-11-14', as_of => '2022-01-01')).handover_date AS non_leap_clamp;

-- ARD versus CRD (the earlier wins), PED over both
SELECT (resettle.handover('2024-01-01', crd => '2026-03-01', ard => '2026-02-01', as_of => '2024-01-01')).handover_date AS ard_earlier,
       (resettle.handover('2024-01-01', crd => '2026-01-01', ard => '2026-02-01', as_of => '2024-01-01')).handover_date AS crd_earlier,
       (resettle.handover('2024-01-01', ard => '2026-02-01', as_of => '2024-01-01')).handover_date AS ard_only,
       (resettle.handover('2024-01-01', ped => '2026-06-01', crd => '2026-01-01', as_of => '2024-01-01')).handover_date AS ped_wins;

-- Responsibility by dates around the start and handover dates
SELECT as_of, (resettle.handover('2024-01-01', crd => '2026-01-01', as_of => as_of)).responsibility
FROM unnest(ARRAY['2025-04-16', '2025-04-17', '2025-04-18']::date[]) AS as_of;

-- Indeterminate ERD: TED if future, else THD if future, else the nearer
SELECT label, handover_date, reason
FROM (SELECT 1 AS n, 'TED future' AS label, h.* FROM resettle.handover('2010-01-01', ted => '2027-06-01', thd => '2027-01-01', indeterminate => true, as_of => '2026-01-01') AS h
UNION ALL SELECT 2 AS n, 'TED past, THD future' AS label, h.* FROM resettle.handover('2010-01-01', ted => '2020-06-01', thd => '2026-12-01', indeterminate => true, as_of => '2026-01-01') AS h
UNION ALL SELECT 3 AS n, 'both past, TED nearer' AS label, h.* FROM resettle.handover('2010-01-01', ted => '2025-06-01', thd => '2020-01-01', indeterminate => true, as_of => '2026-01-01') AS h
UNION ALL SELECT 4 AS n, 'both past, THD nearer' AS label, h.* FROM resettle.handover('2010-01-01', ted => '2020-01-01', thd => '2025-06-01', indeterminate => true, as_of => '2026-01-01') AS h
UNION ALL SELECT 5 AS n, 'TED today is not future' AS label, h.* FROM resettle.handover('2010-01-01', ted => '2026-01-01', thd => '2026-06-01', indeterminate => true, as_of => '2026-01-01') AS h
UNION ALL SELECT 6 AS n, 'neither' AS label, h.* FROM resettle.handover('2010-01-01', indeterminate => true, as_of => '2026-01-01') AS h) AS x
ORDER BY n;

-- Open conditions: start = min(HD, open_since) for indeterminate cases
SELECT label, start_date, handover_date, reason
FROM (SELECT 1 AS n, 'open since before HD' AS label, h.* FROM resettle.handover('2010-01-01', ted => '2027-06-01', indeterminate => true, open_conditions => true, open_since => '2025-01-01', as_of => '2025-02-01') AS h
UNION ALL SELECT 2 AS n, 'open since after HD' AS label, h.* FROM resettle.handover('2010-01-01', ted => '2027-06-01', indeterminate => true, open_conditions => true, open_since => '2026-12-01', as_of => '2025-02-01') AS h
UNION ALL SELECT 3 AS n, 'open, no open_since' AS label, h.* FROM resettle.handover('2010-01-01', ted => '2027-06-01', indeterminate => true, open_conditions => true, as_of => '2025-02-01') AS h
UNION ALL SELECT 4 AS n, 'determinate in open conditions' AS label, h.* FROM resettle.handover('2024-01-01', crd => '2027-06-01', open_conditions => true, open_since => '2025-01-01', as_of => '2025-02-01') AS h) AS x
ORDER BY n;

-- Rows 1-7 and the early-allocation override of rows 9-12
SELECT label, responsibility, start_date, handover_date, reason
FROM (SELECT 1 AS n, '1 additional ISP' AS label, h.* FROM resettle.handover('2010-01-01', ted => '2030-01-01', thd => '2030-01-01', indeterminate => true, additional_isp => true, recall => true, as_of => '2026-01-01') AS h
UNION ALL SELECT 2 AS n, '2 recall, THD > 12m, MAPPA 1' AS label, h.* FROM resettle.handover('2010-01-01', ted => '2020-01-01', thd => '2027-01-02', indeterminate => true, recall => true, mappa_level => 1, as_of => '2026-01-01') AS h
UNION ALL SELECT 3 AS n, '2 recall, THD > 12m, MAPPA unknown' AS label, h.* FROM resettle.handover('2010-01-01', ted => '2020-01-01', thd => '2027-01-02', indeterminate => true, recall => true, as_of => '2026-01-01') AS h
UNION ALL SELECT 4 AS n, '2 boundary: THD = as_of + 12m' AS label, h.* FROM resettle.handover('2010-01-01', ted => '2020-01-01', thd => '2027-01-01', indeterminate => true, recall => true, mappa_level => 1, as_of => '2026-01-01') AS h
UNION ALL SELECT 5 AS n, '3 parole refused, MAPPA 2' AS label, h.* FROM resettle.handover('2010-01-01', ted => '2020-01-01', thd => '2027-01-02', indeterminate => true, parole_outcome_not_release => true, mappa_level => 2, as_of => '2026-01-01') AS h
UNION ALL SELECT 6 AS n, '3 parole refused, MAPPA 3, recalled' AS label, h.* FROM resettle.handover('2010-01-01', ted => '2020-01-01', thd => '2027-01-02', indeterminate => true, recall => true, parole_outcome_not_release => true, mappa_level => 3, as_of => '2026-01-01') AS h
UNION ALL SELECT 7 AS n, '4 parole refused, MAPPA 1' AS label, h.* FROM resettle.handover('2010-01-01', ted => '2020-01-01', thd => '2027-01-02', indeterminate => true, parole_outcome_not_release => true, mappa_level => 1, as_of => '2026-01-01') AS h
UNION ALL SELECT 8 AS n, '4 boundary: THD = as_of + 12m' AS label, h.* FROM resettle.handover('2010-01-01', ted => '2020-01-01', thd => '2027-01-01', indeterminate => true, parole_outcome_not_release => true, as_of => '2026-01-01') AS h
UNION ALL SELECT 9 AS n, '5 recall, determinate' AS label, h.* FROM resettle.handover('2024-01-01', crd => '2027-01-01', recall => true, as_of => '2026-01-01') AS h
UNION ALL SELECT 10 AS n, '5 recall beats early allocation' AS label, h.* FROM resettle.handover('2024-01-01', crd => '2027-01-01', recall => true, early_allocation => true, as_of => '2026-01-01') AS h
UNION ALL SELECT 11 AS n, '6 immigration, no sentence' AS label, h.* FROM resettle.handover(NULL::date, immigration => true, as_of => '2026-01-01') AS h
UNION ALL SELECT 12 AS n, '7 no release date' AS label, h.* FROM resettle.handover('2024-01-01', hdced => '2026-01-01', as_of => '2026-01-01') AS h
UNION ALL SELECT 13 AS n, '8 early allocation beats determinate_short' AS label, h.* FROM resettle.handover('2024-01-01', crd => '2024-06-01', early_allocation => true, as_of => '2024-01-01') AS h
UNION ALL SELECT 14 AS n, '8 early allocation beats parole' AS label, h.* FROM resettle.handover('2024-01-01', ped => '2027-01-01', early_allocation => true, as_of => '2024-01-01') AS h
UNION ALL SELECT 15 AS n, '10 short with PED' AS label, h.* FROM resettle.handover('2024-01-01', ped => '2024-09-01', as_of => '2024-01-01') AS h) AS x
ORDER BY n;

-- Out of scope: reasons, not errors
SELECT label, responsibility, start_date, handover_date, reason
FROM (SELECT 1 AS n, 'remand' AS label, h.* FROM resettle.handover(NULL::date, remand => true, as_of => '2026-01-01') AS h
UNION ALL SELECT 2 AS n, 'unsentenced' AS label, h.* FROM resettle.handover(NULL::date, as_of => '2026-01-01') AS h
UNION ALL SELECT 3 AS n, 'sentenced, no dates' AS label, h.* FROM resettle.handover(DATE '2024-01-01', as_of => '2026-01-01') AS h
UNION ALL SELECT 4 AS n, 'civil' AS label, h.* FROM resettle.handover('2024-01-01', crd => '2026-06-01', civil => true, as_of => '2026-01-01') AS h
UNION ALL SELECT 5 AS n, '17 years 364 days' AS label, h.* FROM resettle.handover('2025-01-01', crd => '2027-01-01', date_of_birth => '2008-01-02', as_of => '2026-01-01') AS h
UNION ALL SELECT 6 AS n, '18th birthday' AS label, h.* FROM resettle.handover('2025-01-01', crd => '2027-01-01', date_of_birth => '2008-01-01', as_of => '2026-01-01') AS h
UNION ALL SELECT 7 AS n, 'born 29 Feb, day before' AS label, h.* FROM resettle.handover('2025-01-01', crd => '2027-01-01', date_of_birth => '2008-02-29', as_of => '2026-02-28') AS h
UNION ALL SELECT 8 AS n, 'born 29 Feb, 1 March' AS label, h.* FROM resettle.handover('2025-01-01', crd => '2027-01-01', date_of_birth => '2008-02-29', as_of => '2026-03-01') AS h) AS x
ORDER BY n;

-- Historical rule versions (§2.8)
SELECT * FROM resettle.handover_rules_versions();
SELECT v.rules_as_of, h.*
FROM unnest(ARRAY['2018-01-01', '2020-01-01', '2022-01-01', '2023-06-01', '2023-12-01', '2024-06-01']::date[]) AS v(rules_as_of),
	LATERAL resettle.handover('2019-06-01', crd => '2021-06-01', as_of => '2019-06-02', rules_as_of => v.rules_as_of) AS h;
-- MAPPA 2/3 in 2019; CRC cases in 2019 and 2021; parole and indeterminate offsets
SELECT v.label, v.rules_as_of, h.*
FROM (VALUES
	('MAPPA 2', '2020-01-01'::date, 2, false, false, false),
	('MAPPA 1', '2020-01-01', 1, false, false, false),
	('CRC', '2020-01-01', NULL, true, false, false),
	('CRC', '2022-01-01', NULL, true, false, false),
	('parole', '2023-06-01', NULL, false, true, false),
	('parole', '2023-12-01', NULL, false, true, false),
	('indeterminate', '2023-06-01', NULL, false, false, true),
	('indeterminate', '2023-12-01', NULL, false, false, true)
) AS v(label, rules_as_of, mappa, crc, parole, isp),
	LATERAL resettle.handover('2019-06-01', crd => '2022-06-01',
		ped => CASE WHEN v.parole THEN '2022-01-01'::date END,
		ted => CASE WHEN v.isp THEN '2022-06-01'::date END,
		indeterminate => v.isp, mappa_level => v.mappa, crc_case => v.crc,
		as_of => '2019-06-02', rules_as_of => v.rules_as_of) AS h;
-- 2021: the handover date is not earlier than the sentence start
SELECT * FROM resettle.handover('2022-01-01', crd => '2022-12-01', as_of => '2022-01-02', rules_as_of => '2022-06-01');
-- early allocation did not apply to indeterminate sentences in April 2023
SELECT * FROM resettle.handover('2010-01-01', ted => '2026-01-01', indeterminate => true, early_allocation => true, as_of => '2023-06-01', rules_as_of => '2023-06-01');

-- Extreme and bad inputs
SELECT * FROM resettle.handover('2024-01-01', crd => 'infinity', as_of => '2024-01-01');
SELECT * FROM resettle.handover('-infinity', crd => '2026-01-01', as_of => '2024-01-01');
SELECT * FROM resettle.handover('4713-11-24 BC', crd => '4712-01-01 BC', as_of => '2024-01-01');
SELECT * FROM resettle.handover('2024-01-01', crd => '2026-01-01', mappa_level => 4);
SELECT * FROM resettle.handover('2024-01-01', crd => '2026-01-01', as_of => NULL);
SELECT * FROM resettle.handover('2024-01-01', crd => '2026-01-01', indeterminate => NULL, mappa_level => NULL, as_of => '2024-01-01');

-- Operational flags (§2.5)
SELECT d AS as_of,
       resettle.handover_upcoming('custody_only', '2026-03-01', d) AS upcoming,
       resettle.com_allocation_overdue('community', '2026-03-01', NULL, NULL, d) AS com_overdue
FROM unnest(ARRAY['2026-01-03', '2026-01-04', '2026-02-28', '2026-03-01', '2026-03-02', '2026-03-03']::date[]) AS d;
SELECT resettle.com_allocation_overdue('community', '2026-03-01', 'A. Officer', NULL, '2026-04-01') AS named_com,
       resettle.com_allocation_overdue('community', NULL, NULL, NULL, '2026-04-01') AS no_handover_date,
       resettle.needs_com('custody_with_com', NULL) AS supporting_unnamed,
       resettle.needs_com('community', 'A. Officer') AS named,
       resettle.needs_com('custody_only', NULL) AS pom_only;
SELECT reason, enhanced, resettle.handover_type(reason, enhanced)
FROM (VALUES (NULL, NULL::boolean), ('out_of_scope_unsentenced', true), ('determinate_short', true),
             ('determinate', NULL), ('determinate', true), ('determinate', false)) AS v(reason, enhanced);
