/*
 * test_handover_rules.c
 *		Unit tests (TAP) for date_arith.c and handover_rules.c.
 *
 * Build and run:
 *	cc -std=c99 -Wall -Wextra -Werror -pedantic -Iextension -Itest/unit \
 *		-o /tmp/t test/unit/test_handover_rules.c extension/handover_rules.c \
 *		extension/date_arith.c && /tmp/t
 *
 * Expected day numbers of named dates were taken from PostgreSQL 15
 * ("date - date '2000-01-01'"); the date +/- interval facts were checked on
 * PostgreSQL 15 too.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date_arith.h"
#include "handover_rules.h"
#include "tap.h"

/* "no date" in expectations: not a value any date can take */
#define NO_DATE		(INT32_MIN + 1)

/* A date from y/m/d; the tests are wrong if it is not a valid date */
static int32_t
D(int y, int m, int d)
{
	int32_t		out;

	if (!date_from_ymd(y, m, d, &out))
	{
		printf("Bail out! bad test date %d-%d-%d\n", y, m, d);
		exit(2);
	}
	return out;
}

static const char *
fmt_date(int32_t d, char *buf, size_t len)
{
	int			y,
				m,
				day;

	if (d == NO_DATE)
		snprintf(buf, len, "NULL");
	else if (DATE_IS_NOBEGIN(d))
		snprintf(buf, len, "-infinity");
	else if (DATE_IS_NOEND(d))
		snprintf(buf, len, "infinity");
	else if (date_to_ymd(d, &y, &m, &day))
		snprintf(buf, len, "%04d-%02d-%02d", y, m, day);
	else
		snprintf(buf, len, "invalid(%ld)", (long) d);
	return buf;
}

/* ---------------------------------------------------------------------- */
/* date_arith                                                              */
/* ---------------------------------------------------------------------- */

static void
is_date(bool ok, int32_t got, int32_t want, const char *name)
{
	char		b1[48],
				b2[48];
	bool		same = ok ? (got == want) : (want == NO_DATE);

	tap_ok(same, "%s", name);
	if (!same)
		printf("#   got:      %s\n#   expected: %s\n",
			   ok ? fmt_date(got, b1, sizeof(b1)) : "false (out of range)",
			   fmt_date(want, b2, sizeof(b2)));
}

/*
 * Each day of [from, to] turns into y/m/d and back into itself, and is the
 * day after the one before it in the calendar.
 */
static bool
ymd_sweep(int32_t from, int32_t to)
{
	int			py = 0,
				pm = 0,
				pd = 0;
	int64_t		d;

	for (d = from; d <= to; d++)
	{
		int			y,
					m,
					day;
		int32_t		back;

		if (!date_to_ymd((int32_t) d, &y, &m, &day) ||
			!date_from_ymd(y, m, day, &back) || back != d)
			return false;
		if (d > from &&
			!(y == py && m == pm && day == pd + 1) &&
			!(y == py && m == pm + 1 && day == 1 && pd == date_days_in_month(py, pm)) &&
			!(y == py + 1 && m == 1 && day == 1 && pm == 12 && pd == 31))
			return false;
		py = y;
		pm = m;
		pd = day;
	}
	return true;
}

static void
test_ymd(void)
{
	int32_t		d = 0;
	int			y,
				m,
				day;

	tap_is_int(D(2000, 1, 1), 0, "2000-01-01 is day 0");
	tap_is_int(D(1999, 12, 31), -1, "1999-12-31 is day -1");
	tap_is_int(D(1970, 1, 1), -10957, "1970-01-01");
	tap_is_int(D(1900, 3, 1), -36465, "1900-03-01 (1900 not leap)");
	tap_is_int(D(2400, 2, 29), 146156, "2400-02-29");
	tap_is_int(D(1, 1, 1), -730119, "0001-01-01 AD");
	tap_is_int(D(0, 1, 1), -730485, "year 0 (1 BC) January 1");
	tap_is_int(D(0, 2, 29), -730426, "year 0 is a leap year");
	tap_is_int(D(0, 3, 1), -730425, "0000-03-01");
	tap_is_int(D(-100, 3, 1), -766950, "year -100 (101 BC)");
	tap_is_int(D(-400, 2, 29), -876523, "year -400 (401 BC) is leap");
	tap_is_int(D(-4712, 1, 1), -2451507, "4713-01-01 BC");
	tap_is_int(D(294276, 11, 30), 106751951, "294276-11-30");

	tap_is_int(D(-4713, 11, 24), DATE_MIN_VALUE, "first date 4714-11-24 BC");
	tap_is_int(D(5874897, 12, 31), DATE_MAX_VALUE, "last date 5874897-12-31");
	tap_is_int(D(294276, 12, 31), DATE_TIMESTAMP_MAX_VALUE,
			   "last timestamp date 294276-12-31");
	tap_ok(!date_from_ymd(-4713, 11, 23, &d), "4714-11-23 BC is out of range");
	tap_ok(!date_from_ymd(5874898, 1, 1, &d), "5874898-01-01 is out of range");
	tap_ok(!date_from_ymd(INT_MAX, 12, 31, &d), "year INT_MAX rejected");
	tap_ok(!date_from_ymd(INT_MIN, 1, 1, &d), "year INT_MIN rejected");
	tap_ok(!date_from_ymd(2023, 2, 29, &d), "2023-02-29 rejected");
	tap_ok(!date_from_ymd(1900, 2, 29, &d), "1900-02-29 rejected");
	tap_ok(date_from_ymd(2000, 2, 29, &d), "2000-02-29 accepted");
	tap_ok(!date_from_ymd(-1, 2, 29, &d), "year -1 (2 BC) not leap");
	tap_ok(!date_from_ymd(-100, 2, 29, &d), "year -100 not leap");
	tap_ok(!date_from_ymd(2024, 4, 31, &d), "April 31 rejected");
	tap_ok(!date_from_ymd(2024, 13, 1, &d), "month 13 rejected");
	tap_ok(!date_from_ymd(2024, 0, 1, &d), "month 0 rejected");
	tap_ok(!date_from_ymd(2024, 1, 0, &d), "day 0 rejected");
	tap_is_int(date_days_in_month(2024, 2), 29, "Feb 2024 has 29 days");
	tap_is_int(date_days_in_month(2100, 2), 28, "Feb 2100 has 28 days");
	tap_is_int(date_days_in_month(2024, 13), 0, "month 13 has no days");

	tap_ok(date_to_ymd(DATE_MIN_VALUE, &y, &m, &day) &&
		   y == -4713 && m == 11 && day == 24, "to_ymd of the first date");
	tap_ok(date_to_ymd(DATE_MAX_VALUE, &y, &m, &day) &&
		   y == 5874897 && m == 12 && day == 31, "to_ymd of the last date");
	tap_ok(date_to_ymd(-730426, &y, &m, &day) &&
		   y == 0 && m == 2 && day == 29, "to_ymd of 0000-02-29");
	tap_ok(!date_to_ymd(DATE_NOEND, &y, &m, &day), "to_ymd(infinity) fails");
	tap_ok(!date_to_ymd(DATE_NOBEGIN, &y, &m, &day), "to_ymd(-infinity) fails");
	tap_ok(!date_to_ymd(DATE_MIN_VALUE - 1, &y, &m, &day),
		   "to_ymd below range fails");
	tap_ok(!date_to_ymd(DATE_MAX_VALUE + 1, &y, &m, &day),
		   "to_ymd above range fails");
	tap_ok(ymd_sweep(-2451545, 2451545) && ymd_sweep(DATE_MIN_VALUE, DATE_MIN_VALUE + 800) &&
		   ymd_sweep(DATE_MAX_VALUE - 800, DATE_MAX_VALUE),
		   "every day of 13,400 years around 2000 and of the range's ends: to_ymd and back, one day apart");

	tap_is_int(date_year(D(2024, 2, 29)), 2024, "date_year");
	tap_is_int(date_month(D(2024, 2, 29)), 2, "date_month");
	tap_is_int(date_day(D(2024, 2, 29)), 29, "date_day");
	tap_is_int(date_year(D(-4712, 1, 1)), -4712, "date_year of a BC date");
	tap_is_int(date_year(DATE_NOEND), INT32_MAX, "date_year(infinity)");
	tap_is_int(date_year(DATE_NOBEGIN), INT32_MIN, "date_year(-infinity)");

	/* round trip and successor over a few windows */
	{
		static const int32_t starts[] = {
			DATE_MIN_VALUE, -800000, -730600, -40000, 0, 106740000,
			DATE_MAX_VALUE - 20000
		};
		int			bad = 0;
		size_t		i;

		for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++)
		{
			int32_t		x;
			int			py = 0,
						pm = 0,
						pd = 0;

			for (x = starts[i]; x <= starts[i] + 20000; x++)
			{
				int32_t		back;

				if (!date_to_ymd(x, &y, &m, &day) ||
					!date_from_ymd(y, m, day, &back) || back != x)
				{
					bad++;
					continue;
				}
				if (x != starts[i])
				{
					pd++;
					if (pd > date_days_in_month(py, pm))
					{
						pd = 1;
						if (++pm > 12)
						{
							pm = 1;
							py++;
						}
					}
					if (py != y || pm != m || pd != day)
						bad++;
				}
				py = y;
				pm = m;
				pd = day;
			}
		}
		tap_is_int(bad, 0, "y/m/d round trip and successor over 140,000 days");
	}
}

static void
test_interval(void)
{
	int32_t		r = 0;
	bool		ok;

	/* the facts checked on PostgreSQL 15 */
	ok = date_minus_interval(D(2024, 11, 2), 8, 14, &r);
	is_date(ok, r, D(2024, 2, 17), "2024-11-02 - 8 mon 14 d = 2024-02-17");
	ok = date_minus_interval(D(2025, 12, 31), 8, 14, &r);
	is_date(ok, r, D(2025, 4, 16), "2025-12-31 - 8 mon 14 d = 2025-04-16");
	ok = date_minus_interval(D(2024, 10, 31), 8, 0, &r);
	is_date(ok, r, D(2024, 2, 29), "2024-10-31 - 8 mon = 2024-02-29");
	ok = date_minus_interval(D(2026, 5, 31), 15, 0, &r);
	is_date(ok, r, D(2025, 2, 28), "2026-05-31 - 15 mon = 2025-02-28");
	ok = date_add_months(D(2024, 8, 31), 10, &r);
	is_date(ok, r, D(2025, 6, 30), "2024-08-31 + 10 mon = 2025-06-30");

	/* month ends and leap days */
	ok = date_minus_interval(D(2024, 10, 31), 8, 14, &r);
	is_date(ok, r, D(2024, 2, 15), "months are clamped before days are taken");
	ok = date_add_months(D(2024, 1, 31), 1, &r);
	is_date(ok, r, D(2024, 2, 29), "2024-01-31 + 1 mon = 2024-02-29");
	ok = date_add_months(D(2023, 1, 31), 1, &r);
	is_date(ok, r, D(2023, 2, 28), "2023-01-31 + 1 mon = 2023-02-28");
	ok = date_add_months(D(2024, 2, 29), 12, &r);
	is_date(ok, r, D(2025, 2, 28), "2024-02-29 + 12 mon = 2025-02-28");
	ok = date_add_months(D(2024, 2, 29), 48, &r);
	is_date(ok, r, D(2028, 2, 29), "2024-02-29 + 48 mon = 2028-02-29");
	ok = date_add_months(D(2099, 2, 28), 12, &r);
	is_date(ok, r, D(2100, 2, 28), "2100 is not a leap year");
	ok = date_add_months(D(2024, 3, 31), -1, &r);
	is_date(ok, r, D(2024, 2, 29), "2024-03-31 + -1 mon");
	ok = date_minus_interval(D(2024, 1, 15), 13, 0, &r);
	is_date(ok, r, D(2022, 12, 15), "2024-01-15 - 13 mon crosses two years");
	ok = date_minus_interval(D(2024, 1, 15), 12, 0, &r);
	is_date(ok, r, D(2023, 1, 15), "2024-01-15 - 12 mon");
	ok = date_add_interval(D(2024, 1, 31), 1, 1, &r);
	is_date(ok, r, D(2024, 3, 1), "2024-01-31 + 1 mon 1 day = 2024-03-01");
	ok = date_add_interval(D(2024, 2, 28), 0, 366, &r);
	is_date(ok, r, D(2025, 2, 28), "+366 days across a leap day");
	ok = date_minus_interval(D(2024, 6, 1), -3, -10, &r);
	is_date(ok, r, D(2024, 9, 11), "minus a negative interval adds");

	/* year 0 and negative years */
	ok = date_minus_interval(D(0, 3, 31), 1, 0, &r);
	is_date(ok, r, D(0, 2, 29), "0000-03-31 - 1 mon = 0000-02-29 (1 BC leap)");
	ok = date_minus_interval(D(1, 1, 15), 1, 0, &r);
	is_date(ok, r, D(0, 12, 15), "0001-01-15 - 1 mon = 0000-12-15");
	ok = date_minus_interval(D(-1, 3, 31), 1, 0, &r);
	is_date(ok, r, D(-1, 2, 28), "year -1 is not leap");
	ok = date_add_months(D(-5, 7, 31), 70, &r);
	is_date(ok, r, D(1, 5, 31), "year -5 + 70 months");
	ok = date_add_months(D(3, 5, 31), -70, &r);
	is_date(ok, r, D(-3, 7, 31), "year 3 - 70 months");

	/* range limits: date + integer uses the whole date range */
	ok = date_add_days(DATE_MAX_VALUE, 0, &r);
	is_date(ok, r, DATE_MAX_VALUE, "last date + 0");
	ok = date_add_days(DATE_MAX_VALUE, 1, &r);
	is_date(ok, r, NO_DATE, "last date + 1 is out of range");
	ok = date_add_days(DATE_MIN_VALUE, -1, &r);
	is_date(ok, r, NO_DATE, "first date - 1 is out of range");
	ok = date_add_days(DATE_MAX_VALUE - 5, 5, &r);
	is_date(ok, r, DATE_MAX_VALUE, "reach the last date");
	ok = date_add_days(0, INT_MAX, &r);
	is_date(ok, r, NO_DATE, "+INT_MAX days");
	ok = date_add_days(0, INT_MIN, &r);
	is_date(ok, r, NO_DATE, "+INT_MIN days");
	ok = date_add_days(DATE_MAX_VALUE + 1, 0, &r);
	is_date(ok, r, NO_DATE, "invalid input date rejected");

	/* date +/- interval is bounded by the timestamp range */
	ok = date_add_interval(DATE_TIMESTAMP_MAX_VALUE, 0, 0, &r);
	is_date(ok, r, DATE_TIMESTAMP_MAX_VALUE, "294276-12-31 + 0 is fine");
	ok = date_add_interval(DATE_TIMESTAMP_MAX_VALUE, 0, 1, &r);
	is_date(ok, r, NO_DATE, "294276-12-31 + 1 day: timestamp out of range");
	ok = date_add_months(DATE_TIMESTAMP_MAX_VALUE + 1, 0, &r);
	is_date(ok, r, NO_DATE, "294277-01-01 + interval: date out of range for timestamp");
	ok = date_minus_interval(DATE_MAX_VALUE, 8, 14, &r);
	is_date(ok, r, NO_DATE, "last date - interval fails");
	ok = date_add_months(D(294276, 11, 30), 1, &r);
	is_date(ok, r, D(294276, 12, 30), "294276-11-30 + 1 mon");
	ok = date_add_months(D(294276, 12, 1), 1, &r);
	is_date(ok, r, NO_DATE, "294276-12-01 + 1 mon is out of range");
	ok = date_add_months(DATE_MIN_VALUE, 1, &r);
	is_date(ok, r, D(-4713, 12, 24), "first date + 1 mon");
	ok = date_minus_interval(DATE_MIN_VALUE, 0, 1, &r);
	is_date(ok, r, NO_DATE, "first date - 1 day");
	ok = date_minus_interval(D(-4713, 12, 30), 1, 0, &r);
	is_date(ok, r, D(-4713, 11, 30), "4714-12-30 BC - 1 mon");
	ok = date_minus_interval(D(-4713, 12, 20), 1, 0, &r);
	is_date(ok, r, NO_DATE, "4714-12-20 BC - 1 mon is before the first date");
	ok = date_add_interval(D(-4713, 12, 20), -1, 30, &r);
	is_date(ok, r, NO_DATE,
			"intermediate result (after the months) must be in range too");
	ok = date_add_months(0, INT_MAX, &r);
	is_date(ok, r, NO_DATE, "+INT_MAX months");
	ok = date_minus_interval(0, INT_MIN, INT_MIN, &r);
	is_date(ok, r, NO_DATE, "- INT_MIN months: no overflow, out of range");
	ok = date_add_months(0, 12 * 294276, &r);
	is_date(ok, r, NO_DATE, "+294276 years from 2000 is beyond the timestamp range");
	ok = date_add_months(0, 12 * 292276, &r);
	is_date(ok, r, D(294276, 1, 1), "+292276 years from 2000");

	/* infinities stay infinite */
	ok = date_add_months(DATE_NOEND, 5, &r);
	is_date(ok, r, DATE_NOEND, "infinity + 5 mon");
	ok = date_add_months(DATE_NOBEGIN, -5, &r);
	is_date(ok, r, DATE_NOBEGIN, "-infinity - 5 mon");
	ok = date_minus_interval(DATE_NOEND, 8, 14, &r);
	is_date(ok, r, DATE_NOEND, "infinity - 8 mon 14 d");
	ok = date_minus_interval(DATE_NOBEGIN, INT_MIN, INT_MIN, &r);
	is_date(ok, r, DATE_NOBEGIN, "-infinity - huge interval");
	ok = date_add_days(DATE_NOBEGIN, 10, &r);
	is_date(ok, r, DATE_NOBEGIN, "-infinity + 10");
	ok = date_add_days(DATE_NOEND, -10, &r);
	is_date(ok, r, DATE_NOEND, "infinity - 10");

	/* a failed call leaves *out alone */
	r = 12345;
	(void) date_add_days(DATE_MAX_VALUE, 1, &r);
	tap_is_int(r, 12345, "failure leaves the output untouched");
}

/* ---------------------------------------------------------------------- */
/* handover_calculate                                                      */
/* ---------------------------------------------------------------------- */

static const char *
resp_name(HandoverResponsibility r)
{
	switch (r)
	{
		case RESP_NONE:
			return "none";
		case RESP_CUSTODY_ONLY:
			return "custody_only";
		case RESP_CUSTODY_WITH_COM:
			return "custody_with_com";
		case RESP_COMMUNITY:
			return "community";
	}
	return "?";
}

static bool
known_reason(const char *reason)
{
	int			i;

	for (i = 0; handover_reason_codes[i] != NULL; i++)
		if (handover_reason_codes[i] == reason)
			return true;
	return false;
}

/* A determinate, sentenced adult, current rules; callers fill the rest */
static HandoverInput
base_input(void)
{
	HandoverInput in;

	memset(&in, 0, sizeof(in));
	in.mappa_level = -1;
	in.version = HANDOVER_RULES_CURRENT;
	in.has_sentence_start = true;
	in.sentence_start = D(2024, 1, 1);
	in.as_of = D(2024, 1, 15);
	return in;
}

static void
check(const char *name, const HandoverInput *in,
	  HandoverResponsibility resp, int32_t start, int32_t hd,
	  const char *reason)
{
	HandoverResult out;
	HandoverStatus st;
	int32_t		got_start,
				got_hd;
	bool		same;

	memset(&out, 0x5a, sizeof(out));
	st = handover_calculate(in, &out);
	got_start = out.has_start_date ? out.start_date : NO_DATE;
	got_hd = out.has_handover_date ? out.handover_date : NO_DATE;
	same = st == HANDOVER_OK && out.responsibility == resp &&
		got_start == start && got_hd == hd &&
		out.reason != NULL && reason != NULL &&
		strcmp(out.reason, reason) == 0 && known_reason(out.reason);
	tap_ok(same, "%s", name);
	if (!same)
	{
		char		b1[48],
					b2[48],
					b3[48],
					b4[48];

		printf("#   got:      %s %s start=%s hd=%s reason=%s\n",
			   st == HANDOVER_OK ? "ok" : "OUT_OF_RANGE", resp_name(out.responsibility),
			   fmt_date(got_start, b1, sizeof(b1)), fmt_date(got_hd, b2, sizeof(b2)),
			   out.reason ? out.reason : "(null)");
		printf("#   expected: ok %s start=%s hd=%s reason=%s\n",
			   resp_name(resp), fmt_date(start, b3, sizeof(b3)),
			   fmt_date(hd, b4, sizeof(b4)), reason);
	}
}

/* HD = start, responsibility as it follows from as_of */
static void
check_hd(const char *name, const HandoverInput *in, int32_t hd,
		 const char *reason)
{
	HandoverResponsibility r = (in->as_of < hd) ? RESP_CUSTODY_ONLY : RESP_COMMUNITY;

	check(name, in, r, hd, hd, reason);
}

static void
check_out_of_range(const char *name, const HandoverInput *in)
{
	HandoverResult out;
	HandoverStatus st = handover_calculate(in, &out);

	tap_ok(st == HANDOVER_DATE_OUT_OF_RANGE && out.responsibility == RESP_NONE &&
		   !out.has_start_date && !out.has_handover_date && out.reason == NULL,
		   "%s", name);
}

/* domain.md 2.9, SSD = 2024-01-01 (as_of 2024-01-15) */
static void
test_spec_table(void)
{
	HandoverInput in;

	in = base_input();
	in.has_crd = true;
	in.crd = D(2024, 10, 31);
	check("spec: ERD 2024-10-31 determinate -> determinate_short", &in,
		  RESP_COMMUNITY, NO_DATE, NO_DATE, "determinate_short");
	in.crd = D(2024, 11, 1);
	check("spec: ERD 2024-11-01 = SSD + 10 months -> determinate_short (inclusive)",
		  &in, RESP_COMMUNITY, NO_DATE, NO_DATE, "determinate_short");
	in.crd = D(2024, 11, 2);
	check_hd("spec: ERD 2024-11-02 -> 2024-02-17 determinate", &in,
			 D(2024, 2, 17), "determinate");
	in.crd = D(2024, 11, 3);
	check_hd("spec: ERD 2024-11-03 -> 2024-02-18 determinate", &in,
			 D(2024, 2, 18), "determinate");

	in = base_input();
	in.has_crd = true;
	in.crd = D(2026, 1, 1);
	in.early_allocation = true;
	check_hd("spec: ERD 2026-01-01 early allocation -> 2024-10-01", &in,
			 D(2024, 10, 1), "early_allocation");
	in.has_ped = true;
	in.ped = D(2026, 1, 1);
	in.crd = D(2026, 6, 1);
	check_hd("spec: ERD 2026-01-01 early allocation with parole -> 2024-10-01",
			 &in, D(2024, 10, 1), "early_allocation");
	in.early_allocation = false;
	check_hd("spec: ERD 2026-01-01 determinate parole -> 2025-01-01", &in,
			 D(2025, 1, 1), "determinate_parole");

	in = base_input();
	in.indeterminate = true;
	in.has_ted = true;
	in.ted = D(2026, 1, 1);
	check_hd("spec: ERD 2026-01-01 indeterminate -> 2025-01-01", &in,
			 D(2025, 1, 1), "indeterminate");
	in.open_conditions = true;
	check_hd("spec: ERD 2026-01-01 indeterminate open -> 2025-01-01", &in,
			 D(2025, 1, 1), "indeterminate_open");
	in.open_conditions = false;
	in.early_allocation = true;
	check_hd("spec: ERD 2026-01-01 indeterminate + early allocation -> 2024-10-01",
			 &in, D(2024, 10, 1), "early_allocation");

	/* extra hand-worked examples */
	in = base_input();
	in.has_crd = true;
	in.crd = D(2025, 6, 30);
	check_hd("extra: CRD 2025-06-30 -> HD 2024-10-16", &in, D(2024, 10, 16),
			 "determinate");
	in.crd = D(2026, 5, 31);
	in.early_allocation = true;
	check_hd("extra: early allocation CRD 2026-05-31 -> HD 2025-02-28 (clamped)",
			 &in, D(2025, 2, 28), "early_allocation");

	in = base_input();
	in.sentence_start = D(2024, 8, 31);
	in.has_crd = true;
	in.crd = D(2025, 6, 30);
	check("extra: SSD 2024-08-31 + 10 months = 2025-06-30 -> short", &in,
		  RESP_COMMUNITY, NO_DATE, NO_DATE, "determinate_short");
	in.crd = D(2025, 7, 1);
	check_hd("extra: SSD 2024-08-31, CRD 2025-07-01 -> determinate", &in,
			 D(2024, 10, 18), "determinate");
}

static void
test_current_rows(void)
{
	HandoverInput in;

	/* responsibility by dates around the HD */
	in = base_input();
	in.has_crd = true;
	in.crd = D(2025, 6, 30);	/* HD 2024-10-16 */
	in.as_of = D(2024, 10, 15);
	check("HD - 1 day: custody_only", &in, RESP_CUSTODY_ONLY,
		  D(2024, 10, 16), D(2024, 10, 16), "determinate");
	in.as_of = D(2024, 10, 16);
	check("on the HD: community", &in, RESP_COMMUNITY,
		  D(2024, 10, 16), D(2024, 10, 16), "determinate");

	/* month-end and leap-day clamping */
	in = base_input();
	in.sentence_start = D(2023, 1, 1);
	in.has_crd = true;
	in.crd = D(2024, 10, 31);
	check_hd("CRD 2024-10-31 -> 2024-02-29 - 14 days", &in, D(2024, 2, 15),
			 "determinate");
	in.crd = D(2025, 10, 31);
	check_hd("CRD 2025-10-31 -> 2025-02-28 - 14 days", &in, D(2025, 2, 14),
			 "determinate");
	in.crd = D(2024, 11, 12);
	check_hd("CRD 2024-11-12: the 14 days cross 2024-02-29", &in, D(2024, 2, 27),
			 "determinate");
	in.has_ped = true;
	in.ped = D(2028, 2, 29);
	check_hd("PED 2028-02-29 - 12 months = 2027-02-28", &in, D(2027, 2, 28),
			 "determinate_parole");

	/* PED present / absent; ARD vs CRD */
	in = base_input();
	in.has_crd = true;
	in.crd = D(2026, 3, 1);
	in.has_ped = true;
	in.ped = D(2025, 9, 1);
	check_hd("PED is the ERD when present (even if CRD is earlier or later)",
			 &in, D(2024, 9, 1), "determinate_parole");
	in.has_ped = false;
	check_hd("no PED: CRD", &in, D(2025, 6, 17), "determinate");
	in.has_ard = true;
	in.ard = D(2026, 2, 1);
	check_hd("ARD earlier than CRD: ARD", &in, D(2025, 5, 18), "determinate");
	in.ard = D(2026, 4, 1);
	check_hd("CRD earlier than ARD: CRD", &in, D(2025, 6, 17), "determinate");
	in.has_crd = false;
	check_hd("ARD only", &in, D(2025, 7, 18), "determinate");
	in.has_hdced = true;
	in.hdced = D(2025, 1, 1);
	check_hd("HDCED is not used for handover", &in, D(2025, 7, 18),
			 "determinate");
	in.has_ard = false;
	check("HDCED only: sentenced but no ERD", &in, RESP_CUSTODY_ONLY,
		  NO_DATE, NO_DATE, "release_date_unknown");

	/* 10-month rule without a sentence start cannot apply */
	in = base_input();
	in.has_sentence_start = false;
	in.immigration = false;
	in.has_crd = true;
	in.crd = D(2024, 3, 1);
	check("no SSD: not sentenced -> out of scope", &in, RESP_NONE, NO_DATE,
		  NO_DATE, "out_of_scope_unsentenced");

	/* indeterminate ERD */
	in = base_input();
	in.as_of = D(2025, 1, 1);
	in.indeterminate = true;
	in.has_ted = true;
	in.ted = D(2027, 6, 30);
	in.has_thd = true;
	in.thd = D(2026, 1, 31);
	check_hd("indeterminate: future TED wins over THD", &in, D(2026, 6, 30),
			 "indeterminate");
	in.ted = D(2024, 6, 30);
	check_hd("indeterminate: TED past, THD future -> THD", &in, D(2025, 1, 31),
			 "indeterminate");
	in.thd = D(2024, 12, 1);	/* 31 days ago; TED 185 days ago */
	check_hd("indeterminate: both past, THD nearer -> THD", &in,
			 D(2023, 12, 1), "indeterminate");
	in.thd = D(2024, 3, 1);
	check_hd("indeterminate: both past, TED nearer -> TED", &in,
			 D(2023, 6, 30), "indeterminate");
	in.ted = D(2024, 12, 1);
	in.thd = D(2024, 12, 1);
	check_hd("indeterminate: tie (equal dates) goes to TED", &in, D(2023, 12, 1),
			 "indeterminate");
	in.ted = D(2025, 1, 1);
	in.thd = D(2024, 12, 1);
	check_hd("indeterminate: TED = as_of is not future, but nearest", &in,
			 D(2024, 1, 1),
			 "indeterminate");
	in.has_thd = false;
	check_hd("indeterminate: only a past TED", &in, D(2024, 1, 1),
			 "indeterminate");
	in.has_ted = false;
	in.has_thd = true;
	in.thd = D(2024, 2, 29);
	check_hd("indeterminate: only a past THD", &in, D(2023, 2, 28),
			 "indeterminate");
	in.has_thd = false;
	check("indeterminate without TED/THD -> release_date_unknown", &in,
		  RESP_CUSTODY_ONLY, NO_DATE, NO_DATE, "release_date_unknown");

	/* open conditions */
	in = base_input();
	in.as_of = D(2025, 6, 1);
	in.indeterminate = true;
	in.has_ted = true;
	in.ted = D(2026, 12, 31);	/* HD 2025-12-31 */
	in.open_conditions = true;
	check("open, no open_since: start = HD", &in, RESP_CUSTODY_ONLY,
		  D(2025, 12, 31), D(2025, 12, 31), "indeterminate_open");
	in.has_open_since = true;
	in.open_since = D(2025, 3, 1);
	check("open since before HD: start = open_since, COM supporting", &in,
		  RESP_CUSTODY_WITH_COM, D(2025, 3, 1), D(2025, 12, 31),
		  "indeterminate_open");
	in.as_of = D(2025, 2, 28);
	check("before open_since: custody_only", &in, RESP_CUSTODY_ONLY,
		  D(2025, 3, 1), D(2025, 12, 31), "indeterminate_open");
	in.as_of = D(2025, 12, 31);
	check("open: on the HD: community", &in, RESP_COMMUNITY,
		  D(2025, 3, 1), D(2025, 12, 31), "indeterminate_open");
	in.as_of = D(2025, 6, 1);
	in.open_since = D(2026, 2, 1);
	check("open since after HD: start = HD", &in, RESP_CUSTODY_ONLY,
		  D(2025, 12, 31), D(2025, 12, 31), "indeterminate_open");
	in.open_since = D(2025, 3, 1);
	in.open_conditions = false;
	check("open_since ignored when not in open conditions", &in,
		  RESP_CUSTODY_ONLY, D(2025, 12, 31), D(2025, 12, 31), "indeterminate");
	in.open_conditions = true;
	in.early_allocation = true;
	check("open conditions also move the start of an early allocation", &in,
		  RESP_CUSTODY_WITH_COM, D(2025, 3, 1), D(2025, 9, 30),
		  "early_allocation");
	in = base_input();
	in.has_crd = true;
	in.crd = D(2026, 1, 1);
	in.open_conditions = true;
	in.has_open_since = true;
	in.open_since = D(2024, 1, 2);
	check_hd("open conditions do not change a determinate case", &in,
			 D(2025, 4, 17), "determinate");

	/* recall, immigration */
	in = base_input();
	in.has_crd = true;
	in.crd = D(2026, 1, 1);
	in.recall = true;
	in.early_allocation = true;
	check("recall wins over early allocation", &in, RESP_COMMUNITY, NO_DATE,
		  NO_DATE, "recall_case");
	in.indeterminate = true;
	in.has_ted = true;
	in.ted = D(2030, 1, 1);
	check("indeterminate recall without a THD -> recall_case", &in,
		  RESP_COMMUNITY, NO_DATE, NO_DATE, "recall_case");
	in = base_input();
	in.has_sentence_start = false;
	in.immigration = true;
	check("immigration without a sentence is in scope", &in, RESP_COMMUNITY,
		  NO_DATE, NO_DATE, "immigration_case");
	in.has_sentence_start = true;
	in.has_crd = true;
	in.crd = D(2026, 1, 1);
	check("immigration with a sentence", &in, RESP_COMMUNITY, NO_DATE,
		  NO_DATE, "immigration_case");
	in.recall = true;
	check("recall comes before immigration", &in, RESP_COMMUNITY, NO_DATE,
		  NO_DATE, "recall_case");

	/* early allocation overrides rows 9-12 */
	in = base_input();
	in.has_crd = true;
	in.crd = D(2024, 10, 31);
	in.early_allocation = true;
	check_hd("early allocation overrides the 10-month rule", &in,
			 D(2023, 7, 31), "early_allocation");
	in.crd = D(2026, 8, 31);
	check_hd("early allocation overrides determinate", &in, D(2025, 5, 31),
			 "early_allocation");

	/* ISP rows 1-4 (as_of 2025-03-10: + 12 months = 2026-03-10) */
	in = base_input();
	in.as_of = D(2025, 3, 10);
	in.indeterminate = true;
	in.has_ted = true;
	in.ted = D(2020, 1, 1);
	in.has_thd = true;
	in.thd = D(2026, 3, 11);
	in.additional_isp = true;
	check("row 1: additional ISP", &in, RESP_CUSTODY_ONLY, NO_DATE, NO_DATE,
		  "additional_isp");
	in.additional_isp = false;
	in.recall = true;
	check("row 2: recall, THD > as_of + 12 months, MAPPA unknown", &in,
		  RESP_CUSTODY_WITH_COM, NO_DATE, NO_DATE, "recall_thd_over_12_months");
	in.mappa_level = 0;
	check("row 2: MAPPA 0", &in, RESP_CUSTODY_WITH_COM, NO_DATE, NO_DATE,
		  "recall_thd_over_12_months");
	in.mappa_level = 1;
	check("row 2: MAPPA 1", &in, RESP_CUSTODY_WITH_COM, NO_DATE, NO_DATE,
		  "recall_thd_over_12_months");
	in.thd = D(2026, 3, 10);
	check("row 2: THD = as_of + 12 months exactly -> not row 2 (recall_case)",
		  &in, RESP_COMMUNITY, NO_DATE, NO_DATE, "recall_case");
	in.thd = D(2026, 3, 11);
	in.mappa_level = 2;
	check("row 2 needs MAPPA unknown/0/1: MAPPA 2 -> recall_case", &in,
		  RESP_COMMUNITY, NO_DATE, NO_DATE, "recall_case");
	in.parole_outcome_not_release = true;
	check("row 3: recall with MAPPA 2 and a refused parole", &in,
		  RESP_COMMUNITY, NO_DATE, NO_DATE, "parole_mappa_2_3");
	in.recall = false;
	in.mappa_level = 3;
	check("row 3: parole refused, MAPPA 3", &in, RESP_COMMUNITY, NO_DATE,
		  NO_DATE, "parole_mappa_2_3");
	in.mappa_level = 1;
	check("row 4: parole refused, MAPPA 1", &in, RESP_CUSTODY_WITH_COM,
		  NO_DATE, NO_DATE, "thd_over_12_months");
	in.mappa_level = -1;
	check("row 4: parole refused, MAPPA unknown", &in, RESP_CUSTODY_WITH_COM,
		  NO_DATE, NO_DATE, "thd_over_12_months");
	in.thd = D(2026, 3, 10);
	check("row 4 boundary: THD = as_of + 12 months -> indeterminate", &in,
		  RESP_COMMUNITY, D(2025, 3, 10), D(2025, 3, 10), "indeterminate");
	in.thd = D(2026, 3, 11);
	in.has_thd = false;
	check("rows 2-4 need a THD", &in, RESP_COMMUNITY, D(2019, 1, 1),
		  D(2019, 1, 1), "indeterminate");
	in.has_thd = true;
	in.parole_outcome_not_release = false;
	check("THD far off but no recall or refusal -> indeterminate", &in,
		  RESP_CUSTODY_ONLY, D(2025, 3, 11), D(2025, 3, 11), "indeterminate");
	in.parole_outcome_not_release = true;
	in.indeterminate = false;
	in.additional_isp = true;
	in.has_crd = true;
	in.crd = D(2026, 6, 1);
	check_hd("rows 1-4 only for indeterminate sentences", &in,
			 D(2025, 9, 17), "determinate");

	/* rows 2-4 boundary at a leap day: 2024-02-29 + 12 months = 2025-02-28 */
	in = base_input();
	in.as_of = D(2024, 2, 29);
	in.indeterminate = true;
	in.has_thd = true;
	in.thd = D(2025, 3, 1);
	in.parole_outcome_not_release = true;
	check("leap as_of: THD 2025-03-01 > 2025-02-28 -> row 4", &in,
		  RESP_CUSTODY_WITH_COM, NO_DATE, NO_DATE, "thd_over_12_months");
	in.thd = D(2025, 2, 28);
	check("leap as_of: THD 2025-02-28 -> not row 4", &in, RESP_COMMUNITY,
		  D(2024, 2, 28), D(2024, 2, 28), "indeterminate");
}

static void
test_out_of_scope(void)
{
	HandoverInput in;

	in = base_input();
	in.has_crd = true;
	in.crd = D(2026, 1, 1);
	in.civil = true;
	in.has_date_of_birth = true;
	in.date_of_birth = D(2010, 1, 1);
	check("civil (checked first)", &in, RESP_NONE, NO_DATE, NO_DATE,
		  "out_of_scope_civil");
	in.civil = false;
	check("under 18", &in, RESP_NONE, NO_DATE, NO_DATE, "out_of_scope_under_18");
	in.date_of_birth = D(2006, 1, 16);
	check("18 tomorrow: under 18", &in, RESP_NONE, NO_DATE, NO_DATE,
		  "out_of_scope_under_18");
	in.date_of_birth = D(2006, 1, 15);
	check_hd("18 today: in scope", &in, D(2025, 4, 17), "determinate");
	in.has_date_of_birth = false;
	check_hd("unknown date of birth: in scope", &in, D(2025, 4, 17),
			 "determinate");

	in.has_date_of_birth = true;
	in.date_of_birth = D(2008, 2, 29);
	in.as_of = D(2026, 2, 28);
	check("29 Feb birthday: still 17 on 28 Feb of a common year", &in,
		  RESP_NONE, NO_DATE, NO_DATE, "out_of_scope_under_18");
	in.as_of = D(2026, 3, 1);
	check_hd("29 Feb birthday: 18 on 1 March", &in, D(2025, 4, 17),
			 "determinate");
	in.date_of_birth = DATE_NOBEGIN;
	check_hd("born -infinity: adult", &in, D(2025, 4, 17), "determinate");
	in.date_of_birth = DATE_NOEND;
	check("born infinity: under 18", &in, RESP_NONE, NO_DATE, NO_DATE,
		  "out_of_scope_under_18");
	in.date_of_birth = D(294270, 1, 1);
	check("18th birthday beyond the timestamp range: under 18, no error", &in,
		  RESP_NONE, NO_DATE, NO_DATE, "out_of_scope_under_18");
	in.date_of_birth = D(5874890, 1, 1);
	check("18th birthday beyond the date range: under 18, no error", &in,
		  RESP_NONE, NO_DATE, NO_DATE, "out_of_scope_under_18");

	in = base_input();
	in.has_crd = true;
	in.crd = D(2026, 1, 1);
	in.remand = true;
	check("remand", &in, RESP_NONE, NO_DATE, NO_DATE, "out_of_scope_unsentenced");
	in.immigration = true;
	check("remand wins over immigration", &in, RESP_NONE, NO_DATE, NO_DATE,
		  "out_of_scope_unsentenced");
	in.remand = false;
	in.immigration = false;
	in.has_crd = false;
	check("SSD but no release dates, determinate: not sentenced", &in,
		  RESP_NONE, NO_DATE, NO_DATE, "out_of_scope_unsentenced");
	in.has_ted = true;
	in.ted = D(2030, 1, 1);
	check("SSD and a TED: sentenced (a determinate ERD ignores TED)", &in,
		  RESP_CUSTODY_ONLY, NO_DATE, NO_DATE, "release_date_unknown");
	in.has_ted = false;
	in.indeterminate = true;
	check("SSD and indeterminate: sentenced, no ERD", &in, RESP_CUSTODY_ONLY,
		  NO_DATE, NO_DATE, "release_date_unknown");
	in.indeterminate = false;
	in.has_release_date = true;
	in.release_date = D(2026, 1, 1);
	check("SSD and only a release date (APD or confirmed): sentenced, no ERD",
		  &in, RESP_CUSTODY_ONLY, NO_DATE, NO_DATE, "release_date_unknown");
	in.has_sentence_start = false;
	check("a release date without an SSD: not sentenced", &in,
		  RESP_NONE, NO_DATE, NO_DATE, "out_of_scope_unsentenced");
	in.has_sentence_start = true;
	in.remand = true;
	check("remand with a release date: out of scope", &in,
		  RESP_NONE, NO_DATE, NO_DATE, "out_of_scope_unsentenced");
}

static void
test_infinity_and_range(void)
{
	HandoverInput in;

	in = base_input();
	in.has_crd = true;
	in.crd = DATE_NOEND;
	check("CRD infinity: HD infinity, custody_only", &in, RESP_CUSTODY_ONLY,
		  DATE_NOEND, DATE_NOEND, "determinate");
	in.crd = DATE_NOBEGIN;
	check("CRD -infinity: within 10 months of SSD", &in, RESP_COMMUNITY,
		  NO_DATE, NO_DATE, "determinate_short");
	in.sentence_start = DATE_NOBEGIN;
	check("SSD and CRD -infinity: short", &in, RESP_COMMUNITY, NO_DATE,
		  NO_DATE, "determinate_short");
	in.sentence_start = DATE_NOBEGIN;
	in.crd = D(2025, 1, 1);
	check_hd("SSD -infinity: not short", &in, D(2024, 4, 17), "determinate");

	in = base_input();
	in.indeterminate = true;
	in.has_ted = true;
	in.ted = DATE_NOBEGIN;
	check("TED -infinity: community", &in, RESP_COMMUNITY, DATE_NOBEGIN,
		  DATE_NOBEGIN, "indeterminate");
	in.has_thd = true;
	in.thd = D(2020, 1, 1);
	check_hd("past THD is nearer than TED -infinity", &in, D(2019, 1, 1),
			 "indeterminate");
	in.as_of = DATE_NOEND;
	in.ted = D(2030, 1, 1);
	check("as_of infinity: nearer of TED/THD, community", &in, RESP_COMMUNITY,
		  D(2029, 1, 1), D(2029, 1, 1), "indeterminate");

	in = base_input();
	in.has_crd = true;
	in.crd = DATE_MAX_VALUE;
	check_out_of_range("CRD 5874897-12-31: out of range", &in);
	in.crd = D(-4713, 12, 31);
	in.sentence_start = DATE_NOBEGIN;
	check_out_of_range("CRD near the first date: out of range", &in);
	in.sentence_start = D(294276, 6, 1);
	in.crd = D(294276, 12, 31);
	check_out_of_range("SSD + 10 months out of range", &in);
	in.recall = true;
	check("out-of-range dates are not touched by rows that need no arithmetic",
		  &in, RESP_COMMUNITY, NO_DATE, NO_DATE, "recall_case");

	in = base_input();
	in.as_of = D(294276, 6, 1);
	in.indeterminate = true;
	in.has_thd = true;
	in.thd = D(294276, 12, 31);
	in.parole_outcome_not_release = true;
	check_out_of_range("as_of + 12 months out of range (rows 2-4)", &in);
}

static void
test_historical(void)
{
	HandoverInput in;

	/* 2019 */
	in = base_input();
	in.version = HANDOVER_RULES_2019;
	in.sentence_start = D(2019, 6, 1);
	in.as_of = D(2020, 6, 1);
	in.has_crd = true;
	in.crd = D(2020, 12, 31);
	check("2019 determinate, MAPPA unknown: start -7m15d, HD -4m15d", &in,
		  RESP_CUSTODY_WITH_COM, D(2020, 5, 16), D(2020, 8, 16), "determinate");
	in.mappa_level = 1;
	check("2019 determinate MAPPA 1", &in, RESP_CUSTODY_WITH_COM,
		  D(2020, 5, 16), D(2020, 8, 16), "determinate");
	in.mappa_level = 0;
	check("2019 determinate MAPPA 0", &in, RESP_CUSTODY_WITH_COM,
		  D(2020, 5, 16), D(2020, 8, 16), "determinate");
	in.has_hdced = true;
	in.hdced = D(2020, 8, 15);
	check("2019 MAPPA 0: an earlier HDCED is the HD (0c438bfa)", &in,
		  RESP_CUSTODY_WITH_COM, D(2020, 5, 16), D(2020, 8, 15),
		  "determinate");
	in.hdced = D(2020, 8, 17);
	check("2019 MAPPA 0: a later HDCED is not", &in, RESP_CUSTODY_WITH_COM,
		  D(2020, 5, 16), D(2020, 8, 16), "determinate");
	in.hdced = D(2020, 5, 1);
	check("2019 MAPPA 0: an HDCED before the start moves the start", &in,
		  RESP_COMMUNITY, D(2020, 5, 1), D(2020, 5, 1), "determinate");
	in.mappa_level = 2;
	check("2019 MAPPA 2: the HDCED is not used", &in, RESP_COMMUNITY,
		  D(2020, 5, 16), D(2020, 5, 16), "determinate_mappa_2_3");
	in.mappa_level = 0;
	in.has_hdced = false;
	in.mappa_level = 2;
	check("2019 determinate MAPPA 2: start = HD = -7m15d", &in,
		  RESP_COMMUNITY, D(2020, 5, 16), D(2020, 5, 16), "determinate_mappa_2_3");
	in.mappa_level = 3;
	in.as_of = D(2020, 5, 15);
	check("2019 determinate MAPPA 3, before HD", &in, RESP_CUSTODY_ONLY,
		  D(2020, 5, 16), D(2020, 5, 16), "determinate_mappa_2_3");
	in.mappa_level = -1;
	in.crd = D(2020, 1, 1);
	in.as_of = D(2019, 7, 1);
	check("2019 10-month rule (ResponsibilityService at 0c438bfa)", &in,
		  RESP_COMMUNITY, NO_DATE, NO_DATE, "determinate_short");
	in.crd = D(2020, 4, 1);
	check("2019 10-month boundary (SSD + 10 months = ERD)", &in,
		  RESP_COMMUNITY, NO_DATE, NO_DATE, "determinate_short");
	in.crd = D(2020, 4, 2);
	check("2019 one day over 10 months", &in, RESP_CUSTODY_ONLY,
		  D(2019, 8, 18), D(2019, 11, 17), "determinate");
	in.crc_case = true;
	check_hd("2019 CRC comes before the 10-month rule", &in, D(2020, 1, 9),
			 "crc_case");
	in.crc_case = false;
	in.early_allocation = true;
	in.crd = D(2020, 4, 1);
	check("2019 10-month rule before early allocation", &in, RESP_COMMUNITY,
		  NO_DATE, NO_DATE, "determinate_short");
	in.early_allocation = false;
	in.crd = D(2020, 12, 31);
	in.has_ped = true;
	in.ped = D(2021, 3, 31);
	check_hd("2019 parole: PED - 8 months", &in, D(2020, 7, 31),
			 "determinate_parole");
	in.has_ped = false;
	in.crc_case = true;
	check_hd("2019 CRC: ERD - 12 weeks", &in, D(2020, 10, 8), "crc_case");
	in.early_allocation = true;
	check_hd("2019 CRC comes before early allocation", &in, D(2020, 10, 8),
			 "crc_case");
	in.has_hdced = true;
	in.hdced = D(2021, 1, 31);
	check_hd("2019 CRC: the HDCED first, even if later (0c438bfa)", &in,
			 D(2020, 11, 8), "crc_case");
	in.version = HANDOVER_RULES_2021;
	in.sentence_start = D(2019, 1, 1);
	check_hd("2021 CRC: the earliest of ERD and HDCED (a0e7163d)", &in,
			 D(2020, 10, 8), "crc_case");
	in.hdced = D(2020, 10, 1);
	check_hd("2021 CRC: HDCED earlier", &in, D(2020, 7, 9), "crc_case");
	in.version = HANDOVER_RULES_2019;
	in.sentence_start = D(2019, 6, 1);
	in.has_hdced = false;
	in.crc_case = false;
	in.crd = D(2021, 8, 31);
	in.as_of = D(2020, 3, 1);
	check("2019 early allocation: start CRD - 18m, HD CRD - 15m", &in,
		  RESP_CUSTODY_WITH_COM, D(2020, 2, 29), D(2020, 5, 31),
		  "early_allocation");
	in.has_crd = false;
	in.has_ard = true;
	in.ard = D(2021, 8, 31);
	check("2019 early allocation without CRD uses ERD", &in,
		  RESP_CUSTODY_WITH_COM, D(2020, 2, 29), D(2020, 5, 31),
		  "early_allocation");

	in = base_input();
	in.version = HANDOVER_RULES_2019;
	in.sentence_start = D(2010, 1, 1);
	in.as_of = D(2020, 1, 1);
	in.indeterminate = true;
	in.has_ted = true;
	in.ted = D(2022, 10, 31);
	in.crc_case = true;			/* ignored for indeterminate */
	in.additional_isp = true;	/* no ISP rows in 2019 */
	in.open_conditions = true;
	in.has_open_since = true;
	in.open_since = D(2019, 1, 1);
	check("2019 open conditions: COM responsible (0c438bfa)", &in,
		  RESP_COMMUNITY, NO_DATE, NO_DATE, "open_conditions_pre_omic");
	in.open_conditions = false;
	check_hd("2019 indeterminate: TED - 8 months, no ISP rules", &in,
			 D(2022, 2, 28), "indeterminate");
	in.ted = D(2019, 10, 31);
	in.has_thd = true;
	in.thd = D(2021, 6, 30);
	check("2019 indeterminate, TED past: no ERD, POM responsible (THD unused)",
		  &in, RESP_CUSTODY_ONLY, NO_DATE, NO_DATE, "release_date_unknown");
	in.ted = D(2020, 1, 1);
	check_hd("2019 indeterminate, TED = as_of: TED - 8 months", &in,
			 D(2019, 5, 1), "indeterminate");
	in.has_ted = false;
	check("2019 indeterminate without TED: no ERD (THD unused)", &in,
		  RESP_CUSTODY_ONLY, NO_DATE, NO_DATE, "release_date_unknown");
	in.recall = true;
	check("2019 recall", &in, RESP_COMMUNITY, NO_DATE, NO_DATE, "recall_case");
	in.recall = false;
	in.has_thd = false;
	check("2019 no ERD", &in, RESP_CUSTODY_ONLY, NO_DATE, NO_DATE,
		  "release_date_unknown");

	/* 2021 */
	in = base_input();
	in.version = HANDOVER_RULES_2021;
	in.sentence_start = D(2021, 3, 1);
	in.as_of = D(2021, 6, 1);
	in.has_crd = true;
	in.crd = D(2022, 6, 30);
	check_hd("2021 determinate: min(ARD, CRD) - 7m15d", &in, D(2021, 11, 15),
			 "determinate");
	in.has_ard = true;
	in.ard = D(2022, 5, 31);
	check_hd("2021 determinate: ARD earlier", &in, D(2021, 10, 16),
			 "determinate");
	in.mappa_level = 3;
	check_hd("2021: MAPPA makes no difference", &in, D(2021, 10, 16),
			 "determinate");
	in.has_ard = false;
	in.crd = D(2021, 12, 31);
	check("2021: 10-month rule", &in, RESP_COMMUNITY, NO_DATE, NO_DATE,
		  "determinate_short");
	in.crd = D(2022, 1, 1);
	check("2021: 10-month boundary (SSD + 10 months = ERD)", &in,
		  RESP_COMMUNITY, NO_DATE, NO_DATE, "determinate_short");
	in.crd = D(2022, 1, 2);
	check_hd("2021: one day over 10 months", &in, D(2021, 5, 18),
			 "determinate");
	in.crc_case = true;
	in.crd = D(2021, 12, 31);
	check_hd("2021 CRC comes before the 10-month rule", &in, D(2021, 10, 8),
			 "crc_case");
	in.open_conditions = true;
	check_hd("2021 open conditions: no rule for a determinate sentence", &in,
			 D(2021, 10, 8), "crc_case");
	in.version = HANDOVER_RULES_2019;
	check_hd("2019 open conditions: a CRC case keeps its rule", &in,
			 D(2021, 10, 8), "crc_case");
	in.version = HANDOVER_RULES_2021;
	in.open_conditions = false;
	in.crc_case = false;
	in.has_ped = true;
	in.ped = D(2023, 1, 31);
	check_hd("2021 parole: PED - 8 months", &in, D(2022, 5, 31),
			 "determinate_parole");
	in.early_allocation = true;
	check_hd("2021 early allocation: ERD - 15 months", &in, D(2021, 10, 31),
			 "early_allocation");

	in = base_input();
	in.version = HANDOVER_RULES_2021;
	in.sentence_start = D(2010, 1, 1);
	in.as_of = D(2021, 6, 1);
	in.indeterminate = true;
	in.has_ted = true;
	in.ted = D(2022, 10, 31);
	in.open_conditions = true;
	in.has_open_since = true;
	in.open_since = D(2021, 1, 1);
	check("2021 indeterminate open: starts on open_since (a0e7163d)", &in,
		  RESP_CUSTODY_WITH_COM, D(2021, 1, 1), D(2022, 2, 28),
		  "indeterminate_open");
	in.open_since = D(2022, 3, 1);
	check("2021 indeterminate open after the HD: HD = open_since", &in,
		  RESP_CUSTODY_ONLY, D(2022, 3, 1), D(2022, 3, 1),
		  "indeterminate_open");
	in.has_open_since = false;
	check_hd("2021 indeterminate open, open_since unknown: start = HD", &in,
			 D(2022, 2, 28), "indeterminate_open");
	in.open_conditions = false;
	check_hd("2021 indeterminate: ERD - 8 months", &in, D(2022, 2, 28),
			 "indeterminate");
	in.early_allocation = true;
	check_hd("2021 early allocation applies to indeterminate", &in,
			 D(2021, 7, 31), "early_allocation");
	in.open_conditions = true;
	in.has_open_since = true;
	in.open_since = D(2021, 1, 1);
	check("2021 early allocation in open conditions: starts on open_since",
		  &in, RESP_CUSTODY_WITH_COM, D(2021, 1, 1), D(2021, 7, 31),
		  "early_allocation");
	in.open_conditions = false;
	in.sentence_start = D(2022, 1, 1);
	check("2021 10-month rule applies to indeterminate, before early "
		  "allocation (a0e7163d)", &in, RESP_COMMUNITY, NO_DATE, NO_DATE,
		  "determinate_short");

	/* 2023-04 */
	in = base_input();
	in.version = HANDOVER_RULES_2023_04;
	in.has_crd = true;
	in.crd = D(2024, 11, 2);
	check_hd("2023-04 determinate: -8m14d", &in, D(2024, 2, 17), "determinate");
	in.crd = D(2024, 11, 1);
	check("2023-04 10-month rule", &in, RESP_COMMUNITY, NO_DATE, NO_DATE,
		  "determinate_short");
	in.has_ped = true;
	in.ped = D(2026, 1, 1);
	check_hd("2023-04 parole: -8 months", &in, D(2025, 5, 1),
			 "determinate_parole");
	in.early_allocation = true;
	check_hd("2023-04 early allocation (determinate)", &in, D(2024, 10, 1),
			 "early_allocation");
	in.has_ped = false;
	in.crd = D(2024, 11, 1);
	check("2023-04: the 10-month rule before early allocation (6ac80ecb)",
		  &in, RESP_COMMUNITY, NO_DATE, NO_DATE, "determinate_short");
	in.version = HANDOVER_RULES_2023_10;
	check_hd("2023-10: early allocation before the 10-month rule (88a9f759)",
			 &in, D(2023, 8, 1), "early_allocation");

	in = base_input();
	in.version = HANDOVER_RULES_2023_04;
	in.as_of = D(2025, 6, 1);
	in.indeterminate = true;
	in.has_ted = true;
	in.ted = D(2026, 1, 1);
	in.has_thd = true;
	in.thd = D(2027, 1, 1);
	in.parole_outcome_not_release = true;	/* no ISP rows before 2024-05 */
	check_hd("2023-04 indeterminate: -8 months", &in, D(2025, 5, 1),
			 "indeterminate");
	in.early_allocation = true;
	check_hd("2023-04 early allocation does not apply to indeterminate", &in,
			 D(2025, 5, 1), "indeterminate");
	in.open_conditions = true;
	in.has_open_since = true;
	in.open_since = D(2025, 1, 1);
	check("2023-04 open conditions rule applies", &in, RESP_COMMUNITY,
		  D(2025, 1, 1), D(2025, 5, 1), "indeterminate_open");

	/* 2023-10 */
	in = base_input();
	in.version = HANDOVER_RULES_2023_10;
	in.as_of = D(2024, 6, 1);
	in.indeterminate = true;
	in.has_ted = true;
	in.ted = D(2026, 1, 1);
	in.has_thd = true;
	in.thd = D(2027, 1, 1);
	in.parole_outcome_not_release = true;
	in.additional_isp = true;
	check_hd("2023-10 indeterminate: -12 months, no ISP rows", &in,
			 D(2025, 1, 1), "indeterminate");
	in.early_allocation = true;
	check_hd("2023-10 early allocation applies to indeterminate", &in,
			 D(2024, 10, 1), "early_allocation");
	in.version = HANDOVER_RULES_2024_05;
	check("same case under 2024-05: row 1", &in, RESP_CUSTODY_ONLY, NO_DATE,
		  NO_DATE, "additional_isp");
	in = base_input();
	in.version = HANDOVER_RULES_2023_10;
	in.has_ped = true;
	in.ped = D(2026, 1, 1);
	check_hd("2023-10 parole: -12 months", &in, D(2025, 1, 1),
			 "determinate_parole");

	/* an invalid version number is the current version */
	in = base_input();
	in.version = (HandoverRulesVersion) 99;
	in.indeterminate = true;
	in.additional_isp = true;
	in.has_ted = true;
	in.ted = D(2026, 1, 1);
	check("invalid version: current rules", &in, RESP_CUSTODY_ONLY, NO_DATE,
		  NO_DATE, "additional_isp");
}

/*
 * The ERD of an indeterminate sentence by version: the examples of MPC's
 * specs (HandoverCalculation.calculate_earliest_release at 19a839e6 and
 * 08af7c29, today 2023-03-01), read through the handover date (ERD - 12
 * months, indeterminate) or release_date_unknown.
 */
static void
check_indeterminate_erd(const char *name, HandoverRulesVersion v,
						int32_t ted, int32_t thd, int32_t ped, int32_t erd)
{
	HandoverInput in = base_input();
	int32_t		hd = NO_DATE;

	in.version = v;
	in.sentence_start = D(2010, 1, 1);
	in.as_of = D(2023, 3, 1);
	in.indeterminate = true;
	in.has_ted = ted != NO_DATE;
	in.ted = ted;
	in.has_thd = thd != NO_DATE;
	in.thd = thd;
	in.has_ped = ped != NO_DATE;
	in.ped = ped;
	if (erd == NO_DATE)
	{
		check(name, &in, RESP_CUSTODY_ONLY, NO_DATE, NO_DATE,
			  "release_date_unknown");
		return;
	}
	if (!date_minus_interval(erd, v == HANDOVER_RULES_2019 ||
							 v == HANDOVER_RULES_2021 ||
							 v == HANDOVER_RULES_2023_04 ? 8 : 12, 0, &hd))
		tap_ok(false, name);
	else
		check_hd(name, &in, hd, "indeterminate");
}

static void
test_indeterminate_erd(void)
{
	int32_t		today = D(2023, 3, 1);
	int32_t		none = NO_DATE;

	/* 2024-05 (19a839e6): TED in the future, else THD/PED in the future */
	check_indeterminate_erd("2024-05: all today: none", HANDOVER_RULES_2024_05,
							today, today, today, none);
	check_indeterminate_erd("2024-05: TED today only: none",
							HANDOVER_RULES_2024_05, today, none, none, none);
	check_indeterminate_erd("2024-05: TED future wins", HANDOVER_RULES_2024_05,
							today + 1, today + 1, none, today + 1);
	check_indeterminate_erd("2024-05: no TED, PED earlier than THD",
							HANDOVER_RULES_2024_05, none, today + 2, today + 1,
							today + 1);
	check_indeterminate_erd("2024-05: no TED, THD today, PED future",
							HANDOVER_RULES_2024_05, none, today, today + 1,
							today + 1);
	check_indeterminate_erd("2023-10 as 2024-05", HANDOVER_RULES_2023_10,
							today - 1, today, today + 5, today + 5);

	/* 2021: on as_of counts */
	check_indeterminate_erd("2021: THD on as_of counts", HANDOVER_RULES_2021,
							today - 1, today, today + 5, today);
	check_indeterminate_erd("2021: PED on as_of counts", HANDOVER_RULES_2021,
							today, none, today, today);
	check_indeterminate_erd("2023-04: PED on as_of does not count",
							HANDOVER_RULES_2023_04, today, none, today, none);
	check_indeterminate_erd("2021: TED on as_of is not the ERD",
							HANDOVER_RULES_2021, today, none, none, none);
	check_indeterminate_erd("2021: all past: none", HANDOVER_RULES_2021,
							today - 1, today - 2, today - 3, none);

	/* 2024-07 (08af7c29): the earlier of TED and THD, past or not */
	check_indeterminate_erd("2024-07: TED alone", HANDOVER_RULES_2024_07,
							today, none, none, today);
	check_indeterminate_erd("2024-07: TED earlier", HANDOVER_RULES_2024_07,
							today - 1, today, none, today - 1);
	check_indeterminate_erd("2024-07: THD earlier", HANDOVER_RULES_2024_07,
							today, today - 1, none, today - 1);
	check_indeterminate_erd("2024-07: THD alone", HANDOVER_RULES_2024_07,
							none, today, none, today);
	check_indeterminate_erd("2024-07: PED unused", HANDOVER_RULES_2024_07,
							none, none, today + 1, none);

	/* 2025-05 (bdac0f3f): future TED, else future THD, else the nearer */
	check_indeterminate_erd("2025-05: past TED, future THD",
							HANDOVER_RULES_2025_05, today - 1, today + 30, none,
							today + 30);
	check_indeterminate_erd("2025-05: both past, THD nearer",
							HANDOVER_RULES_2025_05, today - 10, today - 1, none,
							today - 1);

	/* 2019 (0c438bfa): the TED alone, on or after as_of */
	check_indeterminate_erd("2019: TED on as_of", HANDOVER_RULES_2019,
							today, today + 1, today + 1, today);
	check_indeterminate_erd("2019: TED past: none", HANDOVER_RULES_2019,
							today - 1, today + 1, today + 1, none);
	check_indeterminate_erd("2019: no TED: none", HANDOVER_RULES_2019,
							none, today + 1, today + 1, none);
}

static void
test_versions(void)
{
	static const struct
	{
		int			y,
					m,
					d;
		HandoverRulesVersion v;
	}			cases[] = {
		{2000, 1, 1, HANDOVER_RULES_2019},
		{2019, 2, 3, HANDOVER_RULES_2019},
		{2019, 2, 4, HANDOVER_RULES_2019},
		{2021, 2, 14, HANDOVER_RULES_2019},
		{2021, 2, 15, HANDOVER_RULES_2021},
		{2023, 3, 31, HANDOVER_RULES_2021},
		{2023, 4, 1, HANDOVER_RULES_2023_04},
		{2023, 9, 30, HANDOVER_RULES_2023_04},
		{2023, 10, 1, HANDOVER_RULES_2023_10},
		{2024, 4, 30, HANDOVER_RULES_2023_10},
		{2024, 5, 1, HANDOVER_RULES_2024_05},
		{2024, 7, 23, HANDOVER_RULES_2024_05},
		{2024, 7, 24, HANDOVER_RULES_2024_07},
		{2025, 5, 14, HANDOVER_RULES_2024_07},
		{2025, 5, 15, HANDOVER_RULES_2025_05},
		{2099, 1, 1, HANDOVER_RULES_2025_05},
	};
	size_t		i;
	HandoverRulesVersion v = HANDOVER_RULES_2019;
	char		name[64];

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		snprintf(name, sizeof(name), "version for %04d-%02d-%02d",
				 cases[i].y, cases[i].m, cases[i].d);
		tap_is_int(handover_rules_version_for(D(cases[i].y, cases[i].m, cases[i].d)),
				   cases[i].v, name);
	}
	tap_is_int(handover_rules_version_for(DATE_NOBEGIN), HANDOVER_RULES_2019,
			   "version for -infinity");
	tap_is_int(handover_rules_version_for(DATE_NOEND), HANDOVER_RULES_2025_05,
			   "version for infinity");

	tap_is_int(handover_rules_version_start(HANDOVER_RULES_2019), D(2019, 2, 4),
			   "2019 starts 2019-02-04");
	tap_is_int(handover_rules_version_start(HANDOVER_RULES_2021), D(2021, 2, 15),
			   "2021 starts 2021-02-15");
	tap_is_int(handover_rules_version_start(HANDOVER_RULES_2023_04), D(2023, 4, 1),
			   "2023-04 starts 2023-04-01");
	tap_is_int(handover_rules_version_start(HANDOVER_RULES_2023_10), D(2023, 10, 1),
			   "2023-10 starts 2023-10-01");
	tap_is_int(handover_rules_version_start(HANDOVER_RULES_2024_05), D(2024, 5, 1),
			   "2024-05 starts 2024-05-01");
	tap_is_int(handover_rules_version_start(HANDOVER_RULES_2024_07), D(2024, 7, 24),
			   "2024-07 starts 2024-07-24");
	tap_is_int(handover_rules_version_start(HANDOVER_RULES_2025_05), D(2025, 5, 15),
			   "2025-05 starts 2025-05-15");

	tap_is_str(handover_rules_version_name(HANDOVER_RULES_2019), "2019", "name 2019");
	tap_is_str(handover_rules_version_name(HANDOVER_RULES_2021), "2021", "name 2021");
	tap_is_str(handover_rules_version_name(HANDOVER_RULES_2023_04), "2023-04",
			   "name 2023-04");
	tap_is_str(handover_rules_version_name(HANDOVER_RULES_2023_10), "2023-10",
			   "name 2023-10");
	tap_is_str(handover_rules_version_name(HANDOVER_RULES_2024_05), "2024-05",
			   "name 2024-05");
	tap_is_str(handover_rules_version_name(HANDOVER_RULES_2024_07), "2024-07",
			   "name 2024-07");
	tap_is_str(handover_rules_version_name(HANDOVER_RULES_2025_05), "2025-05",
			   "name 2025-05");
	tap_ok(handover_rules_version_name((HandoverRulesVersion) 7) == NULL,
		   "no name for an invalid version");
	tap_ok(handover_rules_version_from_name("2023-10", &v) &&
		   v == HANDOVER_RULES_2023_10, "version from name");
	tap_ok(!handover_rules_version_from_name("2022", &v) &&
		   !handover_rules_version_from_name(NULL, &v),
		   "unknown version names rejected");
}

/*
 * Random inputs: no crash, and the result is always coherent.  Seeded, so
 * any failure reproduces.
 */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static int32_t
random_date(void)
{
	switch (rng() % 8)
	{
		case 0:
			return DATE_NOBEGIN;
		case 1:
			return DATE_NOEND;
		case 2:
			return (int32_t) (DATE_MIN_VALUE + (int64_t) (rng() % 2000));
		case 3:
			return (int32_t) (DATE_MIN_VALUE +
							  (int64_t) (rng() % ((uint64_t) DATE_MAX_VALUE -
												  DATE_MIN_VALUE + 1)));
		case 4:
			return (int32_t) (DATE_TIMESTAMP_MAX_VALUE - 800 + (int64_t) (rng() % 1600));
		default:
			return (int32_t) (8000 + (int64_t) (rng() % 4000));
	}
}

static void
test_random(void)
{
	int			i;
	int			bad = 0;
	int			errors = 0;

	for (i = 0; i < 300000; i++)
	{
		HandoverInput in;
		HandoverResult out;
		HandoverStatus st;
		uint64_t	bits = rng();

		memset(&in, 0, sizeof(in));
		in.has_sentence_start = bits & 1;
		in.sentence_start = random_date();
		in.has_crd = (bits >> 1) & 1;
		in.crd = random_date();
		in.has_ard = (bits >> 2) & 1;
		in.ard = random_date();
		in.has_ped = ((bits >> 3) & 3) == 0;
		in.ped = random_date();
		in.has_hdced = ((bits >> 5) & 3) == 0;
		in.hdced = random_date();
		in.has_ted = (bits >> 7) & 1;
		in.ted = random_date();
		in.has_thd = (bits >> 8) & 1;
		in.thd = random_date();
		in.has_date_of_birth = (bits >> 9) & 1;
		in.date_of_birth = random_date();
		in.indeterminate = (bits >> 10) & 1;
		in.recall = ((bits >> 11) & 3) == 0;
		in.immigration = ((bits >> 13) & 7) == 0;
		in.early_allocation = ((bits >> 16) & 3) == 0;
		in.open_conditions = (bits >> 18) & 1;
		in.has_open_since = (bits >> 19) & 1;
		in.open_since = random_date();
		in.mappa_level = (int) ((bits >> 20) % 6) - 1;
		in.additional_isp = ((bits >> 24) & 7) == 0;
		in.parole_outcome_not_release = (bits >> 27) & 1;
		in.remand = ((bits >> 28) & 15) == 0;
		in.civil = ((bits >> 32) & 31) == 0;
		in.crc_case = (bits >> 37) & 1;
		in.as_of = (rng() % 4 == 0) ? random_date() : (int32_t) (8000 + rng() % 4000);
		in.version = (HandoverRulesVersion) ((bits >> 40) % 6);

		st = handover_calculate(&in, &out);
		if (st != HANDOVER_OK)
		{
			errors++;
			if (out.responsibility != RESP_NONE || out.reason != NULL ||
				out.has_start_date || out.has_handover_date)
				bad++;
			continue;
		}
		if (!known_reason(out.reason))
			bad++;
		else if (out.responsibility == RESP_NONE)
		{
			if (strncmp(out.reason, "out_of_scope_", 13) != 0 ||
				out.has_start_date || out.has_handover_date)
				bad++;
		}
		else if (out.has_start_date != out.has_handover_date)
			bad++;
		else if (out.has_handover_date)
		{
			HandoverResponsibility want;

			if (out.start_date > out.handover_date)
				bad++;
			if (in.as_of < out.start_date)
				want = RESP_CUSTODY_ONLY;
			else if (in.as_of < out.handover_date)
				want = RESP_CUSTODY_WITH_COM;
			else
				want = RESP_COMMUNITY;
			if (want != out.responsibility)
				bad++;
		}
	}
	tap_is_int(bad, 0, "300,000 random inputs give coherent results");
	tap_ok(errors > 0, "random inputs include out-of-range cases (%d)", errors);
}

/*
 * The 18th birthday as the rules define it (same month and day 18 years on,
 * 29 February becoming 1 March), computed from the birth date: the rules
 * compare against as_of - 18 years instead, and this checks they agree.
 */
static bool
under_18_by_birthday(int32_t dob, int32_t as_of)
{
	int			y,
				m,
				d;
	int32_t		birthday;

	if (!date_to_ymd(dob, &y, &m, &d))
		return false;
	y += 18;
	if (m == 2 && d == 29 && !date_is_leap_year(y))
	{
		m = 3;
		d = 1;
	}
	if (!date_from_ymd(y, m, d, &birthday))
		return true;			/* beyond every date */
	return as_of < birthday;
}

static bool
is_under_18(const HandoverInput *in)
{
	HandoverResult out;

	return handover_calculate(in, &out) == HANDOVER_OK &&
		strcmp(out.reason, HANDOVER_REASON_OUT_OF_SCOPE_UNDER_18) == 0;
}

/*
 * Every day from 1996 to 2032 as as_of, with the dates of birth from a week
 * before to a week after 18 years earlier, and the range's ends: under 18
 * exactly as the birthday says.  as_of changes on every call, so no call
 * reuses the previous one's cutoff.
 */
static void
test_under_18_sweep(void)
{
	HandoverInput in = base_input();
	int32_t		as_of,
				dob;
	int			bad = 0,
				n = 0;

	in.has_crd = true;
	in.crd = D(2040, 1, 1);
	in.has_date_of_birth = true;
	for (dob = D(1978, 1, 1); dob <= D(2014, 12, 31); dob++)
	{
		for (as_of = dob + 6566; as_of <= dob + 6582; as_of++)
		{
			bool		under;

			in.as_of = as_of;
			in.date_of_birth = dob;
			under = is_under_18(&in);
			n++;
			if (under != under_18_by_birthday(dob, as_of) && bad++ < 5)
				printf("#   dob %d as_of %d: rules say %d\n", dob, as_of, under);
		}
	}
	tap_ok(bad == 0 && n > 200000,
		   "under 18 as the birthday says: %d pairs around the 18th birthday, %d wrong", n, bad);

	/* born on the first date; as of the last date */
	bad = 0;
	n = 0;
	in.date_of_birth = DATE_MIN_VALUE;
	for (as_of = DATE_MIN_VALUE + 6560; as_of <= DATE_MIN_VALUE + 6590; as_of++)
	{
		bool		under;

		in.as_of = as_of;
		under = is_under_18(&in);
		bad += under != under_18_by_birthday(DATE_MIN_VALUE, as_of);
		n += under;
	}
	in.as_of = DATE_MAX_VALUE;
	for (dob = DATE_MAX_VALUE - 6590; dob <= DATE_MAX_VALUE - 6560; dob++)
	{
		bool		under;

		in.date_of_birth = dob;
		under = is_under_18(&in);
		bad += under != under_18_by_birthday(dob, DATE_MAX_VALUE);
		n += under;
	}
	tap_ok(bad == 0 && n > 0 && n < 62,
		   "born on the first date, and as of the last: under 18 as the birthday says");
	in.date_of_birth = D(2000, 1, 1);
	in.as_of = DATE_NOBEGIN;
	tap_ok(is_under_18(&in), "as of -infinity: under 18");
	in.as_of = DATE_NOEND;
	tap_ok(!is_under_18(&in), "as of infinity: 18");
}

/*
 * Row 10 (10 months or less in custody) decides most cases by the distance
 * from sentence start to ERD; every start in 2000-2031 with every ERD from
 * 260 to 330 days on gets the answer the calendar gives, under the
 * current rules and those of 2021.
 */
static void
test_short_sentence_sweep(void)
{
	HandoverInput in = base_input();
	int32_t		ss,
				erd,
				limit;
	int			bad = 0,
				n = 0;
	HandoverResult out;

	in.has_crd = true;
	in.as_of = D(1999, 1, 1);
	for (ss = D(2000, 1, 1); ss <= D(2031, 12, 31); ss++)
	{
		/* the current rules on even days, those of 2021 on odd ones */
		in.version = (ss % 2) ? HANDOVER_RULES_2021 : HANDOVER_RULES_2024_05;
		for (erd = ss + 260; erd <= ss + 330; erd++)
		{
			bool		want;

			in.sentence_start = ss;
			in.crd = erd;
			(void) date_add_months(ss, 10, &limit);
			want = limit >= erd;
			n++;
			if (handover_calculate(&in, &out) != HANDOVER_OK ||
				(strcmp(out.reason, HANDOVER_REASON_DETERMINATE_SHORT) == 0) != want)
				bad++;
		}
	}
	tap_ok(bad == 0 && n > 800000,
		   "10 months or less as the calendar says: %d pairs, %d wrong", n, bad);
}

int
main(void)
{
	test_ymd();
	test_interval();
	test_spec_table();
	test_current_rows();
	test_out_of_scope();
	test_under_18_sweep();
	test_short_sentence_sweep();
	test_infinity_and_range();
	test_historical();
	test_indeterminate_erd();
	test_versions();
	test_random();
	return tap_done();
}
