/*
 * print.c: the printer and the machine formats.  csv is RFC 4180 with NULL
 * as an unquoted empty field and formulas neutralised (textfmt.h); tsv
 * escapes as table output does; json is one array of objects, ndjson one
 * object per line, with values typed by the column's type.  csv, tsv and
 * ndjson stream row by row.  The terminal layouts (table, -x, card, bars)
 * are in print_table.c; table output may go through a pager.
 */
#include "resettle.h"
#include "textfit.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
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

bool
is_numeric_type(Oid t)
{
	return t == INT2OID || t == INT4OID || t == INT8OID || t == OIDOID ||
		t == FLOAT4OID || t == FLOAT8OID || t == NUMERICOID;
}

/*
 * A value as csv and tsv write it: booleans as true and false (as JSON and
 * spreadsheets read them), not the server's t and f; the rest as sent.
 */
static const char *
field_text(const PGresult *res, int row, int col)
{
	const char *v = PQgetvalue(res, row, col);

	if (PQftype(res, col) == BOOLOID && !PQgetisnull(res, row, col))
		return strcmp(v, "t") == 0 ? "true" : "false";
	return v;
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
 * The output format of a command whose default is fallback (FMT_DEFAULT:
 * table on a terminal or with -x or --wide, else tsv): --format if given.  *tty tells whether
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
	/* -x and --wide are asked of table output, piped or not */
	return (t || opts.expanded || opts.wide) ? FMT_TABLE : FMT_TSV;
}

/*
 * The columns table output fits, 0 for no limit.  --width if given.  On a
 * terminal: its width (TIOCGWINSZ), else COLUMNS, else 80.  Not on a
 * terminal (a pipe, a file, -o FILE): no limit, as psql, which fits only
 * what it writes to a terminal unless told a width (\pset columns): a
 * program or a file gets every column and every value whole.
 */
int
output_width(bool tty)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;

	if (opts.width > 0)
		return opts.width;
	if (!tty)
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (env != NULL && atoi(env) >= 20)
		return atoi(env);
	return 80;
}

/*
 * Set up a printer.  conn gives the client encoding for display widths
 * (PQdsplen) and escaping; may_page allows the pager, used only for table
 * output to a terminal (stdin and stdout both ttys), unless --no-pager.
 */
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
	text_encoding_for(pr->encoding, &pr->enc);
	/* what a person reads is escaped: csv too when it goes to a terminal */
	pr->escape = pr->format == FMT_TABLE || pr->format == FMT_TSV ||
		(pr->format == FMT_CSV && tty);
	pr->width = output_width(tty);
	/* no width to fit (not a terminal) is --wide, as psql's aligned format */
	pr->wide = opts.wide || pr->width == 0;
	pr->columns = NULL;
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

/* text buffered for the pager: paged if taller than the window */
static void
page_output(const char *pager, const char *buf, size_t len)
{
	struct winsize ws;
	size_t		lines = 0;
	size_t		i;
	FILE	   *pipe;
	void		(*old_sigpipe) (int);

	for (i = 0; i < len; i++)
		if (buf[i] == '\n')
			lines++;
	/* as psql: page when the window size is unknown or too small */
	if (lines == 0 ||
		(ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && lines < ws.ws_row))
	{
		fwrite(buf, 1, len, stdout);
		return;
	}
	if (getenv("LESS") == NULL)
		setenv("LESS", "FRX", 0);
	fflush(stdout);
	old_sigpipe = signal(SIGPIPE, SIG_IGN);
	pipe = popen(pager, "w");
	if (pipe == NULL)
		fwrite(buf, 1, len, stdout);
	else
	{
		int			status;

		/* quitting the pager early is not an error */
		fwrite(buf, 1, len, pipe);
		status = pclose(pipe);
		/* a pager that is not installed (the shell's 127) loses nothing */
		if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 127)
			fwrite(buf, 1, len, stdout);
	}
	signal(SIGPIPE, old_sigpipe);
}

/*
 * Text for a person to read (help): through the pager as table output, when
 * stdin and stdout are terminals and it is taller than the window (as psql
 * pages its --help), else to stdout.
 */
void
page_text(const char *buf, size_t len)
{
	const char *pager = NULL;

	if (!opts.no_pager && isatty(fileno(stdout)) && isatty(fileno(stdin)))
		pager = pager_program();
	if (pager != NULL)
		page_output(pager, buf, len);
	else
		fwrite(buf, 1, len, stdout);
	if (fflush(stdout) != 0 || ferror(stdout))
		fatal(EXIT_ERROR, "could not write output: %m");
}

void
printer_close(Printer *pr)
{
	if (pr->pager != NULL)
	{
		if (fclose(pr->out) != 0)
			fatal(EXIT_ERROR, "could not buffer output: %m");
		pr->out = stdout;
		page_output(pr->pager, pr->pagebuf, pr->pagelen);
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

/* one csv or tsv field; neutralise: a formula gets an apostrophe (csv) */
static void
write_field(Printer *pr, const char *v, bool isnull, bool neutralise)
{
	char	   *shown = NULL;
	int			w;

	if (pr->format == FMT_TSV)
	{
		tsv_write_field(pr->out, v);
		return;
	}
	if (pr->escape && !isnull)
	{
		shown = text_render(&pr->enc, v, TEXT_UNLIMITED, &w);
		if (shown == NULL)
			fatal(EXIT_ERROR, "out of memory");
		v = shown;
	}
	csv_write_field(pr->out, v, isnull, neutralise);
	free(shown);
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
				write_field(pr, PQfname(res, col), false, !opts.csv_raw);
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
				/* numbers are never formulas: -3 stays a number */
				write_field(pr, field_text(res, row, col), PQgetisnull(res, row, col),
							!opts.csv_raw && !is_numeric_type(PQftype(res, col)));
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

void
print_result(Printer *pr, const PGresult *res)
{
	int			row;

	if (pr->format == FMT_TABLE)
	{
		if (opts.expanded)
			print_expanded(pr, res);
		else
			print_table(pr, res);
		return;
	}
	printer_begin(pr, res);
	for (row = 0; row < PQntuples(res); row++)
		printer_row(pr, res, row);
	printer_end(pr);
}

