/*
 * Unit tests of the client's pure-C printer helpers (client/textfmt.c,
 * client/textfit.c): the escape notation for every control range, bidi
 * controls and invalid UTF-8, CSV quoting and formula neutralising, TSV and
 * JSON escaping, display widths, cutting with an ellipsis, wrapping at word
 * boundaries, and the choice of table columns.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "../../client/textfmt.c"
#include "../../client/textfit.c"

/* run one writer into a buffer */
static char outbuf[4096];

/* a stream into outbuf, for one writer; capture_end returns what it wrote */
static FILE *
capture_begin(void)
{
	memset(outbuf, 0, sizeof(outbuf));
	return fmemopen(outbuf, sizeof(outbuf), "w");
}

static const char *
capture_end(FILE *f)
{
	fclose(f);
	return outbuf;
}

static const char *
capture_csv(const char *s, bool isnull)
{
	FILE	   *f = capture_begin();

	csv_write_field(f, s, isnull, true);
	return capture_end(f);
}

/* csv as for a numeric column or --csv-raw: never neutralised */
static const char *
capture_csv_raw(const char *s)
{
	FILE	   *f = capture_begin();

	csv_write_field(f, s, false, false);
	return capture_end(f);
}

static const char *
capture_json(const char *s)
{
	FILE	   *f = capture_begin();

	json_write_string(f, s);
	return capture_end(f);
}

static const char *
capture_tsv(const char *s)
{
	FILE	   *f = capture_begin();

	tsv_write_field(f, s);
	return capture_end(f);
}

/* the UTF-8 bytes of cp, NUL-terminated, in buf; returns their number */
static int
utf8_put(char *buf, unsigned int cp)
{
	int			n;

	if (cp < 0x80)
	{
		buf[0] = (char) cp;
		n = 1;
	}
	else if (cp < 0x800)
	{
		buf[0] = (char) (0xc0 | (cp >> 6));
		buf[1] = (char) (0x80 | (cp & 0x3f));
		n = 2;
	}
	else if (cp < 0x10000)
	{
		buf[0] = (char) (0xe0 | (cp >> 12));
		buf[1] = (char) (0x80 | ((cp >> 6) & 0x3f));
		buf[2] = (char) (0x80 | (cp & 0x3f));
		n = 3;
	}
	else
	{
		buf[0] = (char) (0xf0 | (cp >> 18));
		buf[1] = (char) (0x80 | ((cp >> 12) & 0x3f));
		buf[2] = (char) (0x80 | ((cp >> 6) & 0x3f));
		buf[3] = (char) (0x80 | (cp & 0x3f));
		n = 4;
	}
	buf[n] = '\0';
	return n;
}

static const char *
capture_escaped(const TextEncoding *enc, const char *s, bool keep_newlines)
{
	FILE	   *f = capture_begin();

	text_write_escaped(f, enc, s, keep_newlines);
	return capture_end(f);
}

/* text_render into outbuf, with its width after a '#' */
static const char *
rendered(const TextEncoding *enc, const char *s, int max)
{
	int			w = -1;
	char	   *r = text_render(enc, s, max, &w);

	snprintf(outbuf, sizeof(outbuf), "%s#%d", r ? r : "(null)", w);
	free(r);
	return outbuf;
}

/* text_wrap's lines joined by '|', each with its width after a '#' */
static const char *
wrapped(const TextEncoding *enc, const char *s, int width)
{
	TextLine   *lines;
	int			n = text_wrap(enc, s, width, &lines);
	int			i;
	size_t		len = 0;

	outbuf[0] = '\0';
	for (i = 0; i < n; i++)
		len += snprintf(outbuf + len, sizeof(outbuf) - len, "%s%.*s#%d", i > 0 ? "|" : "",
						lines[i].len, s + lines[i].start, lines[i].width);
	free(lines);
	return outbuf;
}

/* fit_columns of (natural, min, rank) triples: the widths, 0 hidden, and the count */
static const char *
fitted(int total, int n, const int *spec)
{
	FitColumn	cols[16];
	int			i,
				shown;
	size_t		len = 0;

	for (i = 0; i < n; i++)
	{
		cols[i].natural = spec[3 * i];
		cols[i].min = spec[3 * i + 1];
		cols[i].rank = spec[3 * i + 2];
		cols[i].wraps = false;
	}
	shown = fit_columns(cols, n, total);
	outbuf[0] = '\0';
	for (i = 0; i < n; i++)
		len += snprintf(outbuf + len, sizeof(outbuf) - len, "%d ", cols[i].width);
	snprintf(outbuf + len, sizeof(outbuf) - len, "(%d)", shown);
	return outbuf;
}

/* a single-byte encoding such as LATIN1, for TEXT_OTHER */
static int
fake_mblen(const char *s, int encoding)
{
	(void) s;
	(void) encoding;
	return 1;
}

/* a double-byte encoding: a byte above 0x7f starts a 2-byte, 2-column character */
static int
fake_dbcs_mblen(const char *s, int encoding)
{
	(void) encoding;
	return ((unsigned char) s[0] >= 0x80 && s[1] != '\0') ? 2 : 1;
}

static int
fake_dbcs_dsplen(const char *s, int encoding)
{
	(void) encoding;
	return ((unsigned char) s[0] >= 0x80) ? 2 : 1;
}

int
main(void)
{
	const TextEncoding *u = &text_utf8;
	const TextEncoding ascii = {TEXT_ASCII, NULL, NULL, 0};
	const TextEncoding latin1 = {TEXT_OTHER, fake_mblen, NULL, 8};
	const TextEncoding dbcs = {TEXT_OTHER, fake_dbcs_mblen, fake_dbcs_dsplen, 99};
	char		in[8],
				want[32],
				name[128];
	int			c;

	/* the escape notation: every C0 control, DEL, C1, bidi, invalid bytes */
	for (c = 0x01; c < 0x20; c++)
	{
		in[0] = (char) c;
		in[1] = '\0';
		if (c == '\t' || c == '\n' || c == '\r')
			snprintf(want, sizeof(want), "\\%c", c == '\t' ? 't' : c == '\n' ? 'n' : 'r');
		else
			snprintf(want, sizeof(want), "\\x%02x", c);
		snprintf(name, sizeof(name), "escape C0 0x%02x as %s", c, want);
		tap_is_str(capture_escaped(u, in, false), want, name);
	}
	tap_is_str(capture_escaped(u, "\x7f", false), "\\x7f", "escape DEL as \\x7f");
	for (c = 0x80; c <= 0x9f; c++)
	{
		in[0] = (char) 0xc2;
		in[1] = (char) c;
		in[2] = '\0';
		snprintf(want, sizeof(want), "\\xc2\\x%02x", c);
		snprintf(name, sizeof(name), "escape C1 U+%04X as its UTF-8 bytes %s", c, want);
		tap_is_str(capture_escaped(u, in, false), want, name);
	}
	tap_is_str(capture_escaped(u, "\xc2\xa0", false), "\xc2\xa0", "U+00A0 after C1 is not escaped");
	{
		/*
		 * the first and last of each range of invisible, separating and
		 * reordering characters, escaped; their neighbours are not
		 */
		static const unsigned int hostile[] = {
			0x00AD, 0x034F, 0x0600, 0x0605, 0x061C, 0x06DD, 0x070F, 0x0890, 0x0891,
			0x08E2, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180F, 0x200B, 0x200F,
			0x2028, 0x202E, 0x2060, 0x2066, 0x2069, 0x206F, 0x2800, 0x3164, 0xFE00,
			0xFE0F, 0xFEFF, 0xFFA0, 0xFFF0, 0xFFF8, 0xFFF9, 0xFFFB, 0x110BD, 0x110CD,
			0x13430, 0x1343F, 0x1BCA0, 0x1BCA3, 0x1D173, 0x1D17A, 0xE0000, 0xE0001,
			0xE007F, 0xE0100, 0xE0FFF};
		static const unsigned int plain[] = {
			0x00AC, 0x00AE, 0x034E, 0x0350, 0x05FF, 0x0606, 0x061B, 0x061D, 0x06DC,
			0x06DE, 0x070E, 0x0710, 0x088F, 0x0892, 0x08E1, 0x08E3, 0x115E, 0x1161,
			0x17B3, 0x17B6, 0x180A, 0x1810, 0x200A, 0x2010, 0x2027, 0x202F, 0x205F,
			0x2070, 0x27FF, 0x2801, 0x3163, 0x3165, 0xFDFF, 0xFE10, 0xFEFE, 0xFF00,
			0xFF9F, 0xFFA1, 0xFFEF, 0xFFFC, 0x110BC, 0x110BE, 0x1342F, 0x13440,
			0x1BC9F, 0x1BCA4, 0x1D172, 0x1D17B, 0xDFFFF, 0xE1000};
		int			i;

		for (i = 0; i < (int) (sizeof(hostile) / sizeof(hostile[0])); i++)
		{
			int			n = utf8_put(in, hostile[i]);
			int			k;
			char	   *w = want;

			for (k = 0; k < n; k++)
				w += sprintf(w, "\\x%02x", (unsigned char) in[k]);
			snprintf(name, sizeof(name), "escape invisible or reordering U+%04X as %s", hostile[i], want);
			tap_is_str(capture_escaped(u, in, false), want, name);
		}
		for (i = 0; i < (int) (sizeof(plain) / sizeof(plain[0])); i++)
		{
			(void) utf8_put(in, plain[i]);
			snprintf(name, sizeof(name), "U+%04X (beside an escaped range) is not escaped", plain[i]);
			tap_is_str(capture_escaped(u, in, false), in, name);
		}
	}
	tap_is_str(capture_escaped(u, "\\", false), "\\\\", "a backslash is doubled");
	tap_is_str(capture_escaped(u, "\\x1b", false), "\\\\x1b", "a literal \\x1b is not an escape");
	tap_is_str(capture_escaped(u, "\xff", false), "\\xff", "invalid UTF-8: byte 0xff");
	tap_is_str(capture_escaped(u, "\x80" "a", false), "\\x80a", "invalid UTF-8: lone continuation byte");
	tap_is_str(capture_escaped(u, "\xe6\x97", false), "\\xe6\\x97", "invalid UTF-8: truncated sequence");
	tap_is_str(capture_escaped(u, "\xe6\x97" "a", false), "\\xe6\\x97a", "invalid UTF-8: sequence cut by ASCII");
	tap_is_str(capture_escaped(u, "\xc0\xaf", false), "\\xc0\\xaf", "invalid UTF-8: overlong /");
	tap_is_str(capture_escaped(u, "\xe0\x80\xaf", false), "\\xe0\\x80\\xaf", "invalid UTF-8: 3-byte overlong");
	tap_is_str(capture_escaped(u, "\xed\xa0\x80", false), "\\xed\\xa0\\x80", "invalid UTF-8: surrogate");
	tap_is_str(capture_escaped(u, "\xf4\x90\x80\x80", false), "\\xf4\\x90\\x80\\x80",
			   "invalid UTF-8: above U+10FFFF");
	tap_is_str(capture_escaped(u, "\xf0\x9f\x98\x80 Zo\xc3\xab \xe6\x97\xa5", false),
			   "\xf0\x9f\x98\x80 Zo\xc3\xab \xe6\x97\xa5", "valid UTF-8 is kept");
	tap_is_str(capture_escaped(u, "\x1b]52;c;ZXZpbA==\x07", false), "\\x1b]52;c;ZXZpbA==\\x07",
			   "OSC 52 clipboard write escaped");
	tap_is_str(capture_escaped(u, "\x1b]0;pwned\x1b\\\\x", false), "\\x1b]0;pwned\\x1b\\\\\\\\x",
			   "OSC title with ST escaped, backslashes doubled");
	tap_is_str(capture_escaped(u, "\x1b[2K\x1b[1A", false), "\\x1b[2K\\x1b[1A", "erase-line CSI escaped");
	tap_is_str(capture_escaped(u, "line\none\ttab\x1b", true), "line\none\ttab\\x1b",
			   "messages keep newline and tab, escape ESC");
	tap_is_str(capture_escaped(&ascii, "Zo\xc3\xab\x1b\\", false), "Zo\\xc3\\xab\\x1b\\\\",
			   "SQL_ASCII: every byte above 0x7f escaped");
	tap_is_str(capture_escaped(&latin1, "Zo\xeb\x9b\x85\x7f", false), "Zo\xeb\\x9b\\x85\\x7f",
			   "single-byte encoding: 0x80-0x9f (C1) and DEL escaped, 0xeb kept");
	tap_is_str(capture_escaped(&dbcs, "\x9b\x41\x1b", false), "\x9b\x41\\x1b",
			   "multibyte encoding: a 2-byte character kept whole, ESC escaped");

	/* TSV: the same notation */
	tap_is_str(capture_tsv("a\tb\nc\\d\re"), "a\\tb\\nc\\\\d\\re", "tsv escapes tab, newline, backslash, CR");
	tap_is_str(capture_tsv("\x1b]52;c;x\x07\xc2\x9b\xe2\x80\xae\xff"),
			   "\\x1b]52;c;x\\x07\\xc2\\x9b\\xe2\\x80\\xae\\xff", "tsv escapes C0, C1, bidi, invalid bytes");
	tap_is_str(capture_tsv("Zo\xc3\xab \xe6\x97\xa5"), "Zo\xc3\xab \xe6\x97\xa5", "tsv keeps UTF-8");

	/* CSV formulas: a leading apostrophe unless numeric or raw */
	tap_is_str(capture_csv("=HYPERLINK(\"http://x\")", false), "\"'=HYPERLINK(\"\"http://x\"\")\"",
			   "csv formula = neutralised and quoted");
	tap_is_str(capture_csv("=1+1", false), "'=1+1", "csv formula = neutralised");
	tap_is_str(capture_csv("\xEF\xBC\x9D" "1+1", false), "'\xEF\xBC\x9D" "1+1",
			   "csv formula fullwidth = (U+FF1D) neutralised");
	tap_is_str(capture_csv("\xEF\xBC\x8B" "44", false), "'\xEF\xBC\x8B" "44",
			   "csv formula fullwidth + (U+FF0B) neutralised");
	tap_is_str(capture_csv("\xEF\xBC\x8D" "1", false), "'\xEF\xBC\x8D" "1",
			   "csv formula fullwidth - (U+FF0D) neutralised");
	tap_is_str(capture_csv("\xEF\xBC\xA0" "SUM(A1)", false), "'\xEF\xBC\xA0" "SUM(A1)",
			   "csv formula fullwidth @ (U+FF20) neutralised");
	tap_is_str(capture_csv("\xEF\xBC\xA1" "BC", false), "\xEF\xBC\xA1" "BC",
			   "csv fullwidth A (U+FF21) left alone");
	tap_is_str(capture_csv("+44 20", false), "'+44 20", "csv formula + neutralised");
	tap_is_str(capture_csv("-2+3", false), "'-2+3", "csv formula - neutralised");
	tap_is_str(capture_csv("@SUM(A1)", false), "'@SUM(A1)", "csv formula @ neutralised");
	tap_is_str(capture_csv("\t=1", false), "'\t=1", "csv leading tab neutralised");
	tap_is_str(capture_csv("\r=1", false), "\"'\r=1\"", "csv leading CR neutralised and quoted");
	tap_is_str(capture_csv("-3", false), "-3", "csv plain negative number kept in a text column");
	tap_is_str(capture_csv("-0.5", false), "-0.5", "csv plain negative decimal kept");
	tap_is_str(capture_csv("-1e5", false), "-1e5", "csv plain number with exponent kept");
	tap_is_str(capture_csv("-infinity", false), "'-infinity", "csv -infinity neutralised");
	tap_is_str(capture_csv("a=b", false), "a=b", "csv = inside a value kept");
	tap_is_str(capture_csv("'=x", false), "'=x", "csv value already starting with ' kept");
	tap_is_str(capture_csv_raw("=1+1"), "=1+1", "csv numeric column or --csv-raw: formula kept");
	tap_is_str(capture_csv_raw("-234"), "-234", "csv numeric column: negative number kept");
	tap_is_str(capture_csv_raw("@x,y"), "\"@x,y\"", "csv --csv-raw still quotes");
	tap_ok(csv_is_formula("=") && csv_is_formula("+") && csv_is_formula("-") &&
		   csv_is_formula("@") && csv_is_formula("\t") && csv_is_formula("\r"),
		   "csv_is_formula: each of = + - @ tab CR alone");
	tap_ok(!csv_is_formula("") && !csv_is_formula(" =1") && !csv_is_formula("\n=1"),
		   "csv_is_formula: empty, leading space or newline are not");

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

	/* JSON */
	tap_is_str(capture_json("x\\y"), "\"x\\\\y\"", "json backslash");
	tap_is_str(capture_json("say \"hi\""), "\"say \\\"hi\\\"\"", "json quotes");
	tap_is_str(capture_json("a\nb\tc\rd"), "\"a\\nb\\tc\\rd\"", "json newline tab CR");
	tap_is_str(capture_json("\001\037\177"), "\"\\u0001\\u001f\\u007f\"", "json control characters");
	tap_is_str(capture_json("Ünïcødé ✓"), "\"Ünïcødé ✓\"", "json non-ASCII verbatim");
	tap_is_str(capture_json("\x1b]52;c;x\x07"), "\"\\u001b]52;c;x\\u0007\"", "json ESC and BEL as \\u");
	tap_is_str(capture_json("\xc2\x80\xc2\x9b\xc2\x9f"), "\"\\u0080\\u009b\\u009f\"", "json C1 as \\u");
	tap_is_str(capture_json("\xe2\x80\xaa\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9"),
			   "\"\\u202a\\u202e\\u2066\\u2069\"", "json bidi controls as \\u");
	tap_is_str(capture_json("\xc2\xad\xef\xbb\xbf\xf3\xa0\x80\x81"), "\"\\u00ad\\ufeff\\udb40\\udc01\"",
			   "json invisible characters as \\u, above U+FFFF as a surrogate pair");
	tap_is_str(capture_json("a\xff" "b\xe6\x97"), "\"a\\ufffdb\\ufffd\\ufffd\"",
			   "json bytes that are not UTF-8 as \\ufffd");
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
	tap_is_int(text_width("\xc0\xaf"), 2, "overlong sequence counts per byte");

	/* rendering: escaped, cut with an ellipsis, never inside an escape */
	tap_is_str(rendered(u, "Ann O'Brien", TEXT_UNLIMITED), "Ann O'Brien#11", "render: plain text");
	tap_is_str(rendered(u, "Ann O'Brien", 11), "Ann O'Brien#11", "render: exactly the width kept");
	tap_is_str(rendered(u, "Ann O'Brien", 10), "Ann O'Bri\xe2\x80\xa6#10", "render: cut with an ellipsis");
	tap_is_str(rendered(u, "\x1b[2Kx", TEXT_UNLIMITED), "\\x1b[2Kx#8", "render: ESC as \\x1b, width 4");
	tap_is_str(rendered(u, "ab\x1b[2K", 5), "ab\xe2\x80\xa6#3", "render: an escape is never split");
	tap_is_str(rendered(u, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 6), "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e#6",
			   "render: double-width exactly fits");
	tap_is_str(rendered(u, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 5), "\xe6\x97\xa5\xe6\x9c\xac\xe2\x80\xa6#5",
			   "render: double-width cut before the character that does not fit");
	tap_is_str(rendered(u, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4), "\xe6\x97\xa5\xe2\x80\xa6#3",
			   "render: double-width, one column left unused");
	tap_is_str(rendered(&ascii, "abcdefgh", 6), "abc...#6", "render: ASCII ellipsis outside UTF-8");
	tap_is_str(rendered(u, "e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 3), "e\xcc\x81" "e\xcc\x81" "e\xcc\x81#3",
			   "render: combining marks take no width");
	{
		/* a 1 MB name: rendered to 500 columns, read no further */
		size_t		big = 1024 * 1024;
		char	   *name1mb = malloc(big + 1);
		int			w;
		char	   *r;

		memset(name1mb, 'x', big);
		name1mb[big] = '\0';
		r = text_render(u, name1mb, 500, &w);
		tap_is_int(w, 500, "render: a 1 MB value cut to 500 columns");
		tap_is_int((long long) strlen(r), 499 + 3, "render: 499 characters and an ellipsis");
		free(r);
		r = text_render(u, name1mb, TEXT_UNLIMITED, &w);
		tap_is_int(w, (long long) big, "render: unlimited keeps all of it");
		free(r);
		free(name1mb);
	}

	/* wrapping at word boundaries */
	tap_is_str(wrapped(u, "No bank account is held or opened", 12), "No bank#7|account is#10|held or#7|opened#6",
			   "wrap at spaces");
	tap_is_str(wrapped(u, "aaa bbb", 7), "aaa bbb#7", "wrap: fits on one line");
	tap_is_str(wrapped(u, "aaaaa bbb", 5), "aaaaa#5|bbb#3", "wrap: a word exactly the width");
	tap_is_str(wrapped(u, "a  b   c", 1), "a#1|b#1|c#1", "wrap: runs of spaces dropped at breaks");
	tap_is_str(wrapped(u, "abcdefghij", 4), "abcd#4|efgh#4|ij#2", "wrap: a word too long is broken");
	tap_is_str(wrapped(u, "ab \\x1b\\x07", 6), "ab#2|\\x1b#4|\\x07#4", "wrap: never inside an escape");
	tap_is_str(wrapped(u, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 3), "\xe6\x97\xa5#2|\xe6\x9c\xac#2|\xe8\xaa\x9e#2",
			   "wrap: double-width characters by width");
	tap_is_str(wrapped(u, "x \xe6\x97\xa5\xe6\x9c\xac", 4), "x#1|\xe6\x97\xa5\xe6\x9c\xac#4",
			   "wrap: double-width word moved whole");
	tap_is_str(wrapped(u, "", 5), "#0", "wrap: empty text is one empty line");
	tap_is_str(wrapped(u, "  lead", 10), "lead#4", "wrap: leading spaces dropped");
	tap_is_str(wrapped(u, "abc", 1), "a#1|b#1|c#1", "wrap: width 1");
	tap_is_str(wrapped(u, "release on 2026-04-20. (due 2026-01-26)", 30),
			   "release on 2026-04-20.#22|(due 2026-01-26)#16", "wrap: a short aside in brackets kept whole");
	tap_is_str(wrapped(u, "a (in 3 days) b", 8), "a (in 3#7|days) b#7",
			   "wrap: an aside wider than the line breaks as text");
	tap_is_str(wrapped(u, "x (a long aside that goes on and on)", 12),
			   "x (a long#9|aside that#10|goes on and#11|on)#3", "wrap: a long aside breaks as text");

	/* choosing columns: natural, min, rank */
	{
		static const int fits[] = {7, 7, 1, 11, 11, 2, 10, 10, 3};

		tap_is_str(fitted(80, 3, fits), "7 11 10 (3)", "fit: everything fits at natural width");
		tap_is_str(fitted(26, 3, fits), "7 11 0 (2)", "fit: the highest rank dropped");
	}
	{
		static const int cut[] = {9, 9, 1, 40, 20, 2, 10, 10, 3, 4, 4, 4};

		/* 9 + 20 + 10 + 4 + 3 * 4 - 1 = 54 at min widths */
		tap_is_str(fitted(54, 4, cut), "9 20 10 4 (4)", "fit: flexible column cut to its min");
		tap_is_str(fitted(60, 4, cut), "9 26 10 4 (4)", "fit: room left goes to the flexible column");
		tap_is_str(fitted(50, 4, cut), "9 23 10 0 (3)", "fit: a lower rank dropped, its room given back");
	}
	{
		static const int ranks[] = {10, 10, 3, 10, 10, 1, 30, 30, 2, 5, 5, 4};

		/* rank 1 (10) fits; rank 2 (30) does not (10 + 30 + 5 > 40): ranks 3 and 4 are not tried */
		tap_is_str(fitted(40, 4, ranks), "0 10 0 0 (1)", "fit: no column after the first that does not fit");
	}
	{
		/* as a gaps list: name (rank 2) and message (rank 3, wrapped) */
		FitColumn	gaps[3] = {{9, 9, 1, false, 0}, {30, 20, 2, false, 0}, {150, 22, 3, true, 0}};

		tap_is_int(fit_columns(gaps, 3, 70), 3, "fit: three columns");
		tap_is_int(gaps[1].width * 1000 + gaps[2].width, 20 * 1000 + 33,
				   "fit: the room left goes to the wrapped column first");
	}
	{
		static const int one[] = {100, 100, 1};

		tap_is_str(fitted(30, 1, one), "28 (1)", "fit: the first column always shown, cut");
	}

	return tap_done();
}
