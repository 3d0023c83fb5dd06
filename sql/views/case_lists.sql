
/*
 * Case lists for staff and admin (docs/analysts.md): one row per case, with
 * names and prison numbers, of the prisons the reader may see.  Readiness
 * is the stored level, as of readiness_as_of (kept current by the daily
 * refresh()); "today" is resettle.today().  Column lists are an interface:
 * add, never rename or drop.  Analysts read the pseudonymised analyst_*
 * views instead.
 *
 * Staff may query these with conditions of their own, so each list is
 * fenced: its rows are computed in a subquery with OFFSET 0, into which
 * the planner never pushes a condition, from the reader's rows
 * (sql/access/scoped_views.sql); so no condition of the reader's is ever
 * evaluated on another prison's row (EXPLAIN ANALYZE would show it), and
 * security_barrier keeps the planner from estimating the reader's
 * conditions from the tables' statistics.  The cost: a list is computed
 * for every case the reader may see before the reader's own conditions;
 * the client's functions take their filters inside instead.
 */

-- The kind of custody an episode is, for analysis: remand, civil,
-- immigration, recall, indeterminate or determinate (first that applies).
CREATE FUNCTION resettle.case_type(
	remand boolean, civil boolean, immigration boolean,
	recall boolean, indeterminate boolean)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
	WHEN remand THEN 'remand'
	WHEN civil THEN 'civil'
	WHEN immigration THEN 'immigration'
	WHEN recall THEN 'recall'
	WHEN indeterminate THEN 'indeterminate'
	ELSE 'determinate'
END;
COMMENT ON FUNCTION resettle.case_type(boolean, boolean, boolean, boolean, boolean) IS
	'Kind of custody: remand, civil, immigration, recall, indeterminate or determinate (first that applies)';

-- Every custody episode with its person, region and case type: the rows
-- the case lists below choose from.
CREATE VIEW resettle.v_cases WITH (security_barrier = true) AS
SELECT * FROM (
SELECT
	c.id AS custody_id,
	c.prison_number::text AS prison_number,
	c.name,
	c.date_of_birth,
	c.prison_code,
	pr.region,
	c.sex,
	resettle.case_type(c.remand, c.civil, c.immigration, c.recall, c.indeterminate) AS case_type,
	c.sentence_type,
	c.reception_date,
	c.release_date,
	c.released_on,
	c.readiness,
	c.readiness_gaps,
	COALESCE(pg_catalog.cardinality(c.readiness_gaps), 0) AS gap_count,
	c.readiness_as_of,
	c.responsibility,
	c.handover_start_date,
	c.handover_date,
	c.handover_reason,
	resettle.handover_type(c.handover_reason, c.enhanced_handover) AS handover_type,
	c.pom_name,
	resettle.com_recorded(c.com_name, c.com_email) AS com_allocated,
	resettle.handover_upcoming(c.responsibility, c.handover_date, resettle.today()) AS handover_upcoming,
	resettle.com_allocation_overdue(c.responsibility, c.handover_date,
		c.com_name, c.com_email, resettle.today()) AS com_overdue
FROM resettle_internal.case_list AS c
LEFT JOIN resettle.prison AS pr ON pr.code OPERATOR(pg_catalog.=) c.prison_code
OFFSET 0) AS visible;
COMMENT ON VIEW resettle.v_cases IS
	'Every custody episode with its person, region, case type, stored readiness, handover and flags as of today';

-- Every case in custody with a release date today or later, soonest first
-- when ordered by release_date.  Filter days_to_release <= 84 for the
-- twelve weeks in which the pre-release work must be done (rule R10).
CREATE VIEW resettle.v_releases_due WITH (security_barrier = true) AS
SELECT custody_id, prison_number, name, prison_code, region, sex, case_type, sentence_type,
       release_date, release_date - resettle.today() AS days_to_release,
       readiness, readiness_gaps, gap_count, readiness_as_of, responsibility, handover_date,
       com_allocated
FROM resettle.v_cases
WHERE released_on IS NULL
  AND release_date >= resettle.today();
COMMENT ON VIEW resettle.v_releases_due IS
	'Cases in custody released today or later: release date, days to release, stored readiness and gaps, handover and COM';

-- The POM is still alone responsible and the handover is due within 56
-- days (MPC by_upcoming_handover, domain.md §2.5).
CREATE VIEW resettle.v_handover_upcoming WITH (security_barrier = true) AS
SELECT custody_id, prison_number, name, prison_code, region, handover_start_date, handover_date,
       handover_date - resettle.today() AS days_to_handover, handover_reason, handover_type,
       pom_name, com_allocated, release_date
FROM resettle.v_cases
WHERE released_on IS NULL AND handover_upcoming;
COMMENT ON VIEW resettle.v_handover_upcoming IS
	'Cases whose handover to the COM is due within 56 days while the POM is still alone responsible';

-- The COM is responsible, none is allocated, and two days have passed since
-- the handover date (MPC by_com_allocation_overdue, domain.md §2.5).
CREATE VIEW resettle.v_com_overdue WITH (security_barrier = true) AS
SELECT custody_id, prison_number, name, prison_code, region, handover_date,
       resettle.today() - (handover_date + 2) AS days_overdue, handover_reason, pom_name,
       release_date
FROM resettle.v_cases
WHERE released_on IS NULL AND com_overdue;
COMMENT ON VIEW resettle.v_com_overdue IS
	'Cases in custody where the COM is responsible but none is allocated two days after the handover date';

-- One row per release: what was in place on the day (resettle.release_outcome).
CREATE VIEW resettle.v_release_outcomes WITH (security_barrier = true) AS
SELECT
	o.custody_id,
	c.prison_number,
	c.name,
	o.prison_code,
	pr.region,
	c.sex,
	c.case_type,
	c.sentence_type,
	o.released_on,
	pg_catalog.date_trunc('month', o.released_on)::date AS released_month,
	o.settled_accommodation,
	o.id_document,
	o.bank_account,
	o.benefit_claim_needed,
	o.benefit_claim_started,
	o.gp_needed,
	o.gp_arranged,
	o.family_pathway_addressed,
	o.com_allocated,
	o.handover_date,
	o.com_allocated_by_handover,
	o.gaps,
	pg_catalog.cardinality(o.gaps) AS gap_count,
	o.id_applied
FROM (SELECT * FROM resettle_internal.release_outcome OFFSET 0) AS o
LEFT JOIN resettle.v_cases AS c ON c.custody_id OPERATOR(pg_catalog.=) o.custody_id
LEFT JOIN resettle.prison AS pr ON pr.code OPERATOR(pg_catalog.=) o.prison_code;
COMMENT ON VIEW resettle.v_release_outcomes IS
	'One row per release: settled accommodation, ID, bank account, benefit claim, GP, family pathway and COM on the day';
