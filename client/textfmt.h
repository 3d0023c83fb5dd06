/*
 * textfmt.h: pure-C text helpers of the client's printers (no libpq), so
 * they are unit-tested on their own (test/unit/test_client_print.c):
 * stepping through text in the client encoding, the escape notation that
 * makes server text safe to show, and the csv, tsv and json writers.
 *
 * The escape notation (resettle(1), "ESCAPES"): \\ is a backslash; \t, \n
 * and \r are tab, newline and carriage return; \xHH (two lower-case hex
 * digits) is one byte.  Every other character that must not reach a
 * terminal raw -- the C0 controls, DEL, the C1 controls U+0080-U+009F, the
 * bidirectional marks, embeddings, overrides and isolates, the line and
 * paragraph separators, the invisible format characters (zero-width
 * spaces and joiners, soft hyphen, BOM, tags: unicode_is_hostile()), and
 * each byte that is not valid UTF-8 -- is written as its bytes, each as
 * \xHH.  A backslash is always doubled, so the notation is unambiguous, and
 * it is the escape syntax of COPY's text format.
 */
#ifndef RESETTLE_TEXTFMT_H
#define RESETTLE_TEXTFMT_H

#include <stdbool.h>
#include <stdio.h>

/* the kind of client encoding text is in */
typedef enum
{
	TEXT_UTF8,					/* UTF-8: decoded and validated here */
	TEXT_ASCII,					/* SQL_ASCII: every byte above 0x7f is escaped */
	TEXT_OTHER					/* another encoding: mblen and dsplen say */
} TextCharset;

typedef struct
{
	TextCharset charset;
	/* TEXT_OTHER: length in bytes of the character at s (libpq's PQmblenBounded) */
	int			(*mblen) (const char *s, int encoding);
	/* display width of a printable character; NULL: char_width() (PQdsplen) */
	int			(*dsplen) (const char *s, int encoding);
	int			encoding;		/* passed to mblen and dsplen */
} TextEncoding;

/* UTF-8 with this file's widths: machine formats and the unit tests */
extern const TextEncoding text_utf8;

/*
 * The character at s (not at its end): its length in bytes in *len, and
 * its display width, or -1 if it must be shown escaped.
 */
extern int	text_char(const TextEncoding *enc, const char *s, int *len);

/*
 * The escape of the len bytes at s (a character text_char() found to need
 * one, or a backslash) into buf (at least 4 * len + 1 bytes); returns its
 * length, which is also its display width.
 */
extern int	text_escape_char(const char *s, int len, char *buf);

/* s written with every character that needs it escaped */
extern void text_write_escaped(FILE *out, const TextEncoding *enc, const char *s,
							   bool keep_newlines);

/*
 * CSV field (RFC 4180): NULL as an unquoted empty field, "" for an empty
 * string.  With neutralise, a value that a spreadsheet would read as a
 * formula (csv_is_formula) gets a leading apostrophe.
 */
extern void csv_write_field(FILE *out, const char *s, bool isnull, bool neutralise);

/*
 * true if a spreadsheet would take s for a formula: it begins with = + - @
 * tab or carriage return, and is not a plain number such as -12 or -0.5
 */
extern bool csv_is_formula(const char *s);

/* TSV field: escaped as text_write_escaped(); NULL as empty */
extern void tsv_write_field(FILE *out, const char *s);

/*
 * JSON string literal with quotes: what unicode_is_hostile() names as
 * \uXXXX (a surrogate pair above U+FFFF), bytes that are not UTF-8 as \ufffd
 */
extern void json_write_string(FILE *out, const char *s);

/* true if s is a valid JSON number (as PostgreSQL prints numerics) */
extern bool json_is_number(const char *s);

/*
 * The UTF-8 sequence at s: its length (1-4) with the code point in *cp, or
 * 0 if it is not valid UTF-8 (bad lead or continuation byte, truncated,
 * overlong, a surrogate, above U+10FFFF).
 */
extern int	utf8_decode(const char *s, unsigned int *cp);

/* true for the controls and invisible or reordering characters text_char escapes */
extern bool unicode_is_hostile(unsigned int cp);

/*
 * display width in terminal columns of UTF-8 text (invalid bytes count 1);
 * print.c uses libpq's PQdsplen once a connection gives the encoding, this
 * when none is known
 */
extern int	text_width(const char *s);

/* width of the one UTF-8 character at s; *len gets its length in bytes */
extern int	char_width(const char *s, int *len);

#endif
