/*
 * server_text.c: text the server sends, made safe for a terminal.  Names,
 * notes, error messages and notices are anyone's data: a control character
 * in them could retitle the terminal, write its clipboard (OSC 52) or
 * erase lines.  Values are escaped by the printers; this file gives them
 * the client encoding's TextEncoding, and escapes the messages (errors and
 * notices) the client writes to stderr, keeping their line breaks.
 */
#include "resettle.h"

#include <string.h>

/* messages are UTF-8 until a connection says otherwise */
static TextEncoding message_encoding = {TEXT_UTF8, NULL, NULL, 0};

/* the TextEncoding of a libpq client encoding (-1: UTF-8, no connection) */
void
text_encoding_for(int encoding, TextEncoding *enc)
{
	const char *name = (encoding >= 0) ? pg_encoding_to_char(encoding) : "UTF8";

	enc->mblen = PQmblenBounded;
	enc->dsplen = (encoding >= 0) ? PQdsplen : NULL;
	enc->encoding = encoding;
	if (strcmp(name, "UTF8") == 0)
		enc->charset = TEXT_UTF8;
	else if (strcmp(name, "SQL_ASCII") == 0)
		enc->charset = TEXT_ASCII;
	else
		enc->charset = TEXT_OTHER;
}

void
set_message_encoding(int encoding)
{
	text_encoding_for(encoding, &message_encoding);
}

/* a message from the server or libpq, escaped but for newlines and tabs */
void
print_message(FILE *out, const char *s)
{
	text_write_escaped(out, &message_encoding, s, true);
}

/* libpq's notice processor: NOTICE, WARNING and the like, escaped */
void
notice_processor(void *arg, const char *message)
{
	(void) arg;
	print_message(stderr, message);
}
