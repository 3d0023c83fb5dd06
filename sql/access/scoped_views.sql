
/*
 * The rows each caller may see, for the extension's own functions
 * (docs/security.md "How staff reach cases").
 *
 * Staff hold no privilege on the case tables: a login that could query
 * them, even under row security, could learn another prison's rows
 * through EXPLAIN ANALYZE (the planner evaluates leakproof conditions and
 * index conditions before the policy's), planner estimates, unique-key
 * errors and RETURNING.  They reach cases only through the functions of
 * schema resettle (resettle.case_card(), resettle.releases_due(), the set
 * functions, ...) and the fenced lists (resettle.v_cases, ...).
 *
 * Those functions run with the caller's rights and read these views.  The
 * views run with their owner's rights (so they read the tables) but
 * evaluate resettle.visible_prisons() as the caller, so each returns the
 * caller's rows only; the writable ones refuse a row the caller could not
 * see (WITH CHECK OPTION), and the tables' triggers run as the caller, so
 * the audit and history name them.  Staff are granted the views but not
 * USAGE on this schema: they cannot name a view here, so they cannot query
 * one with conditions of their own.  The functions can, because their
 * SQL-standard bodies were bound to these views by OID when created.
 */
CREATE SCHEMA resettle_internal;
COMMENT ON SCHEMA resettle_internal IS
	'resettle: the rows each caller may see, read by the extension''s own functions; grant no role USAGE on it';

CREATE VIEW resettle_internal.custody AS
SELECT c.*
FROM resettle.custody AS c
WHERE c.prison_code OPERATOR(pg_catalog.=) ANY ((SELECT resettle.visible_prisons())::text[])
WITH CASCADED CHECK OPTION;
COMMENT ON VIEW resettle_internal.custody IS
	'The custody episodes at the prisons the caller may see';

/*
 * Looking a person up.  A probe of an index on prison_number or crn alone
 * would read another prison's rows for an identifier the caller may not
 * see, and a login can count what its own session read
 * (pg_stat_get_xact_tuples_returned(), the buffers of EXPLAIN ANALYZE):
 * an oracle of who is in custody where.  So the functions find a person
 * by an episode at the caller's prisons first, comparing
 * prison_number::text, which only custody_prison_person_idx (prison_code,
 * prison_number::text) serves (sql/tables/indexes_1_2.sql), and read the
 * person and their episodes by that prison number only once it is found.
 *
 * A person is visible through an episode at a prison the caller may see.
 */

/*
 * The visible episodes with their person's name, date of birth, sex, CRN
 * and PNC id, for the lists and the case card.
 *
 * A person's identity is for the prisons that hold them.  A released
 * episode shows the name it kept (custody.person_name, as of its release)
 * and nothing else of the person: the person's row is current, and the
 * prison that released them years ago must not read a later change of
 * name, sex or date of birth, nor find them by a new CRN (sixth review of
 * 1.2, F2).  A caller who sees every prison (admin) sees it all.
 */
CREATE VIEW resettle_internal.case_list AS
SELECT c.*,
       CASE WHEN c.released_on IS NULL OR (SELECT resettle.sees_every_prison())
            THEN p.name ELSE c.person_name END AS name,
       CASE WHEN c.released_on IS NULL OR (SELECT resettle.sees_every_prison())
            THEN p.date_of_birth END AS date_of_birth,
       CASE WHEN c.released_on IS NULL OR (SELECT resettle.sees_every_prison())
            THEN p.sex END AS sex,
       CASE WHEN c.released_on IS NULL OR (SELECT resettle.sees_every_prison())
            THEN p.crn END AS crn,
       CASE WHEN c.released_on IS NULL OR (SELECT resettle.sees_every_prison())
            THEN p.pnc_id END AS pnc_id
FROM resettle.custody AS c
JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) c.prison_number
WHERE c.prison_code OPERATOR(pg_catalog.=) ANY ((SELECT resettle.visible_prisons())::text[]);
COMMENT ON VIEW resettle_internal.case_list IS
	'The custody episodes at the prisons the caller may see, with the person''s name, date of birth, sex, CRN and PNC id (of a released episode, its name only)';

-- Records and history: those of the visible episodes.
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['pathway_status', 'assessment', 'id_document',
		'bank_account', 'accommodation', 'support_need', 'handover_checklist',
		'readiness_history']
	LOOP
		EXECUTE pg_catalog.format('CREATE VIEW resettle_internal.%1$I AS
			SELECT r.* FROM resettle.%1$I AS r
			WHERE EXISTS (
				SELECT 1 FROM resettle.custody AS c
				WHERE c.id OPERATOR(pg_catalog.=) r.custody_id
				  AND c.prison_code OPERATOR(pg_catalog.=) ANY ((SELECT resettle.visible_prisons())::text[]))
			WITH CASCADED CHECK OPTION', t);
		EXECUTE pg_catalog.format('COMMENT ON VIEW resettle_internal.%1$I IS %2$L',
			t, 'The rows of resettle.' || t || ' of the episodes at prisons the caller may see');
	END LOOP;
END $$;

-- Release outcomes belong to the prison that released the person, as for
-- row security and the measures, whichever prison holds the case since.
CREATE VIEW resettle_internal.release_outcome AS
SELECT o.*
FROM resettle.release_outcome AS o
WHERE o.prison_code OPERATOR(pg_catalog.=) ANY ((SELECT resettle.visible_prisons())::text[]);
COMMENT ON VIEW resettle_internal.release_outcome IS
	'The release outcomes of the prisons the caller may see';

/*
 * The facts of the visible episodes: the whole resettle.case_facts row (the
 * type resettle.evaluate() takes) and the columns the functions look cases
 * up by, so that a condition on them reaches the tables' indexes.
 */
CREATE VIEW resettle_internal.case_facts AS
SELECT f AS facts, f.custody_id, f.prison_number, f.prison_code, f.release_date,
       f.released_on, f.handover_date
FROM resettle.case_facts AS f
WHERE f.prison_code OPERATOR(pg_catalog.=) ANY ((SELECT resettle.visible_prisons())::text[]);
COMMENT ON VIEW resettle_internal.case_facts IS
	'The readiness facts (resettle.case_facts) of the episodes at prisons the caller may see';

/*
 * The POM the caller's login is (sql/access/staff_pom.sql): its own row
 * only, found by its role's OID (the primary key), so no other login's
 * mapping is read.  CURRENT_USER is the caller's, as visible_prisons() is.
 */
CREATE VIEW resettle_internal.staff_pom AS
SELECT s.role, s.pom_name
FROM resettle.staff_pom AS s
WHERE s.role::pg_catalog.oid OPERATOR(pg_catalog.=)
	(SELECT r.oid FROM pg_catalog.pg_roles AS r WHERE r.rolname OPERATOR(pg_catalog.=) CURRENT_USER);
COMMENT ON VIEW resettle_internal.staff_pom IS
	'The POM name the caller''s login is mapped to (resettle.map_pom()), if any';
