
/*
 * The windows every count of the client, the views, stats and the report
 * is taken over, defined once here and documented once
 * (docs/analysts.md#measures).  Inlinable SQL with qualified operators.
 */

-- "Due in the next N weeks" (N 12 unless given): a release date from the
-- day itself to N weeks on, both included (2026-03-09, 12 weeks:
-- 2026-03-09 to 2026-06-01, days_to_release 0 to 84).
CREATE FUNCTION resettle.due_window(as_of date, weeks integer DEFAULT 12)
RETURNS daterange
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN pg_catalog.daterange(as_of,
	as_of OPERATOR(pg_catalog.+) (7 OPERATOR(pg_catalog.*) COALESCE(weeks, 12)), '[]');
COMMENT ON FUNCTION resettle.due_window(date, integer) IS
	'Due in the next N weeks (default 12): release dates from as_of to as_of + 7 N days, both included';

-- "The last 12 months": the 12 whole calendar months before the month of
-- the day (2026-03-09: March 2025 to February 2026).  Whole months, so that
-- the live measures and the analyst views, whose periods are months, count
-- the same releases.
CREATE FUNCTION resettle.last_12_months(as_of date)
RETURNS daterange
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN pg_catalog.daterange(
	(pg_catalog.date_trunc('month', as_of::timestamp)
	 OPERATOR(pg_catalog.-) interval '12 months')::date,
	pg_catalog.date_trunc('month', as_of::timestamp)::date);
COMMENT ON FUNCTION resettle.last_12_months(date) IS
	'The last 12 months: the 12 whole calendar months before the month of as_of, as a date range';
