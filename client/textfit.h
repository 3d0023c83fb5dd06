/*
 * textfit.h: fitting server text into terminal columns (pure C, no libpq;
 * unit-tested by test/unit/test_client_print.c): a value rendered escaped
 * and cut with an ellipsis, rendered text wrapped at word boundaries, and
 * the choice of a table's columns and their widths.  Widths are display
 * columns (textfmt.h's text_char), never bytes.
 */
#ifndef RESETTLE_TEXTFIT_H
#define RESETTLE_TEXTFIT_H

#include "textfmt.h"

/* no limit, for text_render's max_width */
#define TEXT_UNLIMITED (-1)

/*
 * s for a terminal: every character that needs it escaped (textfmt.h),
 * cut to at most max_width columns with an ellipsis (text_ellipsis) if it
 * is wider.  Returns a malloc'd string (NULL if out of memory) and its
 * width in *width.  Stops reading s once max_width is reached.
 */
extern char *text_render(const TextEncoding *enc, const char *s, int max_width,
						 int *width);

/* the ellipsis marking cut text: U+2026 in UTF-8, "..." otherwise */
extern const char *text_ellipsis(const TextEncoding *enc, int *width);

/* one line of wrapped text: bytes [start, start + len) of it */
typedef struct
{
	int			start;
	int			len;
	int			width;
} TextLine;

/*
 * Wrap rendered text (the output of text_render) into lines of at most
 * width columns, breaking at spaces; a word wider than a line is broken
 * where it must be, never inside an escape such as \x1b or inside a
 * character.  The spaces at a break are dropped.  Returns the number of
 * lines (at least 1) and a malloc'd array of them in *lines (NULL if out
 * of memory).
 */
extern int	text_wrap(const TextEncoding *enc, const char *text, int width,
					  TextLine **lines);

/* a table column, for fit_columns */
typedef struct
{
	int			natural;		/* its widest cell or header */
	int			min;			/* the width it may be cut to (<= natural) */
	int			rank;			/* 1 is kept first, the highest dropped first */
	bool		wraps;			/* wrapped text: gets the room left first */
	int			width;			/* out: its width, 0 if it is not shown */
} FitColumn;

/*
 * Choose the columns and widths of a table whose lines are at most total
 * columns wide, each line being " cell | cell | ... cell " (the width of
 * the cells plus 3 per column, less 1).  Columns are kept in rank order
 * while the kept ones fit at their min widths, up to the first that does
 * not; the room left is then given to the kept columns narrower than
 * their natural width, first to those that wrap (each column more saves
 * lines), then to the others, each in rank order.  The first column by
 * rank is always kept, cut to fit.  Returns the number of columns shown.
 */
extern int	fit_columns(FitColumn *cols, int n, int total);

#endif
