/*
 * textfmt.c: quoting and display width for the client's printers.  Pure C99
 * with no libpq, so test/unit/test_client_print.c tests it directly.
 */
#include "textfmt.h"

#include <string.h>

void
csv_write_field(FILE *out, const char *s, bool isnull)
{
	const char *p;

	if (isnull)
		return;
	/* quote empty strings (to tell them from NULL) and any special char */
	if (s[0] != '\0' && strpbrk(s, ",\"\r\n") == NULL &&
		s[0] != ' ' && s[strlen(s) - 1] != ' ')
	{
		fputs(s, out);
		return;
	}
	fputc('"', out);
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
	const char *p;

	for (p = s; *p; p++)
	{
		switch (*p)
		{
			case '\\':
				fputs("\\\\", out);
				break;
			case '\t':
				fputs("\\t", out);
				break;
			case '\n':
				fputs("\\n", out);
				break;
			case '\r':
				fputs("\\r", out);
				break;
			default:
				fputc(*p, out);
		}
	}
}

void
json_write_string(FILE *out, const char *s)
{
	const unsigned char *p;

	fputc('"', out);
	for (p = (const unsigned char *) s; *p; p++)
	{
		switch (*p)
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
				if (*p < 0x20 || *p == 0x7f)
					fprintf(out, "\\u%04x", *p);
				else
					fputc(*p, out);
		}
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
	const unsigned char *p = (const unsigned char *) s;
	unsigned int c;
	int			n,
				i;

	if (p[0] < 0x80)
	{
		*len = 1;
		return (p[0] < 0x20 || p[0] == 0x7f) ? 0 : 1;
	}
	if ((p[0] & 0xE0) == 0xC0)
	{
		n = 2;
		c = p[0] & 0x1F;
	}
	else if ((p[0] & 0xF0) == 0xE0)
	{
		n = 3;
		c = p[0] & 0x0F;
	}
	else if ((p[0] & 0xF8) == 0xF0)
	{
		n = 4;
		c = p[0] & 0x07;
	}
	else
	{
		*len = 1;
		return 1;
	}
	for (i = 1; i < n; i++)
	{
		if ((p[i] & 0xC0) != 0x80)
		{
			*len = 1;
			return 1;
		}
		c = (c << 6) | (p[i] & 0x3F);
	}
	*len = n;
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
