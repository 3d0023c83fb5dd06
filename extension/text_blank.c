/*-------------------------------------------------------------------------
 *
 * text_blank.c
 *	  Whether a text is blank (see text_blank.h).
 *
 * extension/text_blank.c
 *
 *-------------------------------------------------------------------------
 */
#include <stdint.h>

#include "text_blank.h"

/* ASCII white space: tab, line feed, vertical tab, form feed, CR, space */
static bool
ascii_space(unsigned char c)
{
	return c == ' ' || (c >= 0x09 && c <= 0x0d);
}

/* The code points of the Unicode White_Space property beyond ASCII */
static bool
unicode_space(uint32_t cp)
{
	return cp == 0x85 || cp == 0xa0 || cp == 0x1680 ||
		(cp >= 0x2000 && cp <= 0x200a) ||
		cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f ||
		cp == 0x3000;
}

/*
 * Decode the UTF-8 character at s[0 .. len - 1]: its length in bytes, or 0
 * if it is not a well-formed one (overlong forms, surrogates and code
 * points above U+10FFFF included).
 */
static size_t
utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t		n;
	size_t		i;
	uint32_t	min;

	if (s[0] < 0x80)
	{
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0)
	{
		n = 2;
		*cp = s[0] & 0x1f;
		min = 0x80;
	}
	else if ((s[0] & 0xf0) == 0xe0)
	{
		n = 3;
		*cp = s[0] & 0x0f;
		min = 0x800;
	}
	else if ((s[0] & 0xf8) == 0xf0)
	{
		n = 4;
		*cp = s[0] & 0x07;
		min = 0x10000;
	}
	else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++)
	{
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	if (*cp < min || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return n;
}

bool
text_is_blank(const char *s, size_t len, bool utf8)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		i = 0;

	while (i < len)
	{
		uint32_t	cp;
		size_t		n;

		if (ascii_space(p[i]))
		{
			i++;
			continue;
		}
		if (!utf8 || p[i] < 0x80)
			return false;
		n = utf8_decode(p + i, len - i, &cp);
		if (n == 0 || !unicode_space(cp))
			return false;
		i += n;
	}
	return true;
}
