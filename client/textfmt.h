/*
 * textfmt.h: pure-C text helpers of the client's printers (no libpq), so
 * they are unit-tested on their own (test/unit/test_client_print.c).
 */
#ifndef RESETTLE_TEXTFMT_H
#define RESETTLE_TEXTFMT_H

#include <stdbool.h>
#include <stdio.h>

/* RFC 4180 field: NULL as an unquoted empty field, "" for an empty string */
extern void csv_write_field(FILE *out, const char *s, bool isnull);

/* TSV field: backslash, tab, newline and CR escaped; NULL as empty */
extern void tsv_write_field(FILE *out, const char *s);

/* JSON string literal with quotes; control characters as \uXXXX */
extern void json_write_string(FILE *out, const char *s);

/* true if s is a valid JSON number (as PostgreSQL prints numerics) */
extern bool json_is_number(const char *s);

/*
 * display width in terminal columns of UTF-8 text (invalid bytes count 1);
 * print.c uses libpq's PQdsplen once a connection gives the encoding, this
 * when none is known
 */
extern int	text_width(const char *s);

/* width of the one UTF-8 character at s; *len gets its length in bytes */
extern int	char_width(const char *s, int *len);

#endif
