/*-------------------------------------------------------------------------
 *
 * date_arith.c
 *		Calendar arithmetic on PostgreSQL-compatible dates (see date_arith.h).
 *
 * Day numbers are converted to and from y/m/d with a "March-based" year:
 * counting the year from 1 March puts the leap day last, so the length of
 * every month before it is fixed and the day within the year follows from
 * a linear formula.  Years are grouped into 400-year cycles of 146097 days,
 * which repeat exactly in the Gregorian calendar, so negative years need no
 * special case once the cycle number is taken with floor division.  This is
 * the same proleptic Gregorian calendar as PostgreSQL's date2j()/j2date()
 * and gives identical day numbers over the whole date range.
 *
 * Day and cycle numbers are int64_t so that no input, however large, can
 * overflow; within a cycle every quantity is small and non-negative, and
 * 32-bit unsigned arithmetic is used there.
 *
 * extension/date_arith.c
 *
 *-------------------------------------------------------------------------
 */
#include "date_arith.h"

/* Days in a 400-year Gregorian cycle */
#define DAYS_PER_CYCLE		146097

/* Days from 0000-03-01 to 2000-01-01 */
#define CIVIL_TO_EPOCH		730425

static const int month_days[2][12] = {
	{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
	{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
};

/* Floor division and its non-negative remainder, for b > 0 */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t		q = a / b;

	if ((a % b) < 0)
		q--;
	return q;
}

static bool
leap64(int64_t year)
{
	return (year % 4 == 0) && (year % 100 != 0 || year % 400 == 0);
}

/*
 * Day number (days since 2000-01-01) of a y/m/d that is already known to
 * be a real calendar date.  No range check.
 */
static int64_t
ymd_to_days(int64_t year, int month, int day)
{
	int64_t		y = (month <= 2) ? year - 1 : year;	/* March-based year */
	int64_t		cycle = floor_div(y, 400);

	/*
	 * Within the cycle every quantity is small and non-negative: 32-bit
	 * unsigned arithmetic, whose divisions by constants are the cheapest.
	 */
	uint32_t	year_of_cycle = (uint32_t) (y - cycle * 400);	/* 0 .. 399 */
	uint32_t	month_from_march = (month > 2) ? month - 3 : month + 9;
	uint32_t	day_of_year;
	uint32_t	day_of_cycle;

	/* March..February have 31,30,31,30,31,31,30,31,30,31,31,28/29 days */
	day_of_year = (153 * month_from_march + 2) / 5 + (uint32_t) day - 1;
	day_of_cycle = year_of_cycle * 365 + year_of_cycle / 4
		- year_of_cycle / 100 + day_of_year;

	return cycle * DAYS_PER_CYCLE + day_of_cycle - CIVIL_TO_EPOCH;
}

/* Inverse of ymd_to_days() */
static void
days_to_ymd(int64_t days, int64_t *year, int *month, int *day)
{
	int64_t		z = days + CIVIL_TO_EPOCH;	/* days since 0000-03-01 */
	int64_t		cycle = floor_div(z, DAYS_PER_CYCLE);

	/* as in ymd_to_days(), 32-bit unsigned within the cycle */
	uint32_t	day_of_cycle = (uint32_t) (z - cycle * DAYS_PER_CYCLE);	/* 0 .. 146096 */
	uint32_t	year_of_cycle;
	uint32_t	day_of_year;
	uint32_t	month_from_march;

	/*
	 * Remove the leap days (one per 4 years, none per 100, one per 400) to
	 * find the year within the cycle; the last day of the cycle is a leap
	 * day of year 399, hence the final correction.
	 */
	year_of_cycle = (day_of_cycle - day_of_cycle / 1460
					 + day_of_cycle / 36524
					 - day_of_cycle / (DAYS_PER_CYCLE - 1)) / 365;
	day_of_year = day_of_cycle - (365 * year_of_cycle + year_of_cycle / 4
								  - year_of_cycle / 100);
	month_from_march = (5 * day_of_year + 2) / 153;
	*day = (int) (day_of_year - (153 * month_from_march + 2) / 5 + 1);
	*month = (month_from_march < 10) ? (int) month_from_march + 3 : (int) month_from_march - 9;
	*year = cycle * 400 + year_of_cycle + ((*month <= 2) ? 1 : 0);
}

bool
date_is_leap_year(int year)
{
	return leap64(year);
}

int
date_days_in_month(int year, int month)
{
	if (month < 1 || month > 12)
		return 0;
	return month_days[leap64(year) ? 1 : 0][month - 1];
}

bool
date_from_ymd(int year, int month, int day, int32_t *out)
{
	int64_t		days;

	if (month < 1 || month > 12 || day < 1 ||
		day > date_days_in_month(year, month))
		return false;
	days = ymd_to_days(year, month, day);
	if (!DATE_IS_VALID_FINITE(days))
		return false;
	*out = (int32_t) days;
	return true;
}

bool
date_to_ymd(int32_t d, int *year, int *month, int *day)
{
	int64_t		y;

	if (!DATE_IS_VALID_FINITE(d))
		return false;
	days_to_ymd(d, &y, month, day);
	*year = (int) y;
	return true;
}

/*
 * One field of a date: 0 year, 1 month, 2 day.  Infinite dates (and, by
 * sign, values outside the range) give INT32_MIN / INT32_MAX.
 */
static int
date_field(int32_t d, int field)
{
	int			ymd[3];

	if (DATE_ARITH_IS_NOBEGIN(d))
		return INT32_MIN;
	if (DATE_ARITH_IS_NOEND(d))
		return INT32_MAX;
	if (!date_to_ymd(d, &ymd[0], &ymd[1], &ymd[2]))
		return (d < 0) ? INT32_MIN : INT32_MAX;
	return ymd[field];
}

int
date_year(int32_t d)
{
	return date_field(d, 0);
}

int
date_month(int32_t d)
{
	return date_field(d, 1);
}

int
date_day(int32_t d)
{
	return date_field(d, 2);
}

bool
date_add_days(int32_t d, int64_t days, int32_t *out)
{
	int64_t		result;

	if (DATE_ARITH_NOT_FINITE(d))
	{
		*out = d;
		return true;
	}
	/* no date range is wider than INT32_MAX days, so this cannot overflow */
	if (!DATE_IS_VALID_FINITE(d) || days > INT32_MAX || days < -(int64_t) INT32_MAX)
		return false;
	result = (int64_t) d + days;
	if (!DATE_IS_VALID_FINITE(result))
		return false;
	*out = (int32_t) result;
	return true;
}

/* Inside the range PostgreSQL's timestamp arithmetic can represent */
static bool
in_timestamp_range(int64_t d)
{
	return d >= DATE_MIN_VALUE && d <= DATE_TIMESTAMP_MAX_VALUE;
}

/*
 * A day number moved by whole months, the day of month clamped to the last
 * day of the resulting month; no range check.
 */
static int64_t
shift_months(int64_t cur, int64_t months)
{
	int64_t		year;
	int			month;
	int			day;
	int64_t		index;
	int			last;

	days_to_ymd(cur, &year, &month, &day);
	/* count months from year 0, shift, and split again */
	index = year * 12 + (month - 1) + months;
	year = floor_div(index, 12);
	month = (int) (index - year * 12) + 1;
	last = month_days[leap64(year) ? 1 : 0][month - 1];
	return ymd_to_days(year, month, day > last ? last : day);
}

/*
 * The core of "date + interval": months first, clamping the day of month,
 * then days; each step must stay inside the timestamp range.  Months and
 * days are int64_t so that negating INT_MIN is safe.
 */
static bool
add_interval64(int32_t d, int64_t months, int64_t days, int32_t *out)
{
	int64_t		cur = d;

	if (DATE_ARITH_NOT_FINITE(d))
	{
		*out = d;
		return true;
	}
	if (!in_timestamp_range(cur))
		return false;

	if (months != 0)
	{
		cur = shift_months(cur, months);
		if (!in_timestamp_range(cur))
			return false;
	}

	if (days != 0)
	{
		cur += days;
		if (!in_timestamp_range(cur))
			return false;
	}

	*out = (int32_t) cur;
	return true;
}

int64_t
date_years_earlier(int32_t d, int years)
{
	return shift_months(d, -12 * (int64_t) years);
}

bool
date_add_months(int32_t d, int months, int32_t *out)
{
	return add_interval64(d, months, 0, out);
}

bool
date_add_interval(int32_t d, int months, int days, int32_t *out)
{
	return add_interval64(d, months, days, out);
}

bool
date_minus_interval(int32_t d, int months, int days, int32_t *out)
{
	return add_interval64(d, -(int64_t) months, -(int64_t) days, out);
}
