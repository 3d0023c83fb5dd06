/*-------------------------------------------------------------------------
 *
 * handover.h
 *	  Server-side helpers of the handover calculation, shared by the SQL
 *	  function, the custody trigger and the readiness evaluation: the one
 *	  way a HandoverInput is filled (handover_input_list.h).
 *
 *-------------------------------------------------------------------------
 */
#ifndef RESETTLE_HANDOVER_H
#define RESETTLE_HANDOVER_H

#include "access/tupdesc.h"
#include "utils/date.h"
#include "handover_rules.h"

extern void handover_run(HandoverInput *input, HandoverResult *result);
/* the values of the SQL enum resettle.responsibility, by HandoverResponsibility */
typedef Datum HandoverResponsibilityValues[RESP_COMMUNITY + 1];

extern void handover_responsibility_values(Oid enum_type,
										   HandoverResponsibilityValues values);

/* The handover inputs, in the order of handover_input_list.h */
typedef enum HandoverInputIndex
{
#define HANDOVER_INPUT(name, kind, argno, in_custody, in_case_facts) \
	HANDOVER_INPUT_##name,
#include "handover_input_list.h"
#undef HANDOVER_INPUT
	HANDOVER_NINPUTS
} HandoverInputIndex;

/* The row types that carry handover inputs as columns */
typedef enum HandoverInputRow
{
	HANDOVER_ROW_CUSTODY,		/* resettle.custody: in_custody */
	HANDOVER_ROW_CASE_FACTS		/* resettle.case_facts: in_case_facts */
} HandoverInputRow;

/* Where one row type has the handover inputs, looked up once */
typedef struct HandoverInputColumns
{
	int			attnum[HANDOVER_NINPUTS];	/* 0: not a column of it */
	bool		is_smallint[HANDOVER_NINPUTS];	/* read as the integer argument */
} HandoverInputColumns;

extern const char *handover_input_columns(TupleDesc desc, HandoverInputRow row,
										  HandoverInputColumns *columns);
extern void handover_inputs_from_row(const HandoverInputColumns *columns,
									 const Datum *values, const bool *nulls,
									 NullableDatum *inputs);
extern void handover_input_fill(HandoverInput *input,
								const NullableDatum *inputs,
								int32 as_of, HandoverRulesVersion version);

/*
 * Per kind, a value as the rules read it, NULL being if_null: shared by the
 * handover inputs and the case facts (case_facts_list.h).
 */
static inline void
fact_date(Datum value, bool isnull, int32 if_null, bool *has, int32_t *date)
{
	*has = !isnull;
	*date = isnull ? if_null : DatumGetDateADT(value);
}

static inline bool
fact_bool(Datum value, bool isnull, bool if_null)
{
	return isnull ? if_null : DatumGetBool(value);
}

#endif							/* RESETTLE_HANDOVER_H */
