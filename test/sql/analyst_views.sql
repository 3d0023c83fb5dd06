--
-- The case lists and aggregate measures for analysts (sql/views/*.sql,
-- docs/analysts.md), at their boundaries.  Run as the superuser, who
-- counts every prison.
--
SET datestyle = 'ISO, YMD';
SET resettle.today = '2026-03-09';
-- other tests leave no case behind: the aggregates below count ours only
SELECT count(*) AS cases_before FROM resettle.custody;

INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('V1000AA', 'Due', 'In-Twelve-Weeks', '1990-01-01', 'male'),
       ('V2000AA', 'Due', 'After-Twelve-Weeks', '1985-05-05', 'male'),
       ('V3000AA', 'Due', 'Today', '1970-07-07', 'female'),
       ('V4000AA', 'On', 'Remand', '2001-01-01', 'male'),
       ('V5000AA', 'Handover', 'In-56-Days', '1960-06-06', 'male'),
       ('V5001AA', 'Handover', 'In-57-Days', '1961-06-06', 'male'),
       ('V5002AA', 'Handover', 'Two-Days-Ago', '1962-06-06', 'male'),
       ('V5003AA', 'Handover', 'Yesterday', '1963-06-06', 'male'),
       ('V6000AA', 'Was', 'Released', '1980-08-08', 'female'),
       ('V7000AA', 'Also', 'Released', '1982-02-02', 'male');
-- release 84 days away (in the twelve weeks), 85 days (out), today (in)
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd,
                              sentence_type, recall)
VALUES (8001, 'V1000AA', 'BXI', '2025-06-01', '2025-06-01', '2026-06-01', 'ADIMP_ORA', false),
       (8002, 'V2000AA', 'BXI', '2025-06-01', '2025-06-01', '2026-06-02', 'ADIMP_ORA', false),
       (8003, 'V3000AA', 'LEI', '2025-09-01', '2025-09-01', '2026-03-09', 'LR', true);
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, remand)
VALUES (8004, 'V4000AA', 'LEI', '2026-02-01', true);
-- handover dates 56 and 57 days away (the POM is still responsible), and
-- 2 days and 1 day ago (the COM is responsible, none allocated)
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
VALUES (8005, 'V5000AA', 'BXI', '2024-01-01', '2024-01-01', '2027-01-18'),
       (8008, 'V5001AA', 'BXI', '2024-01-01', '2024-01-01', '2027-01-19'),
       (8009, 'V5002AA', 'MDI', '2024-01-01', '2024-01-01', '2026-11-21'),
       (8010, 'V5003AA', 'MDI', '2024-01-01', '2024-01-01', '2026-11-22');
SELECT id, release_date, release_date - resettle.today() AS days, responsibility, handover_date,
       handover_date - resettle.today() AS days_to_handover, readiness
FROM resettle.custody WHERE id BETWEEN 8001 AND 8010 ORDER BY id;

-- releases: one last month with everything in place, one this month with nothing
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd,
                              com_name, com_allocated_on)
VALUES (8006, 'V6000AA', 'LEI', '2025-01-10', '2025-01-10', '2026-02-20', 'Cam Com', '2025-06-01'),
       (8007, 'V7000AA', 'LEI', '2025-01-10', '2025-01-10', '2026-03-02', NULL, NULL);
INSERT INTO resettle.accommodation (custody_id, lived_before, release_plan, address_confirmed)
VALUES (8006, 'family_or_friends', 'return_to_previous_address', true);
INSERT INTO resettle.id_document (custody_id, document_type, status) VALUES (8006, 'passport', 'held');
INSERT INTO resettle.bank_account (custody_id, status) VALUES (8006, 'held');
INSERT INTO resettle.support_need (custody_id, need, status)
VALUES (8006, 'benefit_claim', 'in_progress'), (8006, 'gp_registration', 'met'),
       (8007, 'benefit_claim', 'not_started');
INSERT INTO resettle.pathway_status (custody_id, pathway, status)
VALUES (8006, 'children_families_community', 'done');
UPDATE resettle.custody SET released_on = '2026-02-20' WHERE id = 8006;
UPDATE resettle.custody SET released_on = '2026-03-02' WHERE id = 8007;

-- releases due: today and 84 days ahead are in the twelve weeks, 85 is not
SELECT custody_id, prison_number, name, prison_code, region, sex, case_type, sentence_type,
       release_date, days_to_release, days_to_release <= 84 AS in_12_weeks, readiness, gap_count
FROM resettle.v_releases_due ORDER BY release_date, custody_id;
-- a case released yesterday or before is not due
SET resettle.today = '2026-03-10';
SELECT count(*) AS due_after_today FROM resettle.v_releases_due WHERE custody_id = 8003;
SET resettle.today = '2026-03-09';

-- handovers: upcoming from 56 days before the handover date; COM overdue
-- from the handover date + 2
SELECT custody_id, prison_number, handover_date, days_to_handover, handover_type, com_allocated
FROM resettle.v_handover_upcoming ORDER BY custody_id;
SELECT custody_id, prison_number, handover_date, days_overdue
FROM resettle.v_com_overdue ORDER BY custody_id;

-- one row per release, with the measures
SELECT custody_id, prison_number, prison_code, region, sex, case_type, released_on, released_month,
       settled_accommodation, id_document, bank_account, benefit_claim_needed,
       benefit_claim_started, gp_needed, gp_arranged, family_pathway_addressed, com_allocated,
       handover_date IS NOT NULL AS had_handover, com_allocated_by_handover
FROM resettle.v_release_outcomes ORDER BY custody_id;

-- readiness summary: national, by sex and case type; every active prison
-- has a row (zeros when empty); the levels add up
SELECT dimension, group_name, cases, ready, on_track, at_risk, not_ready, out_of_scope,
       not_evaluated, ready_pct, releases_12_weeks, releases_12_weeks_not_ready, stale
FROM resettle.v_readiness_summary
WHERE dimension IN ('all', 'sex', 'case_type', 'sentence_type')
   OR group_name IN ('BXI', 'LEI', 'MDI', 'ACI', 'London', 'Wales')
ORDER BY dimension, group_name;
SELECT count(*) = (SELECT count(*) FROM resettle.prison WHERE active) AS every_active_prison,
       bool_and(cases = ready + on_track + at_risk + not_ready + out_of_scope + not_evaluated) AS adds_up
FROM resettle.v_readiness_summary WHERE dimension = 'prison';
-- readiness not evaluated today is counted as stale (and in the DBAs'
-- v_refresh_status, new in 1.1) until refresh() moves it on
SELECT prison_code, in_custody, stale, oldest_as_of, newest_as_of, today
FROM resettle.v_refresh_status ORDER BY prison_code;
SET resettle.today = '2026-03-10';
SELECT cases, stale FROM resettle.v_readiness_summary WHERE dimension = 'all';
SELECT prison_code, in_custody, stale FROM resettle.v_refresh_status ORDER BY prison_code;
BEGIN;
SELECT resettle.refresh('2026-03-10') >= 0 AS refreshed;
SELECT sum(stale) AS stale_after_refresh FROM resettle.v_refresh_status;
ROLLBACK;
-- refresh() with no date refreshes as of resettle.today()
BEGIN;
SELECT resettle.refresh() >= 0 AS refreshed;
SELECT sum(stale) AS stale_after_refresh, max(newest_as_of) AS as_of FROM resettle.v_refresh_status;
ROLLBACK;
SET resettle.today = '2026-03-09';

-- outcome rates: overall and by month; a rate with no denominator is NULL
\x on
SELECT * FROM resettle.v_outcome_rates WHERE dimension = 'all' AND month IS NULL;
\x off
SELECT dimension, group_name, month, released, settled_accommodation_pct, benefit_claim_started,
       benefit_claim_needed, benefit_claim_started_pct, gp_needed, gp_arranged_pct,
       com_handover_due, com_allocated_by_handover_pct
FROM resettle.v_outcome_rates
WHERE dimension IN ('all', 'prison', 'sex') ORDER BY dimension, group_name, month NULLS FIRST;
-- the rates equal the per-release rows they come from
SELECT r.released = count(o.*) AS released_matches,
       r.settled_accommodation = count(o.*) FILTER (WHERE o.settled_accommodation) AS settled_matches
FROM resettle.v_outcome_rates AS r, resettle.v_release_outcomes AS o
WHERE r.dimension = 'all' AND r.month IS NULL
GROUP BY r.released, r.settled_accommodation;

-- gap counts: per prison and over every prison; they add up
SELECT prison_code, rule, severity, pathway, cases, cases_due_12_weeks
FROM resettle.v_gap_counts ORDER BY prison_code NULLS FIRST, rule;
SELECT bool_and(n.cases = (SELECT sum(p.cases) FROM resettle.v_gap_counts AS p
                           WHERE p.rule = n.rule AND p.prison_code IS NOT NULL)) AS adds_up
FROM resettle.v_gap_counts AS n WHERE n.prison_code IS NULL;

-- The analysts' views (sql/access/analyst_views.sql, docs/disclosure-control.md):
-- the caseload as it stood on the first of the month, each combination of
-- quasi-identifiers shown holding at least k = 5 people, stored once a month
-- by resettle.refresh_analyst_views() and read from there.
SELECT resettle.disclosure_k() AS k, resettle.analyst_reference_date() AS reference_date;
SELECT g AS grain, resettle.disclosure_period('2026-02-14', g) AS period
FROM generate_series(0, 3) AS g;
SELECT level, resettle.disclosure_time_grain(level) AS grain FROM generate_series(0, 7) AS level;
SELECT resettle.disclosure_months('[2026-04-01,2026-07-01)', '2026-03-01') AS quarter,
       resettle.disclosure_months('[2026-02-01,2026-03-01)', '2026-03-01') AS last_month,
       resettle.disclosure_months(NULL, '2026-03-01') AS suppressed;
SELECT b AS age_band, resettle.wide_age_band(b) AS wide
FROM unnest(ARRAY['under 18', '18-20', '21-24', '25-29', '30-39', '40-49', '50-59', '60+']) AS b;
-- a person with n episodes weighs 720720 / n in each; k people weigh 5 * 720720
SELECT n, resettle.disclosure_weight(n) AS weight,
       resettle.disclosure_enough(5 * resettle.disclosure_weight(n)) AS five_episodes_enough,
       resettle.disclosure_enough(4 * 720720 + 720719) AS just_under
FROM (VALUES (1), (2), (3), (7), (17)) AS x (n);

-- nothing is shown before the month's release is stored
SELECT count(*) AS before_storing FROM resettle.analyst_cases;
-- the ten people above: every state of theirs holds fewer than 5, so all
-- ten are at level 7, counted with nothing shown, in analyst_cases only
SELECT resettle.refresh_analyst_views() AS stored;
SELECT disclosure_level, count(*), count(case_pseudonym) AS pseudonyms,
       count(prison_code) + count(region) + count(sex) + count(age_band) + count(case_type)
       + count(release_period) + count(released) + count(responsibility) + count(readiness) AS values_shown
FROM resettle.analyst_cases GROUP BY 1;
SELECT (SELECT count(*) FROM resettle.analyst_release_outcomes) AS outcomes,
       (SELECT count(*) FROM resettle.analyst_readiness_history) AS history,
       (SELECT count(*) FROM resettle.analyst_releases_due) AS due,
       (SELECT count(*) FROM resettle.analyst_handovers) AS handovers;

DELETE FROM resettle.custody WHERE id BETWEEN 8001 AND 8010;
DELETE FROM resettle.person WHERE prison_number::text LIKE 'V%';

-- A caseload built so that each level of the ladder publishes one group of
-- five.  Entered on 16 February, looked at from 9 March: the reference date
-- is 1 March, so the readiness evaluated on entry counts.
SET resettle.today = '2026-02-16';
BEGIN;
CREATE TEMP TABLE scenario (n int, prison text, sex text, born date, sentence text, crd date,
	recall boolean DEFAULT false, released date);
INSERT INTO scenario (n, prison, sex, born, sentence, crd) VALUES
	-- A (level 0): Brixton, 30-39, ADIMP_ORA, released February 2027
	(1, 'BXI', 'male', '1992-01-01', 'ADIMP_ORA', '2027-02-15'), (2, 'BXI', 'male', '1992-02-01', 'ADIMP_ORA', '2027-02-16'),
	(3, 'BXI', 'male', '1992-03-01', 'ADIMP_ORA', '2027-02-17'), (4, 'BXI', 'male', '1992-04-01', 'ADIMP_ORA', '2027-02-18'),
	(5, 'BXI', 'male', '1992-05-01', 'ADIMP_ORA', '2027-02-19'),
	-- B (level 1): Brixton, 30-39, April and May 2027, two sentence types
	(6, 'BXI', 'male', '1991-01-01', 'ADIMP_ORA', '2027-04-15'), (7, 'BXI', 'male', '1991-02-01', 'ADIMP_ORA', '2027-04-16'),
	(8, 'BXI', 'male', '1991-03-01', 'ADIMP_ORA', '2027-04-17'), (9, 'BXI', 'male', '1991-04-01', 'SDS', '2027-05-15'),
	(10, 'BXI', 'male', '1991-05-01', 'SDS', '2027-05-16'),
	-- C (level 2): Pentonville and Wormwood Scrubs (London), 30-39, August 2027
	(11, 'PVI', 'male', '1990-01-01', 'ADIMP_ORA', '2027-08-15'), (12, 'PVI', 'male', '1990-02-01', 'ADIMP_ORA', '2027-08-16'),
	(13, 'PVI', 'male', '1990-03-01', 'ADIMP_ORA', '2027-08-17'), (14, 'WSI', 'male', '1990-04-01', 'ADIMP_ORA', '2027-08-18'),
	(15, 'WSI', 'male', '1990-05-01', 'ADIMP_ORA', '2027-08-19'),
	-- D (level 3): Leeds 40-49 in November, Moorland 30-39 in October 2027
	(16, 'LEI', 'male', '1984-01-01', 'ADIMP_ORA', '2027-11-15'), (17, 'LEI', 'male', '1984-02-01', 'ADIMP_ORA', '2027-11-16'),
	(18, 'MDI', 'male', '1993-01-01', 'ADIMP_ORA', '2027-10-15'), (19, 'MDI', 'male', '1993-02-01', 'ADIMP_ORA', '2027-10-16'),
	(20, 'MDI', 'male', '1993-03-01', 'ADIMP_ORA', '2027-10-17'),
	-- E (level 4): Birmingham (Midlands) 40-49 and Cardiff (Wales) 30-39, 2028
	(21, 'BMI', 'male', '1985-01-01', 'ADIMP_ORA', '2028-03-15'), (22, 'BMI', 'male', '1985-02-01', 'ADIMP_ORA', '2028-03-16'),
	(23, 'CFI', 'male', '1994-01-01', 'ADIMP_ORA', '2028-07-15'), (24, 'CFI', 'male', '1994-02-01', 'ADIMP_ORA', '2028-07-16'),
	(25, 'CFI', 'male', '1994-03-01', 'ADIMP_ORA', '2028-07-17'),
	-- F (level 5): 21-29 in 2029, 50+ in 2030
	(26, 'HMI', 'male', '2003-01-01', 'ADIMP_ORA', '2029-03-15'), (27, 'HMI', 'male', '2003-02-01', 'ADIMP_ORA', '2029-03-16'),
	(28, 'WWI', 'male', '1970-01-01', 'ADIMP_ORA', '2030-03-15'), (29, 'WWI', 'male', '1970-02-01', 'ADIMP_ORA', '2030-03-16'),
	(30, 'WWI', 'male', '1970-03-01', 'ADIMP_ORA', '2030-03-17'),
	-- H (level 0): Leeds, 40-49, December 2026: their handover (1-5 April)
	-- is due within 56 days of the reference date
	(31, 'LEI', 'male', '1982-01-01', 'ADIMP_ORA', '2026-12-15'), (32, 'LEI', 'male', '1982-02-01', 'ADIMP_ORA', '2026-12-16'),
	(33, 'LEI', 'male', '1982-03-01', 'ADIMP_ORA', '2026-12-17'), (34, 'LEI', 'male', '1982-04-01', 'ADIMP_ORA', '2026-12-18'),
	(35, 'LEI', 'male', '1982-05-01', 'ADIMP_ORA', '2026-12-19');
-- G (level 6): released in January 2026, two women and three recalls
INSERT INTO scenario (n, prison, sex, born, sentence, crd, recall, released) VALUES
	(36, 'AGI', 'female', '1980-01-01', 'ADIMP_ORA', '2026-01-20', false, '2026-01-20'),
	(37, 'ESI', 'female', '1975-01-01', 'ADIMP_ORA', '2026-01-21', false, '2026-01-21'),
	(38, 'LEI', 'male', '1988-01-01', 'LR', '2026-01-22', true, '2026-01-22'),
	(39, 'BMI', 'male', '1998-01-01', 'LR', '2026-01-23', true, '2026-01-23'),
	(40, 'CFI', 'male', '1960-01-01', 'LR', '2026-01-24', true, '2026-01-24');
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
SELECT 'W' || lpad(n::text, 4, '0') || 'AA', 'Scenario', 'Person-' || n, born, sex FROM scenario;
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd,
	sentence_type, recall)
SELECT 9000 + n, 'W' || lpad(n::text, 4, '0') || 'AA', prison,
       CASE WHEN released IS NULL THEN date '2025-01-10' ELSE date '2024-06-10' END,
       CASE WHEN released IS NULL THEN date '2025-01-10' ELSE date '2024-06-10' END, crd, sentence, recall
FROM scenario;
UPDATE resettle.custody AS c SET released_on = s.released
FROM scenario AS s WHERE c.id = 9000 + s.n AND s.released IS NOT NULL;
SET resettle.today = '2026-03-09';
-- March's release is stored (the ten's): store it again
SELECT resettle.refresh_analyst_views() AS stored, resettle.refresh_analyst_views(force => true) AS stored_again;

-- one group per level; a value generalised away is NULL
SELECT disclosure_level, prison_code, region, sex, age_band, case_type, sentence_type, handover_type,
       release_period, released, responsibility, handover_status, count(*)
FROM resettle.analyst_cases
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 ORDER BY 1, 9, 2;
-- every view shows an episode with the same values: the same groups
SELECT disclosure_level, prison_code, region, sex, age_band, case_type, sentence_type, release_period,
       months_to_release, responsibility, handover_status, readiness, count(*)
FROM resettle.analyst_releases_due
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 ORDER BY 1, 8, 2, 12;
SELECT disclosure_level, prison_code, age_band, release_period, status, handover_period, months_to_handover,
       handover_type, com_allocated, count(*)
FROM resettle.analyst_handovers GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
SELECT disclosure_level, sex, case_type, release_period, returned_to_custody, settled_accommodation,
       id_document, bank_account, com_allocated, count(*)
FROM resettle.analyst_release_outcomes GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
-- a change's period is the episode's own grain, shown where five people of
-- its group made the same change in it
SELECT disclosure_level, release_period, change_number, period, from_level, to_level, count(*)
FROM resettle.analyst_readiness_history
GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 5 NULLS FIRST, 6, 4;
-- the case pseudonym: HMAC-SHA256 of the episode and the reference month,
-- so it changes every month
SELECT count(*) AS matched FROM resettle.analyst_cases AS v
JOIN (SELECT encode(resettle.hmac_sha256(k.key, convert_to('custody:' || c.id || '@202603', 'UTF8')), 'hex') AS p
      FROM resettle.custody AS c, resettle.pseudonym_key AS k WHERE c.id > 9000) AS x
  ON x.p = v.case_pseudonym;
CREATE TEMP TABLE march AS SELECT * FROM resettle.analyst_cases;
SELECT reference_month, count(*) AS cases, count(*) FILTER (WHERE released) AS released,
       count(*) FILTER (WHERE com_allocated) AS com_allocated
FROM resettle.analyst_cases GROUP BY 1;

-- a release, a COM allocated and a new reception after the reference date
-- change nothing until the next month, even stored again
UPDATE resettle.custody SET released_on = '2026-03-05' WHERE id = 9001;
UPDATE resettle.custody SET com_name = 'Cam Com', com_allocated_on = '2026-03-06' WHERE id = 9031;
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('W0041AA', 'Scenario', 'Person-41', '1992-06-01', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd, sentence_type)
VALUES (9041, 'W0041AA', 'BXI', '2026-03-04', '2026-03-04', '2027-02-20', 'ADIMP_ORA');
SELECT resettle.refresh_analyst_views(force => true) AS stored;
SELECT (SELECT count(*) FROM (SELECT * FROM resettle.analyst_cases EXCEPT ALL SELECT * FROM march) AS x) AS added,
       (SELECT count(*) FROM (SELECT * FROM march EXCEPT ALL SELECT * FROM resettle.analyst_cases) AS x) AS removed;
-- the month's release is stored once: stored again unforced, nothing to do;
-- an episode received in February but recorded after it is computed, and
-- shown once the release is stored again
SELECT resettle.refresh_analyst_views() AS again, (SELECT count(*) FROM resettle.analyst_change_snapshot) AS changes;
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('W0046AA', 'Scenario', 'Person-46', '1992-07-01', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd, sentence_type)
VALUES (9046, 'W0046AA', 'BXI', '2026-02-20', '2026-02-20', '2027-02-21', 'ADIMP_ORA');
SELECT (SELECT count(*) FROM resettle.analyst_cases) AS shown, (SELECT count(*) FROM resettle.analyst_case_base) AS computed;
SELECT resettle.refresh_analyst_views(force => true) AS stored_again;
DELETE FROM resettle.custody WHERE id = 9046;
SELECT resettle.refresh_analyst_views(force => true) AS stored_again;
-- rotating the key changes every pseudonym
SELECT resettle.rotate_pseudonym_key() IS NOT NULL AS rotated;
SELECT count(*) AS pseudonyms_kept FROM resettle.analyst_cases JOIN march USING (case_pseudonym);
-- in April the views show March until April's release is stored; then the
-- month has moved on for everyone and every pseudonym has changed.  But an
-- episode moves from its group of the stored release (March's) to another
-- only with at least four other people making the same move: the one
-- released in March (9001) keeps its March row in A (held: in custody, its
-- state as at 1 March) and the new episode (9041) is counted at level 7,
-- each alone in its move; H, whose handovers fell due on 1-5 April (a state
-- too small to show), moves to level 7 whole: five people
CREATE TEMP TABLE stored_march AS SELECT * FROM resettle.analyst_case_snapshot;
SET resettle.today = '2026-04-09';
SELECT DISTINCT reference_month FROM resettle.analyst_cases;
SELECT resettle.refresh_analyst_views() AS stored;
SELECT reference_month, disclosure_level, count(*), count(released) AS states_shown
FROM resettle.analyst_cases GROUP BY 1, 2 ORDER BY 2;
SELECT count(*) AS pseudonyms_kept FROM resettle.analyst_cases JOIN march USING (case_pseudonym);
-- what the ladder alone would publish, and what is stored: the held rows
SELECT b.custody_id, b.disclosure_level AS ladder_level, b.released AS ladder_released,
       b.handover_status AS ladder_handover,
       s.disclosure_level AS stored_level, s.released AS stored_released,
       s.handover_status AS stored_handover, s.state_as_at AS stored_state_as_at
FROM resettle.analyst_case_base AS b
JOIN resettle.analyst_case_snapshot AS s USING (custody_id)
WHERE resettle.analyst_group_key(ROW(b.*)::resettle.analyst_case_base)
      IS DISTINCT FROM resettle.analyst_group_key(ROW(s.*)::resettle.analyst_case_base)
ORDER BY 1;
-- every move between March's groups and April's is of none or five people
CREATE TEMP TABLE stored_april AS SELECT * FROM resettle.analyst_case_snapshot;
CREATE TEMP VIEW stored_before AS SELECT * FROM stored_march;
CREATE TEMP VIEW flows AS
SELECT x.prev, x.now, count(DISTINCT x.prison_number) AS people
FROM (SELECT COALESCE(resettle.analyst_group_key(ROW(a.*)::resettle.analyst_case_base), '7') AS prev,
             COALESCE(resettle.analyst_group_key(ROW(b.*)::resettle.analyst_case_base), '7') AS now,
             COALESCE(a.prison_number, b.prison_number) AS prison_number
      FROM stored_before AS a FULL JOIN resettle.analyst_case_snapshot AS b USING (custody_id)) AS x
WHERE x.prev <> x.now GROUP BY 1, 2;
SELECT prev, now, people FROM flows ORDER BY 1, 2;
-- in May, A's other four have been released in April: the five leave A
-- together (9001 with them; released early, a state too small to show: to
-- level 7), and A, left with no one, is gone; 9041 stays at level 7
UPDATE resettle.custody SET released_on = date '2026-04-10' + (id - 9002)::integer WHERE id BETWEEN 9002 AND 9005;
SET resettle.today = '2026-05-09';
SELECT resettle.refresh_analyst_views() AS stored;
SELECT s.custody_id, s.disclosure_level, s.released, s.release_period, s.state_as_at
FROM resettle.analyst_case_snapshot AS s WHERE s.custody_id BETWEEN 9001 AND 9005 OR s.custody_id = 9041
ORDER BY 1;
CREATE OR REPLACE TEMP VIEW stored_before AS SELECT * FROM stored_april;
SELECT prev, now, people FROM flows ORDER BY 1, 2;
UPDATE resettle.custody SET released_on = NULL WHERE id BETWEEN 9002 AND 9005;
-- back to March for the ladder's own steps below, each from no stored
-- release (as after a restore)
SET resettle.today = '2026-03-09';
TRUNCATE resettle.analyst_case_snapshot, resettle.analyst_change_snapshot;
SELECT resettle.refresh_analyst_views() AS stored;

-- two remand prisoners (a state of their own, too small): level 7, which
-- takes in the smallest group (the level-6 group: as light as the others,
-- and the most generalised)
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('W0042AA', 'Scenario', 'Person-42', '1999-01-01', 'male'),
       ('W0043AA', 'Scenario', 'Person-43', '1999-02-01', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, remand)
VALUES (9042, 'W0042AA', 'LEI', '2026-01-05', true), (9043, 'W0043AA', 'LEI', '2026-01-05', true);
TRUNCATE resettle.analyst_case_snapshot, resettle.analyst_change_snapshot;
SELECT resettle.refresh_analyst_views(force => true) AS stored;
SELECT disclosure_level, count(*), count(case_pseudonym) AS pseudonyms, count(released) AS states_shown
FROM resettle.analyst_cases GROUP BY 1 ORDER BY 1;
-- two women in custody whose release is due (the first state, but no
-- group of theirs reaches five): the state's smallest group, F at level 5,
-- joins them at level 6
SET resettle.today = '2026-02-16';
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('W0044AA', 'Scenario', 'Person-44', '1980-01-01', 'female'),
       ('W0045AA', 'Scenario', 'Person-45', '1990-01-01', 'female');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd, sentence_type)
VALUES (9044, 'W0044AA', 'AGI', '2025-01-10', '2025-01-10', '2027-06-15', 'ADIMP_ORA'),
       (9045, 'W0045AA', 'ESI', '2025-01-10', '2025-01-10', '2028-06-15', 'ADIMP_ORA');
SET resettle.today = '2026-03-09';
TRUNCATE resettle.analyst_case_snapshot, resettle.analyst_change_snapshot;
SELECT resettle.refresh_analyst_views(force => true) AS stored;
SELECT disclosure_level, sex, case_type, released, responsibility, count(*)
FROM resettle.analyst_cases GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5;
-- fewer than five people in all: nothing is published
DELETE FROM resettle.custody WHERE id > 9004;
SELECT resettle.refresh_analyst_views(force => true) AS stored;
SELECT (SELECT count(*) FROM resettle.analyst_cases) AS cases,
       (SELECT count(*) FROM resettle.analyst_release_outcomes) AS outcomes,
       (SELECT count(*) FROM resettle.analyst_readiness_history) AS history,
       (SELECT count(*) FROM resettle.analyst_releases_due) AS due,
       (SELECT count(*) FROM resettle.analyst_handovers) AS handovers;
ROLLBACK;
