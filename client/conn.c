/*
 * conn.c: connecting (libpq does the conventions: PG* variables, .pgpass,
 * services, conninfo strings and URIs), running one query, reporting its
 * errors with the server's DETAIL and HINT.  Each connection is handed to
 * common.c's Ctrl-C handler (set_cancel_conn), which cancels its query.
 */
#include "resettle.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static PGresult *check_result(PGconn *conn, PGresult *res);

/* read a password from the terminal with echo off; NULL if there is none */
static char *
prompt_password(const char *user)
{
	int			fd = open("/dev/tty", O_RDWR);
	struct termios t,
				saved;
	char		buf[1024];
	char	   *result;
	ssize_t		n;
	size_t		len = 0;
	char		prompt[256];

	if (fd < 0)
		return NULL;
	snprintf(prompt, sizeof(prompt), "Password for user %s: ", user ? user : "");
	if (write(fd, prompt, strlen(prompt)) < 0)
	{
		close(fd);
		return NULL;
	}
	tcgetattr(fd, &saved);
	t = saved;
	t.c_lflag &= ~ECHO;
	tcsetattr(fd, TCSAFLUSH, &t);
	while (len < sizeof(buf) - 1 && (n = read(fd, buf + len, 1)) == 1 &&
		   buf[len] != '\n')
		len++;
	buf[len] = '\0';
	tcsetattr(fd, TCSAFLUSH, &saved);
	if (write(fd, "\n", 1) < 0)
	{
		/* nothing to do */
	}
	close(fd);
	result = strdup(buf);
	memset(buf, 0, sizeof(buf));
	return result;
}

static PGconn *
try_connect(const char *password, const char *encoding)
{
	const char *keywords[10];
	const char *values[10];
	int			n = 0;

	keywords[n] = "host";
	values[n++] = opts.host;
	keywords[n] = "port";
	values[n++] = opts.port;
	keywords[n] = "user";
	values[n++] = opts.user;
	keywords[n] = "password";
	values[n++] = password;
	keywords[n] = "fallback_application_name";
	values[n++] = "resettle";
	keywords[n] = "client_encoding";
	values[n++] = encoding;
	/* dbname last so that a conninfo or URI in it overrides the others */
	keywords[n] = "dbname";
	values[n++] = opts.dbname;
	keywords[n] = NULL;
	values[n] = NULL;
	return PQconnectdbParams(keywords, values, 1);
}

static void
report_conn_error(PGconn *conn)
{
	char	   *msg = strdup(PQerrorMessage(conn));
	size_t		len;

	if (msg == NULL)
		fatal(EXIT_CONN, "out of memory");
	len = strlen(msg);
	while (len > 0 && msg[len - 1] == '\n')
		msg[--len] = '\0';
	fprintf(stderr, "%s: error: ", progname);
	print_message(stderr, msg);
	fputc('\n', stderr);
	free(msg);
}

/*
 * Session settings and the extension's version, asked for in the first
 * round trip of every connection.
 */
static const char *const setup_sql =
"SELECT pg_catalog.set_config('search_path', '', false),"
" pg_catalog.set_config('datestyle', 'ISO, YMD', false),"
" pg_catalog.set_config('intervalstyle', 'iso_8601', false),"
" (SELECT e.extversion FROM pg_catalog.pg_extension AS e"
"  WHERE e.extname = 'resettle')";

/*
 * Open a connection for a command whose default format is fallback.  The
 * client encoding is "auto" (from the locale, as psql) for interactive
 * output (table format to a terminal), UTF8 for every machine format and
 * file.  Exits with EXIT_CONN when it fails.
 */
static PGconn *
open_connection(Format fallback)
{
	PGconn	   *conn;
	char	   *password = NULL;
	bool		tty;
	const char *encoding =
		(output_format(fallback, &tty) == FMT_TABLE && tty) ? "auto" : "UTF8";

	if (opts.password == 1)
		password = prompt_password(opts.user);
	conn = try_connect(password, encoding);
	if (PQstatus(conn) == CONNECTION_BAD && PQconnectionNeedsPassword(conn) &&
		password == NULL && opts.password == 0)
	{
		char	   *user = strdup(PQuser(conn));

		PQfinish(conn);
		password = prompt_password(user);
		free(user);
		if (password != NULL)
			conn = try_connect(password, encoding);
		else
			conn = try_connect(NULL, encoding);
	}
	if (password != NULL)
	{
		memset(password, 0, strlen(password));
		free(password);
	}
	if (PQstatus(conn) == CONNECTION_BAD)
	{
		report_conn_error(conn);
		PQfinish(conn);
		exit(EXIT_CONN);
	}
	/* server text on stderr is escaped in the client encoding */
	set_message_encoding(PQclientEncoding(conn));
	PQsetNoticeProcessor(conn, notice_processor, NULL);
	if (opts.verbose > 0)
		fprintf(stderr, "%s: connected: client_encoding %s\n", progname,
				pg_encoding_to_char(PQclientEncoding(conn)));
	if (opts.verbose > 1)
		PQsetErrorVerbosity(conn, PQERRORS_VERBOSE);
	set_cancel_conn(conn);
	return conn;
}

/*
 * Check the answer to setup_sql: exits with EXIT_NOEXT when the extension
 * is missing or of another major version.  Clears res.
 */
static void
check_setup(PGconn *conn, PGresult *res)
{
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		int			code = PQstatus(conn) == CONNECTION_BAD ? EXIT_CONN : EXIT_ERROR;

		report_result_error(res);
		PQclear(res);
		finish_db(conn);
		exit(code);
	}
	if (PQgetisnull(res, 0, 3))
	{
		fprintf(stderr, "%s: error: extension \"resettle\" is not installed in database \"%s\"\n"
				"HINT:  Run CREATE EXTENSION resettle in that database.\n",
				progname, PQdb(conn));
		PQclear(res);
		finish_db(conn);
		exit(EXIT_NOEXT);
	}
	/* this client speaks to any 1.x of the extension */
	if (strncmp(PQgetvalue(res, 0, 3), RESETTLE_MAJOR_PREFIX, strlen(RESETTLE_MAJOR_PREFIX)) != 0)
	{
		fprintf(stderr, "%s: error: extension \"resettle\" version ", progname);
		print_message(stderr, PQgetvalue(res, 0, 3));
		fprintf(stderr, " is not supported by this client\n"
				"DETAIL:  This client needs version %sx.\n"
				"HINT:  Install the client that came with the extension, or update the extension.\n",
				RESETTLE_MAJOR_PREFIX);
		PQclear(res);
		finish_db(conn);
		exit(EXIT_NOEXT);
	}
	PQclear(res);
}

/*
 * Connect for a command whose default format is fallback, set the session
 * up and check the extension.
 */
PGconn *
connect_db(Format fallback)
{
	PGconn	   *conn = open_connection(fallback);

	check_setup(conn, PQexec(conn, setup_sql));
	return conn;
}

/*
 * Connect and run one query with the set-up: both are sent at once in a
 * pipeline, so a command of one query costs one round trip after the
 * connection.  The query's result is checked as run_query does; *connp is
 * the connection, out of pipeline mode.
 */
PGresult *
connect_and_query(Format fallback, const char *sql, int nparams,
				  const char *const *params, PGconn **connp)
{
	PGconn	   *conn = open_connection(fallback);
	PGresult   *res;
	PGresult   *next;

	if (opts.verbose > 0)
		fprintf(stderr, "%s: query: %s\n", progname, sql);
	if (!PQenterPipelineMode(conn) ||
		!PQsendQueryParams(conn, setup_sql, 0, NULL, NULL, NULL, NULL, 0) ||
		!PQsendQueryParams(conn, sql, nparams, NULL, params, NULL, NULL, 0) ||
		!PQpipelineSync(conn))
	{
		report_conn_error(conn);
		finish_db(conn);
		exit(PQstatus(conn) == CONNECTION_BAD ? EXIT_CONN : EXIT_ERROR);
	}
	/* the set-up's result, then the NULL that ends it */
	res = PQgetResult(conn);
	while ((next = PQgetResult(conn)) != NULL)
		PQclear(next);
	check_setup(conn, res);
	/* the query's result (aborted if the set-up failed, which exited) */
	res = PQgetResult(conn);
	while ((next = PQgetResult(conn)) != NULL)
		PQclear(next);
	/* the synchronisation point; then the connection serves as any other */
	PQclear(PQgetResult(conn));
	(void) PQexitPipelineMode(conn);
	*connp = conn;
	return check_result(conn, res);
}

void
finish_db(PGconn *conn)
{
	set_cancel_conn(NULL);
	PQfinish(conn);
}

static void
print_field(const PGresult *res, int field, const char *label)
{
	const char *v = PQresultErrorField(res, field);

	if (v != NULL)
	{
		fprintf(stderr, "%s:  ", label);
		print_message(stderr, v);
		fputc('\n', stderr);
	}
}

void
report_result_error(const PGresult *res)
{
	const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);

	if (primary == NULL)
	{
		const char *msg = PQresultErrorMessage(res);
		size_t		len = strlen(msg);

		char	   *copy;

		while (len > 0 && msg[len - 1] == '\n')
			len--;
		copy = strndup(len > 0 ? msg : "query failed", len > 0 ? len : strlen("query failed"));
		if (copy == NULL)
			fatal(EXIT_ERROR, "out of memory");
		fprintf(stderr, "%s: error: ", progname);
		print_message(stderr, copy);
		fputc('\n', stderr);
		free(copy);
		return;
	}
	fprintf(stderr, "%s: error: ", progname);
	print_message(stderr, primary);
	fputc('\n', stderr);
	print_field(res, PG_DIAG_MESSAGE_DETAIL, "DETAIL");
	print_field(res, PG_DIAG_MESSAGE_HINT, "HINT");
	if (opts.verbose > 0)
	{
		print_field(res, PG_DIAG_SQLSTATE, "SQLSTATE");
		print_field(res, PG_DIAG_CONTEXT, "CONTEXT");
	}
}

/*
 * Return res when its statement succeeded; otherwise report the error and
 * exit with the matching code: 130 after a cancel, 2 if the connection is
 * gone, 4 for no_data_found (P0002), 3 for a bad argument (22P02 bad input
 * syntax, 22023 invalid parameter value, 22007 invalid datetime format,
 * 22008 date out of range), else 1 (a write or LISTEN refused by a
 * read-only standby, 25006, with a hint saying so).
 */
static PGresult *
check_result(PGconn *conn, PGresult *res)
{
	ExecStatusType st = PQresultStatus(res);
	const char *state;
	int			code = EXIT_ERROR;

	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
		return res;
	if (interrupted)
	{
		/* the server's answer: canceling statement due to user request */
		report_result_error(res);
		PQclear(res);
		finish_db(conn);
		exit(EXIT_INTERRUPT);
	}
	report_result_error(res);
	state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	/* read_only_sql_transaction: a write or LISTEN on a standby */
	if (state != NULL && strcmp(state, "25006") == 0)
		fprintf(stderr, "HINT:  This server is read-only (a standby): "
				"connect to the primary to record changes or watch them.\n");
	if (PQstatus(conn) == CONNECTION_BAD)
		code = EXIT_CONN;
	else if (state != NULL && strcmp(state, "P0002") == 0)
		code = EXIT_NOTFOUND;
	else if (state != NULL && (strcmp(state, "22P02") == 0 ||
							   strcmp(state, "22023") == 0 ||
							   strcmp(state, "22007") == 0 ||
							   strcmp(state, "22008") == 0))
		code = EXIT_USAGE;
	PQclear(res);
	finish_db(conn);
	exit(code);
}

/* Run one parameterized statement; on failure exit (see check_result). */
PGresult *
run_query(PGconn *conn, const char *sql, int nparams, const char *const *params)
{
	if (opts.verbose > 0)
		fprintf(stderr, "%s: query: %s\n", progname, sql);
	return check_result(conn, PQexecParams(conn, sql, nparams, NULL, params, NULL, NULL, 0));
}
