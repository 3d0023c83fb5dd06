--
-- Release readiness: one case from reception to release, the rules at
-- their thresholds, tuning, bulk loads, and what users may not write.
--
\set VERBOSITY default
SET datestyle = 'ISO, YMD';
SET resettle.today = '2026-01-01';

-- The rule catalogue as shipped
SELECT code, severity, warn_days, error_days, enabled FROM resettle.rule ORDER BY code;
SELECT count(*) AS rules_without_source FROM resettle.rule WHERE source = '';

-- Reception: a determinate case, release 2026-06-01
INSERT INTO resettle.person (prison_number, crn, given_name, family_name, date_of_birth, sex)
VALUES ('R1000AA', 'R100000', 'Walk', 'Through', '1990-01-01', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
VALUES (1000, 'R1000AA', 'BXI', '2025-12-20', '2025-12-20', '2026-06-01');
SELECT readiness, readiness_gaps, readiness_as_of, responsibility, handover_date FROM resettle.custody WHERE id = 1000;
SELECT * FROM resettle.check(1000, '2026-01-01');

-- Immediate needs assessed for all seven pathways: the error goes
INSERT INTO resettle.assessment (custody_id, pathway, assessment_type, status, completed_on)
SELECT 1000, p, 'immediate_needs', 'submitted', '2025-12-22' FROM unnest(enum_range(NULL::resettle.pathway)) AS p;
SELECT readiness, readiness_gaps FROM resettle.custody WHERE id = 1000;

-- Time passes: refresh as of 12 weeks before release
SELECT resettle.refresh('2026-03-09') AS changed;
SELECT readiness, readiness_gaps, readiness_as_of, responsibility FROM resettle.custody WHERE id = 1000;
SELECT rule, severity, message, due_on FROM resettle.check(1000, '2026-03-09');

-- The work gets done, one statement at a time, on 2026-03-09
SET resettle.today = '2026-03-09';
UPDATE resettle.custody SET com_name = 'Pat Officer', com_email = 'pat.officer@example.org',
	com_allocated_on = '2026-03-09' WHERE id = 1000;
INSERT INTO resettle.pathway_status (custody_id, pathway, status)
SELECT 1000, p, 'in_progress' FROM unnest(enum_range(NULL::resettle.pathway)) AS p;
INSERT INTO resettle.assessment (custody_id, pathway, assessment_type, status, completed_on)
SELECT 1000, p, 'pre_release', 'complete', '2026-03-09' FROM unnest(enum_range(NULL::resettle.pathway)) AS p;
INSERT INTO resettle.handover_checklist (custody_id, reviewed_oasys, contacted_com, attended_handover_meeting)
VALUES (1000, true, true, true);
INSERT INTO resettle.accommodation (custody_id, lived_before, release_plan, address_confirmed)
VALUES (1000, 'family_or_friends', 'return_to_previous_address', true);
INSERT INTO resettle.id_document (custody_id, document_type, status, applied_on)
VALUES (1000, 'birth_certificate', 'application_pending', '2026-03-01');
INSERT INTO resettle.bank_account (custody_id, bank_name, status, applied_on)
VALUES (1000, 'Nationwide', 'declined', '2026-02-01');
SELECT readiness, readiness_gaps, readiness_as_of FROM resettle.custody WHERE id = 1000;
INSERT INTO resettle.bank_account (custody_id, bank_name, status, applied_on)
VALUES (1000, 'Co-op', 'pending', '2026-03-01');
SELECT readiness, readiness_gaps FROM resettle.custody WHERE id = 1000;
SELECT resettle.readiness(1000, '2026-05-20') AS two_weeks_out_pending_bank;
UPDATE resettle.bank_account SET status = 'opened', status_on = '2026-03-01' WHERE custody_id = 1000 AND status = 'pending';
UPDATE resettle.id_document SET status = 'application_accepted' WHERE custody_id = 1000;
INSERT INTO resettle.support_need (custody_id, need, status) VALUES (1000, 'gp_registration', 'met');
SELECT readiness, readiness_gaps FROM resettle.custody WHERE id = 1000;
SELECT resettle.readiness(1000, '2026-05-17') AS fifteen_days_out,
       resettle.readiness(1000, '2026-05-18') AS fourteen_days_out;

-- Release day
SET resettle.today = '2026-06-01';
UPDATE resettle.custody SET released_on = '2026-06-01' WHERE id = 1000;
SELECT readiness, readiness_gaps, readiness_as_of FROM resettle.custody WHERE id = 1000;
SELECT released_on, prison_code, settled_accommodation, id_document, bank_account,
       benefit_claim_needed, benefit_claim_started, gp_needed, gp_arranged,
       family_pathway_addressed, com_allocated, com_allocated_by_handover, handover_date, gaps,
       id_applied
FROM resettle.release_outcome WHERE custody_id = 1000;
SELECT as_of, from_level, to_level, gaps, changed_by = current_user AS by_me
FROM resettle.readiness_history WHERE custody_id = 1000 ORDER BY id;
-- a released case is not refreshed again
SELECT resettle.refresh('2026-07-01') AS changed;
SELECT readiness_as_of FROM resettle.custody WHERE id = 1000;

-- Rules at their thresholds (T = days to release)
SET resettle.today = '2026-01-01';
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('R2000AA', 'Edge', 'Case', '1990-01-01', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd,
                              com_name, enhanced_handover)
VALUES (2000, 'R2000AA', 'LEI', '2025-01-01', '2025-01-01', '2027-06-01', 'Sam Officer', false);
INSERT INTO resettle.assessment (custody_id, pathway, assessment_type, status, completed_on)
SELECT 2000, p, 'immediate_needs', 'complete', '2025-01-03' FROM unnest(enum_range(NULL::resettle.pathway)) AS p;
SELECT t AS days_to_release, array_to_string((resettle.evaluate(f, DATE '2027-06-01' - t)).gaps, ' ') AS gaps
FROM resettle.case_facts AS f, unnest(ARRAY[85, 84, 83, 57, 56, 55, 15, 14, 13, 8, 7, 6]) AS t
WHERE f.custody_id = 2000;
INSERT INTO resettle.support_need (custody_id, need, status)
VALUES (2000, 'benefit_claim', 'not_started'), (2000, 'release_prescription', 'in_progress');
SELECT t AS days_to_release, array_to_string((resettle.evaluate(f, DATE '2027-06-01' - t)).gaps, ' ') AS gaps
FROM resettle.case_facts AS f, unnest(ARRAY[15, 14, 8, 7]) AS t
WHERE f.custody_id = 2000;
-- immediate needs: due 5 days after reception
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('R3000AA', 'New', 'Arrival', '1990-01-01', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd, com_name)
VALUES (3000, 'R3000AA', 'LEI', '2025-12-20', '2025-12-20', '2028-06-01', 'Sam Officer');
SELECT d, array_to_string((resettle.evaluate(f, d)).gaps, ' ') AS gaps
FROM resettle.case_facts AS f,
     unnest(ARRAY['2025-12-24', '2025-12-25', '2025-12-26']::date[]) AS d
WHERE f.custody_id = 3000;

-- Tuning a rule takes effect in the next statement
UPDATE resettle.rule SET error_days = 120 WHERE code = 'id.none';
SELECT array_to_string((resettle.evaluate(f, DATE '2027-06-01' - 100)).gaps, ' ') AS with_id_at_120
FROM resettle.case_facts AS f WHERE f.custody_id = 2000;
SELECT array_to_string((resettle.evaluate(f, DATE '2027-06-01' - 80)).gaps, ' ') AS with_family
FROM resettle.case_facts AS f WHERE f.custody_id = 2000;
UPDATE resettle.rule SET enabled = false WHERE code = 'family.not_assessed';
SELECT array_to_string((resettle.evaluate(f, DATE '2027-06-01' - 80)).gaps, ' ') AS without_family
FROM resettle.case_facts AS f WHERE f.custody_id = 2000;
-- stored readiness follows tuning at once
SELECT readiness, readiness_gaps FROM resettle.custody WHERE id = 3000;
UPDATE resettle.rule SET error_days = 30 WHERE code = 'assessment.immediate_needs_overdue';
SELECT readiness, readiness_gaps FROM resettle.custody WHERE id = 3000;
UPDATE resettle.rule SET error_days = 5 WHERE code = 'assessment.immediate_needs_overdue';
SELECT readiness, readiness_gaps FROM resettle.custody WHERE id = 3000;
SELECT resettle.refresh('2026-01-01') AS stale_only, resettle.refresh('2026-01-01', all_cases => true) AS all_cases;

-- a corrected date of birth re-derives the case: under 18 is out of scope
UPDATE resettle.person SET date_of_birth = '2010-01-01' WHERE prison_number = 'R3000AA';
SELECT readiness, readiness_gaps, handover_reason FROM resettle.custody WHERE id = 3000;
UPDATE resettle.person SET date_of_birth = '1990-01-01' WHERE prison_number = 'R3000AA';
SELECT readiness, handover_reason FROM resettle.custody WHERE id = 3000;
UPDATE resettle.rule SET error_days = 84 WHERE code = 'id.none';
UPDATE resettle.rule SET enabled = true WHERE code = 'family.not_assessed';
UPDATE resettle.rule SET warn_days = -1 WHERE code = 'pathway.not_started';
UPDATE resettle.rule SET severity = 'fatal' WHERE code = 'pathway.not_started';
-- restoring a dump inserts rule rows again: they update the shipped ones
INSERT INTO resettle.rule (code, title, severity, warn_days, error_days, enabled, source)
VALUES ('bank.application_late', 'Bank account application still pending', 'warning', 21, NULL, true, 'restored');
SELECT code, warn_days, source FROM resettle.rule WHERE code = 'bank.application_late';
UPDATE resettle.rule AS r SET warn_days = c.warn_days, source = c.source
FROM resettle.rule_catalogue() AS c WHERE r.code = c.code AND r.code = 'bank.application_late';

-- Bulk COPY gives the same result as row-by-row inserts: cases 10001-10100
-- arrive in one COPY, 10101-10200 (the same data) one INSERT at a time
\getenv abs_builddir PG_ABS_BUILDDIR
\set bulkfile :abs_builddir '/results/readiness_bulk.csv'
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
SELECT 'B' || lpad(i::text, 4, '0') || 'BB', 'Bulk', 'Person ' || i, '1985-01-01', 'male'
FROM generate_series(1, 200) AS i;
CREATE TEMP TABLE bulk AS
SELECT 10000 + i AS id, 'B' || lpad(i::text, 4, '0') || 'BB' AS prison_number,
       (ARRAY['BXI', 'LEI', 'HMI'])[1 + i % 3] AS prison_code,
       DATE '2025-06-01' AS reception_date, DATE '2025-06-01' AS sentence_start,
       DATE '2026-01-01' + ((i - 1) % 100) * 3 AS crd, ((i - 1) % 100) % 7 = 0 AS recall
FROM generate_series(1, 200) AS i;
COPY (SELECT * FROM bulk WHERE id <= 10100) TO :'bulkfile' (FORMAT csv);
COPY resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd, recall)
FROM :'bulkfile' (FORMAT csv);
DO $$
DECLARE r record;
BEGIN
	FOR r IN SELECT * FROM bulk WHERE id > 10100 ORDER BY id LOOP
		INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd, recall)
		VALUES (r.id, r.prison_number, r.prison_code, r.reception_date, r.sentence_start, r.crd, r.recall);
	END LOOP;
END $$;
-- mirror cases (i and i + 100) hold the same data
SELECT count(*) AS copy_differs_from_insert
FROM resettle.custody AS a JOIN resettle.custody AS b ON b.id = a.id + 100
WHERE a.id BETWEEN 10001 AND 10100
  AND (a.readiness, a.readiness_gaps, a.release_date, a.handover_date, a.handover_reason)
      IS DISTINCT FROM (b.readiness, b.readiness_gaps, b.release_date, b.handover_date, b.handover_reason);
SELECT readiness, readiness_gaps, count(*) FROM resettle.custody WHERE id BETWEEN 10001 AND 10200
GROUP BY readiness, readiness_gaps ORDER BY readiness, readiness_gaps;
INSERT INTO resettle.accommodation (custody_id, release_plan, address_confirmed)
SELECT id, 'move_to_new_address', true FROM bulk WHERE id % 2 = 0;
-- every stored readiness equals a fresh evaluation, and history has one row per change
SELECT count(*) AS inconsistent
FROM resettle.custody AS c JOIN resettle.case_facts AS f ON f.custody_id = c.id,
     LATERAL resettle.evaluate(f, c.readiness_as_of) AS e
WHERE (c.readiness, c.readiness_gaps) IS DISTINCT FROM (e.level, e.gaps);
SELECT count(*) AS cases_without_history
FROM resettle.custody AS c
WHERE NOT EXISTS (SELECT 1 FROM resettle.readiness_history AS h WHERE h.custody_id = c.id);

-- What nobody may write
UPDATE resettle.custody SET readiness_gaps = '{made.up}' WHERE id = 2000;
UPDATE resettle.custody SET readiness_as_of = '2030-01-01' WHERE id = 2000;
UPDATE resettle.custody SET readiness_details = '[{"rule": "made.up"}]' WHERE id = 2000;
-- the stored details are the evaluation's, for every case
SELECT count(*) AS details_differ
FROM resettle.custody AS c
JOIN resettle.case_facts AS f ON f.custody_id = c.id,
     LATERAL resettle.evaluate(f, c.readiness_as_of) AS e
WHERE c.readiness_details IS DISTINCT FROM e.details AND c.readiness IS DISTINCT FROM 'released';
SELECT count(*) AS details_disagree_with_evaluate_gaps
FROM resettle.custody AS c
JOIN resettle.case_facts AS f ON f.custody_id = c.id
WHERE c.readiness IS DISTINCT FROM 'released'
  AND c.readiness_details IS DISTINCT FROM (
	SELECT COALESCE(jsonb_agg(jsonb_build_object('rule', g.rule, 'severity', g.severity,
		'message', g.message, 'due_on', g.due_on)), '[]')
	FROM resettle.evaluate_gaps(f, c.readiness_as_of) AS g);
UPDATE resettle.readiness_history SET to_level = 'ready' WHERE custody_id = 1000;
DELETE FROM resettle.readiness_history WHERE custody_id = 1000;
TRUNCATE resettle.readiness_history;
UPDATE resettle.release_outcome SET settled_accommodation = false WHERE custody_id = 1000;
DELETE FROM resettle.release_outcome;
CREATE ROLE readiness_writer;
GRANT USAGE ON SCHEMA resettle TO readiness_writer;
GRANT INSERT ON resettle.readiness_history, resettle.release_outcome TO readiness_writer;
SET ROLE readiness_writer;
INSERT INTO resettle.readiness_history (custody_id, as_of, to_level, gaps)
VALUES (1000, '2026-01-01', 'ready', '{}');
RESET ROLE;
DROP OWNED BY readiness_writer;
DROP ROLE readiness_writer;
SELECT count(*) AS history_rows_for_case FROM resettle.readiness_history WHERE custody_id = 1000;

-- bad input
SELECT resettle.refresh(NULL);
SELECT resettle.refresh('2026-01-01', NULL);
SELECT resettle.refresh('infinity');
SELECT * FROM resettle.check(424242, '2026-01-01');
SELECT resettle.readiness(424242, '2026-01-01') IS NULL AS unknown_case;
SELECT resettle.readiness(1000, NULL) IS NULL AS null_date;
SELECT resettle.evaluate(NULL, '2026-01-01') IS NULL AS null_facts,
       (SELECT count(*) FROM resettle.evaluate_gaps(NULL, '2026-01-01')) AS no_gaps;

RESET resettle.today;
