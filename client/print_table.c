/*
 * print_table.c: the layouts a person reads at a terminal: table (psql's
 * aligned layout, fitted to the width: columns chosen by rank, text cut
 * with an ellipsis or wrapped at word boundaries), expanded records (-x),
 * the case card, bar charts and watch's lines.  Every value from the server
 * is escaped (textfmt.h) and bounded (CELL_TEXT_MAX) before it is measured;
 * --wide shows every column and every value in full.  Widths are display
 * columns in the client encoding, never bytes.
 */
#include "resettle.h"
#include "textfit.h"

#include <stdlib.h>
#include <string.h>

/* s escaped and cut at max columns; exits when out of memory */
static char *
render(const Printer *pr, const char *s, int max, int *width)
{
	char	   *r = text_render(&pr->enc, s, max, width);

	if (r == NULL)
		fatal(EXIT_ERROR, "out of memory");
	return r;
}

/* the most columns one value may take before it is cut */
static int
value_limit(const Printer *pr)
{
	return pr->wide ? TEXT_UNLIMITED : CELL_TEXT_MAX;
}

/* text wrapped to width, or one line with --wide; exits when out of memory */
static int
wrap(const Printer *pr, const char *text, int textw, int width, TextLine **lines)
{
	int			n;

	if (pr->wide || textw <= width)
	{
		*lines = malloc(sizeof(TextLine));
		if (*lines == NULL)
			fatal(EXIT_ERROR, "out of memory");
		(*lines)[0].start = 0;
		(*lines)[0].len = (int) strlen(text);
		(*lines)[0].width = textw;
		return 1;
	}
	n = text_wrap(&pr->enc, text, width, lines);
	if (*lines == NULL)
		fatal(EXIT_ERROR, "out of memory");
	return n;
}

static void
pad(FILE *out, int n)
{
	while (n-- > 0)
		fputc(' ', out);
}

static void
repeat(FILE *out, const char *s, int n)
{
	while (n-- > 0)
		fputs(s, out);
}

static const char *
cell_color(const char *v)
{
	if (strcmp(v, "not_ready") == 0 || strcmp(v, "overdue") == 0 ||
		strcmp(v, "error") == 0)
		return "\033[31m";
	if (strcmp(v, "at_risk") == 0 || strcmp(v, "warning") == 0)
		return "\033[33m";
	return NULL;
}

/* len bytes of text, in colour if color is set */
static void
put_colored(FILE *out, const char *text, int len, const char *color)
{
	if (color != NULL && len > 0)
		fputs(color, out);
	fwrite(text, 1, len, out);
	if (color != NULL && len > 0)
		fputs("\033[0m", out);
}

static const ColumnSpec *
column_spec(const Printer *pr, const char *name)
{
	const ColumnSpec *c;

	for (c = pr->columns; c != NULL && c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* the rank, min width and wrapping of column col, whose label is labelw wide */
static void
column_fit(const Printer *pr, const PGresult *res, int col, int labelw,
		   FitColumn *fit, bool *wrapped)
{
	const ColumnSpec *spec = column_spec(pr, PQfname(res, col));
	bool		numeric = is_numeric_type(PQftype(res, col));

	*wrapped = spec != NULL && spec->wrap;
	fit->wraps = *wrapped;
	if (spec != NULL)
	{
		fit->rank = spec->rank;
		fit->min = spec->min > 0 ? spec->min : fit->natural;
	}
	else
	{
		/* by position; text may be cut to 16 columns, numbers never */
		fit->rank = 100 + col;
		fit->min = numeric ? fit->natural : 16;
	}
	if (fit->min < labelw)
		fit->min = labelw;
}

/* one cell's text as the lines of its column, width wide */
typedef struct
{
	char	   *text;			/* rendered, maybe re-rendered narrower */
	TextLine   *lines;
	int			nlines;
} CellLines;

void
print_table(Printer *pr, const PGresult *res)
{
	int			ncols = PQnfields(res);
	int			nrows = PQntuples(res);
	size_t		ncells = (size_t) ncols * nrows;
	char	  **labels = calloc(ncols + 1, sizeof(char *));
	int		   *labelw = calloc(ncols + 1, sizeof(int));
	char	  **cells = calloc(ncells + 1, sizeof(char *));
	int		   *cellw = calloc(ncells + 1, sizeof(int));
	FitColumn  *fit = calloc(ncols + 1, sizeof(FitColumn));
	bool	   *wrapped = calloc(ncols + 1, sizeof(bool));
	CellLines  *rowlines = calloc(ncols + 1, sizeof(CellLines));
	int			shown = ncols;
	int			last = -1;		/* the last column shown */
	int			row,
				col;

	if (!labels || !labelw || !cells || !cellw || !fit || !wrapped || !rowlines)
		fatal(EXIT_ERROR, "out of memory");
	for (col = 0; col < ncols; col++)
	{
		const ColumnSpec *spec = column_spec(pr, PQfname(res, col));

		labels[col] = render(pr, spec && spec->label ? spec->label : PQfname(res, col),
							 value_limit(pr), &labelw[col]);
		/* without a header line, only the cells take room */
		if (!pr->header)
			labelw[col] = 0;
		/* a column of empty cells is still one column wide */
		fit[col].natural = labelw[col] > 0 ? labelw[col] : 1;
	}
	for (row = 0; row < nrows; row++)
		for (col = 0; col < ncols; col++)
		{
			size_t		i = (size_t) row * ncols + col;

			cells[i] = render(pr, PQgetvalue(res, row, col), value_limit(pr), &cellw[i]);
			if (cellw[i] > fit[col].natural)
				fit[col].natural = cellw[i];
		}
	for (col = 0; col < ncols; col++)
		column_fit(pr, res, col, labelw[col], &fit[col], &wrapped[col]);
	if (pr->wide)
		for (col = 0; col < ncols; col++)
			fit[col].width = fit[col].natural;
	else
		shown = fit_columns(fit, ncols, pr->width);
	for (col = 0; col < ncols; col++)
		if (fit[col].width > 0)
			last = col;

	if (pr->header)
	{
		bool		first = true;

		for (col = 0; col < ncols; col++)
		{
			int			w = fit[col].width;
			char	   *label = labels[col];
			int			lw = labelw[col];

			if (w == 0)
				continue;
			if (lw > w)
			{
				const ColumnSpec *spec = column_spec(pr, PQfname(res, col));

				label = render(pr, spec && spec->label ? spec->label : PQfname(res, col),
							   w, &lw);
				free(labels[col]);
				labels[col] = label;
			}
			fputs(first ? " " : " | ", pr->out);
			first = false;
			pad(pr->out, (w - lw) / 2);
			fputs(label, pr->out);
			pad(pr->out, w - lw - (w - lw) / 2);
		}
		fputc('\n', pr->out);
		first = true;
		for (col = 0; col < ncols; col++)
		{
			if (fit[col].width == 0)
				continue;
			if (!first)
				fputc('+', pr->out);
			first = false;
			repeat(pr->out, "-", fit[col].width + 2);
		}
		fputc('\n', pr->out);
	}
	for (row = 0; row < nrows; row++)
	{
		int			height = 1;
		int			line;

		/* each shown cell as lines: wrapped, or one line cut to the width */
		for (col = 0; col < ncols; col++)
		{
			size_t		i = (size_t) row * ncols + col;
			CellLines  *cl = &rowlines[col];
			int			w = fit[col].width;

			if (w == 0)
				continue;
			cl->text = cells[i];
			if (!wrapped[col] && cellw[i] > w)
			{
				cl->text = render(pr, PQgetvalue(res, row, col), w, &cellw[i]);
				free(cells[i]);
				cells[i] = cl->text;
			}
			cl->nlines = wrapped[col] ? wrap(pr, cl->text, cellw[i], w, &cl->lines) :
				wrap(pr, cl->text, cellw[i], cellw[i], &cl->lines);
			if (cl->nlines > height)
				height = cl->nlines;
		}
		for (line = 0; line < height; line++)
		{
			bool		first = true;

			for (col = 0; col < ncols; col++)
			{
				CellLines  *cl = &rowlines[col];
				int			w = fit[col].width;
				bool		right = is_numeric_type(PQftype(res, col));
				const char *color = pr->color ? cell_color(PQgetvalue(res, row, col)) : NULL;
				int			len = 0,
							tw = 0;
				const char *text = "";

				if (w == 0)
					continue;
				if (line < cl->nlines)
				{
					text = cl->text + cl->lines[line].start;
					len = cl->lines[line].len;
					tw = cl->lines[line].width;
				}
				fputs(first ? " " : " | ", pr->out);
				first = false;
				if (right)
					pad(pr->out, w - tw);
				put_colored(pr->out, text, len, color);
				if (!right && col != last)
					pad(pr->out, w - tw);
			}
			fputc('\n', pr->out);
		}
		for (col = 0; col < ncols; col++)
		{
			free(rowlines[col].lines);
			rowlines[col].lines = NULL;
		}
	}
	if (pr->header)
	{
		fprintf(pr->out, "(%d row%s", nrows, nrows == 1 ? "" : "s");
		if (shown < ncols)
			fprintf(pr->out, "; %d column%s not shown, see --wide or -x",
					ncols - shown, ncols - shown == 1 ? "" : "s");
		fputs(")\n", pr->out);
	}
	for (col = 0; col < ncols; col++)
		free(labels[col]);
	for (row = 0; (size_t) row < ncells; row++)
		free(cells[row]);
	free(labels);
	free(labelw);
	free(cells);
	free(cellw);
	free(fit);
	free(wrapped);
	free(rowlines);
	pr->rows = nrows;
}

/* a field's name, then its value's lines, each after "name | " */
static void
print_field_lines(Printer *pr, const char *name, int namew, int width,
				  const char *value, int valw, const char *sep)
{
	TextLine   *lines;
	int			n = wrap(pr, value, valw, width, &lines);
	int			i;

	for (i = 0; i < n; i++)
	{
		if (i == 0)
		{
			int			w;
			char	   *shown = render(pr, name, namew, &w);

			fputs(shown, pr->out);
			pad(pr->out, namew - w);
			free(shown);
		}
		else
			pad(pr->out, namew);
		fputs(sep, pr->out);
		fwrite(value + lines[i].start, 1, lines[i].len, pr->out);
		fputc('\n', pr->out);
	}
	free(lines);
}

/*
 * -x: psql's expanded records: a "-[ RECORD n ]" line, then one line per
 * field, "name | value", long values wrapped under themselves.
 */
void
print_expanded(Printer *pr, const PGresult *res)
{
	int			ncols = PQnfields(res);
	int			nrows = PQntuples(res);
	int			namew = 0;
	int			valw = 0;
	int			width;
	int			row,
				col;

	for (col = 0; col < ncols; col++)
	{
		char	   *name = render(pr, PQfname(res, col), value_limit(pr), &width);

		if (width > namew)
			namew = width;
		free(name);
	}
	if (!pr->wide && namew > pr->width / 2)
		namew = pr->width / 2;
	/* the room for values: what is left of the line, at least 10 */
	width = pr->width - namew - 3;
	if (width < 10)
		width = 10;
	if (pr->wide)
		width = TEXT_UNLIMITED;
	for (row = 0; row < nrows; row++)
		for (col = 0; col < ncols; col++)
		{
			int			w;
			char	   *v = render(pr, PQgetvalue(res, row, col), value_limit(pr), &w);

			if (w > valw)
				valw = w;
			free(v);
		}
	if (width >= 0 && valw > width)
		valw = width;
	if (nrows == 0 && pr->header)
		fputs("(0 rows)\n", pr->out);
	for (row = 0; row < nrows; row++)
	{
		if (pr->header)
		{
			char		head[64];
			int			len = snprintf(head, sizeof(head), "-[ RECORD %d ]", row + 1);

			fputs(head, pr->out);
			if (len <= namew)
			{
				repeat(pr->out, "-", namew + 1 - len);
				fputc('+', pr->out);
				repeat(pr->out, "-", valw + 1);
			}
			else
				repeat(pr->out, "-", namew + 3 + valw - len);
			fputc('\n', pr->out);
		}
		else if (row > 0)
			fputc('\n', pr->out);
		for (col = 0; col < ncols; col++)
		{
			int			w;
			char	   *v = render(pr, PQgetvalue(res, row, col), value_limit(pr), &w);

			print_field_lines(pr, PQfname(res, col), namew, width < 0 ? w : width,
							  v, w, " | ");
			free(v);
		}
	}
	pr->rows = nrows;
}

/* the indent of a card's values under their fields */
#define CARD_UNDER 6

/*
 * A card: rows of (section, field, value) shown, in table format, as
 * sections: the section's name, then a line per field, "  field  value".
 * Each section aligns its values after its own widest field, so a value
 * sits near its field and has the room its section leaves.  In a section
 * whose widest field would take more than 2/5 of the width (rule codes),
 * each value goes under its field instead, indented.  Long values wrap at
 * word boundaries with a hanging indent; an empty value leaves no trailing
 * space.  Machine formats get the rows as they are; --wide cuts and wraps
 * nothing.
 */
void
print_card(Printer *pr, const PGresult *res)
{
	int			nrows = PQntuples(res);
	int			first,
				row;

	if (pr->format != FMT_TABLE || PQnfields(res) != 3)
	{
		print_result(pr, res);
		return;
	}
	for (first = 0; first < nrows; first = row)
	{
		const char *sec = PQgetvalue(res, first, 0);
		int			keyw = 0;
		int			indent;
		int			valw;
		bool		under;

		/* the section: its rows, and its widest field */
		for (row = first; row < nrows && strcmp(PQgetvalue(res, row, 0), sec) == 0; row++)
		{
			int			w;
			char	   *key = render(pr, PQgetvalue(res, row, 1), value_limit(pr), &w);

			if (w > keyw)
				keyw = w;
			free(key);
		}
		under = !pr->wide && keyw > pr->width * 2 / 5;
		indent = under ? CARD_UNDER : 2 + keyw + 2;
		valw = pr->width - indent;
		if (valw < 10)
			valw = 10;
		if (first > 0)
			fputc('\n', pr->out);
		if (pr->header)
		{
			int			sw;
			char	   *shown = render(pr, sec, pr->wide ? TEXT_UNLIMITED : pr->width, &sw);

			fprintf(pr->out, "%s%s%s\n", pr->color ? "\033[1m" : "", shown,
					pr->color ? "\033[0m" : "");
			free(shown);
		}
		for (row = first; row < nrows && strcmp(PQgetvalue(res, row, 0), sec) == 0; row++)
		{
			const char *raw = PQgetvalue(res, row, 2);
			const char *color = pr->color ? cell_color(raw) : NULL;
			int			w,
						kw;
			char	   *val = render(pr, raw, value_limit(pr), &w);
			char	   *key = render(pr, PQgetvalue(res, row, 1),
									 under ? pr->width - 2 : keyw, &kw);
			TextLine   *lines;
			int			n,
						i;

			if (color == NULL && pr->color && strcmp(sec, "gap") == 0)
				color = (strncmp(raw, "error", 5) == 0) ? "\033[31m" : "\033[33m";
			fprintf(pr->out, "  %s", key);
			free(key);
			if (w == 0)
			{
				fputc('\n', pr->out);
				free(val);
				continue;
			}
			if (under)
				fputc('\n', pr->out);
			n = wrap(pr, val, w, valw, &lines);
			for (i = 0; i < n; i++)
			{
				if (i > 0 || under)
					pad(pr->out, indent);
				else
					pad(pr->out, keyw - kw + 2);
				put_colored(pr->out, val + lines[i].start, lines[i].len, color);
				fputc('\n', pr->out);
			}
			free(lines);
			free(val);
		}
	}
	pr->rows = nrows;
}

/* a bar chart of one numeric column by one label column, fitted to the width */
void
print_bars(Printer *pr, const PGresult *res, int labelcol, int valuecol)
{
	int			nrows = PQntuples(res);
	long		max = 0;
	int			labelw = 0;
	int			barw;
	char		digits[32];
	int			row;
	bool		ascii = pr->ascii;

	if (pr->format != FMT_TABLE || nrows == 0)
		return;
	/* block characters only where the client encoding is UTF-8 */
	if (pr->enc.charset != TEXT_UTF8)
		ascii = true;
	for (row = 0; row < nrows; row++)
	{
		long		v = atol(PQgetvalue(res, row, valuecol));
		int			w;
		char	   *label = render(pr, PQgetvalue(res, row, labelcol), value_limit(pr), &w);

		if (v > max)
			max = v;
		if (w > labelw)
			labelw = w;
		free(label);
	}
	/* " label bars N": labels up to half the line, 10 to 40 bars */
	barw = pr->width - 3 - snprintf(digits, sizeof(digits), "%ld", max);
	if (!pr->wide && labelw > barw / 2)
		labelw = barw / 2;
	barw -= labelw;
	barw = barw > 40 ? 40 : (barw < 10 ? 10 : barw);
	if (pr->wide)
		barw = 40;
	fputc('\n', pr->out);
	for (row = 0; row < nrows; row++)
	{
		int			w;
		char	   *label = render(pr, PQgetvalue(res, row, labelcol), labelw, &w);
		long		v = atol(PQgetvalue(res, row, valuecol));
		long		eighths = max > 0 ? (v * barw * 8 + max / 2) / max : 0;
		long		i;
		static const char *const part[8] = {
			"", "\342\226\217", "\342\226\216", "\342\226\215",
			"\342\226\214", "\342\226\213", "\342\226\212", "\342\226\211"
		};

		fprintf(pr->out, " %s", label);
		pad(pr->out, labelw - w + 1);
		for (i = 0; i < eighths / 8; i++)
			fputs(ascii ? "#" : "\342\226\210", pr->out);
		if (!ascii)
			fputs(part[eighths % 8], pr->out);
		else if (eighths % 8 >= 4)
			fputc('#', pr->out);
		fprintf(pr->out, " %ld\n", v);
		free(label);
	}
}

/*
 * watch in table format: a change in one line, "HH:MM:SS prison_number name
 * (prison): from -> to", the name cut to leave room; then, indented, the
 * gaps it closed and opened (the reason for the change), wrapped.
 */
void
print_watch_line(Printer *pr, const PGresult *res)
{
	static const char *const reasons[][2] = {
		{"gaps_closed", "closed"}, {"gaps_opened", "opened"}
	};
	const char *changed_at = PQgetvalue(res, 0, PQfnumber(res, "changed_at"));
	char		at[9];
	char	   *pn,
			   *prison,
			   *from,
			   *to,
			   *name;
	int			w,
				used,
				namew,
				i;

	/* "YYYY-MM-DD HH:MM:SS..." in the session's zone: the time of day */
	snprintf(at, sizeof(at), "%s", strlen(changed_at) >= 19 ? changed_at + 11 : changed_at);
	pn = render(pr, PQgetvalue(res, 0, PQfnumber(res, "prison_number")), 20, &w);
	used = (int) strlen(at) + 1 + w + 1;
	prison = render(pr, PQgetvalue(res, 0, PQfnumber(res, "prison_code")), 10, &w);
	used += w + 4;				/* " (" prison "): " */
	from = render(pr, PQgetisnull(res, 0, PQfnumber(res, "from")) ? "-" :
				  PQgetvalue(res, 0, PQfnumber(res, "from")), 20, &w);
	used += w + 4;				/* " -> " */
	to = render(pr, PQgetvalue(res, 0, PQfnumber(res, "to")), 20, &w);
	used += w;
	namew = pr->wide ? TEXT_UNLIMITED : pr->width - used;
	if (namew < 8)
		namew = 8;
	name = render(pr, PQgetvalue(res, 0, PQfnumber(res, "name")), namew, &w);
	fprintf(pr->out, "%s %s %s (%s): %s -> %s\n", at, pn, name, prison, from, to);
	for (i = 0; i < (int) (sizeof(reasons) / sizeof(reasons[0])); i++)
	{
		int			col = PQfnumber(res, reasons[i][0]);
		int			indent = 2 + (int) strlen(reasons[i][1]) + 2;
		TextLine   *lines;
		char	   *text;
		int			n,
					j;

		if (PQgetisnull(res, 0, col))
			continue;
		text = render(pr, PQgetvalue(res, 0, col), value_limit(pr), &w);
		n = wrap(pr, text, w, pr->width - indent > 20 ? pr->width - indent : 20, &lines);
		for (j = 0; j < n; j++)
		{
			if (j == 0)
				fprintf(pr->out, "  %s: ", reasons[i][1]);
			else
				pad(pr->out, indent);
			fwrite(text + lines[j].start, 1, lines[j].len, pr->out);
			fputc('\n', pr->out);
		}
		free(lines);
		free(text);
	}
	free(pn);
	free(prison);
	free(from);
	free(to);
	free(name);
}

/*
 * A case's line in the worklist: prison number, name (cut to leave room for
 * the rest), release date and days to it, readiness level, and the POM if
 * there is room (always with --wide).
 */
static void
worklist_case(Printer *pr, const PGresult *res, int row, bool blank_before)
{
	const char *raw_level = PQgetvalue(res, row, PQfnumber(res, "readiness"));
	int			c_release = PQfnumber(res, "release_date");
	int			c_pom = PQfnumber(res, "pom_name");
	int			days = atoi(PQgetvalue(res, row, PQfnumber(res, "days_to_release")));
	char		when[64];
	char	   *pn,
			   *name,
			   *level,
			   *rest;
	int			pnw,
				namew,
				levelw,
				restw,
				used;

	if (blank_before)
		fputc('\n', pr->out);
	pn = render(pr, PQgetvalue(res, row, PQfnumber(res, "prison_number")), value_limit(pr), &pnw);
	level = render(pr, raw_level, value_limit(pr), &levelw);
	if (PQgetisnull(res, row, c_release))
		snprintf(when, sizeof(when), "no release date");
	else if (days == 0)
		snprintf(when, sizeof(when), "release %.10s (today)",
				 PQgetvalue(res, row, c_release));
	else if (days > 0)
		snprintf(when, sizeof(when), "release %.10s (in %d day%s)",
				 PQgetvalue(res, row, c_release), days, days == 1 ? "" : "s");
	else
		snprintf(when, sizeof(when), "release %.10s (%d day%s ago)",
				 PQgetvalue(res, row, c_release), -days, days == -1 ? "" : "s");
	rest = render(pr, when, value_limit(pr), &restw);
	restw += 2 + 2 + levelw;
	namew = pr->wide ? TEXT_UNLIMITED : pr->width - pnw - 2 - restw;
	if (!pr->wide && namew < 12)
		namew = 12;
	name = render(pr, PQgetvalue(res, row, PQfnumber(res, "name")), namew, &namew);
	fprintf(pr->out, "%s%s  %s%s", pr->color ? "\033[1m" : "", pn, name,
			pr->color ? "\033[0m" : "");
	used = pnw + 2 + namew;
	if (pr->wide || used + restw <= pr->width)
	{
		fprintf(pr->out, "  %s  ", rest);
		put_colored(pr->out, level, (int) strlen(level),
					pr->color ? cell_color(raw_level) : NULL);
		used += restw;
		if (!PQgetisnull(res, row, c_pom) && (pr->wide || pr->width - used >= 12))
		{
			const char *pom = PQgetvalue(res, row, c_pom);
			char	   *label = malloc(strlen(pom) + 8);
			char	   *shown;
			int			w;

			if (label == NULL)
				fatal(EXIT_ERROR, "out of memory");
			sprintf(label, "  POM %s", pom);
			shown = render(pr, label, pr->wide ? TEXT_UNLIMITED : pr->width - used, &w);
			fputs(shown, pr->out);
			free(shown);
			free(label);
		}
	}
	fputc('\n', pr->out);
	free(pn);
	free(name);
	free(level);
	free(rest);
}

/*
 * gaps, and the worklist (gaps --weeks N), at a terminal: for each case, a
 * line saying who, when they are released, how ready and whose case it is,
 * then one line per gap under it, its due date, severity and message, the
 * message wrapped at word boundaries under itself.  Rows of one case are
 * adjacent (resettle.gaps() orders them so); a blank line parts the cases.
 * Fits pr->width (the case line cut with an ellipsis); with --wide, or no
 * width to fit, gaps is a table instead, but this cuts nothing then too.
 */
void
print_worklist(Printer *pr, const PGresult *res)
{
	int			nrows = PQntuples(res);
	int			c_pn = PQfnumber(res, "prison_number");
	int			c_due = PQfnumber(res, "due_on");
	int			c_sev = PQfnumber(res, "severity");
	int			c_msg = PQfnumber(res, "message");
	/* "  2026-01-07  warning  " */
	const int	indent = 2 + 10 + 2 + 7 + 2;
	int			msgw = pr->width - indent;
	int			ncases = 0;
	int			row;

	if (c_pn < 0 || c_due < 0 || c_sev < 0 || c_msg < 0 ||
		PQfnumber(res, "name") < 0 || PQfnumber(res, "release_date") < 0 ||
		PQfnumber(res, "days_to_release") < 0 || PQfnumber(res, "readiness") < 0 ||
		PQfnumber(res, "pom_name") < 0)
		fatal(EXIT_ERROR, "gaps: the server's result lacks a worklist column");
	if (msgw < 20)
		msgw = 20;
	for (row = 0; row < nrows; row++)
	{
		const char *sev = PQgetvalue(res, row, c_sev);
		const char *color = pr->color ? cell_color(sev) : NULL;
		char	   *text;
		int			w;
		TextLine   *lines;
		int			n,
					i;

		if (row == 0 || strcmp(PQgetvalue(res, row, c_pn), PQgetvalue(res, row - 1, c_pn)) != 0)
			worklist_case(pr, res, row, ncases++ > 0);
		/* the gap: due date, severity, the message wrapped under itself */
		text = render(pr, PQgetisnull(res, row, c_due) ? "now" :
					  PQgetvalue(res, row, c_due), 10, &w);
		fputs("  ", pr->out);
		fputs(text, pr->out);
		pad(pr->out, 10 - w + 2);
		free(text);
		text = render(pr, sev, 7, &w);
		put_colored(pr->out, text, (int) strlen(text), color);
		pad(pr->out, 7 - w + 2);
		free(text);
		text = render(pr, PQgetvalue(res, row, c_msg), value_limit(pr), &w);
		n = wrap(pr, text, w, msgw, &lines);
		for (i = 0; i < n; i++)
		{
			if (i > 0)
				pad(pr->out, indent);
			fwrite(text + lines[i].start, 1, lines[i].len, pr->out);
			fputc('\n', pr->out);
		}
		free(lines);
		free(text);
	}
	if (pr->header)
	{
		if (ncases > 0)
			fputc('\n', pr->out);
		fprintf(pr->out, "(%d case%s, %d gap%s)\n", ncases, ncases == 1 ? "" : "s",
				nrows, nrows == 1 ? "" : "s");
	}
	pr->rows = nrows;
}
