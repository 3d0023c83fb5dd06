/*-------------------------------------------------------------------------
 *
 * identifier.h
 *	  Parsers, formatters and the int64 encoding of the resettle identifier
 *	  types (prison number, CRN, PNC ID, CRO number, NHS number, NINO).
 *
 * This interface uses only the C standard library, so that it can be unit
 * tested and fuzzed outside the server.
 *
 * Every valid identifier has one canonical text form and one non-negative
 * int64 encoding.  The encoding is lossless (formatting it gives back the
 * canonical text) and order-preserving: for two valid values of one kind,
 * the encodings compare as int64 exactly as the canonical texts compare
 * byte by byte (C collation).
 *
 *-------------------------------------------------------------------------
 */
#ifndef RESETTLE_IDENTIFIER_H
#define RESETTLE_IDENTIFIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum IdentKind
{
	IDENT_PRISON_NUMBER,
	IDENT_CRN,
	IDENT_PNC_ID,
	IDENT_CRO_NUMBER,
	IDENT_NHS_NUMBER,
	IDENT_NINO
} IdentKind;

#define IDENT_NKINDS 6

/* The canonical text of any kind, including its terminating NUL, fits. */
#define IDENT_TEXT_MAX 16

#define IDENT_DETAIL_MAX 160

/*
 * Why a parse failed: one complete English sentence, suitable for errdetail.
 * It never quotes the raw input.
 */
typedef struct IdentError
{
	char		detail[IDENT_DETAIL_MAX];
} IdentError;

/* SQL type name of a kind: "prison_number", "crn", ... */
extern const char *ident_type_name(IdentKind kind);

/*
 * Parse len bytes at str (not NUL-terminated; any bytes allowed).  On
 * success store the encoding in *result and return true; otherwise fill
 * err->detail and return false.  result and err may be NULL.  PNC IDs must
 * have a 4-digit year here; see ident_parse_pnc_short for 2-digit years.
 */
extern bool ident_parse(IdentKind kind, const char *str, size_t len,
						int64_t *result, IdentError *err);

/*
 * Write the canonical text of value into buf (IDENT_TEXT_MAX bytes).  If
 * value is not a valid encoding of kind, set buf to "" and return false.
 */
extern bool ident_format(IdentKind kind, int64_t value, char *buf);

/* Is value the encoding of some valid identifier of kind? */
extern bool ident_is_valid_encoding(IdentKind kind, int64_t value);

/*
 * Parse a PNC ID, also accepting the 2-digit-year short forms (YY/N{1,7}C,
 * or YYN{1,7}C without a slash).  A 2-digit year YY becomes 20YY if
 * YY <= current_year mod 100, else 19YY.
 */
extern bool ident_parse_pnc_short(const char *str, size_t len,
								  int current_year, int64_t *result,
								  IdentError *err);

#endif							/* RESETTLE_IDENTIFIER_H */
