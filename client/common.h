/*
 * common.h: what every module of the resettle client shares, as
 * PostgreSQL's src/bin/scripts/common.h: the program name, the options
 * (global and per command) and the parsing of their values, fatal and
 * usage errors with the exit codes, and Ctrl-C handling (cancelling the
 * running query).  main.c, conn.c, print.c and the commands use it; it
 * uses none of them.
 */
#ifndef RESETTLE_COMMON_H
#define RESETTLE_COMMON_H

#include <stdbool.h>

#include "libpq-fe.h"

/* exit codes (man page EXIT STATUS) */
#define EXIT_OK			0
#define EXIT_ERROR		1
#define EXIT_CONN		2
#define EXIT_USAGE		3
#define EXIT_NOTFOUND	4
#define EXIT_NOEXT		5
#define EXIT_REJECTED	6		/* import: some records rejected */
#define EXIT_INTERRUPT	130

typedef enum
{
	FMT_DEFAULT,
	FMT_TABLE,
	FMT_CSV,
	FMT_TSV,
	FMT_JSON,
	FMT_NDJSON
} Format;

/* options, global and per command; NULL/-1 means not given */
typedef struct
{
	const char *host;
	const char *port;
	const char *user;
	const char *dbname;
	int			password;		/* -1 never (-w), 0 when needed, 1 always (-W) */
	Format		format;
	const char *output;
	bool		no_header;
	bool		ascii;
	int			color;			/* -1 auto, 0 never, 1 always */
	bool		quiet;
	bool		no_pager;
	bool		expanded;		/* -x: one field per line */
	bool		wide;			/* --wide: every column, every value in full */
	int			width;			/* --width: columns of table output; 0 not given */
	bool		csv_raw;		/* --csv-raw: no apostrophe before formulas */
	int			verbose;
	const char *as_of;
	/* command options */
	const char *weeks;
	const char *prison;
	const char *level;
	const char *kind;			/* handovers: upcoming, overdue */
	const char *rule;
	const char *pathway;
	const char *need;
	const char *status;
	const char *note;
	const char *id;				/* set --id TYPE */
	bool		bank;			/* set --bank */
	bool		accommodation;	/* set --accommodation */
	const char *checklist;		/* set --checklist ITEM */
	const char *com;			/* set --com NAME */
	const char *assessment;		/* set --assessment TYPE */
	const char *completed;
	const char *com_email;
	const char *allocated;
	const char *applied;
	const char *bank_name;
	const char *plan;
	const char *confirmed;
	const char *at_risk;
	const char *lived_before;
	const char *duty_to_refer;
	const char *pom;			/* gaps, handovers: --pom NAME */
	bool		mine;			/* gaps, handovers: --mine */
	const char *by;
	long		count;
	long		timeout;
	const char *rejects;		/* import --rejects FILE */
	bool		strict;			/* import --strict */
	bool		dry_run;		/* import --dry-run */
} Options;

extern Options opts;
extern const char *progname;

extern void usage_error(const char *fmt,...) __attribute__((format(printf, 1, 2)));
extern void fatal(int code, const char *fmt,...) __attribute__((format(printf, 2, 3)));

/* option values: a usage error naming the option (what) when bad */
extern const char *option_parse_date(const char *s, const char *what);
extern long option_parse_long(const char *s, const char *what, long min, long max);

/* SIGINT and SIGTERM: set interrupted and cancel the query of set_cancel_conn's connection */
extern volatile int interrupted;
extern void install_signal_handlers(void);
extern void set_cancel_conn(PGconn *conn);

#endif
