/*-------------------------------------------------------------------------
 *
 * text_blank.h
 *	  Whether a text is blank: empty, or white space only.
 *
 * The one definition behind "a COM is recorded" (docs/rules.md): a COM
 * name or email that is blank is no name or email at all.  It is the
 * definition of Rails' String#blank?, which Manage POM Cases applies to the
 * COM's name (mpc_offender.rb#needs_a_com?): nothing but characters of the
 * Unicode White_Space property, U+0009-U+000D, U+0020, U+0085, U+00A0,
 * U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F and U+3000.
 * Zero-width characters (U+200B, U+FEFF) are not white space there, nor
 * here.
 *
 * Pure C (no postgres.h), so that it is unit-tested outside the server.
 *
 * extension/text_blank.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef RESETTLE_TEXT_BLANK_H
#define RESETTLE_TEXT_BLANK_H

#include <stdbool.h>
#include <stddef.h>

/*
 * True if the len bytes at s are empty or white space only.  With utf8,
 * the bytes are UTF-8 and every White_Space character counts; otherwise
 * (a server encoding other than UTF-8, whose code points are not
 * Unicode's) only the ASCII ones, U+0009-U+000D and U+0020.  A byte
 * sequence that is not valid UTF-8 is not white space.
 */
extern bool text_is_blank(const char *s, size_t len, bool utf8);

#endif							/* RESETTLE_TEXT_BLANK_H */
