
/*
 * Pseudonymised views for analysts, under disclosure control
 * (docs/disclosure-control.md, docs/analysts.md).  No names, dates of birth
 * or identifiers, and no person-level pseudonym: an episode is a keyed hash
 * of its id and the reference month, so extracts of different months do
 * not link.
 *
 * Every analyst view shows the caseload as it stood at the reference date,
 * the first day of the current month (resettle.analyst_reference_date()):
 * episodes received before it, released before it, readiness levels and
 * changes recorded before it, handovers as calculated on it.  So nothing an
 * analyst sees changes on a person's own day (a release, a birthday, a
 * rule's threshold before release): everything moves on together, once a
 * month.  The month's release is computed by resettle.analyst_case_base
 * and resettle.analyst_change_base and stored by
 * resettle.refresh_analyst_views() (a nightly job that does nothing within
 * the month); the views read what is stored.
 *
 * The quasi-identifiers (prison, sex, age band, case and sentence type,
 * handover type, the release and handover months) are generalised once per
 * episode, in resettle.analyst_case_base, along one ladder of levels, so
 * that every combination of published values holds at least
 * resettle.disclosure_k() people; every analyst view shows each episode
 * with the same generalised values.  The state of an episode at the
 * reference date that decides which views it appears in (released, due for
 * release, responsibility, handover status, outcome and history recorded,
 * returned to custody) is never generalised: it is part of every group.
 *
 * The views run with their owner's rights (not security_invoker), so
 * analysts need no privilege on the tables, the key or the stored release,
 * and see every prison.  Each is security_barrier and selects from a
 * subquery with OFFSET 0, which the planner never pushes conditions into:
 * an analyst's own conditions (and the functions in them) run only on rows
 * the disclosure control has already produced, so not even EXPLAIN
 * ANALYZE's row counts show anything of the rows before it.
 *
 * Helper functions analysts' queries reach have SQL-standard bodies (bound
 * when created, so no search_path can capture their operators); the views
 * qualify every operator.  Everything here is recreated together by an
 * upgrade: the five analyst views, the internal views and tables, the
 * helpers.
 */

-- Age band on a day: under 18, 18-20, 21-24, 25-29, 30-39, 40-49, 50-59, 60+.
CREATE FUNCTION resettle.age_band(date_of_birth date, on_day date) RETURNS text
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

/*
 * The disclosure-control constants and helpers.  Each is a pure function
 * with a SQL-standard body, inlined into the views.
 */

-- k: every published combination of quasi-identifiers holds at least this
-- many people.  Changed only by replacing the function (its owner).
CREATE FUNCTION resettle.disclosure_k() RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 5;
COMMENT ON FUNCTION resettle.disclosure_k() IS
	'Disclosure control: the least number of people any published combination of quasi-identifiers holds (k)';

-- The reference date of the analyst views: the first day of the month of
-- resettle.today().
CREATE FUNCTION resettle.analyst_reference_date() RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE
RETURN pg_catalog.date_trunc('month', resettle.today()::timestamp without time zone)::date;
COMMENT ON FUNCTION resettle.analyst_reference_date() IS
	'The day the analyst views show the caseload as of: the first of the current month';

/*
 * People are counted conservatively and additively: an episode of a person
 * with n episodes weighs 720720 / n (integer division; 720720 is divisible
 * by every n up to 16), so a group weighing at least k * 720720 holds at
 * least k people, however their episodes fall.
 */
CREATE FUNCTION resettle.disclosure_weight(episodes bigint) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (720720 / episodes)::integer;
COMMENT ON FUNCTION resettle.disclosure_weight(bigint) IS
	'Disclosure control: the weight of one episode of a person with this many episodes (720720 / n)';

CREATE FUNCTION resettle.disclosure_enough(weight bigint) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN weight >= 720720::bigint * resettle.disclosure_k();
COMMENT ON FUNCTION resettle.disclosure_enough(bigint) IS
	'Disclosure control: whether a group of this total weight holds at least k people';

-- The generalisation ladder, level by level (docs/disclosure-control.md):
--   level  prison  region  sex  age band  sentence type  case type  handover type  months
--     0      yes     yes    yes   8 bands      yes           yes         yes          month
--     1      yes     yes    yes   8 bands       -            yes         yes          quarter
--     2       -      yes    yes   8 bands       -            yes         yes          quarter
--     3       -      yes    yes   4 bands       -            yes         yes          year
--     4       -       -     yes   4 bands       -            yes          -           year
--     5       -       -     yes      -          -            yes          -             -
--     6       -       -      -       -          -             -           -             -
--     7   nothing at all, not even the state (analyst_cases only)

-- The grain of the months at a level: 0 month, 1 quarter, 2 year, NULL none.
CREATE FUNCTION resettle.disclosure_time_grain(level integer) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN level = 0 THEN 0 WHEN level <= 2 THEN 1 WHEN level <= 4 THEN 2 END;
COMMENT ON FUNCTION resettle.disclosure_time_grain(integer) IS
	'Disclosure control: the grain of published months at a level (0 month, 1 quarter, 2 year, NULL none)';

-- The month, quarter or year holding a day, as a range of whole months.
CREATE FUNCTION resettle.disclosure_period(day date, grain integer) RETURNS daterange
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
	WHEN day IS NULL THEN NULL
	WHEN grain = 0 THEN pg_catalog.daterange(pg_catalog.date_trunc('month', day::timestamp without time zone)::date,
		(pg_catalog.date_trunc('month', day::timestamp without time zone) + interval '1 month')::date)
	WHEN grain = 1 THEN pg_catalog.daterange(pg_catalog.date_trunc('quarter', day::timestamp without time zone)::date,
		(pg_catalog.date_trunc('quarter', day::timestamp without time zone) + interval '3 months')::date)
	WHEN grain = 2 THEN pg_catalog.daterange(pg_catalog.date_trunc('year', day::timestamp without time zone)::date,
		(pg_catalog.date_trunc('year', day::timestamp without time zone) + interval '1 year')::date)
END;
COMMENT ON FUNCTION resettle.disclosure_period(date, integer) IS
	'Disclosure control: the month (grain 0), quarter (1) or year (2) holding a day, as a daterange; NULL otherwise';

-- A month as a number (months since year 0), for grouping by month,
-- quarter (/ 3) and year (/ 12).
CREATE FUNCTION resettle.month_number(day date) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (pg_catalog.date_part('year', day) * 12 + pg_catalog.date_part('month', day) - 1)::integer;
COMMENT ON FUNCTION resettle.month_number(date) IS
	'Disclosure control: months since January of year 0 (for grouping by month, quarter and year)';

-- Months from the reference month to a period: [first, last + 1) months.
CREATE FUNCTION resettle.disclosure_months(period daterange, reference date) RETURNS int4range
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN period IS NOT NULL AND reference IS NOT NULL THEN pg_catalog.int4range(
	resettle.month_number(pg_catalog.lower(period)) - resettle.month_number(reference),
	resettle.month_number(pg_catalog.upper(period)) - resettle.month_number(reference)) END;
COMMENT ON FUNCTION resettle.disclosure_months(daterange, date) IS
	'Disclosure control: the months from a reference month to a period of whole months, as an int4range';

-- The four wide age bands of levels 3 and 4.
CREATE FUNCTION resettle.wide_age_band(age_band text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
	WHEN age_band IN ('under 18', '18-20') THEN 'under 21'
	WHEN age_band IN ('21-24', '25-29') THEN '21-29'
	WHEN age_band IN ('30-39', '40-49') THEN '30-49'
	WHEN age_band IN ('50-59', '60+') THEN '50+'
END;
COMMENT ON FUNCTION resettle.wide_age_band(text) IS
	'Disclosure control: wide age band (under 21, 21-29, 30-49, 50+) of an age band';

-- The pseudonym of an episode in a month: hex HMAC-SHA256 under the key of
-- 'custody:<id>@<YYYYMM>' (the month as digits, whatever the DateStyle).
-- The same in every analyst view of a month (they join on it), different
-- every month.  An immutable body, so that it is inlined.
CREATE FUNCTION resettle.case_pseudonym(k resettle.pseudonym_key, custody_id bigint, reference date)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN resettle.keyed_pseudonym(k, 'custody:' || custody_id::text || '@'
	|| (pg_catalog.date_part('year', reference) * 100 + pg_catalog.date_part('month', reference))::integer::text);
COMMENT ON FUNCTION resettle.case_pseudonym(resettle.pseudonym_key, bigint, date) IS
	'The analyst views'' pseudonym of an episode in a reference month (hex HMAC-SHA256 of custody:<id>@<YYYYMM> under the key)';

/*
 * The state of an episode at the reference date that is never generalised,
 * as one number: released, due for release, responsibility, handover
 * status, release outcome recorded, readiness history recorded, returned to
 * custody.
 */
CREATE FUNCTION resettle.disclosure_state(released boolean, due boolean,
	responsibility resettle.responsibility, handover_status text, has_outcome boolean,
	has_history boolean, returned boolean) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (CASE WHEN released THEN 1 ELSE 0 END)
	+ (CASE WHEN due THEN 2 ELSE 0 END)
	+ 4 * (CASE responsibility WHEN 'custody_only' THEN 1 WHEN 'custody_with_com' THEN 2
	       WHEN 'community' THEN 3 ELSE 0 END)
	+ 16 * (CASE handover_status WHEN 'upcoming' THEN 1 WHEN 'com_overdue' THEN 2 ELSE 0 END)
	+ (CASE WHEN has_outcome THEN 64 ELSE 0 END)
	+ (CASE WHEN has_history THEN 128 ELSE 0 END)
	+ (CASE WHEN returned THEN 256 ELSE 0 END);
COMMENT ON FUNCTION resettle.disclosure_state(boolean, boolean, resettle.responsibility, text, boolean, boolean, boolean) IS
	'Disclosure control: the never-generalised state of an episode at the reference date, as one number';

/*
 * The one definition of what analysts see of an episode: its state at the
 * reference date, its quasi-identifiers and how far each is generalised.
 * Not granted to analysts (it holds custody_id);
 * resettle.refresh_analyst_views() stores it for the analyst views.
 *
 * The ladder: rows are sorted once so that the groups of every level are
 * runs of that order (the state, then what level 6 drops, then level 5's,
 * ...), and each level's group weight is a window over a prefix of it
 * (one sort for all the levels).  A row is published at the first level
 * whose group, counting only the rows not published at a lower level,
 * weighs at least k people.  Rows left over after level 5 (their state's
 * rest is too small): if their state has a published group, its smallest
 * group joins them at level 6; otherwise they go to level 7, and if level 7
 * is too small the smallest group of all joins it; if the whole caseload
 * holds fewer than k people nothing is published.
 */
CREATE VIEW resettle.analyst_case_base WITH (security_barrier = true) AS
WITH per_person AS MATERIALIZED (
	SELECT c.prison_number, pg_catalog.count(*) AS episodes,
	       pg_catalog.max(c.reception_date) AS last_reception
	FROM resettle.custody AS c
	CROSS JOIN (SELECT resettle.analyst_reference_date() AS day OFFSET 0) AS ref
	WHERE c.reception_date OPERATOR(pg_catalog.<) ref.day
	GROUP BY c.prison_number
), level_at_reference AS MATERIALIZED (
	-- the level and gaps of the last change before the reference date
	SELECT DISTINCT ON (h.custody_id) h.custody_id, h.to_level, h.gaps
	FROM resettle.readiness_history AS h
	CROSS JOIN (SELECT resettle.analyst_reference_date() AS day OFFSET 0) AS ref
	WHERE h.as_of OPERATOR(pg_catalog.<) ref.day
	ORDER BY h.custody_id, h.id DESC
), episode AS (
	-- an episode and its person as they stood on the reference date, each
	-- value computed once (OFFSET 0: a column used twice is not computed
	-- twice), narrow before the joins below
	SELECT ref.day AS reference_date, c.id AS custody_id, c.prison_number, c.prison_code, p.sex,
	       c.sentence_type, c.release_date,
	       resettle.case_type(c.remand, c.civil, c.immigration, c.recall, c.indeterminate) AS case_type,
	       CASE WHEN c.released_on OPERATOR(pg_catalog.<) ref.day THEN c.released_on END AS released_on,
	       resettle.age_band(p.date_of_birth, COALESCE(
	           CASE WHEN c.released_on OPERATOR(pg_catalog.<) ref.day THEN c.released_on END,
	           c.release_date, c.reception_date)) AS age_band,
	       -- the COM as recorded before the reference date
	       CASE WHEN c.com_allocated_on IS NULL
	              OR c.com_allocated_on OPERATOR(pg_catalog.<) ref.day
	            THEN c.com_name END AS com_name,
	       CASE WHEN c.com_allocated_on IS NULL
	              OR c.com_allocated_on OPERATOR(pg_catalog.<) ref.day
	            THEN c.com_email END AS com_email,
	       h.responsibility, h.handover_date,
	       resettle.handover_type(h.reason, c.enhanced_handover) AS handover_type
	FROM resettle.custody AS c
	CROSS JOIN (SELECT resettle.analyst_reference_date() AS day OFFSET 0) AS ref
	JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) c.prison_number
	-- the handover as calculated on the reference date
	CROSS JOIN LATERAL resettle.handover(
	    sentence_start => c.sentence_start, crd => c.crd, ard => c.ard, ped => c.ped,
	    ted => c.ted, thd => c.thd, indeterminate => c.indeterminate, recall => c.recall,
	    immigration => c.immigration, early_allocation => c.early_allocation,
	    open_conditions => c.open_conditions, open_since => c.open_since,
	    mappa_level => c.mappa_level::integer, additional_isp => c.additional_isp,
	    parole_outcome_not_release => c.parole_outcome_not_release,
	    as_of => ref.day, hdced => c.hdced,
	    date_of_birth => p.date_of_birth, remand => c.remand, civil => c.civil,
	    release_date => c.release_date) AS h
	WHERE c.reception_date OPERATOR(pg_catalog.<) ref.day
	OFFSET 0
), cases AS (
	SELECT s.*,
	       resettle.disclosure_state(s.released, s.due, s.responsibility, s.handover_status,
	           s.has_outcome, s.has_history, s.returned_to_custody) AS state,
	       resettle.disclosure_weight(s.episodes) AS weight,
	       resettle.wide_age_band(s.age_band) AS wide_age_band,
	       resettle.month_number(s.release_day) AS release_month,
	       resettle.month_number(s.handover_day) AS handover_month
	FROM (SELECT e.reference_date, e.custody_id, e.prison_number, e.prison_code, pr.region, e.sex,
	             e.sentence_type, e.case_type, e.age_band, e.handover_type, e.responsibility,
	             l.to_level AS readiness, l.gaps AS readiness_gaps,
	             l.custody_id IS NOT NULL AS has_history, o.custody_id IS NOT NULL AS has_outcome,
	             pp.episodes,
	             e.released_on IS NOT NULL AS released,
	             e.released_on IS NULL AND e.release_date OPERATOR(pg_catalog.>=) e.reference_date AS due,
	             COALESCE(e.released_on OPERATOR(pg_catalog.<) pp.last_reception, false) AS returned_to_custody,
	             COALESCE(e.released_on, e.release_date) AS release_day,
	             resettle.com_recorded(e.com_name, e.com_email) AS com_allocated,
	             CASE WHEN e.released_on IS NOT NULL THEN NULL
	                  WHEN resettle.com_allocation_overdue(e.responsibility, e.handover_date,
	                           e.com_name, e.com_email, e.reference_date) THEN 'com_overdue'
	                  WHEN resettle.handover_upcoming(e.responsibility, e.handover_date,
	                           e.reference_date) THEN 'upcoming'
	             END AS handover_status,
	             CASE WHEN e.released_on IS NULL
	                   AND (resettle.com_allocation_overdue(e.responsibility, e.handover_date,
	                            e.com_name, e.com_email, e.reference_date)
	                        OR resettle.handover_upcoming(e.responsibility, e.handover_date,
	                            e.reference_date))
	                  THEN e.handover_date END AS handover_day
	      FROM episode AS e
	      JOIN per_person AS pp ON pp.prison_number OPERATOR(pg_catalog.=) e.prison_number
	      LEFT JOIN resettle.prison AS pr ON pr.code OPERATOR(pg_catalog.=) e.prison_code
	      LEFT JOIN level_at_reference AS l ON l.custody_id OPERATOR(pg_catalog.=) e.custody_id
	      LEFT JOIN resettle.release_outcome AS o ON o.custody_id OPERATOR(pg_catalog.=) e.custody_id
	          AND o.released_on OPERATOR(pg_catalog.<) e.reference_date
	      OFFSET 0) AS s
), ordered AS (
	-- the sort every level's groups are runs of (numbers first within a
	-- level, text in "C": cheaper to compare), carrying what the views show
	SELECT x.custody_id, x.weight, x.state, x.sex COLLATE "C" AS sex, x.case_type COLLATE "C" AS case_type,
	       x.release_month OPERATOR(pg_catalog./) 12 AS release_year,
	       x.handover_month OPERATOR(pg_catalog./) 12 AS handover_year,
	       x.wide_age_band COLLATE "C" AS wide_age_band,
	       x.region COLLATE "C" AS region, x.handover_type COLLATE "C" AS handover_type,
	       x.release_month OPERATOR(pg_catalog./) 3 AS release_quarter,
	       x.handover_month OPERATOR(pg_catalog./) 3 AS handover_quarter,
	       x.age_band COLLATE "C" AS age_band, x.prison_code COLLATE "C" AS prison_code,
	       x.release_month, x.handover_month, x.sentence_type COLLATE "C" AS sentence_type,
	       x.reference_date, x.prison_number, x.release_day, x.handover_day, x.released, x.due,
	       x.returned_to_custody, x.responsibility, x.handover_status, x.com_allocated, x.readiness,
	       x.readiness_gaps, x.has_outcome, x.has_history
	FROM cases AS x
), l0 AS (
	SELECT l.*, pg_catalog.sum(l.weight) OVER w AS r0, pg_catalog.min(l.custody_id) OVER w AS start0
	FROM ordered AS l
	WINDOW w AS (PARTITION BY l.state, l.sex, l.case_type, l.release_year, l.handover_year,
	        l.wide_age_band, l.region, l.handover_type, l.release_quarter, l.handover_quarter,
	        l.age_band, l.prison_code, l.release_month, l.handover_month, l.sentence_type)
), l1 AS (
	SELECT l.*, pg_catalog.sum(l.weight) FILTER (WHERE l.open1) OVER w AS r1,
	       pg_catalog.min(l.custody_id) OVER w AS start1
	FROM (SELECT l.*, NOT resettle.disclosure_enough(l.r0) AS open1 FROM l0 AS l) AS l
	WINDOW w AS (PARTITION BY l.state, l.sex, l.case_type, l.release_year, l.handover_year,
	        l.wide_age_band, l.region, l.handover_type, l.release_quarter, l.handover_quarter,
	        l.age_band, l.prison_code)
), l2 AS (
	SELECT l.*, pg_catalog.sum(l.weight) FILTER (WHERE l.open2) OVER w AS r2,
	       pg_catalog.min(l.custody_id) OVER w AS start2
	FROM (SELECT l.*, l.open1 AND NOT resettle.disclosure_enough(l.r1) AS open2 FROM l1 AS l) AS l
	WINDOW w AS (PARTITION BY l.state, l.sex, l.case_type, l.release_year, l.handover_year,
	        l.wide_age_band, l.region, l.handover_type, l.release_quarter, l.handover_quarter,
	        l.age_band)
), l3 AS (
	SELECT l.*, pg_catalog.sum(l.weight) FILTER (WHERE l.open3) OVER w AS r3,
	       pg_catalog.min(l.custody_id) OVER w AS start3
	FROM (SELECT l.*, l.open2 AND NOT resettle.disclosure_enough(l.r2) AS open3 FROM l2 AS l) AS l
	WINDOW w AS (PARTITION BY l.state, l.sex, l.case_type, l.release_year, l.handover_year,
	        l.wide_age_band, l.region, l.handover_type)
), l4 AS (
	SELECT l.*, pg_catalog.sum(l.weight) FILTER (WHERE l.open4) OVER w AS r4,
	       pg_catalog.min(l.custody_id) OVER w AS start4
	FROM (SELECT l.*, l.open3 AND NOT resettle.disclosure_enough(l.r3) AS open4 FROM l3 AS l) AS l
	WINDOW w AS (PARTITION BY l.state, l.sex, l.case_type, l.release_year, l.handover_year,
	        l.wide_age_band)
), l5 AS (
	SELECT l.*, pg_catalog.sum(l.weight) FILTER (WHERE l.open5) OVER w AS r5,
	       pg_catalog.min(l.custody_id) OVER w AS start5
	FROM (SELECT l.*, l.open4 AND NOT resettle.disclosure_enough(l.r4) AS open5 FROM l4 AS l) AS l
	WINDOW w AS (PARTITION BY l.state, l.sex, l.case_type)
), placed AS (
	-- the first level whose group (of rows not yet published) is heavy
	-- enough; a group is named by its least custody_id and its level
	SELECT l.*,
	       CASE WHEN l.level5 OPERATOR(pg_catalog.=) 0 THEN l.r0 WHEN l.level5 OPERATOR(pg_catalog.=) 1 THEN l.r1
	            WHEN l.level5 OPERATOR(pg_catalog.=) 2 THEN l.r2 WHEN l.level5 OPERATOR(pg_catalog.=) 3 THEN l.r3
	            WHEN l.level5 OPERATOR(pg_catalog.=) 4 THEN l.r4 WHEN l.level5 OPERATOR(pg_catalog.=) 5 THEN l.r5
	       END AS group_weight,
	       (CASE WHEN l.level5 OPERATOR(pg_catalog.=) 0 THEN l.start0 WHEN l.level5 OPERATOR(pg_catalog.=) 1 THEN l.start1
	             WHEN l.level5 OPERATOR(pg_catalog.=) 2 THEN l.start2 WHEN l.level5 OPERATOR(pg_catalog.=) 3 THEN l.start3
	             WHEN l.level5 OPERATOR(pg_catalog.=) 4 THEN l.start4 WHEN l.level5 OPERATOR(pg_catalog.=) 5 THEN l.start5
	        END) OPERATOR(pg_catalog.*) 8 OPERATOR(pg_catalog.+) l.level5 AS group_id
	FROM (SELECT l5.*,
	             CASE WHEN NOT l5.open1 THEN 0 WHEN NOT l5.open2 THEN 1 WHEN NOT l5.open3 THEN 2
	                  WHEN NOT l5.open4 THEN 3 WHEN NOT l5.open5 THEN 4
	                  WHEN resettle.disclosure_enough(l5.r5) THEN 5 END AS level5
	      FROM l5) AS l
), l6 AS (
	-- level 6, the state alone: the rows of a state left over; if they
	-- are too few and the state has a published group, its smallest group
	-- (least weight, then the most generalised, then least id) joins them
	SELECT l.*,
	       pg_catalog.sum(l.weight) FILTER (WHERE l.level5 IS NULL) OVER w AS r6,
	       pg_catalog.count(*) FILTER (WHERE l.level5 IS NOT NULL) OVER w AS state_groups,
	       pg_catalog.min(ARRAY[l.group_weight, OPERATOR(pg_catalog.-) l.level5, l.group_id]) OVER w AS smallest
	FROM placed AS l
	WINDOW w AS (PARTITION BY l.state)
), level6 AS (
	SELECT l.*,
	       CASE WHEN l.level6 OPERATOR(pg_catalog.=) 6 THEN -1 OPERATOR(pg_catalog.-) l.state::bigint
	            ELSE l.group_id END AS group_id6,
	       CASE WHEN l.level6 OPERATOR(pg_catalog.<>) 6 THEN l.group_weight
	            WHEN l.leftover_small THEN l.r6 OPERATOR(pg_catalog.+) l.smallest[1]
	            ELSE l.r6 END AS group_weight6
	FROM (SELECT l.*,
	             CASE WHEN l.level5 IS NOT NULL AND l.leftover_small
	                   AND l.group_id OPERATOR(pg_catalog.=) l.smallest[3] THEN 6
	                  WHEN l.level5 IS NOT NULL THEN l.level5
	                  WHEN NOT l.leftover_small THEN 6
	                  WHEN l.state_groups OPERATOR(pg_catalog.>) 0 THEN 6 END AS level6
	      FROM (SELECT l6.*, l6.r6 IS NOT NULL AND NOT resettle.disclosure_enough(l6.r6) AS leftover_small
	            FROM l6) AS l) AS l
), l7 AS (
	-- level 7: the states with no published group at all; if they are
	-- too few, the smallest group of all (least weight, then the most
	-- generalised, then least id) joins them; if there is none, fewer than
	-- k people are in the caseload and nothing is published
	SELECT l.*,
	       pg_catalog.sum(l.weight) FILTER (WHERE l.level6 IS NULL) OVER () AS leftover,
	       pg_catalog.min(ARRAY[l.group_weight6, OPERATOR(pg_catalog.-) l.level6, l.group_id6]) OVER () AS smallest_of_all
	FROM level6 AS l
), final AS (
	SELECT l.*,
	       CASE WHEN l.level6 IS NULL
	             AND (resettle.disclosure_enough(l.leftover) OR l.smallest_of_all[1] IS NOT NULL) THEN 7
	            WHEN l.level6 IS NULL THEN NULL
	            WHEN l.leftover IS NOT NULL AND NOT resettle.disclosure_enough(l.leftover)
	             AND l.group_id6 OPERATOR(pg_catalog.=) l.smallest_of_all[3] THEN 7
	            ELSE l.level6 END AS level
	FROM l7 AS l
)
SELECT c.custody_id, c.prison_number, c.level AS disclosure_level,
       CASE WHEN c.level OPERATOR(pg_catalog.<) 7 THEN c.group_id6 END AS group_id,
       c.reference_date AS reference_month,
       CASE WHEN c.level OPERATOR(pg_catalog.<=) 1 THEN c.prison_code END AS prison_code,
       CASE WHEN c.level OPERATOR(pg_catalog.<=) 3 THEN c.region END AS region,
       CASE WHEN c.level OPERATOR(pg_catalog.<=) 5 THEN c.sex END AS sex,
       CASE WHEN c.level OPERATOR(pg_catalog.<=) 2 THEN c.age_band
            WHEN c.level OPERATOR(pg_catalog.<=) 4 THEN c.wide_age_band END AS age_band,
       CASE WHEN c.level OPERATOR(pg_catalog.=) 0 THEN c.sentence_type END AS sentence_type,
       CASE WHEN c.level OPERATOR(pg_catalog.<=) 5 THEN c.case_type END AS case_type,
       CASE WHEN c.level OPERATOR(pg_catalog.<=) 3 THEN c.handover_type END AS handover_type,
       resettle.disclosure_time_grain(c.level) AS time_grain,
       resettle.disclosure_period(c.release_day, resettle.disclosure_time_grain(c.level)) AS release_period,
       resettle.disclosure_period(c.handover_day, resettle.disclosure_time_grain(c.level)) AS handover_period,
       CASE WHEN c.level OPERATOR(pg_catalog.<) 7 THEN c.released END AS released,
       CASE WHEN c.level OPERATOR(pg_catalog.<) 7 THEN c.due END AS due,
       CASE WHEN c.level OPERATOR(pg_catalog.<) 7 THEN c.returned_to_custody END AS returned_to_custody,
       CASE WHEN c.level OPERATOR(pg_catalog.<) 7 THEN c.responsibility END AS responsibility,
       CASE WHEN c.level OPERATOR(pg_catalog.<) 7 THEN c.handover_status END AS handover_status,
       CASE WHEN c.level OPERATOR(pg_catalog.<) 7 THEN c.com_allocated END AS com_allocated,
       CASE WHEN c.level OPERATOR(pg_catalog.<) 7 THEN c.readiness END AS readiness,
       CASE WHEN c.level OPERATOR(pg_catalog.<) 7 THEN c.readiness_gaps END AS readiness_gaps,
       CASE WHEN c.level OPERATOR(pg_catalog.<) 7 THEN c.has_outcome END AS has_outcome,
       CASE WHEN c.level OPERATOR(pg_catalog.<) 7 THEN c.has_history END AS has_history,
       -- the day whose state the row shows (resettle.refresh_analyst_views()
       -- may keep an episode's row of an earlier release)
       c.reference_date AS state_as_at,
       -- what was in place on the day of release (analyst_release_outcomes),
       -- stored with the rest so that no analyst view reads a live table
       o.settled_accommodation, o.id_document, o.bank_account, o.benefit_claim_needed,
       o.benefit_claim_started, o.gp_needed, o.gp_arranged, o.family_pathway_addressed,
       o.com_allocated AS outcome_com_allocated, o.handover_date IS NOT NULL AS com_handover_due,
       o.com_allocated_by_handover,
       o.gaps AS outcome_gaps, o.id_applied
FROM final AS c
LEFT JOIN resettle.release_outcome AS o ON o.custody_id OPERATOR(pg_catalog.=) c.custody_id
	AND c.has_outcome AND c.level OPERATOR(pg_catalog.<) 7
WHERE c.level IS NOT NULL;
COMMENT ON VIEW resettle.analyst_case_base IS
	'Disclosure control: every episode received before the reference date with its state then and its generalised quasi-identifiers (internal; not for analysts)';

/*
 * The month's release.  What the analyst views show changes only on the
 * first of the month, so it is computed once a month and stored:
 * resettle.refresh_analyst_views() (a nightly job; it does nothing while the
 * stored release is of the current month) stores resettle.analyst_case_base
 * here, and the readiness changes of its episodes in
 * resettle.analyst_change_snapshot.  The analyst views read only these: they
 * show the month stored (their reference_month), nothing before the first
 * run (after CREATE EXTENSION or an upgrade from 1.1), and last month's until
 * this month's run; a dump holds the release stored.  So nothing staff
 * record during a month shows in it, and reading costs a scan, not the
 * computation.  Admin only (the rows hold custody ids).
 */
CREATE TABLE resettle.analyst_case_snapshot (LIKE resettle.analyst_case_base);
ALTER TABLE resettle.analyst_case_snapshot ADD PRIMARY KEY (custody_id);
-- analyst_handovers reads a few per cent of the episodes; keyed by the status
-- it shows, so that its rows come in the stored order, never by custody id
CREATE INDEX analyst_case_snapshot_handover_idx ON resettle.analyst_case_snapshot (handover_status)
	WHERE handover_status IS NOT NULL;
COMMENT ON TABLE resettle.analyst_case_snapshot IS
	'Disclosure control: resettle.analyst_case_base as of a reference month, stored by resettle.refresh_analyst_views()';
-- dumped: the next release is compared with the one analysts may hold
SELECT pg_catalog.pg_extension_config_dump('resettle.analyst_case_snapshot', '');

/*
 * Which readiness changes have been published.  Each change is published in
 * one release only: were an episode's whole history in every release, next
 * month's sequence would begin with this month's, and the sequences (the
 * gaps of each change make long ones unique) would link an episode from one
 * month's extract to the next, where its values could be combined.  An
 * episode's changes are published in order, so what has been published is
 * a prefix of its history: up to through_history_id.  previous_through is
 * the mark before the release of reference_month, so that storing that
 * release again (force) publishes the same changes again.  Admin only.
 */
CREATE TABLE resettle.analyst_change_published (
	custody_id bigint PRIMARY KEY,
	through_history_id bigint NOT NULL,
	previous_through bigint,
	reference_month date NOT NULL
);
COMMENT ON TABLE resettle.analyst_change_published IS
	'Disclosure control: the readiness changes of each episode published so far (up to through_history_id), each in one release only';
-- dumped: a restored database must not publish again what analysts hold
SELECT pg_catalog.pg_extension_config_dump('resettle.analyst_change_published', '');

/*
 * The readiness changes not yet published of the stored release's episodes
 * at levels 0-6, recorded before the day whose state the row shows, with
 * their episode's published values and group (internal, not for analysts).
 * resettle.refresh_analyst_views() publishes them in batches: a change
 * only where at least k people of its group have the same change (from_level,
 * to_level) to publish, and an episode's changes in order, so that the
 * release a change is published in is shared by k people of its group.
 * candidate is the month, quarter or year of the change's day at the grain
 * of its episode's level (never finer).
 */
CREATE VIEW resettle.analyst_change_base WITH (security_barrier = true) AS
SELECT b.custody_id, b.prison_number, b.group_id, h.id AS history_id, b.reference_month,
       b.disclosure_level, b.prison_code, b.region, b.sex, b.age_band, b.case_type,
       b.sentence_type, b.handover_type, b.release_period,
       resettle.disclosure_period(h.as_of, b.time_grain) AS candidate,
       COALESCE(h.from_level::text, '') OPERATOR(pg_catalog.||) '>'
           OPERATOR(pg_catalog.||) h.to_level::text AS change,
       h.from_level, h.to_level, h.gaps
FROM resettle.analyst_case_snapshot AS b
JOIN resettle.readiness_history AS h ON h.custody_id OPERATOR(pg_catalog.=) b.custody_id
LEFT JOIN resettle.analyst_change_published AS m ON m.custody_id OPERATOR(pg_catalog.=) b.custody_id
WHERE b.has_history AND b.disclosure_level OPERATOR(pg_catalog.<) 7
  AND h.as_of OPERATOR(pg_catalog.<) b.state_as_at
  AND h.id OPERATOR(pg_catalog.>) COALESCE(m.through_history_id, 0);
COMMENT ON VIEW resettle.analyst_change_base IS
	'Disclosure control: the readiness changes not yet published of the stored release''s episodes (internal; not for analysts)';

/*
 * The changes published in the stored release.  change_number orders an
 * episode's changes within the release (1 for the first shown); a change's
 * period is kept only where at least k people of the episode's group made
 * the same change in that period; if the changes left without a period hold
 * fewer than k people of a group, the group's smallest kept change (fewest
 * people, then earliest, then by name) loses its period too.
 */
CREATE TABLE resettle.analyst_change_snapshot (
	custody_id bigint NOT NULL,
	history_id bigint PRIMARY KEY,
	reference_month date NOT NULL,
	disclosure_level integer NOT NULL,
	prison_code text COLLATE "C",
	region text COLLATE "C",
	sex text COLLATE "C",
	age_band text COLLATE "C",
	case_type text COLLATE "C",
	sentence_type text COLLATE "C",
	handover_type text COLLATE "C",
	release_period daterange,
	change_number integer NOT NULL,
	period daterange,
	from_level resettle.readiness_level,
	to_level resettle.readiness_level NOT NULL,
	gaps text[] NOT NULL,
	UNIQUE (custody_id, change_number)
);
COMMENT ON TABLE resettle.analyst_change_snapshot IS
	'Disclosure control: the readiness changes published in the stored release, stored by resettle.refresh_analyst_views()';
SELECT pg_catalog.pg_extension_config_dump('resettle.analyst_change_snapshot', '');

/*
 * The group an episode is published in: its level, its generalised values
 * and its state (resettle.disclosure_state: what decides the views it is
 * in), not what analysts study (readiness, gaps, COM, outcomes).  Level 7
 * shows nothing, so all its rows, and an episode not in a release, are one
 * group, '7'.  STABLE: a date's text follows DateStyle (one call compares
 * keys made under one setting).
 */
CREATE FUNCTION resettle.analyst_group_key(c resettle.analyst_case_base) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE WHEN c.disclosure_level IS NULL OR c.disclosure_level OPERATOR(pg_catalog.=) 7 THEN '7'
	ELSE ROW(c.disclosure_level, c.prison_code, c.region, c.sex, c.age_band, c.case_type,
	         c.sentence_type, c.handover_type, c.release_period, c.handover_period,
	         resettle.disclosure_state(c.released, c.due, c.responsibility, c.handover_status,
	             c.has_outcome, c.has_history, c.returned_to_custody))::text END;
COMMENT ON FUNCTION resettle.analyst_group_key(resettle.analyst_case_base) IS
	'Disclosure control: the published group of an episode''s row, as text (''7'': nothing shown)';

/*
 * Store the release of the current month, unless it is stored already
 * (force: store it again).  Returns the number of episodes stored, or NULL
 * if the release stored was current.  Admin or the extension's owner: run
 * it every night after resettle.refresh() (docs/disclosure-control.md).
 *
 * Releases compared.  An analyst who keeps the release before can compare
 * a group of it with the same group of this one: a row gone and none come
 * singles out whoever left (released, transferred, regrouped), with what
 * the row showed.  So an episode moves from its group of the stored release
 * to another only with at least k people making the same move (the flow
 * from one group to another is 0 or k people); an episode in a smaller flow
 * keeps its row of the stored release (it is held: its state, values and
 * history as shown then) until enough join it.  A group left with fewer
 * than k people holds back the moves into and out of it; held rows change
 * other groups, so this runs to a fixed point (each pass only holds more).
 * An episode new to the release counts as moving from level 7; held, it is
 * shown at level 7.  What is still too small after that (a group that lost
 * people to deletion) goes to level 7 whole.
 *
 * Then the readiness changes not yet published, each once: a sequence
 * repeated in every release would link an episode across months.  A change
 * is published with at least k people of its group making the same change
 * (the month it is published in would otherwise date it), in order.
 */
CREATE FUNCTION resettle.refresh_analyst_views(force boolean DEFAULT false) RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	episodes bigint;
	reference date := resettle.analyst_reference_date();
	k integer := resettle.disclosure_k();
	held_now bigint;
	small_now bigint;
	shuffle_key resettle.pseudonym_key := (SELECT pk FROM resettle.pseudonym_key AS pk WHERE pk.current);
BEGIN
	LOCK TABLE resettle.analyst_case_snapshot, resettle.analyst_change_snapshot,
		resettle.analyst_change_published IN EXCLUSIVE MODE;
	IF NOT force AND EXISTS (SELECT 1 FROM resettle.analyst_case_snapshot AS c
	                         WHERE c.reference_month = reference) THEN
		RETURN NULL;
	END IF;

	-- left by an earlier call in this transaction
	IF to_regclass('pg_temp.analyst_release') IS NOT NULL THEN
		DROP TABLE pg_temp.analyst_release;
	END IF;
	IF to_regclass('pg_temp.analyst_flow') IS NOT NULL THEN
		DROP TABLE pg_temp.analyst_flow;
	END IF;
	CREATE TEMP TABLE analyst_release ON COMMIT DROP AS
		SELECT * FROM resettle.analyst_case_base;
	-- each episode's group in the stored release (prev) and in this one (now)
	CREATE TEMP TABLE analyst_flow ON COMMIT DROP AS
		SELECT c.custody_id, c.prison_number,
		       COALESCE(resettle.analyst_group_key(ROW(p.*)::resettle.analyst_case_base), '7') AS prev,
		       resettle.analyst_group_key(ROW(c.*)::resettle.analyst_case_base) AS now,
		       false AS held,
		       -- in the same state in both: only its group would change
		       c.disclosure_level < 7 AND p.disclosure_level < 7
		       AND resettle.disclosure_state(c.released, c.due, c.responsibility, c.handover_status,
		               c.has_outcome, c.has_history, c.returned_to_custody)
		           = resettle.disclosure_state(p.released, p.due, p.responsibility, p.handover_status,
		               p.has_outcome, p.has_history, p.returned_to_custody) AS same_state
		FROM pg_temp.analyst_release AS c
		LEFT JOIN resettle.analyst_case_snapshot AS p ON p.custody_id = c.custody_id;
	LOOP
		-- moves in flows of fewer than k people
		UPDATE pg_temp.analyst_flow AS f SET held = true, now = f.prev
		FROM (SELECT x.prev, x.now FROM pg_temp.analyst_flow AS x
		      WHERE x.now <> x.prev
		      GROUP BY x.prev, x.now
		      HAVING count(DISTINCT x.prison_number) < k) AS small
		WHERE f.prev = small.prev AND f.now = small.now;
		GET DIAGNOSTICS held_now = ROW_COUNT;
		-- moves into and out of groups of fewer than k people
		UPDATE pg_temp.analyst_flow AS f SET held = true, now = f.prev
		FROM (SELECT x.now AS grp FROM pg_temp.analyst_flow AS x
		      WHERE x.now <> '7'
		      GROUP BY x.now
		      HAVING count(DISTINCT x.prison_number) < k) AS small
		WHERE f.now <> f.prev AND (f.now = small.grp OR f.prev = small.grp);
		GET DIAGNOSTICS small_now = ROW_COUNT;
		EXIT WHEN held_now = 0 AND small_now = 0;
	END LOOP;
	-- groups still too small (they lost people who are no longer in the
	-- caseload): shown with nothing, whole
	UPDATE pg_temp.analyst_flow AS f SET held = true, now = '7', prev = '7'
	FROM (SELECT x.now AS grp FROM pg_temp.analyst_flow AS x
	      WHERE x.now <> '7'
	      GROUP BY x.now
	      HAVING count(DISTINCT x.prison_number) < k) AS small
	WHERE f.now = small.grp;

	IF EXISTS (SELECT 1 FROM pg_temp.analyst_flow AS f WHERE f.held) THEN
		-- a held row whose state is unchanged keeps its stored group and
		-- shows what analysts study as it is now (as any member of the
		-- group may change); one whose state changed is as stored (its
		-- readiness would show the new state); a held new episode shows
		-- nothing.  All with this month's reference.
		UPDATE pg_temp.analyst_release AS c
		SET disclosure_level = p.disclosure_level, prison_code = p.prison_code, region = p.region,
		    sex = p.sex, age_band = p.age_band, sentence_type = p.sentence_type,
		    case_type = p.case_type, handover_type = p.handover_type, time_grain = p.time_grain,
		    release_period = p.release_period, handover_period = p.handover_period
		FROM pg_temp.analyst_flow AS f, resettle.analyst_case_snapshot AS p
		WHERE f.custody_id = c.custody_id AND p.custody_id = c.custody_id
		  AND f.held AND f.same_state AND f.prev <> '7';
		DELETE FROM pg_temp.analyst_release AS c
		USING pg_temp.analyst_flow AS f
		WHERE f.custody_id = c.custody_id AND f.held AND NOT (f.same_state AND f.prev <> '7');
		INSERT INTO pg_temp.analyst_release
		SELECT p.* FROM resettle.analyst_case_snapshot AS p
		JOIN pg_temp.analyst_flow AS f ON f.custody_id = p.custody_id
		WHERE f.held AND NOT f.same_state AND f.prev <> '7';
		UPDATE pg_temp.analyst_release SET reference_month = reference
		WHERE reference_month <> reference;
		INSERT INTO pg_temp.analyst_release (custody_id, prison_number, disclosure_level,
			reference_month, state_as_at)
		SELECT f.custody_id, f.prison_number, 7, reference, reference
		FROM pg_temp.analyst_flow AS f
		WHERE f.held AND f.prev = '7';
		-- a group's id: its least episode and its level
		UPDATE pg_temp.analyst_release AS c SET group_id = g.group_id
		FROM (SELECT x.custody_id,
		             min(x.custody_id) OVER (PARTITION BY resettle.analyst_group_key(ROW(x.*)::resettle.analyst_case_base))
		                 * 8 + x.disclosure_level AS group_id
		      FROM pg_temp.analyst_release AS x
		      WHERE x.disclosure_level < 7) AS g
		WHERE g.custody_id = c.custody_id AND c.group_id IS DISTINCT FROM g.group_id;
	END IF;

	DELETE FROM resettle.analyst_change_snapshot;
	DELETE FROM resettle.analyst_case_snapshot;
	-- in the order of the month's pseudonyms: the views read the table in
	-- its stored order, which must say nothing of what is generalised away
	-- (the computation's order is by the true values) nor link months
	INSERT INTO resettle.analyst_case_snapshot
	SELECT r.* FROM pg_temp.analyst_release AS r
	ORDER BY resettle.case_pseudonym(shuffle_key, r.custody_id, r.reference_month);
	GET DIAGNOSTICS episodes = ROW_COUNT;
	DROP TABLE pg_temp.analyst_release, pg_temp.analyst_flow;

	-- The readiness changes: each published once.  Storing this month's
	-- release again, what it published is unpublished first.
	DELETE FROM resettle.analyst_change_published AS m
	WHERE m.reference_month = reference AND m.previous_through IS NULL;
	UPDATE resettle.analyst_change_published AS m SET through_history_id = m.previous_through
	WHERE m.reference_month = reference;
	IF to_regclass('pg_temp.analyst_pending') IS NOT NULL THEN
		DROP TABLE pg_temp.analyst_pending;
	END IF;
	CREATE TEMP TABLE analyst_pending ON COMMIT DROP AS
		SELECT b.*, true AS publish FROM resettle.analyst_change_base AS b;
	-- a change waits while fewer than k people of its group have the same
	-- change to publish, and so do the episode's later ones; that can
	-- leave others' batches too small, hence a fixed point
	LOOP
		UPDATE pg_temp.analyst_pending AS c SET publish = false
		FROM (SELECT x.group_id, x.change FROM pg_temp.analyst_pending AS x
		      WHERE x.publish
		      GROUP BY x.group_id, x.change
		      HAVING count(DISTINCT x.prison_number) < k) AS small
		WHERE c.publish AND c.group_id = small.group_id AND c.change = small.change;
		GET DIAGNOSTICS held_now = ROW_COUNT;
		UPDATE pg_temp.analyst_pending AS c SET publish = false
		FROM (SELECT x.custody_id, min(x.history_id) AS first_waiting
		      FROM pg_temp.analyst_pending AS x WHERE NOT x.publish
		      GROUP BY x.custody_id) AS w
		WHERE c.publish AND c.custody_id = w.custody_id AND c.history_id > w.first_waiting;
		GET DIAGNOSTICS small_now = ROW_COUNT;
		EXIT WHEN held_now = 0 AND small_now = 0;
	END LOOP;
	WITH published AS MATERIALIZED (
		SELECT c.*, row_number() OVER (PARTITION BY c.custody_id ORDER BY c.history_id) AS change_number
		FROM pg_temp.analyst_pending AS c WHERE c.publish
	), same_change AS (
		-- people of a group making the same change in the same period
		SELECT x.group_id, x.candidate, x.change, count(*) AS people
		FROM (SELECT DISTINCT c.group_id, c.candidate, c.change, c.prison_number
		      FROM published AS c WHERE c.candidate IS NOT NULL) AS x
		GROUP BY x.group_id, x.candidate, x.change
		HAVING count(*) >= k
	), kept AS MATERIALIZED (
		SELECT c.*, s.people
		FROM published AS c
		LEFT JOIN same_change AS s ON s.group_id = c.group_id AND s.candidate = c.candidate
			AND s.change = c.change
	), without_period AS (
		-- groups whose changes without a period hold too few people
		SELECT x.group_id
		FROM (SELECT DISTINCT c.group_id, c.prison_number FROM kept AS c WHERE c.people IS NULL) AS x
		GROUP BY x.group_id
		HAVING count(*) < k
	), smallest AS (
		-- their smallest kept change joins them
		SELECT DISTINCT ON (c.group_id) c.group_id, c.candidate, c.change
		FROM kept AS c
		JOIN without_period AS w ON w.group_id = c.group_id
		WHERE c.people IS NOT NULL
		ORDER BY c.group_id, c.people, c.candidate, c.change
	)
	INSERT INTO resettle.analyst_change_snapshot
	SELECT c.custody_id, c.history_id, c.reference_month, c.disclosure_level, c.prison_code,
	       c.region, c.sex, c.age_band, c.case_type, c.sentence_type, c.handover_type,
	       c.release_period, c.change_number,
	       CASE WHEN c.people IS NOT NULL AND s.group_id IS NULL THEN c.candidate END,
	       c.from_level, c.to_level, c.gaps
	FROM kept AS c
	LEFT JOIN smallest AS s ON s.group_id = c.group_id AND s.candidate = c.candidate
		AND s.change = c.change
	ORDER BY resettle.case_pseudonym(shuffle_key, c.custody_id, c.reference_month), c.history_id;
	INSERT INTO resettle.analyst_change_published AS m
		(custody_id, through_history_id, previous_through, reference_month)
	SELECT c.custody_id, max(c.history_id), NULL, reference
	FROM resettle.analyst_change_snapshot AS c
	GROUP BY c.custody_id
	ON CONFLICT (custody_id) DO UPDATE
	SET previous_through = m.through_history_id, through_history_id = excluded.through_history_id,
	    reference_month = excluded.reference_month;
	DROP TABLE pg_temp.analyst_pending;
	-- the views' plans; only the tables' owner may (the nightly job runs
	-- as the owner; autovacuum does it otherwise)
	IF pg_catalog.pg_has_role((SELECT t.relowner FROM pg_catalog.pg_class AS t
	                           WHERE t.oid = 'resettle.analyst_case_snapshot'::pg_catalog.regclass), 'USAGE') THEN
		ANALYZE resettle.analyst_case_snapshot, resettle.analyst_change_snapshot,
			resettle.analyst_change_published;
	END IF;
	RETURN episodes;
END
$$;
COMMENT ON FUNCTION resettle.refresh_analyst_views(boolean) IS
	'Admin: store the analyst views'' release of the current month (unless stored, or forced), moving an episode between groups only with k people; returns the episodes stored';
REVOKE EXECUTE ON FUNCTION resettle.refresh_analyst_views(boolean) FROM PUBLIC;

/*
 * Staff know their own prisons' people exactly.  A login that is staff as
 * well as analyst could take them out of the analysts' groups of their
 * region and leave groups of fewer than k people, each with their state
 * (docs/disclosure-control.md).  So the analyst views refuse a login that
 * holds the staff part and does not already see every prison: the current
 * role, and the session's login, so that SET ROLE to the analyst part does
 * not get round it.
 */
CREATE FUNCTION resettle.analyst_reader() RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF (resettle.has_access_role('staff') AND NOT resettle.sees_every_prison())
	   OR resettle.login_holds_staff_part() THEN
		RAISE EXCEPTION 'a login that holds the staff part cannot read the analyst views'
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = 'Staff know their own prisons'' people; taken out of the analysts'' groups, what is left could single a person out.',
			      HINT = 'Analyse with a separate login that holds the analyst part only.';
	END IF;
	RETURN true;
END
$$;
COMMENT ON FUNCTION resettle.analyst_reader() IS
	'True, or an error for a login that holds the staff part (and does not see every prison): the analyst views call it';

/*
 * The analyst views.  Each selects the episodes it shows from the month's
 * release (resettle.analyst_case_snapshot; the changes from
 * resettle.analyst_change_snapshot) in a subquery with OFFSET 0, the fence:
 * an analyst's conditions are evaluated on its output, never inside it.
 * The pseudonym is computed above the fence, for the rows those conditions
 * keep, under the key read once (a materialised CTE: a plain join would scan
 * the key table once a row, a scalar subquery would stop the HMAC's
 * arguments being inlined).  Every view shows the same values for an
 * episode: case_pseudonym, reference_month, disclosure_level, prison_code,
 * region, sex, age_band, case_type, sentence_type, handover_type,
 * release_period.  A value generalised away is NULL (disclosure_level says
 * which); release_period is a month, quarter or year as a daterange.
 */

-- Every episode received before the reference date; level 7 rows carry
-- nothing but their level (they are counted, not described).
CREATE VIEW resettle.analyst_cases WITH (security_barrier = true) AS
WITH key AS MATERIALIZED (SELECT k FROM resettle.pseudonym_key AS k WHERE k.current)
SELECT CASE WHEN d.disclosure_level OPERATOR(pg_catalog.<) 7
            THEN resettle.case_pseudonym(key.k, d.custody_id, d.reference_month) END AS case_pseudonym,
       d.reference_month, d.disclosure_level, d.prison_code, d.region, d.sex,
       d.age_band, d.case_type, d.sentence_type, d.handover_type, d.release_period, d.released,
       d.returned_to_custody, d.responsibility, d.handover_status, d.handover_period,
       d.com_allocated, d.readiness, d.readiness_gaps
FROM (
	SELECT b.custody_id, b.reference_month, b.disclosure_level::smallint AS disclosure_level, b.prison_code, b.region,
	       b.sex, b.age_band, b.case_type, b.sentence_type, b.handover_type, b.release_period,
	       b.released, b.returned_to_custody, b.responsibility, b.handover_status, b.handover_period,
	       b.com_allocated, b.readiness, b.readiness_gaps
	FROM resettle.analyst_case_snapshot AS b
	WHERE resettle.analyst_reader()
	OFFSET 0
) AS d
CROSS JOIN key;
COMMENT ON VIEW resettle.analyst_cases IS
	'Analysts: one row per episode received before the reference month, as it stood then, under disclosure control';

-- What was in place on the day of release, for the releases before the
-- reference date.
CREATE VIEW resettle.analyst_release_outcomes WITH (security_barrier = true) AS
WITH key AS MATERIALIZED (SELECT k FROM resettle.pseudonym_key AS k WHERE k.current)
SELECT resettle.case_pseudonym(key.k, d.custody_id, d.reference_month) AS case_pseudonym,
       d.reference_month, d.disclosure_level, d.prison_code, d.region, d.sex,
       d.age_band, d.case_type, d.sentence_type, d.handover_type, d.release_period,
       d.returned_to_custody, d.settled_accommodation, d.id_document, d.bank_account,
       d.benefit_claim_needed, d.benefit_claim_started, d.gp_needed, d.gp_arranged,
       d.family_pathway_addressed, d.com_allocated, d.com_handover_due, d.com_allocated_by_handover,
       d.gaps, d.id_applied
FROM (
	SELECT b.custody_id, b.reference_month, b.disclosure_level::smallint AS disclosure_level, b.prison_code, b.region,
	       b.sex, b.age_band, b.case_type, b.sentence_type, b.handover_type, b.release_period,
	       b.returned_to_custody, b.settled_accommodation, b.id_document, b.bank_account,
	       b.benefit_claim_needed, b.benefit_claim_started, b.gp_needed, b.gp_arranged,
	       b.family_pathway_addressed, b.outcome_com_allocated AS com_allocated,
	       b.com_handover_due, b.com_allocated_by_handover, b.outcome_gaps AS gaps, b.id_applied
	FROM resettle.analyst_case_snapshot AS b
	WHERE b.has_outcome AND b.disclosure_level OPERATOR(pg_catalog.<) 7 AND resettle.analyst_reader()
	OFFSET 0
) AS d
CROSS JOIN key;
COMMENT ON VIEW resettle.analyst_release_outcomes IS
	'Analysts: what was in place on the day of release, for releases before the reference month, under disclosure control';

-- The readiness level changes published in the month's release, each in
-- one release only (resettle.analyst_change_published).
CREATE VIEW resettle.analyst_readiness_history WITH (security_barrier = true) AS
WITH key AS MATERIALIZED (SELECT k FROM resettle.pseudonym_key AS k WHERE k.current)
SELECT resettle.case_pseudonym(key.k, d.custody_id, d.reference_month) AS case_pseudonym,
       d.reference_month, d.disclosure_level, d.prison_code, d.region, d.sex,
       d.age_band, d.case_type, d.sentence_type, d.handover_type, d.release_period,
       d.change_number, d.period, d.from_level, d.to_level, d.gaps
FROM (
	SELECT b.custody_id, b.reference_month, b.disclosure_level::smallint AS disclosure_level, b.prison_code, b.region,
	       b.sex, b.age_band, b.case_type, b.sentence_type, b.handover_type, b.release_period,
	       b.change_number, b.period, b.from_level, b.to_level, b.gaps
	FROM resettle.analyst_change_snapshot AS b
	WHERE resettle.analyst_reader()
	OFFSET 0
) AS d
CROSS JOIN key;
COMMENT ON VIEW resettle.analyst_readiness_history IS
	'Analysts: the readiness level changes published in the month''s release (each once, in batches of k people of a group), with the period where k people share it, under disclosure control';

-- Releases due (resettle.v_releases_due) for analysts: the episodes in
-- custody on the reference date whose release date is on or after it;
-- months to release from the reference month, not days.
CREATE VIEW resettle.analyst_releases_due WITH (security_barrier = true) AS
WITH key AS MATERIALIZED (SELECT k FROM resettle.pseudonym_key AS k WHERE k.current)
SELECT resettle.case_pseudonym(key.k, d.custody_id, d.reference_month) AS case_pseudonym,
       d.reference_month, d.disclosure_level, d.prison_code, d.region, d.sex,
       d.age_band, d.case_type, d.sentence_type, d.handover_type, d.release_period,
       d.months_to_release, d.responsibility, d.handover_status, d.com_allocated, d.readiness,
       d.readiness_gaps, d.gap_count
FROM (
	SELECT b.custody_id, b.reference_month, b.disclosure_level::smallint AS disclosure_level, b.prison_code, b.region,
	       b.sex, b.age_band, b.case_type, b.sentence_type, b.handover_type, b.release_period,
	       resettle.disclosure_months(b.release_period, b.reference_month) AS months_to_release,
	       b.responsibility, b.handover_status, b.com_allocated, b.readiness, b.readiness_gaps,
	       COALESCE(pg_catalog.cardinality(b.readiness_gaps), 0) AS gap_count
	FROM resettle.analyst_case_snapshot AS b
	WHERE b.due AND b.disclosure_level OPERATOR(pg_catalog.<) 7 AND resettle.analyst_reader()
	OFFSET 0
) AS d
CROSS JOIN key;
COMMENT ON VIEW resettle.analyst_releases_due IS
	'Analysts: episodes in custody on the reference date released on or after it (months to release), under disclosure control';

-- Upcoming handovers and overdue COM allocations on the reference date
-- (resettle.v_handover_upcoming, resettle.v_com_overdue), in one view with a
-- status.
CREATE VIEW resettle.analyst_handovers WITH (security_barrier = true) AS
WITH key AS MATERIALIZED (SELECT k FROM resettle.pseudonym_key AS k WHERE k.current)
SELECT resettle.case_pseudonym(key.k, d.custody_id, d.reference_month) AS case_pseudonym,
       d.reference_month, d.disclosure_level, d.prison_code, d.region, d.sex,
       d.age_band, d.case_type, d.sentence_type, d.handover_type, d.release_period,
       d.status, d.handover_period, d.months_to_handover, d.com_allocated
FROM (
	SELECT b.custody_id, b.reference_month, b.disclosure_level::smallint AS disclosure_level, b.prison_code, b.region,
	       b.sex, b.age_band, b.case_type, b.sentence_type, b.handover_type, b.release_period,
	       b.handover_status AS status, b.handover_period,
	       resettle.disclosure_months(b.handover_period, b.reference_month) AS months_to_handover,
	       b.com_allocated
	FROM resettle.analyst_case_snapshot AS b
	WHERE b.handover_status IS NOT NULL AND b.disclosure_level OPERATOR(pg_catalog.<) 7
	  AND resettle.analyst_reader()
	OFFSET 0
) AS d
CROSS JOIN key;
COMMENT ON VIEW resettle.analyst_handovers IS
	'Analysts: handovers due within 56 days of the reference date (upcoming) and COM allocations overdue on it (com_overdue), under disclosure control';
