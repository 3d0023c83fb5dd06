/*
 * tap.h
 *		A minimal Test Anything Protocol emitter for the pure-C unit tests.
 *
 * The unit tests link only the extension's postgres-free sources, so they
 * cannot use PostgreSQL's test helpers; prove(1) reads what this prints.
 */
#ifndef RESETTLE_TAP_H
#define RESETTLE_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int	tap_count = 0;
static int	tap_failed = 0;

static void
tap_ok(int cond, const char *fmt,...)
{
	va_list		ap;

	tap_count++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* Compare two strings, printing both on failure. */
static void
tap_is_str(const char *got, const char *want, const char *name)
{
	int			same = (got != NULL && want != NULL) ? strcmp(got, want) == 0 : got == want;

	tap_ok(same, "%s", name);
	if (!same)
		printf("#   got:      \"%s\"\n#   expected: \"%s\"\n",
			   got ? got : "(null)", want ? want : "(null)");
}

/* Compare two integers, printing both on failure. */
static void
tap_is_int(long long got, long long want, const char *name)
{
	tap_ok(got == want, "%s", name);
	if (got != want)
		printf("#   got:      %lld\n#   expected: %lld\n", got, want);
}

static int
tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed == 0 ? 0 : 1;
}

#endif							/* RESETTLE_TAP_H */
