/*
 * Unit tests of the client's export-file reader (client/json_records.c):
 * the shapes (array, NDJSON, Spring page, one record, nothing), each
 * record's bytes and line, and every kind of malformed JSON with its byte
 * offset and line.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "../../client/json_records.c"

static char desc[8192];

/* "shape: [line]record|[line]record..." or "error at OFFSET line L: what" */
static const char *
describe(const char *text)
{
	JsonRecords r;
	static const char *const shapes[] = {"empty", "array", "ndjson", "page", "single"};
	size_t		i;
	size_t		at;

	if (!json_records(text, strlen(text), &r))
	{
		snprintf(desc, sizeof(desc), "error at %zu line %ld: %s", r.error_offset, r.error_line, r.error);
		return desc;
	}
	at = (size_t) snprintf(desc, sizeof(desc), "%s:", shapes[r.shape]);
	for (i = 0; i < r.nrecords && at < sizeof(desc); i++)
		at += (size_t) snprintf(desc + at, sizeof(desc) - at, "%s[%ld]%.*s", i ? "|" : " ",
								r.records[i].line, (int) r.records[i].len, text + r.records[i].start);
	json_records_free(&r);
	return desc;
}

int
main(void)
{
	char	   *deep;
	int			i;

	/* shapes */
	tap_is_str(describe("[\n{\"a\":1},\n {\"b\":[1,{\"c\":null}]}\n]\n"),
			   "array: [2]{\"a\":1}|[3]{\"b\":[1,{\"c\":null}]}", "an array: each element, its line");
	tap_is_str(describe("[]"), "array:", "an empty array");
	tap_is_str(describe(""), "empty:", "an empty file");
	tap_is_str(describe(" \n\t\r\n"), "empty:", "white space only");
	tap_is_str(describe("{\"a\":1}\n{\"b\":2}\r\n\n{\"c\":3}\n"),
			   "ndjson: [1]{\"a\":1}|[2]{\"b\":2}|[4]{\"c\":3}", "NDJSON: each value, its line");
	tap_is_str(describe("{\"totalElements\":2,\"content\":[{\"a\":1},\n{\"b\":2}],\"last\":true}"),
			   "page: [1]{\"a\":1}|[2]{\"b\":2}", "a Spring page: the elements of content");
	tap_is_str(describe("{\"contents\":[1],\"con\\u0074ent\":[2]}"),
			   "single: [1]{\"contents\":[1],\"con\\u0074ent\":[2]}",
			   "no key spelt content: one record (an escaped key is not matched)");
	tap_is_str(describe("{\"content\":{\"a\":1}}"), "single: [1]{\"content\":{\"a\":1}}",
			   "content not an array: one record");
	tap_is_str(describe("  {\"prisonerNumber\":\"A1234BC\"}  "), "single: [1]{\"prisonerNumber\":\"A1234BC\"}",
			   "one object: one record");
	tap_is_str(describe("[\"]\\\"content\\\"[\", -0.5e+10, 1E3, true, false, null, \"\\u00e9\\/\\b\\f\\n\\r\\t\"]"),
			   "array: [1]\"]\\\"content\\\"[\"|[1]-0.5e+10|[1]1E3|[1]true|[1]false|[1]null|[1]\"\\u00e9\\/\\b\\f\\n\\r\\t\"",
			   "strings, escapes, numbers and literals");
	tap_is_str(describe("[\"caf\xc3\xa9\"]"), "array: [1]\"caf\xc3\xa9\"", "UTF-8 passes through");

	/* malformed: the offset (from 0) and line of the first error */
	tap_is_str(describe("[1,]"), "error at 3 line 1: expected a value (true, false, null, a number, a string, an array or an object)",
			   "a trailing comma");
	tap_is_str(describe("[1\n,2"), "error at 5 line 2: expected ',' or ']'", "an unclosed array");
	tap_is_str(describe("{\"a\" 1}"), "error at 5 line 1: expected ':' after an object's key", "no colon");
	tap_is_str(describe("{1:2}"), "error at 1 line 1: expected a string (an object's key)", "a key not a string");
	tap_is_str(describe("{\"a\":1,}"), "error at 7 line 1: expected a string (an object's key)", "a trailing comma in an object");
	tap_is_str(describe("{\"a\":1 \"b\":2}"), "error at 7 line 1: expected ',' or '}'", "no comma in an object");
	tap_is_str(describe("[\"abc"), "error at 5 line 1: a string not closed before the end of the file", "an unterminated string");
	tap_is_str(describe("[\"a\tb\"]"), "error at 3 line 1: a control character in a string (it must be escaped)", "a raw tab in a string");
	tap_is_str(describe("[\"a\\xb\"]"), "error at 4 line 1: an invalid escape in a string", "a bad escape");
	tap_is_str(describe("[\"\\u12G4\"]"), "error at 6 line 1: \\u needs four hexadecimal digits", "a bad \\u");
	tap_is_str(describe("[-]"), "error at 2 line 1: expected a digit", "a lone minus");
	tap_is_str(describe("[1.]"), "error at 3 line 1: expected a digit", "no digits after the point");
	tap_is_str(describe("[1e+]"), "error at 4 line 1: expected a digit", "no digits in the exponent");
	tap_is_str(describe("[01]"), "error at 2 line 1: expected ',' or ']'", "a leading zero");
	tap_is_str(describe("[tru]"), "error at 1 line 1: expected a value (true, false, null, a number, a string, an array or an object)",
			   "a misspelt literal");
	tap_is_str(describe("{}{}"), "error at 2 line 1: expected white space or a new line after a value", "values not apart");
	tap_is_str(describe("{\"a\":1}\nnot json\n"), "error at 8 line 2: expected a value (true, false, null, a number, a string, an array or an object)",
			   "NDJSON with a bad line");
	tap_is_str(describe("["), "error at 1 line 1: expected a value, not the end of the file", "the end inside an array");
	tap_is_str(describe("\xef\xbb\xbf[]"), "error at 0 line 1: expected a value (true, false, null, a number, a string, an array or an object)",
			   "a byte-order mark is not JSON");

	/* nesting: 256 levels are read, 257 refused (no stack exhaustion) */
	deep = malloc(2 * 300 + 1);
	for (i = 0; i < 256; i++)
		deep[i] = '[';
	for (i = 0; i < 256; i++)
		deep[256 + i] = ']';
	deep[512] = '\0';
	tap_ok(strncmp(describe(deep), "array: [1]", 10) == 0, "256 levels of nesting");
	for (i = 0; i < 257; i++)
		deep[i] = '[';
	for (i = 0; i < 257; i++)
		deep[257 + i] = ']';
	deep[514] = '\0';
	tap_is_str(describe(deep), "error at 256 line 1: more than 256 levels of nesting", "257 levels refused");
	free(deep);

	/* many records: every one found, the last on its line */
	{
		char	   *many = malloc(10000 * 8 + 1);
		size_t		at = 0;
		JsonRecords r;

		for (i = 0; i < 10000; i++)
			at += (size_t) sprintf(many + at, "{\"n\":%d}\n", i % 10);
		tap_ok(json_records(many, at, &r), "10000 NDJSON records read");
		tap_is_int((long long) r.nrecords, 10000, "10000 records found");
		tap_is_int(r.records[9999].line, 10000, "the last on line 10000");
		json_records_free(&r);
		free(many);
	}
	return tap_done();
}
