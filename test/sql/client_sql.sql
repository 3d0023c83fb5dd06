--
-- The SQL functions behind the client (sql/client/*.sql)
--
SET datestyle = 'ISO, YMD';
SET resettle.today = '2026-03-09';
INSERT INTO resettle.person (prison_number, crn, given_name, family_name, date_of_birth, sex)
VALUES ('K1234BC', 'K123456', 'Ann', 'O''Brien', '1990-01-01', 'female'),
       ('K2345CD', NULL, 'Zoë', E'Line\nTwo', '1980-02-02', 'male');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
VALUES (7001, 'K1234BC', 'BXI', '2025-12-20', '2025-12-20', '2026-06-01'),
       (7002, 'K2345CD', 'MDI', '2025-01-10', '2025-01-10', '2026-04-01');

-- the case card, by prison number (any case) and by CRN; unknown and invalid give no rows
SELECT * FROM resettle.case_card('k1234bc', '2026-03-09') WHERE section IN ('identity', 'readiness', 'pathway');
SELECT count(*) FROM resettle.case_card('K123456', '2026-03-09') WHERE section = 'gap';
SELECT count(*) FROM resettle.case_card('Z9999ZZ');
SELECT count(*) FROM resettle.case_card('not an id');

-- worklists
-- (other tests' cases share the database: look at ours only)
SELECT * FROM resettle.releases_due(12, NULL, NULL, '2026-03-09') WHERE prison_number LIKE 'K%';
SELECT prison_number FROM resettle.releases_due(4, 'mdi', 'not_ready', '2026-03-09') WHERE prison_number LIKE 'K%';
SELECT prison_number, status FROM resettle.handovers('overdue', NULL, '2026-03-09') WHERE prison_number LIKE 'K%';
SELECT prison_number, rule, due_on FROM resettle.gaps('bank', NULL, NULL, '2026-03-09') WHERE prison_number LIKE 'K%';
SELECT count(*) > 0 AS has_accommodation_gaps FROM resettle.gaps(NULL, 'accommodation', NULL, '2026-03-09');
SELECT resettle.rule_pathway('id.none'), resettle.rule_pathway('dates.release_passed');
SELECT "group", total >= 1 AS counted, total = ready + on_track + at_risk + not_ready + out_of_scope AS adds_up
FROM resettle.stats('region', '2026-03-09') WHERE "group" IN ('London', 'North East');
SELECT * FROM resettle.stats('bogus', '2026-03-09');

-- updates
SELECT * FROM resettle.set_pathway_status('K1234BC', 'children_families_community', 'in_progress', E'a "note";\n');
SELECT status, note FROM resettle.pathway_status WHERE custody_id = 7001;
SELECT custody_id, readiness FROM resettle.set_support_need('k1234bc', 'gp_registration', 'met');
SELECT custody_id, readiness FROM resettle.set_support_need('k1234bc', 'gp_registration', 'in_progress');
SELECT need, status FROM resettle.support_need WHERE custody_id = 7001;
\set VERBOSITY default
SELECT * FROM resettle.set_support_need('Z9999ZZ', 'gp_registration', 'met');
SELECT * FROM resettle.set_pathway_status('bad', 'health', 'done');
\set VERBOSITY terse
DELETE FROM resettle.custody WHERE id IN (7001, 7002);
DELETE FROM resettle.person WHERE prison_number IN ('K1234BC', 'K2345CD');
