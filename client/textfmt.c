/*
 * textfmt.c: stepping through text in the client encoding, the escape
 * notation (textfmt.h), quoting, and display width for the client's
 * printers.  Pure C99 with no libpq, so test/unit/test_client_print.c
 * tests it directly.
 */
#include "textfmt.h"

#include <string.h>

const TextEncoding text_utf8 = {TEXT_UTF8, NULL, NULL, 0};

int
utf8_decode(const char *s, unsigned int *cp)
{
	const unsigned char *p = (const unsigned char *) s;
	unsigned int c;
	int			n,
				i;

	if (p[0] < 0x80)
	{
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
	{
		n = 2;
		c = p[0] & 0x1F;
	}
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
	{
		n = 3;
		c = p[0] & 0x0F;
	}
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
	{
		n = 4;
		c = p[0] & 0x07;
	}
	else
		return 0;				/* continuation byte, C0, C1, F5-FF */
	for (i = 1; i < n; i++)
	{
		if ((p[i] & 0xC0) != 0x80)
			return 0;			/* also stops at the terminating NUL */
		c = (c << 6) | (p[i] & 0x3F);
	}
	/* overlong forms, surrogates and beyond U+10FFFF are not UTF-8 */
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
		(c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

/*
 * The characters a reader must see as escapes: controls, and every
 * character that reorders text, breaks a line or may show nothing, so that
 * two different texts could look the same (a name with a zero-width space,
 * a note with a right-to-left mark, "done" with a variation selector).
 * That is Unicode's Default_Ignorable_Code_Point, the format characters
 * (Cf), the line and paragraph separators, and the blanks that are not
 * spaces.
 */
static const struct
{
	unsigned int first;
	unsigned int last;
}			hostile_ranges[] =
{
	{0x0000, 0x001F},			/* C0 controls */
	{0x007F, 0x009F},			/* DEL, C1 controls */
	{0x00AD, 0x00AD},			/* soft hyphen */
	{0x034F, 0x034F},			/* combining grapheme joiner */
	{0x0600, 0x0605},			/* Arabic number signs (prepended) */
	{0x061C, 0x061C},			/* Arabic letter mark */
	{0x06DD, 0x06DD},			/* Arabic end of ayah */
	{0x070F, 0x070F},			/* Syriac abbreviation mark */
	{0x0890, 0x0891},			/* Arabic pound and piastre marks above */
	{0x08E2, 0x08E2},			/* Arabic disputed end of ayah */
	{0x115F, 0x1160},			/* Hangul fillers */
	{0x17B4, 0x17B5},			/* Khmer inherent vowels */
	{0x180B, 0x180F},			/* Mongolian variation selectors, vowel separator */
	{0x200B, 0x200F},			/* zero-width space, joiners, LRM, RLM */
	{0x2028, 0x202E},			/* line and paragraph separators, bidi embeddings and overrides */
	{0x2060, 0x206F},			/* word joiner, invisible operators, bidi isolates, deprecated formats */
	{0x2800, 0x2800},			/* braille blank */
	{0x3164, 0x3164},			/* Hangul filler */
	{0xFE00, 0xFE0F},			/* variation selectors */
	{0xFEFF, 0xFEFF},			/* zero-width no-break space (BOM) */
	{0xFFA0, 0xFFA0},			/* halfwidth Hangul filler */
	{0xFFF0, 0xFFFB},			/* unassigned specials, interlinear annotation */
	{0x110BD, 0x110BD},			/* Kaithi number sign */
	{0x110CD, 0x110CD},			/* Kaithi number sign above */
	{0x13430, 0x1343F},			/* Egyptian hieroglyph format controls */
	{0x1BCA0, 0x1BCA3},			/* shorthand format controls */
	{0x1D173, 0x1D17A},			/* musical format controls */
	{0xE0000, 0xE0FFF},			/* tags, variation selectors supplement */
};

bool
unicode_is_hostile(unsigned int cp)
{
	int			i;

	/* most text is printable ASCII */
	if (cp >= 0x20 && cp < 0x7F)
		return false;
	for (i = 0; i < (int) (sizeof(hostile_ranges) / sizeof(hostile_ranges[0])); i++)
		if (cp >= hostile_ranges[i].first && cp <= hostile_ranges[i].last)
			return true;
	return false;
}

int
text_char(const TextEncoding *enc, const char *s, int *len)
{
	unsigned char b = (unsigned char) s[0];
	unsigned int cp;
	int			w;

	switch (enc->charset)
	{
		case TEXT_UTF8:
			*len = utf8_decode(s, &cp);
			if (*len == 0)
			{
				*len = 1;
				return -1;
			}
			if (cp == '\\' || unicode_is_hostile(cp))
				return -1;
			if (enc->dsplen == NULL)
				return char_width(s, len);
			break;
		case TEXT_ASCII:
			*len = 1;
			return (b == '\\' || b < 0x20 || b >= 0x7F) ? -1 : 1;
		case TEXT_OTHER:
			*len = enc->mblen(s, enc->encoding);
			if (*len < 1)
				*len = 1;
			/* a single byte 0x80-0x9F is a C1 control in ISO 8859 */
			if (*len == 1 && (b == '\\' || b < 0x20 || (b >= 0x7F && b <= 0x9F)))
				return -1;
			if (enc->dsplen == NULL)
				return 1;
			break;
	}
	w = enc->dsplen(s, enc->encoding);
	return w < 0 ? -1 : w;
}

int
text_escape_char(const char *s, int len, char *buf)
{
	static const char hex[] = "0123456789abcdef";
	int			n = 0;
	int			i;

	if (len == 1 && strchr("\\\t\n\r", s[0]) != NULL && s[0] != '\0')
	{
		buf[0] = '\\';
		buf[1] = s[0] == '\t' ? 't' : s[0] == '\n' ? 'n' : s[0] == '\r' ? 'r' : '\\';
		buf[2] = '\0';
		return 2;
	}
	for (i = 0; i < len; i++)
	{
		unsigned char b = (unsigned char) s[i];

		buf[n++] = '\\';
		buf[n++] = 'x';
		buf[n++] = hex[b >> 4];
		buf[n++] = hex[b & 0xF];
	}
	buf[n] = '\0';
	return n;
}

void
text_write_escaped(FILE *out, const TextEncoding *enc, const char *s,
				   bool keep_newlines)
{
	char		esc[17];
	int			len;
	/* in UTF-8 and ASCII a byte below 0x80 is always a whole character */
	bool		ascii_runs = enc->charset != TEXT_OTHER;

	while (*s != '\0')
	{
		/* a run of printable ASCII but the backslash is written as it is */
		if (ascii_runs)
		{
			const char *run = s;

			while ((unsigned char) *s >= 0x20 && (unsigned char) *s < 0x7F && *s != '\\')
				s++;
			if (s > run)
				fwrite(run, 1, s - run, out);
			if (*s == '\0')
				break;
		}
		if (text_char(enc, s, &len) >= 0 ||
			(keep_newlines && (*s == '\n' || *s == '\t')))
			fwrite(s, 1, len, out);
		else
		{
			text_escape_char(s, len, esc);
			fputs(esc, out);
		}
		s += len;
	}
}

/*
 * A cell a spreadsheet may take for a formula: one that begins with = + -
 * @, tab or CR, or with the fullwidth forms of = + - @ (U+FF1D, U+FF0B,
 * U+FF0D, U+FF20), which input methods and width-folding imports turn into
 * the ASCII ones.  A number is data, whatever its sign.
 */
bool
csv_is_formula(const char *s)
{
	static const char *const fullwidth[] = {"\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0"};
	int			i;

	if (s[0] == '\0')
		return false;
	for (i = 0; i < (int) (sizeof(fullwidth) / sizeof(fullwidth[0])); i++)
		if (strncmp(s, fullwidth[i], 3) == 0)
			return true;
	return strchr("=+-@\t\r", s[0]) != NULL && !json_is_number(s);
}

void
csv_write_field(FILE *out, const char *s, bool isnull, bool neutralise)
{
	const char *p;
	bool		formula = neutralise && csv_is_formula(s);

	if (isnull)
		return;
	/* quote empty strings (to tell them from NULL) and any special char */
	if (s[0] != '\0' && strpbrk(s, ",\"\r\n") == NULL &&
		s[0] != ' ' && s[strlen(s) - 1] != ' ')
	{
		if (formula)
			fputc('\'', out);
		fputs(s, out);
		return;
	}
	fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (p = s; *p; p++)
	{
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	fputc('"', out);
}

void
tsv_write_field(FILE *out, const char *s)
{
	text_write_escaped(out, &text_utf8, s, false);
}

void
json_write_string(FILE *out, const char *s)
{
	const char *p = s;

	fputc('"', out);
	while (*p != '\0')
	{
		unsigned int cp;
		int			len = utf8_decode(p, &cp);

		if (len == 0)
		{
			fputs("\\ufffd", out);
			p++;
			continue;
		}
		switch (cp)
		{
			case '"':
				fputs("\\\"", out);
				break;
			case '\\':
				fputs("\\\\", out);
				break;
			case '\n':
				fputs("\\n", out);
				break;
			case '\r':
				fputs("\\r", out);
				break;
			case '\t':
				fputs("\\t", out);
				break;
			default:
				if (unicode_is_hostile(cp) && cp > 0xFFFF)	/* a surrogate pair */
					fprintf(out, "\\u%04x\\u%04x", 0xD800 + ((cp - 0x10000) >> 10),
							0xDC00 + ((cp - 0x10000) & 0x3FF));
				else if (unicode_is_hostile(cp))
					fprintf(out, "\\u%04x", cp);
				else
					fwrite(p, 1, len, out);
		}
		p += len;
	}
	fputc('"', out);
}

bool
json_is_number(const char *s)
{
	const char *p = s;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	if (*p == '0' && p[1] >= '0' && p[1] <= '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.')
	{
		p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E')
	{
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

/* Ranges of code points with a display width of 0 or 2 (abridged). */
typedef struct
{
	unsigned int first;
	unsigned int last;
} CodeRange;

static const CodeRange zero_width[] = {
	{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
	{0x064B, 0x065F}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x1AB0, 0x1AFF},
	{0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F},
	{0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}
};

static const CodeRange double_width[] = {
	{0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF},
	{0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
	{0xFE30, 0xFE4F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
	{0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD}
};

static bool
in_ranges(unsigned int c, const CodeRange *r, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (c >= r[i].first && c <= r[i].last)
			return true;
	return false;
}

int
char_width(const char *s, int *len)
{
	unsigned int c;

	*len = utf8_decode(s, &c);
	if (*len == 0)
	{
		*len = 1;
		return 1;
	}
	if (c < 0x20 || c == 0x7f)
		return 0;
	if (in_ranges(c, zero_width, sizeof(zero_width) / sizeof(zero_width[0])))
		return 0;
	if (in_ranges(c, double_width, sizeof(double_width) / sizeof(double_width[0])))
		return 2;
	return 1;
}

int
text_width(const char *s)
{
	int			w = 0;
	int			len;

	while (*s)
	{
		w += char_width(s, &len);
		s += len;
	}
	return w;
}
