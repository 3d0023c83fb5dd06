/*
 * cmd_report.c: resettle report [-o FILE] [--prison CODE] [--as-of DATE]:
 * one self-contained HTML file (report_html.c) for a governor or a
 * regional lead.
 *
 * Every figure comes from the extension's documented views, each query
 * selecting from one view with bound parameters, all in one REPEATABLE
 * READ READ ONLY transaction, so the figures agree with each other:
 *   v_readiness_summary  headline cases and readiness, readiness by prison
 *   v_outcome_rates      the measures by month, the last 12 months
 *   v_gap_counts         the most common gaps
 *   v_releases_due       releases due in 12 weeks not ready: headline,
 *                        by week, and the list
 * The client only copies, scales and escapes them.
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
	PGresult   *dates,
			   *prison = NULL,
			   *summary,
			   *byprison,
			   *months,
			   *year,
			   *gaps,
			   *due,
			   *weeks,
			   *list;
	ReportPrison *prisons;
	ReportMonth *mos;
	ReportGap  *gps;
	ReportWeek *wks;
	ReportRelease *rels;
	const char *code = NULL;	/* the prison's code as stored */
	const char *dim;
	const char *group;
	int			i,
				l,
				m,
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

	/* the as-of date (the server's error for a bad one) and the labels */
	{
		const char *params[1] = {opts.as_of};

		dates = run_query(conn,
							 "SELECT x.d::text AS as_of,"
							 " pg_catalog.to_char(x.d, 'FMDD FMMonth YYYY') AS as_of_long,"
							 " resettle.today()::text AS today,"
							 " (x.d + 84)::text AS window_last,"
							 " pg_catalog.to_char(pg_catalog.now(), 'FMDD FMMonth YYYY HH24:MI TZ') AS generated,"
							 " pg_catalog.to_char(pg_catalog.now() AT TIME ZONE 'UTC',"
							 "  'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS generated_iso,"
							 " pg_catalog.to_char(y.m - interval '11 months', 'Mon YYYY') AS year_first,"
							 " pg_catalog.to_char(y.m, 'Mon YYYY') AS year_last"
							 " FROM (SELECT COALESCE($1::date, resettle.today()) AS d) AS x,"
							 " LATERAL (SELECT pg_catalog.date_trunc('month', x.d::timestamp) AS m) AS y",
							 1, params);
	}
	r.as_of = text_at(dates, 0, "as_of");
	if (r.as_of == NULL || !isdigit((unsigned char) r.as_of[0]))
	{
		fprintf(stderr, "%s: error: invalid --as-of \"%s\": a report needs a finite date\n",
				progname, r.as_of ? r.as_of : "");
		PQclear(dates);
		finish_db(conn);
		return EXIT_USAGE;
	}
	r.as_of_long = text_at(dates, 0, "as_of_long");
	r.today = text_at(dates, 0, "today");
	r.window_last = text_at(dates, 0, "window_last");
	r.generated = text_at(dates, 0, "generated");
	r.generated_iso = text_at(dates, 0, "generated_iso");
	r.year_first = text_at(dates, 0, "year_first");
	r.year_last = text_at(dates, 0, "year_last");

	/* --prison: it must exist */
	if (opts.prison != NULL)
	{
		const char *params[1] = {opts.prison};

		prison = run_query(conn, "SELECT code, name, region, active FROM resettle.prison"
							  " WHERE code = pg_catalog.upper(pg_catalog.btrim($1))",
							  1, params);
		if (PQntuples(prison) == 0)
		{
			fprintf(stderr, "%s: error: unknown prison \"%s\"\n"
					"HINT:  \"%s export prison\" lists the prison codes.\n",
					progname, opts.prison, progname);
			PQclear(prison);
			PQclear(dates);
			finish_db(conn);
			return EXIT_NOTFOUND;
		}
		code = text_at(prison, 0, "code");
		r.prison_code = code;
		r.prison_name = text_at(prison, 0, "name");
		r.prison_region = text_at(prison, 0, "region");
	}
	dim = code ? "prison" : "all";
	group = code ? code : "all";

	/* headline readiness: the 'all' row, or the prison's */
	{
		const char *params[2] = {dim, group};

		summary = run_query(conn, "SELECT cases, cases - out_of_scope AS in_scope, ready, ready_pct, stale"
							   " FROM resettle.v_readiness_summary"
							   " WHERE dimension = $1 AND group_name = $2",
							   2, params);
	}
	if (PQntuples(summary) > 0)
	{
		r.cases = count_at(summary, 0, "cases");
		r.in_scope = count_at(summary, 0, "in_scope");
		r.ready = count_at(summary, 0, "ready");
		r.ready_pct = text_at(summary, 0, "ready_pct");
		r.stale = count_at(summary, 0, "stale");
	}
	else if (code != NULL && strcmp(PQgetvalue(prison, 0, column(prison, "active")), "t") == 0)
	{
		/* every active prison the user may count has a row */
		fprintf(stderr, "%s: error: prison \"%s\" is not among the prisons you may see\n",
				progname, code);
		PQclear(summary);
		PQclear(prison);
		PQclear(dates);
		finish_db(conn);
		return EXIT_NOTFOUND;
	}

	/* 1. readiness by prison */
	{
		const char *params[1] = {code};

		byprison = run_query(conn, "SELECT s.group_name, p.name, s.cases, s.ready, s.on_track,"
								" s.at_risk, s.not_ready, s.out_of_scope, s.not_evaluated, s.ready_pct"
								" FROM resettle.v_readiness_summary AS s"
								" LEFT JOIN resettle.prison AS p ON p.code = s.group_name"
								" WHERE s.dimension = 'prison'"
								" AND ($1::text IS NULL OR s.group_name = $1)"
								" ORDER BY s.group_name",
								1, params);
	}
	r.nprisons = PQntuples(byprison);
	prisons = alloc_array(r.nprisons, sizeof(ReportPrison));
	for (i = 0; i < r.nprisons; i++)
	{
		prisons[i].code = text_at(byprison, i, "group_name");
		prisons[i].name = text_at(byprison, i, "name");
		prisons[i].cases = count_at(byprison, i, "cases");
		for (l = 0; l < RL_COUNT; l++)
			prisons[i].level[l] = count_at(byprison, i, report_level_key[l]);
		prisons[i].ready_pct = text_at(byprison, i, "ready_pct");
	}
	r.prisons = prisons;

	/* 2. the measures by month: the 24 months to the as-of month */
	{
		const char *params[3] = {r.as_of, dim, group};

		months = run_query(conn, "SELECT pg_catalog.to_char(g.m, 'YYYY-MM-DD') AS month_start,"
							  " pg_catalog.to_char(g.m, 'Mon YYYY') AS month_label, o.*"
							  " FROM pg_catalog.generate_series("
							  "  pg_catalog.date_trunc('month', $1::date::timestamp) - interval '23 months',"
							  "  pg_catalog.date_trunc('month', $1::date::timestamp),"
							  "  interval '1 month') AS g (m)"
							  " LEFT JOIN resettle.v_outcome_rates AS o"
							  "  ON o.month = g.m::date AND o.dimension = $2 AND o.group_name = $3"
							  " ORDER BY g.m",
							  3, params);
	}
	r.nmonths = PQntuples(months);
	mos = alloc_array(r.nmonths, sizeof(ReportMonth));
	for (i = 0; i < r.nmonths; i++)
	{
		mos[i].month = text_at(months, i, "month_start");
		mos[i].label = text_at(months, i, "month_label");
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
	r.months = mos;

	/* headline: the releases of the 12 months to the as-of month */
	{
		const char *params[3] = {r.as_of, dim, group};

		year = run_query(conn, "SELECT COALESCE(sum(released), 0) AS released,"
							" COALESCE(sum(settled_accommodation), 0) AS settled_accommodation,"
							" round(100.0 * sum(settled_accommodation) / NULLIF(sum(released), 0), 1)"
							"  AS settled_accommodation_pct"
							" FROM resettle.v_outcome_rates"
							" WHERE dimension = $2 AND group_name = $3"
							" AND month > (pg_catalog.date_trunc('month', $1::date::timestamp)"
							"  - interval '12 months')::date"
							" AND month <= $1::date",
							3, params);
	}
	r.released_12_months = count_at(year, 0, "released");
	r.settled_12_months = count_at(year, 0, "settled_accommodation");
	r.settled_pct_12_months = text_at(year, 0, "settled_accommodation_pct");

	/* 3. the most common gaps */
	{
		const char *params[1] = {code};

		gaps = run_query(conn, "SELECT rule, title, severity, pathway, cases, cases_due_12_weeks"
							" FROM resettle.v_gap_counts"
							" WHERE prison_code IS NOT DISTINCT FROM $1::text"
							" ORDER BY cases DESC, rule LIMIT 10",
							1, params);
	}
	r.ngaps = PQntuples(gaps);
	gps = alloc_array(r.ngaps, sizeof(ReportGap));
	for (i = 0; i < r.ngaps; i++)
	{
		gps[i].rule = text_at(gaps, i, "rule");
		gps[i].title = text_at(gaps, i, "title");
		gps[i].severity = text_at(gaps, i, "severity");
		gps[i].pathway = text_at(gaps, i, "pathway");
		gps[i].cases = count_at(gaps, i, "cases");
		gps[i].due_12_weeks = count_at(gaps, i, "cases_due_12_weeks");
	}
	r.gaps = gps;

	/* 4. releases due in the 12 weeks from the as-of date, not ready */
	{
		const char *params[2] = {r.as_of, code};

		due = run_query(conn, "SELECT count(*) AS due,"
						   " count(*) FILTER (WHERE readiness IS DISTINCT FROM 'ready') AS not_ready"
						   " FROM resettle.v_releases_due"
						   " WHERE release_date BETWEEN $1::date AND $1::date + 84"
						   " AND ($2::text IS NULL OR prison_code = $2)",
						   2, params);
		r.due_12_weeks = count_at(due, 0, "due");
		r.not_ready_12_weeks = count_at(due, 0, "not_ready");

		weeks = run_query(conn, "SELECT w.week, b.first::text AS first, b.last::text AS last,"
							 " pg_catalog.to_char(b.first, 'FMDD Mon') || ' to '"
							 "  || pg_catalog.to_char(b.last, 'FMDD Mon') AS label,"
							 " pg_catalog.to_char(b.first, 'FMDD Mon') AS start_label,"
							 " count(v.custody_id) FILTER (WHERE v.readiness = 'on_track') AS on_track,"
							 " count(v.custody_id) FILTER (WHERE v.readiness = 'at_risk') AS at_risk,"
							 " count(v.custody_id) FILTER (WHERE v.readiness = 'not_ready') AS not_ready,"
							 " count(v.custody_id) FILTER (WHERE v.readiness = 'out_of_scope') AS out_of_scope,"
							 " count(v.custody_id) FILTER (WHERE v.readiness IS NULL) AS not_evaluated,"
							 " count(v.custody_id) AS total"
							 " FROM pg_catalog.generate_series(1, 12) AS w (week)"
							 " CROSS JOIN LATERAL (SELECT $1::date + 7 * (w.week - 1) AS first,"
							 "  $1::date + CASE WHEN w.week = 12 THEN 84 ELSE 7 * w.week - 1 END AS last) AS b"
							 " LEFT JOIN resettle.v_releases_due AS v"
							 "  ON v.release_date BETWEEN b.first AND b.last"
							 "  AND v.readiness IS DISTINCT FROM 'ready'"
							 "  AND ($2::text IS NULL OR v.prison_code = $2)"
							 " GROUP BY w.week, b.first, b.last ORDER BY w.week",
							 2, params);
	}
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

	{
		const char *params[3] = {r.as_of, code, code ? NULL : NATIONAL_RELEASES_LIMIT};

		list = run_query(conn, "SELECT prison_number, name, prison_code, release_date::text AS release_date,"
							" release_date - $1::date AS days_to_release, readiness,"
							" pg_catalog.array_to_string(readiness_gaps, ' ') AS gaps, gap_count,"
							" readiness_as_of::text AS readiness_as_of, responsibility,"
							" handover_date::text AS handover_date, com_allocated,"
							" count(*) OVER () AS total"
							" FROM resettle.v_releases_due"
							" WHERE release_date BETWEEN $1::date AND $1::date + 84"
							" AND readiness IS DISTINCT FROM 'ready'"
							" AND ($2::text IS NULL OR prison_code = $2)"
							" ORDER BY release_date, prison_number"
							" LIMIT $3::bigint",
							3, params);
	}
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
		rels[i].readiness_as_of = text_at(list, i, "readiness_as_of");
		rels[i].responsibility = text_at(list, i, "responsibility");
		rels[i].handover_date = text_at(list, i, "handover_date");
		rels[i].com_allocated = (com != NULL && strcmp(com, "t") == 0);
	}
	r.releases = rels;

	PQclear(run_query(conn, "COMMIT", 0, NULL));

	/* every query done: now write */
	rc = write_report(&r, opts.output);

	free(prisons);
	free(mos);
	free(gps);
	free(wks);
	free(rels);
	PQclear(list);
	PQclear(weeks);
	PQclear(due);
	PQclear(gaps);
	PQclear(year);
	PQclear(months);
	PQclear(byprison);
	PQclear(summary);
	if (prison != NULL)
		PQclear(prison);
	PQclear(dates);
	finish_db(conn);
	return rc;
}
