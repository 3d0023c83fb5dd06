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

-- the analysts' pseudonymised lists: no names or identifiers, weeks not dates
SELECT prison_code, region, sex, age_band, case_type, weeks_to_release, readiness, gap_count,
       length(pseudonym) AS pseudonym_length
FROM resettle.analyst_releases_due ORDER BY weeks_to_release, prison_code, sex;
SELECT prison_code, status, weeks_to_handover, handover_type, com_allocated
FROM resettle.analyst_handovers ORDER BY status, prison_code;
SELECT case_type, count(*) FROM resettle.analyst_cases GROUP BY 1 ORDER BY 1;

DELETE FROM resettle.custody WHERE id BETWEEN 8001 AND 8010;
DELETE FROM resettle.person WHERE prison_number::text LIKE 'V%';
