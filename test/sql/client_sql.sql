--
-- The SQL functions behind the client (sql/client/*.sql)
--
SET datestyle = 'ISO, YMD';
SET resettle.today = '2026-03-09';
INSERT INTO resettle.person (prison_number, crn, given_name, family_name, date_of_birth, sex)
VALUES ('K1234BC', 'K123456', 'Ann', 'O''Brien', '1990-01-01', 'female'),
       ('K2345CD', NULL, 'Zoë', 'Line Two', '1980-02-02', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
VALUES (7001, 'K1234BC', 'BXI', '2025-12-20', '2025-12-20', '2026-06-01'),
       (7002, 'K2345CD', 'MDI', '2025-01-10', '2025-01-10', '2026-04-01');

-- the case card, by prison number (any case) and by CRN; unknown and invalid give no rows
SELECT * FROM resettle.case_card('k1234bc', '2026-03-09') WHERE section IN ('identity', 'readiness', 'pathway');
SELECT count(*) FROM resettle.case_card('K123456', '2026-03-09') WHERE section = 'gap';
SELECT count(*) FROM resettle.case_card('Z9999ZZ');
SELECT count(*) FROM resettle.case_card('not an id');

-- the records the rules read: none recorded (each section says so; the
-- checklist items are not done, as the rules read a missing checklist)
SELECT * FROM resettle.case_card('K1234BC', '2026-03-09')
WHERE section IN ('handover', 'pathway', 'accommodation', 'id_document', 'bank_account',
                  'support_need', 'handover_checklist');
-- every record, each with its status and date; a pathway recorded done
-- next to a failing rule of it names that rule (the card agrees with itself)
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('K4567GH', 'Rec', 'Orded', '1985-05-05', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd,
	enhanced_handover, pom_name, com_name, com_email, com_allocated_on)
VALUES (7004, 'K4567GH', 'BXI', '2025-01-10', '2025-01-10', '2026-04-20',
	false, 'Sam Pom', 'Pat Jones', 'pat.jones@justice.gov.uk', '2025-07-01');
INSERT INTO resettle.accommodation (custody_id, lived_before, release_plan, address_confirmed,
	at_risk_of_homelessness, duty_to_refer_on, updated_on)
VALUES (7004, 'no_permanent_or_fixed', 'cas3', true, true, '2026-02-15', '2026-02-16');
INSERT INTO resettle.id_document (custody_id, document_type, status, applied_on, status_on)
VALUES (7004, 'birth_certificate', 'held', NULL, '2025-02-01'),
       (7004, 'passport', 'application_rejected', '2025-11-03', '2026-01-12');
INSERT INTO resettle.bank_account (custody_id, bank_name, status, applied_on, status_on)
VALUES (7004, 'Lloyds', 'returned_incomplete', '2025-12-01', '2025-12-20'),
       (7004, NULL, 'declined', '2026-01-05', '2026-01-25');
INSERT INTO resettle.support_need (custody_id, need, status, responsible, note, updated_on)
VALUES (7004, 'benefit_claim', 'in_progress', 'probation', 'UC claim booked', '2026-03-01'),
       (7004, 'gp_registration', 'met', 'both', NULL, '2026-02-02');
INSERT INTO resettle.handover_checklist (custody_id, contacted_com, sent_handover_report, updated_on)
VALUES (7004, true, false, '2026-01-30');
INSERT INTO resettle.pathway_status (custody_id, pathway, status, note)
VALUES (7004, 'finance_id', 'done', 'all sorted'), (7004, 'health', 'done', NULL);
SELECT * FROM resettle.case_card('K4567GH', '2026-03-09')
WHERE section NOT IN ('identity', 'custody', 'history');
DELETE FROM resettle.custody WHERE id = 7004;
DELETE FROM resettle.person WHERE prison_number = 'K4567GH';

-- gaps() reads the gaps of a case stored as of the day from its stored
-- details, and only of a case whose stored level is at_risk or not_ready
-- (the range of the level custody_open_prison_idx keys): a stored case has
-- gaps exactly when its level is in that range, and the stored details are
-- what check() gives
SELECT enum_range('at_risk'::resettle.readiness_level, 'not_ready'::resettle.readiness_level);
SELECT count(*) AS disagreements FROM resettle.custody
WHERE released_on IS NULL AND readiness_as_of = resettle.today()
  AND (COALESCE(cardinality(readiness_gaps), 0) > 0)
      IS DISTINCT FROM (readiness BETWEEN 'at_risk' AND 'not_ready');
SELECT count(*) AS stored_cases, count(*) FILTER (WHERE readiness_details IS NOT NULL) AS with_details
FROM resettle.custody WHERE released_on IS NULL AND readiness_as_of = resettle.today()
  AND readiness BETWEEN 'at_risk' AND 'not_ready';
SELECT count(*) AS disagreements FROM (
	(SELECT g.prison_number, g.rule, g.severity, g.message, g.due_on FROM resettle.gaps() AS g
	 EXCEPT ALL
	 SELECT c.prison_number::text, k.rule, k.severity, k.message, k.due_on
	 FROM resettle.custody AS c, resettle.check(c.id) AS k WHERE c.released_on IS NULL)
	UNION ALL
	(SELECT c.prison_number::text, k.rule, k.severity, k.message, k.due_on
	 FROM resettle.custody AS c, resettle.check(c.id) AS k WHERE c.released_on IS NULL
	 EXCEPT ALL
	 SELECT g.prison_number, g.rule, g.severity, g.message, g.due_on FROM resettle.gaps() AS g)) AS x;

-- worklists
-- (other tests' cases share the database: look at ours only)
SELECT * FROM resettle.releases_due(12, NULL, NULL, '2026-03-09') WHERE prison_number LIKE 'K%';
SELECT prison_number FROM resettle.releases_due(4, 'mdi', 'not_ready', '2026-03-09') WHERE prison_number LIKE 'K%';
SELECT prison_number, status FROM resettle.handovers('overdue', NULL, '2026-03-09') WHERE prison_number LIKE 'K%';
SELECT prison_number, rule, due_on FROM resettle.gaps('bank', NULL, NULL, '2026-03-09') WHERE prison_number LIKE 'K%';
SELECT count(*) > 0 AS has_accommodation_gaps FROM resettle.gaps(NULL, 'accommodation', NULL, '2026-03-09');

-- the worklist: the gaps of the cases released within N weeks, each case's
-- together, cases by their first due date, then release date
UPDATE resettle.custody SET pom_name = 'Jo Bloggs' WHERE id = 7001;
UPDATE resettle.custody SET pom_name = 'Sam Patel' WHERE id = 7002;
SELECT prison_number, release_date, days_to_release, readiness, pom_name, rule, severity, due_on
FROM resettle.gaps(weeks => 12, as_of => '2026-03-09') WHERE prison_number LIKE 'K%';
SELECT message FROM resettle.gaps('bank', weeks => 12, as_of => '2026-03-09') WHERE prison_number LIKE 'K%';
-- the window's boundaries: release_date from as_of to as_of + 7 N days
-- (K1234BC 2026-06-01, K2345CD 2026-04-01)
SELECT w.weeks, w.as_of,
       (SELECT string_agg(DISTINCT g.prison_number, ',')
        FROM resettle.gaps(weeks => w.weeks, as_of => w.as_of) AS g
        WHERE g.prison_number LIKE 'K%') AS cases
FROM (VALUES (11, '2026-03-09'::date), (12, '2026-03-09'), (0, '2026-04-01'),
             (0, '2026-03-31'), (0, '2026-06-01'), (520, '2026-06-02')) AS w (weeks, as_of);
-- filters: POM (any case, spaces trimmed), level, rule, pathway, prison
SELECT DISTINCT prison_number FROM resettle.gaps(weeks => 12, pom => ' jo BLOGGS', as_of => '2026-03-09')
WHERE prison_number LIKE 'K%';
SELECT count(*) FROM resettle.gaps(weeks => 12, pom => 'Nobody', as_of => '2026-03-09');
SELECT DISTINCT prison_number, readiness FROM resettle.gaps(weeks => 12, level => 'not_ready', as_of => '2026-03-09')
WHERE prison_number LIKE 'K%' ORDER BY 1;
SELECT count(*) FROM resettle.gaps(weeks => 12, level => 'ready', as_of => '2026-03-09') WHERE prison_number LIKE 'K%';
SELECT prison_number, rule FROM resettle.gaps('id.none', weeks => 12, pom => 'sam patel', as_of => '2026-03-09');
SELECT prison_number, rule FROM resettle.gaps(NULL, 'accommodation', 'bxi', '2026-03-09', 12) WHERE prison_number LIKE 'K%';
-- mine: the POM the login is mapped to (resettle.map_pom()); none is an error
SELECT count(*) FROM resettle.gaps(weeks => 12, mine => true, as_of => '2026-03-09');
SELECT resettle.map_pom(current_user, ' Jo Bloggs '), resettle.map_pom(current_user, 'Jo Bloggs');
SELECT resettle.login_pom_name(), resettle.my_pom_name();
SELECT DISTINCT prison_number FROM resettle.gaps(weeks => 12, mine => true, as_of => '2026-03-09')
WHERE prison_number LIKE 'K%';
SELECT prison_number, pom_name FROM resettle.handovers('all', NULL, '2026-03-09', mine => true)
WHERE prison_number LIKE 'K%';
SELECT prison_number, pom_name FROM resettle.handovers('all', NULL, '2026-03-09', 'SAM PATEL')
WHERE prison_number LIKE 'K%';
SELECT resettle.map_pom(current_user, '   ');
SELECT resettle.map_pom('no_such_role_x', 'Jo Bloggs');
SELECT resettle.unmap_pom(current_user), resettle.unmap_pom(current_user);
SELECT prison_number FROM resettle.handovers(mine => true);
SELECT resettle.rule_pathway('id.none'), resettle.rule_pathway('dates.release_passed');
SELECT "group", total >= 1 AS counted, total = ready + on_track + at_risk + not_ready + out_of_scope AS adds_up
FROM resettle.stats('region', '2026-03-09') WHERE "group" IN ('London', 'North East');
SELECT * FROM resettle.stats('bogus', '2026-03-09');
SELECT * FROM resettle.stats('pathway', '2026-03-09');

-- stats: the inspection measures of the releases in the 12 months to as_of
SET resettle.today = '2025-07-15';
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('K3456EF', 'Rel', 'Eased', '1975-03-03', 'female');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
VALUES (7003, 'K3456EF', 'BXI', '2024-06-01', '2024-06-01', '2025-07-15');
INSERT INTO resettle.accommodation (custody_id, lived_before, release_plan, address_confirmed)
VALUES (7003, 'family_or_friends', 'return_to_previous_address', true);
INSERT INTO resettle.support_need (custody_id, need, status)
VALUES (7003, 'gp_registration', 'met'), (7003, 'benefit_claim', 'not_started');
UPDATE resettle.custody SET released_on = '2025-07-15' WHERE id = 7003;
SET resettle.today = '2026-03-09';
\x on
SELECT * FROM resettle.stats('month', '2026-03-09') WHERE "group" = '2025-07';
\x off
-- the window, resettle.last_12_months(): the 12 whole months before the
-- month of as_of (a July 2025 release counts from 1 August 2025 to 31 July 2026)
SELECT d AS as_of, (SELECT released FROM resettle.stats('month', d) WHERE "group" = '2025-07') AS released,
       resettle.last_12_months(d) AS last_12_months
FROM unnest('{2025-07-15,2025-07-31,2025-08-01,2026-07-31,2026-08-01}'::date[]) AS d;
SELECT resettle.due_window('2026-03-09') AS due_12_weeks, resettle.due_window('2026-03-09', 1) AS due_1_week,
       '2026-06-01'::date <@ resettle.due_window('2026-03-09') AS day_84,
       '2026-06-02'::date <@ resettle.due_window('2026-03-09') AS day_85;
-- groups without releases have no rates; the prison row counts the release too
SELECT "group", released, settled_accommodation_pct, benefit_claim_started_pct, gp_arranged_pct
FROM resettle.stats('month', '2026-03-09') WHERE "group" = '2026-04';
SELECT released >= 1 AS counted, settled_accommodation <= released AS consistent
FROM resettle.stats('prison', '2026-03-09') WHERE "group" = 'BXI';

-- stats by pathway: every pathway, every case in custody once per pathway
SELECT count(*) AS pathways, count(DISTINCT total) AS one_total,
       bool_and(total = not_started + in_progress + support_required + support_not_required
                + support_declined + done) AS adds_up
FROM resettle.pathway_stats();
CREATE TEMP TABLE pathway_stats_before AS SELECT * FROM resettle.pathway_stats();

-- updates
SELECT * FROM resettle.set_pathway_status('K1234BC', 'children_families_community', 'in_progress', E'a "note";\n');
SELECT status, note FROM resettle.pathway_status WHERE custody_id = 7001;
-- a status recorded moves the case from not_started (no row) to in_progress
SELECT a."group", a.not_started - b.not_started AS not_started, a.in_progress - b.in_progress AS in_progress
FROM resettle.pathway_stats() AS a JOIN pathway_stats_before AS b USING ("group")
WHERE a.not_started <> b.not_started OR a.in_progress <> b.in_progress;
SELECT custody_id, readiness FROM resettle.set_support_need('k1234bc', 'gp_registration', 'met');
SELECT custody_id, readiness FROM resettle.set_support_need('k1234bc', 'gp_registration', 'in_progress');
SELECT need, status FROM resettle.support_need WHERE custody_id = 7001;
\set VERBOSITY default
SELECT * FROM resettle.set_support_need('Z9999ZZ', 'gp_registration', 'met');
SELECT * FROM resettle.set_pathway_status('bad', 'health', 'done');
\set VERBOSITY terse
DELETE FROM resettle.custody WHERE id IN (7001, 7002, 7003);
DELETE FROM resettle.person WHERE prison_number IN ('K1234BC', 'K2345CD', 'K3456EF');
