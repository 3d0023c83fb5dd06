-- test/soak/generate.sql: a small deterministic caseload for the
-- reliability tests (crash recovery, soak, dump and restore).
--
--   psql -v first=1 -v cases=1000 -f test/soak/generate.sql
--
-- Cases first .. first + cases - 1, with custody id = case number, at the
-- active prisons, as of resettle.today(): remand, recall, indeterminate and
-- determinate sentences, releases from the past year to three years ahead,
-- every record type, and the cases whose release date has passed released
-- (so they get a release outcome).  Every value is a hash of the case
-- number, so a run is reproducible.  Rows go through the real tables and
-- triggers, one statement per table, in one transaction.
\set ON_ERROR_STOP 1
\if :{?first}
\else
\set first 1
\endif
\if :{?cases}
\else
\set cases 1000
\endif

BEGIN;

CREATE TEMP TABLE gen_case ON COMMIT DROP AS
SELECT i,
       (pg_catalog.hashint8extended(i, 1) & 2147483647)::float8 / 2147483648 AS kind,
       (pg_catalog.hashint8extended(i, 2) & 2147483647)::float8 / 2147483648 AS u2,
       (pg_catalog.hashint8extended(i, 3) & 2147483647)::float8 / 2147483648 AS u3,
       (pg_catalog.hashint8extended(i, 4) & 2147483647)::float8 / 2147483648 AS u4,
       (pg_catalog.hashint8extended(i, 5) & 2147483647)::float8 / 2147483648 AS u5,
       resettle.today() AS today
FROM pg_catalog.generate_series(:first::bigint, :first::bigint + :cases - 1) AS i;

INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
SELECT chr(65 + (i / 10000 % 26)::int) || lpad((i % 10000)::text, 4, '0')
       || chr(65 + (i / 260000 % 26)::int) || chr(65 + (i / 6760000 % 26)::int),
       'Gen', 'Case-' || i, today - 7000 - (u5 * 15000)::int,
       CASE WHEN u5 < 0.05 THEN 'female' ELSE 'male' END
FROM gen_case;

INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start,
	sentence_type, indeterminate, recall, remand, crd, ted, mappa_level, enhanced_handover,
	com_name, com_email, com_allocated_on)
SELECT g.i, p.prison_number, pr.code, g.today - 30 - (g.u2 * 1200)::int,
       CASE WHEN g.kind >= 0.1 THEN g.today - 30 - (g.u2 * 1200)::int END,
       CASE WHEN g.kind < 0.1 THEN 'REMAND' WHEN g.kind < 0.2 THEN 'LR'
            WHEN g.kind < 0.25 THEN 'LIFE' ELSE 'SDS' END,
       g.kind >= 0.2 AND g.kind < 0.25,
       g.kind >= 0.1 AND g.kind < 0.2,
       g.kind < 0.1,
       CASE WHEN g.kind >= 0.1 AND g.kind < 0.2 OR g.kind >= 0.25
            THEN g.today - 30 - (g.u2 * 1200)::int + 60 + (g.u3 * 1800)::int END,
       CASE WHEN g.kind >= 0.2 AND g.kind < 0.25 THEN g.today + (g.u3 * 1460)::int END,
       CASE WHEN g.u4 < 0.7 THEN (g.u4 * 4.2)::int END,
       g.u4 < 0.6,
       CASE WHEN g.u5 < 0.5 THEN 'COM ' || g.i END,
       CASE WHEN g.u5 < 0.5 THEN 'com' || g.i || '@probation.example.org' END,
       CASE WHEN g.u5 < 0.5 THEN g.today - (g.u5 * 100)::int END
FROM gen_case AS g
JOIN resettle.person AS p ON p.family_name = 'Case-' || g.i
JOIN (SELECT code, estate, row_number() OVER (PARTITION BY estate ORDER BY code) - 1 AS n,
             count(*) OVER (PARTITION BY estate) AS of_estate
      FROM resettle.prison WHERE active) AS pr
  ON pr.estate = p.sex AND pr.n = (g.u2 * 1000)::bigint % pr.of_estate;
SELECT pg_catalog.setval('resettle.custody_id_seq',
	greatest((SELECT max(id) FROM resettle.custody), 1));

INSERT INTO resettle.pathway_status (custody_id, pathway, status)
SELECT g.i, p,
       (ARRAY['not_started', 'in_progress', 'support_required', 'support_not_required', 'done']::resettle.pathway_state[])
       [1 + (pg_catalog.hashint8extended(g.i * 8 + k, 6) & 1023)::int % 5]
FROM gen_case AS g, unnest(enum_range(NULL::resettle.pathway)) WITH ORDINALITY AS e(p, k)
WHERE g.kind >= 0.1;

INSERT INTO resettle.assessment (custody_id, pathway, assessment_type, status, completed_on)
SELECT g.i, p, 'immediate_needs', 'submitted', g.today - 20
FROM gen_case AS g, unnest(enum_range(NULL::resettle.pathway)) AS p
WHERE g.kind >= 0.1 AND g.u3 < 0.8;

INSERT INTO resettle.accommodation (custody_id, lived_before, release_plan, address_confirmed)
SELECT g.i, 'family_or_friends',
       (ARRAY['return_to_previous_address', 'approved_premises', 'does_not_have_anywhere', 'no_answer'])[1 + (g.u4 * 400)::int % 4],
       (g.u4 * 400)::int % 4 < 2 AND g.u5 < 0.7
FROM gen_case AS g WHERE g.kind >= 0.1 AND g.u2 < 0.85;

INSERT INTO resettle.id_document (custody_id, document_type, status, applied_on)
SELECT g.i, 'birth_certificate',
       CASE WHEN g.u3 < 0.5 THEN 'held' ELSE 'application_pending' END,
       CASE WHEN g.u3 >= 0.5 THEN g.today - 10 END
FROM gen_case AS g WHERE g.kind >= 0.1 AND g.u4 < 0.7;

INSERT INTO resettle.bank_account (custody_id, bank_name, status, applied_on)
SELECT g.i, 'Co-op', CASE WHEN g.u5 < 0.4 THEN 'held' WHEN g.u5 < 0.6 THEN 'declined' ELSE 'pending' END,
       CASE WHEN g.u5 >= 0.4 THEN g.today - 15 END
FROM gen_case AS g WHERE g.kind >= 0.1 AND g.u2 < 0.6;

INSERT INTO resettle.support_need (custody_id, need, status, responsible)
SELECT g.i, n.need, CASE WHEN g.u3 < 0.5 THEN 'met' ELSE 'in_progress' END, n.resp
FROM gen_case AS g,
     (VALUES ('benefit_claim', 'probation'), ('gp_registration', 'prison')) AS n(need, resp)
WHERE g.kind >= 0.1 AND g.u4 < 0.5;

INSERT INTO resettle.handover_checklist (custody_id, reviewed_oasys, contacted_com, sent_handover_report)
SELECT g.i, g.u2 < 0.5, g.u3 < 0.5, g.u4 < 0.5
FROM gen_case AS g WHERE g.kind >= 0.1 AND g.u5 < 0.6;

-- release the cases whose release date has passed
UPDATE resettle.custody AS c SET released_on = c.release_date
FROM gen_case AS g
WHERE c.id = g.i AND c.release_date <= g.today AND c.release_date >= c.reception_date;

COMMIT;
