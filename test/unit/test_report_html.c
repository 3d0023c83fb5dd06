/*
 * Unit tests of the HTML report renderer (client/report_html.c), without a
 * server: escaping, counts, chart scales, stacked-bar splits, line paths
 * with gaps, truncation of labels, and whole documents (hostile values,
 * a prison with no data, a failed write).
 */
#define _POSIX_C_SOURCE 200809L

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "../../client/textfmt.c"
#include "../../client/report_html.c"

static char outbuf[4096];

static FILE *
open_buf(void)
{
	memset(outbuf, 0, sizeof(outbuf));
	return fmemopen(outbuf, sizeof(outbuf), "w");
}

static const char *
escaped(const char *s)
{
	FILE	   *f = open_buf();

	html_escape(f, s);
	fclose(f);
	return outbuf;
}

static const char *
counted(long n)
{
	FILE	   *f = open_buf();

	html_count(f, n);
	fclose(f);
	return outbuf;
}

static const char *
path(const double *x, const double *y, const bool *present, int n)
{
	FILE	   *f = open_buf();

	report_line_path(f, x, y, present, n);
	fclose(f);
	return outbuf;
}

static void
axis_is(long max, long top, long step)
{
	long		t,
				s;
	char		name[64];

	report_axis(max, &t, &s);
	snprintf(name, sizeof(name), "axis of %ld: top %ld, step %ld", max, top, step);
	tap_ok(t == top && s == step, "%s", name);
	if (t != top || s != step)
		printf("#   got top %ld, step %ld\n", t, s);
}

static void
split_is(const long *counts, int n, long width, const long *want, const char *name)
{
	long		got[8];
	int			i,
				same = 1;

	report_split(counts, n, width, got);
	for (i = 0; i < n; i++)
		if (got[i] != want[i])
			same = 0;
	tap_ok(same, "%s", name);
	if (!same)
		for (i = 0; i < n; i++)
			printf("#   [%d] got %ld, expected %ld\n", i, got[i], want[i]);
}

static const char *
truncated(const char *s, size_t dstlen, int maxchars)
{
	static char dst[256];

	memset(dst, 'X', sizeof(dst));
	report_truncate(dst, dstlen, s, maxchars);
	return dst;
}

/* render a report into a malloc'd string */
static char *
render(const Report *r, int *rc)
{
	char	   *buf = NULL;
	size_t		len = 0;
	FILE	   *f = open_memstream(&buf, &len);

	*rc = report_write_html(f, r);
	fclose(f);
	return buf;
}

static int
occurrences(const char *hay, const char *needle)
{
	int			n = 0;
	const char *p = hay;

	while ((p = strstr(p, needle)) != NULL)
	{
		n++;
		p += strlen(needle);
	}
	return n;
}

/* printf's nan or inf as a word: a division by zero reached the output */
static bool
bad_number(const char *html)
{
	static const char *const words[2] = {"nan", "inf"};
	int			i;

	for (i = 0; i < 2; i++)
	{
		const char *p = html;

		while ((p = strstr(p, words[i])) != NULL)
		{
			bool		before = (p > html && ((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z')));
			bool		after = ((p[3] >= 'a' && p[3] <= 'z') || (p[3] >= 'A' && p[3] <= 'Z'));

			if (!before && !after)
				return true;
			p += 3;
		}
	}
	return false;
}

static void
test_documents(void)
{
	ReportPrison prisons[2];
	ReportMonth months[3];
	ReportGap	gaps[1];
	ReportWeek	weeks[2];
	ReportRelease rel[1];
	Report		r;
	char	   *html;
	int			rc,
				m;
	FILE	   *full;

	memset(&r, 0, sizeof(r));
	memset(prisons, 0, sizeof(prisons));
	memset(months, 0, sizeof(months));
	memset(gaps, 0, sizeof(gaps));
	memset(weeks, 0, sizeof(weeks));
	memset(rel, 0, sizeof(rel));

	r.as_of = "2026-03-09";
	r.as_of_long = "9 March 2026";
	r.today = "2026-03-09";
	r.generated = "9 March 2026 10:00 UTC";
	r.generated_iso = "2026-03-09T10:00:00Z";
	r.window_last = "2026-06-01";
	r.year_first = "Apr 2025";
	r.year_last = "Mar 2026";
	r.cases = 3;
	r.in_scope = 3;
	r.ready = 1;
	r.ready_pct = "33.3";
	r.due_12_weeks = 1;
	r.not_ready_12_weeks = 1;
	r.released_12_months = 2;
	r.settled_12_months = 1;
	r.settled_pct_12_months = "50.0";

	prisons[0].code = "BXI";
	prisons[0].name = "HMP <script>alert(1)</script> & \"Co\"";
	prisons[0].cases = 3;
	prisons[0].level[RL_READY] = 1;
	prisons[0].level[RL_NOT_READY] = 2;
	prisons[0].ready_pct = "33.3";
	prisons[1].code = "ZZA";
	prisons[1].name = "Empty";
	r.prisons = prisons;
	r.nprisons = 2;

	months[0].month = "2026-01-01";
	months[0].label = "Jan 2026";
	months[0].released = 2;
	for (m = 0; m < RM_COUNT; m++)
	{
		months[0].rate[m].n = 1;
		months[0].rate[m].of = 2;
		months[0].rate[m].pct = "50.0";
	}
	months[0].rate[RM_GP_ARRANGED].n = 0;
	months[0].rate[RM_GP_ARRANGED].of = 0;
	months[0].rate[RM_GP_ARRANGED].pct = NULL;
	months[1].month = "2026-02-01";
	months[1].label = "Feb 2026";
	months[2].month = "2026-03-01";
	months[2].label = "Mar 2026";
	months[2].released = 1;
	for (m = 0; m < RM_COUNT; m++)
	{
		months[2].rate[m].of = 1;
		months[2].rate[m].pct = "0.0";
	}
	r.months = months;
	r.nmonths = 3;

	gaps[0].rule = "bank.none";
	gaps[0].words = "No bank account <held>";
	gaps[0].severity = "error";
	gaps[0].pathway = "finance_id";
	gaps[0].cases = 2;
	gaps[0].due_12_weeks = 1;
	r.gaps = gaps;
	r.ngaps = 1;

	weeks[0].week = 1;
	weeks[0].first = "2026-03-09";
	weeks[0].last = "2026-03-15";
	weeks[0].label = "9 Mar to 15 Mar";
	weeks[0].start_label = "9 Mar";
	weeks[0].level[RL_NOT_READY] = 1;
	weeks[0].total = 1;
	weeks[1].week = 2;
	weeks[1].first = "2026-03-16";
	weeks[1].last = "2026-03-22";
	weeks[1].label = "16 Mar to 22 Mar";
	weeks[1].start_label = "16 Mar";
	r.weeks = weeks;
	r.nweeks = 2;

	rel[0].prison_number = "A1234BC";
	rel[0].name = "Zo\xc3\xab \"Z\"; <b>x</b>\x01";
	rel[0].prison_code = "BXI";
	rel[0].release_date = "2026-03-10";
	rel[0].days_to_release = "1";
	rel[0].readiness = "not_ready";
	rel[0].gaps = "No bank account held or applied for; No ID document held or applied for";
	rel[0].gap_count = "2";
	rel[0].responsibility = "community";
	rel[0].handover_date = NULL;
	r.releases = rel;
	r.nreleases = 1;
	r.releases_total = 1;

	html = render(&r, &rc);
	tap_is_int(rc, 0, "document: rendered");
	tap_ok(strstr(html, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\"/>") == html,
		   "document: doctype, lang en-GB, charset first");
	tap_ok(strstr(html, "<figure id=\"readiness-by-prison\">") != NULL &&
		   strstr(html, "<figure id=\"measures-monthly\">") != NULL &&
		   strstr(html, "<figure id=\"top-gaps\">") != NULL &&
		   strstr(html, "<figure id=\"releases-not-ready\">") != NULL,
		   "document: the four figures");
	tap_is_int(occurrences(html, "role=\"img\""), 4, "document: four svg role=img");
	tap_is_int(occurrences(html, "<figcaption>"), 4, "document: four figcaptions");
	tap_ok(strstr(html, "<script") == NULL, "document: no script element");
	tap_ok(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;") != NULL,
		   "document: prison name escaped");
	tap_ok(strstr(html, "Zo\xc3\xab &quot;Z&quot;; &lt;b&gt;x&lt;/b&gt;&#xFFFD;") != NULL,
		   "document: person name escaped, control character replaced");
	tap_ok(strstr(html, "http://") == NULL || occurrences(html, "http://") ==
		   occurrences(html, "xmlns=\"http://www.w3.org/2000/svg\""),
		   "document: no external resource (only the SVG namespace)");
	tap_ok(strstr(html, "<td colspan=\"7\" class=\"none\">No releases</td>") != NULL,
		   "document: a month with no release says so");
	tap_ok(strstr(html, "data-measure=\"gp_arranged\" data-pct=\"\" data-n=\"0\" data-of=\"0\"") != NULL,
		   "document: a rate with no denominator has an empty data-pct");
	tap_ok(strstr(html, "<tr data-prison=\"ZZA\"><th scope=\"row\">ZZA</th><td>Empty</td><td class=\"num\" data-cases=\"0\">0</td>") != NULL,
		   "document: an empty prison row in the table");
	tap_ok(strstr(html, "no cases in custody</text>") != NULL, "document: an empty prison's bar says so");
	tap_ok(strstr(html, "<tr data-prison-number=\"A1234BC\" data-release-date=\"2026-03-10\" data-readiness=\"not_ready\">") != NULL,
		   "document: release row with data attributes");
	tap_ok(strstr(html, "<td class=\"gaps\" data-gap-count=\"2\">No bank account held or applied for; No ID") != NULL,
		   "document: a release's gaps in words");
	tap_ok(strstr(html, "<td>Probation</td>") != NULL && strstr(html, ">community<") == NULL,
		   "document: who manages the case in words, not the OMiC code");
	tap_ok(strstr(html, ">No bank account &lt;held&gt;</text>") != NULL,
		   "document: a gap bar labelled with what is missing");
	/* the measures line breaks at February (no releases); one panel each */
	tap_ok(strstr(html, "data-measure=\"settled_accommodation\"><path d=\"M66.3 98.0 M195.7 150.0\"") != NULL,
		   "document: no line bridges a month with no release");
	tap_ok(strstr(html, "data-measure=\"gp_arranged\"><path d=\"M195.7 150.0\"") != NULL,
		   "document: a month with no denominator is no point");
	tap_ok(!bad_number(html), "document: no NaN or infinity");
	free(html);

	/* a prison with no data at all */
	memset(&prisons[0], 0, sizeof(prisons[0]));
	prisons[0].code = "ZZA";
	r.prison_code = "ZZA";
	r.prison_name = "HMP Empty";
	r.nprisons = 1;
	r.cases = r.in_scope = r.ready = 0;
	r.ready_pct = NULL;
	r.released_12_months = r.settled_12_months = 0;
	r.settled_pct_12_months = NULL;
	months[0].released = months[2].released = 0;
	r.ngaps = 0;
	weeks[0].level[RL_NOT_READY] = weeks[0].total = 0;
	r.due_12_weeks = r.not_ready_12_weeks = 0;
	r.nreleases = 0;
	r.releases_total = 0;
	html = render(&r, &rc);
	tap_is_int(rc, 0, "empty prison: rendered");
	tap_is_int(occurrences(html, "role=\"img\""), 4, "empty prison: still four svg role=img");
	tap_ok(strstr(html, ">No cases in custody at this prison.</text>") != NULL, "empty prison: readiness message");
	tap_ok(strstr(html, ">No releases recorded in this period.</text>") != NULL, "empty prison: measures message");
	tap_ok(strstr(html, ">No readiness gaps recorded for the cases in custody.</text>") != NULL, "empty prison: gaps message");
	tap_ok(strstr(html, ">No releases due in the next 12 weeks.</text>") != NULL, "empty prison: releases message");
	tap_ok(strstr(html, "<path") == NULL, "empty prison: no line drawn");
	tap_ok(!bad_number(html), "empty prison: no NaN or infinity");
	tap_ok(strstr(html, "<title>Release readiness: HMP Empty (ZZA), as of 2026-03-09</title>") != NULL,
		   "empty prison: document title");
	free(html);

	/* a failed write is reported */
	full = fopen("/dev/full", "w");
	if (full != NULL)
	{
		tap_is_int(report_write_html(full, &r), -1, "write to a full device fails");
		fclose(full);
	}
	else
		tap_ok(1, "# SKIP no /dev/full");
}

int
main(void)
{
	/* escaping */
	tap_is_str(escaped("a&b<c>\"d'e"), "a&amp;b&lt;c&gt;&quot;d&#39;e", "escape the five specials");
	tap_is_str(escaped("tab\tnl\ncr\r"), "tab\tnl\ncr\r", "tab, LF and CR kept");
	tap_is_str(escaped("\x01x\x1f\x7f"), "&#xFFFD;x&#xFFFD;&#xFFFD;", "control characters replaced");
	tap_is_str(escaped("\x1b]52;c;ZXZpbA==\x07\x1b[2K"), "&#xFFFD;]52;c;ZXZpbA==&#xFFFD;&#xFFFD;[2K",
			   "ESC, OSC 52 and BEL replaced");
	tap_is_str(escaped("\xc2\x80|\xc2\x9b|\xc2\x9f|\xc2\xa0"), "&#xFFFD;|&#xFFFD;|&#xFFFD;|\xc2\xa0",
			   "C1 controls U+0080-U+009F replaced, U+00A0 kept");
	tap_is_str(escaped("\xe2\x80\xaa\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9\xe2\x80\xab"),
			   "&#xFFFD;&#xFFFD;&#xFFFD;&#xFFFD;&#xFFFD;", "bidirectional overrides and isolates replaced");
	tap_is_str(escaped("\xff\x80\xe6\x97"), "&#xFFFD;&#xFFFD;&#xFFFD;&#xFFFD;",
			   "bytes that are not UTF-8 replaced one by one");
	tap_is_str(escaped("Z\xc3\xb6" "e \xe6\x97\xa5"), "Z\xc3\xb6" "e \xe6\x97\xa5", "UTF-8 text kept");
	tap_is_str(escaped("Zo\xc3\xab \xe6\x97\xa5"), "Zo\xc3\xab \xe6\x97\xa5", "UTF-8 passes through");
	tap_is_str(escaped("&amp;"), "&amp;amp;", "an entity is escaped again");
	tap_is_str(escaped(NULL), "", "NULL writes nothing");

	/* counts */
	tap_is_str(counted(0), "0", "count 0");
	tap_is_str(counted(999), "999", "count 999");
	tap_is_str(counted(1000), "1,000", "count 1,000");
	tap_is_str(counted(1234567), "1,234,567", "count 1,234,567");
	tap_is_str(counted(-4766), "-4,766", "negative count");
	tap_ok(strlen(counted(LONG_MIN)) > 20 && counted(LONG_MIN)[0] == '-', "LONG_MIN does not overflow");

	/* axes */
	axis_is(0, 1, 1);
	axis_is(-5, 1, 1);
	axis_is(1, 1, 1);
	axis_is(5, 5, 1);
	axis_is(6, 6, 2);
	axis_is(7, 8, 2);
	axis_is(11, 15, 5);
	axis_is(100, 100, 20);
	axis_is(1213, 1500, 500);
	axis_is(85000, 100000, 20000);

	/* stacked-bar splits add up exactly */
	{
		long		c1[3] = {1, 1, 1},
					w1[3] = {4, 3, 3};
		long		c2[2] = {0, 0},
					w2[2] = {0, 0};
		long		c3[3] = {2, 0, 1},
					w3[3] = {3733, 0, 1867};
		long		c4[2] = {100000, 1},
					w4[2] = {5600, 0};
		long		c5[3] = {-3, 2, 2},
					w5[3] = {0, 5, 5};
		long		c6[6] = {0, 10, 5, 14, 7, 0},
					w6[6] = {0, 1555, 778, 2178, 1089, 0};
		int			trial,
					ok = 1;

		split_is(c1, 3, 10, w1, "split 1:1:1 of 10: the remainder to the first");
		split_is(c2, 2, 100, w2, "split of nothing is nothing");
		split_is(c3, 3, 5600, w3, "split 2:0:1 of 5600: largest remainder");
		split_is(c4, 2, 5600, w4, "split 100000:1: the tiny part rounds to 0");
		split_is(c5, 3, 10, w5, "negative counts are ignored");
		split_is(c6, 6, 5600, w6, "a prison's levels of 5600");
		srand(7);
		for (trial = 0; trial < 2000; trial++)
		{
			long		c[6],
						w[6],
						sum = 0,
						any = 0;
			int			i;

			for (i = 0; i < 6; i++)
			{
				c[i] = rand() % 4 == 0 ? 0 : rand() % 100000;
				any += c[i];
			}
			report_split(c, 6, 5600, w);
			for (i = 0; i < 6; i++)
			{
				sum += w[i];
				if (w[i] < 0 || (c[i] == 0 && w[i] != 0))
					ok = 0;
			}
			if (sum != (any > 0 ? 5600 : 0))
				ok = 0;
		}
		tap_ok(ok, "2000 random splits add up to the width, empty parts stay empty");
	}

	/* line paths break at missing points */
	{
		double		x[5] = {0, 10, 20, 30, 40},
					y[5] = {1, 2, 3, 4, 5};
		bool		p1[5] = {true, true, false, true, false},
					p2[5] = {false, false, false, false, false},
					p3[5] = {true, true, true, true, true};

		tap_is_str(path(x, y, p1, 5), "M0.0 1.0 L10.0 2.0 M30.0 4.0", "path: a gap starts a new run");
		tap_is_str(path(x, y, p2, 5), "", "path: nothing present, nothing drawn");
		tap_is_str(path(x, y, p3, 5), "M0.0 1.0 L10.0 2.0 L20.0 3.0 L30.0 4.0 L40.0 5.0", "path: one run");
	}

	/* truncation */
	tap_is_str(truncated("abc", 64, 5), "abc", "truncate: short kept");
	tap_is_str(truncated("abcde", 64, 5), "abcde", "truncate: exactly max kept");
	tap_is_str(truncated("abcdef", 64, 4), "abc\xe2\x80\xa6", "truncate: cut with an ellipsis");
	tap_is_str(truncated("\xc3\x84\xc3\x96\xc3\x9c\xc3\x9f\xc3\xa9", 64, 3), "\xc3\x84\xc3\x96\xe2\x80\xa6",
			   "truncate: counts characters, not bytes");
	tap_is_str(truncated("abcdef", 4, 10), "abc", "truncate: never overflows the buffer");
	tap_is_str(truncated("\xc3\x84\xc3\x96", 4, 10), "\xc3\x84", "truncate: never splits a character");
	tap_is_str(truncated(NULL, 8, 3), "", "truncate: NULL is empty");

	test_documents();
	return tap_done();
}
