--
-- Issue #19, the rule semantics settled (docs/rules.md): each point at its
-- boundaries, through the tables, the rules, the flags, the lists and the
-- release outcome.
--
\set VERBOSITY default
SET datestyle = 'ISO, YMD';
SET resettle.today = '2026-03-09';

--
-- 1. A COM is recorded: a COM name or email, a blank one being none
--
SELECT label, resettle.is_blank(v) AS blank
FROM (VALUES ('empty', ''), ('space', ' '), ('tab, newline, CR', E'\t\n\r '),
             ('no-break space', U&'\00A0'), ('ideographic and em space', U&'\3000\2003'),
             ('next line U+0085', U&'\0085'), ('zero width space', U&'\200B'),
             ('BOM', U&'\FEFF'), ('a dot', '.'), ('a name', 'Pat Jones'),
             ('a name in no-break spaces', U&'\00A0Pat\00A0'), ('null', NULL)) AS t (label, v);

-- five cases alike but for their COM: released 2026-06-01, handover date
-- 2025-09-17, so on 2026-03-09 the COM is responsible and overdue
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
SELECT 'C' || i || 'AA', 'Com', 'Case ' || i, '1990-01-01', 'male' FROM generate_series(1901, 1905) AS i;
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd,
	com_name, com_email)
VALUES (19001, 'C1901AA', 'BXI', '2025-01-01', '2025-01-01', '2026-06-01', '   ', ''),
       (19002, 'C1902AA', 'BXI', '2025-01-01', '2025-01-01', '2026-06-01', U&'\00A0\3000', NULL),
       (19003, 'C1903AA', 'BXI', '2025-01-01', '2025-01-01', '2026-06-01', NULL, 'pat@example.org'),
       (19004, 'C1904AA', 'BXI', '2025-01-01', '2025-01-01', '2026-06-01', 'Pat Jones', NULL),
       (19005, 'C1905AA', 'BXI', '2025-01-01', '2025-01-01', '2026-06-01', U&'\200B', NULL);
-- blank names and emails are stored as NULL; the rules, the flags and the
-- lists agree on every case
SELECT c.id, c.com_name IS NULL AS name_null, c.com_email IS NULL AS email_null,
       c.responsibility, c.handover_date,
       resettle.com_recorded(c.com_name, c.com_email) AS recorded,
       resettle.needs_com(c.responsibility, c.com_name, c.com_email) AS needs_com,
       resettle.com_allocation_overdue(c.responsibility, c.handover_date, c.com_name,
           c.com_email, resettle.today()) AS overdue,
       v.com_allocated, v.com_overdue,
       EXISTS (SELECT 1 FROM resettle.v_com_overdue AS o WHERE o.custody_id = c.id) AS in_v_com_overdue,
       EXISTS (SELECT 1 FROM resettle.handovers('overdue') AS h
               WHERE h.prison_number = c.prison_number::text) AS in_handovers,
       array_to_string(array(SELECT g FROM unnest(c.readiness_gaps) AS g
                             WHERE g LIKE 'handover.com%'), ' ') AS com_gaps
FROM resettle.custody AS c JOIN resettle.v_cases AS v ON v.custody_id = c.id
WHERE c.id BETWEEN 19001 AND 19005 ORDER BY c.id;
-- a name made blank later is none; the needs_com of 1.1 (no email) still works
UPDATE resettle.custody SET com_name = U&'\2028 ' WHERE id = 19004;
SELECT com_name IS NULL AS name_null, readiness_gaps,
       resettle.needs_com(responsibility, com_name) AS needs_com
FROM resettle.custody WHERE id = 19004;
-- resettle set --com refuses a blank name, and the table one written with
-- the triggers off
SELECT * FROM resettle.record_com('C1904AA', U&'\00A0\3000');
SET session_replication_role = replica;
UPDATE resettle.custody SET com_name = U&'\3000' WHERE id = 19003;
RESET session_replication_role;
-- the release outcome counts the same COMs
SET resettle.today = '2026-06-01';
UPDATE resettle.custody SET released_on = '2026-06-01' WHERE id BETWEEN 19001 AND 19005;
SELECT custody_id, com_allocated, array_to_string(array(SELECT g FROM unnest(gaps) AS g
                                                        WHERE g LIKE 'handover.com%'), ' ') AS com_gaps
FROM resettle.release_outcome WHERE custody_id BETWEEN 19001 AND 19005 ORDER BY custody_id;
SET resettle.today = '2026-03-09';

--
-- 2. One fact, one gap
--
-- a case where everything is done, released 2027-06-01 (handover date
-- 2026-09-17), as a facts row; each probe changes one fact
CREATE TEMP TABLE base AS
SELECT jsonb_build_object(
	'custody_id', 1, 'sentence_start', '2025-01-01', 'crd', '2027-06-01',
	'release_date', '2027-06-01', 'reception_date', '2025-01-01',
	'indeterminate', false, 'recall', false, 'immigration', false,
	'early_allocation', false, 'open_conditions', false, 'additional_isp', false,
	'parole_outcome_not_release', false, 'remand', false, 'civil', false,
	'date_of_birth', '1990-01-01',
	'com_name_present', true, 'com_email_present', true, 'enhanced_handover', false,
	'reviewed_oasys', true, 'contacted_com', true, 'attended_handover_meeting', true,
	'sent_handover_report', true, 'pathways_not_started', 0,
	'family_pathway_not_started', false, 'immediate_needs_complete', 7,
	'pre_release_complete', 7, 'has_accommodation_record', true,
	'release_plan', 'return_to_previous_address', 'address_confirmed', true,
	'no_fixed_abode_before', false, 'at_risk_of_homelessness', false,
	'has_duty_to_refer', false, 'id_held', true, 'id_application_open', false,
	'id_application_accepted', false, 'bank_held_or_opened', true,
	'bank_pending', false, 'bank_latest_failed', false) AS facts;
CREATE FUNCTION pg_temp.probe(change jsonb, as_of date,
	OUT level resettle.readiness_level, OUT gaps text)
LANGUAGE sql AS $$
SELECT e.level, array_to_string(e.gaps, ' ')
FROM pg_temp.base AS b,
     resettle.evaluate(jsonb_populate_record(NULL::resettle.case_facts, b.facts || change), as_of) AS e
$$;

-- a missing COM: the warning while the COM supports, from the handover date
-- while responsible, then the error alone from the handover date + 2; the
-- warning stays when the error is disabled
SELECT label, as_of, (pg_temp.probe(change, as_of)).*
FROM (VALUES
	('no COM, handover - 1', '{"com_name_present": false, "com_email_present": false}'::jsonb, DATE '2026-09-16'),
	('no COM, handover day', '{"com_name_present": false, "com_email_present": false}', DATE '2026-09-17'),
	('no COM, handover + 1', '{"com_name_present": false, "com_email_present": false}', DATE '2026-09-18'),
	('no COM, handover + 2', '{"com_name_present": false, "com_email_present": false}', DATE '2026-09-19'),
	('no COM, handover + 3', '{"com_name_present": false, "com_email_present": false}', DATE '2026-09-20'),
	('an email only, handover + 2', '{"com_name_present": false}', DATE '2026-09-19'),
	('a name only, handover + 2', '{"com_email_present": false}', DATE '2026-09-19'),
	-- a recall: the COM is responsible with no handover date, so never overdue
	('recall, no COM', '{"com_name_present": false, "com_email_present": false, "recall": true}', DATE '2026-09-19')
) AS v (label, change, as_of);
UPDATE resettle.rule SET enabled = false WHERE code = 'handover.com_overdue';
SELECT (pg_temp.probe('{"com_name_present": false, "com_email_present": false}', '2026-09-19')).*
	AS overdue_disabled;
UPDATE resettle.rule SET enabled = true WHERE code = 'handover.com_overdue';

-- a release date is expected of a determinate sentence, not of an
-- indeterminate one or an immigration detainee
SELECT label, (pg_temp.probe(change, '2026-01-01')).*
FROM (VALUES
	('determinate, no release date', '{"release_date": null, "crd": null, "ped": "2027-06-01"}'::jsonb),
	('recall, no release date', '{"release_date": null, "crd": null, "ped": "2027-06-01", "recall": true}'),
	('indeterminate, no release date', '{"release_date": null, "crd": null, "indeterminate": true, "ted": "2028-01-01"}'),
	('indeterminate, tariff passed, no release date', '{"release_date": null, "crd": null, "indeterminate": true, "ted": "2025-06-01"}'),
	('indeterminate, release directed (APD)', '{"crd": null, "indeterminate": true, "ted": "2025-06-01"}'),
	('immigration detainee', '{"release_date": null, "crd": null, "sentence_start": null, "immigration": true}')
) AS v (label, change);

-- the duty to refer: not once an address is confirmed for release (any
-- secured plan); at its threshold otherwise
SELECT label, t, (pg_temp.probe(change, DATE '2027-06-01' - t)).*
FROM (VALUES
	('at risk, address confirmed', '{"at_risk_of_homelessness": true}'::jsonb),
	('no fixed abode, CAS3 confirmed', '{"no_fixed_abode_before": true, "release_plan": "cas3"}'),
	('at risk, address not confirmed', '{"at_risk_of_homelessness": true, "address_confirmed": false}'),
	('nowhere to go', '{"release_plan": "does_not_have_anywhere", "address_confirmed": false}'),
	('at risk, not confirmed, referred', '{"at_risk_of_homelessness": true, "address_confirmed": false, "has_duty_to_refer": true}')
) AS v (label, change), unnest(ARRAY[57, 56]) AS t
ORDER BY label, t DESC;

-- stored cases: an indeterminate case without a release date is on track
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('L1920AA', 'Life', 'Sentence', '1970-01-01', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start,
	indeterminate, ted, com_name)
VALUES (19200, 'L1920AA', 'BXI', '2020-01-01', '2020-01-01', true, '2030-01-01', 'Pat Jones');
INSERT INTO resettle.assessment (custody_id, pathway, assessment_type, status, completed_on)
SELECT 19200, p, 'immediate_needs', 'complete', '2020-01-03' FROM unnest(enum_range(NULL::resettle.pathway)) AS p;
SELECT readiness, readiness_gaps, release_date, handover_reason FROM resettle.custody WHERE id = 19200;

--
-- 3. A pending ID application near release
--
SELECT label, t, (pg_temp.probe(change, DATE '2027-06-01' - t)).*
FROM (VALUES
	('pending', '{"id_held": false, "id_application_open": true}'::jsonb),
	('accepted', '{"id_held": false, "id_application_open": true, "id_application_accepted": true}'),
	('pending, and a document held', '{"id_application_open": true}'),
	('none', '{"id_held": false}')
) AS v (label, change), unnest(ARRAY[15, 14, 13, 0]) AS t
ORDER BY label, t DESC;
SELECT rule, severity, message, due_on
FROM base AS b, resettle.evaluate_gaps(jsonb_populate_record(NULL::resettle.case_facts,
	b.facts || '{"id_held": false, "id_application_open": true}'), '2027-05-25');
SELECT code, title, severity, warn_days, error_days, enabled FROM resettle.rule
WHERE code LIKE 'id.%' ORDER BY code;
-- through the tables: an application recorded pending, then the release nears
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('I1930AA', 'Id', 'Pending', '1990-01-01', 'female');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
VALUES (19300, 'I1930AA', 'BZI', '2025-01-01', '2025-01-01', '2026-04-01');
SELECT readiness_before, readiness, gaps_closed, gaps_opened
FROM resettle.set_id_document('I1930AA', 'passport', 'application_pending', '2026-02-01');
SELECT d, resettle.readiness(19300, d),
       ARRAY(SELECT rule FROM resettle.check(19300, d) WHERE rule LIKE 'id.%') AS id_gaps
FROM unnest(ARRAY['2026-03-17', '2026-03-18', '2026-04-01']::date[]) AS d;

--
-- 4. The latest bank application, whatever the order it was recorded in
--
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
SELECT 'B' || i || 'AA', 'Bank', 'Tie ' || i, '1990-01-01', 'male' FROM generate_series(1941, 1946) AS i;
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
SELECT 19400 + i, 'B' || (1940 + i) || 'AA', 'BXI', '2025-01-01', '2025-01-01', '2026-06-01'
FROM generate_series(1, 6) AS i;
-- 19401, 19402: declined and pending applied the same day, in either order;
-- 19403, 19404: two failures the same day, in either order; 19405: a
-- pending application, then a later one declined; 19406: declined and
-- pending the same day, the decline dated later
INSERT INTO resettle.bank_account (custody_id, bank_name, status, applied_on, status_on) VALUES
	(19401, 'Barclays', 'declined', '2026-03-02', '2026-03-05'),
	(19401, 'Lloyds', 'pending', '2026-03-02', '2026-03-02'),
	(19402, 'Lloyds', 'pending', '2026-03-02', '2026-03-02'),
	(19402, 'Barclays', 'declined', '2026-03-02', '2026-03-05'),
	(19403, 'Barclays', 'declined', '2026-03-02', '2026-03-05'),
	(19403, 'Lloyds', 'returned_incomplete', '2026-03-02', '2026-03-04'),
	(19404, 'Lloyds', 'returned_incomplete', '2026-03-02', '2026-03-04'),
	(19404, 'Barclays', 'declined', '2026-03-02', '2026-03-05'),
	(19405, 'Lloyds', 'pending', '2026-03-01', '2026-03-01'),
	(19405, 'Barclays', 'declined', '2026-03-02', '2026-03-05'),
	(19406, 'Barclays', 'declined', '2026-03-02', '2026-03-08'),
	(19406, 'Lloyds', 'pending', '2026-03-02', '2026-03-02');
SELECT f.custody_id, f.bank_pending, f.bank_latest_failed,
       'bank.application_failed' = ANY (c.readiness_gaps) AS failed_gap
FROM resettle.case_facts AS f JOIN resettle.custody AS c ON c.id = f.custody_id
WHERE f.custody_id BETWEEN 19401 AND 19406 ORDER BY f.custody_id;
-- the case card lists the application the rules read first
SELECT field, value FROM resettle.case_card('B1942AA') WHERE section = 'bank_account';
-- resettle set --bank records the outcome on that application, the pending one
SELECT readiness_before, readiness, gaps_closed, gaps_opened
FROM resettle.set_bank_account('B1942AA', 'opened', status_on => '2026-03-09');
SELECT bank_name, status, applied_on, status_on FROM resettle.bank_account
WHERE custody_id = 19402 ORDER BY bank_name;

--
-- 5. resettle.rule means what it says
--
-- a threshold the rule does not use, a NULL one it uses, an unknown code
UPDATE resettle.rule SET warn_days = 30 WHERE code = 'id.none';
UPDATE resettle.rule SET error_days = 90 WHERE code = 'bank.application_failed';
UPDATE resettle.rule SET warn_days = NULL WHERE code = 'pathway.not_started';
UPDATE resettle.rule SET error_days = NULL WHERE code = 'accommodation.none';
INSERT INTO resettle.rule (code, title, severity, warn_days, error_days, enabled, source)
VALUES ('id.lost', 'Made up', 'warning', 14, NULL, true, 'none');
-- a restored row must say the same
INSERT INTO resettle.rule (code, title, severity, warn_days, error_days, enabled, source)
VALUES ('id.none', 'ID document held or applied for', 'error', NULL, NULL, true, 'restored');
-- the constraint holds with the trigger off
SET session_replication_role = replica;
UPDATE resettle.rule SET warn_days = 30 WHERE code = 'id.none';
RESET session_replication_role;
-- every shipped row is valid; disabling is by enabled
SELECT count(*) AS invalid_rows FROM resettle.rule
WHERE NOT resettle.rule_settings_valid(code, warn_days, error_days);
UPDATE resettle.rule SET enabled = false WHERE code = 'pathway.not_started';
SELECT (pg_temp.probe('{"pathways_not_started": 1}', DATE '2027-06-01' - 84)).* AS pathway_disabled;
UPDATE resettle.rule SET enabled = true WHERE code = 'pathway.not_started';
-- severity applies to accommodation.none: from error_days; before, a warning
SELECT t, g.severity, g.due_on
FROM base AS b, unnest(ARRAY[85, 84, 57, 56]) AS t
LEFT JOIN LATERAL resettle.evaluate_gaps(jsonb_populate_record(NULL::resettle.case_facts,
	b.facts || '{"address_confirmed": false}'), DATE '2027-06-01' - t) AS g ON true
ORDER BY t DESC;
UPDATE resettle.rule SET severity = 'warning' WHERE code = 'accommodation.none';
SELECT t, g.severity, g.due_on,
       (resettle.evaluate(jsonb_populate_record(NULL::resettle.case_facts,
           b.facts || '{"address_confirmed": false}'), DATE '2027-06-01' - t)).level
FROM base AS b, unnest(ARRAY[84, 56]) AS t
LEFT JOIN LATERAL resettle.evaluate_gaps(jsonb_populate_record(NULL::resettle.case_facts,
	b.facts || '{"address_confirmed": false}'), DATE '2027-06-01' - t) AS g ON true
ORDER BY t DESC;
UPDATE resettle.rule SET severity = 'error' WHERE code = 'accommodation.none';

--
-- 6. ID on release: a document held, apart from an application
-- 7. the outcome's handover date: the rules' as of the release day
--
SET resettle.today = '2026-03-09';
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
SELECT 'O' || i || 'AA', 'Out', 'Come ' || i, '1990-01-01', 'male' FROM generate_series(1961, 1964) AS i;
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('O1965AA', 'Young', 'At Release', '2008-01-01', 'female');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd, com_name,
	com_allocated_on)
SELECT 19600 + i, 'O' || (1960 + i) || 'AA', 'BZI', '2025-01-01', '2025-01-01', '2026-06-01',
	'Pat Jones', '2025-09-18'
FROM generate_series(1, 5) AS i;
-- 19601: an application accepted; 19602: a document held; 19603: an
-- application pending; 19604: an application rejected
INSERT INTO resettle.id_document (custody_id, document_type, status, applied_on) VALUES
	(19601, 'passport', 'application_accepted', '2026-01-10'),
	(19602, 'birth_certificate', 'held', NULL),
	(19603, 'passport', 'application_pending', '2026-02-10'),
	(19604, 'driving_licence', 'application_rejected', '2026-01-10');
UPDATE resettle.custody SET released_on = '2026-03-09' WHERE id BETWEEN 19601 AND 19604;
SELECT o.custody_id, o.id_document, o.id_applied, o.id_document OR o.id_applied AS held_or_applied,
       v.id_document AS v_id_document, v.id_applied AS v_id_applied
FROM resettle.release_outcome AS o JOIN resettle.v_release_outcomes AS v USING (custody_id)
WHERE o.custody_id BETWEEN 19601 AND 19604 ORDER BY o.custody_id;
-- 19605 left on 2025-12-31, aged 17 (out of scope then), loaded now, aged
-- 18: its custody row has the adult handover date as of today, the outcome
-- the release day's (none); 19601's is the same either way
UPDATE resettle.custody SET released_on = '2025-12-31' WHERE id = 19605;
SELECT c.id, c.handover_date AS stored_handover_date, o.handover_date AS outcome_handover_date,
       o.com_allocated_by_handover, array_length(o.gaps, 1) AS outcome_gaps
FROM resettle.custody AS c JOIN resettle.release_outcome AS o ON o.custody_id = c.id
WHERE c.id IN (19601, 19605) ORDER BY c.id;

--
-- 10. The scope gate: a sentence start and a release date of any kind
--
SET resettle.today = '2026-03-09';
SELECT label, h.*
FROM (VALUES
	('SSD, APD only', '2025-01-01'::date, '2026-04-01'::date, NULL::date),
	('SSD, no date', '2025-01-01', NULL, NULL),
	('no SSD, a release date', NULL, '2026-04-01', NULL),
	('SSD, CRD', '2025-01-01', '2026-04-01', '2026-04-01')
) AS v (label, ssd, rd, crd),
LATERAL resettle.handover(v.ssd, crd => v.crd, release_date => v.rd, as_of => '2026-03-09') AS h;
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('S1901AA', 'Parole', 'Directed', '1980-01-01', 'male'),
       ('S1902AA', 'Date', 'Confirmed', '1980-01-01', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, apd,
	confirmed_release_date)
VALUES (19901, 'S1901AA', 'BXI', '2024-01-01', '2024-01-01', '2026-04-01', NULL),
       (19902, 'S1902AA', 'BXI', '2024-01-01', '2024-01-01', NULL, '2026-05-01');
SELECT c.id, c.release_date, c.responsibility, c.handover_reason, c.readiness,
       array_to_string(c.readiness_gaps, ' ') AS gaps, h.reason AS handover_of_row
FROM resettle.custody AS c, LATERAL resettle.handover(c, '2026-03-09') AS h
WHERE c.id IN (19901, 19902) ORDER BY c.id;

RESET resettle.today;
