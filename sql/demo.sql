-- sql/demo.sql: what `make demo` loads and shows (run by scripts/demo).
-- Names are visibly synthetic.
\pset footer off
\pset columns 80
\echo
\echo '== Identifier types: canonical forms and check characters'
SELECT input, resettle.is_valid_nhs_number(input) AS valid_nhs
FROM (VALUES ('943 476 5919'), ('999 123 4560')) AS v(input);
SELECT ' a1234bc '::resettle.prison_number AS prison_number,
       '65656/91H'::resettle.cro_number AS cro_number,
       resettle.pnc_id('81/34U', current_date) AS pnc_id,
       'ab 12 34 56 c'::resettle.nino AS nino;
\echo
\echo '-- A deliberate error: a PNC ID with a wrong check character is refused:'
\set ON_ERROR_STOP 0
SELECT '2001/0171310S'::resettle.pnc_id;
\set ON_ERROR_STOP 1

\echo
\echo '== A few synthetic cases at HMP Brixton (BXI)'
INSERT INTO resettle.person (prison_number, crn, given_name, family_name, date_of_birth, sex)
VALUES ('A0001DM', 'X000001', 'Demo', 'Person-Alpha', '1985-03-14', 'male'),
       ('A0002DM', 'X000002', 'Demo', 'Person-Bravo', '1992-11-02', 'male'),
       ('A0003DM', 'X000003', 'Demo', 'Person-Charlie', '1979-07-21', 'male'),
       ('A0004DM', NULL, 'Demo', 'Person-Delta', '1990-01-30', 'male');
INSERT INTO resettle.custody (prison_number, prison_code, reception_date, sentence_start, crd, ped, ted,
                              indeterminate, recall, remand)
VALUES ('A0001DM', 'BXI', current_date - 200, current_date - 200, current_date + 150, NULL, NULL, false, false, false),
       ('A0002DM', 'BXI', current_date - 400, current_date - 400, current_date + 700, current_date + 300, NULL, false, false, false),
       ('A0003DM', 'BXI', current_date - 3000, current_date - 3000, NULL, NULL, current_date + 500, true, false, false),
       ('A0004DM', 'BXI', current_date - 20, NULL, NULL, NULL, NULL, false, false, true);
SELECT p.family_name AS name, c.release_date, c.responsibility, c.handover_date
FROM resettle.custody AS c JOIN resettle.person AS p USING (prison_number)
WHERE p.given_name = 'Demo'
ORDER BY c.prison_number;

\echo
\echo '== Their readiness and what is missing'
SELECT p.name, c.release_date, c.readiness, array_length(c.readiness_gaps, 1) AS gaps
FROM resettle.custody AS c JOIN resettle.person AS p USING (prison_number)
WHERE p.given_name = 'Demo'
ORDER BY c.prison_number;
SELECT rule, severity, due_on FROM resettle.check(
	(SELECT id FROM resettle.custody WHERE prison_number = 'A0001DM'));

\echo
\echo '== Person-Alpha gets a COM and an immediate needs assessment: readiness follows'
UPDATE resettle.custody SET com_name = 'Demo Officer', com_email = 'demo.officer@example.org',
	com_allocated_on = current_date
WHERE prison_number = 'A0001DM';
INSERT INTO resettle.assessment (custody_id, pathway, assessment_type, status, completed_on)
SELECT c.id, p, 'immediate_needs', 'submitted', current_date
FROM resettle.custody AS c, unnest(enum_range(NULL::resettle.pathway)) AS p
WHERE c.prison_number = 'A0001DM';
SELECT from_level, to_level, array_length(gaps, 1) AS gaps FROM resettle.readiness_history
WHERE custody_id = (SELECT id FROM resettle.custody WHERE prison_number = 'A0001DM')
ORDER BY id;
