/*
 * cmd_query.c: the read-only commands.  Each calls one schema-qualified
 * function of the extension with bound parameters and prints its result.
 */
#include "resettle.h"

#include <ctype.h>
#include <string.h>

int
query_and_print(const char *sql, int nparams, const char *const *params,
				Format fallback, bool card)
{
	PGconn	   *conn = connect_db();
	PGresult   *res = run_query(conn, sql, nparams, params);
	Printer		pr;
	int			code = EXIT_OK;

	printer_init(&pr, fallback, conn, true);
	if (card && PQntuples(res) == 0)
		code = EXIT_NOTFOUND;
	else if (card)
		print_card(&pr, res);
	else
		print_result(&pr, res);
	printer_close(&pr);
	PQclear(res);
	finish_db(conn);
	return code;
}

static void
no_args(int argc, char **argv)
{
	if (argc > 0)
		usage_error("unexpected argument \"%s\"", argv[0]);
}

/* A1234BC (any case, surrounding spaces allowed) */
static bool
looks_like_prison_number(const char *s)
{
	int			i;

	while (*s == ' ')
		s++;
	if (!isalpha((unsigned char) s[0]))
		return false;
	for (i = 1; i <= 4; i++)
		if (!isdigit((unsigned char) s[i]))
			return false;
	if (!isalpha((unsigned char) s[5]) || !isalpha((unsigned char) s[6]))
		return false;
	for (s += 7; *s == ' '; s++)
		;
	return *s == '\0';
}

/* X123456 */
static bool
looks_like_crn(const char *s)
{
	int			i;

	while (*s == ' ')
		s++;
	if (!isalpha((unsigned char) s[0]))
		return false;
	for (i = 1; i <= 6; i++)
		if (!isdigit((unsigned char) s[i]))
			return false;
	for (s += 7; *s == ' '; s++)
		;
	return *s == '\0';
}

void
check_prison_number(const char *s)
{
	if (!looks_like_prison_number(s))
		usage_error("\"%s\" is not a prison number (expected a letter, four digits and two letters, e.g. A1234BC)", s);
}

int
cmd_case(int argc, char **argv)
{
	const char *params[2];

	if (argc != 1)
		usage_error("case needs one PRISON_NUMBER or CRN");
	if (!looks_like_prison_number(argv[0]) && !looks_like_crn(argv[0]))
		usage_error("\"%s\" is neither a prison number (A1234BC) nor a CRN (X123456)", argv[0]);
	params[0] = argv[0];
	params[1] = opts.as_of;
	if (query_and_print("SELECT * FROM resettle.case_card($1, $2::date)",
						2, params, FMT_DEFAULT, true) == EXIT_NOTFOUND)
	{
		fprintf(stderr, "%s: error: no case found for \"%s\"\n", progname, argv[0]);
		return EXIT_NOTFOUND;
	}
	return EXIT_OK;
}

int
cmd_releases(int argc, char **argv)
{
	const char *params[4] = {opts.weeks, opts.prison, opts.level, opts.as_of};

	no_args(argc, argv);
	return query_and_print("SELECT * FROM resettle.releases_due($1::integer, $2,"
						   " $3::resettle.readiness_level, $4::date)",
						   4, params, FMT_DEFAULT, false);
}

int
cmd_handovers(int argc, char **argv)
{
	const char *params[3] = {opts.kind ? opts.kind : "all", opts.prison, opts.as_of};

	no_args(argc, argv);
	return query_and_print("SELECT * FROM resettle.handovers($1, $2, $3::date)",
						   3, params, FMT_DEFAULT, false);
}

int
cmd_gaps(int argc, char **argv)
{
	const char *params[4] = {opts.rule, opts.pathway, opts.prison, opts.as_of};

	no_args(argc, argv);
	return query_and_print("SELECT * FROM resettle.gaps($1, $2::resettle.pathway, $3, $4::date)",
						   4, params, FMT_DEFAULT, false);
}

int
cmd_stats(int argc, char **argv)
{
	const char *params[2] = {opts.by ? opts.by : "prison", opts.as_of};
	PGconn	   *conn;
	PGresult   *res;
	Printer		pr;

	no_args(argc, argv);
	if (strcmp(params[0], "prison") != 0 && strcmp(params[0], "region") != 0 &&
		strcmp(params[0], "month") != 0)
		usage_error("invalid value \"%s\" for --by (expected prison, region or month)", params[0]);
	conn = connect_db();
	res = run_query(conn, "SELECT * FROM resettle.stats($1, $2::date)", 2, params);
	printer_init(&pr, FMT_DEFAULT, conn, true);
	print_result(&pr, res);
	/* in a table, a chart of the cases not ready by group */
	if (pr.format == FMT_TABLE && PQntuples(res) > 0)
	{
		fprintf(pr.out, "\nnot ready:");
		print_bars(&pr, res, 0, 5);
	}
	printer_close(&pr);
	PQclear(res);
	finish_db(conn);
	return EXIT_OK;
}

int
cmd_ping(int argc, char **argv)
{
	PGconn	   *conn;

	no_args(argc, argv);
	conn = connect_db();
	if (!opts.quiet)
		printf("ok: server %d, database \"%s\", extension resettle installed\n",
			   PQserverVersion(conn), PQdb(conn));
	finish_db(conn);
	return EXIT_OK;
}

int
cmd_version(int argc, char **argv)
{
	PGconn	   *conn;
	PGresult   *res;
	Printer		pr;

	no_args(argc, argv);
	conn = connect_db();
	{
		const char *params[1] = {RESETTLE_VERSION};

		res = run_query(conn,
						"SELECT $1::text AS client,"
						" pg_catalog.current_setting('server_version') AS server,"
						" (SELECT e.extversion FROM pg_catalog.pg_extension AS e"
						"  WHERE e.extname = 'resettle') AS extension",
						1, params);
	}
	printer_init(&pr, FMT_DEFAULT, conn, true);
	print_result(&pr, res);
	printer_close(&pr);
	PQclear(res);
	finish_db(conn);
	return EXIT_OK;
}
