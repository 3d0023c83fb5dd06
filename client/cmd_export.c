/*
 * cmd_export.c: resettle export VIEW: stream an allow-listed analyst view
 * row by row (single-row mode), so any size fits in constant memory.
 */
#include "resettle.h"

#include <stdlib.h>
#include <string.h>

/*
 * The views and tables that may be exported, and the query of each (a
 * stable order, so that exports compare).  Privileges decide who gets rows:
 * the analyst role (resettle.grant_roles) may read only the pseudonymised
 * analyst_* views and the reference data; staff
 * the case lists of the prisons they may see, the measures and the
 * reference data; admin everything, the tables and case_facts too.  Anyone
 * else gets the server's "permission denied" (exit 1).
 */
static const struct
{
	const char *name;
	const char *sql;
}			exportable[] = {
	{"analyst_cases", "SELECT * FROM resettle.analyst_cases ORDER BY case_pseudonym"},
	{"analyst_release_outcomes",
	"SELECT * FROM resettle.analyst_release_outcomes ORDER BY case_pseudonym"},
	{"analyst_readiness_history",
		"SELECT * FROM resettle.analyst_readiness_history"
	" ORDER BY case_pseudonym, change_number"},
	{"analyst_releases_due",
	"SELECT * FROM resettle.analyst_releases_due ORDER BY case_pseudonym"},
	{"analyst_handovers", "SELECT * FROM resettle.analyst_handovers ORDER BY case_pseudonym"},
	{"v_readiness_summary",
	"SELECT * FROM resettle.v_readiness_summary ORDER BY dimension, group_name"},
	{"v_outcome_rates",
		"SELECT * FROM resettle.v_outcome_rates"
	" ORDER BY dimension, group_name, month NULLS FIRST"},
	{"v_gap_counts",
	"SELECT * FROM resettle.v_gap_counts ORDER BY prison_code NULLS FIRST, rule"},
	{"v_cases", "SELECT * FROM resettle.v_cases ORDER BY custody_id"},
	{"v_releases_due",
	"SELECT * FROM resettle.v_releases_due ORDER BY release_date, custody_id"},
	{"v_handover_upcoming",
	"SELECT * FROM resettle.v_handover_upcoming ORDER BY handover_date, custody_id"},
	{"v_com_overdue", "SELECT * FROM resettle.v_com_overdue ORDER BY handover_date, custody_id"},
	{"v_release_outcomes",
	"SELECT * FROM resettle.v_release_outcomes ORDER BY released_on, custody_id"},
	{"case_facts", "SELECT * FROM resettle.case_facts ORDER BY custody_id"},
	{"rule", "SELECT * FROM resettle.rule ORDER BY code"},
	{"readiness_history", "SELECT * FROM resettle.readiness_history ORDER BY id"},
	{"release_outcome", "SELECT * FROM resettle.release_outcome ORDER BY custody_id"},
	{"prison", "SELECT * FROM resettle.prison ORDER BY code"},
};

int
cmd_export(int argc, char **argv)
{
	const char *sql = NULL;
	size_t		i;
	PGconn	   *conn;
	PGresult   *res;
	Printer		pr;
	bool		begun = false;
	int			code = EXIT_OK;

	if (argc != 1)
		usage_error("export needs one VIEW");
	for (i = 0; i < sizeof(exportable) / sizeof(exportable[0]); i++)
		if (strcmp(argv[0], exportable[i].name) == 0)
			sql = exportable[i].sql;
	if (sql == NULL)
		usage_error("\"%s\" cannot be exported (one of analyst_cases, analyst_release_outcomes,"
					" analyst_readiness_history, analyst_releases_due, analyst_handovers,"
					" v_readiness_summary, v_outcome_rates, v_gap_counts, v_cases, v_releases_due,"
					" v_handover_upcoming, v_com_overdue, v_release_outcomes, case_facts, rule,"
					" readiness_history, release_outcome, prison)", argv[0]);
	if (opts.format == FMT_TABLE)
		usage_error("export streams csv, tsv, json or ndjson, not table");
	conn = connect_db(FMT_CSV);
	printer_init(&pr, FMT_CSV, conn, false);
	if (opts.verbose > 0)
		fprintf(stderr, "%s: query: %s\n", progname, sql);
	if (!PQsendQueryParams(conn, sql, 0, NULL, NULL, NULL, NULL, 0) ||
		!PQsetSingleRowMode(conn))
	{
		fprintf(stderr, "%s: error: ", progname);
		print_message(stderr, PQerrorMessage(conn));
		finish_db(conn);
		return EXIT_CONN;
	}
	while ((res = PQgetResult(conn)) != NULL)
	{
		ExecStatusType st = PQresultStatus(res);

		if (st == PGRES_SINGLE_TUPLE)
		{
			if (!begun)
				printer_begin(&pr, res);
			begun = true;
			printer_row(&pr, res, 0);
		}
		else if (st == PGRES_TUPLES_OK)
		{
			/* the end; with no rows, still print the header */
			if (!begun)
				printer_begin(&pr, res);
			begun = true;
		}
		else if (code == EXIT_OK)
		{
			code = interrupted ? EXIT_INTERRUPT :
				(PQstatus(conn) == CONNECTION_BAD ? EXIT_CONN : EXIT_ERROR);
			report_result_error(res);
		}
		PQclear(res);
	}
	if (begun)
		printer_end(&pr);
	printer_close(&pr);
	finish_db(conn);
	return code;
}
