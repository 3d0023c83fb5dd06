/*
 * resettle 1.0 to 1.1.  Assembled by the Makefile from the parts new in
 * 1.1 (UPGRADE_1_1_PARTS), the same files the 1.1 install script holds, so
 * an upgraded database equals a fresh install (test/t/040_upgrade.pl).
 * After upgrading, run resettle.grant_roles() again so the roles get the
 * new objects (docs/operations.md "Upgrading").
 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION resettle UPDATE TO '1.1'" to load this file. \quit

/*
 * Operational handover flags of MPC (reference/domain.md §2.5).  Plain SQL
 * so the planner inlines them into analysts' queries.
 */

-- CustodyOnly and HD - 56 days <= as_of < HD: the POM is reminded.  Both
-- bounds are on handover_date itself, so an index on it serves the window
-- (since 1.1).
CREATE OR REPLACE FUNCTION resettle.handover_upcoming(
	responsibility resettle.responsibility, handover_date date,
	as_of date DEFAULT CURRENT_DATE, window_days integer DEFAULT 56)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT responsibility = 'custody_only'
		AND handover_date <= as_of + window_days
		AND handover_date > as_of
$$;
COMMENT ON FUNCTION resettle.handover_upcoming(resettle.responsibility, date, date, integer) IS
	'Handover due within the window (default 56 days) and the POM still alone responsible';

-- COM responsible since HD, no COM recorded, and two days gone.
CREATE OR REPLACE FUNCTION resettle.com_allocation_overdue(
	responsibility resettle.responsibility, handover_date date,
	com_name text, com_email text, as_of date DEFAULT CURRENT_DATE)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT responsibility = 'community'
		AND handover_date IS NOT NULL
		AND com_name IS NULL AND com_email IS NULL
		AND as_of >= handover_date + 2
$$;
COMMENT ON FUNCTION resettle.com_allocation_overdue(resettle.responsibility, date, text, text, date) IS
	'COM responsible, no COM allocated, and as_of at least two days after the handover date';

-- A COM is supporting or responsible but none is named.
CREATE OR REPLACE FUNCTION resettle.needs_com(responsibility resettle.responsibility, com_name text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT responsibility IN ('custody_with_com', 'community') AND com_name IS NULL
$$;
COMMENT ON FUNCTION resettle.needs_com(resettle.responsibility, text) IS
	'A COM is supporting or responsible but none is recorded';

-- missing (no calculation) / none (determinate_short) / enhanced / standard
CREATE OR REPLACE FUNCTION resettle.handover_type(handover_reason text, enhanced_handover boolean)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT CASE
		WHEN handover_reason IS NULL OR handover_reason LIKE 'out\_of\_scope\_%' THEN 'missing'
		WHEN handover_reason = 'determinate_short' THEN 'none'
		WHEN enhanced_handover IS NOT FALSE THEN 'enhanced'
		ELSE 'standard'
	END
$$;
COMMENT ON FUNCTION resettle.handover_type(text, boolean) IS
	'Handover type: missing, none, enhanced (enhanced resourcing unknown or true) or standard';

/*
 * Pseudonymised views for analysts (docs/security.md "Analysts").  No
 * names, dates of birth or identifiers: a person is a keyed-hash pseudonym
 * (the same as resettle.pseudonym()) and an episode a keyed hash of its id;
 * age is a band and dates that could single a person out are months.
 *
 * The views run with their owner's rights (not security_invoker), so
 * analysts need no privilege on the tables or the key, and see every prison.
 * security_barrier keeps analysts' own conditions (and the functions in them)
 * from running before the view's.
 */

-- Age band on a day: under 18, 18-20, 21-24, 25-29, 30-39, 40-49, 50-59, 60+.
CREATE OR REPLACE FUNCTION resettle.age_band(date_of_birth date, on_day date) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE
		WHEN a OPERATOR(pg_catalog.<) 18 THEN 'under 18'
		WHEN a OPERATOR(pg_catalog.<=) 20 THEN '18-20'
		WHEN a OPERATOR(pg_catalog.<=) 24 THEN '21-24'
		WHEN a OPERATOR(pg_catalog.<=) 29 THEN '25-29'
		WHEN a OPERATOR(pg_catalog.<=) 39 THEN '30-39'
		WHEN a OPERATOR(pg_catalog.<=) 49 THEN '40-49'
		WHEN a OPERATOR(pg_catalog.<=) 59 THEN '50-59'
		ELSE '60+'
	END
	FROM (SELECT pg_catalog.date_part('year', pg_catalog.age($2::timestamp, $1::timestamp)) AS a) AS x
$$;
COMMENT ON FUNCTION resettle.age_band(date, date) IS
	'Age band on a day: under 18, 18-20, 21-24, 25-29, 30-39, 40-49, 50-59, 60+';

CREATE OR REPLACE VIEW resettle.analyst_cases WITH (security_barrier = true) AS
SELECT
	resettle.keyed_pseudonym(k, c.prison_number::text) AS pseudonym,
	resettle.keyed_pseudonym(k, 'custody:' OPERATOR(pg_catalog.||) c.id::text) AS case_pseudonym,
	c.prison_code,
	pr.region,
	p.sex,
	resettle.age_band(p.date_of_birth, COALESCE(c.release_date, CURRENT_DATE)) AS age_band,
	c.sentence_type,
	c.indeterminate,
	c.recall,
	c.remand,
	pg_catalog.date_trunc('month', c.reception_date)::date AS reception_month,
	pg_catalog.date_trunc('month', c.release_date)::date AS release_month,
	pg_catalog.date_trunc('month', c.released_on)::date AS released_month,
	c.released_on IS NOT NULL AS released,
	c.responsibility,
	pg_catalog.date_trunc('month', c.handover_date)::date AS handover_month,
	c.handover_reason,
	resettle.handover_type(c.handover_reason, c.enhanced_handover) AS handover_type,
	COALESCE(c.com_name, '') OPERATOR(pg_catalog.<>) '' AS com_allocated,
	c.readiness,
	c.readiness_gaps,
	c.readiness_as_of,
	resettle.case_type(c.remand, c.civil, c.immigration, c.recall, c.indeterminate) AS case_type
FROM resettle.custody AS c
JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) c.prison_number
LEFT JOIN resettle.prison AS pr ON pr.code OPERATOR(pg_catalog.=) c.prison_code
CROSS JOIN resettle.pseudonym_key AS k
WHERE k.current;
COMMENT ON VIEW resettle.analyst_cases IS
	'Analysts: one row per custody episode, pseudonymised (no names, dates of birth or identifiers; months, age bands)';

CREATE OR REPLACE VIEW resettle.analyst_release_outcomes WITH (security_barrier = true) AS
SELECT
	resettle.keyed_pseudonym(k, c.prison_number::text) AS pseudonym,
	resettle.keyed_pseudonym(k, 'custody:' OPERATOR(pg_catalog.||) o.custody_id::text) AS case_pseudonym,
	o.prison_code,
	pr.region,
	p.sex,
	resettle.age_band(p.date_of_birth, o.released_on) AS age_band,
	c.sentence_type,
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
	o.com_allocated_by_handover,
	o.gaps,
	resettle.case_type(c.remand, c.civil, c.immigration, c.recall, c.indeterminate) AS case_type
FROM resettle.release_outcome AS o
LEFT JOIN resettle.custody AS c ON c.id OPERATOR(pg_catalog.=) o.custody_id
LEFT JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) c.prison_number
LEFT JOIN resettle.prison AS pr ON pr.code OPERATOR(pg_catalog.=) o.prison_code
CROSS JOIN resettle.pseudonym_key AS k
WHERE k.current;
COMMENT ON VIEW resettle.analyst_release_outcomes IS
	'Analysts: what was in place on the day of release, pseudonymised (release month, age band)';

CREATE OR REPLACE VIEW resettle.analyst_readiness_history WITH (security_barrier = true) AS
SELECT
	resettle.keyed_pseudonym(k, 'custody:' OPERATOR(pg_catalog.||) h.custody_id::text) AS case_pseudonym,
	c.prison_code,
	h.as_of,
	h.from_level,
	h.to_level,
	h.gaps
FROM resettle.readiness_history AS h
LEFT JOIN resettle.custody AS c ON c.id OPERATOR(pg_catalog.=) h.custody_id
CROSS JOIN resettle.pseudonym_key AS k
WHERE k.current;
COMMENT ON VIEW resettle.analyst_readiness_history IS
	'Analysts: every readiness level change by episode pseudonym (who made it is left out)';

-- Releases due (resettle.v_releases_due) for analysts: weeks, not dates.
-- (Not over resettle.v_cases: a security_invoker view checks the analyst's
-- privileges even inside this owner's-rights view.)
CREATE OR REPLACE VIEW resettle.analyst_releases_due WITH (security_barrier = true) AS
SELECT
	resettle.keyed_pseudonym(k, c.prison_number::text) AS pseudonym,
	resettle.keyed_pseudonym(k, 'custody:' OPERATOR(pg_catalog.||) c.id::text) AS case_pseudonym,
	c.prison_code,
	pr.region,
	p.sex,
	resettle.age_band(p.date_of_birth, c.release_date) AS age_band,
	resettle.case_type(c.remand, c.civil, c.immigration, c.recall, c.indeterminate) AS case_type,
	c.sentence_type,
	(c.release_date OPERATOR(pg_catalog.-) resettle.today()) OPERATOR(pg_catalog./) 7 AS weeks_to_release,
	c.readiness,
	c.readiness_gaps,
	COALESCE(pg_catalog.cardinality(c.readiness_gaps), 0) AS gap_count,
	c.readiness_as_of,
	c.responsibility,
	COALESCE(c.com_name, '') OPERATOR(pg_catalog.<>) '' AS com_allocated
FROM resettle.custody AS c
JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) c.prison_number
LEFT JOIN resettle.prison AS pr ON pr.code OPERATOR(pg_catalog.=) c.prison_code
CROSS JOIN resettle.pseudonym_key AS k
WHERE k.current
  AND c.released_on IS NULL
  AND c.release_date OPERATOR(pg_catalog.>=) resettle.today();
COMMENT ON VIEW resettle.analyst_releases_due IS
	'Analysts: cases in custody released today or later, pseudonymised (weeks to release, age band)';

-- Upcoming handovers and overdue COM allocations (resettle.v_handover_upcoming,
-- resettle.v_com_overdue) for analysts, in one view with a status.
CREATE OR REPLACE VIEW resettle.analyst_handovers WITH (security_barrier = true) AS
SELECT
	resettle.keyed_pseudonym(k, 'custody:' OPERATOR(pg_catalog.||) c.id::text) AS case_pseudonym,
	c.prison_code,
	pr.region,
	CASE
		WHEN resettle.com_allocation_overdue(c.responsibility, c.handover_date,
			c.com_name, c.com_email, resettle.today()) THEN 'com_overdue'
		ELSE 'upcoming'
	END AS status,
	(c.handover_date OPERATOR(pg_catalog.-) resettle.today()) OPERATOR(pg_catalog./) 7 AS weeks_to_handover,
	resettle.handover_type(c.handover_reason, c.enhanced_handover) AS handover_type,
	c.handover_reason,
	COALESCE(c.com_name, '') OPERATOR(pg_catalog.<>) '' AS com_allocated
FROM resettle.custody AS c
LEFT JOIN resettle.prison AS pr ON pr.code OPERATOR(pg_catalog.=) c.prison_code
CROSS JOIN resettle.pseudonym_key AS k
WHERE k.current
  AND c.released_on IS NULL
  -- in this form, not through the status column, so that each arm can use
  -- its index (custody_com_unallocated_idx, custody_handover_date_idx)
  AND (resettle.com_allocation_overdue(c.responsibility, c.handover_date,
			c.com_name, c.com_email, resettle.today())
	   OR resettle.handover_upcoming(c.responsibility, c.handover_date, resettle.today()));
COMMENT ON VIEW resettle.analyst_handovers IS
	'Analysts: upcoming handovers (status upcoming) and overdue COM allocations (com_overdue), pseudonymised';

/*
 * For DBAs (new in 1.1): is the stored readiness current?  The daily
 * refresh() (docs/operations.md) should leave stale at 0; a stale count
 * that grows says the pg_cron job is not running.  security_invoker: row
 * security applies, so an admin sees every prison.
 */
CREATE VIEW resettle.v_refresh_status WITH (security_invoker = true) AS
SELECT c.prison_code,
       count(*) AS in_custody,
       count(*) FILTER (WHERE c.readiness_as_of IS NULL
                          OR c.readiness_as_of < resettle.today()) AS stale,
       min(c.readiness_as_of) AS oldest_as_of,
       max(c.readiness_as_of) AS newest_as_of,
       resettle.today() AS today
FROM resettle.custody AS c
WHERE c.released_on IS NULL
GROUP BY c.prison_code;
COMMENT ON VIEW resettle.v_refresh_status IS
	'Per prison: cases in custody, how many have readiness evaluated before today (stale), and the oldest and newest evaluation day';

-- New in 1.1: the open cases whose COM is responsible but not named, by
-- handover date: what resettle.v_com_overdue and the client's overdue
-- handovers read (a few per cent of custody, so a partial index; the
-- views' conditions imply its predicate).
CREATE INDEX custody_com_unallocated_idx ON resettle.custody (handover_date)
	WHERE released_on IS NULL AND responsibility = 'community'
	  AND com_name IS NULL AND com_email IS NULL;

/*
 * Bulk loads (new in 1.1): defer the readiness recompute of the cases a
 * transaction changes from the end of each statement to one call, so a
 * load of one COPY per table evaluates each case once
 * (extension/readiness_batch.c, docs/operations.md "Bulk loads").  COMMIT
 * fails while cases are left pending.  Both act on the caller's own
 * transaction only, so PUBLIC may run them.
 */
CREATE FUNCTION resettle.defer_recompute() RETURNS void
	AS 'MODULE_PATHNAME', 'readiness_defer_recompute'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION resettle.defer_recompute() IS
	'Defer the readiness recompute of the cases this transaction changes until resettle.recompute_deferred()';

CREATE FUNCTION resettle.recompute_deferred() RETURNS bigint
	AS 'MODULE_PATHNAME', 'readiness_recompute_deferred'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION resettle.recompute_deferred() IS
	'End a deferral: recompute, once each, the cases changed since resettle.defer_recompute(); returns how many';
