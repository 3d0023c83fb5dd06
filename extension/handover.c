/*-------------------------------------------------------------------------
 *
 * handover.c
 *	  SQL interface of the OMiC handover calculation, resettle.handover().
 *
 * The rules themselves are in handover_rules.c (no server dependencies);
 * this file converts SQL arguments, chooses the rule version and builds
 * the result row.  It also fills the HandoverInput of every caller, this
 * function, custody_derive and the readiness evaluation, from values in
 * the order of handover_input_list.h (handover_input_fill).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"

#include "handover.h"
#include "handover_rules.h"
#include "resettle.h"

/*
 * The arguments of resettle.handover() (handover.sql) that are not inputs;
 * the inputs' positions are in handover_input_list.h.
 */
#define ARG_AS_OF		15
#define ARG_RULES_AS_OF 21

/* Per input, from handover_input_list.h */
static const char *const handover_input_names[HANDOVER_NINPUTS] = {
#define HANDOVER_INPUT(name, kind, argno, in_custody, in_case_facts) #name,
#include "handover_input_list.h"
#undef HANDOVER_INPUT
};

static const int handover_input_argno[HANDOVER_NINPUTS] = {
#define HANDOVER_INPUT(name, kind, argno, in_custody, in_case_facts) argno,
#include "handover_input_list.h"
#undef HANDOVER_INPUT
};

/* By HandoverInputRow: whether the row type has the input as a column */
static const bool handover_input_in_row[HANDOVER_ROW_CASE_FACTS + 1][HANDOVER_NINPUTS] = {
	[HANDOVER_ROW_CUSTODY] = {
#define HANDOVER_INPUT(name, kind, argno, in_custody, in_case_facts) in_custody,
#include "handover_input_list.h"
#undef HANDOVER_INPUT
	},
	[HANDOVER_ROW_CASE_FACTS] = {
#define HANDOVER_INPUT(name, kind, argno, in_custody, in_case_facts) in_case_facts,
#include "handover_input_list.h"
#undef HANDOVER_INPUT
	}
};

/*
 * Look up the attribute numbers of the handover inputs that a row type has
 * as columns.  Returns the name of a column it lacks, or NULL.
 */
const char *
handover_input_columns(TupleDesc desc, HandoverInputRow row,
					   HandoverInputColumns *columns)
{
	int			i;

	for (i = 0; i < HANDOVER_NINPUTS; i++)
	{
		int			attnum = 0;

		if (handover_input_in_row[row][i])
		{
			attnum = SPI_fnumber(desc, handover_input_names[i]);
			if (attnum <= 0)
				return handover_input_names[i];
		}
		columns->attnum[i] = attnum;
		columns->is_smallint[i] = attnum > 0 &&
			TupleDescAttr(desc, attnum - 1)->atttypid == INT2OID;
	}
	return NULL;
}

/*
 * Gather the handover inputs from a deformed row of a type looked up by
 * handover_input_columns(), as handover_input_fill() takes them; an input
 * the row type lacks is NULL.
 */
void
handover_inputs_from_row(const HandoverInputColumns *columns,
						 const Datum *values, const bool *nulls,
						 NullableDatum *inputs)
{
	int			i;

	for (i = 0; i < HANDOVER_NINPUTS; i++)
	{
		int			att = columns->attnum[i] - 1;

		if (att < 0)
		{
			inputs[i].value = (Datum) 0;
			inputs[i].isnull = true;
			continue;
		}
		inputs[i].isnull = nulls[att];
		inputs[i].value = values[att];
		/* a smallint column feeds an integer argument */
		if (columns->is_smallint[i] && !nulls[att])
			inputs[i].value = Int32GetDatum(DatumGetInt16(values[att]));
	}
}

/* Per kind, one input from a value of its argument's type */
#define READ_INPUT_DATE(input, name, v) \
	fact_date((v).value, (v).isnull, 0, &(input)->has_##name, &(input)->name)
#define READ_INPUT_BOOL(input, name, v) \
	((input)->name = fact_bool((v).value, (v).isnull, false))
#define READ_INPUT_MAPPA_LEVEL(input, name, v) \
	((input)->name = (v).isnull ? -1 : DatumGetInt32((v).value))

/*
 * Fill a HandoverInput from inputs[], in the order of handover_input_list.h
 * and of the types of resettle.handover()'s arguments: the one conversion
 * of the SQL values, for handover(), custody_derive and the readiness
 * evaluation.  NULL booleans are false, a NULL MAPPA level is -1.
 */
void
handover_input_fill(HandoverInput *input, const NullableDatum *inputs,
					int32 as_of, HandoverRulesVersion version)
{
	memset(input, 0, sizeof(*input));
#define HANDOVER_INPUT(name, kind, argno, in_custody, in_case_facts) \
	READ_INPUT_##kind(input, name, inputs[HANDOVER_INPUT_##name]);
#include "handover_input_list.h"
#undef HANDOVER_INPUT
	input->as_of = as_of;
	input->version = version;
}

/*
 * Check the arguments that have a range, then run the calculation, raising
 * "date out of range" if a handover date falls outside PostgreSQL's dates.
 */
void
handover_run(HandoverInput *input, HandoverResult *result)
{
	if (input->mappa_level < -1 || input->mappa_level > 3)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("MAPPA level %d is out of range", input->mappa_level),
				 errdetail("A MAPPA level is 0, 1, 2 or 3; NULL means unknown.")));

	if (handover_calculate(input, result) != HANDOVER_OK)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range"),
				 errdetail("A handover date computed from these dates falls outside the range of type date.")));
}

/*
 * The values of the SQL enum resettle.responsibility, looked up once by a
 * caller that keeps them (fn_extra); RESP_NONE (out of scope) has none.
 */
void
handover_responsibility_values(Oid enum_type, HandoverResponsibilityValues values)
{
	values[RESP_NONE] = (Datum) 0;
	values[RESP_CUSTODY_ONLY] = resettle_enum_datum(enum_type, "custody_only");
	values[RESP_CUSTODY_WITH_COM] = resettle_enum_datum(enum_type, "custody_with_com");
	values[RESP_COMMUNITY] = resettle_enum_datum(enum_type, "community");
}

/*
 * The composite result type of a call site, looked up once and kept in
 * fn_extra: the blessed descriptor and the responsibility enum's values
 * (indexed by HandoverResponsibility; RESP_NONE has none).
 */
/*
 * The reasons are the rules' static strings: each one's text value is made
 * once per call site, not per row.
 */
#define MAX_CACHED_REASONS 32

typedef struct HandoverResultType
{
	TupleDesc	tupdesc;
	HandoverResponsibilityValues responsibility;
	MemoryContext mcxt;
	int			nreasons;
	const char *reason[MAX_CACHED_REASONS];
	Datum		reason_text[MAX_CACHED_REASONS];
} HandoverResultType;

static Datum
reason_text(HandoverResultType *type, const char *reason)
{
	int			i;
	MemoryContext old;

	for (i = 0; i < type->nreasons; i++)
		if (type->reason[i] == reason)
			return type->reason_text[i];
	if (type->nreasons == MAX_CACHED_REASONS)
		return CStringGetTextDatum(reason);
	old = MemoryContextSwitchTo(type->mcxt);
	type->reason[type->nreasons] = reason;
	type->reason_text[type->nreasons] = CStringGetTextDatum(reason);
	MemoryContextSwitchTo(old);
	return type->reason_text[type->nreasons++];
}

static HandoverResultType *
handover_result_type(FunctionCallInfo fcinfo)
{
	HandoverResultType *type = (HandoverResultType *) fcinfo->flinfo->fn_extra;

	if (type == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		TupleDesc	tupdesc;

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		type = palloc0(sizeof(HandoverResultType));
		type->mcxt = fcinfo->flinfo->fn_mcxt;
		type->tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
		handover_responsibility_values(TupleDescAttr(type->tupdesc, 0)->atttypid,
									   type->responsibility);
		fcinfo->flinfo->fn_extra = type;
		MemoryContextSwitchTo(old);
	}
	return type;
}

/* Convert a result to the composite (responsibility, start_date, handover_date, reason). */
static Datum
handover_result_datum(HandoverResultType *type, const HandoverResult *result)
{
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	if (result->responsibility == RESP_NONE)
		nulls[0] = true;
	else
		values[0] = type->responsibility[result->responsibility];
	nulls[1] = !result->has_start_date;
	values[1] = DateADTGetDatum(result->start_date);
	nulls[2] = !result->has_handover_date;
	values[2] = DateADTGetDatum(result->handover_date);
	values[3] = reason_text(type, result->reason);

	return HeapTupleGetDatum(heap_form_tuple(type->tupdesc, values, nulls));
}

PG_FUNCTION_INFO_V1(handover_calculate_sql);
Datum
handover_calculate_sql(PG_FUNCTION_ARGS)
{
	NullableDatum inputs[HANDOVER_NINPUTS];
	HandoverInput input;
	HandoverResult result;
	HandoverResultType *type = handover_result_type(fcinfo);
	HandoverRulesVersion version;
	int			i;

	if (PG_ARGISNULL(ARG_AS_OF))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("as_of must not be null"),
				 errhint("Omit as_of to calculate as of today.")));

	/* The rules that applied on rules_as_of; by default today's rules. */
	version = PG_ARGISNULL(ARG_RULES_AS_OF)
		? HANDOVER_RULES_CURRENT
		: handover_rules_version_for(PG_GETARG_DATEADT(ARG_RULES_AS_OF));
	/* an input whose argument the function (of 1.0, 1.1) lacks is absent */
	for (i = 0; i < HANDOVER_NINPUTS; i++)
	{
		if (handover_input_argno[i] < PG_NARGS())
			inputs[i] = fcinfo->args[handover_input_argno[i]];
		else
		{
			inputs[i].value = (Datum) 0;
			inputs[i].isnull = true;
		}
	}
	handover_input_fill(&input, inputs, PG_GETARG_DATEADT(ARG_AS_OF), version);
	handover_run(&input, &result);
	PG_RETURN_DATUM(handover_result_datum(type, &result));
}

/*
 * resettle.handover_rules_versions(): the rule versions and their first day,
 * so analysts can see which one a rules_as_of date selects.
 */
PG_FUNCTION_INFO_V1(handover_rules_versions);
Datum
handover_rules_versions(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			v;

	InitMaterializedSRF(fcinfo, 0);
	for (v = 0; v < HANDOVER_RULES_COUNT; v++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = CStringGetTextDatum(handover_rules_version_name((HandoverRulesVersion) v));
		values[1] = DateADTGetDatum(handover_rules_version_start((HandoverRulesVersion) v));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
