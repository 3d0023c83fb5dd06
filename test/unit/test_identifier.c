/*-------------------------------------------------------------------------
 *
 * test_identifier.c
 *	  Unit tests of the pure-C identifier parsers and formatters
 *	  (extension/identifier.c).  Prints TAP.
 *
 * Build and run:
 *	cc -std=c99 -Wall -Wextra -Werror -pedantic -Iextension -Itest/unit \
 *		-o /tmp/test_identifier test/unit/test_identifier.c \
 *		extension/identifier.c && /tmp/test_identifier
 *
 *-------------------------------------------------------------------------
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include "identifier.h"
#include "tap.h"

#define PR	IDENT_PRISON_NUMBER
#define CR	IDENT_CRN
#define PN	IDENT_PNC_ID
#define CO	IDENT_CRO_NUMBER
#define NH	IDENT_NHS_NUMBER
#define NI	IDENT_NINO

/* ident_parse_pnc_short with this current year instead of ident_parse */
#define SHORT_KIND 99

/*
 * One parse vector.  want is the canonical text on success (NULL if the
 * input must be rejected); detail is the exact error detail on failure.
 * The length comes from sizeof, so inputs may contain NUL bytes.
 */
typedef struct Vector
{
	int			kind;
	const char *input;
	size_t		len;
	const char *want;
	const char *detail;
} Vector;

#define OK(k, in, out)		{k, in, sizeof(in) - 1, out, NULL}
#define BAD(k, in, det)		{k, in, sizeof(in) - 1, NULL, det}

#define E_EMPTY		"The value is empty."
#define E_WHITE		"The value contains only white space."
#define E_LEN(n, f)	"Expected " #n " characters after removing spaces, found " #f "."
#define E_DIGIT(p)	"Character " #p " must be a digit."
#define E_LETTER(p) "Character " #p " must be a letter."
#define E_ASCII(p)	"Character " #p " is not an ASCII character."
#define E_SPACE(p)	"Character " #p " is a space, but spaces are allowed only before and after the value."
#define E_CHECK(c)	"The check character should be \"" c "\"."

#define SHORT_YEAR 2026

static const Vector vectors[] = {
	/* prison_number */
	OK(PR, "A1234BC", "A1234BC"),
	OK(PR, "a1234bc", "A1234BC"),
	OK(PR, "A1234bC", "A1234BC"),
	OK(PR, "  A1234BC  ", "A1234BC"),
	OK(PR, "\tA1234BC\n", "A1234BC"),
	OK(PR, "\r\v\fA1234BC \t\r\n", "A1234BC"),
	OK(PR, "A0000AA", "A0000AA"),
	OK(PR, "Z9999ZZ", "Z9999ZZ"),
	OK(PR, "z9999zz", "Z9999ZZ"),
	OK(PR, "G5555hh", "G5555HH"),
	OK(PR, "X0001AB", "X0001AB"),
	BAD(PR, "", E_EMPTY),
	BAD(PR, "   ", E_WHITE),
	BAD(PR, "\t\n\r\v\f ", E_WHITE),
	BAD(PR, "A1234B", E_LEN(7, 6)),
	BAD(PR, "A1234BCD", E_LEN(7, 8)),
	BAD(PR, "A1234-BC", E_LEN(7, 8)),
	BAD(PR, "A1234\tBC", E_LEN(7, 8)),
	BAD(PR, "A12 34BC", E_SPACE(4)),
	BAD(PR, "  A 1234BC", E_SPACE(2)),
	BAD(PR, "11234BC", E_LETTER(1)),
	BAD(PR, "AA234BC", E_DIGIT(2)),
	BAD(PR, "A123BBC", E_DIGIT(5)),
	BAD(PR, "A12345C", E_LETTER(6)),
	BAD(PR, "A1234B1", E_LETTER(7)),
	BAD(PR, "A1234B\0", E_LETTER(7)),
	BAD(PR, "A12\0" "4BC", E_DIGIT(4)),
	BAD(PR, "\0A1234BC", E_LEN(7, 8)),
	BAD(PR, "A1234B\xc3\x87", E_ASCII(7)),
	BAD(PR, "\xef\xbb\xbf" "A1234BC", E_ASCII(1)),
	BAD(PR, "A1234BC\xc2\xa0", E_ASCII(8)),
	BAD(PR, "A\xef\xbc\x91" "234BC", E_ASCII(2)),
	BAD(PR, "A1234\xff" "C", E_ASCII(6)),
	BAD(PR, "A1234BC.", E_LEN(7, 8)),

	/* crn */
	OK(CR, "X320741", "X320741"),
	OK(CR, "x320741", "X320741"),
	OK(CR, " X320741 ", "X320741"),
	OK(CR, "\nX320741\t", "X320741"),
	OK(CR, "A000000", "A000000"),
	OK(CR, "Z999999", "Z999999"),
	OK(CR, "z999999", "Z999999"),
	OK(CR, "B000001", "B000001"),
	OK(CR, "M500000", "M500000"),
	OK(CR, "\f\vD123456\r", "D123456"),
	BAD(CR, "", E_EMPTY),
	BAD(CR, " ", E_WHITE),
	BAD(CR, "X32074", E_LEN(7, 6)),
	BAD(CR, "X3207411", E_LEN(7, 8)),
	BAD(CR, "X", E_LEN(7, 1)),
	BAD(CR, "1320741", E_LETTER(1)),
	BAD(CR, "XX20741", E_DIGIT(2)),
	BAD(CR, "X32074A", E_DIGIT(7)),
	BAD(CR, "X 320741", E_SPACE(2)),
	BAD(CR, "X320 741", E_SPACE(5)),
	BAD(CR, "X320\t41", E_DIGIT(5)),
	BAD(CR, "X32\0" "741", E_DIGIT(4)),
	BAD(CR, "X32074\0", E_DIGIT(7)),
	BAD(CR, "\xc3\x89" "320741", E_ASCII(1)),
	BAD(CR, "X32074\xd9\xa1", E_ASCII(7)),
	BAD(CR, "X-320741", E_LEN(7, 8)),
	BAD(CR, "A1234BC", E_DIGIT(6)),
	BAD(CR, "X3207.1", E_DIGIT(6)),
	BAD(CR, "*320741", E_LETTER(1)),
	BAD(CR, "X32074B", E_DIGIT(7)),

	/* pnc_id (4-digit years only) */
	OK(PN, "1979/0163001B", "1979/0163001B"),
	OK(PN, "2002/0073319Z", "2002/0073319Z"),
	OK(PN, "1979/163001B", "1979/0163001B"),
	OK(PN, "19790163001B", "1979/0163001B"),
	OK(PN, "20020073319Z", "2002/0073319Z"),
	OK(PN, "1979/0163001b", "1979/0163001B"),
	OK(PN, " 1979/163001B\t", "1979/0163001B"),
	OK(PN, "0000/0000000Z", "0000/0000000Z"),
	OK(PN, "0000/0Z", "0000/0000000Z"),
	OK(PN, "00000000000Z", "0000/0000000Z"),
	OK(PN, "0000/1A", "0000/0000001A"),
	OK(PN, "9999/9999999V", "9999/9999999V"),
	OK(PN, "99999999999V", "9999/9999999V"),
	OK(PN, "1981/34U", "1981/0000034U"),
	OK(PN, "2000/223R", "2000/0000223R"),
	OK(PN, "1967/9893091D", "1967/9893091D"),
	OK(PN, "1234/5678901K", "1234/5678901K"),
	OK(PN, "12345678901K", "1234/5678901K"),
	OK(PN, "2012/3K", "2012/0000003K"),
	BAD(PN, "20030011985Z", E_CHECK("X")),
	BAD(PN, "20120052494O", E_CHECK("Q")),
	BAD(PN, "20230583843N", E_CHECK("L")),
	BAD(PN, "2001/0171310S", E_CHECK("W")),
	BAD(PN, "1979/0163001C", E_CHECK("B")),
	BAD(PN, "1X23/1234567A", E_DIGIT(2)),
	BAD(PN, "1923/1234567AA", "Expected at most 13 characters, found 14."),
	BAD(PN, "1923/12345AA", E_DIGIT(11)),
	BAD(PN, "01", E_LETTER(2)),
	BAD(PN, "0123", E_LETTER(4)),
	BAD(PN, "81/34U", "A 2-digit year needs a reference date, so use resettle.pnc_id(text, date) for it."),
	BAD(PN, "8134U", "Expected 12 characters without a slash, found 5; a 2-digit year needs resettle.pnc_id(text, date)."),
	BAD(PN, "79163001B", "Expected 12 characters without a slash, found 9; a 2-digit year needs resettle.pnc_id(text, date)."),
	BAD(PN, "B", "Expected 12 characters without a slash, found 1; a 2-digit year needs resettle.pnc_id(text, date)."),
	BAD(PN, "197901630011B", "Expected 12 characters without a slash, found 13."),
	BAD(PN, "1979/01630012B", "Expected at most 13 characters, found 14."),
	BAD(PN, "1979/B", "Expected 1 to 7 serial digits after the slash, found 0."),
	BAD(PN, "1979/", "The serial number and check letter after the slash are missing."),
	BAD(PN, "/1234567A", "The year before the slash must have 4 digits, found 0."),
	BAD(PN, "197/1234567A", "The year before the slash must have 4 digits, found 3."),
	BAD(PN, "19790/123456A", "The year before the slash must have 4 digits, found 5."),
	BAD(PN, "19790/1234567A", "Expected at most 13 characters, found 14."),
	BAD(PN, "1979//123A", E_DIGIT(6)),
	BAD(PN, "1979 /0163001B", E_SPACE(5)),
	BAD(PN, "1979/0163001", E_LETTER(12)),
	BAD(PN, "1979/016301B/", E_DIGIT(12)),
	BAD(PN, "1979-0163001B", E_DIGIT(5)),
	BAD(PN, "1979/0163\0" "01B", E_DIGIT(10)),
	BAD(PN, "1979/0163001\xc3\x9f", E_ASCII(13)),
	BAD(PN, "", E_EMPTY),
	BAD(PN, "  ", E_WHITE),

	/* pnc_id short forms, current year SHORT_YEAR */
	OK(SHORT_KIND, "81/34U", "1981/0000034U"),
	OK(SHORT_KIND, "02/73319Z", "2002/0073319Z"),
	OK(SHORT_KIND, "00/223R", "2000/0000223R"),
	OK(SHORT_KIND, "79163001B", "1979/0163001B"),
	OK(SHORT_KIND, "033Y", "2003/0000003Y"),
	OK(SHORT_KIND, "67/9893091D", "1967/9893091D"),
	OK(SHORT_KIND, "1979/0163001B", "1979/0163001B"),
	OK(SHORT_KIND, "19790163001B", "1979/0163001B"),
	OK(SHORT_KIND, "2002/73319z", "2002/0073319Z"),
	OK(SHORT_KIND, "26/1W", "2026/0000001W"),
	OK(SHORT_KIND, "27/1L", "1927/0000001L"),
	OK(SHORT_KIND, "261W", "2026/0000001W"),
	OK(SHORT_KIND, "271L", "1927/0000001L"),
	OK(SHORT_KIND, "26/9999999J", "2026/9999999J"),
	OK(SHORT_KIND, "99/1G", "1999/0000001G"),
	OK(SHORT_KIND, "00/0Z", "2000/0000000Z"),
	OK(SHORT_KIND, "12345678901K", "1234/5678901K"),
	OK(SHORT_KIND, "123K", "2012/0000003K"),
	OK(SHORT_KIND, " 81/34u\n", "1981/0000034U"),
	BAD(SHORT_KIND, "81/34V", E_CHECK("U")),
	BAD(SHORT_KIND, "20030011985Z", E_CHECK("X")),
	BAD(SHORT_KIND, "8134", E_LETTER(4)),
	BAD(SHORT_KIND, "01", E_LETTER(2)),
	BAD(SHORT_KIND, "0123", E_LETTER(4)),
	BAD(SHORT_KIND, "12X", "Expected 12 characters without a slash, or 4 to 10 with a 2-digit year, found 3."),
	BAD(SHORT_KIND, "1234567890X", "Expected 12 characters without a slash, or 4 to 10 with a 2-digit year, found 11."),
	BAD(SHORT_KIND, "197901630011B", "Expected 12 characters without a slash, or 4 to 10 with a 2-digit year, found 13."),
	BAD(SHORT_KIND, "1/234X", "The year before the slash must have 2 or 4 digits, found 1."),
	BAD(SHORT_KIND, "123/4X", "The year before the slash must have 2 or 4 digits, found 3."),
	BAD(SHORT_KIND, "81/", "The serial number and check letter after the slash are missing."),
	BAD(SHORT_KIND, "81/U", "Expected 1 to 7 serial digits after the slash, found 0."),
	BAD(SHORT_KIND, "81/12345678U", "Expected 1 to 7 serial digits after the slash, found 8."),
	BAD(SHORT_KIND, "8 1/34U", E_SPACE(2)),
	BAD(SHORT_KIND, "81/34\0U", E_DIGIT(6)),
	BAD(SHORT_KIND, "81/3\xe2\x82\xacU", E_ASCII(5)),
	BAD(SHORT_KIND, "", E_EMPTY),
	BAD(SHORT_KIND, "\t ", E_WHITE),

	/* cro_number */
	OK(CO, "65656/91H", "065656/91H"),
	OK(CO, "065656/91H", "065656/91H"),
	OK(CO, "65656/91h", "065656/91H"),
	OK(CO, " 65656/91H\n", "065656/91H"),
	OK(CO, "SF05/482703J", "SF05/482703J"),
	OK(CO, "sf05/482703j", "SF05/482703J"),
	OK(CO, "SF83/50058Z", "SF83/50058Z"),
	OK(CO, "SF83/050058B", "SF83/050058B"),
	OK(CO, "0/00Z", "000000/00Z"),
	OK(CO, "000000/00Z", "000000/00Z"),
	OK(CO, "999999/99A", "999999/99A"),
	OK(CO, "1/00A", "000001/00A"),
	OK(CO, "123456/89W", "123456/89W"),
	OK(CO, "SF00/0Z", "SF00/0Z"),
	OK(CO, "SF00/000000Z", "SF00/000000Z"),
	OK(CO, "SF99/999999A", "SF99/999999A"),
	OK(CO, "SF99/9K", "SF99/9K"),
	OK(CO, "SF12/12R", "SF12/12R"),
	OK(CO, "SF12/123B", "SF12/123B"),
	OK(CO, "SF12/0E", "SF12/0E"),
	OK(CO, "SF12/00D", "SF12/00D"),
	BAD(CO, "85227/65G", E_CHECK("L")),
	BAD(CO, "SF83/50058B", E_CHECK("Z")),
	BAD(CO, "SF83/050058Z", E_CHECK("B")),
	BAD(CO, "1234567/89X", "Expected 1 to 6 serial digits before the slash, found 7."),
	BAD(CO, "12345", "The slash after the serial number is missing."),
	BAD(CO, "12345-91H", "Character 6 must be a digit or a slash."),
	BAD(CO, "123456-91H", "Character 7 must be a slash."),
	BAD(CO, "65656/9H", E_DIGIT(8)),
	BAD(CO, "65656/91", "Expected 2 year digits and a check letter after the slash, found 2 characters."),
	BAD(CO, "65656/", "Expected 2 year digits and a check letter after the slash, found 0 characters."),
	BAD(CO, "65656/911H", E_LETTER(9)),
	BAD(CO, "X5656/91H", "Character 1 must be a digit, or \"S\" to start an SF-form number."),
	BAD(CO, "/91H", "Character 1 must be a digit, or \"S\" to start an SF-form number."),
	BAD(CO, "S", "Expected 7 to 12 characters for an SF-form CRO number, found 1."),
	BAD(CO, "SF05/J", "Expected 7 to 12 characters for an SF-form CRO number, found 6."),
	BAD(CO, "SX05/482703J", "Character 2 must be \"F\"."),
	BAD(CO, "SF5/482703J", E_DIGIT(4)),
	BAD(CO, "SF05482703J", "Character 5 must be a slash."),
	BAD(CO, "SF05/4827030J", "Expected at most 12 characters, found 13."),
	BAD(CO, "SF05/48A703J", E_DIGIT(8)),
	BAD(CO, "SF05/4827031", E_LETTER(12)),
	BAD(CO, "65656 /91H", E_SPACE(6)),
	BAD(CO, "65656/91\0", E_LETTER(9)),
	BAD(CO, "65\xc3\xa9" "56/91H", E_ASCII(3)),
	BAD(CO, "", E_EMPTY),
	BAD(CO, "   ", E_WHITE),

	/* nhs_number */
	OK(NH, "9434765919", "9434765919"),
	OK(NH, "943 476 5919", "9434765919"),
	OK(NH, " 943 476 5919 ", "9434765919"),
	OK(NH, "94 34 76 59 19", "9434765919"),
	OK(NH, "9 4 3 4 7 6 5 9 1 9", "9434765919"),
	OK(NH, "943  476  5919", "9434765919"),
	OK(NH, "\t9434765919\n", "9434765919"),
	OK(NH, "4010232137", "4010232137"),
	OK(NH, "9876543210", "9876543210"),
	OK(NH, "0000000000", "0000000000"),
	OK(NH, "9999999999", "9999999999"),
	OK(NH, "1000000001", "1000000001"),
	BAD(NH, "9991234560", "The check digit would be 10, so no NHS number has these first nine digits."),
	BAD(NH, "999 123 4560", "The check digit would be 10, so no NHS number has these first nine digits."),
	BAD(NH, "1234567890", "The check digit would be 10, so no NHS number has these first nine digits."),
	BAD(NH, "9434765918", "The check digit should be \"9\"."),
	BAD(NH, "9876543211", "The check digit should be \"0\"."),
	BAD(NH, "4010232131", "The check digit should be \"7\"."),
	BAD(NH, "943476591", E_LEN(10, 9)),
	BAD(NH, "94347659190", E_LEN(10, 11)),
	BAD(NH, "9434765919 0", E_LEN(10, 11)),
	BAD(NH, "943-476-5919", E_LEN(10, 12)),
	BAD(NH, "943 476\t5919", E_LEN(10, 11)),
	BAD(NH, "943476591X", E_DIGIT(10)),
	BAD(NH, "A434765919", E_DIGIT(1)),
	BAD(NH, "943\t476591", E_DIGIT(4)),
	BAD(NH, "94347\0" "5919", E_DIGIT(6)),
	BAD(NH, "943 476 59\xc2\xb9" "9", E_ASCII(9)),
	BAD(NH, "", E_EMPTY),
	BAD(NH, "   ", E_WHITE),

	/* nino */
	OK(NI, "AB123456C", "AB123456C"),
	OK(NI, "ab123456c", "AB123456C"),
	OK(NI, "AB 12 34 56 C", "AB123456C"),
	OK(NI, "ab 123456 c", "AB123456C"),
	OK(NI, " AB123456C ", "AB123456C"),
	OK(NI, "\tAB123456C\n", "AB123456C"),
	OK(NI, "AB123456 C", "AB123456C"),
	OK(NI, "OA123456A", "OA123456A"),
	OK(NI, "NA123456D", "NA123456D"),
	OK(NI, "AA000000A", "AA000000A"),
	OK(NI, "ZY999999D", "ZY999999D"),
	OK(NI, "CE123456B", "CE123456B"),
	OK(NI, "JG103759A", "JG103759A"),
	BAD(NI, "AB123456", "The suffix letter is missing, and it must be A, B, C or D."),
	BAD(NI, "AB 12 34 56", "The suffix letter is missing, and it must be A, B, C or D."),
	BAD(NI, "QQ123456C", "The first letter must not be D, F, I, Q, U or V."),
	BAD(NI, "DA123456A", "The first letter must not be D, F, I, Q, U or V."),
	BAD(NI, "VA123456A", "The first letter must not be D, F, I, Q, U or V."),
	BAD(NI, "AO123456A", "The second letter must not be D, F, I, O, Q, U or V."),
	BAD(NI, "AD123456A", "The second letter must not be D, F, I, O, Q, U or V."),
	BAD(NI, "GB123456A", "The prefix \"GB\" is not used."),
	BAD(NI, "BG123456A", "The prefix \"BG\" is not used."),
	BAD(NI, "NK123456A", "The prefix \"NK\" is not used."),
	BAD(NI, "KN123456A", "The prefix \"KN\" is not used."),
	BAD(NI, "TN123456A", "The prefix \"TN\" is not used."),
	BAD(NI, "NT123456A", "The prefix \"NT\" is not used."),
	BAD(NI, "zz123456a", "The prefix \"ZZ\" is not used."),
	BAD(NI, "AB123456E", "The suffix must be A, B, C or D."),
	BAD(NI, "AB123456F", "The suffix must be A, B, C or D."),
	BAD(NI, "AB123456M", "The suffix must be A, B, C or D."),
	BAD(NI, "AB123456P", "The suffix must be A, B, C or D."),
	BAD(NI, "AB12345C", E_DIGIT(8)),
	BAD(NI, "AB1234567C", E_LEN(9, 10)),
	BAD(NI, "AB123456CC", E_LEN(9, 10)),
	BAD(NI, "AB12345", E_LEN(9, 7)),
	BAD(NI, "A1123456C", E_LETTER(2)),
	BAD(NI, "AB12X456C", E_DIGIT(5)),
	BAD(NI, "AB 12 34 56 1", E_LETTER(9)),
	BAD(NI, "AB123\0" "56C", E_DIGIT(6)),
	BAD(NI, "AB123456\xc3\x87", E_ASCII(9)),
	BAD(NI, "", E_EMPTY),
	BAD(NI, " ", E_WHITE),
};

/*
 * Deterministic PRNG (splitmix64), so failures can be reproduced.
 */
static uint64_t prng_state = UINT64_C(0x5EED1DE57A7E5EED);

static uint64_t
prng_next(void)
{
	uint64_t	z = (prng_state += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static int
prng_below(int n)
{
	return (int) (prng_next() % (uint64_t) n);
}

static const char *
kind_label(int kind)
{
	return kind == SHORT_KIND ? "pnc_id (short)" : ident_type_name((IdentKind) kind);
}

static bool
parse_any(int kind, const char *str, size_t len, int64_t *result,
		  IdentError *err)
{
	if (kind == SHORT_KIND)
		return ident_parse_pnc_short(str, len, SHORT_YEAR, result, err);
	return ident_parse((IdentKind) kind, str, len, result, err);
}

/* Is detail one well-formed sentence of printable ASCII? */
static bool
detail_well_formed(const char *detail)
{
	size_t		n = strlen(detail);
	size_t		i;

	if (n < 2 || n >= IDENT_DETAIL_MAX - 1)
		return false;
	if (detail[0] < 'A' || detail[0] > 'Z' || detail[n - 1] != '.')
		return false;
	for (i = 0; i < n; i++)
		if (detail[i] < 0x20 || detail[i] > 0x7e)
			return false;
	return true;
}

static void
test_vectors(void)
{
	size_t		i;
	int			per_kind[SHORT_KIND + 1] = {0};

	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++)
	{
		const Vector *v = &vectors[i];
		int64_t		value = -1;
		IdentError	err;
		bool		ok;
		char		name[200];
		char		shown[64];
		size_t		j;
		size_t		k = 0;

		/* a printable rendering of the input for the test name */
		for (j = 0; j < v->len && k + 5 < sizeof(shown); j++)
		{
			unsigned char c = (unsigned char) v->input[j];

			if (c >= 0x20 && c < 0x7f && c != '\\')
				shown[k++] = (char) c;
			else
				k += (size_t) sprintf(shown + k, "\\x%02x", c);
		}
		shown[k] = '\0';

		per_kind[v->kind]++;
		strcpy(err.detail, "untouched");
		ok = parse_any(v->kind, v->input, v->len, &value, &err);
		snprintf(name, sizeof(name), "%s \"%s\" %s", kind_label(v->kind),
				 shown, v->want ? "is accepted" : "is rejected");
		tap_ok(ok == (v->want != NULL), "%s", name);
		if (v->want != NULL && ok)
		{
			char		buf[IDENT_TEXT_MAX];
			int64_t		again = -1;
			IdentKind	kind = v->kind == SHORT_KIND ? IDENT_PNC_ID : (IdentKind) v->kind;

			tap_ok(ident_format(kind, value, buf), "%s: formats", name);
			tap_is_str(buf, v->want, "canonical text");
			tap_ok(ident_parse(kind, buf, strlen(buf), &again, NULL) &&
				   again == value, "%s: canonical text parses back", name);
			tap_ok(ident_is_valid_encoding(kind, value),
				   "%s: encoding is valid", name);
		}
		else if (v->want == NULL && !ok)
		{
			tap_is_str(err.detail, v->detail, name);
			tap_ok(detail_well_formed(err.detail),
				   "%s: detail is one sentence", name);
			tap_ok(value == -1, "%s: result untouched", name);
		}
		else if (!ok)
			printf("#   detail: %s\n", err.detail);
	}
	for (i = 0; i < IDENT_NKINDS; i++)
		tap_ok(per_kind[i] >= 30, "at least 30 vectors for %s (%d)",
			   ident_type_name((IdentKind) i), per_kind[i]);
	tap_ok(per_kind[SHORT_KIND] >= 30, "at least 30 short-form PNC vectors (%d)",
		   per_kind[SHORT_KIND]);
}

/* Inputs far longer than any identifier, built at run time. */
static void
test_long_inputs(void)
{
	size_t		n = 3 * 1024 * 1024;
	char	   *big = malloc(n + 32);
	int			kind;
	IdentError	err;
	int64_t		value;

	if (big == NULL)
	{
		tap_ok(0, "malloc for long inputs");
		return;
	}
	for (kind = 0; kind < IDENT_NKINDS; kind++)
	{
		memset(big, '7', n);
		tap_ok(!ident_parse((IdentKind) kind, big, n, &value, &err) &&
			   detail_well_formed(err.detail),
			   "%s rejects 3 MiB of digits: %s", ident_type_name((IdentKind) kind),
			   err.detail);

		memset(big, ' ', n);
		tap_ok(!ident_parse((IdentKind) kind, big, n, &value, &err),
			   "%s rejects 3 MiB of spaces", ident_type_name((IdentKind) kind));
		tap_is_str(err.detail, E_WHITE, "only-white-space detail");

		/* 3 MiB of spaces with a non-ASCII byte at the end */
		big[n - 1] = (char) 0xe9;
		tap_ok(!ident_parse((IdentKind) kind, big, n, &value, &err),
			   "%s rejects spaces followed by a non-ASCII byte",
			   ident_type_name((IdentKind) kind));
		tap_is_str(err.detail, E_ASCII(1), "non-ASCII detail");
	}

	/* a valid value surrounded by megabytes of white space */
	memset(big, '\t', n);
	memcpy(big + n / 2, "a1234bc", 7);
	tap_ok(ident_parse(IDENT_PRISON_NUMBER, big, n, &value, &err) &&
		   value == ((0 * 10000 + 1234) * 26 + 1) * 26 + 2,
		   "prison number inside 3 MiB of tabs");

	/* NHS number with megabytes of internal spaces */
	memset(big, ' ', n);
	memcpy(big, "943", 3);
	memcpy(big + n - 7, "4765919", 7);
	tap_ok(ident_parse(IDENT_NHS_NUMBER, big, n, &value, &err) &&
		   value == INT64_C(9434765919),
		   "NHS number with 3 MiB of internal spaces");

	/* many letters: the length is reported, not a position past the buffer */
	memset(big, 'A', n);
	tap_ok(!ident_parse(IDENT_NINO, big, n, &value, &err),
		   "NINO rejects 3 MiB of letters");
	tap_is_str(err.detail, "Expected 9 characters after removing spaces, found 3145728.",
			   "long NINO detail");
	tap_ok(!ident_parse(IDENT_PNC_ID, big, n, &value, &err),
		   "PNC rejects 3 MiB of letters");
	tap_is_str(err.detail, "Expected at most 13 characters, found 3145728.",
			   "long PNC detail");
	tap_ok(!ident_parse_pnc_short(big, n, 2026, &value, &err),
		   "short PNC rejects 3 MiB of letters");
	tap_ok(!ident_parse(IDENT_CRO_NUMBER, big, n, &value, &err),
		   "CRO rejects 3 MiB of letters");
	tap_is_str(err.detail, "Expected at most 12 characters, found 3145728.",
			   "long CRO detail");
	free(big);

	/* NULL string with zero length, and NULL result/err pointers */
	tap_ok(!ident_parse(IDENT_CRN, NULL, 0, &value, &err), "NULL input is rejected");
	tap_is_str(err.detail, E_EMPTY, "NULL input detail");
	tap_ok(ident_parse(IDENT_CRN, "X320741", 7, NULL, NULL),
		   "NULL result and err are allowed on success");
	tap_ok(!ident_parse(IDENT_CRN, "X32074", 6, NULL, NULL),
		   "NULL result and err are allowed on failure");
	tap_ok(!ident_parse((IdentKind) 17, "X320741", 7, &value, &err) &&
		   detail_well_formed(err.detail), "unknown kind is rejected");
	tap_is_str(ident_type_name((IdentKind) 17), "unknown", "unknown kind name");
	tap_ok(!ident_is_valid_encoding((IdentKind) -1, 0), "unknown kind has no encodings");
}

static void
test_type_names(void)
{
	static const char *const names[IDENT_NKINDS] = {
		"prison_number", "crn", "pnc_id", "cro_number", "nhs_number", "nino"
	};
	int			kind;

	for (kind = 0; kind < IDENT_NKINDS; kind++)
		tap_is_str(ident_type_name((IdentKind) kind), names[kind], "type name");
}

/* The century of 2-digit PNC years for unusual current years. */
static void
test_pnc_centuries(void)
{
	static const struct
	{
		int			current_year;
		const char *input;
		const char *want;
	}			cases[] = {
		{2026, "26/1W", "2026/0000001W"},
		{2026, "27/1L", "1927/0000001L"},
		{2000, "00/0Z", "2000/0000000Z"},
		{2000, "01/1A", NULL},
		{1999, "99/1G", "2099/0000001G"},
		{0, "00/0Z", "2000/0000000Z"},
		{0, "99/1G", "1999/0000001G"},
		{-1, "99/1G", "2099/0000001G"},
		{-101, "98/5E", NULL},
		{INT_MAX, "47/1A", NULL},
		{INT_MIN, "52/1A", NULL},
		{INT_MAX, "1979/0163001B", "1979/0163001B"},
		{INT_MIN, "1979/0163001B", "1979/0163001B"},
	};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		int64_t		value;
		IdentError	err;
		char		buf[IDENT_TEXT_MAX];
		bool		ok;

		ok = ident_parse_pnc_short(cases[i].input, strlen(cases[i].input),
								   cases[i].current_year, &value, &err);
		if (cases[i].want == NULL)
		{
			/*
			 * Whatever the century, the result must be consistent: the
			 * check letter decides acceptance, and formatting round-trips.
			 */
			if (ok)
			{
				int64_t		again;

				tap_ok(ident_format(IDENT_PNC_ID, value, buf) &&
					   ident_parse(IDENT_PNC_ID, buf, strlen(buf), &again, NULL) &&
					   again == value,
					   "current year %d, \"%s\" gives %s", cases[i].current_year,
					   cases[i].input, buf);
			}
			else
				tap_ok(detail_well_formed(err.detail),
					   "current year %d, \"%s\" rejected: %s",
					   cases[i].current_year, cases[i].input, err.detail);
			continue;
		}
		tap_ok(ok, "current year %d accepts \"%s\"", cases[i].current_year,
			   cases[i].input);
		if (ok)
		{
			ident_format(IDENT_PNC_ID, value, buf);
			tap_is_str(buf, cases[i].want, "century");
		}
	}
}

/* ident_is_valid_encoding and ident_format on edge int64 values. */
static void
test_encoding_edges(void)
{
	static const struct
	{
		IdentKind	kind;
		int64_t		value;
		const char *want;		/* NULL: not a valid encoding */
	}			cases[] = {
		{PR, -1, NULL},
		{PR, 0, "A0000AA"},
		{PR, INT64_C(175759999), "Z9999ZZ"},
		{PR, INT64_C(175760000), NULL},
		{PR, INT64_MAX, NULL},
		{PR, INT64_MIN, NULL},
		{CR, -1, NULL},
		{CR, 0, "A000000"},
		{CR, INT64_C(25999999), "Z999999"},
		{CR, INT64_C(26000000), NULL},
		{CR, INT64_MAX, NULL},
		{CR, INT64_MIN, NULL},
		{PN, -1, NULL},
		{PN, 0, "0000/0000000Z"},
		{PN, INT64_C(9999999), "0000/9999999N"},
		{PN, INT64_C(10000000), "0001/0000000P"},
		{PN, INT64_C(99999999999), "9999/9999999V"},
		{PN, INT64_C(100000000000), NULL},
		{PN, INT64_MAX, NULL},
		{PN, INT64_MIN, NULL},
		{CO, -1, NULL},
		{CO, 0, "000000/00Z"},
		{CO, INT64_C(99999999), "999999/99A"},
		{CO, INT64_C(100000000), "SF00/000000Z"},
		{CO, INT64_C(100000000) + INT64_C(1771560), NULL},	/* empty serial */
		{CO, INT64_C(100000000) + INT64_C(1771561), "SF01/000000F"},
		{CO, INT64_C(100000000) + INT64_C(99) * INT64_C(1771561) + 9 * 161051 +
			10 * 14641 + 10 * 1331 + 10 * 121 + 10 * 11 + 10, "SF99/9K"},
		{CO, INT64_C(100000000) + INT64_C(99) * INT64_C(1771561) + 9 * 161051 +
			10 * 14641 + 10 * 1331 + 10 * 121 + 10 * 11 + 9, NULL},	/* digit after end */
		{CO, INT64_C(100000000) + INT64_C(100) * INT64_C(1771561) - 1, NULL},
		{CO, INT64_C(100000000) + INT64_C(100) * INT64_C(1771561), NULL},
		{CO, INT64_MAX, NULL},
		{CO, INT64_MIN, NULL},
		{NH, -1, NULL},
		{NH, 0, "0000000000"},
		{NH, INT64_C(9434765919), "9434765919"},
		{NH, INT64_C(9434765918), NULL},
		{NH, INT64_C(9991234560), NULL},
		{NH, INT64_C(9999999999), "9999999999"},
		{NH, INT64_C(10000000000), NULL},
		{NH, INT64_C(19434765919), NULL},
		{NH, INT64_MAX, NULL},
		{NH, INT64_MIN, NULL},
		{NI, -1, NULL},
		{NI, 0, "AA000000A"},
		{NI, 3, "AA000000D"},
		{NI, INT64_C(2704000000) - 1, NULL},	/* ZZ999999D */
		{NI, INT64_C(2704000000) - 1 - INT64_C(4000000), "ZY999999D"},
		{NI, INT64_C(2704000000), NULL},
		{NI, INT64_C(3) * 26 * INT64_C(4000000), NULL},	/* DA000000A */
		{NI, INT64_C(1) * 26 * INT64_C(4000000) + 6 * INT64_C(4000000), NULL},	/* BG000000A */
		{NI, INT64_C(14) * 26 * INT64_C(4000000), "OA000000A"},
		{NI, INT64_C(14) * INT64_C(4000000), NULL},	/* AO000000A */
		{NI, INT64_MAX, NULL},
		{NI, INT64_MIN, NULL},
	};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		char		buf[IDENT_TEXT_MAX];
		bool		valid = ident_is_valid_encoding(cases[i].kind, cases[i].value);
		bool		formatted;
		const char *want = cases[i].want;

		memset(buf, 'x', sizeof(buf));
		formatted = ident_format(cases[i].kind, cases[i].value, buf);
		tap_ok(valid == (want != NULL) && formatted == valid,
			   "%s encoding %lld is %s", ident_type_name(cases[i].kind),
			   (long long) cases[i].value, want ? "valid" : "invalid");
		tap_is_str(buf, want ? want : "", "formatted text");
	}
}

/* buf = stem followed by c; buf has IDENT_TEXT_MAX bytes */
static void
append_char(char *buf, const char *stem, char c)
{
	size_t		n = strlen(stem);

	if (n > IDENT_TEXT_MAX - 2)
		n = IDENT_TEXT_MAX - 2;
	memcpy(buf, stem, n);
	buf[n] = c;
	buf[n + 1] = '\0';
}

/*
 * Random valid canonical texts.  The check character is found by trying
 * every candidate, so the parser's own check is not trusted here.
 */
static bool
random_text(IdentKind kind, char *buf)
{
	static const char suffixes[] = "ABCD";
	static const char candidates[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	char		stem[IDENT_TEXT_MAX];
	int			i;
	int			n;

	switch (kind)
	{
		case IDENT_PRISON_NUMBER:
			snprintf(buf, IDENT_TEXT_MAX, "%c%04d%c%c", 'A' + prng_below(26), prng_below(10000),
					'A' + prng_below(26), 'A' + prng_below(26));
			return true;
		case IDENT_CRN:
			snprintf(buf, IDENT_TEXT_MAX, "%c%06d", 'A' + prng_below(26), prng_below(1000000));
			return true;
		case IDENT_NINO:
			snprintf(buf, IDENT_TEXT_MAX, "%c%c%06d%c", 'A' + prng_below(26), 'A' + prng_below(26),
					prng_below(1000000), suffixes[prng_below(4)]);
			return ident_parse(kind, buf, strlen(buf), NULL, NULL);
		case IDENT_NHS_NUMBER:
			snprintf(stem, sizeof(stem), "%09d", prng_below(1000000000));
			for (i = 0; i < 10; i++)
			{
				append_char(buf, stem, (char) ('0' + i));
				if (ident_parse(kind, buf, 10, NULL, NULL))
					return true;
			}
			return false;
		case IDENT_PNC_ID:
			/* vary the serial's magnitude so small serials are common */
			n = prng_below(8);
			snprintf(stem, sizeof(stem), "%04d/%07d", prng_below(10000),
					n == 0 ? 0 : prng_below(n == 7 ? 10000000 : 1 + prng_below(10000000)));
			break;
		case IDENT_CRO_NUMBER:
			if (prng_below(2) == 0)
				snprintf(stem, sizeof(stem), "%06d/%02d", prng_below(prng_below(3) == 0 ? 100 : 1000000),
						prng_below(100));
			else
			{
				int			len = 1 + prng_below(6);
				int			pos;

				pos = snprintf(stem, sizeof(stem), "SF%02d/", prng_below(100));
				if (pos < 0 || pos > 5)
					return false;
				for (i = 0; i < len; i++)
					stem[pos++] = (char) ('0' + prng_below(prng_below(2) ? 2 : 10));
				stem[pos] = '\0';
			}
			break;
	}
	for (i = 0; i < 26; i++)
	{
		append_char(buf, stem, candidates[i]);
		if (ident_parse(kind, buf, strlen(buf), NULL, NULL))
			return true;
	}
	return false;
}

typedef struct Sample
{
	int64_t		value;
	char		text[IDENT_TEXT_MAX];
} Sample;

static int
compare_samples(const void *a, const void *b)
{
	int64_t		x = ((const Sample *) a)->value;
	int64_t		y = ((const Sample *) b)->value;

	return (x > y) - (x < y);
}

static int
sign(int64_t x)
{
	return (x > 0) - (x < 0);
}

/*
 * Order preservation: sorted by encoding, the canonical texts must be
 * strictly increasing under strcmp (which compares bytes as unsigned
 * char, like C collation), and equal encodings must have equal texts.
 */
static void
test_order(void)
{
	enum
	{
		NSAMPLES = 4000
	};
	static Sample samples[NSAMPLES];
	int			kind;

	for (kind = 0; kind < IDENT_NKINDS; kind++)
	{
		const char *name = ident_type_name((IdentKind) kind);
		int			n = 0;
		int			attempts = 0;
		int			i;
		int			bad_roundtrip = 0;
		int			bad_order = 0;
		int			bad_pairs = 0;

		while (n < NSAMPLES && attempts < 100 * NSAMPLES)
		{
			char		text[IDENT_TEXT_MAX];
			char		again[IDENT_TEXT_MAX];

			attempts++;
			if (!random_text((IdentKind) kind, text))
				continue;
			if (!ident_parse((IdentKind) kind, text, strlen(text),
							 &samples[n].value, NULL) ||
				!ident_format((IdentKind) kind, samples[n].value, again) ||
				strcmp(again, text) != 0)
			{
				if (bad_roundtrip++ == 0)
					printf("# round trip failed for %s \"%s\"\n", name, text);
				continue;
			}
			strcpy(samples[n].text, text);
			n++;
		}
		tap_ok(n == NSAMPLES, "%s: %d random valid values", name, n);
		tap_ok(bad_roundtrip == 0, "%s: random values round-trip", name);

		qsort(samples, (size_t) n, sizeof(Sample), compare_samples);
		for (i = 1; i < n; i++)
		{
			int			c = strcmp(samples[i - 1].text, samples[i].text);

			if (samples[i - 1].value == samples[i].value ? c != 0 : c >= 0)
			{
				if (bad_order++ == 0)
					printf("# out of order: %s (%lld) and %s (%lld)\n",
						   samples[i - 1].text, (long long) samples[i - 1].value,
						   samples[i].text, (long long) samples[i].value);
			}
		}
		tap_ok(bad_order == 0, "%s: encoding order is text order (sorted run)", name);

		for (i = 0; i < 20000; i++)
		{
			const Sample *a = &samples[prng_below(n)];
			const Sample *b = &samples[prng_below(n)];

			if (sign(a->value - b->value) != sign(strcmp(a->text, b->text)))
				bad_pairs++;
		}
		tap_ok(bad_pairs == 0, "%s: encoding order is text order (random pairs)", name);
	}
}

/*
 * Every SF code of one year, in encoding order: exactly the 1111110
 * serials of 1 to 6 digits are valid, and their texts increase.
 */
static void
test_cro_sf_exhaustive(void)
{
	int64_t		base = INT64_C(100000000) + 83 * INT64_C(1771561);
	int64_t		code;
	char		prev[IDENT_TEXT_MAX] = "";
	long		valid = 0;
	long		bad = 0;

	for (code = 0; code < INT64_C(1771561); code++)
	{
		char		buf[IDENT_TEXT_MAX];
		int64_t		again;
		bool		ok = ident_format(IDENT_CRO_NUMBER, base + code, buf);

		if (ok != ident_is_valid_encoding(IDENT_CRO_NUMBER, base + code))
			bad++;
		if (!ok)
			continue;
		valid++;
		if (strcmp(prev, buf) >= 0 ||
			!ident_parse(IDENT_CRO_NUMBER, buf, strlen(buf), &again, NULL) ||
			again != base + code)
		{
			if (bad++ == 0)
				printf("# SF problem at %s after %s\n", buf, prev);
		}
		strcpy(prev, buf);
	}
	tap_is_int(valid, 1111110, "SF83: every serial of 1 to 6 digits has one code");
	tap_ok(bad == 0, "SF83: codes are in text order and round-trip");
}

/*
 * Random int64 values in (and just around) each kind's range: format
 * succeeds exactly for valid encodings, and the text parses back.
 */
static void
test_random_encodings(void)
{
	static const int64_t limits[IDENT_NKINDS] = {
		INT64_C(175760000), INT64_C(26000000), INT64_C(100000000000),
		INT64_C(277156100), INT64_C(10000000000), INT64_C(2704000000)
	};
	int			kind;

	for (kind = 0; kind < IDENT_NKINDS; kind++)
	{
		int			i;
		int			bad = 0;
		int			valid = 0;

		for (i = 0; i < 200000; i++)
		{
			int64_t		v;
			char		buf[IDENT_TEXT_MAX];
			int64_t		again;
			bool		ok;

			if (i < 100)
				v = (int64_t) prng_next();	/* anything at all */
			else
				v = (int64_t) (prng_next() % (uint64_t) (limits[kind] + 1000)) - 500;
			ok = ident_format((IdentKind) kind, v, buf);
			if (ok != ident_is_valid_encoding((IdentKind) kind, v) ||
				(!ok && buf[0] != '\0') ||
				(ok && (strlen(buf) >= IDENT_TEXT_MAX ||
						!ident_parse((IdentKind) kind, buf, strlen(buf), &again, NULL) ||
						again != v)))
			{
				if (bad++ == 0)
					printf("# bad encoding %lld (%s)\n", (long long) v, buf);
			}
			valid += ok;
		}
		tap_ok(bad == 0 && valid > 0, "%s: random encodings are consistent (%d valid)",
			   ident_type_name((IdentKind) kind), valid);
	}
}

int
main(void)
{
	test_type_names();
	test_vectors();
	test_long_inputs();
	test_pnc_centuries();
	test_encoding_edges();
	test_order();
	test_cro_sf_exhaustive();
	test_random_encodings();
	return tap_done();
}
