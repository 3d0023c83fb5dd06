/*
 * json_records.h: find the records of an export file (resettle import):
 * a JSON array of records, NDJSON (one value after another), a Spring page
 * ({"content": [...], ...}) or a single record.  The whole text is checked
 * as JSON (RFC 8259) first; the records are byte ranges of it, with the
 * line each begins on.  Pure C: no libpq, so unit-tested on its own.
 */
#ifndef RESETTLE_JSON_RECORDS_H
#define RESETTLE_JSON_RECORDS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct
{
	size_t		start;			/* byte offset of the record's first byte */
	size_t		len;			/* its length in bytes */
	long		line;			/* the line it begins on, from 1 */
} JsonRecord;

typedef enum
{
	JSON_SHAPE_EMPTY,			/* nothing but white space: no records */
	JSON_SHAPE_ARRAY,
	JSON_SHAPE_NDJSON,
	JSON_SHAPE_PAGE,			/* an object with a "content" array */
	JSON_SHAPE_SINGLE			/* one value, not an array or a page */
} JsonShape;

typedef struct
{
	JsonShape	shape;
	JsonRecord *records;		/* malloc'd; free with json_records_free() */
	size_t		nrecords;
	/* when malformed: where, and what is wrong there */
	size_t		error_offset;
	long		error_line;
	const char *error;
} JsonRecords;

/*
 * Check text (len bytes) and find its records.  Returns false when it is
 * not JSON (error, error_offset, error_line set; no records) or memory ran
 * out (error "out of memory").
 */
extern bool json_records(const char *text, size_t len, JsonRecords *out);
extern void json_records_free(JsonRecords *r);

#endif
