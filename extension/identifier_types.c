/*-------------------------------------------------------------------------
 *
 * identifier_types.c
 *	  SQL interface of the six identifier types: text and binary I/O, the
 *	  non-throwing validity checks and the 2-digit-year PNC constructor.
 *
 * Parsing, check characters and the int8 encoding are in identifier.c,
 * which has no server dependencies; this file only moves values between
 * PostgreSQL and that code and turns its failures into proper errors.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "identifier.h"

/* Parse a C string or raise 22P02 with the parser's explanation. */
static int64
identifier_in_common(IdentKind kind, const char *str)
{
	int64_t		value;
	IdentError	err;

	if (!ident_parse(kind, str, strlen(str), &value, &err))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%s\"",
						ident_type_name(kind), str),
				 errdetail("%s", err.detail)));
	return (int64) value;
}

static char *
identifier_out_common(IdentKind kind, int64 value)
{
	char		buf[IDENT_TEXT_MAX];

	/* Stored values were validated on the way in; this cannot fail. */
	if (!ident_format(kind, (int64_t) value, buf))
		elog(ERROR, "invalid stored %s value " INT64_FORMAT,
			 ident_type_name(kind), value);
	return pstrdup(buf);
}

/* Binary input re-validates: a client can send any eight bytes. */
static int64
identifier_recv_common(IdentKind kind, StringInfo buf)
{
	int64		value = pq_getmsgint64(buf);

	if (!ident_is_valid_encoding(kind, (int64_t) value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external \"%s\" value", ident_type_name(kind))));
	return value;
}

static bytea *
identifier_send_common(int64 value)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, value);
	return pq_endtypsend(&buf);
}

static bool
identifier_is_valid_common(IdentKind kind, text *input)
{
	int64_t		value;
	IdentError	err;

	return ident_parse(kind, VARDATA_ANY(input), VARSIZE_ANY_EXHDR(input),
					   &value, &err);
}

/*
 * Define the SQL-callable functions of one identifier type.  The types
 * differ only in the parser they select, so one body serves all six.
 */
#define IDENTIFIER_TYPE_FUNCTIONS(name, kind) \
PG_FUNCTION_INFO_V1(name##_in); \
Datum \
name##_in(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_INT64(identifier_in_common(kind, PG_GETARG_CSTRING(0))); \
} \
PG_FUNCTION_INFO_V1(name##_out); \
Datum \
name##_out(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_CSTRING(identifier_out_common(kind, PG_GETARG_INT64(0))); \
} \
PG_FUNCTION_INFO_V1(name##_recv); \
Datum \
name##_recv(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_INT64(identifier_recv_common(kind, \
										   (StringInfo) PG_GETARG_POINTER(0))); \
} \
PG_FUNCTION_INFO_V1(name##_send); \
Datum \
name##_send(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BYTEA_P(identifier_send_common(PG_GETARG_INT64(0))); \
} \
PG_FUNCTION_INFO_V1(is_valid_##name); \
Datum \
is_valid_##name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(identifier_is_valid_common(kind, PG_GETARG_TEXT_PP(0))); \
}

IDENTIFIER_TYPE_FUNCTIONS(prison_number, IDENT_PRISON_NUMBER)
IDENTIFIER_TYPE_FUNCTIONS(crn, IDENT_CRN)
IDENTIFIER_TYPE_FUNCTIONS(pnc_id, IDENT_PNC_ID)
IDENTIFIER_TYPE_FUNCTIONS(cro_number, IDENT_CRO_NUMBER)
IDENTIFIER_TYPE_FUNCTIONS(nhs_number, IDENT_NHS_NUMBER)
IDENTIFIER_TYPE_FUNCTIONS(nino, IDENT_NINO)

/*
 * resettle.pnc_id(text, as_of date): accepts 2-digit years, resolving the
 * century against the year of as_of.
 */
PG_FUNCTION_INFO_V1(pnc_id_with_pivot);
Datum
pnc_id_with_pivot(PG_FUNCTION_ARGS)
{
	text	   *input = PG_GETARG_TEXT_PP(0);
	DateADT		as_of = PG_GETARG_DATEADT(1);
	int			year,
				month,
				day;
	int64_t		value;
	IdentError	err;

	if (DATE_NOT_FINITE(as_of))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("as_of must be a finite date"),
				 errdetail("The century of a 2-digit PNC year is taken from as_of.")));
	j2date(as_of + POSTGRES_EPOCH_JDATE, &year, &month, &day);

	if (!ident_parse_pnc_short(VARDATA_ANY(input), VARSIZE_ANY_EXHDR(input),
							   year, &value, &err))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%s\"",
						ident_type_name(IDENT_PNC_ID), text_to_cstring(input)),
				 errdetail("%s", err.detail)));
	PG_RETURN_INT64((int64) value);
}
