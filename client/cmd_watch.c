/*
 * cmd_watch.c: resettle watch: LISTEN on resettle_readiness and print one
 * line per readiness change until --count changes, --timeout seconds
 * without one, or Ctrl-C (which ends it with status 0).
 */
#include "resettle.h"

#include <errno.h>
#include <poll.h>
#include <string.h>

/*
 * Parse a notification's payload and filter it by prison, in SQL.  The
 * payload carries no prison number (every role can LISTEN): it is looked up
 * under the watcher's row security, so a change to a case the watcher may
 * not see is not shown.
 */
static const char *const event_sql =
"SELECT n.custody_id, c.prison_number::text, n.prison_code, n.\"from\", n.\"to\""
" FROM pg_catalog.json_to_record($1::json) AS n (custody_id bigint,"
"  prison_code text, \"from\" text, \"to\" text)"
" JOIN resettle.custody AS c ON c.id OPERATOR(pg_catalog.=) n.custody_id"
" WHERE $2::text IS NULL OR n.prison_code = pg_catalog.upper($2)";

/* fails at once, with the server's message, for a role that may not read cases */
static const char *const access_sql =
"SELECT 1 FROM resettle.custody LIMIT 0";

int
cmd_watch(int argc, char **argv)
{
	PGconn	   *conn;
	PGresult   *res;
	Printer		pr;
	long		seen = 0;
	bool		begun = false;

	if (argc > 0)
		usage_error("unexpected argument \"%s\"", argv[0]);
	conn = connect_db(FMT_DEFAULT);
	res = run_query(conn, access_sql, 0, NULL);
	PQclear(res);
	res = run_query(conn, "LISTEN resettle_readiness", 0, NULL);
	PQclear(res);
	printer_init(&pr, FMT_DEFAULT, conn, false);	/* never paged */
	if (pr.format == FMT_JSON)
		pr.format = FMT_NDJSON; /* a stream has no end to close an array */
	if (!opts.quiet && pr.format == FMT_TABLE)
		fprintf(stderr, "%s: watching readiness changes; Ctrl-C to stop\n", progname);
	set_cancel_conn(NULL);		/* Ctrl-C ends the wait, nothing to cancel */

	while (opts.count < 0 || seen < opts.count)
	{
		struct pollfd pfd;
		PGnotify   *n;
		int			rc;

		pfd.fd = PQsocket(conn);
		pfd.events = POLLIN;
		pfd.revents = 0;
		rc = poll(&pfd, 1, opts.timeout >= 0 ? (int) (opts.timeout * 1000) : -1);
		if (interrupted)
			break;
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			fatal(EXIT_ERROR, "poll failed: %m");
		if (rc == 0)
			break;				/* timeout */
		if (!PQconsumeInput(conn))
		{
			fprintf(stderr, "%s: error: ", progname);
			print_message(stderr, PQerrorMessage(conn));
			finish_db(conn);
			return EXIT_CONN;
		}
		while ((n = PQnotifies(conn)) != NULL &&
			   (opts.count < 0 || seen < opts.count))
		{
			const char *params[2] = {n->extra, opts.prison};

			res = run_query(conn, event_sql, 2, params);
			if (PQntuples(res) == 1)
			{
				seen++;
				if (pr.format == FMT_TABLE)
					print_watch_line(&pr, res);
				else
				{
					if (!begun)
						printer_begin(&pr, res);
					begun = true;
					printer_row(&pr, res, 0);
				}
				fflush(pr.out);
			}
			PQclear(res);
			PQfreemem(n);
		}
	}
	printer_close(&pr);
	finish_db(conn);
	return EXIT_OK;
}
