/*-------------------------------------------------------------------------
 *
 * fuzz_identifier.c
 *	  libFuzzer harness for the identifier parsers (extension/identifier.c).
 *
 * The kind is chosen at compile time: -DFUZZ_KIND=IDENT_NINO and so on, or
 * -DFUZZ_PNC_SHORT for the 2-digit-year PNC parser.  For each input:
 *
 *	- parse it; on success the canonical text must format, parse back to
 *	  the same value, and the value must be a valid encoding;
 *	- read its first 8 bytes as an int64: ident_format must succeed exactly
 *	  when ident_is_valid_encoding says so, and its text must parse back.
 *
 * Any inconsistency aborts, which libFuzzer reports as a crash.
 *
 *	clang -std=c99 -g -O1 -fsanitize=fuzzer,address,undefined \
 *		-DFUZZ_KIND=IDENT_NINO -Iextension \
 *		test/fuzz/fuzz_identifier.c extension/identifier.c -o fuzz_nino
 *
 *-------------------------------------------------------------------------
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "identifier.h"

#ifdef FUZZ_PNC_SHORT
#ifndef FUZZ_KIND
#define FUZZ_KIND IDENT_PNC_ID
#endif
#endif

#ifndef FUZZ_KIND
#error "define FUZZ_KIND (e.g. -DFUZZ_KIND=IDENT_NINO) or FUZZ_PNC_SHORT"
#endif

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
require(int cond)
{
	if (!cond)
		abort();
}

/* The canonical text of a valid value parses back to it, in every parser. */
static void
check_canonical(IdentKind kind, int64_t value)
{
	char		buf[IDENT_TEXT_MAX];
	int64_t		again = -1;
	IdentError	err;
	size_t		len;

	require(ident_is_valid_encoding(kind, value));
	require(ident_format(kind, value, buf));
	len = strlen(buf);
	require(len > 0 && len < IDENT_TEXT_MAX);
	require(ident_parse(kind, buf, len, &again, &err));
	require(again == value);
#ifdef FUZZ_PNC_SHORT
	again = -1;
	require(ident_parse_pnc_short(buf, len, 2026, &again, &err));
	require(again == value);
#endif
}

/* A failure's detail is one short sentence of printable ASCII. */
static void
check_detail(const IdentError *err)
{
	const char *end = memchr(err->detail, '\0', IDENT_DETAIL_MAX);
	size_t		n;
	size_t		i;

	require(end != NULL);
	n = (size_t) (end - err->detail);
	require(n > 1);
	require(err->detail[0] >= 'A' && err->detail[0] <= 'Z');
	require(err->detail[n - 1] == '.');
	for (i = 0; i < n; i++)
		require(err->detail[i] >= 0x20 && err->detail[i] <= 0x7e);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const IdentKind kind = FUZZ_KIND;
	const char *str = (const char *) data;
	int64_t		value = -1;
	IdentError	err;
	bool		ok;
	int64_t		raw = 0;
	char		buf[IDENT_TEXT_MAX];

#ifdef FUZZ_PNC_SHORT
	{
		int			current_year = 2026;
		int64_t		long_value = -1;
		bool		long_ok;

		/* bytes 8..11, when present, also choose the current year */
		if (size >= 12)
			memcpy(&current_year, data + 8, sizeof(current_year));
		ok = ident_parse_pnc_short(str, size, current_year, &value, &err);

		/* whatever the long-form parser accepts, the short one must too */
		long_ok = ident_parse(IDENT_PNC_ID, str, size, &long_value, NULL);
		if (long_ok)
			require(ok && value == long_value);
	}
#else
	ok = ident_parse(kind, str, size, &value, &err);
#endif
	if (ok)
		check_canonical(kind, value);
	else
		check_detail(&err);

	/* the first 8 bytes as an encoding */
	if (size > 0)
		memcpy(&raw, data, size < sizeof(raw) ? size : sizeof(raw));
	memset(buf, 'x', sizeof(buf));
	ok = ident_format(kind, raw, buf);
	require(ok == ident_is_valid_encoding(kind, raw));
	if (ok)
		check_canonical(kind, raw);
	else
		require(buf[0] == '\0');
	return 0;
}
