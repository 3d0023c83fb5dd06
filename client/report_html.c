/*
 * report_html.c: the HTML report (report_html.h).
 *
 * One HTML5 document, valid as XML too (every element closed, attributes
 * quoted), with inline CSS and one inline SVG per chart.  No script, no
 * link, no image file, no font: it opens the same offline, by e-mail, or
 * printed.  Accessibility: every chart is a <figure> with a <figcaption>;
 * its <svg role="img"> has a <title> and a <desc> (aria-labelledby), and is
 * followed by a table with exactly the charted figures.  Colour is never the
 * only cue: each readiness level has a texture as well as a colour, each
 * measure a dash style and a marker shape, and every legend entry says what
 * it stands for in words.  A chart with nothing to draw says so in words
 * inside its SVG.
 *
 * Every value from the server goes through html_escape().  Tables carry
 * the figures in data-* attributes as the view returned them, so a test (or
 * a scraper) can compare them with the views without parsing the display
 * text.
 */
#include "report_html.h"
#include "textfmt.h"

#include <stdlib.h>
#include <string.h>

const char *const report_level_key[RL_COUNT] = {
	"ready", "on_track", "at_risk", "not_ready", "out_of_scope", "not_evaluated"
};
const char *const report_level_label[RL_COUNT] = {
	"Ready", "On track", "At risk", "Not ready", "Out of scope", "Not evaluated"
};
/* Okabe-Ito colours (distinguishable with colour-vision deficiency) */
static const char *const level_colour[RL_COUNT] = {
	"#0072B2", "#56B4E9", "#E69F00", "#D55E00", "#A6A6A6", "#FFFFFF"
};

const char *const report_measure_key[RM_COUNT] = {
	"settled_accommodation", "id_document", "bank_account",
	"benefit_claim_started", "gp_arranged", "com_allocated_by_handover",
	"family_pathway_addressed"
};
const char *const report_measure_of[RM_COUNT] = {
	"released", "released", "released", "benefit_claim_needed", "gp_needed",
	"com_handover_due", "released"
};
const char *const report_measure_label[RM_COUNT] = {
	"Settled accommodation on release",
	"ID document",
	"Bank account",
	"Benefit claim started (where needed)",
	"GP arranged (where needed)",
	"Probation officer (COM) named by handover + 2 days",
	"Family needs addressed"
};
/* panel headings of the measures chart (about 30 characters) */
static const char *const report_measure_short[RM_COUNT] = {
	"Settled accommodation",
	"ID document held",
	"Bank account",
	"Benefit claim (where needed)",
	"GP arranged (where needed)",
	"Probation officer by handover",
	"Family needs addressed"
};
static const char *const measure_colour[RM_COUNT] = {
	"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"
};

/* ---------------------------------------------------------------------
 * Helpers (unit-tested)
 * ---------------------------------------------------------------------
 */

/*
 * Text and attribute values: & < > " ' as references; the control
 * characters HTML forbids (C0 but tab, LF, CR; DEL; C1), the bidirectional
 * overrides and isolates that would reorder what a reader sees, and bytes
 * that are not UTF-8, each as U+FFFD.
 */
void
html_escape(FILE *out, const char *s)
{
	if (s == NULL)
		return;
	while (*s != '\0')
	{
		unsigned int c;
		int			len = utf8_decode(s, &c);

		if (len == 0)
		{
			fputs("&#xFFFD;", out);
			s++;
			continue;
		}
		switch (c)
		{
			case '&':
				fputs("&amp;", out);
				break;
			case '<':
				fputs("&lt;", out);
				break;
			case '>':
				fputs("&gt;", out);
				break;
			case '"':
				fputs("&quot;", out);
				break;
			case '\'':
				fputs("&#39;", out);
				break;
			default:
				if (unicode_is_hostile(c) && c != '\t' && c != '\n' && c != '\r')
					fputs("&#xFFFD;", out);
				else
					fwrite(s, 1, len, out);
		}
		s += len;
	}
}

/* a count with thousands separators: 12,345 */
void
html_count(FILE *out, long n)
{
	char		digits[32];
	int			len,
				i;

	if (n < 0)
	{
		fputc('-', out);
		/* LONG_MIN has no positive long; go through unsigned long */
		len = snprintf(digits, sizeof(digits), "%lu", 0UL - (unsigned long) n);
	}
	else
		len = snprintf(digits, sizeof(digits), "%ld", n);
	for (i = 0; i < len; i++)
	{
		if (i > 0 && (len - i) % 3 == 0)
			fputc(',', out);
		fputc(digits[i], out);
	}
}

/*
 * A count axis: the smallest step of 1, 2 or 5 times a power of ten with at
 * most 5 steps up to max; top is a whole number of steps >= max.  max <= 0
 * gives top 1, step 1.
 */
void
report_axis(long max, long *top, long *step)
{
	long		base = 1;

	if (max <= 0)
	{
		*top = 1;
		*step = 1;
		return;
	}
	for (;;)
	{
		static const int mult[3] = {1, 2, 5};
		int			i;

		for (i = 0; i < 3; i++)
		{
			long		s = base * mult[i];

			if ((max + s - 1) / s <= 5)
			{
				*step = s;
				*top = ((max + s - 1) / s) * s;
				return;
			}
		}
		base *= 10;
	}
}

/*
 * Split width between counts in proportion (largest remainder), so that
 * the parts add up to width exactly when any count is positive (else every
 * part is 0).  Ties go to the earlier count.
 */
void
report_split(const long *counts, int n, long width, long *widths)
{
	long long	total = 0,
				used = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		widths[i] = 0;
		if (counts[i] > 0)
			total += counts[i];
	}
	if (total == 0)
		return;
	for (i = 0; i < n; i++)
		if (counts[i] > 0)
		{
			widths[i] = (long) ((long long) counts[i] * width / total);
			used += widths[i];
		}
	while (used < width)
	{
		long long	best_rem = -1;
		int			best = -1;

		for (i = 0; i < n; i++)
		{
			long long	rem;

			if (counts[i] <= 0)
				continue;
			/* the fraction left, scaled by total; one extra unit at most */
			rem = (long long) counts[i] * width - (long long) widths[i] * total;
			if (rem > best_rem && (long long) widths[i] * total < (long long) counts[i] * width)
			{
				best_rem = rem;
				best = i;
			}
		}
		if (best < 0)
			break;
		widths[best]++;
		used++;
	}
}

/*
 * The d attribute of a line through the present points: M at the first
 * point of each run, L for the next ones, so a missing point breaks the
 * line instead of bridging it.  Nothing when no point is present.
 */
void
report_line_path(FILE *out, const double *x, const double *y,
				 const bool *present, int n)
{
	bool		first = true,
				prev = false;
	int			i;

	for (i = 0; i < n; i++)
	{
		if (!present[i])
		{
			prev = false;
			continue;
		}
		fprintf(out, "%s%c%.1f %.1f", first ? "" : " ", prev ? 'L' : 'M', x[i], y[i]);
		first = false;
		prev = true;
	}
}

/*
 * Copy s into dst, at most maxchars characters (UTF-8 code points); a
 * longer s is cut to maxchars - 1 characters and an ellipsis.  Never splits
 * a character, never writes more than dstlen bytes.
 */
void
report_truncate(char *dst, size_t dstlen, const char *s, int maxchars)
{
	static const char ellipsis[] = "\xe2\x80\xa6";
	size_t		i = 0,
				cut = 0;
	int			chars = 0;

	if (dstlen == 0)
		return;
	dst[0] = '\0';
	if (s == NULL || maxchars <= 0)
		return;
	/* find where character number maxchars - 1 starts, and the length */
	while (s[i] != '\0')
	{
		if (((unsigned char) s[i] & 0xC0) != 0x80)
		{
			if (chars == maxchars - 1)
				cut = i;
			chars++;
		}
		i++;
	}
	if (chars <= maxchars)
		cut = i;
	/* never split a character for want of room */
	if (cut + (chars > maxchars ? sizeof(ellipsis) - 1 : 0) >= dstlen)
	{
		cut = dstlen - 1 - (chars > maxchars ? sizeof(ellipsis) - 1 : 0);
		if (dstlen - 1 < sizeof(ellipsis) - 1)
			cut = 0;
		while (cut > 0 && ((unsigned char) s[cut] & 0xC0) == 0x80)
			cut--;
	}
	memcpy(dst, s, cut);
	dst[cut] = '\0';
	if (chars > maxchars && cut + sizeof(ellipsis) <= dstlen)
		memcpy(dst + cut, ellipsis, sizeof(ellipsis));
}

/* ---------------------------------------------------------------------
 * Building blocks
 * ---------------------------------------------------------------------
 */

static double
pct_value(const char *pct)
{
	return pct != NULL ? strtod(pct, NULL) : 0.0;
}

/* " name="value"" for a data-* attribute, escaped; NULL as empty */
static void
attr(FILE *out, const char *name, const char *value)
{
	fprintf(out, " %s=\"", name);
	html_escape(out, value);
	fputc('"', out);
}

static void
attr_long(FILE *out, const char *name, long value)
{
	fprintf(out, " %s=\"%ld\"", name, value);
}

/* open an <svg> with its title and the start of its desc */
static void
svg_begin(FILE *out, const char *id, int width, int height, const char *title)
{
	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
			"viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
			"aria-labelledby=\"%s-title %s-desc\" font-size=\"12\">\n"
			"<title id=\"%s-title\">", width, height, width, height, id, id, id);
	html_escape(out, title);
	fprintf(out, "</title>\n<desc id=\"%s-desc\">", id);
}

/* a chart with nothing to draw: the message, in words, inside the svg */
static void
svg_empty(FILE *out, const char *id, const char *title, const char *message)
{
	svg_begin(out, id, 960, 90, title);
	html_escape(out, message);
	fputs("</desc>\n<rect x=\"0.5\" y=\"0.5\" width=\"959\" height=\"89\" fill=\"none\" "
		  "stroke=\"#767676\" stroke-dasharray=\"4 3\"/>\n"
		  "<text class=\"empty\" x=\"480\" y=\"50\" text-anchor=\"middle\" font-size=\"16\">", out);
	html_escape(out, message);
	fputs("</text>\n</svg>\n", out);
}

/*
 * A readiness level's mark: its colour plus a texture drawn as stroked
 * lines (dashes, dots, stripes), not SVG patterns, which print engines
 * expand into an image per use (a national report printed to PDF grew to
 * 50 MB).  The texture tells the levels apart in greyscale print and for
 * readers who cannot tell the colours apart.
 */
static void
level_texture(FILE *out, int l, double x, double y, double w, double h)
{
	/* one row of texture per 8 units of height (a tall column gets more) */
	int			rows = h >= 16 ? (int) (h / 8) : 1;
	int			i;

	if (w < 1.5 || h < 1.5 || l == RL_READY || l == RL_NOT_EVALUATED)
		return;
	fputs("<path d=\"", out);
	for (i = 0; i < rows; i++)
	{
		double		mid = y + h * (i + 0.5) / rows;

		if (l == RL_NOT_READY)
			/* stripes: two lines a row */
			fprintf(out, "M%.1f %.1fH%.1fM%.1f %.1fH%.1f", x, mid - h / rows / 6 - 1,
					x + w, x, mid + h / rows / 6 + 1, x + w);
		else if (l == RL_AT_RISK)
			fprintf(out, "M%.1f %.1fH%.1f", x + 2.5, mid, x + w - 1);
		else
			fprintf(out, "M%.1f %.1fH%.1f", x, mid, x + w);
	}
	switch (l)
	{
		case RL_ON_TRACK:
			fputs("\" stroke=\"#FFFFFF\" stroke-width=\"2\" stroke-dasharray=\"4 3\"", out);
			break;
		case RL_AT_RISK:
			/* dots */
			fputs("\" stroke=\"#4A2F00\" stroke-width=\"3\" stroke-linecap=\"round\" "
				  "stroke-dasharray=\"0.1 5\"", out);
			break;
		case RL_NOT_READY:
			fputs("\" stroke=\"#4A1A00\" stroke-width=\"1.5\"", out);
			break;
		default:
			fputs("\" stroke=\"#FFFFFF\" stroke-width=\"2.5\"", out);
			break;
	}
	fputs(" fill=\"none\"/>", out);
}

/* a segment of level l: the rect (with a title, written by the caller) */
static void
level_rect_open(FILE *out, int l, double x, double y, double w, double h)
{
	fprintf(out, "<rect class=\"lvl-%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			"fill=\"%s\" stroke=\"#333333\" stroke-width=\"%s\"%s>",
			report_level_key[l], x, y, w, h, level_colour[l],
			l == RL_NOT_EVALUATED ? "1" : "0.5",
			l == RL_NOT_EVALUATED ? " stroke-dasharray=\"3 2\"" : "");
}

/* a legend of the levels from first on, one row at y */
static void
level_legend(FILE *out, int first, double x, double y)
{
	int			l;

	fputs("<g class=\"legend\">\n", out);
	for (l = first; l < RL_COUNT; l++)
	{
		level_rect_open(out, l, x, y, 22, 14);
		fputs("</rect>", out);
		level_texture(out, l, x, y, 22, 14);
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
				x + 27, y + 11.5, report_level_label[l]);
		x += 48 + 7.2 * strlen(report_level_label[l]);
	}
	fputs("</g>\n", out);
}

/* a count label with a white halo, readable over any fill */
static void
halo_text(FILE *out, double x, double y, const char *anchor, long n)
{
	fprintf(out, "<text class=\"halo\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"11\" "
			"stroke=\"#FFFFFF\" stroke-width=\"3\" paint-order=\"stroke\">",
			x, y, anchor);
	html_count(out, n);
	fputs("</text>", out);
}

static void
source_note(FILE *out, const char *text)
{
	fputs("<p class=\"source\">Source: ", out);
	html_escape(out, text);
	fputs("</p>\n", out);
}

static void
prison_label(char *buf, size_t len, const ReportPrison *p, int maxchars)
{
	char		full[512];

	snprintf(full, sizeof(full), "%s%s%s", p->code ? p->code : "",
			 p->name ? " " : "", p->name ? p->name : "");
	report_truncate(buf, len, full, maxchars);
}

/* ---------------------------------------------------------------------
 * 1. Readiness by prison
 * ---------------------------------------------------------------------
 */

#define RD_LABEL_X	262
#define RD_BAR_X	270
#define RD_BAR_W	560
#define RD_ROW		19
#define RD_TOP		56

static void
readiness_chart(FILE *out, const Report *r)
{
	const char *id = "readiness-chart";
	long		total = 0,
				level_total[RL_COUNT] = {0};
	int			i,
				l,
				height;

	for (i = 0; i < r->nprisons; i++)
	{
		total += r->prisons[i].cases;
		for (l = 0; l < RL_COUNT; l++)
			level_total[l] += r->prisons[i].level[l];
	}
	if (total == 0)
	{
		svg_empty(out, id, "Readiness by prison",
				  r->prison_code ? "No cases in custody at this prison."
				  : "No cases in custody.");
		return;
	}
	height = RD_TOP + r->nprisons * RD_ROW + 34;
	svg_begin(out, id, 960, height, "Readiness by prison");
	fprintf(out, "Horizontal stacked bars, one per prison (%d), each dividing the prison's "
			"cases in custody into the share at each stored readiness level: ", r->nprisons);
	for (l = 0; l < RL_COUNT; l++)
	{
		fprintf(out, "%s%s ", l > 0 ? ", " : "", report_level_label[l]);
		html_count(out, level_total[l]);
	}
	fputs(" (all the prisons charted). The number of cases is written after each bar. "
		  "The table after the chart gives every figure.</desc>\n", out);
	level_legend(out, RL_READY, RD_BAR_X, 8);
	/* grid and axis: share of the prison's cases */
	fputs("<g class=\"axis\">\n", out);
	for (i = 0; i <= 4; i++)
	{
		double		x = RD_BAR_X + RD_BAR_W * i / 4.0;

		fprintf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#D0D0D0\"/>"
				"<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d%%</text>\n",
				x, RD_TOP - 6, x, RD_TOP + r->nprisons * RD_ROW,
				x, RD_TOP + r->nprisons * RD_ROW + 16, 25 * i);
	}
	fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">share of the prison's cases in custody</text>\n",
			RD_BAR_X + RD_BAR_W / 2, RD_TOP + r->nprisons * RD_ROW + 30);
	fputs("</g>\n", out);
	for (i = 0; i < r->nprisons; i++)
	{
		const ReportPrison *p = &r->prisons[i];
		double		y = RD_TOP + i * RD_ROW;
		long		w[RL_COUNT];
		double		x = RD_BAR_X;
		char		label[256];

		prison_label(label, sizeof(label), p, 38);
		fputs("<g class=\"bar\"", out);
		attr(out, "data-prison", p->code);
		fputs(">", out);
		fprintf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", RD_LABEL_X, y + 13.5);
		html_escape(out, label);
		fputs("</text>", out);
		if (p->cases == 0)
		{
			fprintf(out, "<text class=\"none\" x=\"%d\" y=\"%.1f\" font-style=\"italic\">"
					"no cases in custody</text></g>\n", RD_BAR_X + 4, y + 13.5);
			continue;
		}
		/* widths in tenths of a unit, so that the parts add up exactly */
		report_split(p->level, RL_COUNT, RD_BAR_W * 10L, w);
		for (l = 0; l < RL_COUNT; l++)
		{
			if (w[l] == 0)
				continue;
			level_rect_open(out, l, x, y + 2, w[l] / 10.0, 15);
			fputs("<title>", out);
			html_escape(out, p->code);
			fprintf(out, ": %s ", report_level_label[l]);
			html_count(out, p->level[l]);
			fputs(" of ", out);
			html_count(out, p->cases);
			fputs("</title></rect>", out);
			level_texture(out, l, x, y + 2, w[l] / 10.0, 15);
			if (w[l] >= 260)
				halo_text(out, x + w[l] / 20.0, y + 13.5, "middle", p->level[l]);
			x += w[l] / 10.0;
		}
		fprintf(out, "<text x=\"%d\" y=\"%.1f\">n = ", RD_BAR_X + RD_BAR_W + 8, y + 13.5);
		html_count(out, p->cases);
		fputs("</text></g>\n", out);
	}
	fputs("</svg>\n", out);
}

static void
readiness_table(FILE *out, const Report *r)
{
	int			i,
				l;

	fputs("<details class=\"data\"><summary>Data table: cases in custody by prison and readiness level</summary>\n"
		  "<table id=\"readiness-by-prison-table\" class=\"data\">\n"
		  "<thead><tr><th scope=\"col\">Prison</th><th scope=\"col\">Name</th>"
		  "<th scope=\"col\" class=\"num\">Cases</th>", out);
	for (l = 0; l < RL_COUNT; l++)
		fprintf(out, "<th scope=\"col\" class=\"num\">%s</th>", report_level_label[l]);
	fputs("<th scope=\"col\" class=\"num\">Ready, % of in scope</th></tr></thead>\n<tbody>\n", out);
	if (r->nprisons == 0)
		fprintf(out, "<tr><td colspan=\"%d\">No cases in custody.</td></tr>\n", RL_COUNT + 4);
	for (i = 0; i < r->nprisons; i++)
	{
		const ReportPrison *p = &r->prisons[i];

		fputs("<tr", out);
		attr(out, "data-prison", p->code);
		fputs("><th scope=\"row\">", out);
		html_escape(out, p->code);
		fputs("</th><td>", out);
		html_escape(out, p->name);
		fputs("</td><td class=\"num\"", out);
		attr_long(out, "data-cases", p->cases);
		fputs(">", out);
		html_count(out, p->cases);
		fputs("</td>", out);
		for (l = 0; l < RL_COUNT; l++)
		{
			fputs("<td class=\"num\"", out);
			attr(out, "data-level", report_level_key[l]);
			attr_long(out, "data-value", p->level[l]);
			fputs(">", out);
			html_count(out, p->level[l]);
			fputs("</td>", out);
		}
		fputs("<td class=\"num\"", out);
		attr(out, "data-ready-pct", p->ready_pct);
		fputs(">", out);
		if (p->ready_pct != NULL)
		{
			html_escape(out, p->ready_pct);
			fputs("%", out);
		}
		else
			fputs("none in scope", out);
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody>\n</table>\n</details>\n", out);
}

/* ---------------------------------------------------------------------
 * 2. Measures by month
 * ---------------------------------------------------------------------
 */

/* a marker of measure m at (x, y): a shape of its own */
static void
marker(FILE *out, int m, double x, double y)
{
	const char *c = measure_colour[m];

	switch (m)
	{
		case 0:
			fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"", x, y, c);
			break;
		case 1:
			fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\" fill=\"%s\"", x - 3.5, y - 3.5, c);
			break;
		case 2:
			fprintf(out, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\"",
					x, y - 4.5, x + 4.5, y + 3.5, x - 4.5, y + 3.5, c);
			break;
		case 3:
			fprintf(out, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\"",
					x, y - 5, x + 4.5, y, x, y + 5, x - 4.5, y, c);
			break;
		case 4:
			fprintf(out, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\"",
					x, y + 4.5, x + 4.5, y - 3.5, x - 4.5, y - 3.5, c);
			break;
		case 5:
			fprintf(out, "<path d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\" stroke=\"%s\" "
					"stroke-width=\"2.5\" fill=\"none\"",
					x - 4, y - 4, x + 4, y + 4, x - 4, y + 4, x + 4, y - 4, c);
			break;
		default:
			fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#FFFFFF\" "
					"stroke=\"%s\" stroke-width=\"2\"", x, y, c);
			break;
	}
}

static void
rate_text(FILE *out, const ReportRate *rate)
{
	if (rate->pct != NULL)
	{
		html_escape(out, rate->pct);
		fputs("% (", out);
	}
	else
		fputs("no denominator (", out);
	html_count(out, rate->n);
	fputs(" of ", out);
	html_count(out, rate->of);
	fputs(")", out);
}

/*
 * Small multiples: one panel per measure, each its own line over the
 * months on a scale of 0 to 100%, so that no series hides another (a
 * prison's few releases a month make the rates jump).  The panel's heading
 * gives the rate over the last 12 months with its counts.
 */
#define MS_COLS		4
#define MS_PW		240.0		/* panel width, with its margins */
#define MS_PH		186.0		/* panel height, with its heading */
#define MS_PX0		34.0		/* plot area within a panel */
#define MS_PX1		228.0
#define MS_PY0		46.0
#define MS_PY1		150.0

static void
measures_chart(FILE *out, const Report *r)
{
	const char *id = "measures-chart";
	double		x[64],
				y[64];
	bool		present[64];
	int			n = r->nmonths < 64 ? r->nmonths : 64;
	int			i,
				m,
				with = 0,
				rows = (RM_COUNT + MS_COLS - 1) / MS_COLS;
	double		step;

	for (i = 0; i < n; i++)
		if (r->months[i].released > 0)
			with++;
	if (with == 0)
	{
		svg_empty(out, id, "Inspection measures by month of release",
				  "No releases recorded in this period.");
		return;
	}
	step = (MS_PX1 - MS_PX0) / n;
	svg_begin(out, id, (int) (MS_COLS * MS_PW), (int) (rows * MS_PH + 30),
			  "Inspection measures by month of release");
	fprintf(out, "Seven small line charts, one per measure, of the percentage by month of release, ");
	html_escape(out, r->months[0].label);
	fputs(" to ", out);
	html_escape(out, r->months[n - 1].label);
	fprintf(out, ", each on a scale of 0 to 100%%: %d of the %d months had releases; a line "
			"breaks at a month with no releases or no case to count. ", with, n);
	if (r->year != NULL)
	{
		fputs("Over ", out);
		html_escape(out, r->year->label);
		fputs(": ", out);
		for (m = 0; m < RM_COUNT; m++)
		{
			fprintf(out, "%s%s ", m > 0 ? "; " : "", report_measure_label[m]);
			rate_text(out, &r->year->rate[m]);
		}
		fputs(". ", out);
	}
	fputs("The table after the chart gives every figure.</desc>\n", out);

	for (i = 0; i < n; i++)
		x[i] = MS_PX0 + (i + 0.5) * step;
	for (m = 0; m < RM_COUNT; m++)
	{
		double		ox = (m % MS_COLS) * MS_PW,
					oy = (m / MS_COLS) * MS_PH;
		int			points = 0,
					k;

		fprintf(out, "<g class=\"panel\" data-measure=\"%s\" transform=\"translate(%.0f %.0f)\">\n",
				report_measure_key[m], ox, oy);
		/* heading: the measure, and its last 12 months */
		fprintf(out, "<text x=\"4\" y=\"14\" font-weight=\"600\">%s</text>", report_measure_short[m]);
		if (r->year != NULL)
		{
			fputs("<text x=\"4\" y=\"30\" font-size=\"11\">", out);
			if (r->year->rate[m].pct != NULL)
			{
				html_escape(out, r->year->rate[m].pct);
				fputs("% (", out);
				html_count(out, r->year->rate[m].n);
				fputs(" of ", out);
				html_count(out, r->year->rate[m].of);
				fputs(") in the last 12 months", out);
			}
			else
				fputs("none to count in the last 12 months", out);
			fputs("</text>\n", out);
		}
		/* months with no release: grey */
		for (i = 0; i < n; i++)
		{
			if (r->months[i].released > 0)
				continue;
			fprintf(out, "<rect class=\"norelease\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
					"fill=\"#EEEEEE\"><title>No releases in ", MS_PX0 + i * step, MS_PY0, step,
					MS_PY1 - MS_PY0);
			html_escape(out, r->months[i].label);
			fputs("</title></rect>", out);
		}
		/* axes: 0, 50, 100%; the first and last month */
		fputs("<g class=\"axis\">", out);
		for (k = 0; k <= 2; k++)
		{
			double		yy = MS_PY1 - (MS_PY1 - MS_PY0) * k / 2.0;

			fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
					"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"10\">%d%%</text>",
					MS_PX0, yy, MS_PX1, yy, k == 0 ? "#333333" : "#D0D0D0", MS_PX0 - 3, yy + 3.5, 50 * k);
		}
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">", MS_PX0, MS_PY1 + 14);
		html_escape(out, r->months[0].label);
		fprintf(out, "</text><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"10\">", MS_PX1,
				MS_PY1 + 14);
		html_escape(out, r->months[n - 1].label);
		fputs("</text></g>\n", out);

		for (i = 0; i < n; i++)
		{
			const ReportRate *rate = &r->months[i].rate[m];

			present[i] = (r->months[i].released > 0 && rate->pct != NULL);
			y[i] = MS_PY1 - (MS_PY1 - MS_PY0) * pct_value(rate->pct) / 100.0;
			if (present[i])
				points++;
		}
		fprintf(out, "<g class=\"series\" data-measure=\"%s\">", report_measure_key[m]);
		if (points > 0)
		{
			fputs("<path d=\"", out);
			report_line_path(out, x, y, present, n);
			fprintf(out, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>", measure_colour[m]);
		}
		for (i = 0; i < n; i++)
		{
			if (!present[i])
				continue;
			marker(out, m, x[i], y[i]);
			fprintf(out, "><title>%s, ", report_measure_label[m]);
			html_escape(out, r->months[i].label);
			fputs(": ", out);
			rate_text(out, &r->months[i].rate[m]);
			fputs("</title></", out);
			fputs(m == 0 || m == 6 ? "circle>" : m == 1 ? "rect>" : "path>", out);
		}
		fputs("</g>\n</g>\n", out);
	}
	/* the key to the grey months, in the free cell */
	fprintf(out, "<g class=\"legend\"><rect x=\"%.1f\" y=\"%.1f\" width=\"22\" height=\"14\" "
			"fill=\"#EEEEEE\" stroke=\"#BBBBBB\"/><text x=\"%.1f\" y=\"%.1f\">No releases that month</text></g>\n",
			(RM_COUNT % MS_COLS) * MS_PW + 8, (rows - 1) * MS_PH + MS_PY0,
			(RM_COUNT % MS_COLS) * MS_PW + 36, (rows - 1) * MS_PH + MS_PY0 + 11.5);
	fputs("</svg>\n", out);
}

static void
measures_table(FILE *out, const Report *r)
{
	int			i,
				m;

	fputs("<details class=\"data\"><summary>Data table: the measures by month of release</summary>\n"
		  "<table id=\"measures-monthly-table\" class=\"data\">\n"
		  "<thead><tr><th scope=\"col\">Month</th><th scope=\"col\" class=\"num\">Releases</th>", out);
	for (m = 0; m < RM_COUNT; m++)
		fprintf(out, "<th scope=\"col\" class=\"num\">%s</th>", report_measure_label[m]);
	fputs("</tr></thead>\n<tbody>\n", out);
	for (i = 0; i < r->nmonths; i++)
	{
		const ReportMonth *mo = &r->months[i];

		fputs("<tr", out);
		attr(out, "data-month", mo->month);
		attr_long(out, "data-released", mo->released);
		fputs("><th scope=\"row\">", out);
		html_escape(out, mo->label);
		fputs("</th><td class=\"num\">", out);
		html_count(out, mo->released);
		fputs("</td>", out);
		if (mo->released == 0)
		{
			fprintf(out, "<td colspan=\"%d\" class=\"none\">No releases</td></tr>\n", RM_COUNT);
			continue;
		}
		for (m = 0; m < RM_COUNT; m++)
		{
			const ReportRate *rate = &mo->rate[m];

			fputs("<td class=\"num\"", out);
			attr(out, "data-measure", report_measure_key[m]);
			attr(out, "data-pct", rate->pct);
			attr_long(out, "data-n", rate->n);
			attr_long(out, "data-of", rate->of);
			fputs(">", out);
			if (rate->pct != NULL)
			{
				html_escape(out, rate->pct);
				fputs("%", out);
			}
			else
				fputs("&#8211;", out);
			fputs(" <span class=\"of\">(", out);
			html_count(out, rate->n);
			fputs("/", out);
			html_count(out, rate->of);
			fputs(")</span></td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n</details>\n", out);
}

/* ---------------------------------------------------------------------
 * 3. Top gaps
 * ---------------------------------------------------------------------
 */

#define GP_LABEL_X	444
#define GP_BAR_X	452
#define GP_BAR_W	340.0
#define GP_ROW		26
#define GP_TOP		40

static void
gaps_chart(FILE *out, const Report *r)
{
	const char *id = "gaps-chart";
	long		max = 0,
				top,
				step;
	int			i,
				height;

	for (i = 0; i < r->ngaps; i++)
		if (r->gaps[i].cases > max)
			max = r->gaps[i].cases;
	if (r->ngaps == 0 || max == 0)
	{
		svg_empty(out, id, "What cases lack most often",
				  "No readiness gaps recorded for the cases in custody.");
		return;
	}
	report_axis(max, &top, &step);
	height = GP_TOP + r->ngaps * GP_ROW + 34;
	svg_begin(out, id, 980, height, "What cases lack most often");
	fprintf(out, "Horizontal bars of the %d gaps, things not yet done, found in the most cases "
			"in custody, most first; the darker hatched part of each bar is the cases due for "
			"release within %s. Most common: ", r->ngaps, r->analyst ? "3 months" : "12 weeks");
	html_escape(out, r->gaps[0].words);
	fputs(", ", out);
	html_count(out, r->gaps[0].cases);
	fputs(" cases. The table after the chart gives every figure.</desc>\n", out);
	fprintf(out, "<g class=\"legend\"><rect x=\"%d\" y=\"6\" width=\"22\" height=\"14\" fill=\"#F4A582\" stroke=\"#333333\" stroke-width=\"0.75\"/>"
			"<text x=\"%d\" y=\"17.5\">Cases in custody lacking it</text>"
			"<rect x=\"%d\" y=\"6\" width=\"22\" height=\"14\" fill=\"#8F2D00\" stroke=\"#333333\" stroke-width=\"0.75\"/>"
			"<line x1=\"%d\" y1=\"13\" x2=\"%d\" y2=\"13\" stroke=\"#FFFFFF\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"
			"<text x=\"%d\" y=\"17.5\">of which release due within %s</text></g>\n",
			GP_BAR_X, GP_BAR_X + 27, GP_BAR_X + 230, GP_BAR_X + 230, GP_BAR_X + 252, GP_BAR_X + 257,
			r->analyst ? "3 months" : "12 weeks");
	fputs("<g class=\"axis\">\n", out);
	for (i = 0; (long) i * step <= top; i++)
	{
		double		x = GP_BAR_X + GP_BAR_W * i * step / top;

		fprintf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#D0D0D0\"/>"
				"<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">",
				x, GP_TOP - 4, x, GP_TOP + r->ngaps * GP_ROW, x, GP_TOP + r->ngaps * GP_ROW + 16);
		html_count(out, i * step);
		fputs("</text>\n", out);
	}
	fprintf(out, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">cases in custody</text>\n",
			GP_BAR_X + GP_BAR_W / 2, GP_TOP + r->ngaps * GP_ROW + 30);
	fputs("</g>\n", out);
	for (i = 0; i < r->ngaps; i++)
	{
		const ReportGap *g = &r->gaps[i];
		double		y = GP_TOP + i * GP_ROW;
		double		w = GP_BAR_W * g->cases / top;
		double		wd = GP_BAR_W * g->due_12_weeks / top;
		char		label[256];

		report_truncate(label, sizeof(label), g->words ? g->words : g->rule, 66);
		fputs("<g class=\"bar\"", out);
		attr(out, "data-rule", g->rule);
		fprintf(out, "><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", GP_LABEL_X, y + 15);
		html_escape(out, label);
		fprintf(out, "</text><rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"18\" fill=\"#F4A582\" "
				"stroke=\"#333333\" stroke-width=\"0.5\"><title>", GP_BAR_X, y + 2, w);
		html_escape(out, g->words);
		fputs(": ", out);
		html_count(out, g->cases);
		fputs(" cases</title></rect>", out);
		if (g->due_12_weeks > 0)
		{
			fprintf(out, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"18\" fill=\"#8F2D00\" "
					"stroke=\"#333333\" stroke-width=\"0.5\"><title>", GP_BAR_X, y + 2, wd);
			html_escape(out, g->words);
			fputs(": ", out);
			html_count(out, g->due_12_weeks);
			fputs(r->analyst ? " due within 3 months</title></rect>" : " due within 12 weeks</title></rect>", out);
			if (wd >= 2)
				fprintf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#FFFFFF\" "
						"stroke-width=\"2\" stroke-dasharray=\"4 3\"/>", GP_BAR_X, y + 11, GP_BAR_X + wd, y + 11);
		}
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">", GP_BAR_X + w + 6, y + 15);
		html_count(out, g->cases);
		fputs(" (", out);
		html_count(out, g->due_12_weeks);
		fputs(" due)</text></g>\n", out);
	}
	fputs("</svg>\n", out);
}

static void
gaps_table(FILE *out, const Report *r)
{
	int			i;

	fprintf(out, "<table id=\"top-gaps-table\" class=\"data\">\n"
			"<caption>The figures of the chart</caption>\n"
			"<thead><tr><th scope=\"col\">What is missing</th>"
			"<th scope=\"col\">Severity</th><th scope=\"col\">Pathway</th>"
			"<th scope=\"col\" class=\"num\">Cases</th>"
			"<th scope=\"col\" class=\"num\">Due within %s</th></tr></thead>\n<tbody>\n",
			r->analyst ? "3 months" : "12 weeks");
	if (r->ngaps == 0)
		fputs("<tr><td colspan=\"5\">No readiness gaps recorded.</td></tr>\n", out);
	for (i = 0; i < r->ngaps; i++)
	{
		const ReportGap *g = &r->gaps[i];

		fputs("<tr", out);
		attr(out, "data-rule", g->rule);
		attr_long(out, "data-cases", g->cases);
		attr_long(out, "data-due", g->due_12_weeks);
		fputs("><th scope=\"row\">", out);
		html_escape(out, g->words);
		fputs("</th><td>", out);
		html_escape(out, g->severity == NULL ? NULL
					: strcmp(g->severity, "error") == 0 ? "Blocks release readiness" : "Warning");
		fputs("</td><td>", out);
		html_escape(out, g->pathway);
		fputs("</td><td class=\"num\">", out);
		html_count(out, g->cases);
		fputs("</td><td class=\"num\">", out);
		html_count(out, g->due_12_weeks);
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
}

/* ---------------------------------------------------------------------
 * 4. Releases due in 12 weeks, not ready
 * ---------------------------------------------------------------------
 */

#define WK_X0	64.0
#define WK_X1	944.0
#define WK_Y0	44.0
#define WK_Y1	254.0

static void
weeks_chart(FILE *out, const Report *r)
{
	const char *id = "releases-chart";
	long		max = 0,
				sum = 0,
				top,
				step;
	int			i,
				l;
	double		colw;

	for (i = 0; i < r->nweeks; i++)
	{
		sum += r->weeks[i].total;
		if (r->weeks[i].total > max)
			max = r->weeks[i].total;
	}
	if (sum == 0)
	{
		svg_empty(out, id, "Releases due in the next 12 weeks that are not yet ready",
				  r->due_12_weeks == 0 ? "No releases due in the next 12 weeks."
				  : "Every release due in the next 12 weeks is ready.");
		return;
	}
	report_axis(max, &top, &step);
	colw = (WK_X1 - WK_X0) / r->nweeks;
	svg_begin(out, id, 960, 300, "Releases due in the next 12 weeks that are not yet ready");
	fputs("Stacked columns, one per week from the as-of date, of the releases due that "
		  "week that are not yet ready, by level: ", out);
	html_count(out, sum);
	fputs(" in all. The table after the chart gives every figure.</desc>\n", out);
	level_legend(out, RL_ON_TRACK, WK_X0, 8);
	fputs("<g class=\"axis\">\n", out);
	for (i = 0; (long) i * step <= top; i++)
	{
		double		y = WK_Y1 - (WK_Y1 - WK_Y0) * i * step / top;

		fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
				WK_X0, y, WK_X1, y, i == 0 ? "#333333" : "#D0D0D0", WK_X0 - 6, y + 4);
		html_count(out, i * step);
		fputs("</text>\n", out);
	}
	fputs("</g>\n", out);
	for (i = 0; i < r->nweeks; i++)
	{
		const ReportWeek *w = &r->weeks[i];
		double		x = WK_X0 + i * colw + colw * 0.2;
		double		y = WK_Y1;

		fprintf(out, "<g class=\"column\" data-week=\"%d\">", w->week);
		for (l = RL_ON_TRACK; l < RL_COUNT; l++)
		{
			double		h = (WK_Y1 - WK_Y0) * w->level[l] / top;

			if (w->level[l] == 0)
				continue;
			y -= h;
			level_rect_open(out, l, x, y, colw * 0.6, h);
			fprintf(out, "<title>Week %d: %s ", w->week, report_level_label[l]);
			html_count(out, w->level[l]);
			fputs("</title></rect>", out);
			level_texture(out, l, x, y, colw * 0.6, h);
		}
		if (w->total > 0)
			halo_text(out, x + colw * 0.3, y - 4, "middle", w->total);
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">Week %d</text>"
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">from ",
				x + colw * 0.3, WK_Y1 + 16, w->week, x + colw * 0.3, WK_Y1 + 30);
		html_escape(out, w->start_label);
		fputs("</text></g>\n", out);
	}
	fputs("</svg>\n", out);
}

static void
weeks_table(FILE *out, const Report *r)
{
	int			i,
				l;

	fputs("<details class=\"data\"><summary>Data table: releases due not yet ready, by week</summary>\n"
		  "<table id=\"releases-by-week-table\" class=\"data\">\n"
		  "<thead><tr><th scope=\"col\">Week</th><th scope=\"col\">Release dates</th>", out);
	for (l = RL_ON_TRACK; l < RL_COUNT; l++)
		fprintf(out, "<th scope=\"col\" class=\"num\">%s</th>", report_level_label[l]);
	fputs("<th scope=\"col\" class=\"num\">Not yet ready in all</th></tr></thead>\n<tbody>\n", out);
	for (i = 0; i < r->nweeks; i++)
	{
		const ReportWeek *w = &r->weeks[i];

		fprintf(out, "<tr data-week=\"%d\"", w->week);
		attr(out, "data-first", w->first);
		attr(out, "data-last", w->last);
		attr_long(out, "data-total", w->total);
		fprintf(out, "><th scope=\"row\">Week %d</th><td>", w->week);
		html_escape(out, w->label);
		fputs("</td>", out);
		for (l = RL_ON_TRACK; l < RL_COUNT; l++)
		{
			fputs("<td class=\"num\"", out);
			attr(out, "data-level", report_level_key[l]);
			attr_long(out, "data-value", w->level[l]);
			fputs(">", out);
			html_count(out, w->level[l]);
			fputs("</td>", out);
		}
		fputs("<td class=\"num\">", out);
		html_count(out, w->total);
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody>\n</table>\n</details>\n", out);
}

static const char *
level_label_of(const char *key)
{
	int			l;

	if (key == NULL)
		return report_level_label[RL_NOT_EVALUATED];
	for (l = 0; l < RL_COUNT; l++)
		if (strcmp(key, report_level_key[l]) == 0)
			return report_level_label[l];
	return key;
}

/* who manages the case under OMiC, in words */
static const char *
responsibility_words(const char *key)
{
	if (key == NULL)
		return NULL;
	if (strcmp(key, "custody_only") == 0)
		return "Prison";
	if (strcmp(key, "custody_with_com") == 0)
		return "Prison, probation supporting";
	if (strcmp(key, "community") == 0)
		return "Probation";
	return key;
}

static void
releases_list(FILE *out, const Report *r)
{
	int			i;
	bool		national = (r->prison_code == NULL);

	fputs("<p class=\"count\" id=\"releases-not-ready-count\"", out);
	attr_long(out, "data-total", r->releases_total);
	attr_long(out, "data-shown", r->nreleases);
	fputs(">", out);
	if (r->releases_total == 0)
		fputs(r->due_12_weeks == 0 ? "No releases due in the next 12 weeks."
			  : "Every release due in the next 12 weeks is ready.", out);
	else if (r->nreleases < r->releases_total)
	{
		fputs("The first ", out);
		html_count(out, r->nreleases);
		fputs(" of ", out);
		html_count(out, r->releases_total);
		fputs(" releases due from ", out);
		html_escape(out, r->as_of);
		fputs(" to ", out);
		html_escape(out, r->window_last);
		fputs(" that are not yet ready, by release date. Run the report with --prison for "
			  "one prison's whole list.", out);
	}
	else
	{
		fputs("All ", out);
		html_count(out, r->releases_total);
		fprintf(out, " release%s due from ", r->releases_total == 1 ? "" : "s");
		html_escape(out, r->as_of);
		fputs(" to ", out);
		html_escape(out, r->window_last);
		fputs(r->releases_total == 1 ? " that is not yet ready." : " that are not yet ready, by release date.", out);
	}
	fputs("</p>\n", out);
	if (r->nreleases == 0)
		return;
	fputs("<table id=\"releases-not-ready-table\" class=\"data releases\">\n"
		  "<caption>Releases due not yet ready</caption>\n"
		  "<thead><tr><th scope=\"col\">Release date</th><th scope=\"col\" class=\"num\">Days</th>"
		  "<th scope=\"col\">Prison number</th><th scope=\"col\">Name</th>", out);
	if (national)
		fputs("<th scope=\"col\">Prison</th>", out);
	fputs("<th scope=\"col\">Readiness</th><th scope=\"col\">What is missing</th>"
		  "<th scope=\"col\">Managed by</th><th scope=\"col\">Handover to probation</th>"
		  "<th scope=\"col\">Probation officer named</th></tr></thead>\n<tbody>\n", out);
	for (i = 0; i < r->nreleases; i++)
	{
		const ReportRelease *x = &r->releases[i];

		fputs("<tr", out);
		attr(out, "data-prison-number", x->prison_number);
		attr(out, "data-release-date", x->release_date);
		attr(out, "data-readiness", x->readiness ? x->readiness : "not_evaluated");
		fputs("><td class=\"date\">", out);
		html_escape(out, x->release_date);
		fputs("</td><td class=\"num\">", out);
		html_escape(out, x->days_to_release);
		fputs("</td><th scope=\"row\">", out);
		html_escape(out, x->prison_number);
		fputs("</th><td class=\"name\">", out);
		html_escape(out, x->name);
		fputs("</td>", out);
		if (national)
		{
			fputs("<td>", out);
			html_escape(out, x->prison_code);
			fputs("</td>", out);
		}
		fputs("<td class=\"lvl lvl-", out);
		html_escape(out, x->readiness ? x->readiness : "not_evaluated");
		fputs("\">", out);
		html_escape(out, level_label_of(x->readiness));
		fputs("</td><td class=\"gaps\"", out);
		attr(out, "data-gap-count", x->gap_count);
		fputs(">", out);
		html_escape(out, x->gaps);
		fputs("</td><td>", out);
		html_escape(out, responsibility_words(x->responsibility));
		fputs("</td><td class=\"date\">", out);
		html_escape(out, x->handover_date);
		fputs("</td><td>", out);
		fputs(x->com_allocated ? "Yes" : "No", out);
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
}

/* ---------------------------------------------------------------------
 * The document
 * ---------------------------------------------------------------------
 */

static const char css[] =
"*{box-sizing:border-box}\n"
"body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif;"
"color:#1A1A1A;background:#FFFFFF;line-height:1.45;margin:0 auto;max-width:1120px;padding:1.5rem}\n"
"h1{font-size:1.7rem;margin:0 0 .25rem}\n"
"h2{font-size:1.25rem;margin:2.25rem 0 .5rem;border-bottom:2px solid #1A1A1A;padding-bottom:.2rem}\n"
".meta{margin:.2rem 0;color:#333333}\n"
".statement{border-left:4px solid #0072B2;padding:.4rem .8rem;margin:1rem 0;max-width:60rem}\n"
"dl.headline{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.75rem;margin:1rem 0}\n"
"dl.headline>div{border:1px solid #8C8C8C;border-top:5px solid #0072B2;padding:.6rem .8rem}\n"
"dl.headline dt{font-weight:600;font-size:.9rem}\n"
"dl.headline dd{margin:0}\n"
"dl.headline dd.value{font-size:1.9rem;font-weight:700;font-variant-numeric:tabular-nums}\n"
"dl.headline dd.sub{font-size:.85rem;color:#333333}\n"
"figure{margin:1.5rem 0 2rem;break-inside:avoid;page-break-inside:avoid}\n"
"figcaption{font-size:1.15rem;font-weight:700;margin-bottom:.4rem}\n"
"figure p{margin:.3rem 0}\n"
"svg.chart{display:block;width:100%;height:auto;max-width:980px;margin:.5rem 0}\n"
"svg.chart text{font-family:inherit;fill:#1A1A1A}\n"
"svg.chart .empty{fill:#333333}\n"
"table.data{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}\n"
"table.data caption{text-align:left;font-weight:600;padding:.2rem 0}\n"
"table.data th,table.data td{border:1px solid #BFBFBF;padding:.2rem .45rem;text-align:left;vertical-align:top}\n"
"table.data thead th{background:#F2F2F2}\n"
"table.data .num{text-align:right;font-variant-numeric:tabular-nums}\n"
"table.data td.none{font-style:italic;color:#555555}\n"
"table.data .of{color:#555555}\n"
"td.gaps{min-width:12rem}\n"
"table.releases td.name{overflow-wrap:anywhere;min-width:6rem}\n"
".nw,td.date{white-space:nowrap}\n"
"table.releases{font-size:.78rem}\n"
"td.lvl{border-left-width:6px}\n"
"td.lvl-on_track{border-left-color:#56B4E9}\n"
"td.lvl-at_risk{border-left-color:#E69F00}\n"
"td.lvl-not_ready{border-left-color:#D55E00}\n"
"td.lvl-out_of_scope{border-left-color:#A6A6A6}\n"
"td.lvl-not_evaluated{border-left-style:dashed}\n"
"details.data{margin:.4rem 0}\n"
"details.data summary{cursor:pointer;color:#0B4F8A}\n"
".source,.note{font-size:.85rem;color:#333333}\n"
"dl.terms dt{font-weight:600;margin-top:.5rem}\n"
"dl.terms dd{margin:0 0 0 1.5rem;max-width:60rem}\n"
"footer{margin-top:2.5rem;font-size:.8rem;color:#333333;border-top:1px solid #BFBFBF;padding-top:.5rem}\n"
"@media print{\n"
"body{max-width:none;padding:0;font-size:10pt;background:none;color:#000000}\n"
"@page{margin:14mm}\n"
"h2{break-after:avoid;page-break-after:avoid}\n"
"figure,dl.headline>div,table.data tr{break-inside:avoid;page-break-inside:avoid}\n"
"table.data thead{display:table-header-group}\n"
"table.data thead th{background:none}\n"
"details.data summary{color:#000000}\n"
"svg.chart{max-width:100%}\n"
"}\n";

/*
 * A headline rate: the percentage (a dash when it has no denominator) and
 * "n of m", with the figures in data-* attributes.
 */
static void
headline_rate(FILE *out, const char *figure, const char *n_attr, const char *of_attr,
			  const char *title, const char *pct, long n, long of,
			  const char *of_label, const char *none)
{
	fputs("<div data-figure=\"", out);
	html_escape(out, figure);
	fputs("\"", out);
	attr(out, "data-value", pct);
	attr_long(out, n_attr, n);
	attr_long(out, of_attr, of);
	fputs("><dt>", out);
	html_escape(out, title);
	fputs("</dt><dd class=\"value\">", out);
	if (pct != NULL)
	{
		html_escape(out, pct);
		fputs("%</dd><dd class=\"sub\">", out);
		html_count(out, n);
		fputs(" of ", out);
		html_count(out, of);
		html_escape(out, of_label);
	}
	else
	{
		fputs("&#8211;</dd><dd class=\"sub\">", out);
		html_escape(out, none);
	}
	fputs("</dd></div>\n", out);
}

static void
headline(FILE *out, const Report *r)
{
	const char *window = r->analyst ? "the next 3 months" : "the next 12 weeks";
	char		title[128];
	int			l;

	fputs("<section id=\"headline\" aria-labelledby=\"headline-heading\">\n"
		  "<h2 id=\"headline-heading\">Headline figures</h2>\n<dl class=\"headline\">\n", out);

	fputs("<div data-figure=\"cases\"", out);
	attr_long(out, "data-value", r->cases);
	fputs("><dt>Cases in custody</dt><dd class=\"value\">", out);
	html_count(out, r->cases);
	fputs("</dd><dd class=\"sub\">on ", out);
	html_escape(out, r->analyst ? r->as_of : r->today);
	fputs("</dd></div>\n", out);

	/* readiness over the releases due, not over everyone in custody */
	snprintf(title, sizeof(title), "Ready for release, of the releases due in %s", window);
	headline_rate(out, "ready-pct", "data-ready", "data-in-scope", title,
				  r->due_ready_pct, r->due_level[RL_READY],
				  r->due_12_weeks - r->due_level[RL_OUT_OF_SCOPE], " due (in scope)",
				  "no release due in scope");

	fputs("<div data-figure=\"releases-not-ready\"", out);
	attr_long(out, "data-value", r->not_ready_12_weeks);
	attr_long(out, "data-due", r->due_12_weeks);
	for (l = RL_ON_TRACK; l < RL_COUNT; l++)
	{
		char		name[64];

		snprintf(name, sizeof(name), "data-%s", report_level_key[l]);
		attr_long(out, name, r->due_level[l]);
	}
	fprintf(out, "><dt>Releases due in %s not yet ready</dt><dd class=\"value\">", window);
	html_count(out, r->not_ready_12_weeks);
	fputs("</dd><dd class=\"sub\">of ", out);
	html_count(out, r->due_12_weeks);
	fputs(" due by <span class=\"nw\">", out);
	html_escape(out, r->window_last);
	fputs("</span>: ", out);
	html_count(out, r->due_level[RL_NOT_READY]);
	fputs(" not ready, ", out);
	html_count(out, r->due_level[RL_AT_RISK]);
	fputs(" at risk, ", out);
	html_count(out, r->due_level[RL_ON_TRACK]);
	fputs(" on track", out);
	if (r->due_level[RL_OUT_OF_SCOPE] + r->due_level[RL_NOT_EVALUATED] > 0)
	{
		fputs(", ", out);
		html_count(out, r->due_level[RL_OUT_OF_SCOPE] + r->due_level[RL_NOT_EVALUATED]);
		fputs(" out of scope or not evaluated", out);
	}
	fputs("</dd></div>\n", out);

	fputs("<div data-figure=\"released-12-months\"", out);
	attr_long(out, "data-value", r->released_12_months);
	fputs("><dt>Releases in the last 12 months</dt><dd class=\"value\">", out);
	html_count(out, r->released_12_months);
	fputs("</dd><dd class=\"sub\">", out);
	html_escape(out, r->year_first);
	fputs(" to ", out);
	html_escape(out, r->year_last);
	if (r->released_12_months == 0)
		fputs(": no releases recorded in this period", out);
	fputs("</dd></div>\n", out);

	headline_rate(out, "settled-accommodation-12-months", "data-n", "data-of",
				  "Settled accommodation on release, last 12 months",
				  r->settled_pct_12_months, r->settled_12_months, r->released_12_months,
				  " released", "No releases recorded in this period");
	fputs("</dl>\n</section>\n", out);
}

/* the words the report uses, each defined once (docs/analysts.md#measures) */
static void
definitions(FILE *out, const Report *r)
{
	fputs("<h2 id=\"definitions\">What the words mean</h2>\n<dl class=\"terms\">\n"
		  "<dt>Ready, on track, at risk, not ready</dt><dd>A case's readiness for release, worked out "
		  "by the readiness rules from what is recorded for it: <em>ready</em> when nothing is "
		  "missing; <em>not ready</em> when something that must be in place is missing and due; "
		  "<em>at risk</em> when only warnings are; <em>on track</em> when what is missing is not "
		  "due yet. <em>Out of scope</em>: remand, civil and other cases the rules do not cover.</dd>\n"
		  "<dt>Not yet ready</dt><dd>Any readiness but ready: on track, at risk, not ready, out of "
		  "scope or not yet evaluated.</dd>\n", out);
	if (r->analyst)
		fputs("<dt>Due in the next 3 months</dt><dd>Release expected in the analyst views' month "
			  "or the two after it.</dd>\n", out);
	else
		fputs("<dt>Due in the next 12 weeks</dt><dd>Release date from the as-of date to 84 days "
			  "after it, both included.</dd>\n", out);
	fputs("<dt>The last 12 months</dt><dd>The 12 whole calendar months before the month of the "
		  "as-of date (", out);
	html_escape(out, r->year_first);
	fputs(" to ", out);
	html_escape(out, r->year_last);
	fputs(").</dd>\n<dt>Gap</dt><dd>Something a case lacks that the readiness rules look for, "
		  "such as no bank account held or applied for.</dd>\n"
		  "<dt>Probation officer (COM)</dt><dd>The community offender manager who supervises the "
		  "person after release; the case is handed over to them before release.</dd>\n</dl>\n", out);
}

int
report_write_html(FILE *out, const Report *r)
{
	const char *scope = r->prison_code ? NULL : "all prisons";

	fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\"/>\n"
		  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
		  "<meta name=\"generator\" content=\"resettle report\"/>\n<title>Release readiness: ", out);
	if (scope)
		fputs(scope, out);
	else
	{
		html_escape(out, r->prison_name);
		fputs(" (", out);
		html_escape(out, r->prison_code);
		fputs(")", out);
	}
	fputs(", as of ", out);
	html_escape(out, r->as_of);
	fputs("</title>\n<style>\n", out);
	fputs(css, out);
	fputs("</style>\n</head>\n<body>\n<header>\n<h1>Release readiness: ", out);
	if (scope)
		fputs(scope, out);
	else
	{
		html_escape(out, r->prison_name);
		fputs(" (", out);
		html_escape(out, r->prison_code);
		fputs(")", out);
	}
	if (r->analyst)
		fputs(" (analyst views)", out);
	fputs("</h1>\n<p class=\"meta\" id=\"report-scope\"", out);
	attr(out, "data-as-of", r->as_of);
	attr(out, "data-prison", r->prison_code ? r->prison_code : "all");
	fputs(">As of <time", out);
	attr(out, "datetime", r->as_of);
	fputs(">", out);
	html_escape(out, r->as_of_long);
	fputs("</time> &#183; ", out);
	if (scope)
		fputs("All prisons", out);
	else
	{
		fputs("Prison ", out);
		html_escape(out, r->prison_code);
		if (r->prison_region != NULL)
		{
			fputs(", ", out);
			html_escape(out, r->prison_region);
			fputs(" region", out);
		}
	}
	fputs(" &#183; Generated <time", out);
	attr(out, "datetime", r->generated_iso);
	fputs(">", out);
	html_escape(out, r->generated);
	fputs("</time></p>\n", out);
	if (r->analyst)
		fputs("<p class=\"statement\">From the analyst views: the caseload as it stood on the first "
			  "of the month, under disclosure control, so no one is named and a prison or month "
			  "shared by fewer than five people is not shown. Readiness is each case's as recorded "
			  "then. The measures count releases published to the month.</p>\n"
			  "</header>\n<main>\n", out);
	else
	{
		fputs("<p class=\"statement\">Readiness is each case's readiness as the system last worked "
			  "it out (on every change to the case, and every night), not recalculated for this "
			  "report. Cases in custody, their readiness and their gaps are as on ", out);
		html_escape(out, r->today);
		fputs(" (", out);
		html_count(out, r->stale);
		fputs(r->stale == 1 ? " case was" : " cases were", out);
		fputs(" last worked out before that day). Releases due are counted from the as-of date; "
			  "the measures are by calendar month of release. The figures cover the prisons "
			  "you have access to. <a href=\"#definitions\">What the words mean</a>.</p>\n"
			  "</header>\n<main>\n", out);
	}

	headline(out, r);

	fputs("<h2>Readiness by prison</h2>\n<figure id=\"readiness-by-prison\">\n"
		  "<figcaption>Readiness of the cases in custody, by prison</figcaption>\n"
		  "<p class=\"note\">Each bar divides a prison's cases in custody by readiness; "
		  "n is the number of cases. Out of scope: remand, civil and other cases the readiness rules "
		  "do not cover.</p>\n", out);
	readiness_chart(out, r);
	readiness_table(out, r);
	source_note(out, r->analyst ? "resettle.analyst_report_prisons(), from analyst_cases."
				: "resettle.report_prisons(), from v_readiness_summary.");
	fputs("</figure>\n", out);

	fputs("<h2>Inspection measures over time</h2>\n<figure id=\"measures-monthly\">\n"
		  "<figcaption>The inspection measures by month of release, ", out);
	if (r->nmonths > 0)
	{
		html_escape(out, r->months[0].label);
		fputs(" to ", out);
		html_escape(out, r->months[r->nmonths - 1].label);
	}
	fputs("</figcaption>\n<p class=\"note\">Share of the month's releases with each outcome on the "
		  "day of release, one chart per measure; benefit claim and GP over the releases that needed "
		  "them, the probation officer over the releases with a handover date. The as-of month may "
		  "be incomplete.</p>\n", out);
	measures_chart(out, r);
	measures_table(out, r);
	source_note(out, r->analyst ? "resettle.analyst_report_months(), from analyst_release_outcomes."
				: "resettle.report_months(), from v_outcome_rates.");
	fputs("</figure>\n", out);

	fputs("<h2>Most common gaps</h2>\n<figure id=\"top-gaps\">\n"
		  "<figcaption>What cases in custody lack most often (top 10)</figcaption>\n", out);
	gaps_chart(out, r);
	gaps_table(out, r);
	source_note(out, r->analyst ? "resettle.analyst_report_gaps(), from analyst_cases."
				: "resettle.report_gaps(), from v_gap_counts.");
	fputs("</figure>\n", out);

	if (r->analyst)
	{
		fputs("<h2>Releases due</h2>\n<p class=\"note\" id=\"releases-not-ready\">The releases due "
			  "week by week and their list name people: they are in the report of staff and "
			  "administrators, not in the analyst views'.</p>\n</main>\n", out);
		definitions(out, r);
		fputs("<footer>\n<p>Produced by resettle report from the analyst views of the resettle "
			  "extension, in one read-only snapshot.</p>\n</footer>\n</body>\n</html>\n", out);
		if (fflush(out) != 0 || ferror(out))
			return -1;
		return 0;
	}

	fputs("<h2>Releases in the next 12 weeks that are not yet ready</h2>\n<figure id=\"releases-not-ready\">\n"
		  "<figcaption>Releases due from ", out);
	html_escape(out, r->as_of);
	fputs(" to ", out);
	html_escape(out, r->window_last);
	fputs(" that are not yet ready</figcaption>\n", out);
	weeks_chart(out, r);
	weeks_table(out, r);
	releases_list(out, r);
	source_note(out, "resettle.report_weeks() and report_releases(), from v_releases_due: "
				"release date within 84 days of the as-of date, readiness other than ready.");
	fputs("</figure>\n</main>\n", out);
	definitions(out, r);
	fputs("<footer>\n<p>Produced by resettle report from the views of the "
		  "resettle extension, in one read-only snapshot. Contains personal data: handle under "
		  "your organisation's rules.</p>\n</footer>\n</body>\n</html>\n", out);

	if (fflush(out) != 0 || ferror(out))
		return -1;
	return 0;
}
