
/*
 * resettle report (client/cmd_report.c): every figure of the HTML report
 * through these functions, as every other command reads its own.  Staff
 * and admin's read the aggregate measures and v_releases_due (the prisons
 * the caller may see); analysts' (analyst_report_*) the analyst views,
 * the month's release under disclosure control.  All run with the caller's
 * rights; staff's are granted to staff and admin (sql/access/grants.sql),
 * analysts' are open as analyst_stats() is, and a login that may not read
 * the views they read gets its "permission denied".  The windows are
 * resettle.due_window() and
 * resettle.last_12_months() (docs/analysts.md#measures).
 */

-- A failing rule as a governor reads it: what is missing, in words.  A
-- rule this list does not know yet is "Not met: " and its title.
CREATE FUNCTION resettle.gap_words(rule text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT COALESCE(CASE $1
		WHEN 'dates.release_unknown' THEN 'No release date recorded'
		WHEN 'dates.release_passed' THEN 'Release date passed with no release recorded'
		WHEN 'handover.com_unallocated' THEN 'No probation officer (COM) named, though probation is involved'
		WHEN 'handover.com_overdue' THEN 'Probation officer (COM) not named within 2 days of handover'
		WHEN 'handover.checklist_incomplete' THEN 'Handover checklist not complete by the handover date'
		WHEN 'assessment.immediate_needs_overdue' THEN 'Immediate needs assessment not done after reception'
		WHEN 'assessment.pre_release_overdue' THEN 'Pre-release assessment not done 12 weeks before release'
		WHEN 'pathway.not_started' THEN 'Resettlement work not started on a pathway 12 weeks before release'
		WHEN 'accommodation.none' THEN 'No accommodation confirmed for release'
		WHEN 'accommodation.duty_to_refer' THEN 'No referral to the council though homeless or at risk'
		WHEN 'id.none' THEN 'No ID document held or applied for'
		WHEN 'id.application_late' THEN 'ID application still pending close to release'
		WHEN 'bank.none' THEN 'No bank account held or applied for'
		WHEN 'bank.application_failed' THEN 'Bank application declined or returned, not resubmitted'
		WHEN 'bank.application_late' THEN 'Bank application still pending close to release'
		WHEN 'benefits.claim_not_started' THEN 'Benefit claim not started'
		WHEN 'health.gp_not_arranged' THEN 'GP registration not arranged'
		WHEN 'health.release_prescription' THEN 'Release-day prescription not arranged'
		WHEN 'family.not_assessed' THEN 'Children and family needs not addressed'
	END, (SELECT 'Not met: ' || r.title FROM resettle.rule AS r WHERE r.code = $1), $1);
END;
COMMENT ON FUNCTION resettle.gap_words(text) IS
	'A failing readiness rule in words a governor reads: what is missing (the report''s gaps)';

-- A resettlement pathway in words (NULL for none).
CREATE FUNCTION resettle.pathway_words(pathway resettle.pathway)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE pathway
	WHEN 'accommodation' THEN 'Accommodation'
	WHEN 'attitudes_thinking_behaviour' THEN 'Attitudes, thinking and behaviour'
	WHEN 'children_families_community' THEN 'Children and families'
	WHEN 'drugs_alcohol' THEN 'Drugs and alcohol'
	WHEN 'education_skills_work' THEN 'Education, skills and work'
	WHEN 'finance_id' THEN 'Finance and ID'
	WHEN 'health' THEN 'Health'
END;
COMMENT ON FUNCTION resettle.pathway_words(resettle.pathway) IS
	'A resettlement pathway in words (the report''s)';

-- What the report is of: the day, its labels, the windows and the prison
-- (prison_code NULL for an unknown code; the client says so).
CREATE FUNCTION resettle.report_scope(prison text DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS TABLE (day date, day_long text, today date, window_last date,
	generated text, generated_iso text, year_first text, year_last text,
	prison_code text, prison_name text, prison_region text, prison_active boolean)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT x.d, to_char(x.d, 'FMDD FMMonth YYYY'), resettle.today(),
	       upper(resettle.due_window(x.d)) - 1,
	       to_char(now(), 'FMDD FMMonth YYYY HH24:MI TZ'),
	       to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
	       to_char(lower(resettle.last_12_months(x.d)), 'Mon YYYY'),
	       to_char(upper(resettle.last_12_months(x.d)) - 1, 'Mon YYYY'),
	       p.code, p.name, p.region, p.active
	FROM (SELECT COALESCE($2, resettle.today()) AS d) AS x
	LEFT JOIN resettle.prison AS p ON p.code = upper(btrim($1));
END;
COMMENT ON FUNCTION resettle.report_scope(text, date) IS
	'The report''s day, labels and windows, and its prison (NULL columns for an unknown code)';

-- The headline: cases in custody, and the releases due in the next 12
-- weeks by level with ready over those in scope (the releases of the last
-- 12 months are report_months()' first row).  counted: the scope has a row
-- in v_readiness_summary (a prison the caller may count).
CREATE FUNCTION resettle.report_headline(prison text DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS TABLE (counted boolean, cases bigint, in_scope bigint, ready bigint, ready_pct numeric,
	stale bigint, due bigint, due_ready bigint, due_on_track bigint, due_at_risk bigint,
	due_not_ready bigint, due_out_of_scope bigint, due_not_evaluated bigint,
	due_ready_pct numeric)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH d AS (
		SELECT COALESCE($2, resettle.today()) AS day,
		       CASE WHEN $1 IS NULL THEN 'all' ELSE 'prison' END AS dim,
		       COALESCE($1, 'all') AS grp
	), s AS (
		SELECT v.* FROM d, resettle.v_readiness_summary AS v
		WHERE v.dimension = d.dim AND v.group_name = d.grp
	), due AS (
		SELECT count(*) AS due,
		       count(*) FILTER (WHERE v.readiness = 'ready') AS ready,
		       count(*) FILTER (WHERE v.readiness = 'on_track') AS on_track,
		       count(*) FILTER (WHERE v.readiness = 'at_risk') AS at_risk,
		       count(*) FILTER (WHERE v.readiness = 'not_ready') AS not_ready,
		       count(*) FILTER (WHERE v.readiness = 'out_of_scope') AS out_of_scope,
		       count(*) FILTER (WHERE v.readiness IS NULL) AS not_evaluated
		FROM d, resettle.v_releases_due AS v
		WHERE v.release_date <@ resettle.due_window(d.day)
		  AND ($1 IS NULL OR v.prison_code = $1)
	)
	SELECT EXISTS (SELECT 1 FROM s), COALESCE(s.cases, 0), COALESCE(s.cases - s.out_of_scope, 0),
	       COALESCE(s.ready, 0), s.ready_pct, COALESCE(s.stale, 0),
	       due.due, due.ready, due.on_track, due.at_risk, due.not_ready, due.out_of_scope,
	       due.not_evaluated,
	       round(100.0 * due.ready / NULLIF(due.due - due.out_of_scope, 0), 1)
	FROM due LEFT JOIN s ON true;
END;
COMMENT ON FUNCTION resettle.report_headline(text, date) IS
	'The report''s headline: cases in custody, releases due in the next 12 weeks by readiness with ready over those in scope';

-- Readiness by prison (one prison, or every prison the caller counts).
CREATE FUNCTION resettle.report_prisons(prison text DEFAULT NULL)
RETURNS TABLE (prison_code text, name text, cases bigint, ready bigint, on_track bigint,
	at_risk bigint, not_ready bigint, out_of_scope bigint, not_evaluated bigint,
	ready_pct numeric)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT s.group_name, p.name, s.cases, s.ready, s.on_track, s.at_risk, s.not_ready,
	       s.out_of_scope, s.not_evaluated, s.ready_pct
	FROM resettle.v_readiness_summary AS s
	LEFT JOIN resettle.prison AS p ON p.code = s.group_name
	WHERE s.dimension = 'prison' AND ($1 IS NULL OR s.group_name = $1)
	ORDER BY s.group_name;
END;
COMMENT ON FUNCTION resettle.report_prisons(text) IS
	'The report''s readiness by prison: cases in custody by readiness level';

/*
 * The inspection measures: the last 12 months (month NULL, first), then
 * each of the 24 months to the month of as_of (released 0 where there was
 * no release).
 */
CREATE FUNCTION resettle.report_months(prison text DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS TABLE (month date, label text, released bigint,
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
	WITH d AS (
		SELECT COALESCE($2, resettle.today()) AS day,
		       CASE WHEN $1 IS NULL THEN 'all' ELSE 'prison' END AS dim,
		       COALESCE($1, 'all') AS grp
	), m AS (
		SELECT g.m::date AS month, to_char(g.m, 'Mon YYYY') AS label, o.released,
		       o.settled_accommodation, o.settled_accommodation_pct,
		       o.id_document, o.id_document_pct, o.bank_account, o.bank_account_pct,
		       o.benefit_claim_needed, o.benefit_claim_started, o.benefit_claim_started_pct,
		       o.gp_needed, o.gp_arranged, o.gp_arranged_pct,
		       o.com_handover_due, o.com_allocated_by_handover, o.com_allocated_by_handover_pct,
		       o.family_pathway_addressed, o.family_pathway_addressed_pct
		FROM d
		-- no month for an infinite day (a series to infinity never ends)
		CROSS JOIN generate_series(date_trunc('month', d.day::timestamp) - interval '23 months',
		                           CASE WHEN isfinite(d.day) THEN date_trunc('month', d.day::timestamp) END,
		                           interval '1 month') AS g (m)
		LEFT JOIN resettle.v_outcome_rates AS o
			ON o.month = g.m::date AND o.dimension = d.dim AND o.group_name = d.grp
	), y AS (
		SELECT COALESCE(sum(m.released), 0) AS released,
		       COALESCE(sum(m.settled_accommodation), 0) AS settled_accommodation,
		       COALESCE(sum(m.id_document), 0) AS id_document,
		       COALESCE(sum(m.bank_account), 0) AS bank_account,
		       COALESCE(sum(m.benefit_claim_needed), 0) AS benefit_claim_needed,
		       COALESCE(sum(m.benefit_claim_started), 0) AS benefit_claim_started,
		       COALESCE(sum(m.gp_needed), 0) AS gp_needed,
		       COALESCE(sum(m.gp_arranged), 0) AS gp_arranged,
		       COALESCE(sum(m.com_handover_due), 0) AS com_handover_due,
		       COALESCE(sum(m.com_allocated_by_handover), 0) AS com_allocated_by_handover,
		       COALESCE(sum(m.family_pathway_addressed), 0) AS family_pathway_addressed
		FROM d, m
		WHERE m.month <@ resettle.last_12_months(d.day)
	)
	SELECT NULL::date,
	       (SELECT to_char(lower(resettle.last_12_months(d.day)), 'Mon YYYY') || ' to '
	               || to_char(upper(resettle.last_12_months(d.day)) - 1, 'Mon YYYY') FROM d),
	       y.released,
	       y.settled_accommodation, round(100.0 * y.settled_accommodation / NULLIF(y.released, 0), 1),
	       y.id_document, round(100.0 * y.id_document / NULLIF(y.released, 0), 1),
	       y.bank_account, round(100.0 * y.bank_account / NULLIF(y.released, 0), 1),
	       y.benefit_claim_needed, y.benefit_claim_started,
	       round(100.0 * y.benefit_claim_started / NULLIF(y.benefit_claim_needed, 0), 1),
	       y.gp_needed, y.gp_arranged, round(100.0 * y.gp_arranged / NULLIF(y.gp_needed, 0), 1),
	       y.com_handover_due, y.com_allocated_by_handover,
	       round(100.0 * y.com_allocated_by_handover / NULLIF(y.com_handover_due, 0), 1),
	       y.family_pathway_addressed,
	       round(100.0 * y.family_pathway_addressed / NULLIF(y.released, 0), 1)
	FROM y
	UNION ALL
	(SELECT m.month, m.label, COALESCE(m.released, 0),
	        m.settled_accommodation, m.settled_accommodation_pct,
	        m.id_document, m.id_document_pct, m.bank_account, m.bank_account_pct,
	        m.benefit_claim_needed, m.benefit_claim_started, m.benefit_claim_started_pct,
	        m.gp_needed, m.gp_arranged, m.gp_arranged_pct,
	        m.com_handover_due, m.com_allocated_by_handover, m.com_allocated_by_handover_pct,
	        m.family_pathway_addressed, m.family_pathway_addressed_pct
	 FROM m ORDER BY m.month);
END;
COMMENT ON FUNCTION resettle.report_months(text, date) IS
	'The report''s inspection measures: the last 12 months (month NULL), then each of the 24 months to the month of as_of';

-- The ten most common gaps of the cases in custody, in words.
CREATE FUNCTION resettle.report_gaps(prison text DEFAULT NULL)
RETURNS TABLE (rule text, words text, severity text, pathway text, cases bigint,
	cases_due_12_weeks bigint)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT g.rule, resettle.gap_words(g.rule), g.severity, resettle.pathway_words(g.pathway), g.cases,
	       g.cases_due_12_weeks
	FROM resettle.v_gap_counts AS g
	WHERE g.prison_code IS NOT DISTINCT FROM $1
	ORDER BY g.cases DESC, g.rule
	LIMIT 10;
END;
COMMENT ON FUNCTION resettle.report_gaps(text) IS
	'The report''s ten most common gaps of the cases in custody, in words, with those due in the next 12 weeks';

-- The releases due in the next 12 weeks not yet ready (every level but
-- ready), week by week.
CREATE FUNCTION resettle.report_weeks(prison text DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS TABLE (week integer, first date, last date, label text, start_label text,
	on_track bigint, at_risk bigint, not_ready bigint, out_of_scope bigint,
	not_evaluated bigint, total bigint)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT w.week, b.first, b.last,
	       to_char(b.first, 'FMDD Mon') || ' to ' || to_char(b.last, 'FMDD Mon'),
	       to_char(b.first, 'FMDD Mon'),
	       count(v.custody_id) FILTER (WHERE v.readiness = 'on_track'),
	       count(v.custody_id) FILTER (WHERE v.readiness = 'at_risk'),
	       count(v.custody_id) FILTER (WHERE v.readiness = 'not_ready'),
	       count(v.custody_id) FILTER (WHERE v.readiness = 'out_of_scope'),
	       count(v.custody_id) FILTER (WHERE v.custody_id IS NOT NULL AND v.readiness IS NULL),
	       count(v.custody_id)
	FROM (SELECT COALESCE($2, resettle.today()) AS day) AS d
	CROSS JOIN generate_series(1, 12) AS w (week)
	-- week 12 ends with the window's last day
	CROSS JOIN LATERAL (SELECT d.day + 7 * (w.week - 1) AS first,
	                           CASE WHEN w.week = 12 THEN upper(resettle.due_window(d.day)) - 1
	                                ELSE d.day + 7 * w.week - 1 END AS last) AS b
	LEFT JOIN resettle.v_releases_due AS v
		ON v.release_date BETWEEN b.first AND b.last
		AND v.readiness IS DISTINCT FROM 'ready'
		AND ($1 IS NULL OR v.prison_code = $1)
	GROUP BY w.week, b.first, b.last
	ORDER BY w.week;
END;
COMMENT ON FUNCTION resettle.report_weeks(text, date) IS
	'The report''s releases due in the next 12 weeks not yet ready, by week and readiness level';

-- The same releases, soonest first, with their gaps in words; total is
-- their number before the limit.
CREATE FUNCTION resettle.report_releases(prison text DEFAULT NULL, as_of date DEFAULT NULL,
	max_rows bigint DEFAULT NULL)
RETURNS TABLE (prison_number text, name text, prison_code text, release_date date,
	days_to_release integer, readiness resettle.readiness_level, gaps text, gap_count integer,
	responsibility resettle.responsibility, handover_date date, com_allocated boolean,
	total bigint)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT v.prison_number, v.name, v.prison_code, v.release_date, v.release_date - d.day,
	       v.readiness,
	       (SELECT string_agg(resettle.gap_words(g.rule), '; ' ORDER BY g.n)
	        FROM unnest(v.readiness_gaps) WITH ORDINALITY AS g (rule, n)),
	       v.gap_count, v.responsibility, v.handover_date, v.com_allocated,
	       count(*) OVER ()
	FROM (SELECT COALESCE($2, resettle.today()) AS day) AS d
	JOIN resettle.v_releases_due AS v ON v.release_date <@ resettle.due_window(d.day)
	WHERE v.readiness IS DISTINCT FROM 'ready'
	  AND ($1 IS NULL OR v.prison_code = $1)
	ORDER BY v.release_date, v.prison_number
	LIMIT $3;
END;
COMMENT ON FUNCTION resettle.report_releases(text, date, bigint) IS
	'The report''s list: releases due in the next 12 weeks not yet ready, soonest first, their gaps in words';

/*
 * An analyst's report: the same shapes from the analyst views, as at their
 * reference month (analyst_cases.reference_month); no prison and no day of
 * the analyst's choosing, no names.  Cases shown at disclosure level 7
 * have no state and are not counted; a prison generalised away is NULL.
 * "Due" is in months for analysts: months_to_release lying wholly within
 * the reference month and the next two.
 */
CREATE FUNCTION resettle.analyst_report_scope()
RETURNS TABLE (day date, day_long text, today date, window_last date,
	generated text, generated_iso text, year_first text, year_last text,
	prison_code text, prison_name text, prison_region text, prison_active boolean)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT x.d, to_char(x.d, 'FMMonth YYYY'), resettle.today(),
	       ((x.d + interval '3 months')::date - 1),
	       to_char(now(), 'FMDD FMMonth YYYY HH24:MI TZ'),
	       to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
	       to_char(lower(resettle.last_12_months(x.d)), 'Mon YYYY'),
	       to_char(upper(resettle.last_12_months(x.d)) - 1, 'Mon YYYY'),
	       NULL::text, NULL::text, NULL::text, NULL::boolean
	FROM (SELECT COALESCE((SELECT max(c.reference_month) FROM resettle.analyst_cases AS c),
	                      resettle.analyst_reference_date()) AS d) AS x;
END;
COMMENT ON FUNCTION resettle.analyst_report_scope() IS
	'An analyst''s report: the analyst views'' reference month, its labels and windows';

CREATE FUNCTION resettle.analyst_report_headline()
RETURNS TABLE (counted boolean, cases bigint, in_scope bigint, ready bigint, ready_pct numeric,
	stale bigint, due bigint, due_ready bigint, due_on_track bigint, due_at_risk bigint,
	due_not_ready bigint, due_out_of_scope bigint, due_not_evaluated bigint,
	due_ready_pct numeric)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH c AS (
		SELECT count(*) AS cases,
		       count(*) FILTER (WHERE x.readiness = 'ready') AS ready,
		       count(*) FILTER (WHERE x.readiness = 'out_of_scope') AS out_of_scope
		FROM resettle.analyst_cases AS x
		WHERE NOT x.released
	), due AS (
		SELECT count(*) AS due,
		       count(*) FILTER (WHERE v.readiness = 'ready') AS ready,
		       count(*) FILTER (WHERE v.readiness = 'on_track') AS on_track,
		       count(*) FILTER (WHERE v.readiness = 'at_risk') AS at_risk,
		       count(*) FILTER (WHERE v.readiness = 'not_ready') AS not_ready,
		       count(*) FILTER (WHERE v.readiness = 'out_of_scope') AS out_of_scope,
		       count(*) FILTER (WHERE v.readiness IS NULL) AS not_evaluated
		FROM resettle.analyst_releases_due AS v
		WHERE upper(v.months_to_release) <= 3
	)
	SELECT true, c.cases, c.cases - c.out_of_scope, c.ready,
	       round(100.0 * c.ready / NULLIF(c.cases - c.out_of_scope, 0), 1), 0::bigint,
	       due.due, due.ready, due.on_track, due.at_risk, due.not_ready, due.out_of_scope,
	       due.not_evaluated,
	       round(100.0 * due.ready / NULLIF(due.due - due.out_of_scope, 0), 1)
	FROM c, due;
END;
COMMENT ON FUNCTION resettle.analyst_report_headline() IS
	'An analyst''s report headline from the analyst views: cases in custody, releases due in the next 3 months by readiness';

CREATE FUNCTION resettle.analyst_report_prisons()
RETURNS TABLE (prison_code text, name text, cases bigint, ready bigint, on_track bigint,
	at_risk bigint, not_ready bigint, out_of_scope bigint, not_evaluated bigint,
	ready_pct numeric)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT COALESCE(c.prison_code, 'not shown'), p.name, count(*),
	       count(*) FILTER (WHERE c.readiness = 'ready'),
	       count(*) FILTER (WHERE c.readiness = 'on_track'),
	       count(*) FILTER (WHERE c.readiness = 'at_risk'),
	       count(*) FILTER (WHERE c.readiness = 'not_ready'),
	       count(*) FILTER (WHERE c.readiness = 'out_of_scope'),
	       count(*) FILTER (WHERE c.readiness IS NULL),
	       round(100.0 * count(*) FILTER (WHERE c.readiness = 'ready')
	             / NULLIF(count(*) FILTER (WHERE c.readiness IS DISTINCT FROM 'out_of_scope'), 0), 1)
	FROM resettle.analyst_cases AS c
	LEFT JOIN resettle.prison AS p ON p.code = c.prison_code
	WHERE NOT c.released
	GROUP BY c.prison_code, p.name
	ORDER BY c.prison_code NULLS LAST;
END;
COMMENT ON FUNCTION resettle.analyst_report_prisons() IS
	'An analyst''s readiness by prison from analyst_cases (a prison generalised away is "not shown")';

CREATE FUNCTION resettle.analyst_report_months()
RETURNS TABLE (month date, label text, released bigint,
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
	WITH d AS (
		SELECT COALESCE((SELECT max(c.reference_month) FROM resettle.analyst_cases AS c),
		                resettle.analyst_reference_date()) AS day
	), g AS (
		-- the last 12 months (month NULL), then the 24 months to the
		-- reference month, each release counted where its period is the month
		SELECT NULL::date AS month, resettle.last_12_months(d.day) AS period FROM d
		UNION ALL
		SELECT s.m::date, daterange(s.m::date, (s.m + interval '1 month')::date)
		FROM d, generate_series(date_trunc('month', d.day::timestamp) - interval '23 months',
		                        date_trunc('month', d.day::timestamp), interval '1 month') AS s (m)
	), x AS (
		SELECT g.month, g.period,
		       count(o.*) AS released,
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
		FROM g
		LEFT JOIN resettle.analyst_release_outcomes AS o ON o.release_period <@ g.period
		GROUP BY g.month, g.period
	)
	SELECT x.month,
	       CASE WHEN x.month IS NULL
	            THEN to_char(lower(x.period), 'Mon YYYY') || ' to ' || to_char(upper(x.period) - 1, 'Mon YYYY')
	            ELSE to_char(x.month, 'Mon YYYY') END,
	       x.released,
	       x.settled_accommodation, round(100.0 * x.settled_accommodation / NULLIF(x.released, 0), 1),
	       x.id_document, round(100.0 * x.id_document / NULLIF(x.released, 0), 1),
	       x.bank_account, round(100.0 * x.bank_account / NULLIF(x.released, 0), 1),
	       x.benefit_claim_needed, x.benefit_claim_started,
	       round(100.0 * x.benefit_claim_started / NULLIF(x.benefit_claim_needed, 0), 1),
	       x.gp_needed, x.gp_arranged, round(100.0 * x.gp_arranged / NULLIF(x.gp_needed, 0), 1),
	       x.com_handover_due, x.com_allocated_by_handover,
	       round(100.0 * x.com_allocated_by_handover / NULLIF(x.com_handover_due, 0), 1),
	       x.family_pathway_addressed,
	       round(100.0 * x.family_pathway_addressed / NULLIF(x.released, 0), 1)
	FROM x
	ORDER BY x.month NULLS FIRST;
END;
COMMENT ON FUNCTION resettle.analyst_report_months() IS
	'An analyst''s inspection measures from analyst_release_outcomes: the last 12 months (month NULL), then the 24 months to the reference month (releases published to the month)';

CREATE FUNCTION resettle.analyst_report_gaps()
RETURNS TABLE (rule text, words text, severity text, pathway text, cases bigint,
	cases_due_12_weeks bigint)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT g.rule, resettle.gap_words(g.rule), r.severity, resettle.pathway_words(resettle.rule_pathway(g.rule)),
	       count(*), count(*) FILTER (WHERE upper(d.months_to_release) <= 3)
	FROM resettle.analyst_cases AS c
	CROSS JOIN LATERAL unnest(c.readiness_gaps) AS g (rule)
	LEFT JOIN resettle.analyst_releases_due AS d ON d.case_pseudonym = c.case_pseudonym
	LEFT JOIN resettle.rule AS r ON r.code = g.rule
	WHERE NOT c.released
	GROUP BY g.rule, r.severity
	ORDER BY count(*) DESC, g.rule
	LIMIT 10;
END;
COMMENT ON FUNCTION resettle.analyst_report_gaps() IS
	'An analyst''s ten most common gaps from analyst_cases, with those due in the next 3 months';
