/*
 * test_text_blank.c
 *		Unit tests (TAP) for text_blank.c: what counts as a blank text (a
 *		COM name or email that is no name or email at all).
 */
#include <stdio.h>
#include <string.h>

#include "text_blank.h"
#include "tap.h"

static void
blank(const char *s, bool utf8, bool want, const char *name)
{
	tap_is_int(text_is_blank(s, strlen(s), utf8), want, name);
}

int
main(void)
{
	(void) tap_is_str;			/* tap.h's, unused here */

	/* ASCII, in every encoding */
	blank("", true, true, "the empty text is blank");
	blank("", false, true, "the empty text is blank outside UTF-8");
	blank(" ", true, true, "a space is blank");
	blank("   ", false, true, "spaces are blank outside UTF-8");
	blank("\t\n\v\f\r ", true, true, "tab, line feed, vertical tab, form feed, CR are white space");
	blank(" a ", true, false, "a letter among spaces is not blank");
	blank("Pat Jones", true, false, "a name is not blank");
	blank(".", true, false, "a full stop is not blank");
	blank("\x1f", true, false, "U+001F (unit separator) is not white space");

	/* every White_Space code point beyond ASCII, in UTF-8 */
	blank("\xc2\x85", true, true, "U+0085 next line is white space");
	blank("\xc2\xa0", true, true, "U+00A0 no-break space is white space");
	blank("\xe1\x9a\x80", true, true, "U+1680 ogham space mark is white space");
	blank("\xe2\x80\x80\xe2\x80\x81\xe2\x80\x82\xe2\x80\x83\xe2\x80\x84\xe2\x80\x85"
		  "\xe2\x80\x86\xe2\x80\x87\xe2\x80\x88\xe2\x80\x89\xe2\x80\x8a",
		  true, true, "U+2000..U+200A are white space");
	blank("\xe2\x80\xa8\xe2\x80\xa9", true, true, "U+2028, U+2029 are white space");
	blank("\xe2\x80\xaf", true, true, "U+202F narrow no-break space is white space");
	blank("\xe2\x81\x9f", true, true, "U+205F medium mathematical space is white space");
	blank("\xe3\x80\x80", true, true, "U+3000 ideographic space is white space");
	blank(" \xc2\xa0\xe3\x80\x80 ", true, true, "a mix of white space is blank");

	/* the neighbours of those, and look-alikes that are not white space */
	blank("\xc2\x84", true, false, "U+0084 is not white space");
	blank("\xc2\xa1", true, false, "U+00A1 is not white space");
	blank("\xe2\x80\x8b", true, false, "U+200B zero width space is not white space");
	blank("\xe2\x81\xa0", true, false, "U+2060 word joiner is not white space");
	blank("\xef\xbb\xbf", true, false, "U+FEFF is not white space");
	blank("\xe2\x80\xae", true, false, "U+202E is not white space");
	blank("\xc2\xa0" "A", true, false, "a letter after a no-break space is not blank");

	/* outside UTF-8 only ASCII white space counts */
	blank("\xa0", false, false, "byte 0xA0 is not blank outside UTF-8");
	blank("\xc2\xa0", false, false, "the UTF-8 bytes of U+00A0 are not blank outside UTF-8");

	/* malformed UTF-8 is not white space */
	blank("\xc2", true, false, "a truncated sequence is not blank");
	blank("\xe3\x80", true, false, "a truncated 3-byte sequence is not blank");
	blank("\xc0\xa0", true, false, "an overlong space is not blank");
	blank("\xe0\x80\xa0", true, false, "an overlong 3-byte space is not blank");
	blank("\xed\xa0\x80", true, false, "a surrogate is not blank");
	blank("\xf4\x90\x80\x80", true, false, "a code point above U+10FFFF is not blank");
	blank("\x80", true, false, "a lone continuation byte is not blank");
	blank("\xff", true, false, "byte 0xFF is not blank");

	/* the length is honoured: bytes after len are not read */
	tap_ok(text_is_blank("  x", 2, true), "only len bytes are read");
	tap_ok(!text_is_blank("\xe3\x80\x80", 2, true), "a character cut by len is not blank");
	tap_ok(text_is_blank(NULL, 0, true), "no bytes at all are blank");

	return tap_done();
}
