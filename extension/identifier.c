/*-------------------------------------------------------------------------
 *
 * identifier.c
 *	  Parsers, formatters and the int64 encoding of the resettle identifier
 *	  types.  Only the C standard library is used (see identifier.h).
 *
 * Input is normalised first: surrounding ASCII white space is dropped and
 * ASCII letters are upper-cased.  Internal spaces are dropped for NHS
 * numbers and NINOs and rejected for every other kind.  Positions named in
 * error details are 1-based positions in that normalised value.
 *
 * Encodings (all non-negative, order-preserving, see identifier.h):
 *
 *	prison_number	((L1 * 10^4 + N) * 26 + L2) * 26 + L3
 *	crn				L * 10^6 + N
 *	pnc_id			year * 10^7 + serial (the check letter is derived)
 *	cro_number		standard NNNNNN/YYC: serial * 100 + YY (the check letter
 *					is derived); SF form SFYY/N...C: CRO_SF_BASE + YY * 11^6 +
 *					the serial digits as written, one base-11 digit each, most
 *					significant first, padded with 10 (above every digit, as
 *					the check letter is above every digit in text)
 *	nhs_number		the ten digits as a number
 *	nino			((L1 * 26 + L2) * 10^6 + N) * 4 + suffix (A=0 .. D=3)
 *
 * where letters count from A = 0.
 *
 *-------------------------------------------------------------------------
 */
#include "identifier.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define IDENT_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define IDENT_PRINTF(fmt, args)
#endif

/* Longest normalised value any kind accepts is 13 (YYYY/NNNNNNNC). */
#define NORM_CAP 32

/* Check letters of PNC IDs and CRO numbers: I, O and S are left out. */
static const char check_letters[] = "ZABCDEFGHJKLMNPQRTUVWXY";

#define PRISON_NUMBER_LIMIT INT64_C(175760000)	/* 26 * 10^4 * 26 * 26 */
#define CRN_LIMIT			INT64_C(26000000)	/* 26 * 10^6 */
#define PNC_LIMIT			INT64_C(100000000000)	/* 10^4 * 10^7 */
#define CRO_SF_BASE			INT64_C(100000000)	/* above 999999 * 100 + 99 */
#define CRO_SF_CODES		INT64_C(1771561)	/* 11^6 */
#define CRO_LIMIT			(CRO_SF_BASE + 100 * CRO_SF_CODES)
#define NHS_LIMIT			INT64_C(10000000000)	/* 10^10 */
#define NINO_LIMIT			INT64_C(2704000000)	/* 26 * 26 * 10^6 * 4 */

/* Base-11 value that ends an SF serial and pads the rest of its code. */
#define SF_END 10

static const char *const type_names[IDENT_NKINDS] = {
	"prison_number",
	"crn",
	"pnc_id",
	"cro_number",
	"nhs_number",
	"nino"
};

/* The value after normalisation; only its first NORM_CAP bytes are kept. */
typedef struct NormValue
{
	char		buf[NORM_CAP];
	size_t		len;			/* full normalised length */
} NormValue;

static bool set_error(IdentError *err, const char *fmt,...) IDENT_PRINTF(2, 3);

/*
 * Fill err (if any) with a detail message.  Always returns false so that
 * parsers can "return set_error(...)".
 */
static bool
set_error(IdentError *err, const char *fmt,...)
{
	va_list		ap;

	if (err == NULL)
		return false;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
	return false;
}

static bool
is_white_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		c == '\v' || c == '\f';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_letter(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* Value of n decimal digits at s (all already checked to be digits). */
static int64_t
digits_value(const char *s, size_t n)
{
	int64_t		v = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/*
 * Trim, upper-case and (if drop_spaces) remove internal spaces.  Rejects
 * empty values, non-ASCII bytes and, unless drop_spaces, internal spaces.
 * Never reads outside str[0 .. len - 1] and never stores more than
 * NORM_CAP bytes, whatever len is.
 */
static bool
normalise(const char *str, size_t len, bool drop_spaces, NormValue *nv,
		  IdentError *err)
{
	size_t		start = 0;
	size_t		end = len;
	size_t		i;

	nv->len = 0;
	if (str == NULL || len == 0)
		return set_error(err, "The value is empty.");
	while (start < end && is_white_space((unsigned char) str[start]))
		start++;
	while (end > start && is_white_space((unsigned char) str[end - 1]))
		end--;
	if (start == end)
		return set_error(err, "The value contains only white space.");

	for (i = start; i < end; i++)
	{
		unsigned char c = (unsigned char) str[i];

		if (c >= 0x80)
			return set_error(err, "Character %zu is not an ASCII character.",
							 nv->len + 1);
		if (c == ' ')
		{
			if (drop_spaces)
				continue;
			return set_error(err, "Character %zu is a space, but spaces are allowed only before and after the value.",
							 nv->len + 1);
		}
		if (c >= 'a' && c <= 'z')
			c = (unsigned char) (c - 'a' + 'A');
		if (nv->len < NORM_CAP)
			nv->buf[nv->len] = (char) c;
		nv->len++;
	}
	return true;
}

/* Check that position pos (0-based) holds a digit. */
static bool
need_digit(const NormValue *nv, size_t pos, IdentError *err)
{
	if (!is_digit(nv->buf[pos]))
		return set_error(err, "Character %zu must be a digit.", pos + 1);
	return true;
}

/* Check that position pos (0-based) holds a letter. */
static bool
need_letter(const NormValue *nv, size_t pos, IdentError *err)
{
	if (!is_letter(nv->buf[pos]))
		return set_error(err, "Character %zu must be a letter.", pos + 1);
	return true;
}

/*
 * Match a fixed-length pattern: 'A' is a letter, '9' a digit.
 */
static bool
match_pattern(const NormValue *nv, const char *pattern, IdentError *err)
{
	size_t		n = strlen(pattern);
	size_t		i;

	if (nv->len != n)
		return set_error(err, "Expected %zu characters after removing spaces, found %zu.",
						 n, nv->len);
	for (i = 0; i < n; i++)
	{
		if (pattern[i] == 'A' ? !need_letter(nv, i, err) : !need_digit(nv, i, err))
			return false;
	}
	return true;
}

/* ---------------------------------------------------------------------
 * Prison number and CRN: format only.
 * ---------------------------------------------------------------------
 */
static bool
parse_prison_number(const NormValue *nv, int64_t *result, IdentError *err)
{
	const char *s = nv->buf;

	if (!match_pattern(nv, "A9999AA", err))
		return false;
	*result = (((s[0] - 'A') * INT64_C(10000) + digits_value(s + 1, 4)) * 26 +
			   (s[5] - 'A')) * 26 + (s[6] - 'A');
	return true;
}

static bool
valid_prison_number(int64_t value)
{
	return value >= 0 && value < PRISON_NUMBER_LIMIT;
}

static void
format_prison_number(int64_t value, char *buf)
{
	int			l3 = (int) (value % 26);
	int			l2 = (int) (value / 26 % 26);
	int			number = (int) (value / 676 % 10000);
	int			l1 = (int) (value / 6760000);

	snprintf(buf, IDENT_TEXT_MAX, "%c%04d%c%c",
			 'A' + l1, number, 'A' + l2, 'A' + l3);
}

static bool
parse_crn(const NormValue *nv, int64_t *result, IdentError *err)
{
	if (!match_pattern(nv, "A999999", err))
		return false;
	*result = (nv->buf[0] - 'A') * INT64_C(1000000) +
		digits_value(nv->buf + 1, 6);
	return true;
}

static bool
valid_crn(int64_t value)
{
	return value >= 0 && value < CRN_LIMIT;
}

static void
format_crn(int64_t value, char *buf)
{
	snprintf(buf, IDENT_TEXT_MAX, "%c%06d",
			 'A' + (int) (value / 1000000), (int) (value % 1000000));
}

/* ---------------------------------------------------------------------
 * PNC ID: YYYY/NNNNNNNC, check letter of (YY * 10^7 + serial) mod 23.
 * ---------------------------------------------------------------------
 */
static char
pnc_check_letter(int64_t year, int64_t serial)
{
	return check_letters[((year % 100) * INT64_C(10000000) + serial) % 23];
}

/*
 * allow_short: accept 2-digit years, resolving the century against
 * current_year.
 */
static bool
parse_pnc(const NormValue *nv, bool allow_short, int current_year,
		  int64_t *result, IdentError *err)
{
	const char *s = nv->buf;
	size_t		len = nv->len;
	size_t		slash = len;
	size_t		year_digits;
	size_t		serial_start;
	size_t		i;
	int64_t		year;
	int64_t		serial;
	char		expected;

	if (len > 13)
		return set_error(err, "Expected at most 13 characters, found %zu.",
						 len);
	for (i = 0; i < len; i++)
	{
		if (s[i] == '/')
		{
			slash = i;
			break;
		}
	}

	if (slash < len)
	{
		for (i = 0; i < slash; i++)
			if (!need_digit(nv, i, err))
				return false;
		if (slash == 2 && !allow_short)
			return set_error(err, "A 2-digit year needs a reference date, so use resettle.pnc_id(text, date) for it.");
		if (slash != 4 && !(allow_short && slash == 2))
			return set_error(err, allow_short ?
							 "The year before the slash must have 2 or 4 digits, found %zu." :
							 "The year before the slash must have 4 digits, found %zu.",
							 slash);
		year_digits = slash;
		serial_start = slash + 1;
		if (serial_start == len)
			return set_error(err, "The serial number and check letter after the slash are missing.");
		for (i = serial_start; i < len - 1; i++)
			if (!need_digit(nv, i, err))
				return false;
		if (!need_letter(nv, len - 1, err))
			return false;
		if (len - 1 - serial_start > 7)
			return set_error(err, "Expected 1 to 7 serial digits after the slash, found %zu.",
							 len - 1 - serial_start);
		if (len - 1 == serial_start)
			return set_error(err, "Expected 1 to 7 serial digits after the slash, found 0.");
	}
	else
	{
		for (i = 0; i + 1 < len; i++)
			if (!need_digit(nv, i, err))
				return false;
		if (!need_letter(nv, len - 1, err))
			return false;
		if (len == 12)
			year_digits = 4;
		else if (allow_short && len >= 4 && len <= 10)
			year_digits = 2;
		else if (allow_short)
			return set_error(err, "Expected 12 characters without a slash, or 4 to 10 with a 2-digit year, found %zu.",
							 len);
		else if (len < 12)
			return set_error(err, "Expected 12 characters without a slash, found %zu; a 2-digit year needs resettle.pnc_id(text, date).",
							 len);
		else
			return set_error(err, "Expected 12 characters without a slash, found %zu.",
							 len);
		serial_start = year_digits;
	}

	year = digits_value(s, year_digits);
	if (year_digits == 2)
	{
		int			pivot = current_year % 100;

		if (pivot < 0)
			pivot += 100;
		year += (year <= pivot) ? 2000 : 1900;
	}
	serial = digits_value(s + serial_start, len - 1 - serial_start);
	expected = pnc_check_letter(year, serial);
	if (s[len - 1] != expected)
		return set_error(err, "The check character should be \"%c\".",
						 expected);
	*result = year * INT64_C(10000000) + serial;
	return true;
}

static bool
valid_pnc(int64_t value)
{
	return value >= 0 && value < PNC_LIMIT;
}

static void
format_pnc(int64_t value, char *buf)
{
	int64_t		year = value / INT64_C(10000000);
	int64_t		serial = value % INT64_C(10000000);

	snprintf(buf, IDENT_TEXT_MAX, "%04d/%07d%c",
			 (int) year, (int) serial, pnc_check_letter(year, serial));
}

/* ---------------------------------------------------------------------
 * CRO number: NNNNNN/YYC or SFYY/N{1,6}C, mod-23 check letter.
 * ---------------------------------------------------------------------
 */
static bool
parse_cro_sf(const NormValue *nv, int64_t *result, IdentError *err)
{
	const char *s = nv->buf;
	size_t		len = nv->len;
	size_t		ndigits;
	size_t		i;
	int64_t		yy;
	int64_t		code = 0;
	int64_t		n;
	char		expected;

	if (len < 7)
		return set_error(err, "Expected 7 to 12 characters for an SF-form CRO number, found %zu.",
						 len);
	if (s[1] != 'F')
		return set_error(err, "Character 2 must be \"F\".");
	if (!need_digit(nv, 2, err) || !need_digit(nv, 3, err))
		return false;
	if (s[4] != '/')
		return set_error(err, "Character 5 must be a slash.");
	for (i = 5; i < len - 1; i++)
		if (!need_digit(nv, i, err))
			return false;
	if (!need_letter(nv, len - 1, err))
		return false;

	/* len <= 12, so there are 1 to 6 serial digits */
	ndigits = len - 6;
	yy = digits_value(s + 2, 2);
	/* the check uses YY followed by the serial exactly as written */
	n = yy;
	for (i = 0; i < ndigits; i++)
		n = n * 10 + (s[5 + i] - '0');
	expected = check_letters[n % 23];
	if (s[len - 1] != expected)
		return set_error(err, "The check character should be \"%c\".",
						 expected);
	for (i = 0; i < 6; i++)
		code = code * 11 + (i < ndigits ? s[5 + i] - '0' : SF_END);
	*result = CRO_SF_BASE + yy * CRO_SF_CODES + code;
	return true;
}

static bool
parse_cro(const NormValue *nv, int64_t *result, IdentError *err)
{
	const char *s = nv->buf;
	size_t		len = nv->len;
	size_t		ndigits = 0;
	size_t		rest;
	size_t		i;
	int64_t		serial;
	int64_t		yy;
	char		expected;

	if (len > 12)
		return set_error(err, "Expected at most 12 characters, found %zu.",
						 len);
	if (s[0] == 'S')
		return parse_cro_sf(nv, result, err);

	while (ndigits < len && is_digit(s[ndigits]))
		ndigits++;
	if (ndigits == 0)
		return set_error(err, "Character 1 must be a digit, or \"S\" to start an SF-form number.");
	if (ndigits > 6)
		return set_error(err, "Expected 1 to 6 serial digits before the slash, found %zu.",
						 ndigits);
	if (ndigits == len)
		return set_error(err, "The slash after the serial number is missing.");
	if (s[ndigits] != '/')
		return set_error(err, ndigits < 6 ?
						 "Character %zu must be a digit or a slash." :
						 "Character %zu must be a slash.",
						 ndigits + 1);
	rest = len - ndigits - 1;
	for (i = 0; i < rest && i < 3; i++)
	{
		size_t		pos = ndigits + 1 + i;

		if (i < 2 ? !need_digit(nv, pos, err) : !need_letter(nv, pos, err))
			return false;
	}
	if (rest != 3)
		return set_error(err, "Expected 2 year digits and a check letter after the slash, found %zu characters.",
						 rest);

	serial = digits_value(s, ndigits);
	yy = digits_value(s + ndigits + 1, 2);
	expected = check_letters[(yy * INT64_C(1000000) + serial) % 23];
	if (s[len - 1] != expected)
		return set_error(err, "The check character should be \"%c\".",
						 expected);
	*result = serial * 100 + yy;
	return true;
}

/*
 * Decode the serial digits of an SF code into digits (at least 7 bytes,
 * NUL-terminated).  Returns false if code is not a valid code: it must
 * start with a digit, and once SF_END appears nothing else may follow.
 */
static bool
decode_sf_serial(int64_t code, char *digits)
{
	int			parts[6];
	int			i;
	int			n = 0;

	for (i = 5; i >= 0; i--)
	{
		parts[i] = (int) (code % 11);
		code /= 11;
	}
	while (n < 6 && parts[n] != SF_END)
	{
		digits[n] = (char) ('0' + parts[n]);
		n++;
	}
	digits[n] = '\0';
	if (n == 0)
		return false;
	for (i = n; i < 6; i++)
		if (parts[i] != SF_END)
			return false;
	return true;
}

static bool
valid_cro(int64_t value)
{
	char		digits[8];

	if (value < 0 || value >= CRO_LIMIT)
		return false;
	if (value < CRO_SF_BASE)
		return true;
	return decode_sf_serial((value - CRO_SF_BASE) % CRO_SF_CODES, digits);
}

static void
format_cro(int64_t value, char *buf)
{
	if (value < CRO_SF_BASE)
	{
		int64_t		serial = value / 100;
		int64_t		yy = value % 100;

		snprintf(buf, IDENT_TEXT_MAX, "%06d/%02d%c",
				 (int) serial, (int) yy,
				 check_letters[(yy * INT64_C(1000000) + serial) % 23]);
	}
	else
	{
		int64_t		yy = (value - CRO_SF_BASE) / CRO_SF_CODES;
		char		digits[8];
		int64_t		n = yy;
		size_t		i;

		decode_sf_serial((value - CRO_SF_BASE) % CRO_SF_CODES, digits);
		/* the check uses YY followed by the serial exactly as written */
		for (i = 0; digits[i] != '\0'; i++)
			n = n * 10 + (digits[i] - '0');
		snprintf(buf, IDENT_TEXT_MAX, "SF%02d/%s%c",
				 (int) yy, digits, check_letters[n % 23]);
	}
}

/* ---------------------------------------------------------------------
 * NHS number: ten digits, mod-11 check digit.
 * ---------------------------------------------------------------------
 */

/*
 * Check digit for the first nine digits of the ten-digit number value
 * (0 .. 9999999999), or 10 if there is none.
 */
static int
nhs_check_digit(int64_t value)
{
	int64_t		first_nine = value / 10;
	int			sum = 0;
	int			weight;
	int			check;

	for (weight = 2; weight <= 10; weight++)
	{
		sum += (int) (first_nine % 10) * weight;
		first_nine /= 10;
	}
	check = 11 - sum % 11;
	return check == 11 ? 0 : check;
}

static bool
parse_nhs(const NormValue *nv, int64_t *result, IdentError *err)
{
	int64_t		value;
	int			check;

	if (!match_pattern(nv, "9999999999", err))
		return false;
	value = digits_value(nv->buf, 10);
	check = nhs_check_digit(value);
	if (check == 10)
		return set_error(err, "The check digit would be 10, so no NHS number has these first nine digits.");
	if (check != value % 10)
		return set_error(err, "The check digit should be \"%d\".", check);
	*result = value;
	return true;
}

static bool
valid_nhs(int64_t value)
{
	return value >= 0 && value < NHS_LIMIT &&
		nhs_check_digit(value) == value % 10;
}

static void
format_nhs(int64_t value, char *buf)
{
	snprintf(buf, IDENT_TEXT_MAX, "%010lld", (long long) value);
}

/* ---------------------------------------------------------------------
 * National Insurance number: DWP strict rules, suffix A-D required.
 * ---------------------------------------------------------------------
 */
static const char *const nino_bad_prefixes[] = {
	"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"
};

/*
 * Apply the DWP letter rules to the prefix letters a and b.  On failure
 * fill err (which may be NULL) and return false.
 */
static bool
nino_prefix_ok(char a, char b, IdentError *err)
{
	size_t		i;

	if (a == '\0' || b == '\0')
		return set_error(err, "The prefix letters are missing.");
	if (strchr("DFIQUV", a) != NULL)
		return set_error(err, "The first letter must not be D, F, I, Q, U or V.");
	if (strchr("DFIOQUV", b) != NULL)
		return set_error(err, "The second letter must not be D, F, I, O, Q, U or V.");
	for (i = 0; i < sizeof(nino_bad_prefixes) / sizeof(nino_bad_prefixes[0]); i++)
		if (a == nino_bad_prefixes[i][0] && b == nino_bad_prefixes[i][1])
			return set_error(err, "The prefix \"%c%c\" is not used.", a, b);
	return true;
}

static bool
parse_nino(const NormValue *nv, int64_t *result, IdentError *err)
{
	const char *s = nv->buf;

	if (nv->len == 8)
	{
		if (!match_pattern(nv, "AA999999", err))
			return false;
	}
	else if (!match_pattern(nv, "AA999999A", err))
		return false;

	if (!nino_prefix_ok(s[0], s[1], err))
		return false;
	if (nv->len == 8)
		return set_error(err, "The suffix letter is missing, and it must be A, B, C or D.");
	if (s[8] < 'A' || s[8] > 'D')
		return set_error(err, "The suffix must be A, B, C or D.");

	*result = (((s[0] - 'A') * INT64_C(26) + (s[1] - 'A')) * INT64_C(1000000) +
			   digits_value(s + 2, 6)) * 4 + (s[8] - 'A');
	return true;
}

static bool
valid_nino(int64_t value)
{
	int64_t		letters;

	if (value < 0 || value >= NINO_LIMIT)
		return false;
	letters = value / INT64_C(4000000);
	return nino_prefix_ok((char) ('A' + letters / 26),
						  (char) ('A' + letters % 26), NULL);
}

static void
format_nino(int64_t value, char *buf)
{
	int			suffix = (int) (value % 4);
	int			number = (int) (value / 4 % 1000000);
	int			letters = (int) (value / INT64_C(4000000));

	snprintf(buf, IDENT_TEXT_MAX, "%c%c%06d%c",
			 'A' + letters / 26, 'A' + letters % 26, number, 'A' + suffix);
}

/* ---------------------------------------------------------------------
 * Public interface.
 * ---------------------------------------------------------------------
 */
/* The 4-digit-year PNC parser, in the shape of the others. */
static bool
parse_pnc_long(const NormValue *nv, int64_t *result, IdentError *err)
{
	return parse_pnc(nv, false, 0, result, err);
}

/* What differs between the kinds, indexed by IdentKind. */
typedef struct IdentKindOps
{
	bool		spaces_inside;	/* spaces allowed between characters */
	bool		(*parse) (const NormValue *nv, int64_t *result, IdentError *err);
	bool		(*valid) (int64_t value);
	void		(*format) (int64_t value, char *buf);
} IdentKindOps;

static const IdentKindOps kind_ops[IDENT_NKINDS] = {
	[IDENT_PRISON_NUMBER] = {false, parse_prison_number, valid_prison_number, format_prison_number},
	[IDENT_CRN] = {false, parse_crn, valid_crn, format_crn},
	[IDENT_PNC_ID] = {false, parse_pnc_long, valid_pnc, format_pnc},
	[IDENT_CRO_NUMBER] = {false, parse_cro, valid_cro, format_cro},
	[IDENT_NHS_NUMBER] = {true, parse_nhs, valid_nhs, format_nhs},
	[IDENT_NINO] = {true, parse_nino, valid_nino, format_nino},
};

static bool
known_kind(IdentKind kind)
{
	return (int) kind >= 0 && (int) kind < IDENT_NKINDS;
}

/* Hand a parsed value to the caller and clear the error. */
static bool
parse_succeeded(int64_t value, int64_t *result, IdentError *err)
{
	if (result != NULL)
		*result = value;
	if (err != NULL)
		err->detail[0] = '\0';
	return true;
}

const char *
ident_type_name(IdentKind kind)
{
	return known_kind(kind) ? type_names[kind] : "unknown";
}

bool
ident_parse(IdentKind kind, const char *str, size_t len, int64_t *result,
			IdentError *err)
{
	NormValue	nv;
	int64_t		value = 0;

	if (!known_kind(kind))
		return set_error(err, "The identifier kind is unknown.");
	if (!normalise(str, len, kind_ops[kind].spaces_inside, &nv, err) ||
		!kind_ops[kind].parse(&nv, &value, err))
		return false;
	return parse_succeeded(value, result, err);
}

bool
ident_parse_pnc_short(const char *str, size_t len, int current_year,
					  int64_t *result, IdentError *err)
{
	NormValue	nv;
	int64_t		value = 0;

	if (!normalise(str, len, false, &nv, err) ||
		!parse_pnc(&nv, true, current_year, &value, err))
		return false;
	return parse_succeeded(value, result, err);
}

bool
ident_is_valid_encoding(IdentKind kind, int64_t value)
{
	return known_kind(kind) && kind_ops[kind].valid(value);
}

bool
ident_format(IdentKind kind, int64_t value, char *buf)
{
	buf[0] = '\0';
	if (!ident_is_valid_encoding(kind, value))
		return false;
	kind_ops[kind].format(value, buf);
	return true;
}
