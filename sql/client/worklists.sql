
/*
 * The client's worklists (resettle releases, handovers, gaps, stats).  Each
 * evaluates readiness live as of the given day (default resettle.today()),
 * over the cases still in custody.  Their column sets are an interface of
 * the client's machine formats: add, never rename.
 */

-- Releases due within the given weeks, soonest first.
CREATE FUNCTION resettle.releases_due(
	weeks integer DEFAULT 12, prison text DEFAULT NULL,
	level resettle.readiness_level DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS TABLE (prison_number text, name text, prison_code text,
	release_date date, days_to_release integer,
	readiness resettle.readiness_level, gaps integer,
	responsibility resettle.responsibility, handover_date date)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT c.prison_number::text, p.name, c.prison_code, c.release_date,
	       c.release_date - d.day, ev.level, COALESCE(cardinality(ev.gaps), 0),
	       c.responsibility, c.handover_date
	FROM (SELECT COALESCE($4, resettle.today()) AS day) AS d
	JOIN resettle.custody AS c
		ON c.release_date BETWEEN d.day AND d.day + 7 * COALESCE($1, 12)
	JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) c.prison_number
	JOIN resettle.case_facts AS f ON f.custody_id = c.id
	CROSS JOIN LATERAL resettle.evaluate(f, d.day) AS ev
	WHERE c.released_on IS NULL
	  AND ($2 IS NULL OR c.prison_code = upper($2))
	  AND ($3 IS NULL OR ev.level = $3)
	ORDER BY c.release_date, c.prison_number
$$;
COMMENT ON FUNCTION resettle.releases_due(integer, text, resettle.readiness_level, date) IS
	'Cases in custody released within N weeks (default 12), with live readiness and gap count, soonest first';

-- Handovers: upcoming (POM alone, within 56 days), overdue (no COM two
-- days after handover) or all (either).
CREATE FUNCTION resettle.handovers(
	kind text DEFAULT 'all', prison text DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS TABLE (prison_number text, name text, prison_code text,
	handover_date date, days_to_handover integer, status text,
	responsibility resettle.responsibility, com_name text, release_date date)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT c.prison_number::text, p.name, c.prison_code, c.handover_date,
	       c.handover_date - d.day, fl.status, c.responsibility, c.com_name,
	       c.release_date
	FROM (SELECT COALESCE($3, resettle.today()) AS day) AS d
	CROSS JOIN resettle.custody AS c
	JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) c.prison_number
	CROSS JOIN LATERAL (
		SELECT CASE
			WHEN resettle.com_allocation_overdue(c.responsibility, c.handover_date,
				c.com_name, c.com_email, d.day) THEN 'overdue'
			WHEN resettle.handover_upcoming(c.responsibility, c.handover_date, d.day)
				THEN 'upcoming'
		END AS status
	) AS fl
	WHERE c.released_on IS NULL
	  AND fl.status IS NOT NULL
	  AND (COALESCE($1, 'all') = 'all' OR fl.status = $1)
	  AND ($2 IS NULL OR c.prison_code = upper($2))
	ORDER BY c.handover_date, c.prison_number
$$;
COMMENT ON FUNCTION resettle.handovers(text, text, date) IS
	'Upcoming or overdue handovers (kind upcoming, overdue or all) of cases in custody, by handover date';

-- The resettlement pathway a readiness rule belongs to (NULL: none).
CREATE FUNCTION resettle.rule_pathway(rule text)
RETURNS resettle.pathway
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE split_part($1, '.', 1)
		WHEN 'accommodation' THEN 'accommodation'
		WHEN 'id' THEN 'finance_id'
		WHEN 'bank' THEN 'finance_id'
		WHEN 'benefits' THEN 'finance_id'
		WHEN 'health' THEN 'health'
		WHEN 'family' THEN 'children_families_community'
	END::resettle.pathway
$$;
COMMENT ON FUNCTION resettle.rule_pathway(text) IS
	'The resettlement pathway a readiness rule code belongs to, NULL for rules of no single pathway';

-- Every failing rule of every case in custody.  rule matches a code or a
-- code prefix ("bank" matches bank.none and bank.application_failed).
CREATE FUNCTION resettle.gaps(
	rule text DEFAULT NULL, pathway resettle.pathway DEFAULT NULL,
	prison text DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS TABLE (prison_number text, name text, prison_code text,
	release_date date, rule text, severity text, message text, due_on date)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT f.prison_number::text, p.name, f.prison_code, f.release_date,
	       g.rule, g.severity, g.message, g.due_on
	FROM (SELECT COALESCE($4, resettle.today()) AS day) AS d
	CROSS JOIN resettle.case_facts AS f
	JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) f.prison_number
	CROSS JOIN LATERAL resettle.evaluate_gaps(f, d.day) AS g
	WHERE f.released_on IS NULL
	  AND ($1 IS NULL OR g.rule = $1 OR starts_with(g.rule, $1 || '.'))
	  AND ($2 IS NULL OR resettle.rule_pathway(g.rule) = $2)
	  AND ($3 IS NULL OR f.prison_code = upper($3))
	ORDER BY g.due_on NULLS FIRST, f.release_date, f.prison_number, g.rule
$$;
COMMENT ON FUNCTION resettle.gaps(text, resettle.pathway, text, date) IS
	'Every failing readiness rule of the cases in custody, filtered by rule (code or prefix), pathway and prison';

-- Counts of cases in custody by readiness level, grouped by prison, region
-- or month of release.
CREATE FUNCTION resettle.stats(by text DEFAULT 'prison', as_of date DEFAULT NULL)
RETURNS TABLE ("group" text, total bigint, ready bigint, on_track bigint,
	at_risk bigint, not_ready bigint, out_of_scope bigint)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE COALESCE($1, 'prison')
			WHEN 'prison' THEN f.prison_code
			WHEN 'region' THEN pr.region
			WHEN 'month' THEN COALESCE(to_char(f.release_date, 'YYYY-MM'), 'unknown')
		END AS grp,
	       count(*),
	       count(*) FILTER (WHERE ev.level = 'ready'),
	       count(*) FILTER (WHERE ev.level = 'on_track'),
	       count(*) FILTER (WHERE ev.level = 'at_risk'),
	       count(*) FILTER (WHERE ev.level = 'not_ready'),
	       count(*) FILTER (WHERE ev.level = 'out_of_scope')
	FROM (SELECT COALESCE($2, resettle.today()) AS day) AS d
	CROSS JOIN resettle.case_facts AS f
	JOIN resettle.prison AS pr ON pr.code = f.prison_code
	CROSS JOIN LATERAL resettle.evaluate(f, d.day) AS ev
	WHERE f.released_on IS NULL
	  AND COALESCE($1, 'prison') IN ('prison', 'region', 'month')
	GROUP BY 1
	ORDER BY 1
$$;
COMMENT ON FUNCTION resettle.stats(text, date) IS
	'Cases in custody by live readiness level, grouped by prison, region or month of release';
