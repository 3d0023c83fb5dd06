/*
 * cmd_query.c: the read-only commands.  Each calls one schema-qualified
 * function of the extension with bound parameters and prints its result.
 */
#include "resettle.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * The columns of each list in table output, most important first (rank):
 * at 80 columns a list shows who, when and how ready; the rest is dropped
 * from the highest rank until the table fits, and shown by --wide and -x.
 * Names are cut (min columns), messages and notes wrapped.
 */
static const ColumnSpec releases_columns[] = {
	{"prison_number", "prison_no", 1, 0, false},
	{"name", NULL, 2, 22, false},
	{"release_date", NULL, 3, 0, false},
	{"days_to_release", "days", 4, 0, false},
	{"readiness", NULL, 5, 0, false},
	{"gaps", NULL, 6, 0, false},
	{"prison_code", "prison", 7, 0, false},
	{"handover_date", "handover", 8, 0, false},
	{"responsibility", NULL, 9, 0, false},
	{NULL}
};

static const ColumnSpec handovers_columns[] = {
	{"prison_number", "prison_no", 1, 0, false},
	{"name", NULL, 2, 22, false},
	{"handover_date", "handover", 3, 0, false},
	{"days_to_handover", "days", 4, 0, false},
	{"status", NULL, 5, 0, false},
	{"com_name", "com", 6, 10, false},
	{"prison_code", "prison", 7, 0, false},
	{"release_date", "release", 8, 0, false},
	{"responsibility", NULL, 9, 0, false},
	{"pom_name", "pom", 10, 10, false},
	{NULL}
};

/* the message says what is missing and by when, so it comes first */
static const ColumnSpec gaps_columns[] = {
	{"prison_number", "prison_no", 1, 0, false},
	{"name", NULL, 2, 22, false},
	{"message", NULL, 3, 22, true},
	{"severity", NULL, 4, 0, false},
	{"due_on", NULL, 5, 0, false},
	{"rule", NULL, 6, 12, false},
	{"release_date", "release", 7, 0, false},
	{"prison_code", "prison", 8, 0, false},
	{"days_to_release", "days", 9, 0, false},
	{"readiness", NULL, 10, 0, false},
	{"pom_name", "pom", 11, 10, false},
	{NULL}
};

/* a group (a region's name) wraps rather than lose its end */
/*
 * The group is cut or wrapped to 14 columns at the least, so that every
 * column fits 80 (a region such as "Long Term High Security Estate" wraps)
 */
static const ColumnSpec readiness_columns[] = {
	{"group", NULL, 1, 14, true},
	{"total", NULL, 2, 0, false},
	{"not_ready", NULL, 3, 0, false},
	{"at_risk", NULL, 4, 0, false},
	{"on_track", NULL, 5, 0, false},
	{"ready", NULL, 6, 0, false},
	{"out_of_scope", NULL, 7, 0, false},
	{NULL}
};

/* stats' measures: the inspection's headline measure first */
static const ColumnSpec measures_columns[] = {
	{"group", NULL, 1, 14, true},
	{"released", NULL, 2, 0, false},
	{"accom", NULL, 3, 0, false},
	{"com", NULL, 4, 0, false},
	{"id", NULL, 5, 0, false},
	{"bank", NULL, 6, 0, false},
	{"benefit", NULL, 7, 0, false},
	{"gp", NULL, 8, 0, false},
	{"family", NULL, 9, 0, false},
	{NULL}
};

/* a pathway's name is never cut: it is what the row is about */
static const ColumnSpec pathway_columns[] = {
	{"group", NULL, 1, 0, false},
	{"total", NULL, 2, 0, false},
	{"not_started", NULL, 3, 0, false},
	{"in_progress", NULL, 4, 0, false},
	{"done", NULL, 5, 0, false},
	{"support_required", "required", 6, 0, false},
	{"support_declined", "declined", 7, 0, false},
	{"support_not_required", "not_required", 8, 0, false},
	{NULL}
};

/* query_and_print's answer for a card not found by a login mapped to no prison */
#define EXIT_NOTFOUND_UNMAPPED (EXIT_NOTFOUND + 100)

int
query_and_print(const char *sql, int nparams, const char *const *params,
				Format fallback, bool card, const ColumnSpec *columns)
{
	PGconn	   *conn;
	PGresult   *res = connect_and_query(fallback, sql, nparams, params, &conn);
	Printer		pr;
	int			code = EXIT_OK;

	printer_init(&pr, fallback, conn, true);
	pr.columns = columns;
	if (card && PQntuples(res) == 0)
	{
		PGresult   *seen = run_query(conn,
									 "SELECT pg_catalog.cardinality(resettle.visible_prisons()) = 0",
									 0, NULL);

		/* a login mapped to no prison finds no case: say why */
		code = strcmp(PQgetvalue(seen, 0, 0), "t") == 0 ? EXIT_NOTFOUND_UNMAPPED : EXIT_NOTFOUND;
		PQclear(seen);
	}
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
	switch (query_and_print("SELECT * FROM resettle.case_card($1, $2::date)",
							2, params, FMT_DEFAULT, true, NULL))
	{
		case EXIT_NOTFOUND:
			fprintf(stderr, "%s: error: no case found for \"%s\"\n", progname, argv[0]);
			return EXIT_NOTFOUND;
		case EXIT_NOTFOUND_UNMAPPED:
			fprintf(stderr, "%s: error: no case found for \"%s\": your login is not mapped to any prison\n"
					"HINT:  An administrator maps logins to prisons with resettle.map_staff().\n",
					progname, argv[0]);
			return EXIT_NOTFOUND;
	}
	return EXIT_OK;
}

/*
 * Parameter $N, given as OPTION, taken as a value of the extension's enum
 * TYPE in any case, or refused (22023, exit 3) naming the option and
 * listing the valid values (resettle.valid_value()); NULL when not given.
 */
#define ENUM_PARAM(N, TYPE, OPTION) \
	"CASE WHEN $" #N "::text IS NULL THEN NULL ELSE resettle.valid_value($" #N ", '" OPTION "'," \
	" pg_catalog.enum_range(NULL::resettle." TYPE ")::text[])::resettle." TYPE " END"

int
cmd_releases(int argc, char **argv)
{
	const char *params[4] = {opts.weeks, opts.prison, opts.level, opts.as_of};

	no_args(argc, argv);
	return query_and_print("SELECT * FROM resettle.releases_due($1::integer, $2, "
						   ENUM_PARAM(3, "readiness_level", "--level") ", $4::date)",
						   4, params, FMT_DEFAULT, false, releases_columns);
}

int
cmd_handovers(int argc, char **argv)
{
	const char *params[5] = {opts.kind ? opts.kind : "all", opts.prison, opts.as_of,
	opts.pom, opts.mine ? "true" : "false"};

	no_args(argc, argv);
	return query_and_print("SELECT * FROM resettle.handovers($1, $2, $3::date, $4, $5::boolean)",
						   5, params, FMT_DEFAULT, false, handovers_columns);
}

/*
 * gaps, and with --weeks the worklist: the cases released within N weeks.
 * Each case's gaps come together (resettle.gaps() orders them so), so in
 * table output fitted to a width each case has one line and its gaps under
 * it (print_worklist()), which reads at 80 columns where a table repeats
 * the person on every line and wraps each message into a narrow column;
 * machine formats, -x and --wide have a row per gap.
 */
int
cmd_gaps(int argc, char **argv)
{
	const char *params[8] = {opts.rule, opts.pathway, opts.prison, opts.as_of,
		opts.weeks, opts.pom, opts.level, opts.mine ? "true" : "false"};
	const char *sql = "SELECT * FROM resettle.gaps($1, "
		ENUM_PARAM(2, "pathway", "--pathway") ", $3, $4::date, $5::integer, $6, "
		ENUM_PARAM(7, "readiness_level", "--level") ", $8::boolean)";
	PGconn	   *conn;
	PGresult   *res;
	Printer		pr;

	no_args(argc, argv);
	res = connect_and_query(FMT_DEFAULT, sql, 8, params, &conn);
	printer_init(&pr, FMT_DEFAULT, conn, true);
	pr.columns = gaps_columns;
	if (pr.format == FMT_TABLE && !opts.expanded && !pr.wide)
		print_worklist(&pr, res);
	else
		print_result(&pr, res);
	printer_close(&pr);
	PQclear(res);
	finish_db(conn);
	return EXIT_OK;
}

/*
 * Table view of stats: a copy of columns [first, last] of res, keeping the
 * rows whose column keep is not 0 (keep < 0: every row).
 */
static PGresult *
result_part(const PGresult *res, int first, int last, int keep)
{
	PGresAttDesc attrs[32];
	PGresult   *part = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
	int			n = last - first + 1;
	int			row,
				col,
				out = 0;

	if (part == NULL || n > 32)
		fatal(EXIT_ERROR, "out of memory");
	for (col = 0; col < n; col++)
	{
		memset(&attrs[col], 0, sizeof(attrs[col]));
		attrs[col].name = PQfname(res, first + col);
		attrs[col].format = 0;
		attrs[col].typid = PQftype(res, first + col);
		attrs[col].typlen = -1;
		attrs[col].atttypmod = -1;
	}
	if (!PQsetResultAttrs(part, n, attrs))
		fatal(EXIT_ERROR, "out of memory");
	for (row = 0; row < PQntuples(res); row++)
	{
		if (keep >= 0 && atol(PQgetvalue(res, row, keep)) == 0)
			continue;
		for (col = 0; col < n; col++)
			if (!PQsetvalue(part, out, col, PQgetvalue(res, row, first + col),
							PQgetisnull(res, row, first + col) ? -1 :
							PQgetlength(res, row, first + col)))
				fatal(EXIT_ERROR, "out of memory");
		out++;
	}
	return part;
}

/*
 * Table view of the inspection measures of stats: one row per group with
 * releases, each measure as a whole percentage to fit 80 columns, or as
 * "PCT% (N/OF)" with counts (--wide, no width to fit, or -x; "-" when OF
 * is 0).
 */
static PGresult *
measures_part(const PGresult *res, bool counts)
{
	static const struct
	{
		const char *label;
		const char *count;
		const char *of;
		const char *pct;
	}			m[] = {
		{"accom", "settled_accommodation", "released", "settled_accommodation_pct"},
		{"id", "id_document", "released", "id_document_pct"},
		{"bank", "bank_account", "released", "bank_account_pct"},
		{"benefit", "benefit_claim_started", "benefit_claim_needed", "benefit_claim_started_pct"},
		{"gp", "gp_arranged", "gp_needed", "gp_arranged_pct"},
		{"com", "com_allocated_by_handover", "com_handover_due", "com_allocated_by_handover_pct"},
		{"family", "family_pathway_addressed", "released", "family_pathway_addressed_pct"},
	};
	const int	nm = sizeof(m) / sizeof(m[0]);
	PGresAttDesc attrs[2 + sizeof(m) / sizeof(m[0])];
	PGresult   *part = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
	int			released = PQfnumber(res, "released");
	int			row,
				i,
				out = 0;

	if (part == NULL)
		fatal(EXIT_ERROR, "out of memory");
	memset(attrs, 0, sizeof(attrs));
	attrs[0].name = "group";
	attrs[0].typid = PQftype(res, 0);
	attrs[1].name = "released";
	attrs[1].typid = PQftype(res, released);
	for (i = 0; i < nm; i++)
	{
		attrs[2 + i].name = (char *) m[i].label;
		/* a numeric type, only so that the table right-aligns the cells */
		attrs[2 + i].typid = PQftype(res, released);
	}
	for (i = 0; i < 2 + nm; i++)
	{
		attrs[i].typlen = -1;
		attrs[i].atttypmod = -1;
	}
	if (!PQsetResultAttrs(part, 2 + nm, attrs))
		fatal(EXIT_ERROR, "out of memory");
	for (row = 0; row < PQntuples(res); row++)
	{
		if (atol(PQgetvalue(res, row, released)) == 0)
			continue;
		if (!PQsetvalue(part, out, 0, PQgetvalue(res, row, 0), PQgetlength(res, row, 0)) ||
			!PQsetvalue(part, out, 1, PQgetvalue(res, row, released), PQgetlength(res, row, released)))
			fatal(EXIT_ERROR, "out of memory");
		for (i = 0; i < nm; i++)
		{
			char		cell[96];
			int			pct = PQfnumber(res, m[i].pct);

			if (pct < 0 || PQfnumber(res, m[i].count) < 0 || PQfnumber(res, m[i].of) < 0)
				fatal(EXIT_ERROR, "stats: column \"%s\" missing", m[i].pct);
			if (PQgetisnull(res, row, pct))
				snprintf(cell, sizeof(cell), "-");
			else if (!counts)
				snprintf(cell, sizeof(cell), "%.0f%%",
						 floor(strtod(PQgetvalue(res, row, pct), NULL) + 0.5));
			else
				snprintf(cell, sizeof(cell), "%s%% (%s/%s)", PQgetvalue(res, row, pct),
						 PQgetvalue(res, row, PQfnumber(res, m[i].count)),
						 PQgetvalue(res, row, PQfnumber(res, m[i].of)));
			if (!PQsetvalue(part, out, 2 + i, cell, strlen(cell)))
				fatal(EXIT_ERROR, "out of memory");
		}
		out++;
	}
	return part;
}

/* whether the login holds the analyst part and neither of the others */
const char *const analyst_only_sql =
"SELECT resettle.has_access_role('analyst') AND NOT resettle.has_access_role('staff')"
" AND NOT resettle.has_access_role('admin')";

/*
 * columns, its first (the group) headed by what the groups are: prison,
 * region, month or pathway; copy has room for MAX_STATS_COLUMNS
 */
#define MAX_STATS_COLUMNS 16
static const ColumnSpec *
headed_by(const ColumnSpec *columns, const char *by, ColumnSpec *copy)
{
	int			i;

	for (i = 0; i < MAX_STATS_COLUMNS - 1 && columns[i].name != NULL; i++)
		copy[i] = columns[i];
	copy[i].name = NULL;
	copy[0].label = by;
	return copy;
}

int
cmd_stats(int argc, char **argv)
{
	const char *by = opts.by ? opts.by : "prison";
	const char *params[3] = {by, opts.as_of, opts.prison};
	bool		pathway = (strcmp(by, "pathway") == 0);
	bool		analyst = false;
	PGconn	   *conn;
	PGresult   *res;
	Printer		pr;
	ColumnSpec	columns[MAX_STATS_COLUMNS];

	no_args(argc, argv);
	if (strcmp(by, "prison") != 0 && strcmp(by, "region") != 0 &&
		strcmp(by, "month") != 0 && !pathway)
		usage_error("invalid value \"%s\" for --by (expected prison, region, pathway or month)", by);
	/* set-up and query in one round trip, as query_and_print() */
	if (pathway)
		res = connect_and_query(FMT_DEFAULT, "SELECT * FROM resettle.pathway_stats($1)",
								1, params + 2, &conn);
	else
	{
		/*
		 * An analyst (who may not read cases) gets the same figures from the
		 * analyst views: the month's release, so no --as-of or --prison.
		 */
		res = connect_and_query(FMT_DEFAULT, analyst_only_sql, 0, NULL, &conn);
		analyst = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
		if (analyst)
		{
			PQclear(res);
			if (opts.as_of != NULL || opts.prison != NULL)
			{
				finish_db(conn);
				usage_error("an analyst's stats are of the analyst views' month: "
							"--as-of and --prison are not available");
			}
			res = run_query(conn, "SELECT * FROM resettle.analyst_stats($1)", 1, params);
		}
		else
		{
			PQclear(res);
			res = run_query(conn, "SELECT * FROM resettle.stats($1, $2::date, $3)", 3, params);
		}
	}
	printer_init(&pr, FMT_DEFAULT, conn, true);
	pr.columns = headed_by(pathway ? pathway_columns : readiness_columns, by, columns);
	if (pr.format != FMT_TABLE)
		print_result(&pr, res);
	else if (pathway)
	{
		/* a chart of the cases whose pathway is not started */
		print_result(&pr, res);
		if (PQntuples(res) > 0)
		{
			fprintf(pr.out, "\nnot started:");
			print_bars(&pr, res, 0, 2);
		}
	}
	else
	{
		/*
		 * Two tables: the readiness of the groups with cases in custody, with
		 * a chart of the cases not ready; the measures of the groups with
		 * releases in the window.  Machine formats get every column.
		 */
		PGresult   *part = result_part(res, 0, 6, 1);

		print_result(&pr, part);
		if (PQntuples(part) > 0)
		{
			fprintf(pr.out, "\nnot ready:");
			print_bars(&pr, part, 0, 5);
		}
		PQclear(part);
		part = measures_part(res, pr.wide || opts.expanded);
		pr.columns = headed_by(measures_columns, by, columns);
		if (analyst)
			fprintf(pr.out, "\nreleases published within the 12 months before the analyst views' month:\n");
		else
		{
			/* the last 12 months as resettle.last_12_months() defines them */
			const char *params1[1] = {opts.as_of};
			PGresult   *months = run_query(conn,
										   "SELECT pg_catalog.to_char(pg_catalog.lower(m), 'Mon YYYY')"
										   " || ' to ' || pg_catalog.to_char(pg_catalog.upper(m) - 1, 'Mon YYYY')"
										   " FROM resettle.last_12_months(COALESCE($1::date, resettle.today())) AS m",
										   1, params1);

			fprintf(pr.out, "\nreleases of the last 12 months, %s:\n", PQgetvalue(months, 0, 0));
			PQclear(months);
		}
		print_result(&pr, part);
		PQclear(part);
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
	conn = connect_db(FMT_DEFAULT);
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
	conn = connect_db(FMT_DEFAULT);
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
