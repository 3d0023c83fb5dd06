/*
 * Unit tests of the client's pure-C printer helpers (client/textfmt.c):
 * CSV quoting, TSV escaping, JSON escaping and numbers, display widths.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "../../client/textfmt.c"

/* run one writer into a buffer */
static char outbuf[1024];

static const char *
capture_csv(const char *s, bool isnull)
{
	FILE	   *f;

	memset(outbuf, 0, sizeof(outbuf));
	f = fmemopen(outbuf, sizeof(outbuf), "w");

	csv_write_field(f, s, isnull);
	fclose(f);
	return outbuf;
}

static const char *
capture_json(const char *s)
{
	FILE	   *f;

	memset(outbuf, 0, sizeof(outbuf));
	f = fmemopen(outbuf, sizeof(outbuf), "w");

	json_write_string(f, s);
	fclose(f);
	return outbuf;
}

static const char *
capture_tsv(const char *s)
{
	FILE	   *f;

	memset(outbuf, 0, sizeof(outbuf));
	f = fmemopen(outbuf, sizeof(outbuf), "w");

	tsv_write_field(f, s);
	fclose(f);
	return outbuf;
}

int
main(void)
{
	/* CSV: RFC 4180, NULL distinct from the empty string */
	tap_is_str(capture_csv("plain", false), "plain", "csv plain field unquoted");
	tap_is_str(capture_csv("", true), "", "csv NULL is an empty unquoted field");
	tap_is_str(capture_csv("", false), "\"\"", "csv empty string is quoted");
	tap_is_str(capture_csv("a,b", false), "\"a,b\"", "csv comma quoted");
	tap_is_str(capture_csv("O\"Brien", false), "\"O\"\"Brien\"", "csv quote doubled");
	tap_is_str(capture_csv("two\nlines", false), "\"two\nlines\"", "csv newline quoted");
	tap_is_str(capture_csv("cr\r", false), "\"cr\r\"", "csv CR quoted");
	tap_is_str(capture_csv(" pad", false), "\" pad\"", "csv leading space quoted");
	tap_is_str(capture_csv("Zoë; x", false), "Zoë; x", "csv UTF-8 and ; unquoted");

	/* TSV */
	tap_is_str(capture_tsv("a\tb\nc\\d"), "a\\tb\\nc\\\\d", "tsv escapes tab, newline, backslash");

	/* JSON */
	tap_is_str(capture_json("x\\y"), "\"x\\\\y\"", "json backslash");
	tap_is_str(capture_json("say \"hi\""), "\"say \\\"hi\\\"\"", "json quotes");
	tap_is_str(capture_json("a\nb\tc\rd"), "\"a\\nb\\tc\\rd\"", "json newline tab CR");
	tap_is_str(capture_json("\001\037\177"), "\"\\u0001\\u001f\\u007f\"", "json control characters");
	tap_is_str(capture_json("Ünïcødé ✓"), "\"Ünïcødé ✓\"", "json non-ASCII verbatim");
	tap_ok(json_is_number("42"), "json number 42");
	tap_ok(json_is_number("-0.5"), "json number -0.5");
	tap_ok(json_is_number("1e-05"), "json number 1e-05");
	tap_ok(!json_is_number("NaN"), "NaN is not a json number");
	tap_ok(!json_is_number("Infinity"), "Infinity is not a json number");
	tap_ok(!json_is_number("007"), "leading zeros are not a json number");
	tap_ok(!json_is_number("1."), "1. is not a json number");
	tap_ok(!json_is_number(""), "empty is not a json number");

	/* display widths */
	tap_is_int(text_width("abc"), 3, "ASCII width");
	tap_is_int(text_width("Ünïcødé"), 7, "Latin-1 supplement width 1 each");
	tap_is_int(text_width("e\xcc\x81"), 1, "combining acute has width 0");
	tap_is_int(text_width("日本"), 4, "CJK width 2 each");
	tap_is_int(text_width("\xf0\x9f\x98\x80"), 2, "emoji width 2");
	tap_is_int(text_width("\xff" "a"), 2, "invalid byte counts 1");
	tap_is_int(text_width("\xe6\x97"), 2, "truncated sequence counts per byte");
	tap_is_int(text_width(""), 0, "empty width 0");

	return tap_done();
}
