/*
 * resettle.h: declarations shared by the modules of the resettle client.
 */
#ifndef RESETTLE_H
#define RESETTLE_H

#include <stdbool.h>
#include <stdio.h>

#include "libpq-fe.h"
#include "common.h"
#include "textfmt.h"

#ifndef RESETTLE_VERSION
#error "RESETTLE_VERSION is defined by the Makefile, from resettle.control"
#endif
/* extension versions this client works with: any 1.x */
#define RESETTLE_MAJOR_PREFIX "1."

/*
 * How a command's result column is shown in table output (machine formats
 * and -x show every column by its name).  Lists end with a NULL name.
 */
typedef struct
{
	const char *name;			/* the result column */
	const char *label;			/* its table header; NULL: the name */
	int			rank;			/* 1 is kept first; the highest dropped first */
	int			min;			/* the width it may be cut to; 0: never cut */
	bool		wrap;			/* wrapped at word boundaries, not cut */
} ColumnSpec;

/* table, card and -x output cut a value at this many columns (not --wide) */
#define CELL_TEXT_MAX 500

typedef struct
{
	Format		format;
	FILE	   *out;
	bool		header;
	bool		color;
	bool		ascii;
	long		rows;
	int			encoding;		/* client encoding for PQdsplen, -1: UTF-8 helper */
	TextEncoding enc;			/* the same, for textfmt.c and textfit.c */
	bool		escape;			/* escape values (table, tsv, csv to a terminal) */
	int			width;			/* columns that table output fits; 0: no limit */
	bool		wide;			/* nothing cut or wrapped: --wide, or width 0 */
	const ColumnSpec *columns;	/* the command's columns; NULL: by position */
	/* pager: table output is buffered, then paged if taller than the window */
	const char *pager;			/* NULL: no pager */
	char	   *pagebuf;
	size_t		pagelen;
} Printer;

/* conn.c */
extern PGconn *connect_db(Format fallback);
extern PGresult *connect_and_query(Format fallback, const char *sql, int nparams,
								   const char *const *params, PGconn **connp);
extern void finish_db(PGconn *conn);
extern PGresult *run_query(PGconn *conn, const char *sql, int nparams,
						   const char *const *params);
extern void report_result_error(const PGresult *res);

/* server_text.c */
extern void text_encoding_for(int encoding, TextEncoding *enc);
extern void set_message_encoding(int encoding);
extern void print_message(FILE *out, const char *s);
extern void notice_processor(void *arg, const char *message);

/* print.c */
extern Format output_format(Format fallback, bool *tty);
extern int	output_width(bool tty);
extern void printer_init(Printer *pr, Format fallback, PGconn *conn, bool may_page);
extern void printer_close(Printer *pr);
extern void printer_begin(Printer *pr, const PGresult *res);
extern void printer_row(Printer *pr, const PGresult *res, int row);
extern void printer_end(Printer *pr);
extern void print_result(Printer *pr, const PGresult *res);
extern void page_text(const char *buf, size_t len);
extern bool is_numeric_type(Oid t);

/* print_table.c */
extern void print_table(Printer *pr, const PGresult *res);
extern void print_expanded(Printer *pr, const PGresult *res);
extern void print_card(Printer *pr, const PGresult *res);
extern void print_bars(Printer *pr, const PGresult *res, int labelcol, int valuecol);
extern void print_watch_line(Printer *pr, const PGresult *res);
extern void print_worklist(Printer *pr, const PGresult *res);

/* cmd_query.c */
extern void check_prison_number(const char *s);

/* commands */
extern int	cmd_case(int argc, char **argv);
extern int	cmd_releases(int argc, char **argv);
extern int	cmd_handovers(int argc, char **argv);
extern int	cmd_gaps(int argc, char **argv);
extern int	cmd_stats(int argc, char **argv);

/*
 * whether the login holds the analyst part and neither of the others: stats
 * and report then read the analyst views
 */
extern const char *const analyst_only_sql;
extern int	cmd_export(int argc, char **argv);
extern int	cmd_set(int argc, char **argv);
extern int	cmd_import(int argc, char **argv);
extern int	cmd_watch(int argc, char **argv);
extern int	cmd_report(int argc, char **argv);
extern int	cmd_ping(int argc, char **argv);
extern int	cmd_version(int argc, char **argv);

/* a query that returns a result set: run it, print it, exit code */
extern int	query_and_print(const char *sql, int nparams, const char *const *params,
							Format fallback, bool card, const ColumnSpec *columns);

#endif
