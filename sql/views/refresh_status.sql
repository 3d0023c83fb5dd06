
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
