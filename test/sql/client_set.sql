--
-- resettle set: the records the readiness rules read, written through the
-- set functions (sql/client/record_update.sql): each one's effect on
-- readiness (before and after), its defaults, and every bad value refused
-- with the valid values listed
--
SET datestyle = 'ISO, YMD';
SET resettle.today = '2026-03-09';
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('L1000AA', 'Set', 'Short', '1990-01-01', 'male'),
       ('L2000BB', 'Set', 'Handover', '1985-05-05', 'female');
-- 7101: released in 42 days, a short sentence (the COM is responsible);
-- 7102: released in 84 days, past its standard handover
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd,
	enhanced_handover)
VALUES (7101, 'L1000AA', 'BXI', '2025-12-20', '2025-12-20', '2026-04-20', NULL),
       (7102, 'L2000BB', 'BXI', '2024-01-01', '2024-01-01', '2026-06-01', false);
SELECT id, readiness, readiness_gaps FROM resettle.custody WHERE id IN (7101, 7102) ORDER BY id;

-- the valid values are read from the constraints
SELECT resettle.constraint_values('resettle.id_document', 'id_document_status_valid');
SELECT resettle.constraint_values('resettle.accommodation', 'accommodation_confirmed_needs_plan');
SELECT resettle.constraint_values('resettle.id_document', 'no_such_constraint');

-- ID documents: one current record per type
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_id_document('L1000AA', ' Passport ', 'APPLICATION_PENDING');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_id_document('l1000aa', 'passport', 'application_rejected', status_on => '2026-03-08');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_id_document('L1000AA', 'passport', 'application_pending', '2026-03-01');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_id_document('L1000AA', 'passport', 'application_accepted');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_id_document('L1000AA', 'birth_certificate', 'held');
SELECT document_type, status, applied_on, status_on FROM resettle.id_document
WHERE custody_id = 7101 ORDER BY id;
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_id_document('L1000AA', 'pasport', 'held');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_id_document('L1000AA', 'passport', 'lost');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_id_document('L1000AA', NULL, 'held');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_id_document('Z9999ZZ', 'passport', 'held');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_id_document('not a number', 'passport', 'held');

-- bank accounts: an application, its outcome, a new application, an account held
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_bank_account('L1000AA', 'opened');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_bank_account('L1000AA', 'pending', bank_name => 'Co-op');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_bank_account('L1000AA', 'pending', '2026-03-02');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_bank_account('L1000AA', 'declined');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_bank_account('L1000AA', 'returned_incomplete');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_bank_account('L1000AA', 'pending');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_bank_account('L1000AA', 'opened', bank_name => 'Lloyds');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_bank_account('L1000AA', 'held');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_bank_account('L1000AA', 'held', status_on => '2026-03-09');
SELECT bank_name, status, applied_on, status_on FROM resettle.bank_account
WHERE custody_id = 7101 ORDER BY id;
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_bank_account('L1000AA', 'closed');

-- accommodation: one row; a null leaves a field as it is
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_accommodation('L1000AA', address_confirmed => true);
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_accommodation('L1000AA', at_risk_of_homelessness => true);
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_accommodation('L1000AA', 'CAS3');
-- confirmed later, the stored plan standing: accommodation.none closes, and
-- the duty to refer with it (no duty-to-refer gap once an address is
-- confirmed); the referral recorded afterwards closes nothing
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_accommodation('L1000AA', address_confirmed => true);
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_accommodation('L1000AA', duty_to_refer_on => '2026-03-09',
	lived_before => 'hostel');
SELECT lived_before, release_plan, address_confirmed, at_risk_of_homelessness, duty_to_refer_on,
       updated_on
FROM resettle.accommodation WHERE custody_id = 7101;
-- the plan cannot be taken away while the address is confirmed
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_accommodation('L1000AA', 'no_answer');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_accommodation('L1000AA', 'castle');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_accommodation('L1000AA', lived_before => 'tent');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_accommodation('L1000AA', 'does_not_have_anywhere', false);
SELECT release_plan, address_confirmed FROM resettle.accommodation WHERE custody_id = 7101;

-- the handover checklist (standard handover: contacted COM, sent report)
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_handover_checklist('L2000BB', 'contacted_com', 'done');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_handover_checklist('L2000BB', 'sent_handover_report', 'Done');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_handover_checklist('L2000BB', 'contacted_com', 'not_done');
SELECT reviewed_oasys, contacted_com, attended_handover_meeting, sent_handover_report, updated_on
FROM resettle.handover_checklist WHERE custody_id = 7102;
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_handover_checklist('L2000BB', 'updated_on', 'done');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_handover_checklist('L2000BB', 'contacted_com', 'yes');

-- an assessment: of every pathway, or of one; any case; dated when complete
-- or submitted (today by default); a bad value listed
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_assessment('L1000AA', 'Immediate_Needs', 'submitted');
SELECT count(*), min(completed_on), max(completed_on) FROM resettle.assessment AS a
JOIN resettle.custody AS c ON c.id = a.custody_id
WHERE c.prison_number = 'L1000AA' AND c.released_on IS NULL AND a.assessment_type = 'immediate_needs';
SELECT readiness_before, readiness FROM resettle.set_assessment('L1000AA', 'pre_release', 'complete', 'HEALTH', '2026-03-01');
SELECT readiness_before, readiness FROM resettle.set_assessment('L1000AA', 'pre_release', 'in_progress', 'health');
SELECT a.pathway, a.status, a.completed_on FROM resettle.assessment AS a
JOIN resettle.custody AS c ON c.id = a.custody_id
WHERE c.prison_number = 'L1000AA' AND c.released_on IS NULL AND a.assessment_type = 'pre_release';
SELECT readiness_before, readiness FROM resettle.set_assessment('L1000AA', 'pre', 'complete');
SELECT readiness_before, readiness FROM resettle.set_assessment('L1000AA', 'pre_release', 'done');
SELECT readiness_before, readiness FROM resettle.set_assessment('L1000AA', 'pre_release', 'complete', 'finance');
SELECT readiness_before, readiness FROM resettle.set_assessment('L1000AA', 'pre_release', 'complete', NULL, '2026-03-10');

-- the COM allocated
-- what has happened is not dated after today (2026-03-09), and nothing is
-- written: the boundary, today, is accepted below
SELECT readiness_before, readiness FROM resettle.set_com('L1000AA', 'Pat Jones', NULL, '2026-03-10');
SELECT readiness_before, readiness FROM resettle.set_id_document('L1000AA', 'passport', 'application_pending', '2099-01-01');
SELECT readiness_before, readiness FROM resettle.set_bank_account('L1000AA', 'pending', '2026-03-10');
SELECT readiness_before, readiness FROM resettle.set_accommodation('L1000AA', duty_to_refer_on => '2026-03-10');
-- nor before 1900 (the bound of a date of birth): not -infinity, not BC;
-- 1900-01-01 itself is accepted
SELECT readiness_before, readiness FROM resettle.set_com('L1000AA', 'Pat Y', NULL, '-infinity');
SELECT readiness_before, readiness FROM resettle.set_id_document('L1000AA', 'passport', 'application_pending', '4714-11-24 BC');
SELECT readiness_before, readiness FROM resettle.set_bank_account('L1000AA', 'pending', '1899-12-31');
SELECT count(*) FROM resettle.set_bank_account('L1000AA', 'pending', '1900-01-01');
SELECT readiness_before, readiness FROM resettle.set_accommodation('L1000AA', duty_to_refer_on => '1899-12-31');
SELECT com_name, com_allocated_on FROM resettle.custody WHERE prison_number = 'L1000AA' AND released_on IS NULL;
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_com('L1000AA', '   ');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_com('L1000AA', NULL);
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_com('L1000AA', ' Pat Jones ', 'pat.jones@justice.gov.uk', '2026-03-02');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_com('L1000AA', 'Pat Jones');
SELECT com_name, com_email, com_allocated_on FROM resettle.custody WHERE id = 7101;
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_com('L1000AA', 'Sam Lee');
SELECT com_name, com_email, com_allocated_on FROM resettle.custody WHERE id = 7101;

-- pathways and needs list their valid values too
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_pathway_status('L1000AA', 'Health', 'DONE');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_pathway_status('L1000AA', 'helth', 'done');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_pathway_status('L1000AA', 'health', 'finished');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_support_need('L1000AA', 'gp', 'met');
SELECT readiness_before, readiness, gaps_closed, gaps_opened FROM resettle.set_support_need('L1000AA', 'gp_registration', 'done');

-- notes: a note not given is kept, an empty one clears it; needs take one too
SELECT custody_id FROM resettle.set_pathway_status('L1000AA', 'health', 'in_progress', 'GP letter sent');
SELECT custody_id FROM resettle.set_pathway_status('L1000AA', 'health', 'done');
SELECT status, note FROM resettle.pathway_status WHERE custody_id = 7101 AND pathway = 'health';
SELECT custody_id FROM resettle.set_pathway_status('L1000AA', 'health', 'done', '');
SELECT status, note FROM resettle.pathway_status WHERE custody_id = 7101 AND pathway = 'health';
SELECT custody_id FROM resettle.set_support_need('L1000AA', 'gp_registration', 'in_progress', 'Registered with Dr Khan pending');
SELECT custody_id FROM resettle.set_support_need('L1000AA', 'gp_registration', 'met');
SELECT status, note FROM resettle.support_need WHERE custody_id = 7101 AND need = 'gp_registration';

-- a level at its boundary: a case whose one gap the set closes
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('L3000CC', 'Set', 'Level', '1970-07-07', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
VALUES (7103, 'L3000CC', 'BXI', '2026-03-05', '2026-03-05', '2026-09-01');
SELECT readiness, readiness_gaps FROM resettle.custody WHERE id = 7103;
SELECT * FROM resettle.set_com('L3000CC', 'Alex Kay');

-- what was recorded is audited and in the history, by the caller
SELECT table_name, operation, count(*) FROM resettle.case_audit
WHERE custody_id IN (7101, 7102) GROUP BY 1, 2 ORDER BY 1, 2;
SELECT from_level, to_level FROM resettle.readiness_history WHERE custody_id = 7101 ORDER BY id;

-- each episode carries its person's name (custody.person_name): copied
-- when the episode is written, kept current while it is open (a released
-- episode keeps the name it had), and derived: a hand-written one is
-- replaced on INSERT and refused on UPDATE; a rename is audited on the
-- person only.  (Here, near the end of the schedule: the released
-- episode leaves a release outcome, which other tests would count.)
SET resettle.today = '2026-03-09';
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('N0001NN', 'Ann', 'Before', '1990-01-01', 'female');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, released_on, person_name)
VALUES (8801, 'N0001NN', 'BXI', '2024-01-01', '2024-06-01', NULL),
       (8802, 'N0001NN', 'BXI', '2025-01-01', NULL, 'Hand Written');
SELECT id, person_name FROM resettle.custody WHERE prison_number = 'N0001NN' ORDER BY id;
UPDATE resettle.person SET family_name = 'After' WHERE prison_number = 'N0001NN';
SELECT id, person_name FROM resettle.custody WHERE prison_number = 'N0001NN' ORDER BY id;
SELECT table_name, operation, changed_columns FROM resettle.case_audit
WHERE prison_number = 'N0001NN' AND operation = 'UPDATE' ORDER BY id;
UPDATE resettle.custody SET person_name = 'Someone Else' WHERE id = 8802;
DELETE FROM resettle.custody WHERE prison_number = 'N0001NN';
DELETE FROM resettle.person WHERE prison_number = 'N0001NN';
RESET resettle.today;
