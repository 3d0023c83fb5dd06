--
-- The historical versions of the handover rules as Manage POM Cases (MPC)
-- ran them (docs/rules.md "Historical rule versions", issue #22): each
-- version's examples from the MPC commit it follows, the days on which one
-- version gives way to the next, and the release outcome taken under the
-- rules in force when the handover was due.
--
SET datestyle = 'ISO, YMD';
SET resettle.today = '2026-03-09';

SELECT * FROM resettle.handover_rules_versions();

--
-- The earliest release date (ERD) of an indeterminate sentence, by version.
-- The handover date shows it: HD = ERD - 8 months (2019, 2021, 2023-04) or
-- ERD - 12 months (2023-10 on); no ERD is release_date_unknown, POM
-- responsible.
--
-- 2023-04, 2023-10 and 2024-05: the examples of
-- Handover::HandoverCalculation.calculate_earliest_release in
-- spec/lib/handover/handover_calculation_spec.rb at 19a839e6 (the same at
-- 441c2c6a with PRD for THD), today = 2023-03-01 as in the spec (no shift):
-- the TED if after today, else the earlier of the THD and PED after today.
-- 2021 runs the same examples under OffenderWrapper#release_date of
-- a0e7163d (not a spec of its own): a THD or PED on today still counts.
SELECT e.n, e.example, e.ted, e.thd, e.ped, v.version, h.handover_date, h.reason
FROM (VALUES
	(1, 'none: all today', '2023-03-01'::date, '2023-03-01'::date, '2023-03-01'::date),
	(2, 'none: TED, THD today', '2023-03-01', '2023-03-01', NULL),
	(3, 'none: TED, PED today', '2023-03-01', NULL, '2023-03-01'),
	(4, 'none: THD, PED today', NULL, '2023-03-01', '2023-03-01'),
	(5, 'none: TED today', '2023-03-01', NULL, NULL),
	(6, 'none: PED today', NULL, NULL, '2023-03-01'),
	(7, 'none: THD today', NULL, '2023-03-01', NULL),
	(8, 'none: no dates', NULL, NULL, NULL),
	(9, 'TED in the future', '2023-03-02', NULL, NULL),
	(10, 'TED in the future, THD', '2023-03-02', '2023-03-02', NULL),
	(11, 'TED in the future, PED', '2023-03-02', NULL, '2023-03-02'),
	(12, 'TED in the future, THD, PED', '2023-03-02', '2023-03-02', '2023-03-02'),
	(13, 'no TED: PED earlier', NULL, '2023-03-03', '2023-03-02'),
	(14, 'no TED: THD today, PED', NULL, '2023-03-01', '2023-03-02'),
	(15, 'no TED: PED alone', NULL, NULL, '2023-03-02'),
	(16, 'no TED: THD earlier', NULL, '2023-03-02', '2023-03-03'),
	(17, 'no TED: THD, PED today', NULL, '2023-03-02', '2023-03-01'),
	(18, 'no TED: THD alone', NULL, '2023-03-02', NULL),
	(19, 'THD = PED (441c2c6a)', NULL, '2023-03-02', '2023-03-02')
) AS e(n, example, ted, thd, ped)
CROSS JOIN (VALUES ('2021', '2022-01-01'::date), ('2023-04', '2023-06-01'),
                   ('2023-10', '2023-12-01'), ('2024-05', '2024-06-01')) AS v(version, rules_as_of)
CROSS JOIN LATERAL resettle.handover('2010-01-01', ted => e.ted, thd => e.thd, ped => e.ped,
	indeterminate => true, as_of => '2023-03-01', rules_as_of => v.rules_as_of) AS h
ORDER BY e.n, v.rules_as_of;

-- 2024-07: the examples of the spec at 08af7c29 (the earlier of TED and
-- THD, past or not), whose today (the day the spec runs) is 2023-03-01 here.
SELECT e.example, h.handover_date, h.reason
FROM (VALUES
	('TED alone', '2023-03-01'::date, NULL::date),
	('TED earlier', '2023-02-28', '2023-03-01'),
	('THD earlier', '2023-03-01', '2023-02-28'),
	('THD alone', NULL, '2023-03-01')
) AS e(example, ted, thd)
CROSS JOIN LATERAL resettle.handover('2010-01-01', ted => e.ted, thd => e.thd,
	indeterminate => true, as_of => '2023-03-01', rules_as_of => '2024-08-01') AS h;

-- 2025-05, the current rules: the examples of the spec at bdac0f3f (the
-- TED if in the future, else the THD if in the future, else the nearer),
-- shifted to today = 2023-03-01: in the future = +14 days, further in the
-- future = +21, in the past = -14, "further in the past" = -1 (the
-- spec's own values: 2.weeks.ago and 1.day.ago).
SELECT e.example, h.handover_date, h.reason,
       h.handover_date + interval '12 months' AS erd
FROM (VALUES
	('future, future', '2023-03-15'::date, '2023-03-15'::date),
	('future, further future', '2023-03-15', '2023-03-22'),
	('further future, future', '2023-03-22', '2023-03-15'),
	('future, none', '2023-03-15', NULL),
	('future, past', '2023-03-15', '2023-02-15'),
	('none, future', NULL, '2023-03-15'),
	('past, future', '2023-02-15', '2023-03-15'),
	('none, past', NULL, '2023-02-15'),
	('past, none', '2023-02-15', NULL),
	('past, past', '2023-02-15', '2023-02-15'),
	('past, 1 day ago', '2023-02-15', '2023-02-28'),
	('1 day ago, past', '2023-02-28', '2023-02-15'),
	('none, none', NULL, NULL)
) AS e(example, ted, thd)
CROSS JOIN LATERAL resettle.handover('2010-01-01', ted => e.ted, thd => e.thd,
	indeterminate => true, as_of => '2023-03-01') AS h;

-- 2021: spec/services/handover_date_service_old_spec.rb at 32ae46f9, early
-- allocation of an indeterminate sentence, TED 2022-07-03 and an earlier
-- PED 2022-07-02: "will still be 15 months before TED".  The spec ran on
-- its commit day, 2021-02-22 (as_of).
SELECT * FROM resettle.handover('2010-01-01', ted => '2022-07-03', ped => '2022-07-02',
	indeterminate => true, early_allocation => true, as_of => '2021-02-22',
	rules_as_of => '2021-02-22');

-- 2019: spec/services/handover_date_service_spec.rb at 0c438bfa, an NPS
-- indeterminate sentence with TED 2020-08-30: "8 months before release
-- date", start 2019-12-30; with no tariff date "not set".  as_of
-- 2019-10-01: before the TED, as when the example was written (from 2020-08-31
-- MPC kept showing the date while the POM stayed responsible; here a past TED
-- is no ERD, so the POM keeps the case with no date).
SELECT e.example, h.*
FROM (VALUES ('TED', '2020-08-30'::date, '2019-10-01'::date),
             ('no TED', NULL, '2019-10-01'),
             ('TED past', '2020-08-30', '2020-08-31'),
             ('no TED, THD (unused)', NULL, '2019-10-01')) AS e(example, ted, as_of)
CROSS JOIN LATERAL resettle.handover('2019-03-01', ted => e.ted,
	thd => CASE WHEN e.example LIKE '%THD%' THEN DATE '2020-06-01' END,
	indeterminate => true, as_of => e.as_of, rules_as_of => '2020-01-01') AS h;

--
-- 2023-04: the examples of Handover::HandoverCalculation
-- .calculate_handover_date in spec/lib/handover/handover_calculation_spec.rb
-- at 6ac80ecb (sentence start 2024-01-01, no shift; the ERD is the CRD, the
-- PED or the TED), as_of 2024-01-15.  Then, from 6ac80ecb's code (no spec
-- example): a short sentence with early allocation is determinate_short,
-- the 10-month rule being tested first; under 2023-10 (88a9f759) early
-- allocation comes first.
SELECT e.example, e.erd, h.handover_date, h.reason
FROM (VALUES
	('ERD = SSD + 10 months - 1 day', '2024-10-31'::date, false, false, false, false, '2023-06-01'::date),
	('ERD = SSD + 10 months', '2024-11-01', false, false, false, false, '2023-06-01'),
	('ERD = SSD + 10 months + 1 day', '2024-11-02', false, false, false, false, '2023-06-01'),
	('ERD = SSD + 10 months + 2 days', '2024-11-03', false, false, false, false, '2023-06-01'),
	('early allocation', '2026-01-01', true, false, false, false, '2023-06-01'),
	('early allocation, parole', '2026-01-01', true, true, false, false, '2023-06-01'),
	('indeterminate, open', '2026-01-01', false, false, true, true, '2023-06-01'),
	('indeterminate', '2026-01-01', false, false, true, false, '2023-06-01'),
	('parole', '2026-01-01', false, true, false, false, '2023-06-01'),
	('early allocation, short (6ac80ecb)', '2024-11-01', true, false, false, false, '2023-06-01'),
	('early allocation, short (88a9f759)', '2024-11-01', true, false, false, false, '2023-12-01')
) AS e(example, erd, early, parole, isp, open, rules_as_of)
CROSS JOIN LATERAL resettle.handover('2024-01-01',
	crd => CASE WHEN NOT e.parole AND NOT e.isp THEN e.erd END,
	ped => CASE WHEN e.parole THEN e.erd END,
	ted => CASE WHEN e.isp THEN e.erd END,
	indeterminate => e.isp, early_allocation => e.early, open_conditions => e.open,
	as_of => '2024-01-15', rules_as_of => e.rules_as_of) AS h;

-- The 10-month rule of 2019 (ResponsibilityService#policy_rules at
-- 0c438bfa) and 2021 (HandoverDateService.handover at a0e7163d): every
-- sentence, indeterminate and early allocation too, after the CRC row;
-- ERD = SSD + 10 months is still short.  Hand-derived from that code (no
-- spec example at those commits gives the dates), as_of 2019-06-01 for
-- both.
SELECT e.example, v.rules_as_of, h.*
FROM (VALUES
	('determinate, SSD + 10 months', '2019-03-01'::date, '2020-01-01'::date, false, false, false),
	('determinate, SSD + 10 months + 1 day', '2019-03-01', '2020-01-02', false, false, false),
	('early allocation, short', '2019-03-01', '2020-01-01', true, false, false),
	('indeterminate, short', '2019-03-01', '2020-01-01', false, true, false),
	('CRC, short', '2019-03-01', '2020-01-01', false, false, true)
) AS e(example, ssd, erd, early, isp, crc)
CROSS JOIN (VALUES ('2019-06-01'::date), ('2021-06-01')) AS v(rules_as_of)
CROSS JOIN LATERAL resettle.handover(e.ssd,
	crd => CASE WHEN NOT e.isp THEN e.erd END, ted => CASE WHEN e.isp THEN e.erd END,
	indeterminate => e.isp, early_allocation => e.early, crc_case => e.crc,
	as_of => '2019-06-01', rules_as_of => v.rules_as_of) AS h
ORDER BY e.example, v.rules_as_of;

-- Open conditions.  2021: spec/services/handover_date_service_spec.rb at
-- a0e7163d, "when indeterminate / with tariff date in the future" (TED one
-- year after today), in an open prison on or after the open prison policy
-- start date (arrival 2021-03-31), and in a women's prison with the
-- category changed to open 3 days ago; the spec's today (the day it runs)
-- is 2021-06-01 here, so TED 2022-06-01.  "Handover starts the day they
-- arrive", "handover happens 8 months before TED", reason "NPS
-- Indeterminate - Open conditions"; the POM responsible and the COM
-- supporting the day before the handover date, the COM responsible on it.
SELECT e.example, e.as_of, h.*
FROM (VALUES ('men''s open prison, arrived 2021-03-31', '2021-03-31'::date, '2021-06-01'::date),
             ('day before the handover date', '2021-03-31', '2021-09-30'),
             ('on the handover date', '2021-03-31', '2021-10-01'),
             ('women''s prison, open 3 days ago', '2021-05-29', '2021-06-01')) AS e(example, open_since, as_of)
CROSS JOIN LATERAL resettle.handover('2020-01-01', ted => '2022-06-01', indeterminate => true,
	open_conditions => true, open_since => e.open_since, as_of => e.as_of,
	rules_as_of => '2021-06-01') AS h;
-- 2019: spec/services/responsibility_service_spec.rb at 0c438bfa: an NPS
-- case in an open prison (HDI): "the POM as supporting" (COM responsible);
-- an indeterminate sentence with the TED a year past, or none: "is
-- responsible" (the POM).  The spec's today is 2020-06-01 here.
SELECT e.example, h.*
FROM (VALUES ('open prison', false, '2021-06-01'::date, true),
             ('indeterminate, TED a year past', true, '2019-06-01', false),
             ('indeterminate, no TED', true, NULL, false)) AS e(example, isp, erd, open)
CROSS JOIN LATERAL resettle.handover('2019-01-01', crd => CASE WHEN NOT e.isp THEN e.erd END,
	ted => CASE WHEN e.isp THEN e.erd END, indeterminate => e.isp, open_conditions => e.open,
	as_of => '2020-06-01', rules_as_of => '2020-06-01') AS h;

-- HDCED.  2019: spec/services/handover_date_service_spec.rb at 0c438bfa,
-- "calculating when responsibility switches" (the handover date only, which
-- does not depend on today; sentence start 2018-01-01 and as_of 2019-01-01
-- here, so that the 10-month rule stays out of it): CRC cases 12 weeks
-- before the HDCED if there is one, else before the earlier of ARD and CRD;
-- MAPPA unknown or 0, 4.5 months before the earlier of CRD and ARD, or the
-- HDCED if earlier.  (Its HDCAD examples are not reproduced: the HDCAD is
-- not an input.)  2021 (a0e7163d's OffenderWrapper#release_date, no spec
-- example): a CRC case 12 weeks before the earliest of ARD, CRD and HDCED.
SELECT e.example, e.rules_as_of, h.handover_date, h.reason
FROM (VALUES
	('CRC, ARD earlier', '2019-08-01'::date, '2019-08-12'::date, NULL::date, true, NULL::int, '2020-01-01'::date),
	('CRC, CRD earlier', '2019-08-12', '2019-08-01', NULL, true, NULL, '2020-01-01'),
	('CRC, HDCED', '2019-08-01', '2019-08-12', '2019-07-25', true, NULL, '2020-01-01'),
	('CRC, HDCED later than ARD', '2019-08-01', '2019-08-12', '2019-09-01', true, NULL, '2020-01-01'),
	('CRC, HDCED later than ARD', '2019-08-01', '2019-08-12', '2019-09-01', true, NULL, '2022-01-01'),
	('CRC, HDCED', '2019-08-01', '2019-08-12', '2019-07-25', true, NULL, '2022-01-01'),
	('MAPPA unknown, CRD earlier', '2020-08-16', '2020-07-16', NULL, false, NULL, '2020-01-01'),
	('MAPPA unknown, ARD earlier', '2020-08-16', '2020-08-17', NULL, false, NULL, '2020-01-01'),
	('MAPPA unknown, HDCED earlier', '2020-11-10', '2020-12-05', '2020-06-16', false, NULL, '2020-01-01'),
	('MAPPA 0, HDCED earlier', '2020-08-16', '2020-07-16', '2020-02-28', false, 0, '2020-01-01'),
	('MAPPA 0, HDCED later', '2020-08-16', '2020-07-16', '2021-02-14', false, 0, '2020-01-01'),
	('MAPPA 2, HDCED not used', '2020-08-16', '2020-07-16', '2020-02-28', false, 2, '2020-01-01')
) AS e(example, ard, crd, hdced, crc, mappa, rules_as_of)
CROSS JOIN LATERAL resettle.handover('2018-01-01', ard => e.ard, crd => e.crd, hdced => e.hdced,
	crc_case => e.crc, mappa_level => e.mappa, as_of => '2019-01-01',
	rules_as_of => e.rules_as_of) AS h;

--
-- The boundary days: the last day of each version and the first of the
-- next, for a case the two treat differently.
--
SELECT b.boundary, d.rules_as_of, h.*
FROM (VALUES
	('2019 | 2021: MAPPA 2', '2021-02-14'::date, '2021-02-15'::date),
	('2021 | 2023-04: determinate offset', '2023-03-31', '2023-04-01'),
	('2023-04 | 2023-10: parole offset', '2023-09-30', '2023-10-01'),
	('2023-10 | 2024-05: additional ISP', '2024-04-30', '2024-05-01'),
	('2024-05 | 2024-07: TED past, THD ahead', '2024-07-23', '2024-07-24'),
	('2024-07 | 2025-05: TED past, THD ahead', '2025-05-14', '2025-05-15')
) AS b(boundary, last_day, first_day)
CROSS JOIN LATERAL (VALUES (b.last_day), (b.first_day)) AS d(rules_as_of)
CROSS JOIN LATERAL resettle.handover('2020-01-01',
	crd => CASE WHEN b.boundary LIKE '%offset' OR b.boundary LIKE '%MAPPA%' THEN DATE '2024-06-01' END,
	ped => CASE WHEN b.boundary LIKE '%parole%' THEN DATE '2024-03-01' END,
	ted => CASE WHEN b.boundary LIKE '%ISP%' THEN DATE '2030-01-01'
	            WHEN b.boundary LIKE '%TED past%' THEN DATE '2022-01-01' END,
	thd => CASE WHEN b.boundary LIKE '%THD ahead%' THEN DATE '2024-06-01' END,
	indeterminate => b.boundary LIKE '%ISP%' OR b.boundary LIKE '%TED past%',
	additional_isp => b.boundary LIKE '%ISP%',
	mappa_level => CASE WHEN b.boundary LIKE '%MAPPA%' THEN 2 END,
	as_of => '2023-01-01', rules_as_of => d.rules_as_of) AS h
ORDER BY b.last_day, d.rules_as_of;
-- the ERD boundaries of the indeterminate rules: a TED past and a THD
-- ahead (2019: no ERD; 2021: the THD); a THD on as_of (2021 counts it,
-- 2023-04 does not)
SELECT e.example, d.rules_as_of, h.handover_date, h.reason
FROM (VALUES ('TED past, THD ahead', '2022-01-01'::date, '2023-06-01'::date),
             ('THD on as_of', NULL, '2023-01-01')) AS e(example, ted, thd)
CROSS JOIN (VALUES ('2021-02-14'::date), ('2021-02-15'), ('2023-03-31'), ('2023-04-01')) AS d(rules_as_of)
CROSS JOIN LATERAL resettle.handover('2010-01-01', ted => e.ted, thd => e.thd,
	indeterminate => true, as_of => '2023-01-01', rules_as_of => d.rules_as_of) AS h
ORDER BY e.example, d.rules_as_of;

-- open conditions, 2019 | 2021: the COM, then the 2021 open rule
SELECT d.rules_as_of, h.*
FROM (VALUES ('2021-02-14'::date), ('2021-02-15')) AS d(rules_as_of)
CROSS JOIN LATERAL resettle.handover('2010-01-01', ted => '2023-06-01', indeterminate => true,
	open_conditions => true, open_since => '2021-01-04', as_of => '2021-06-01',
	rules_as_of => d.rules_as_of) AS h;

--
-- The release outcome: the handover date as of the release day under the
-- rules in force when it was due (docs/rules.md "Release outcome").
--   9101  determinate parole, PED 2024-01-10, released that day.  2023-10's
--         HD (PED - 12 months, 2023-01-10) is before 2023-10 came in;
--         2023-04's (PED - 8 months, 2023-05-10) is in its time: 2023-05-10.
--         The COM allocated on 2023-05-11 was in time for it (not for the
--         current rules' 2023-01-10).
--   9102  determinate, CRD 2024-06-30, released that day: 2024-05's HD
--         (2023-10-16) is before 2024-05-01, 2023-10's the same date in
--         2023-10's time: 2023-10-16.
--   9103  indeterminate, TED 2024-09-01 past and THD 2025-06-01 ahead on
--         the release day 2025-03-01: 2024-07's HD (TED - 12 months,
--         2023-09-01) is before 2024-07-24; 2024-05's (THD - 12 months)
--         is 2024-06-01.
--   9104  determinate, released before any version: the first version.
--   9105  determinate short sentence (no handover date): the version in
--         force on the release day, no date.
--
BEGIN;
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('H9101AA', 'Parole', 'In-2023', '1980-01-01', 'male'),
       ('H9102AA', 'Crd', 'In-2024', '1980-01-01', 'male'),
       ('H9103AA', 'Life', 'In-2025', '1980-01-01', 'male'),
       ('H9104AA', 'Before', 'Omic', '1980-01-01', 'male'),
       ('H9105AA', 'Short', 'Sentence', '1980-01-01', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start,
                              crd, ped, ted, thd, indeterminate, com_name, com_allocated_on)
VALUES (9101, 'H9101AA', 'LEI', '2020-01-01', '2020-01-01', '2025-01-01', '2024-01-10', NULL, NULL,
        false, 'Sam Officer', '2023-05-11'),
       (9102, 'H9102AA', 'LEI', '2022-01-01', '2022-01-01', '2024-06-30', NULL, NULL, NULL,
        false, 'Sam Officer', '2023-10-18'),
       (9103, 'H9103AA', 'LEI', '2015-01-01', '2015-01-01', NULL, NULL, '2024-09-01', '2025-06-01',
        true, NULL, NULL),
       (9104, 'H9104AA', 'LEI', '2017-01-01', '2017-01-01', '2018-12-31', NULL, NULL, NULL,
        false, NULL, NULL),
       (9105, 'H9105AA', 'LEI', '2024-01-01', '2024-01-01', '2024-06-01', NULL, NULL, NULL,
        false, NULL, NULL);
UPDATE resettle.custody SET released_on = '2024-01-10' WHERE id = 9101;
UPDATE resettle.custody SET released_on = '2024-06-30' WHERE id = 9102;
UPDATE resettle.custody SET released_on = '2025-03-01' WHERE id = 9103;
UPDATE resettle.custody SET released_on = '2018-12-31' WHERE id = 9104;
UPDATE resettle.custody SET released_on = '2024-06-01' WHERE id = 9105;
-- beside it, the handover date of the current rules and of the rules in
-- force on the release day, both as of the release day
SELECT o.custody_id, o.released_on, o.handover_date, o.com_allocated_by_handover,
       h.handover_date AS current_rules_hd, r.handover_date AS release_day_rules_hd
FROM resettle.release_outcome AS o
JOIN resettle.custody AS c ON c.id = o.custody_id
CROSS JOIN LATERAL resettle.handover(c, o.released_on) AS h
CROSS JOIN LATERAL resettle.handover(c.sentence_start, crd => c.crd, ped => c.ped, ted => c.ted,
	thd => c.thd, indeterminate => c.indeterminate, as_of => o.released_on,
	rules_as_of => o.released_on) AS r
WHERE o.custody_id BETWEEN 9101 AND 9105
ORDER BY o.custody_id;
ROLLBACK;
