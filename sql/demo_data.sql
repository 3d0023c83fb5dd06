-- sql/demo_data.sql: a deterministic synthetic caseload at national scale.
--
--   psql -v scale=1 -v seed=42 -f sql/demo_data.sql
--
-- scale 1 is about 85,000 people in custody across every active prison and
-- 100,000 releases over the past two years.  Every value is a function of
-- the row number and the seed (hash-based, not random()), so a run is
-- reproducible whatever the plan.  Names are visibly synthetic.  Rows go
-- through the real tables and triggers: custody first, then its records,
-- then the releases, so release outcomes record what was in place.
\set ON_ERROR_STOP 1
\if :{?scale}
\else
\set scale 1
\endif
\if :{?seed}
\else
\set seed 42
\endif

BEGIN;

-- u(i, salt): a uniform number in [0, 1) from the row number and the seed
-- (psql does not substitute variables inside quotes, hence \gexec)
SELECT pg_catalog.format($f$CREATE FUNCTION pg_temp.u(i bigint, salt int) RETURNS float8
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS 'SELECT (pg_catalog.hashint8extended(i, salt::bigint * 7919 + %s) & 2147483647)::float8 / 2147483648'$f$,
	:'seed'::bigint) \gexec

-- prisons with a weight; women go to the women's estate
CREATE TEMP TABLE demo_prison AS
SELECT code, estate, row_number() OVER (PARTITION BY estate ORDER BY code) - 1 AS n,
       count(*) OVER (PARTITION BY estate) AS of_estate
FROM resettle.prison WHERE active;

-- people: 1..in_custody are in custody, the rest were released
CREATE TEMP TABLE demo_case AS
SELECT i,
       (85000 * :scale)::bigint AS in_custody,
       CASE WHEN pg_temp.u(i, 1) < 0.04 THEN 'female' ELSE 'male' END AS sex,
       -- releases in the past two years are all sentenced, mostly determinate
       CASE WHEN i <= (85000 * :scale)::bigint THEN pg_temp.u(i, 2)
            ELSE 0.17 + pg_temp.u(i, 2) * 0.82 END AS kind,
       pg_temp.u(i, 3) AS progress
FROM generate_series(1, (185000 * :scale)::bigint) AS i;

INSERT INTO resettle.person (prison_number, crn, nhs_number, given_name, family_name, date_of_birth, sex)
SELECT chr(65 + (i / 10000 / 676 % 26)::int) || lpad((i % 10000)::text, 4, '0')
       || chr(65 + (i / 10000 / 26 % 26)::int) || chr(65 + (i / 10000 % 26)::int),
       CASE WHEN pg_temp.u(i, 4) < 0.9
            THEN chr(65 + (i / 1000000 % 26)::int) || lpad((i % 1000000)::text, 6, '0') END,
       NULL,
       'Synthetic', 'Person-' || i,
       current_date - (19 * 365 + (pg_temp.u(i, 5) * 50 * 365)::int),
       sex
FROM demo_case;

-- custody: remand 17%, recall 11%, indeterminate 8%, immigration 1%, the
-- rest determinate (a tenth with a parole eligibility date)
CREATE TEMP TABLE demo_custody AS
SELECT c.i AS id, p.prison_number, pr.code AS prison_code, c.reception AS reception_date,
       CASE WHEN c.kind >= 0.17 AND c.kind < 0.99 THEN c.reception END AS sentence_start,
       CASE WHEN c.kind < 0.17 THEN 'REMAND' WHEN c.kind < 0.28 THEN 'LR'
            WHEN c.kind < 0.36 THEN 'LIFE' WHEN c.kind >= 0.99 THEN 'DET' ELSE 'SDS' END AS sentence_type,
       c.kind >= 0.28 AND c.kind < 0.36 AS indeterminate,
       c.kind >= 0.17 AND c.kind < 0.28 AS recall,
       c.kind >= 0.99 AS immigration,
       c.kind < 0.17 AS remand,
       CASE WHEN c.kind >= 0.17 AND c.kind < 0.28 OR c.kind >= 0.36 AND c.kind < 0.99
            THEN c.release END AS crd,
       CASE WHEN c.kind >= 0.36 AND c.kind < 0.42 THEN greatest(c.reception, c.release - 180) END AS ped,
       CASE WHEN c.kind >= 0.28 AND c.kind < 0.36 THEN c.release END AS ted,
       CASE WHEN c.kind >= 0.42 AND c.kind < 0.99 AND c.release - c.reception > 400 THEN c.release - 179 END AS hdced,
       CASE WHEN pg_temp.u(c.i, 6) < 0.7 THEN (pg_temp.u(c.i, 7) * 3.4)::int END AS mappa_level,
       pg_temp.u(c.i, 8) < 0.6 AS enhanced_handover,
       pg_temp.u(c.i, 9) < 0.03 AS early_allocation,
       'POM ' || (c.i % 900) AS pom_name,
       c.com AS com_name, CASE WHEN c.com IS NOT NULL THEN 'com' || (c.i % 4000) || '@probation.example.org' END AS com_email,
       -- around the handover date (about 8.5 months before release): about
       -- half by handover + 2 days, as the NAO found (domain.md section 7)
       CASE WHEN c.com IS NOT NULL THEN least(current_date,
            c.release - 290 + CASE WHEN c.progress > 0.75 THEN 0 ELSE (pg_temp.u(c.i, 10) * 70)::int END) END AS com_allocated_on
FROM (SELECT d.*,
             -- in custody: received up to 4 years ago, released up to 4 years ahead
             -- released: received 1-5 years before a release in the past two years
             CASE WHEN d.i <= d.in_custody
                  THEN current_date - 10 - (pg_temp.u(d.i, 11) * 1450)::int
                  ELSE current_date - (pg_temp.u(d.i, 12) * 730)::int - 30 - (pg_temp.u(d.i, 13) * 1500)::int END AS reception,
             CASE WHEN d.i <= d.in_custody
                  THEN current_date + 1 + (pg_temp.u(d.i, 14) ^ 1.5 * 1460)::int
                  ELSE current_date - (pg_temp.u(d.i, 12) * 730)::int END AS release,
             CASE WHEN pg_temp.u(d.i, 15) < 0.55 OR d.progress > 0.75 THEN 'COM ' || (d.i % 4000) END AS com
      FROM demo_case AS d) AS c
JOIN resettle.person AS p ON p.family_name = 'Person-' || c.i
JOIN demo_prison AS pr
  ON pr.estate = c.sex AND pr.n = (pg_temp.u(c.i, 16) * pr.of_estate)::bigint % pr.of_estate;

-- progress: how far the resettlement work has got, nearer release further
-- (release_date as custody_derive will derive it: the first of confirmed,
-- APD, HDCAD, CRD, ARD, of which the generator sets only CRD)
CREATE TEMP TABLE demo_work AS
SELECT c.id, c.crd AS release_date, c.reception_date,
       least(1.0, d.progress * 0.6 + greatest(0, 1 - (coalesce(c.crd, current_date + 900) - current_date) / 365.0) * 0.6) AS done,
       -- a quarter of cases are worked thoroughly: every record in place
       -- in time, so the ones near release are ready
       d.progress > 0.75 AS thorough
FROM demo_custody AS c JOIN demo_case AS d ON d.i = c.id
WHERE NOT c.remand;

-- Custody and every record in one statement (writable CTEs): each table's
-- triggers fire at its end, and the first readiness recompute finds every
-- record already there, so each case's custody row is rewritten once, not
-- once per record type.
WITH custody AS (
	INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start,
		sentence_type, indeterminate, recall, immigration, remand, crd, ped, ted, hdced,
		mappa_level, enhanced_handover, early_allocation, pom_name, com_name, com_email, com_allocated_on)
	SELECT id, prison_number, prison_code, reception_date, sentence_start,
		sentence_type, indeterminate, recall, immigration, remand, crd, ped, ted, hdced,
		mappa_level, enhanced_handover, early_allocation, pom_name, com_name, com_email, com_allocated_on
	FROM demo_custody
),
pathway AS (
	INSERT INTO resettle.pathway_status (custody_id, pathway, status)
	SELECT w.id, p,
	       -- the family pathway is left unstarted most often (inspection: two
	       -- cases in three)
	       CASE WHEN w.thorough OR pg_temp.u(w.id * 8 + k, 20)
	                 < w.done * CASE WHEN p = 'children_families_community' THEN 0.25 ELSE 0.9 END
	            THEN (ARRAY['in_progress', 'support_required', 'support_not_required', 'done', 'done']::resettle.pathway_state[])[1 + (pg_temp.u(w.id * 8 + k, 21) * 5)::int % 5]
	            ELSE 'not_started' END
	FROM demo_work AS w, unnest(enum_range(NULL::resettle.pathway)) WITH ORDINALITY AS e(p, k)
),
assessment AS (
	-- both kinds in one INSERT: one statement, one recompute
	INSERT INTO resettle.assessment (custody_id, pathway, assessment_type, status, completed_on)
	SELECT w.id, p, 'immediate_needs',
	       CASE WHEN w.thorough OR pg_temp.u(w.id, 22) < 0.8 THEN 'submitted' ELSE 'not_started' END,
	       CASE WHEN w.thorough OR pg_temp.u(w.id, 22) < 0.8 THEN least(current_date, w.reception_date + 3) END
	FROM demo_work AS w, unnest(enum_range(NULL::resettle.pathway)) AS p
	UNION ALL
	SELECT w.id, p, 'pre_release', 'complete', current_date
	FROM demo_work AS w, unnest(enum_range(NULL::resettle.pathway)) AS p
	WHERE w.release_date - current_date <= 120 AND (w.thorough OR pg_temp.u(w.id, 23) < w.done)
),
accommodation AS (
	INSERT INTO resettle.accommodation (custody_id, lived_before, release_plan, address_confirmed, at_risk_of_homelessness, duty_to_refer_on)
	SELECT w.id,
	       (ARRAY['private_rented_housing', 'family_or_friends', 'social_housing', 'hostel', 'no_permanent_or_fixed'])[1 + (pg_temp.u(w.id, 24) * 5)::int % 5],
	       plan, plan IN ('return_to_previous_address', 'move_to_new_address', 'approved_premises', 'cas3')
	             AND (w.thorough OR pg_temp.u(w.id, 26) < w.done),
	       plan = 'does_not_have_anywhere',
	       CASE WHEN plan = 'does_not_have_anywhere' AND pg_temp.u(w.id, 27) < 0.5 THEN current_date - 10 END
	FROM demo_work AS w,
	     -- about 4 in 10 leave to settled accommodation (HMI Probation 2023)
	     LATERAL (SELECT CASE WHEN w.thorough THEN 'return_to_previous_address'
	                          ELSE (ARRAY['return_to_previous_address', 'move_to_new_address', 'approved_premises',
	                                      'cas3', 'does_not_have_anywhere', 'does_not_have_anywhere',
	                                      'no_answer'])[1 + (pg_temp.u(w.id, 25) * 7)::int % 7] END AS plan) AS pl
	WHERE w.thorough OR pg_temp.u(w.id, 28) < 0.85
),
id_document AS (
	INSERT INTO resettle.id_document (custody_id, document_type, status, applied_on)
	SELECT w.id, (ARRAY['birth_certificate', 'passport', 'driving_licence', 'citizen_card'])[1 + (pg_temp.u(w.id, 30) * 4)::int % 4],
	       CASE WHEN w.thorough OR pg_temp.u(w.id, 31) < 0.45 THEN 'held'
	            WHEN pg_temp.u(w.id, 31) < 0.55 THEN 'application_rejected'
	            ELSE 'application_pending' END,
	       CASE WHEN NOT w.thorough AND pg_temp.u(w.id, 31) >= 0.45 THEN current_date - 20 END
	FROM demo_work AS w WHERE w.thorough OR pg_temp.u(w.id, 32) < w.done + 0.2
),
bank_account AS (
	INSERT INTO resettle.bank_account (custody_id, bank_name, status, applied_on)
	SELECT w.id, (ARRAY['Barclays', 'Co-op', 'HSBC', 'Lloyds', 'NatWest', 'Nationwide', 'Santander'])[1 + (pg_temp.u(w.id, 33) * 7)::int % 7],
	       CASE WHEN w.thorough OR pg_temp.u(w.id, 34) < 0.35 THEN 'held' WHEN pg_temp.u(w.id, 34) < 0.55 THEN 'opened'
	            WHEN pg_temp.u(w.id, 34) < 0.62 THEN 'declined' ELSE 'pending' END,
	       CASE WHEN NOT w.thorough AND pg_temp.u(w.id, 34) >= 0.35 THEN current_date - 30 END
	FROM demo_work AS w WHERE w.thorough OR pg_temp.u(w.id, 35) < w.done + 0.1
),
support_need AS (
	INSERT INTO resettle.support_need (custody_id, need, status, responsible)
	SELECT w.id, n.need,
	       -- benefit claims lag (inspection: no access to financial support)
	       CASE WHEN w.thorough OR pg_temp.u(w.id * 4 + n.k, 37) < w.done * n.pace THEN 'met'
	            WHEN pg_temp.u(w.id * 4 + n.k, 37) < w.done * n.pace + 0.1 THEN 'in_progress' ELSE 'not_started' END,
	       CASE WHEN n.need = 'benefit_claim' THEN 'probation' ELSE 'prison' END
	FROM demo_work AS w,
	     (VALUES ('benefit_claim', 1, 0.45, 0.5), ('gp_registration', 2, 0.35, 0.75),
	             ('release_prescription', 3, 0.1, 0.9), ('family_contact', 4, 0.3, 0.6)) AS n(need, k, share, pace)
	WHERE pg_temp.u(w.id * 4 + n.k, 36) < n.share
),
handover_checklist AS (
	INSERT INTO resettle.handover_checklist (custody_id, reviewed_oasys, contacted_com, attended_handover_meeting, sent_handover_report)
	SELECT w.id, w.thorough OR pg_temp.u(w.id, 40) < w.done, w.thorough OR pg_temp.u(w.id, 41) < w.done,
	       w.thorough OR pg_temp.u(w.id, 42) < w.done * 0.5, w.thorough OR pg_temp.u(w.id, 43) < w.done
	FROM demo_work AS w WHERE w.release_date - current_date < 400
)
SELECT (SELECT count(*) FROM demo_custody) AS custody;
SELECT pg_catalog.setval('resettle.custody_id_seq', (SELECT max(id) FROM resettle.custody));

-- the past two years' releases: released on their release date
UPDATE resettle.custody AS c SET released_on = c.release_date
FROM demo_case AS d
WHERE d.i = c.id AND d.i > d.in_custody AND c.release_date IS NOT NULL AND c.release_date <= current_date;

COMMIT;

SELECT count(*) FILTER (WHERE released_on IS NULL) AS in_custody,
       count(*) FILTER (WHERE released_on IS NOT NULL) AS released,
       count(DISTINCT prison_code) AS prisons
FROM resettle.custody;
