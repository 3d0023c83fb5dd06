
/*
 * The client's worklists (resettle releases, handovers, gaps, stats).  Each
 * evaluates readiness live as of the given day (default resettle.today()),
 * over the cases still in custody that the caller may see
 * (sql/access/scoped_views.sql; SQL-standard bodies, see
 * sql/client/case_readiness.sql).  Their column sets are an interface of
 * the client's machine formats: add, never rename.
 *
 * Everyday commands, so each reads only what it returns: its prison filter
 * is a condition on prison_code an index serves (resettle.listed_prisons(),
 * not "prison IS NULL OR ...", which a function's plan, made without the
 * arguments' values, cannot use); readiness is the stored level where it is
 * as of the day asked for (the triggers and the daily refresh() keep it so)
 * and is evaluated from the case's facts only where it is not
 * (resettle.evaluate_case(), in a LATERAL subquery with OFFSET 0, which the
 * planner keeps as a subquery gated by that condition), each case's facts
 * looked up by its id; and JIT is
 * off, as these plans' estimates over a national caseload would otherwise
 * start a compilation that takes longer than the query.
 *
 * A new backend pays for every page it touches for the first time, and a
 * prison's cases lie a heap page each: the lists read the name the episode
 * carries (custody.person_name), not the person's row, and find their cases
 * by custody_open_prison_idx (sql/tables/indexes_1_2.sql), so that each
 * reads from the heap only the cases it returns.
 */

-- The prisons a list covers: the one asked for, else all the caller may
-- see.  A prison the caller may not see (another's, or an unknown code:
-- one answer for both) is told so (no_data_found: the client's "not
-- found") rather than given an empty list.  Callers wrap it in a scalar subquery, so it runs once
-- per statement even where the planner makes it a filter rather than an
-- index condition.  In C (extension/visibility.c): every list asks, and
-- PL/pgSQL cost a new connection its loading and compiling.
CREATE FUNCTION resettle.listed_prisons(prison text)
RETURNS text[]
	AS 'MODULE_PATHNAME', 'visibility_listed_prisons'
	LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION resettle.listed_prisons(text) IS
	'The prison codes a list covers: the prison given (upper-cased), else every prison the caller may see; an error when that is none';

-- A rule code or prefix a list is filtered by, or an error naming it.
CREATE FUNCTION resettle.require_rule(rule text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF $1 IS NOT NULL AND NOT EXISTS (
		SELECT 1 FROM resettle.rule AS r
		WHERE r.code = $1 OR starts_with(r.code, $1 || '.')) THEN
		RAISE EXCEPTION 'unknown rule "%"', $1
			USING ERRCODE = 'no_data_found',
			      HINT = 'A rule is a code such as bank.none or a prefix such as bank; "resettle export rule" lists them.';
	END IF;
END
$$;
COMMENT ON FUNCTION resettle.require_rule(text) IS
	'An error (no_data_found) if no rule has this code or starts with it and a dot';



-- Raise an error: for the conditions a SQL function checks (the lists'
-- filters below, the set functions of sql/client/record_update.sql).
CREATE FUNCTION resettle.refuse_update(sqlstate text, message text, detail text DEFAULT NULL,
	hint text DEFAULT NULL)
RETURNS void
-- VOLATILE: an IMMUTABLE one called with constant arguments could be raised
-- while planning, whatever the WHERE that guards it
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	-- an empty detail or hint would still be shown, as an empty line
	IF detail IS NULL AND hint IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = sqlstate, MESSAGE = message;
	ELSIF detail IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = sqlstate, MESSAGE = message, HINT = hint;
	ELSIF hint IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = sqlstate, MESSAGE = message, DETAIL = detail;
	END IF;
	RAISE EXCEPTION USING ERRCODE = sqlstate, MESSAGE = message, DETAIL = detail, HINT = hint;
END
$$;
COMMENT ON FUNCTION resettle.refuse_update(text, text, text, text) IS
	'Raise an error with this SQLSTATE, message, detail and hint (for the checks of the set functions)';

-- A POM's name a list is filtered by (--pom): an error (no_data_found) when
-- no case in custody at the prisons listed has it, so that a mistyped name
-- is not an empty list.  Compared as the lists compare it: in any case,
-- surrounding spaces ignored.
CREATE FUNCTION resettle.require_pom(pom text, prison text)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT resettle.refuse_update('P0002',
		pg_catalog.format('no case in custody has the POM "%s" at %s', $1,
			COALESCE(pg_catalog.upper($2), 'the prisons you may see')), NULL,
		'Give the name as the prison records it on its cases (any case): resettle gaps and resettle releases show each case''s POM.')
	WHERE NOT EXISTS (
		SELECT 1 FROM resettle_internal.custody AS c
		WHERE c.prison_code = ANY ((SELECT resettle.listed_prisons($2))::text[])
		  AND c.released_on IS NULL
		  AND pg_catalog.lower(c.pom_name) = pg_catalog.lower(pg_catalog.btrim($1)));
END;
COMMENT ON FUNCTION resettle.require_pom(text, text) IS
	'An error (no_data_found) if no case in custody at the prisons listed has this POM';

-- The POM the caller's login is mapped to (resettle.map_pom()), else NULL.
CREATE FUNCTION resettle.login_pom_name()
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT s.pom_name FROM resettle_internal.staff_pom AS s;
END;
COMMENT ON FUNCTION resettle.login_pom_name() IS
	'The POM name (custody.pom_name) the caller''s login is mapped to by resettle.map_pom(), else NULL';

-- The same, raising no_data_found (P0002) when the login has no mapping:
-- the lists' "mine".
CREATE FUNCTION resettle.my_pom_name()
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	pom text := resettle.login_pom_name();
BEGIN
	IF pom IS NULL THEN
		RAISE EXCEPTION 'login "%" is not mapped to a POM', CURRENT_USER
			USING ERRCODE = 'no_data_found',
			      HINT = pg_catalog.format('An administrator maps it with SELECT resettle.map_pom(%L, ''POM NAME''), the name as recorded on the cases; or give the POM''s name instead (--pom NAME).',
			                               CURRENT_USER);
	END IF;
	RETURN pom;
END
$$;
COMMENT ON FUNCTION resettle.my_pom_name() IS
	'The POM name the caller''s login is mapped to; raises no_data_found when it is not mapped';

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
SET jit = off
BEGIN ATOMIC
	-- the prisons first: an unknown or unmapped one is an error whatever the
	-- plan below evaluates first
	SELECT resettle.listed_prisons($2);
	SELECT c.prison_number::text, c.person_name, c.prison_code, c.release_date,
	       c.release_date - d.day, COALESCE(ev.level, c.readiness),
	       COALESCE(cardinality(CASE WHEN ev.level IS NULL THEN c.readiness_gaps ELSE ev.gaps END), 0),
	       c.responsibility, c.handover_date
	FROM (SELECT COALESCE($4, resettle.today()) AS day OFFSET 0) AS d
	JOIN resettle_internal.custody AS c
		ON c.prison_code = ANY ((SELECT resettle.listed_prisons($2))::text[])
	   -- the release date as custody_open_prison_idx keys it (no release
	   -- date never falls in a window)
	   AND COALESCE(c.release_date, 'infinity'::date) BETWEEN d.day AND d.day + 7 * COALESCE($1, 12)
	LEFT JOIN LATERAL (
		SELECT e.level, e.gaps FROM resettle.evaluate_case(c.id, d.day) AS e
		WHERE c.readiness_as_of IS DISTINCT FROM d.day
		OFFSET 0
	) AS ev ON true
	WHERE c.released_on IS NULL
	  AND ($3 IS NULL OR COALESCE(ev.level, c.readiness) = $3)
	ORDER BY c.release_date, c.prison_number;
END;
COMMENT ON FUNCTION resettle.releases_due(integer, text, resettle.readiness_level, date) IS
	'Cases in custody released within N weeks (default 12), with readiness and gap count as of the day, soonest first';

-- Handovers: upcoming (POM alone, within 56 days), overdue (no COM two
-- days after handover) or all (either).  The two conditions are written
-- out, not through a status column, so that each can use its index.  With
-- a POM's name (any case), or mine (the POM the caller's login is mapped
-- to, resettle.my_pom_name()), that POM's cases only.
CREATE FUNCTION resettle.handovers(
	kind text DEFAULT 'all', prison text DEFAULT NULL, as_of date DEFAULT NULL,
	pom text DEFAULT NULL, mine boolean DEFAULT false)
RETURNS TABLE (prison_number text, name text, prison_code text,
	handover_date date, days_to_handover integer, status text,
	responsibility resettle.responsibility, com_name text, release_date date,
	pom_name text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	-- the prisons first: an unknown or unmapped one is an error whatever the
	-- plan below evaluates first
	SELECT resettle.listed_prisons($2);
	SELECT resettle.require_pom($4, $2) WHERE $4 IS NOT NULL AND NOT $5;
	SELECT c.prison_number::text, c.person_name, c.prison_code, c.handover_date,
	       c.handover_date - d.day,
	       CASE WHEN resettle.com_allocation_overdue(c.responsibility, c.handover_date,
	                 c.com_name, c.com_email, d.day) THEN 'overdue' ELSE 'upcoming' END,
	       c.responsibility, c.com_name, c.release_date, c.pom_name
	FROM (SELECT COALESCE($3, resettle.today()) AS day, COALESCE($1, 'all') AS kind,
	             pg_catalog.lower(pg_catalog.btrim(
	                 CASE WHEN $5 THEN resettle.my_pom_name() ELSE $4 END)) AS pom
	      OFFSET 0) AS d,
	     resettle_internal.custody AS c
	WHERE c.prison_code = ANY ((SELECT resettle.listed_prisons($2))::text[])
	  AND ((d.kind IN ('all', 'overdue')
	        AND resettle.com_allocation_overdue(c.responsibility, c.handover_date,
	                c.com_name, c.com_email, d.day))
	    OR (d.kind IN ('all', 'upcoming')
	        AND resettle.handover_upcoming(c.responsibility, c.handover_date, d.day)))
	  AND c.released_on IS NULL
	  AND (d.pom IS NULL OR pg_catalog.lower(c.pom_name) = d.pom)
	ORDER BY c.handover_date, c.prison_number;
END;
COMMENT ON FUNCTION resettle.handovers(text, text, date, text, boolean) IS
	'Upcoming or overdue handovers (kind upcoming, overdue or all) of cases in custody, by handover date; optionally of one POM (pom, or mine: the caller''s)';

-- The resettlement pathway a readiness rule belongs to (NULL: none).  An
-- expression the planner inlines (no settings; its body bound when created),
-- not a function call per gap.
CREATE FUNCTION resettle.rule_pathway(rule text)
RETURNS resettle.pathway
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE pg_catalog.split_part(rule, '.', 1)
	WHEN 'accommodation' THEN 'accommodation'::resettle.pathway
	WHEN 'id' THEN 'finance_id'::resettle.pathway
	WHEN 'bank' THEN 'finance_id'::resettle.pathway
	WHEN 'benefits' THEN 'finance_id'::resettle.pathway
	WHEN 'health' THEN 'health'::resettle.pathway
	WHEN 'family' THEN 'children_families_community'::resettle.pathway
END;
COMMENT ON FUNCTION resettle.rule_pathway(text) IS
	'The resettlement pathway a readiness rule code belongs to, NULL for rules of no single pathway';

/*
 * The cases in custody resettle.gaps() lists: at the prisons
 * resettle.listed_prisons() gives for prison, with a release date (none
 * counted as infinity) from low to high; those stored as of day at a level
 * with gaps (at_risk or not_ready), with their stored gaps (details), and
 * those not stored as of day (stale, level and details NULL).  In C
 * (extension/gap_cases.c): it reads custody_open_prison_idx and only the
 * heap rows it returns, so that a new backend plans no scan of custody (the
 * planner would load the catalogue entries of its ten indexes and the
 * statistics of its columns) for one prison's list.
 */
CREATE FUNCTION resettle.gap_cases(prison text, low date, high date, day date)
RETURNS TABLE (id bigint, prison_number resettle.prison_number, person_name text,
	prison_code text, release_date date, pom_name text, level resettle.readiness_level,
	details jsonb, stale boolean)
	AS 'MODULE_PATHNAME', 'gap_cases'
	LANGUAGE C STABLE PARALLEL RESTRICTED ROWS 400;
COMMENT ON FUNCTION resettle.gap_cases(text, date, date, date) IS
	'The cases in custody resettle.gaps() lists at the prisons listed for prison, released from low to high (none: infinity): stored as of day with gaps, with their stored gaps, or stale';

/*
 * Every failing rule of every case in custody: the gaps in words, with
 * their severity and due date.  rule matches a code or a code prefix
 * ("bank" matches bank.none and bank.application_failed).
 *
 * The worklist (resettle gaps --weeks N): with weeks, the cases released
 * within N weeks of as_of (release_date from as_of to as_of + 7 N days, as
 * resettle.releases_due()); without, every case in custody.  pom (any
 * case) or mine (the POM the caller's login is mapped to,
 * resettle.my_pom_name()) keeps that POM's cases, level the cases of that
 * readiness level.  Each case's gaps come together, what is due first
 * first: cases by their earliest due date (a gap with no due date, such as
 * a release date passed, is due now), then release date and prison number;
 * a case's gaps by due date and rule.
 *
 * The cases come from resettle.gap_cases() (C, reading
 * custody_open_prison_idx, sql/tables/indexes_1_2.sql), of two kinds:
 *   - a case whose readiness is stored as of the day has gaps exactly when
 *     its stored level is at_risk or not_ready (the rules give a case with
 *     an error not_ready, one with only warnings at_risk, and no other
 *     level has a gap), and the gaps in words are stored with it
 *     (readiness_details); so only those cases are read from the heap;
 *   - a case whose stored readiness is not as of the day (a refresh not yet
 *     run, another as_of) is found by the day the index carries, then
 *     evaluated here from its facts.
 * Without weeks the window is every release date and none (the index keys
 * no release date as infinity), so that one range of the index's third key
 * serves both.
 */
CREATE FUNCTION resettle.gaps(
	rule text DEFAULT NULL, pathway resettle.pathway DEFAULT NULL,
	prison text DEFAULT NULL, as_of date DEFAULT NULL,
	weeks integer DEFAULT NULL, pom text DEFAULT NULL,
	level resettle.readiness_level DEFAULT NULL, mine boolean DEFAULT false)
RETURNS TABLE (prison_number text, name text, prison_code text,
	release_date date, rule text, severity text, message text, due_on date,
	days_to_release integer, readiness resettle.readiness_level, pom_name text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	-- the prisons first: an unknown or unmapped one is an error whatever the
	-- plan below evaluates first
	SELECT resettle.listed_prisons($3);
	SELECT resettle.require_rule($1) WHERE $1 IS NOT NULL;
	SELECT resettle.require_pom($6, $3) WHERE $6 IS NOT NULL AND NOT $8;
	SELECT c.prison_number::text, c.person_name, c.prison_code, c.release_date,
	       g.rule, g.severity, g.message, g.due_on,
	       c.release_date - d.day, c.level, c.pom_name
	FROM (SELECT x.day, x.pom,
	             -- the window: with weeks, from the day to N weeks on; else
	             -- every release date, and none (keyed as infinity by
	             -- custody_open_prison_idx)
	             CASE WHEN $5 IS NULL THEN '-infinity'::date ELSE x.day END AS low,
	             CASE WHEN $5 IS NULL THEN 'infinity'::date ELSE x.day + 7 * $5 END AS high
	      FROM (SELECT COALESCE($4, resettle.today()) AS day,
	                   pg_catalog.lower(pg_catalog.btrim(
	                       CASE WHEN $8 THEN resettle.my_pom_name() ELSE $6 END)) AS pom) AS x
	      OFFSET 0) AS d,
	LATERAL (
		-- the cases with gaps, read by resettle.gap_cases() (C, from
		-- custody_open_prison_idx): those stored as of the day at a level
		-- with gaps, with their stored gaps; those not stored as of the
		-- day (stale) with their level evaluated here from their facts
		SELECT w.id, w.prison_number, w.person_name, w.prison_code, w.release_date,
		       w.pom_name, w.level, w.details
		FROM (SELECT w.id, w.prison_number, w.person_name, w.prison_code, w.release_date,
		             w.pom_name, w.details,
		             CASE WHEN w.stale THEN (resettle.evaluate_case(w.id, d.day)).level
		                  ELSE w.level END AS level
		      FROM resettle.gap_cases($3, d.low, d.high, d.day) AS w
		      WHERE d.pom IS NULL OR pg_catalog.lower(w.pom_name) = d.pom
		      OFFSET 0) AS w
		WHERE $7 IS NULL OR w.level = $7
	) AS c,
	LATERAL (
		-- the gaps in words: as the recompute stored them; else (a case
		-- not stored as of the day, or stored before 1.2 kept the words)
		-- evaluated from the case's facts
		SELECT s.rule, s.severity, s.message, s.due_on
		FROM jsonb_to_recordset(c.details)
			AS s (rule text, severity text, message text, due_on date)
		UNION ALL
		(SELECT k.rule, k.severity, k.message, k.due_on FROM resettle.check(c.id, d.day) AS k
		 WHERE c.details IS NULL
		 OFFSET 0)
	) AS g
	WHERE ($1 IS NULL OR g.rule = $1 OR starts_with(g.rule, $1 || '.'))
	  AND ($2 IS NULL OR resettle.rule_pathway(g.rule) = $2)
	ORDER BY min(COALESCE(g.due_on, '-infinity')) OVER (PARTITION BY c.id),
	         c.release_date, c.prison_number, c.id,
	         g.due_on NULLS FIRST, g.rule;
END;
COMMENT ON FUNCTION resettle.gaps(text, resettle.pathway, text, date, integer, text,
	resettle.readiness_level, boolean) IS
	'Every failing readiness rule of the cases in custody, in words with severity and due date, each case''s together, what is due first first; filtered by rule (code or prefix), pathway, prison, release within N weeks, POM (or the caller''s: mine) and readiness level';

/*
 * Counts of cases in custody by readiness level, and the inspection's
 * measures (domain.md section 7, docs/rules.md "Release outcome") over the
 * releases of the last 12 months (resettle.last_12_months(): the 12 whole
 * months before the month of as_of; 2026-03-09: March 2025 to February
 * 2026).
 * Grouped by prison, region, or month (of the expected release of a case in
 * custody, of the actual release of an outcome); NULL groups are 'unknown'.
 * A group appears when it has a case in custody or a release in the window.
 * Each rate is a percentage with one decimal, NULL when its denominator is 0:
 *   settled_accommodation, id_document, bank_account, family_pathway_addressed
 *     over released;
 *   benefit_claim_started over benefit_claim_needed;
 *   gp_arranged over gp_needed;
 *   com_allocated_by_handover over com_handover_due (releases with a
 *     handover date; no COM allocation date counts as not allocated in time).
 * An unknown grouping gives no rows (pathway counts: pathway_stats()).
 * With a prison, its cases and releases only.
 */
CREATE FUNCTION resettle.stats(by text DEFAULT 'prison', as_of date DEFAULT NULL,
	prison text DEFAULT NULL)
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
SET jit = off
BEGIN ATOMIC
	-- the prisons first: an unknown or unmapped one is an error whatever the
	-- plan below evaluates first
	SELECT resettle.listed_prisons($3);
	WITH d AS (
		SELECT COALESCE($2, resettle.today()) AS day, COALESCE($1, 'prison') AS by
	), live AS (
		SELECT COALESCE(CASE d.by
				WHEN 'prison' THEN c.prison_code
				WHEN 'region' THEN pr.region
				WHEN 'month' THEN to_char(c.release_date, 'YYYY-MM')
			END, 'unknown') AS grp,
		       count(*) AS total,
		       count(*) FILTER (WHERE x.level = 'ready') AS ready,
		       count(*) FILTER (WHERE x.level = 'on_track') AS on_track,
		       count(*) FILTER (WHERE x.level = 'at_risk') AS at_risk,
		       count(*) FILTER (WHERE x.level = 'not_ready') AS not_ready,
		       count(*) FILTER (WHERE x.level = 'out_of_scope') AS out_of_scope
		FROM d
		JOIN resettle_internal.custody AS c
			ON c.prison_code = ANY ((SELECT resettle.listed_prisons($3))::text[])
		LEFT JOIN resettle.prison AS pr ON pr.code = c.prison_code
		LEFT JOIN LATERAL (
			SELECT e.level FROM resettle.evaluate_case(c.id, d.day) AS e
			WHERE c.readiness_as_of IS DISTINCT FROM d.day
			OFFSET 0
		) AS ev ON true
		CROSS JOIN LATERAL (SELECT COALESCE(ev.level, c.readiness) AS level) AS x
		WHERE c.released_on IS NULL
		GROUP BY 1
	), outcome AS (
		SELECT COALESCE(CASE d.by
				WHEN 'prison' THEN o.prison_code
				WHEN 'region' THEN pr.region
				WHEN 'month' THEN to_char(o.released_on, 'YYYY-MM')
			END, 'unknown') AS grp,
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
		       count(*) FILTER (WHERE o.family_pathway_addressed) AS family_pathway_addressed
		FROM d
		JOIN resettle_internal.release_outcome AS o
			ON o.prison_code = ANY ((SELECT resettle.listed_prisons($3))::text[])
			-- the last 12 months (resettle.last_12_months(): whole months)
			AND o.released_on >= pg_catalog.lower(resettle.last_12_months(d.day))
			AND o.released_on < pg_catalog.upper(resettle.last_12_months(d.day))
		LEFT JOIN resettle.prison AS pr ON pr.code = o.prison_code
		GROUP BY 1
	), region_cover AS (
		-- a region of whose prisons the caller counts only some is named
		-- with them: "London (BXI only)", not London's figures
		SELECT pr.region, string_agg(pr.code, ', ' ORDER BY pr.code) FILTER (WHERE pr.code = ANY (l.codes)) AS counted,
		       COALESCE(bool_and(pr.code = ANY (l.codes)) FILTER (WHERE pr.active), true) AS whole
		FROM resettle.prison AS pr
		CROSS JOIN (SELECT resettle.listed_prisons($3)::text[] AS codes) AS l
		WHERE (SELECT d.by FROM d) = 'region'
		GROUP BY pr.region
	)
	SELECT CASE WHEN rc.whole OR rc.counted IS NULL THEN COALESCE(l.grp, o.grp)
	            ELSE COALESCE(l.grp, o.grp) || ' (' || rc.counted || ' only)' END,
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
	LEFT JOIN region_cover AS rc ON rc.region = COALESCE(l.grp, o.grp)
	WHERE (SELECT d.by FROM d) IN ('prison', 'region', 'month')
	ORDER BY 1;
END;
COMMENT ON FUNCTION resettle.stats(text, date, text) IS
	'Cases in custody by readiness level and the inspection measures of the releases of the 12 whole months before the month of as_of, grouped by prison, region or month; optionally of one prison';

/*
 * Cases in custody by the status of each resettlement pathway: one row per
 * pathway, counting each case once per pathway; a case with no status row
 * for a pathway counts as not_started.  Statuses are those recorded now
 * (there is no as_of).  With a prison, its cases only.
 */
CREATE FUNCTION resettle.pathway_stats(prison text DEFAULT NULL)
RETURNS TABLE ("group" text, total bigint, not_started bigint, in_progress bigint,
	support_required bigint, support_not_required bigint, support_declined bigint,
	done bigint)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	-- the prisons first: an unknown or unmapped one is an error whatever the
	-- plan below evaluates first
	SELECT resettle.listed_prisons($1);
	SELECT pw.pathway::text,
	       count(c.id),
	       count(c.id) FILTER (WHERE COALESCE(s.status, 'not_started') = 'not_started'),
	       count(c.id) FILTER (WHERE s.status = 'in_progress'),
	       count(c.id) FILTER (WHERE s.status = 'support_required'),
	       count(c.id) FILTER (WHERE s.status = 'support_not_required'),
	       count(c.id) FILTER (WHERE s.status = 'support_declined'),
	       count(c.id) FILTER (WHERE s.status = 'done')
	FROM unnest(enum_range(NULL::resettle.pathway)) AS pw (pathway)
	LEFT JOIN resettle_internal.custody AS c
		ON c.released_on IS NULL AND c.prison_code = ANY ((SELECT resettle.listed_prisons($1))::text[])
	LEFT JOIN resettle_internal.pathway_status AS s
		ON s.custody_id = c.id AND s.pathway = pw.pathway
	GROUP BY pw.pathway
	ORDER BY pw.pathway;
END;
COMMENT ON FUNCTION resettle.pathway_stats(text) IS
	'Cases in custody by the status of each resettlement pathway (no status recorded counts as not_started)';
