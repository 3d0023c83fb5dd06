/*
 * json_records.c: check an export file as JSON and find its records
 * (json_records.h).  A recursive-descent checker of RFC 8259, nesting
 * limited so that no input exhausts the stack; then, over the checked
 * text, the byte ranges of the records: the elements of a top-level
 * array, the values of an NDJSON file, the elements of a Spring page's
 * "content", or the one value.  The records' own content is the server's
 * to judge (resettle.import_prisoners()).
 */
#include "json_records.h"

#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 256

typedef struct
{
	const char *s;
	size_t		len;
	size_t		pos;
	const char *err;
} Scan;

static bool
fail(Scan *c, const char *what)
{
	if (c->err == NULL)
		c->err = what;
	return false;
}

static void
skip_ws(Scan *c)
{
	while (c->pos < c->len &&
		   (c->s[c->pos] == ' ' || c->s[c->pos] == '\t' ||
			c->s[c->pos] == '\n' || c->s[c->pos] == '\r'))
		c->pos++;
}

static bool
is_hex(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

static bool
is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* a string, at its opening quote */
static bool
scan_string(Scan *c)
{
	c->pos++;
	while (c->pos < c->len)
	{
		unsigned char ch = (unsigned char) c->s[c->pos];

		if (ch == '"')
		{
			c->pos++;
			return true;
		}
		if (ch < 0x20)
			return fail(c, "a control character in a string (it must be escaped)");
		if (ch == '\\')
		{
			c->pos++;
			if (c->pos >= c->len)
				break;
			ch = (unsigned char) c->s[c->pos];
			if (ch == 'u')
			{
				int			i;

				for (i = 1; i <= 4; i++)
					if (c->pos + i >= c->len || !is_hex(c->s[c->pos + i]))
					{
						c->pos += i;
						return fail(c, "\\u needs four hexadecimal digits");
					}
				c->pos += 5;
				continue;
			}
			if (ch != '"' && ch != '\\' && ch != '/' && ch != 'b' && ch != 'f' &&
				ch != 'n' && ch != 'r' && ch != 't')
				return fail(c, "an invalid escape in a string");
		}
		c->pos++;
	}
	return fail(c, "a string not closed before the end of the file");
}

static bool
scan_digits(Scan *c)
{
	if (c->pos >= c->len || !is_digit(c->s[c->pos]))
		return fail(c, "expected a digit");
	while (c->pos < c->len && is_digit(c->s[c->pos]))
		c->pos++;
	return true;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool
scan_number(Scan *c)
{
	if (c->s[c->pos] == '-')
		c->pos++;
	if (c->pos < c->len && c->s[c->pos] == '0')
		c->pos++;
	else if (!scan_digits(c))
		return false;
	if (c->pos < c->len && c->s[c->pos] == '.')
	{
		c->pos++;
		if (!scan_digits(c))
			return false;
	}
	if (c->pos < c->len && (c->s[c->pos] == 'e' || c->s[c->pos] == 'E'))
	{
		c->pos++;
		if (c->pos < c->len && (c->s[c->pos] == '+' || c->s[c->pos] == '-'))
			c->pos++;
		if (!scan_digits(c))
			return false;
	}
	return true;
}

static bool
scan_literal(Scan *c, const char *word)
{
	size_t		n = strlen(word);

	if (c->len - c->pos < n || memcmp(c->s + c->pos, word, n) != 0)
		return fail(c, "expected a value (true, false, null, a number, a string, an array or an object)");
	c->pos += n;
	return true;
}

static bool scan_value(Scan *c, int depth);

/* an array or object, at its opening bracket */
static bool
scan_container(Scan *c, int depth)
{
	char		close = c->s[c->pos] == '{' ? '}' : ']';
	bool		object = close == '}';

	if (depth >= MAX_DEPTH)
		return fail(c, "more than 256 levels of nesting");
	c->pos++;
	skip_ws(c);
	if (c->pos < c->len && c->s[c->pos] == close)
	{
		c->pos++;
		return true;
	}
	for (;;)
	{
		skip_ws(c);
		if (object)
		{
			if (c->pos >= c->len || c->s[c->pos] != '"')
				return fail(c, "expected a string (an object's key)");
			if (!scan_string(c))
				return false;
			skip_ws(c);
			if (c->pos >= c->len || c->s[c->pos] != ':')
				return fail(c, "expected ':' after an object's key");
			c->pos++;
		}
		if (!scan_value(c, depth + 1))
			return false;
		skip_ws(c);
		if (c->pos < c->len && c->s[c->pos] == ',')
		{
			c->pos++;
			continue;
		}
		if (c->pos < c->len && c->s[c->pos] == close)
		{
			c->pos++;
			return true;
		}
		return fail(c, object ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static bool
scan_value(Scan *c, int depth)
{
	skip_ws(c);
	if (c->pos >= c->len)
		return fail(c, "expected a value, not the end of the file");
	switch (c->s[c->pos])
	{
		case '{':
		case '[':
			return scan_container(c, depth);
		case '"':
			return scan_string(c);
		case 't':
			return scan_literal(c, "true");
		case 'f':
			return scan_literal(c, "false");
		case 'n':
			return scan_literal(c, "null");
		default:
			if (c->s[c->pos] == '-' || is_digit(c->s[c->pos]))
				return scan_number(c);
			return fail(c, "expected a value (true, false, null, a number, a string, an array or an object)");
	}
}

/* append a record; false when out of memory */
static bool
add_record(JsonRecords *out, size_t *cap, size_t start, size_t end)
{
	if (out->nrecords == *cap)
	{
		size_t		newcap = *cap ? *cap * 2 : 64;
		JsonRecord *r = realloc(out->records, newcap * sizeof(JsonRecord));

		if (r == NULL)
			return false;
		out->records = r;
		*cap = newcap;
	}
	out->records[out->nrecords].start = start;
	out->records[out->nrecords].len = end - start;
	out->records[out->nrecords].line = 0;
	out->nrecords++;
	return true;
}

/* the elements of the (checked) array at c->pos, as records */
static bool
array_elements(Scan *c, JsonRecords *out, size_t *cap)
{
	c->pos++;
	skip_ws(c);
	if (c->s[c->pos] == ']')
		return true;
	for (;;)
	{
		size_t		start;

		skip_ws(c);
		start = c->pos;
		scan_value(c, 1);
		if (!add_record(out, cap, start, c->pos))
			return false;
		skip_ws(c);
		if (c->s[c->pos++] == ']')
			return true;
	}
}

/* the offset of the value of key "content" of the (checked) object at c->pos, if an array */
static bool
page_content(Scan *c, size_t *content)
{
	c->pos++;
	skip_ws(c);
	if (c->s[c->pos] == '}')
		return false;
	for (;;)
	{
		size_t		key;
		size_t		key_end;
		size_t		value;

		skip_ws(c);
		key = c->pos;
		scan_string(c);
		key_end = c->pos;
		skip_ws(c);
		c->pos++;				/* ':' */
		skip_ws(c);
		value = c->pos;
		scan_value(c, 1);
		if (c->s[value] == '[' &&
			key_end - key == 9 && memcmp(c->s + key, "\"content\"", 9) == 0)
		{
			*content = value;
			return true;
		}
		skip_ws(c);
		if (c->s[c->pos++] == '}')
			return false;
	}
}

static long
line_at(const char *s, size_t from, long line, size_t to)
{
	const char *p = s + from;
	const char *end = s + to;

	while (p < end && (p = memchr(p, '\n', end - p)) != NULL)
	{
		line++;
		p++;
	}
	return line;
}

bool
json_records(const char *text, size_t len, JsonRecords *out)
{
	Scan		c = {text, len, 0, NULL};
	size_t		cap = 0;
	size_t		first = 0;
	size_t		nvalues = 0;
	size_t		i;
	size_t		at;
	long		line;

	memset(out, 0, sizeof(*out));
	/* check the whole text: the top-level values, one after another */
	skip_ws(&c);
	while (c.pos < c.len)
	{
		size_t		start = c.pos;

		if (!scan_value(&c, 0))
		{
			out->error = c.err;
			out->error_offset = c.pos;
			out->error_line = line_at(text, 0, 1, c.pos < len ? c.pos : len);
			json_records_free(out);
			out->error = c.err;
			return false;
		}
		if (nvalues++ == 0)
			first = start;
		if (!add_record(out, &cap, start, c.pos))
			goto oom;
		start = c.pos;
		skip_ws(&c);
		if (c.pos < c.len && c.pos == start)
		{
			/* NDJSON: values apart, one a line ("01" is not 0 then 1) */
			fail(&c, "expected white space or a new line after a value");
			out->error_offset = c.pos;
			out->error_line = line_at(text, 0, 1, c.pos);
			json_records_free(out);
			out->error = c.err;
			return false;
		}
	}

	if (nvalues == 0)
		out->shape = JSON_SHAPE_EMPTY;
	else if (nvalues > 1)
		out->shape = JSON_SHAPE_NDJSON;
	else
	{
		size_t		content;

		out->nrecords = 0;
		c.pos = first;
		if (text[first] == '[')
		{
			out->shape = JSON_SHAPE_ARRAY;
			if (!array_elements(&c, out, &cap))
				goto oom;
		}
		else if (text[first] == '{' && page_content(&c, &content))
		{
			out->shape = JSON_SHAPE_PAGE;
			c.pos = content;
			if (!array_elements(&c, out, &cap))
				goto oom;
		}
		else
		{
			out->shape = JSON_SHAPE_SINGLE;
			c.pos = first;
			scan_value(&c, 0);
			if (!add_record(out, &cap, first, c.pos))
				goto oom;
		}
	}

	/* each record's line, counting forward */
	at = 0;
	line = 1;
	for (i = 0; i < out->nrecords; i++)
	{
		line = line_at(text, at, line, out->records[i].start);
		at = out->records[i].start;
		out->records[i].line = line;
	}
	return true;

oom:
	json_records_free(out);
	out->error = "out of memory";
	return false;
}

void
json_records_free(JsonRecords *r)
{
	free(r->records);
	r->records = NULL;
	r->nrecords = 0;
}
