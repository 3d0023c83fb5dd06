/*
 * cmd_report.c: resettle report [-o FILE] [--prison CODE] [--as-of DATE]:
 * one self-contained HTML file (report_html.c) for a governor or a
 * regional lead.
 *
 * Every figure comes from the extension's report functions
 * (sql/client/report.sql), with bound parameters, all in one REPEATABLE
 * READ READ ONLY transaction, so the figures agree with each other:
 *   report_scope      the day, the windows' labels, the prison
 *   report_headline   cases in custody, releases due in the next 12 weeks
 *                     by readiness
 *   report_prisons    readiness by prison
 *   report_months     the measures over the last 12 months (the headline's
 *                     releases and settled accommodation) and by month
 *   report_gaps       the most common gaps, in words
 *   report_weeks      releases due not yet ready, week by week
 *   report_releases   and their list, gaps in words
 * An analyst's login (the analyst part and neither of the others) gets the
 * analyst_report_* functions instead: the same shapes from the analyst
 * views, the month they show, no list of people.  The client only copies,
 * scales and escapes the figures.
 *
 * With -o FILE the report is written to a temporary file in the same
 * directory and renamed over FILE once complete, so a failure leaves no
 * half-written report; nothing is written before every query has
 * succeeded.
 */
#include "resettle.h"
#include "report_html.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* nationally, the first this many releases not ready are listed */
#define NATIONAL_RELEASES_LIMIT "200"

static PGconn *conn;

/* the column number of name, which the view must have */
static int
column(const PGresult *res, const char *name)
{
	int			c = PQfnumber(res, name);

	if (c < 0)
	{
		finish_db(conn);
		fatal(EXIT_ERROR, "report: the query result has no column \"%s\"", name);
	}
	return c;
}

/* a text value, NULL for SQL NULL; it lives as long as res */
static const char *
text_at(const PGresult *res, int row, const char *name)
{
	int			c = column(res, name);

	return PQgetisnull(res, row, c) ? NULL : PQgetvalue(res, row, c);
}

/* a count; SQL NULL (no row behind it) is 0 */
static long
count_at(const PGresult *res, int row, const char *name)
{
	const char *v = text_at(res, row, name);

	return v != NULL ? strtol(v, NULL, 10) : 0;
}

static void *
alloc_array(size_t n, size_t size)
{
	void	   *p = calloc(n > 0 ? n : 1, size);

	if (p == NULL)
	{
		finish_db(conn);
		fatal(EXIT_ERROR, "out of memory");
	}
	return p;
}

/* write the report to stdout, or to path through a temporary file */
static int
write_report(const Report *r, const char *path)
{
	char	   *tmp;
	int			fd;
	FILE	   *f;
	mode_t		mask;

	if (path == NULL || strcmp(path, "-") == 0)
	{
		if (report_write_html(stdout, r) != 0)
		{
			fprintf(stderr, "%s: error: could not write the report to standard output: %s\n",
					progname, strerror(errno));
			return EXIT_ERROR;
		}
		return interrupted ? EXIT_INTERRUPT : EXIT_OK;
	}

	tmp = malloc(strlen(path) + sizeof(".XXXXXX"));
	if (tmp == NULL)
	{
		fprintf(stderr, "%s: error: out of memory\n", progname);
		return EXIT_ERROR;
	}
	strcpy(tmp, path);
	strcat(tmp, ".XXXXXX");
	fd = mkstemp(tmp);
	if (fd < 0)
	{
		fprintf(stderr, "%s: error: could not create a temporary file for \"%s\": %s\n",
				progname, path, strerror(errno));
		free(tmp);
		return EXIT_ERROR;
	}
	/* mkstemp makes it 0600: give it the mode a new file would have */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || (f = fdopen(fd, "w")) == NULL)
	{
		fprintf(stderr, "%s: error: could not open \"%s\": %s\n",
				progname, tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return EXIT_ERROR;
	}
	errno = 0;
	if (report_write_html(f, r) != 0 || fsync(fileno(f)) != 0)
	{
		int			save_errno = errno;

		fclose(f);
		unlink(tmp);
		fprintf(stderr, "%s: error: could not write \"%s\": %s\n",
				progname, tmp, save_errno ? strerror(save_errno) : "write error");
		free(tmp);
		return EXIT_ERROR;
	}
	if (fclose(f) != 0)
	{
		fprintf(stderr, "%s: error: could not write \"%s\": %s\n",
				progname, tmp, strerror(errno));
		unlink(tmp);
		free(tmp);
		return EXIT_ERROR;
	}
	if (interrupted)
	{
		unlink(tmp);
		free(tmp);
		return EXIT_INTERRUPT;
	}
	if (rename(tmp, path) != 0)
	{
		fprintf(stderr, "%s: error: could not rename \"%s\" to \"%s\": %s\n",
				progname, tmp, path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return EXIT_ERROR;
	}
	free(tmp);
	if (!opts.quiet && opts.verbose > 0)
		fprintf(stderr, "%s: report written to %s\n", progname, path);
	return EXIT_OK;
}

int
cmd_report(int argc, char **argv)
{
	Report		r;
	PGresult   *role,
			   *scope,
			   *summary,
			   *byprison,
			   *months,
			   *gaps,
			   *weeks = NULL,
			   *list = NULL;
	ReportPrison *prisons;
	ReportMonth *mos;
	ReportGap  *gps;
	ReportWeek *wks = NULL;
	ReportRelease *rels = NULL;
	const char *code = NULL;	/* the prison's code as stored */
	int			i,
				l,
				rc;

	if (argc > 0)
		usage_error("unexpected argument \"%s\"", argv[0]);
	if (opts.format != FMT_DEFAULT)
		usage_error("report writes HTML: --format does not apply");
	if (opts.prison != NULL && opts.prison[0] == '\0')
		usage_error("--prison needs a prison code");
	memset(&r, 0, sizeof(r));

	/* UTF8 whatever the locale: the report declares charset utf-8 */
	conn = connect_db(FMT_CSV);
	PQclear(run_query(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL));

	/* an analyst reads the analyst views: their month, every prison */
	role = run_query(conn, analyst_only_sql, 0, NULL);
	r.analyst = strcmp(PQgetvalue(role, 0, 0), "t") == 0;
	PQclear(role);
	if (r.analyst && (opts.as_of != NULL || opts.prison != NULL))
	{
		finish_db(conn);
		usage_error("an analyst's report is of the analyst views' month, every prison: "
					"--as-of and --prison are not available");
	}

	/* the day (the server's error for a bad one), the labels, the prison */
	if (r.analyst)
		scope = run_query(conn, "SELECT * FROM resettle.analyst_report_scope()", 0, NULL);
	else
	{
		const char *params[2] = {opts.prison, opts.as_of};

		scope = run_query(conn, "SELECT * FROM resettle.report_scope($1, $2::date)", 2, params);
	}
	r.as_of = text_at(scope, 0, "day");
	if (r.as_of == NULL || !isdigit((unsigned char) r.as_of[0]))
	{
		fprintf(stderr, "%s: error: invalid --as-of \"%s\": a report needs a finite date\n",
				progname, r.as_of ? r.as_of : "");
		PQclear(scope);
		finish_db(conn);
		return EXIT_USAGE;
	}
	r.as_of_long = text_at(scope, 0, "day_long");
	r.today = text_at(scope, 0, "today");
	r.window_last = text_at(scope, 0, "window_last");
	r.generated = text_at(scope, 0, "generated");
	r.generated_iso = text_at(scope, 0, "generated_iso");
	r.year_first = text_at(scope, 0, "year_first");
	r.year_last = text_at(scope, 0, "year_last");

	/* --prison: it must exist */
	if (opts.prison != NULL)
	{
		code = text_at(scope, 0, "prison_code");
		if (code == NULL)
		{
			fprintf(stderr, "%s: error: unknown prison \"%s\"\n"
					"HINT:  \"%s export prison\" lists the prison codes.\n",
					progname, opts.prison, progname);
			PQclear(scope);
			finish_db(conn);
			return EXIT_NOTFOUND;
		}
		r.prison_code = code;
		r.prison_name = text_at(scope, 0, "prison_name");
		r.prison_region = text_at(scope, 0, "prison_region");
	}

	/* the headline */
	if (r.analyst)
		summary = run_query(conn, "SELECT * FROM resettle.analyst_report_headline()", 0, NULL);
	else
	{
		const char *params[2] = {code, r.as_of};

		summary = run_query(conn, "SELECT * FROM resettle.report_headline($1, $2::date)", 2, params);
	}
	if (strcmp(PQgetvalue(summary, 0, column(summary, "counted")), "t") != 0 &&
		code != NULL && strcmp(PQgetvalue(scope, 0, column(scope, "prison_active")), "t") == 0)
	{
		/* every active prison the user may count has a row */
		fprintf(stderr, "%s: error: prison \"%s\" is not among the prisons you may see\n",
				progname, code);
		PQclear(summary);
		PQclear(scope);
		finish_db(conn);
		return EXIT_NOTFOUND;
	}
	r.cases = count_at(summary, 0, "cases");
	r.in_scope = count_at(summary, 0, "in_scope");
	r.ready = count_at(summary, 0, "ready");
	r.ready_pct = text_at(summary, 0, "ready_pct");
	r.stale = count_at(summary, 0, "stale");
	r.due_12_weeks = count_at(summary, 0, "due");
	for (l = 0; l < RL_COUNT; l++)
	{
		char		key[64];

		snprintf(key, sizeof(key), "due_%s", report_level_key[l]);
		r.due_level[l] = count_at(summary, 0, key);
	}
	r.not_ready_12_weeks = r.due_12_weeks - r.due_level[RL_READY];
	r.due_ready_pct = text_at(summary, 0, "due_ready_pct");

	/* 1. readiness by prison */
	if (r.analyst)
		byprison = run_query(conn, "SELECT * FROM resettle.analyst_report_prisons()", 0, NULL);
	else
	{
		const char *params[1] = {code};

		byprison = run_query(conn, "SELECT * FROM resettle.report_prisons($1)", 1, params);
	}
	r.nprisons = PQntuples(byprison);
	prisons = alloc_array(r.nprisons, sizeof(ReportPrison));
	for (i = 0; i < r.nprisons; i++)
	{
		prisons[i].code = text_at(byprison, i, "prison_code");
		prisons[i].name = text_at(byprison, i, "name");
		prisons[i].cases = count_at(byprison, i, "cases");
		for (l = 0; l < RL_COUNT; l++)
			prisons[i].level[l] = count_at(byprison, i, report_level_key[l]);
		prisons[i].ready_pct = text_at(byprison, i, "ready_pct");
	}
	r.prisons = prisons;

	/* 2. the measures: the last 12 months, then the 24 months by month */
	if (r.analyst)
		months = run_query(conn, "SELECT * FROM resettle.analyst_report_months()", 0, NULL);
	else
	{
		const char *params[2] = {code, r.as_of};

		months = run_query(conn, "SELECT * FROM resettle.report_months($1, $2::date)", 2, params);
	}
	r.nmonths = PQntuples(months) - 1;
	if (r.nmonths < 0)
		r.nmonths = 0;
	mos = alloc_array(r.nmonths + 1, sizeof(ReportMonth));
	for (i = 0; i < r.nmonths + 1 && i < PQntuples(months); i++)
	{
		int			m;

		mos[i].month = text_at(months, i, "month");
		mos[i].label = text_at(months, i, "label");
		mos[i].released = count_at(months, i, "released");
		for (m = 0; m < RM_COUNT; m++)
		{
			char		pct[64];

			snprintf(pct, sizeof(pct), "%s_pct", report_measure_key[m]);
			mos[i].rate[m].n = count_at(months, i, report_measure_key[m]);
			mos[i].rate[m].of = count_at(months, i, report_measure_of[m]);
			mos[i].rate[m].pct = text_at(months, i, pct);
		}
	}
	/* the first row is the last 12 months': the headline's too */
	r.year = &mos[0];
	r.months = mos + 1;
	r.released_12_months = r.year->released;
	r.settled_12_months = r.year->rate[RM_SETTLED_ACCOMMODATION].n;
	r.settled_pct_12_months = r.year->rate[RM_SETTLED_ACCOMMODATION].pct;

	/* 3. the most common gaps */
	if (r.analyst)
		gaps = run_query(conn, "SELECT * FROM resettle.analyst_report_gaps()", 0, NULL);
	else
	{
		const char *params[1] = {code};

		gaps = run_query(conn, "SELECT * FROM resettle.report_gaps($1)", 1, params);
	}
	r.ngaps = PQntuples(gaps);
	gps = alloc_array(r.ngaps, sizeof(ReportGap));
	for (i = 0; i < r.ngaps; i++)
	{
		gps[i].rule = text_at(gaps, i, "rule");
		gps[i].words = text_at(gaps, i, "words");
		gps[i].severity = text_at(gaps, i, "severity");
		gps[i].pathway = text_at(gaps, i, "pathway");
		gps[i].cases = count_at(gaps, i, "cases");
		gps[i].due_12_weeks = count_at(gaps, i, "cases_due_12_weeks");
	}
	r.gaps = gps;

	/* 4. releases due in the next 12 weeks not yet ready (not analysts') */
	if (!r.analyst)
	{
		const char *params[3] = {code, r.as_of, code ? NULL : NATIONAL_RELEASES_LIMIT};

		weeks = run_query(conn, "SELECT * FROM resettle.report_weeks($1, $2::date)", 2, params);
		r.nweeks = PQntuples(weeks);
		wks = alloc_array(r.nweeks, sizeof(ReportWeek));
		for (i = 0; i < r.nweeks; i++)
		{
			wks[i].week = (int) count_at(weeks, i, "week");
			wks[i].first = text_at(weeks, i, "first");
			wks[i].last = text_at(weeks, i, "last");
			wks[i].label = text_at(weeks, i, "label");
			wks[i].start_label = text_at(weeks, i, "start_label");
			for (l = RL_ON_TRACK; l < RL_COUNT; l++)
				wks[i].level[l] = count_at(weeks, i, report_level_key[l]);
			wks[i].total = count_at(weeks, i, "total");
		}
		r.weeks = wks;

		list = run_query(conn, "SELECT * FROM resettle.report_releases($1, $2::date, $3::bigint)",
						 3, params);
		r.nreleases = PQntuples(list);
		r.releases_total = r.nreleases > 0 ? count_at(list, 0, "total") : 0;
		rels = alloc_array(r.nreleases, sizeof(ReportRelease));
		for (i = 0; i < r.nreleases; i++)
		{
			const char *com = text_at(list, i, "com_allocated");

			rels[i].prison_number = text_at(list, i, "prison_number");
			rels[i].name = text_at(list, i, "name");
			rels[i].prison_code = text_at(list, i, "prison_code");
			rels[i].release_date = text_at(list, i, "release_date");
			rels[i].days_to_release = text_at(list, i, "days_to_release");
			rels[i].readiness = text_at(list, i, "readiness");
			rels[i].gaps = text_at(list, i, "gaps");
			rels[i].gap_count = text_at(list, i, "gap_count");
			rels[i].responsibility = text_at(list, i, "responsibility");
			rels[i].handover_date = text_at(list, i, "handover_date");
			rels[i].com_allocated = (com != NULL && strcmp(com, "t") == 0);
		}
		r.releases = rels;
	}

	PQclear(run_query(conn, "COMMIT", 0, NULL));

	/* every query done: now write */
	rc = write_report(&r, opts.output);

	free(prisons);
	free(mos);
	free(gps);
	free(wks);
	free(rels);
	if (list != NULL)
		PQclear(list);
	if (weeks != NULL)
		PQclear(weeks);
	PQclear(gaps);
	PQclear(months);
	PQclear(byprison);
	PQclear(summary);
	PQclear(scope);
	finish_db(conn);
	return rc;
}
