/*-------------------------------------------------------------------------
 *
 * date_arith.h
 *		Calendar arithmetic on PostgreSQL-compatible dates, without postgres.h.
 *
 * A date is an int32_t counting days since 2000-01-01, exactly like
 * PostgreSQL's DateADT, so values pass between the SQL wrappers and this
 * code unchanged.  INT32_MIN and INT32_MAX are -infinity and infinity.
 *
 * The calendar is the proleptic Gregorian one with astronomical year
 * numbering: year 0 is 1 BC, year -4713 is 4714 BC.  The finite range is
 * PostgreSQL's: 4714-11-24 BC (Julian day 0) .. 5874897-12-31 AD.
 *
 * Functions that take an interval (months and days) reproduce PostgreSQL's
 * "date + interval" and "date - interval": the months are applied first
 * (the day of month is clamped to the last day of the resulting month),
 * then the days.  PostgreSQL evaluates those through timestamp, so both the
 * input date and every intermediate and final result must lie inside the
 * timestamp range, 4714-11-24 BC .. 294276-12-31 AD; outside it PostgreSQL
 * raises "date out of range for timestamp" or "timestamp out of range", and
 * these functions return false.  Infinite dates stay infinite.
 *
 * date_add_days() instead follows "date + integer", valid over the whole
 * date range.
 *
 * Every function returning bool returns false when the result would fall
 * outside the valid range (the caller raises "date out of range"); *out is
 * then left untouched.
 *
 * extension/date_arith.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef RESETTLE_DATE_ARITH_H
#define RESETTLE_DATE_ARITH_H

#include <stdbool.h>
#include <stdint.h>

/* -infinity and infinity, as in PostgreSQL */
#define DATE_ARITH_NOBEGIN	INT32_MIN
#define DATE_ARITH_NOEND	INT32_MAX
#define DATE_ARITH_IS_NOBEGIN(d)	((d) == DATE_ARITH_NOBEGIN)
#define DATE_ARITH_IS_NOEND(d)		((d) == DATE_ARITH_NOEND)
#define DATE_ARITH_NOT_FINITE(d) \
	(DATE_ARITH_IS_NOBEGIN(d) || DATE_ARITH_IS_NOEND(d))

/*
 * The same under PostgreSQL's names, for code built outside the server
 * (unit tests, fuzzers).  Inside the server (postgres.h, which defines
 * PG_VERSION_NUM, always comes first) they are left to utils/date.h, whose
 * DATE_NOBEGIN(j)/DATE_NOEND(j) are function-like setters and would clash;
 * there use DATEVAL_NOBEGIN/DATEVAL_NOEND or the DATE_ARITH_ names.
 */
#ifndef PG_VERSION_NUM
#define DATE_NOBEGIN		DATE_ARITH_NOBEGIN
#define DATE_NOEND			DATE_ARITH_NOEND
#define DATE_IS_NOBEGIN(d)	DATE_ARITH_IS_NOBEGIN(d)
#define DATE_IS_NOEND(d)	DATE_ARITH_IS_NOEND(d)
#define DATE_NOT_FINITE(d)	DATE_ARITH_NOT_FINITE(d)
#endif

/* Julian day number of 2000-01-01, PostgreSQL's date epoch */
#define DATE_EPOCH_JDATE	2451545

/* First and last finite dates PostgreSQL accepts */
#define DATE_MIN_VALUE		(-2451545)	/* 4714-11-24 BC = Julian day 0 */
#define DATE_MAX_VALUE		2145031948	/* 5874897-12-31 */

/* Last date "date +/- interval" can handle (end of timestamp range) */
#define DATE_TIMESTAMP_MAX_VALUE	106751982	/* 294276-12-31 */

/* Finite and inside PostgreSQL's date range */
#define DATE_IS_VALID_FINITE(d) \
	((d) >= DATE_MIN_VALUE && (d) <= DATE_MAX_VALUE)

/* A value PostgreSQL could hold in a date column (finite or infinite) */
#define DATE_IS_VALID(d)	(DATE_ARITH_NOT_FINITE(d) || DATE_IS_VALID_FINITE(d))

extern bool date_is_leap_year(int year);
extern int	date_days_in_month(int year, int month);

/*
 * y/m/d <-> date.  date_from_ymd() rejects impossible dates (31 April,
 * 29 February in a common year, month 13 ...) and dates outside the range.
 * date_to_ymd() returns false for infinite or out-of-range input.
 */
extern bool date_from_ymd(int year, int month, int day, int32_t *out);
extern bool date_to_ymd(int32_t d, int *year, int *month, int *day);

/*
 * Parts of a finite valid date.  For -infinity these return INT32_MIN and
 * for infinity INT32_MAX, so comparisons still order correctly.
 */
extern int	date_year(int32_t d);
extern int	date_month(int32_t d);
extern int	date_day(int32_t d);

/*
 * The day number of the same month and day "years" years earlier, 29
 * February becoming 28 February in a common year: "d - interval 'N years'"
 * without its range limits, so the result may lie outside the date range.
 * d must be finite and valid.
 */
extern int64_t date_years_earlier(int32_t d, int years);

/* date + integer (whole date range) */
extern bool date_add_days(int32_t d, int64_t days, int32_t *out);

/* date + interval 'months months' (timestamp range, see above) */
extern bool date_add_months(int32_t d, int months, int32_t *out);

/* date + interval 'months months days days': months first, then days */
extern bool date_add_interval(int32_t d, int months, int days, int32_t *out);

/* date - interval 'months months days days': months first, then days */
extern bool date_minus_interval(int32_t d, int months, int days, int32_t *out);

#endif							/* RESETTLE_DATE_ARITH_H */
