/*-------------------------------------------------------------------------
 *
 * handover.c
 *	  SQL interface of the OMiC handover calculation, resettle.handover().
 *
 * The rules themselves are in handover_rules.c (no server dependencies);
 * this file converts SQL arguments, chooses the rule version and builds
 * the result row.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"

#include "handover.h"
#include "handover_rules.h"
#include "resettle.h"

/* Argument positions of resettle.handover(), as declared in handover.sql. */
enum
{
	ARG_SENTENCE_START,
	ARG_CRD,
	ARG_ARD,
	ARG_PED,
	ARG_TED,
	ARG_THD,
	ARG_INDETERMINATE,
	ARG_RECALL,
	ARG_IMMIGRATION,
	ARG_EARLY_ALLOCATION,
	ARG_OPEN_CONDITIONS,
	ARG_OPEN_SINCE,
	ARG_MAPPA_LEVEL,
	ARG_ADDITIONAL_ISP,
	ARG_PAROLE_OUTCOME_NOT_RELEASE,
	ARG_AS_OF,
	ARG_HDCED,
	ARG_DATE_OF_BIRTH,
	ARG_REMAND,
	ARG_CIVIL,
	ARG_CRC_CASE,
	ARG_RULES_AS_OF,
	HANDOVER_NARGS
};

static void
read_date_arg(FunctionCallInfo fcinfo, int argno, bool *has, int32_t *value)
{
	*has = !PG_ARGISNULL(argno);
	*value = *has ? PG_GETARG_DATEADT(argno) : 0;
}

static bool
read_bool_arg(FunctionCallInfo fcinfo, int argno)
{
	return !PG_ARGISNULL(argno) && PG_GETARG_BOOL(argno);
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
	HandoverInput input;
	HandoverResult result;
	HandoverResultType *type = handover_result_type(fcinfo);

	if (PG_ARGISNULL(ARG_AS_OF))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("as_of must not be null"),
				 errhint("Omit as_of to calculate as of today.")));

	memset(&input, 0, sizeof(input));
	read_date_arg(fcinfo, ARG_SENTENCE_START, &input.has_sentence_start, &input.sentence_start);
	read_date_arg(fcinfo, ARG_CRD, &input.has_crd, &input.crd);
	read_date_arg(fcinfo, ARG_ARD, &input.has_ard, &input.ard);
	read_date_arg(fcinfo, ARG_PED, &input.has_ped, &input.ped);
	read_date_arg(fcinfo, ARG_TED, &input.has_ted, &input.ted);
	read_date_arg(fcinfo, ARG_THD, &input.has_thd, &input.thd);
	read_date_arg(fcinfo, ARG_OPEN_SINCE, &input.has_open_since, &input.open_since);
	read_date_arg(fcinfo, ARG_HDCED, &input.has_hdced, &input.hdced);
	read_date_arg(fcinfo, ARG_DATE_OF_BIRTH, &input.has_date_of_birth, &input.date_of_birth);
	input.indeterminate = read_bool_arg(fcinfo, ARG_INDETERMINATE);
	input.recall = read_bool_arg(fcinfo, ARG_RECALL);
	input.immigration = read_bool_arg(fcinfo, ARG_IMMIGRATION);
	input.early_allocation = read_bool_arg(fcinfo, ARG_EARLY_ALLOCATION);
	input.open_conditions = read_bool_arg(fcinfo, ARG_OPEN_CONDITIONS);
	input.additional_isp = read_bool_arg(fcinfo, ARG_ADDITIONAL_ISP);
	input.parole_outcome_not_release = read_bool_arg(fcinfo, ARG_PAROLE_OUTCOME_NOT_RELEASE);
	input.remand = read_bool_arg(fcinfo, ARG_REMAND);
	input.civil = read_bool_arg(fcinfo, ARG_CIVIL);
	input.crc_case = read_bool_arg(fcinfo, ARG_CRC_CASE);
	input.mappa_level = PG_ARGISNULL(ARG_MAPPA_LEVEL) ? -1 : PG_GETARG_INT32(ARG_MAPPA_LEVEL);
	input.as_of = PG_GETARG_DATEADT(ARG_AS_OF);
	/* The rules that applied on rules_as_of; by default today's rules. */
	input.version = PG_ARGISNULL(ARG_RULES_AS_OF)
		? HANDOVER_RULES_CURRENT
		: handover_rules_version_for(PG_GETARG_DATEADT(ARG_RULES_AS_OF));

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
