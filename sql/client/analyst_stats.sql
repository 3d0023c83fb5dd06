-- resettle stats for analysts (after the analyst views it reads)

-- An analyst view row's group in stats: its prison, region or month of
-- release as published ("not shown" where generalised away; a month only
-- where the period is one).
CREATE FUNCTION resettle.analyst_stats_group(by text, prison_code text, region text,
	release_period daterange)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN COALESCE(CASE COALESCE(by, 'prison')
		WHEN 'prison' THEN prison_code
		WHEN 'region' THEN region
		WHEN 'month' THEN CASE WHEN pg_catalog.upper(release_period) OPERATOR(pg_catalog.-)
		                            pg_catalog.lower(release_period) OPERATOR(pg_catalog.<=) 31
		                       THEN pg_catalog.to_char(pg_catalog.lower(release_period), 'YYYY-MM') END
	END, 'not shown');
COMMENT ON FUNCTION resettle.analyst_stats_group(text, text, text, daterange) IS
	'The group of an analyst view row in resettle.analyst_stats(): prison, region or month as published, else ''not shown''';

/*
 * stats for analysts: the same figures from what analysts may see, the
 * month's release of the analyst views (docs/disclosure-control.md), read
 * with the caller's rights (a login that may not read the views gets their
 * "permission denied").  Cases in custody on the reference date by
 * readiness (those shown at level 7 have none); the releases whose
 * published period lies wholly within the 12 months before the reference
 * month.  A group whose value is generalised away is "not shown"; by month,
 * the month of release where it is published to the month.
 */
CREATE FUNCTION resettle.analyst_stats(by text DEFAULT 'prison')
RETURNS TABLE ("group" text, total bigint, ready bigint, on_track bigint,
	at_risk bigint, not_ready bigint, out_of_scope bigint,
	released bigint,
	settled_accommodation bigint, settled_accommodation_pct numeric,
	id_document bigint, id_document_pct numeric,
	bank_account bigint, bank_account_pct numeric,
	benefit_claim_needed bigint, benefit_claim_started bigint, benefit_claim_started_pct numeric,
	gp_needed bigint, gp_arranged bigint, gp_arranged_pct numeric,
	com_handover_due bigint, com_allocated_by_handover bigint, com_allocated_by_handover_pct numeric,
	family_pathway_addressed bigint, family_pathway_addressed_pct numeric)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH live AS (
		SELECT resettle.analyst_stats_group($1, c.prison_code, c.region, c.release_period) AS grp,
		       count(*) AS total,
		       count(*) FILTER (WHERE c.readiness = 'ready') AS ready,
		       count(*) FILTER (WHERE c.readiness = 'on_track') AS on_track,
		       count(*) FILTER (WHERE c.readiness = 'at_risk') AS at_risk,
		       count(*) FILTER (WHERE c.readiness = 'not_ready') AS not_ready,
		       count(*) FILTER (WHERE c.readiness = 'out_of_scope') AS out_of_scope
		FROM resettle.analyst_cases AS c
		WHERE NOT c.released
		GROUP BY 1
	), outcome AS (
		SELECT resettle.analyst_stats_group($1, o.prison_code, o.region, o.release_period) AS grp,
		       count(*) AS released,
		       count(*) FILTER (WHERE o.settled_accommodation) AS settled_accommodation,
		       count(*) FILTER (WHERE o.id_document) AS id_document,
		       count(*) FILTER (WHERE o.bank_account) AS bank_account,
		       count(*) FILTER (WHERE o.benefit_claim_needed) AS benefit_claim_needed,
		       count(*) FILTER (WHERE o.benefit_claim_needed AND o.benefit_claim_started) AS benefit_claim_started,
		       count(*) FILTER (WHERE o.gp_needed) AS gp_needed,
		       count(*) FILTER (WHERE o.gp_needed AND o.gp_arranged) AS gp_arranged,
		       count(*) FILTER (WHERE o.com_handover_due) AS com_handover_due,
		       count(*) FILTER (WHERE o.com_handover_due AND o.com_allocated_by_handover) AS com_allocated_by_handover,
		       count(*) FILTER (WHERE o.family_pathway_addressed) AS family_pathway_addressed
		FROM resettle.analyst_release_outcomes AS o
		WHERE o.release_period <@ resettle.last_12_months(o.reference_month)
		GROUP BY 1
	)
	SELECT COALESCE(l.grp, o.grp),
	       COALESCE(l.total, 0), COALESCE(l.ready, 0), COALESCE(l.on_track, 0),
	       COALESCE(l.at_risk, 0), COALESCE(l.not_ready, 0), COALESCE(l.out_of_scope, 0),
	       COALESCE(o.released, 0),
	       COALESCE(o.settled_accommodation, 0),
	       round(100.0 * o.settled_accommodation / NULLIF(o.released, 0), 1),
	       COALESCE(o.id_document, 0),
	       round(100.0 * o.id_document / NULLIF(o.released, 0), 1),
	       COALESCE(o.bank_account, 0),
	       round(100.0 * o.bank_account / NULLIF(o.released, 0), 1),
	       COALESCE(o.benefit_claim_needed, 0), COALESCE(o.benefit_claim_started, 0),
	       round(100.0 * o.benefit_claim_started / NULLIF(o.benefit_claim_needed, 0), 1),
	       COALESCE(o.gp_needed, 0), COALESCE(o.gp_arranged, 0),
	       round(100.0 * o.gp_arranged / NULLIF(o.gp_needed, 0), 1),
	       COALESCE(o.com_handover_due, 0), COALESCE(o.com_allocated_by_handover, 0),
	       round(100.0 * o.com_allocated_by_handover / NULLIF(o.com_handover_due, 0), 1),
	       COALESCE(o.family_pathway_addressed, 0),
	       round(100.0 * o.family_pathway_addressed / NULLIF(o.released, 0), 1)
	FROM live AS l
	FULL JOIN outcome AS o ON o.grp = l.grp
	WHERE COALESCE($1, 'prison') IN ('prison', 'region', 'month')
	ORDER BY 1;
END;
COMMENT ON FUNCTION resettle.analyst_stats(text) IS
	'stats for analysts, from the analyst views (the month''s release, under disclosure control): readiness in custody and the inspection measures of the releases published within the 12 months before the reference month, by prison, region or month';
