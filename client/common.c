/*
 * common.c: what every module of the resettle client shares (common.h), as
 * PostgreSQL's src/bin/scripts/common.c: the program name and options,
 * fatal and usage errors, option values, and Ctrl-C handling.
 */
#include "common.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

Options		opts;
const char *progname = "resettle";

void
fatal(int code, const char *fmt,...)
{
	va_list		ap;

	fprintf(stderr, "%s: error: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(code);
}

void
usage_error(const char *fmt,...)
{
	va_list		ap;

	fprintf(stderr, "%s: error: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s: hint: Try \"%s --help\" for more information.\n",
			progname, progname);
	exit(EXIT_USAGE);
}

/*
 * A date option as the server reads it: YYYY-MM-DD as given, DD/MM/YYYY (as
 * written in the UK) turned round; anything else a usage error naming the
 * option.  The server checks the day exists.
 */
const char *
option_parse_date(const char *s, const char *what)
{
	int			d,
				m,
				y,
				n = 0;
	char	   *iso;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && s[n] == '\0')
		return s;
	n = 0;
	if (sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 && s[n] == '\0' &&
		strlen(strrchr(s, '/') + 1) == 4)
	{
		iso = malloc(11);
		if (iso == NULL)
			fatal(EXIT_ERROR, "out of memory");
		snprintf(iso, 11, "%04d-%02d-%02d", y, m, d);
		return iso;
	}
	usage_error("invalid date \"%s\" for %s (expected YYYY-MM-DD or DD/MM/YYYY)", s, what);
	return NULL;				/* not reached */
}

long
option_parse_long(const char *s, const char *what, long min, long max)
{
	char	   *end;
	long		v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		usage_error("invalid value \"%s\" for %s (expected %ld to %ld)",
					s, what, min, max);
	return v;
}

volatile int interrupted = 0;
static PGcancel *volatile cancel_handle = NULL;

static void
handle_interrupt(int signo)
{
	int			save_errno = errno;
	char		errbuf[256];
	PGcancel   *c = cancel_handle;

	(void) signo;
	interrupted = 1;
	if (c != NULL && PQcancel(c, errbuf, sizeof(errbuf)))
	{
		static const char msg[] = "Cancel request sent\n";

		if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		{
			/* nothing to do */
		}
	}
	errno = save_errno;
}

void
install_signal_handlers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handle_interrupt;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;			/* no SA_RESTART: poll() must return EINTR */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

void
set_cancel_conn(PGconn *conn)
{
	PGcancel   *old = cancel_handle;

	cancel_handle = NULL;
	if (old != NULL)
		PQfreeCancel(old);
	if (conn != NULL)
		cancel_handle = PQgetCancel(conn);
}
