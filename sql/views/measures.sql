
/*
 * Aggregate measures (docs/analysts.md): readiness of the cases in custody,
 * release outcomes as rates, and the most common gaps, each cut by prison,
 * region, sex, case type and sentence type.  They hold counts only, no
 * person, so one definition serves every role: the views run with their
 * owner's rights and count the prisons resettle.measured_prisons() allows
 * (admin every prison, staff their own).  Column lists are an
 * interface: add, never rename or drop.
 *
 * Rates are percentages with one decimal, NULL when the denominator is 0,
 * always next to the counts they come from.
 */

/*
 * The prisons whose cases the aggregate views count for the current user:
 * those the user may see (every prison for admin, a superuser or a role
 * that bypasses row security).  Being an analyst as well adds none: the
 * measures are exact and current, not under disclosure control.
 */
CREATE FUNCTION resettle.measured_prisons() RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT resettle.visible_prisons()
$$;
COMMENT ON FUNCTION resettle.measured_prisons() IS
	'Prison codes the aggregate views count for the current user: those it may see (all for admin and superusers)';

/*
 * Cases in custody by stored readiness level, one row per (dimension,
 * group_name): dimension all (group_name 'all'), prison, region, sex,
 * case_type or sentence_type ('unknown' where not recorded).  Every active
 * prison counted for the user has a row, with zeros when it holds no case.
 * ready_pct is ready over the cases in scope (not out_of_scope).  The
 * releases due in the next 12 weeks (resettle.due_window()):
 * releases_12_weeks, those ready, those not yet ready (every level but
 * ready: releases_12_weeks_not_ready, a name kept for compatibility; the
 * level not_ready is the column not_ready) and ready over those in scope
 * (releases_12_weeks_ready_pct, the report's headline).
 */
CREATE VIEW resettle.v_readiness_summary AS
WITH counted AS (
	SELECT pg_catalog.unnest((SELECT resettle.measured_prisons())) AS code
), cases AS (
	SELECT c.prison_code, pr.region, p.sex,
	       resettle.case_type(c.remand, c.civil, c.immigration, c.recall, c.indeterminate) AS case_type,
	       c.sentence_type, c.readiness, c.readiness_as_of,
	       c.release_date <@ resettle.due_window(resettle.today()) AS due
	FROM resettle.custody AS c
	JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) c.prison_number
	LEFT JOIN resettle.prison AS pr ON pr.code = c.prison_code
	WHERE c.released_on IS NULL
	  AND c.prison_code = ANY ((SELECT resettle.measured_prisons())::text[])
), grouped AS (
	SELECT d.dimension, COALESCE(d.group_name, 'unknown') AS group_name,
	       count(*) AS cases,
	       count(*) FILTER (WHERE x.readiness = 'ready') AS ready,
	       count(*) FILTER (WHERE x.readiness = 'on_track') AS on_track,
	       count(*) FILTER (WHERE x.readiness = 'at_risk') AS at_risk,
	       count(*) FILTER (WHERE x.readiness = 'not_ready') AS not_ready,
	       count(*) FILTER (WHERE x.readiness = 'out_of_scope') AS out_of_scope,
	       count(*) FILTER (WHERE x.readiness IS NULL) AS not_evaluated,
	       count(*) FILTER (WHERE x.due) AS releases_12_weeks,
	       count(*) FILTER (WHERE x.due AND x.readiness IS DISTINCT FROM 'ready') AS releases_12_weeks_not_ready,
	       count(*) FILTER (WHERE x.due AND x.readiness = 'ready') AS releases_12_weeks_ready,
	       count(*) FILTER (WHERE x.due AND x.readiness = 'out_of_scope') AS releases_12_weeks_out_of_scope,
	       count(*) FILTER (WHERE x.readiness_as_of IS NULL
	                          OR x.readiness_as_of < resettle.today()) AS stale
	FROM cases AS x
	CROSS JOIN LATERAL (VALUES
		('all', 'all'), ('prison', x.prison_code), ('region', x.region),
		('sex', x.sex), ('case_type', x.case_type), ('sentence_type', x.sentence_type)
	) AS d (dimension, group_name)
	GROUP BY 1, 2
), empty AS (
	-- active prisons (and their regions) the user counts but with no case
	SELECT d.dimension, d.group_name
	FROM counted
	JOIN resettle.prison AS pr ON pr.code = counted.code AND pr.active
	CROSS JOIN LATERAL (VALUES ('prison', pr.code), ('region', pr.region)) AS d (dimension, group_name)
	WHERE d.group_name IS NOT NULL
	EXCEPT
	SELECT g.dimension, g.group_name FROM grouped AS g
)
SELECT g.dimension, g.group_name, g.cases,
       g.ready, g.on_track, g.at_risk, g.not_ready, g.out_of_scope, g.not_evaluated,
       round(100.0 * g.ready / NULLIF(g.cases - g.out_of_scope, 0), 1) AS ready_pct,
       g.releases_12_weeks, g.releases_12_weeks_not_ready, g.stale,
       g.releases_12_weeks_ready,
       round(100.0 * g.releases_12_weeks_ready
             / NULLIF(g.releases_12_weeks - g.releases_12_weeks_out_of_scope, 0), 1)
         AS releases_12_weeks_ready_pct
FROM grouped AS g
UNION ALL
SELECT e.dimension, e.group_name, 0, 0, 0, 0, 0, 0, 0, NULL, 0, 0, 0, 0, NULL
FROM empty AS e;
COMMENT ON VIEW resettle.v_readiness_summary IS
	'Cases in custody by stored readiness level, by prison, region, sex, case type and sentence type (zeros for empty prisons)';

/*
 * Release outcomes as rates, one row per (dimension, group_name, month):
 * month NULL for every release, else the month of release.  The measures
 * reproduce the inspections' (domain.md §7; docs/analysts.md):
 *   settled_accommodation, id_document (held), bank_account,
 *   family_pathway_addressed, com_allocated, id_applied (pending or
 *   accepted), id_held_or_applied                    over released;
 *   benefit_claim_started over benefit_claim_needed;
 *   gp_arranged over gp_needed;
 *   com_allocated_by_handover over com_handover_due (releases with a
 *     handover date; no allocation date counts as not in time).
 */
CREATE VIEW resettle.v_outcome_rates AS
WITH releases AS (
	-- the sex the episode kept at release, not the person's now: a later
	-- record elsewhere must not move a release between a prison's cells
	SELECT o.*, pr.region, c.person_sex AS sex,
	       resettle.case_type(c.remand, c.civil, c.immigration, c.recall, c.indeterminate) AS case_type,
	       c.sentence_type
	FROM resettle.release_outcome AS o
	LEFT JOIN resettle.custody AS c ON c.id = o.custody_id
	LEFT JOIN resettle.prison AS pr ON pr.code = o.prison_code
	WHERE o.prison_code = ANY ((SELECT resettle.measured_prisons())::text[])
), grouped AS (
	SELECT d.dimension, COALESCE(d.group_name, 'unknown') AS group_name, m.month,
	       count(*) AS released,
	       count(*) FILTER (WHERE o.settled_accommodation) AS settled_accommodation,
	       count(*) FILTER (WHERE o.id_document) AS id_document,
	       count(*) FILTER (WHERE o.bank_account) AS bank_account,
	       count(*) FILTER (WHERE o.benefit_claim_needed) AS benefit_claim_needed,
	       count(*) FILTER (WHERE o.benefit_claim_needed AND o.benefit_claim_started) AS benefit_claim_started,
	       count(*) FILTER (WHERE o.gp_needed) AS gp_needed,
	       count(*) FILTER (WHERE o.gp_needed AND o.gp_arranged) AS gp_arranged,
	       count(*) FILTER (WHERE o.handover_date IS NOT NULL) AS com_handover_due,
	       count(*) FILTER (WHERE o.handover_date IS NOT NULL
	                          AND o.com_allocated_by_handover) AS com_allocated_by_handover,
	       count(*) FILTER (WHERE o.com_allocated) AS com_allocated,
	       count(*) FILTER (WHERE o.family_pathway_addressed) AS family_pathway_addressed,
	       count(*) FILTER (WHERE o.id_applied) AS id_applied,
	       count(*) FILTER (WHERE o.id_document OR o.id_applied) AS id_held_or_applied
	FROM releases AS o
	CROSS JOIN LATERAL (VALUES
		('all', 'all'), ('prison', o.prison_code), ('region', o.region),
		('sex', o.sex), ('case_type', o.case_type), ('sentence_type', o.sentence_type)
	) AS d (dimension, group_name)
	CROSS JOIN LATERAL (VALUES
		(NULL::date), (pg_catalog.date_trunc('month', o.released_on)::date)
	) AS m (month)
	GROUP BY 1, 2, 3
)
SELECT g.dimension, g.group_name, g.month, g.released,
       g.settled_accommodation,
       round(100.0 * g.settled_accommodation / NULLIF(g.released, 0), 1) AS settled_accommodation_pct,
       g.id_document,
       round(100.0 * g.id_document / NULLIF(g.released, 0), 1) AS id_document_pct,
       g.bank_account,
       round(100.0 * g.bank_account / NULLIF(g.released, 0), 1) AS bank_account_pct,
       g.benefit_claim_needed, g.benefit_claim_started,
       round(100.0 * g.benefit_claim_started / NULLIF(g.benefit_claim_needed, 0), 1) AS benefit_claim_started_pct,
       g.gp_needed, g.gp_arranged,
       round(100.0 * g.gp_arranged / NULLIF(g.gp_needed, 0), 1) AS gp_arranged_pct,
       g.com_handover_due, g.com_allocated_by_handover,
       round(100.0 * g.com_allocated_by_handover / NULLIF(g.com_handover_due, 0), 1) AS com_allocated_by_handover_pct,
       g.family_pathway_addressed,
       round(100.0 * g.family_pathway_addressed / NULLIF(g.released, 0), 1) AS family_pathway_addressed_pct,
       g.com_allocated,
       round(100.0 * g.com_allocated / NULLIF(g.released, 0), 1) AS com_allocated_pct,
       g.id_applied,
       round(100.0 * g.id_applied / NULLIF(g.released, 0), 1) AS id_applied_pct,
       g.id_held_or_applied,
       round(100.0 * g.id_held_or_applied / NULLIF(g.released, 0), 1) AS id_held_or_applied_pct
FROM grouped AS g;
COMMENT ON VIEW resettle.v_outcome_rates IS
	'Release outcomes as counts and rates, by prison, region, sex, case type and sentence type, overall (month NULL) and by month';

/*
 * The gaps of the cases in custody by rule: one row per (prison_code, rule)
 * and one per rule for every prison counted (prison_code NULL), from the
 * stored readiness_gaps.
 */
CREATE VIEW resettle.v_gap_counts AS
WITH gaps AS (
	SELECT c.prison_code, g.rule, c.release_date <@ resettle.due_window(resettle.today()) AS due
	FROM resettle.custody AS c
	CROSS JOIN LATERAL pg_catalog.unnest(c.readiness_gaps) AS g (rule)
	WHERE c.released_on IS NULL
	  AND c.prison_code = ANY ((SELECT resettle.measured_prisons())::text[])
)
SELECT x.prison_code, x.rule, r.title, r.severity,
       resettle.rule_pathway(x.rule) AS pathway,
       count(*) AS cases,
       count(*) FILTER (WHERE x.due) AS cases_due_12_weeks
FROM gaps AS x
LEFT JOIN resettle.rule AS r ON r.code = x.rule
GROUP BY GROUPING SETS ((x.prison_code, x.rule, r.title, r.severity), (x.rule, r.title, r.severity));
COMMENT ON VIEW resettle.v_gap_counts IS
	'Failing rules of the cases in custody: cases per rule, per prison and over every prison counted (prison_code NULL)';
