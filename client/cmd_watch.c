/*
 * cmd_watch.c: resettle watch: LISTEN on resettle_readiness and print one
 * line per readiness change until --count changes, --timeout seconds
 * without one, or Ctrl-C (which ends it with status 0).
 */
#include "resettle.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

/*
 * A notification is only a hint: any role that can connect may NOTIFY on
 * resettle_readiness, with any text.  So only the payload's change id (the
 * readiness history id) is used, and what is printed is read back from the
 * database under the watcher's own rights (resettle.readiness_change()): a
 * change to a case the watcher may not see prints nothing, a false level
 * cannot be printed, and a change is printed once however often it is
 * announced.
 */
static const char *const event_sql =
"SELECT e.custody_id, e.prison_number, e.name, e.prison_code, e.from_level AS \"from\","
" e.to_level AS \"to\", e.as_of, e.changed_at, e.gaps_closed, e.gaps_opened, e.change_id"
" FROM resettle.readiness_change($1::bigint) AS e"
" WHERE e.changed_at OPERATOR(pg_catalog.>=) $3::timestamptz"
"   AND ($2::text IS NULL OR e.prison_code OPERATOR(pg_catalog.=) pg_catalog.upper($2))";

/* event_sql's column of the readiness history id */
#define EVENT_CHANGE_ID 10

/*
 * The time changes are printed from; fails at once, with the server's
 * message, for a role that may not read cases.
 */
static const char *const access_sql =
"SELECT pg_catalog.now(), (SELECT pg_catalog.count(*) FROM resettle.readiness_change(NULL))";

/*
 * The change id of a payload {"change_id": N, ...}, as decimal text in buf;
 * false if there is none.  Nothing else of the payload is used.
 */
static bool
payload_change_id(const char *payload, char *buf, size_t size)
{
	const char *p = strstr(payload, "\"change_id\"");
	size_t		n = 0;

	if (p == NULL)
		return false;
	p += strlen("\"change_id\"");
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p++ != ':')
		return false;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	while (p[n] >= '0' && p[n] <= '9')
		n++;
	if (n == 0 || n >= size || n > 18)	/* a bigint, not more */
		return false;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return true;
}

/* The readiness history ids already printed: each change prints once. */
typedef struct PrintedChanges
{
	char	  **ids;
	int			n;
	int			capacity;
} PrintedChanges;

static bool
printed_before(PrintedChanges *printed, const char *change_id)
{
	int			i;

	for (i = 0; i < printed->n; i++)
		if (strcmp(printed->ids[i], change_id) == 0)
			return true;
	if (printed->n == printed->capacity)
	{
		printed->capacity = printed->capacity ? printed->capacity * 2 : 64;
		printed->ids = realloc(printed->ids, sizeof(char *) * printed->capacity);
		if (printed->ids == NULL)
			fatal(EXIT_ERROR, "out of memory");
	}
	printed->ids[printed->n] = strdup(change_id);
	if (printed->ids[printed->n] == NULL)
		fatal(EXIT_ERROR, "out of memory");
	printed->n++;
	return false;
}

static void
printed_free(PrintedChanges *printed)
{
	int			i;

	for (i = 0; i < printed->n; i++)
		free(printed->ids[i]);
	free(printed->ids);
}

int
cmd_watch(int argc, char **argv)
{
	PGconn	   *conn;
	PGresult   *res;
	Printer		pr;
	long		seen = 0;
	bool		begun = false;
	char	   *since;
	PrintedChanges printed = {NULL, 0, 0};

	if (argc > 0)
		usage_error("unexpected argument \"%s\"", argv[0]);
	conn = connect_db(FMT_DEFAULT);
	res = run_query(conn, "LISTEN resettle_readiness", 0, NULL);
	PQclear(res);
	/* changes made from now on: LISTEN has taken effect (autocommit) */
	res = run_query(conn, access_sql, 0, NULL);
	since = strdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	if (since == NULL)
		fatal(EXIT_ERROR, "out of memory");
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
		/* the count first: a notification taken off the queue is freed */
		while ((opts.count < 0 || seen < opts.count) &&
			   (n = PQnotifies(conn)) != NULL)
		{
			char		change_id[20];
			const char *params[3] = {change_id, opts.prison, since};

			if (!payload_change_id(n->extra, change_id, sizeof(change_id)))
			{
				PQfreemem(n);
				continue;
			}
			res = run_query(conn, event_sql, 3, params);
			if (PQntuples(res) == 1 &&
				!printed_before(&printed, PQgetvalue(res, 0, EVENT_CHANGE_ID)))
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
	printed_free(&printed);
	free(since);
	finish_db(conn);
	return EXIT_OK;
}
