/*
 * report_html.h: the HTML report of resettle report: plain structs filled
 * from the views by cmd_report.c, and a renderer that writes one
 * self-contained HTML5 file (inline CSS and SVG, no script, no external
 * resource).  Pure C99 over stdio: no libpq, so the unit tests build it on
 * its own.
 *
 * Every string is UTF-8 as the server sent it (NULL where the view has
 * NULL); every figure is the view's, unchanged: the renderer only scales
 * them to chart coordinates and escapes them.
 */
#ifndef REPORT_HTML_H
#define REPORT_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* readiness levels, in chart order; NOT_EVALUATED is a NULL readiness */
typedef enum
{
	RL_READY,
	RL_ON_TRACK,
	RL_AT_RISK,
	RL_NOT_READY,
	RL_OUT_OF_SCOPE,
	RL_NOT_EVALUATED,
	RL_COUNT
} ReportLevel;

/* the inspection measures, in chart order */
typedef enum
{
	RM_SETTLED_ACCOMMODATION,
	RM_ID_DOCUMENT,
	RM_BANK_ACCOUNT,
	RM_BENEFIT_CLAIM_STARTED,
	RM_GP_ARRANGED,
	RM_COM_ALLOCATED_BY_HANDOVER,
	RM_FAMILY_PATHWAY_ADDRESSED,
	RM_COUNT
} ReportMeasure;

/* column names of the views, for the queries and the data-* attributes */
extern const char *const report_level_key[RL_COUNT];
extern const char *const report_level_label[RL_COUNT];
extern const char *const report_measure_key[RM_COUNT];	/* the count column */
extern const char *const report_measure_of[RM_COUNT];	/* its denominator */
extern const char *const report_measure_label[RM_COUNT];

/* one row of v_readiness_summary (dimension prison) */
typedef struct
{
	const char *code;			/* group_name */
	const char *name;			/* resettle.prison.name, NULL if unknown */
	long		cases;
	long		level[RL_COUNT];
	const char *ready_pct;		/* NULL: no case in scope */
} ReportPrison;

typedef struct
{
	long		n;
	long		of;
	const char *pct;			/* NULL when of is 0 */
} ReportRate;

/* one month of v_outcome_rates; released 0: no row (no release) */
typedef struct
{
	const char *month;			/* YYYY-MM-DD, first of the month */
	const char *label;			/* e.g. "Mar 2026" */
	long		released;
	ReportRate	rate[RM_COUNT];
} ReportMonth;

/* one row of v_gap_counts */
typedef struct
{
	const char *rule;
	const char *words;			/* what is missing, in words (gap_words()) */
	const char *severity;
	const char *pathway;
	long		cases;
	long		due_12_weeks;
} ReportGap;

/* releases due not ready in one week of the 12 (from v_releases_due) */
typedef struct
{
	int			week;			/* 1..12 */
	const char *first;			/* YYYY-MM-DD */
	const char *last;
	const char *label;			/* e.g. "24 Nov to 30 Nov" */
	const char *start_label;	/* e.g. "24 Nov" */
	long		level[RL_COUNT];	/* RL_READY is always 0 */
	long		total;
} ReportWeek;

/* one release due not ready (v_releases_due) */
typedef struct
{
	const char *prison_number;
	const char *name;
	const char *prison_code;
	const char *release_date;
	const char *days_to_release;
	const char *readiness;		/* NULL: not evaluated */
	const char *gaps;			/* the gaps in words, "; "-separated */
	const char *gap_count;
	const char *responsibility;
	const char *handover_date;
	bool		com_allocated;
} ReportRelease;

typedef struct
{
	/* what the report is about */
	bool		analyst;		/* from the analyst views: their month, no list */
	const char *as_of;			/* YYYY-MM-DD */
	const char *as_of_long;		/* e.g. "9 March 2026" */
	const char *today;			/* resettle.today(): the caseload's date */
	const char *generated;		/* human */
	const char *generated_iso;	/* for <time datetime> */
	const char *prison_code;	/* NULL: all prisons */
	const char *prison_name;
	const char *prison_region;
	const char *window_last;	/* as_of + 84 days */

	/* headline */
	long		cases;
	long		in_scope;
	long		ready;
	const char *ready_pct;		/* NULL: none in scope */
	long		stale;
	long		due_12_weeks;	/* releases due in the window */
	long		due_level[RL_COUNT];	/* of which, by level */
	const char *due_ready_pct;	/* ready over those in scope; NULL: none */
	long		not_ready_12_weeks; /* not yet ready: every level but ready */
	long		released_12_months;
	long		settled_12_months;
	const char *settled_pct_12_months;	/* NULL: no release */
	const char *year_first;		/* labels of the 12 months, e.g. "Mar 2025" */
	const char *year_last;
	const ReportMonth *year;	/* the measures over the last 12 months */

	const ReportPrison *prisons;
	int			nprisons;
	const ReportMonth *months;
	int			nmonths;
	const ReportGap *gaps;
	int			ngaps;
	const ReportWeek *weeks;
	int			nweeks;
	const ReportRelease *releases;
	int			nreleases;
	long		releases_total; /* rows before the limit */
} Report;

/* write the report; 0 on success, -1 if a write failed */
extern int	report_write_html(FILE *out, const Report *r);

/* helpers, exported for the unit tests */
extern void html_escape(FILE *out, const char *s);
extern void html_count(FILE *out, long n);
extern void report_axis(long max, long *top, long *step);
extern void report_split(const long *counts, int n, long width, long *widths);
extern void report_line_path(FILE *out, const double *x, const double *y,
							 const bool *present, int n);
extern void report_truncate(char *dst, size_t dstlen, const char *s,
							int maxchars);

#endif
