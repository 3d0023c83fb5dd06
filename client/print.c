/*
 * print.c: the output formats.  table mimics psql's aligned format; csv is
 * RFC 4180 with NULL as an unquoted empty field; tsv escapes backslash, tab
 * and newline; json is one array of objects, ndjson one object per line,
 * with values typed by the column's type.  csv, tsv and ndjson stream row by
 * row; table needs the whole result for its column widths.
 */
#include "resettle.h"
#include "textfmt.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* type OIDs (pg_type.dat) */
#define BOOLOID		16
#define INT8OID		20
#define INT2OID		21
#define INT4OID		23
#define OIDOID		26
#define JSONOID		114
#define FLOAT4OID	700
#define FLOAT8OID	701
#define NUMERICOID	1700
#define JSONBOID	3802

static bool
is_numeric_type(Oid t)
{
	return t == INT2OID || t == INT4OID || t == INT8OID || t == OIDOID ||
		t == FLOAT4OID || t == FLOAT8OID || t == NUMERICOID;
}

/*
 * The pager program: RESETTLE_PAGER, else PAGER, else less; a value that is
 * empty or all white space disables paging (NULL).
 */
static const char *
pager_program(void)
{
	const char *p = getenv("RESETTLE_PAGER");

	if (p == NULL)
		p = getenv("PAGER");
	if (p == NULL)
		return "less";
	if (strspn(p, " \t\r\n") == strlen(p))
		return NULL;
	return p;
}

/*
 * Set up a printer.  conn gives the client encoding for display widths
 * (PQdsplen); may_page allows the pager, used only for table output to a
 * terminal (stdin and stdout both ttys), unless --no-pager.
 */
/*
 * The output format of a command whose default is fallback (FMT_DEFAULT:
 * table on a terminal, else tsv): --format if given.  *tty tells whether
 * the output goes to a terminal (stdout, no -o FILE).  Decided before
 * connecting, as the client encoding depends on it.
 */
Format
output_format(Format fallback, bool *tty)
{
	bool		to_stdout = (opts.output == NULL || strcmp(opts.output, "-") == 0);
	bool		t = to_stdout && isatty(fileno(stdout));

	if (tty != NULL)
		*tty = t;
	if (opts.format != FMT_DEFAULT)
		return opts.format;
	if (fallback != FMT_DEFAULT)
		return fallback;
	return t ? FMT_TABLE : FMT_TSV;
}

void
printer_init(Printer *pr, Format fallback, PGconn *conn, bool may_page)
{
	bool		tty;

	pr->format = output_format(fallback, &tty);
	pr->out = stdout;
	if (opts.output != NULL && strcmp(opts.output, "-") != 0)
	{
		pr->out = fopen(opts.output, "w");
		if (pr->out == NULL)
			fatal(EXIT_ERROR, "could not open \"%s\" for writing: %m", opts.output);
	}
	pr->header = !opts.no_header;
	pr->ascii = opts.ascii;
	if (opts.color >= 0)
		pr->color = opts.color;
	else
	{
		const char *nc = getenv("NO_COLOR");
		const char *term = getenv("TERM");

		pr->color = tty && !(nc != NULL && nc[0] != '\0') &&
			!(term != NULL && strcmp(term, "dumb") == 0);
	}
	if (pr->format != FMT_TABLE)
		pr->color = false;
	pr->rows = 0;
	pr->encoding = (conn != NULL) ? PQclientEncoding(conn) : -1;
	pr->pager = NULL;
	pr->pagebuf = NULL;
	pr->pagelen = 0;
	if (pr->format == FMT_TABLE && may_page && !opts.no_pager && tty &&
		isatty(fileno(stdin)) && (pr->pager = pager_program()) != NULL)
	{
		/* buffered, to see whether it fits the window */
		pr->out = open_memstream(&pr->pagebuf, &pr->pagelen);
		if (pr->out == NULL)
		{
			pr->out = stdout;
			pr->pager = NULL;
		}
	}
}

/* write table output buffered for the pager: paged if taller than the window */
static void
page_output(Printer *pr)
{
	struct winsize ws;
	size_t		lines = 0;
	size_t		i;
	FILE	   *pipe;
	void		(*old_sigpipe) (int);

	for (i = 0; i < pr->pagelen; i++)
		if (pr->pagebuf[i] == '\n')
			lines++;
	/* as psql: page when the window size is unknown or too small */
	if (lines == 0 ||
		(ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && lines < ws.ws_row))
	{
		fwrite(pr->pagebuf, 1, pr->pagelen, stdout);
		return;
	}
	if (getenv("LESS") == NULL)
		setenv("LESS", "FRX", 0);
	fflush(stdout);
	old_sigpipe = signal(SIGPIPE, SIG_IGN);
	pipe = popen(pr->pager, "w");
	if (pipe == NULL)
		fwrite(pr->pagebuf, 1, pr->pagelen, stdout);
	else
	{
		/* quitting the pager early is not an error */
		fwrite(pr->pagebuf, 1, pr->pagelen, pipe);
		pclose(pipe);
	}
	signal(SIGPIPE, old_sigpipe);
}

void
printer_close(Printer *pr)
{
	if (pr->pager != NULL)
	{
		if (fclose(pr->out) != 0)
			fatal(EXIT_ERROR, "could not buffer output: %m");
		pr->out = stdout;
		page_output(pr);
		free(pr->pagebuf);
		pr->pagebuf = NULL;
		pr->pager = NULL;
	}
	if (fflush(pr->out) != 0 || ferror(pr->out))
		fatal(EXIT_ERROR, "could not write output: %m");
	if (pr->out != stdout && fclose(pr->out) != 0)
		fatal(EXIT_ERROR, "could not write \"%s\": %m", opts.output);
}

static void
json_value(FILE *out, const PGresult *res, int row, int col)
{
	const char *v;
	Oid			t;

	if (PQgetisnull(res, row, col))
	{
		fputs("null", out);
		return;
	}
	v = PQgetvalue(res, row, col);
	t = PQftype(res, col);
	if (is_numeric_type(t) && json_is_number(v))
		fputs(v, out);
	else if (t == BOOLOID)
		fputs(v[0] == 't' ? "true" : "false", out);
	else if (t == JSONOID || t == JSONBOID)
		fputs(v, out);
	else
		json_write_string(out, v);
}

static void
json_object(FILE *out, const PGresult *res, int row)
{
	int			col;

	fputc('{', out);
	for (col = 0; col < PQnfields(res); col++)
	{
		if (col > 0)
			fputc(',', out);
		json_write_string(out, PQfname(res, col));
		fputc(':', out);
		json_value(out, res, row, col);
	}
	fputc('}', out);
}

void
printer_begin(Printer *pr, const PGresult *res)
{
	int			col;

	switch (pr->format)
	{
		case FMT_CSV:
		case FMT_TSV:
			if (!pr->header)
				break;
			for (col = 0; col < PQnfields(res); col++)
			{
				if (col > 0)
					fputc(pr->format == FMT_CSV ? ',' : '\t', pr->out);
				if (pr->format == FMT_CSV)
					csv_write_field(pr->out, PQfname(res, col), false);
				else
					tsv_write_field(pr->out, PQfname(res, col));
			}
			fputc('\n', pr->out);
			break;
		case FMT_JSON:
			fputc('[', pr->out);
			break;
		default:
			break;
	}
}

void
printer_row(Printer *pr, const PGresult *res, int row)
{
	int			col;

	switch (pr->format)
	{
		case FMT_CSV:
		case FMT_TSV:
			for (col = 0; col < PQnfields(res); col++)
			{
				if (col > 0)
					fputc(pr->format == FMT_CSV ? ',' : '\t', pr->out);
				if (pr->format == FMT_CSV)
					csv_write_field(pr->out, PQgetvalue(res, row, col),
									PQgetisnull(res, row, col));
				else
					tsv_write_field(pr->out, PQgetvalue(res, row, col));
			}
			fputc('\n', pr->out);
			break;
		case FMT_JSON:
			fputs(pr->rows > 0 ? ",\n" : "\n", pr->out);
			json_object(pr->out, res, row);
			break;
		case FMT_NDJSON:
			json_object(pr->out, res, row);
			fputc('\n', pr->out);
			break;
		default:
			break;
	}
	pr->rows++;
}

void
printer_end(Printer *pr)
{
	if (pr->format == FMT_JSON)
		fputs(pr->rows > 0 ? "\n]\n" : "]\n", pr->out);
}

/* a cell as shown in a table: control characters escaped like tsv */
static char *
cell_text(const PGresult *res, int row, int col)
{
	const char *v = PQgetvalue(res, row, col);
	char	   *buf = malloc(strlen(v) * 2 + 1);
	char	   *q = buf;

	if (buf == NULL)
		fatal(EXIT_ERROR, "out of memory");
	for (; *v; v++)
	{
		if (*v == '\n' || *v == '\t' || *v == '\r')
		{
			*q++ = '\\';
			*q++ = (*v == '\n') ? 'n' : (*v == '\t') ? 't' : 'r';
		}
		else
			*q++ = *v;
	}
	*q = '\0';
	return buf;
}

/*
 * Display width in terminal columns: libpq's PQdsplen/PQmblenBounded in the
 * connection's client encoding (as psql measures), or the pure UTF-8 helper
 * of textfmt.c when no connection is known.  Non-printing characters count 0.
 */
static int
disp_width(const Printer *pr, const char *s)
{
	int			w = 0;

	if (pr->encoding < 0)
		return text_width(s);
	while (*s)
	{
		int			len = PQmblenBounded(s, pr->encoding);
		int			d = PQdsplen(s, pr->encoding);

		if (d > 0)
			w += d;
		s += (len > 0) ? len : 1;
	}
	return w;
}

static void
pad(FILE *out, int n)
{
	while (n-- > 0)
		fputc(' ', out);
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

static void
print_table(Printer *pr, const PGresult *res)
{
	int			ncols = PQnfields(res);
	int			nrows = PQntuples(res);
	int		   *width = calloc(ncols > 0 ? ncols : 1, sizeof(int));
	char	  **cells = calloc((size_t) ncols * nrows + 1, sizeof(char *));
	/* psql's aligned layout, ASCII lines, so pspg can page it */
	const char *vbar = "|";
	const char *hbar = "-";
	const char *cross = "+";
	int			row,
				col;

	if (width == NULL || cells == NULL)
		fatal(EXIT_ERROR, "out of memory");
	for (col = 0; col < ncols; col++)
		width[col] = disp_width(pr, PQfname(res, col));
	for (row = 0; row < nrows; row++)
		for (col = 0; col < ncols; col++)
		{
			char	   *c = cell_text(res, row, col);
			int			w = disp_width(pr, c);

			cells[row * ncols + col] = c;
			if (w > width[col])
				width[col] = w;
		}
	if (pr->header)
	{
		for (col = 0; col < ncols; col++)
		{
			const char *name = PQfname(res, col);
			int			extra = width[col] - disp_width(pr, name);

			fputc(' ', pr->out);
			pad(pr->out, extra / 2);
			fputs(name, pr->out);
			pad(pr->out, extra - extra / 2);
			fputs(col < ncols - 1 ? " " : "", pr->out);
			if (col < ncols - 1)
				fputs(vbar, pr->out);
		}
		fputc('\n', pr->out);
		for (col = 0; col < ncols; col++)
		{
			int			i;

			for (i = 0; i < width[col] + 2; i++)
				fputs(hbar, pr->out);
			if (col < ncols - 1)
				fputs(cross, pr->out);
		}
		fputc('\n', pr->out);
	}
	for (row = 0; row < nrows; row++)
	{
		for (col = 0; col < ncols; col++)
		{
			const char *c = cells[row * ncols + col];
			int			extra = width[col] - disp_width(pr, c);
			const char *color = pr->color ? cell_color(c) : NULL;
			bool		right = is_numeric_type(PQftype(res, col));

			fputc(' ', pr->out);
			if (right)
				pad(pr->out, extra);
			if (color)
				fputs(color, pr->out);
			fputs(c, pr->out);
			if (color)
				fputs("\033[0m", pr->out);
			if (col < ncols - 1)
			{
				if (!right)
					pad(pr->out, extra);
				fputc(' ', pr->out);
				fputs(vbar, pr->out);
			}
		}
		fputc('\n', pr->out);
	}
	if (pr->header)
		fprintf(pr->out, "(%d row%s)\n", nrows, nrows == 1 ? "" : "s");
	for (row = 0; row < nrows * ncols; row++)
		free(cells[row]);
	free(cells);
	free(width);
	pr->rows = nrows;
}

void
print_result(Printer *pr, const PGresult *res)
{
	int			row;

	if (pr->format == FMT_TABLE)
	{
		print_table(pr, res);
		return;
	}
	printer_begin(pr, res);
	for (row = 0; row < PQntuples(res); row++)
		printer_row(pr, res, row);
	printer_end(pr);
}

/*
 * A card: rows of (section, field, value) shown as sections of key/value
 * lines in table format; machine formats get the rows as they are.
 */
void
print_card(Printer *pr, const PGresult *res)
{
	int			nrows = PQntuples(res);
	int			keyw = 0;
	int			row;
	const char *section = NULL;

	if (pr->format != FMT_TABLE || PQnfields(res) != 3)
	{
		print_result(pr, res);
		return;
	}
	for (row = 0; row < nrows; row++)
	{
		int			w = disp_width(pr, PQgetvalue(res, row, 1));

		if (w > keyw)
			keyw = w;
	}
	for (row = 0; row < nrows; row++)
	{
		const char *sec = PQgetvalue(res, row, 0);
		const char *key = PQgetvalue(res, row, 1);
		char	   *val = cell_text(res, row, 2);
		const char *color = pr->color ? cell_color(val) : NULL;

		if (section == NULL || strcmp(section, sec) != 0)
		{
			if (section != NULL)
				fputc('\n', pr->out);
			if (pr->header)
				fprintf(pr->out, "%s%s%s\n", pr->color ? "\033[1m" : "", sec,
						pr->color ? "\033[0m" : "");
			section = sec;
		}
		fprintf(pr->out, "  %s", key);
		pad(pr->out, keyw - disp_width(pr, key) + 2);
		if (color == NULL && pr->color && strcmp(sec, "gap") == 0)
			color = (strncmp(val, "error", 5) == 0) ? "\033[31m" : "\033[33m";
		fprintf(pr->out, "%s%s%s\n", color ? color : "", val, color ? "\033[0m" : "");
		free(val);
	}
	pr->rows = nrows;
}

/* a bar chart of one numeric column by one label column */
void
print_bars(Printer *pr, const PGresult *res, int labelcol, int valuecol)
{
	int			nrows = PQntuples(res);
	long		max = 0;
	int			labelw = 0;
	int			row;
	const int	barw = 40;

	bool		ascii = pr->ascii;

	if (pr->format != FMT_TABLE || nrows == 0)
		return;
	/* block characters only where the client encoding is UTF-8 */
	if (pr->encoding >= 0 && strcmp(pg_encoding_to_char(pr->encoding), "UTF8") != 0)
		ascii = true;
	for (row = 0; row < nrows; row++)
	{
		long		v = atol(PQgetvalue(res, row, valuecol));
		int			w = disp_width(pr, PQgetvalue(res, row, labelcol));

		if (v > max)
			max = v;
		if (w > labelw)
			labelw = w;
	}
	fputc('\n', pr->out);
	for (row = 0; row < nrows; row++)
	{
		const char *label = PQgetvalue(res, row, labelcol);
		long		v = atol(PQgetvalue(res, row, valuecol));
		long		eighths = max > 0 ? (v * barw * 8 + max / 2) / max : 0;
		long		i;
		static const char *const part[8] = {
			"", "\342\226\217", "\342\226\216", "\342\226\215",
			"\342\226\214", "\342\226\213", "\342\226\212", "\342\226\211"
		};

		fprintf(pr->out, " %s", label);
		pad(pr->out, labelw - disp_width(pr, label) + 1);
		for (i = 0; i < eighths / 8; i++)
			fputs(ascii ? "#" : "\342\226\210", pr->out);
		if (!ascii)
			fputs(part[eighths % 8], pr->out);
		else if (eighths % 8 >= 4)
			fputc('#', pr->out);
		fprintf(pr->out, " %ld\n", v);
	}
}
