/*
 * textfit.c: fitting server text into terminal columns (textfit.h).  Pure
 * C99 with no libpq, so test/unit/test_client_print.c tests it directly.
 */
#include "textfit.h"

#include <stdlib.h>
#include <string.h>

const char *
text_ellipsis(const TextEncoding *enc, int *width)
{
	if (enc->charset == TEXT_UTF8)
	{
		*width = 1;
		return "\xe2\x80\xa6";
	}
	*width = 3;
	return "...";
}

/* a growing output buffer; fails only when out of memory */
typedef struct
{
	char	   *data;
	size_t		len;
	size_t		cap;
} Buf;

static bool
buf_add(Buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap)
	{
		size_t		cap = (b->cap == 0) ? 64 : b->cap;
		char	   *d;

		while (b->len + n + 1 > cap)
			cap *= 2;
		d = realloc(b->data, cap);
		if (d == NULL)
			return false;
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return true;
}

char *
text_render(const TextEncoding *enc, const char *s, int max_width, int *width)
{
	Buf			b = {NULL, 0, 0};
	int			ew;
	const char *ellipsis = text_ellipsis(enc, &ew);
	int			w = 0;
	size_t		cut_len = 0;	/* where an ellipsis would go */
	int			cut_w = 0;

	if (!buf_add(&b, "", 0))
		return NULL;
	while (*s != '\0')
	{
		char		esc[17];
		int			len;
		int			cw = text_char(enc, s, &len);
		const char *unit = s;
		int			ulen = len;

		if (cw < 0)
		{
			cw = ulen = text_escape_char(s, len, esc);
			unit = esc;
		}
		if (max_width >= 0 && w + cw > max_width)
		{
			/* too wide: back to the last place an ellipsis fits */
			b.len = cut_len;
			b.data[b.len] = '\0';
			w = cut_w;
			if (ew <= max_width)
			{
				if (!buf_add(&b, ellipsis, strlen(ellipsis)))
					break;
				w += ew;
			}
			*width = w;
			return b.data;
		}
		if (!buf_add(&b, unit, ulen))
			break;
		w += cw;
		if (max_width < 0 || w <= max_width - ew)
		{
			cut_len = b.len;
			cut_w = w;
		}
		s += len;
	}
	if (*s != '\0')
	{
		free(b.data);
		return NULL;
	}
	*width = w;
	return b.data;
}

/*
 * The unit at s of rendered text: an escape (a backslash starts one and
 * nothing else) or one character.  Returns its width; *len its bytes.
 */
static int
render_unit(const TextEncoding *enc, const char *s, int *len)
{
	int			w;

	if (s[0] == '\\')
	{
		*len = (s[1] == 'x' && s[2] != '\0' && s[3] != '\0') ? 4 :
			(s[1] != '\0' ? 2 : 1);
		return *len;
	}
	w = text_char(enc, s, len);
	return w < 0 ? 1 : w;
}

/*
 * A short aside in brackets, such as "(due 2026-01-07)" or "(in 3 days)",
 * is kept on one line: a space after an opening bracket is no break when
 * the bracket closes within TEXT_GROUP_MAX bytes of it and the aside fits
 * a line (a date split from its "due" reads as two facts).  A longer aside
 * breaks as text does.
 */
#define TEXT_GROUP_MAX 24

static bool
in_short_group(const char *text, int open, int pos, int width)
{
	int			i;

	if (open < 0)
		return false;
	for (i = pos; text[i] != '\0' && i - open < TEXT_GROUP_MAX; i++)
	{
		if (text[i] == ')')
			return i - open < width;
		if (text[i] == '(')
			return false;
	}
	return false;
}

int
text_wrap(const TextEncoding *enc, const char *text, int width, TextLine **lines)
{
	int			n = 0;
	int			cap = 4;
	TextLine   *out = malloc(cap * sizeof(TextLine));
	int			pos = 0;

	*lines = out;
	if (out == NULL)
		return 1;
	if (width < 1)
		width = 1;
	while (text[pos] == ' ')
		pos++;
	do
	{
		int			start = pos;
		int			w = 0;
		int			end = pos;	/* the line so far, without trailing spaces */
		int			end_w = 0;
		int			brk = start;	/* the end of its last whole word */
		int			brk_w = 0;
		int			open = -1;	/* the bracket of the aside we are in */

		while (text[pos] != '\0')
		{
			int			len;
			int			cw = render_unit(enc, text + pos, &len);

			if (text[pos] == '(')
				open = pos;
			else if (text[pos] == ')')
				open = -1;
			if (text[pos] == ' ')
			{
				if (!in_short_group(text, open, pos, width))
				{
					brk = end;
					brk_w = end_w;
				}
			}
			else if (w + cw > width && end > start)
			{
				if (brk > start)
				{
					/* at the last space; else a word too long is broken */
					end = brk;
					end_w = brk_w;
					pos = brk;
				}
				break;
			}
			w += cw;
			pos += len;
			if (text[pos - len] != ' ')
			{
				end = pos;
				end_w = w;
			}
		}
		if (n == cap)
		{
			TextLine   *grown = realloc(out, 2 * cap * sizeof(TextLine));

			if (grown == NULL)
				break;
			*lines = out = grown;
			cap *= 2;
		}
		out[n].start = start;
		out[n].len = end - start;
		out[n].width = end_w;
		n++;
		while (text[pos] == ' ')
			pos++;
	} while (text[pos] != '\0');
	return n;
}

int
fit_columns(FitColumn *cols, int n, int total)
{
	int			used = -1;		/* the line's width so far: 3 per column, less 1 */
	int			shown = 0;
	int			rank,
				pass,
				i;
	int			maxrank = 0;
	bool		full = false;

	for (i = 0; i < n; i++)
	{
		cols[i].width = 0;
		if (cols[i].min > cols[i].natural)
			cols[i].min = cols[i].natural;
		if (cols[i].rank > maxrank)
			maxrank = cols[i].rank;
	}
	/*
	 * Keep columns in rank order while they fit at their min widths; after
	 * the first that does not, none: the room is worth more to the columns
	 * kept (a wrapped message takes fewer lines) than to a minor one.
	 */
	for (rank = 0; rank <= maxrank && !full; rank++)
		for (i = 0; i < n && !full; i++)
		{
			if (cols[i].rank != rank)
				continue;
			if (shown == 0 && cols[i].min + 2 > total)
			{
				/* the first column is shown whatever the width */
				cols[i].width = (total - 2 > 1) ? total - 2 : 1;
				used += cols[i].width + 3;
				shown++;
			}
			else if (used + cols[i].min + 3 <= total)
			{
				cols[i].width = cols[i].min;
				used += cols[i].min + 3;
				shown++;
			}
			else
				full = true;
		}
	/* the room left, wrapped columns first, up to each one's natural width */
	for (pass = 0; pass < 2; pass++)
		for (rank = 0; rank <= maxrank && used < total; rank++)
			for (i = 0; i < n && used < total; i++)
			{
				int			more;

				if (cols[i].rank != rank || cols[i].width == 0 ||
					cols[i].wraps != (pass == 0))
					continue;
				more = cols[i].natural - cols[i].width;
				if (more > total - used)
					more = total - used;
				if (more > 0)
				{
					cols[i].width += more;
					used += more;
				}
			}
	return shown;
}
