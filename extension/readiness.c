/*-------------------------------------------------------------------------
 *
 * readiness.c
 *	  SQL interface of the release-readiness rules: evaluation of a case's
 *	  facts, the rule catalogue, the triggers that keep stored readiness
 *	  current, and resettle.refresh().
 *
 * The rules are in readiness_rules.c (no server dependencies).  Every path
 * that stores readiness -- the statement triggers, refresh() -- runs one
 * statement (RECOMPUTE_SQL) that evaluates resettle.case_facts through
 * resettle.evaluate(), so functions, triggers and refresh share one
 * routine.  That statement also appends readiness history, sends NOTIFY
 * and writes release outcomes.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/guc.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/tuplestore.h"
#include "utils/typcache.h"

#include "handover.h"
#include "readiness_rules.h"
#include "resettle.h"

/*
 * The columns of resettle.case_facts that the evaluation reads besides the
 * handover inputs (case_facts_list.h), looked up by name.
 */
typedef enum CaseFactIndex
{
#define CASE_FACT(name, kind, if_null) CASE_FACT_##name,
#include "case_facts_list.h"
#undef CASE_FACT
	CASE_NFACTS
} CaseFactIndex;

static const char *const case_fact_names[CASE_NFACTS] = {
#define CASE_FACT(name, kind, if_null) #name,
#include "case_facts_list.h"
#undef CASE_FACT
};

/*
 * Per-call-site state of resettle.evaluate(): the rule set, read from
 * resettle.rule once per statement, and the attribute numbers of the facts
 * row type.
 */
typedef struct EvaluateState
{
	ReadinessRuleSet rules;
	Oid			facts_type;
	HandoverInputColumns handover_columns;
	int			attnum[CASE_NFACTS];
	/* one facts row, deformed once (heap_getattr per column is quadratic) */
	int			natts;
	Datum	   *values;
	bool	   *nulls;
	/* evaluate()'s result row type and its level datums, looked up once */
	TupleDesc	result_desc;
	Datum		level_datum[READINESS_LEVEL_COUNT];
	bool		has_level_datum[READINESS_LEVEL_COUNT];
} EvaluateState;

static SPIPlanPtr keep_plan(SPIPlanPtr *cache, const char *sql, int nargs, Oid *argtypes);
static SPIPlanPtr rule_plan = NULL;

/*
 * Read resettle.rule over the defaults; rows absent keep their defaults.
 * Once per statement (per call site), through a kept plan: a recompute of
 * one case must not parse and plan it again.  With the owner's rights, so
 * that the caller's search_path cannot reach the statement.
 */
static void
load_rule_set_as_owner(void *arg)
{
	ReadinessRuleSet *set = (ReadinessRuleSet *) arg;
	uint64		i;

	SPI_connect();
	if (SPI_execute_plan(keep_plan(&rule_plan,
								   "SELECT r.code, r.enabled, r.severity, r.warn_days, r.error_days"
								   " FROM resettle.rule AS r",
								   0, NULL),
						 NULL, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read resettle.rule");
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *code = SPI_getvalue(tuple, desc, 1);
		char	   *severity = SPI_getvalue(tuple, desc, 3);
		ReadinessRule rule;
		ReadinessRuleConfig *config;
		bool		isnull;
		Datum		d;

		if (code == NULL || !readiness_rule_from_code(code, &rule))
			continue;			/* codes unknown to this version do nothing */
		config = &set->rule[rule];
		d = SPI_getbinval(tuple, desc, 2, &isnull);
		config->enabled = !isnull && DatumGetBool(d);
		if (severity != NULL)
			(void) readiness_severity_from_label(severity, &config->severity);
		/* a rule's thresholds are those its definition uses */
		d = SPI_getbinval(tuple, desc, 4, &isnull);
		if (config->has_warn_days && !isnull)
			config->warn_days = DatumGetInt32(d);
		d = SPI_getbinval(tuple, desc, 5, &isnull);
		if (config->has_error_days && !isnull)
			config->error_days = DatumGetInt32(d);
	}
	SPI_finish();
}

static void
load_rule_set(ReadinessRuleSet *set)
{
	readiness_rule_set_defaults(set);
	with_owner_rights(load_rule_set_as_owner, set);
}

static EvaluateState *
evaluate_state(FunctionCallInfo fcinfo, Oid facts_type)
{
	EvaluateState *state = (EvaluateState *) fcinfo->flinfo->fn_extra;

	if (state == NULL)
	{
		state = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(EvaluateState));
		load_rule_set(&state->rules);
		fcinfo->flinfo->fn_extra = state;
	}
	if (state->facts_type != facts_type)
	{
		TupleDesc	desc = lookup_rowtype_tupdesc(facts_type, -1);
		const char *missing;
		int			i;

		missing = handover_input_columns(desc, HANDOVER_ROW_CASE_FACTS,
										 &state->handover_columns);
		for (i = 0; i < CASE_NFACTS && missing == NULL; i++)
		{
			state->attnum[i] = SPI_fnumber(desc, case_fact_names[i]);
			if (state->attnum[i] <= 0)
				missing = case_fact_names[i];
		}
		if (missing != NULL)
			elog(ERROR, "resettle.case_facts has no column \"%s\"", missing);
		if (state->values != NULL)
		{
			pfree(state->values);
			pfree(state->nulls);
		}
		state->natts = desc->natts;
		state->values = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(Datum) * desc->natts);
		state->nulls = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(bool) * desc->natts);
		ReleaseTupleDesc(desc);
		state->facts_type = facts_type;
	}
	return state;
}

/* A label column's text, or NULL, which the label parsers refuse */
static const char *
fact_label(Datum value, bool isnull)
{
	return isnull ? NULL : TextDatumGetCString(value);
}

/* Per kind (case_facts_list.h), read one fact from its column's value */
#define READ_FACT_DATE(f, name, if_null, value, isnull) \
	fact_date(value, isnull, if_null, &(f)->has_##name, &(f)->name)
#define READ_FACT_OPT_BOOL(f, name, if_null, value, isnull) \
	((f)->has_##name = !(isnull), (f)->name = fact_bool(value, isnull, if_null))
#define READ_FACT_BOOL(f, name, if_null, value, isnull) \
	((f)->name = fact_bool(value, isnull, if_null))
#define READ_FACT_COUNT(f, name, if_null, value, isnull) \
	((f)->name = (isnull) ? (if_null) : (int) DatumGetInt64(value))
#define READ_FACT_RELEASE_PLAN(f, name, if_null, value, isnull) \
	((f)->name = (if_null), \
	 (void) readiness_release_plan_from_label(fact_label(value, isnull), &(f)->name))
#define READ_FACT_NEED_STATUS(f, name, if_null, value, isnull) \
	((f)->name = (if_null), \
	 (void) readiness_need_status_from_label(fact_label(value, isnull), &(f)->name))

/* Fill ReadinessFacts from a resettle.case_facts row. */
static void
read_facts(HeapTupleHeader header, EvaluateState *state, ReadinessFacts *f)
{
	HeapTupleData tuple;
	TupleDesc	desc;
	NullableDatum inputs[HANDOVER_NINPUTS];

	tuple.t_len = HeapTupleHeaderGetDatumLength(header);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = header;
	desc = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(header),
								  HeapTupleHeaderGetTypMod(header));
	if (desc->natts != state->natts)
		elog(ERROR, "resettle.case_facts row has %d columns, expected %d",
			 desc->natts, state->natts);
	heap_deform_tuple(&tuple, desc, state->values, state->nulls);
	ReleaseTupleDesc(desc);

	readiness_facts_init(f);
	/* readiness_evaluate() calculates the handover as of its own as_of */
	handover_inputs_from_row(&state->handover_columns, state->values,
							 state->nulls, inputs);
	handover_input_fill(&f->handover, inputs, 0, HANDOVER_RULES_CURRENT);
#define CASE_FACT(name, kind, if_null) \
	READ_FACT_##kind(f, name, if_null, \
					 state->values[state->attnum[CASE_FACT_##name] - 1], \
					 state->nulls[state->attnum[CASE_FACT_##name] - 1]);
#include "case_facts_list.h"
#undef CASE_FACT
}

/*
 * Evaluate the facts row in argument 0 as of argument 1.  With at_release,
 * a released case is evaluated as if still in custody: what was missing on
 * the day it left.
 */
static void
evaluate_call(FunctionCallInfo fcinfo, bool at_release, ReadinessResult *result)
{
	HeapTupleHeader header = PG_GETARG_HEAPTUPLEHEADER(0);
	EvaluateState *state;
	ReadinessFacts facts;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("as_of must not be null")));
	state = evaluate_state(fcinfo, HeapTupleHeaderGetTypeId(header));
	read_facts(header, state, &facts);
	if (at_release)
		facts.has_released_on = false;
	if (readiness_evaluate(&facts, &state->rules, PG_GETARG_DATEADT(1), result) != READINESS_OK)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range"),
				 errdetail("A handover date computed from the case's dates falls outside the range of type date.")));
}

static Datum
gap_codes_array(const ReadinessResult *result)
{
	Datum	   *elems = palloc(sizeof(Datum) * (result->ngaps + 1));
	int			i;

	for (i = 0; i < result->ngaps; i++)
		elems[i] = CStringGetTextDatum(readiness_rule_code(result->gaps[i].rule));
	return PointerGetDatum(construct_array(elems, result->ngaps, TEXTOID, -1, false, TYPALIGN_INT));
}

/*
 * Push a string as a jsonb key or value; s must live until the jsonb is
 * built (pushJsonbValue keeps the pointer).
 */
static void
push_jsonb_string(JsonbParseState **state, JsonbIteratorToken token, const char *s)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) s;
	v.val.string.len = strlen(s);
	(void) pushJsonbValue(state, token, &v);
}

/*
 * The failing rules in words, as jsonb: [{rule, severity, message, due_on}]
 * in catalogue order, due_on an ISO date (whatever DateStyle) or null.
 */
static Datum
gap_details_jsonb(const ReadinessResult *result)
{
	JsonbParseState *state = NULL;
	JsonbValue *array;
	int			i;

	(void) pushJsonbValue(&state, WJB_BEGIN_ARRAY, NULL);
	for (i = 0; i < result->ngaps; i++)
	{
		const ReadinessGap *gap = &result->gaps[i];

		(void) pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
		push_jsonb_string(&state, WJB_KEY, "rule");
		push_jsonb_string(&state, WJB_VALUE, readiness_rule_code(gap->rule));
		push_jsonb_string(&state, WJB_KEY, "severity");
		push_jsonb_string(&state, WJB_VALUE, readiness_severity_label(gap->severity));
		push_jsonb_string(&state, WJB_KEY, "message");
		push_jsonb_string(&state, WJB_VALUE, gap->message);
		push_jsonb_string(&state, WJB_KEY, "due_on");
		if (gap->has_due_on && !DATE_NOT_FINITE(gap->due_on))
		{
			struct pg_tm tm;
			char		buf[MAXDATELEN + 1];

			j2date(gap->due_on + POSTGRES_EPOCH_JDATE, &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
			EncodeDateOnly(&tm, USE_ISO_DATES, buf);
			/* the value points at its string until the array is built */
			push_jsonb_string(&state, WJB_VALUE, pstrdup(buf));
		}
		else
		{
			JsonbValue	null;

			null.type = jbvNull;
			(void) pushJsonbValue(&state, WJB_VALUE, &null);
		}
		(void) pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	}
	array = pushJsonbValue(&state, WJB_END_ARRAY, NULL);
	return JsonbPGetDatum(JsonbValueToJsonb(array));
}

/*
 * resettle.evaluate(f resettle.case_facts, as_of date, at_release boolean)
 * returns (level, gaps) and, where its SQL declaration (1.2 on) has a third
 * column, details: the gaps in words (gap_details_jsonb).
 */
PG_FUNCTION_INFO_V1(readiness_evaluate_sql);
Datum
readiness_evaluate_sql(PG_FUNCTION_ARGS)
{
	ReadinessResult result;
	EvaluateState *state;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};
	bool		at_release = !PG_ARGISNULL(2) && PG_GETARG_BOOL(2);

	evaluate_call(fcinfo, at_release, &result);
	/* evaluate_call() set up fn_extra; the result type is looked up once */
	state = (EvaluateState *) fcinfo->flinfo->fn_extra;
	if (state->result_desc == NULL)
	{
		TupleDesc	tupdesc;
		MemoryContext oldcxt;

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		oldcxt = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		state->result_desc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
		MemoryContextSwitchTo(oldcxt);
	}
	if ((int) result.level < 0 || (int) result.level >= READINESS_LEVEL_COUNT)
		elog(ERROR, "readiness level %d out of range", (int) result.level);
	if (!state->has_level_datum[result.level])
	{
		state->level_datum[result.level] =
			resettle_enum_datum(TupleDescAttr(state->result_desc, 0)->atttypid,
								readiness_level_label(result.level));
		state->has_level_datum[result.level] = true;
	}
	values[0] = state->level_datum[result.level];
	values[1] = gap_codes_array(&result);
	if (state->result_desc->natts > 2)
		values[2] = gap_details_jsonb(&result);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(state->result_desc, values, nulls)));
}

/*
 * resettle.evaluate_gaps(f resettle.case_facts, as_of date): one row per
 * failing rule (rule, severity, message, due_on).
 */
PG_FUNCTION_INFO_V1(readiness_evaluate_gaps);
Datum
readiness_evaluate_gaps(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ReadinessResult result;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	evaluate_call(fcinfo, false, &result);
	for (i = 0; i < result.ngaps; i++)
	{
		const ReadinessGap *gap = &result.gaps[i];
		Datum		values[4];
		bool		nulls[4] = {false, false, false, !gap->has_due_on};

		values[0] = CStringGetTextDatum(readiness_rule_code(gap->rule));
		values[1] = CStringGetTextDatum(readiness_severity_label(gap->severity));
		values[2] = CStringGetTextDatum(gap->message);
		values[3] = DateADTGetDatum(gap->due_on);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * resettle.rule_catalogue(): the rules this version knows, with their
 * default settings; the install script fills resettle.rule from it.
 */
PG_FUNCTION_INFO_V1(readiness_rule_catalogue);
Datum
readiness_rule_catalogue(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			r;

	InitMaterializedSRF(fcinfo, 0);
	for (r = 0; r < RULE_COUNT; r++)
	{
		ReadinessRuleConfig config;
		Datum		values[7];
		bool		nulls[7] = {false, false, false, false, false, false, false};

		readiness_rule_defaults((ReadinessRule) r, &config);
		values[0] = CStringGetTextDatum(readiness_rule_code((ReadinessRule) r));
		values[1] = CStringGetTextDatum(readiness_rule_title((ReadinessRule) r));
		values[2] = CStringGetTextDatum(readiness_severity_label(config.severity));
		nulls[3] = !config.has_warn_days;
		values[3] = Int32GetDatum(config.warn_days);
		nulls[4] = !config.has_error_days;
		values[4] = Int32GetDatum(config.error_days);
		values[5] = BoolGetDatum(config.enabled);
		values[6] = CStringGetTextDatum(readiness_rule_source((ReadinessRule) r));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * RECOMPUTE_SQL stores the readiness of the given cases as of as_of, in one
 * statement: evaluate (EVALUATED_CTE), update custody, append history for
 * level changes, notify, and write the release outcome of newly released
 * cases (WRITES_FROM_EVALUATED).  It returns the number of level changes.
 *
 * Only rows whose stored readiness differs (level, gaps, their details or
 * as-of day) are
 * updated: rewriting an unchanged row would fire custody's row triggers
 * and foreign-key checks and add a row version for nothing.  The release
 * outcome is taken from the facts already evaluated (the same snapshot),
 * carried only for cases that are newly released, so case_facts is read
 * once per case.
 */
#define EVALUATED_CTE(DETAILS) \
"evaluated AS (" \
"  SELECT c.id, c.prison_number, c.prison_code, c.readiness AS old_level, e.level, e.gaps," \
DETAILS(" e.details,", "") \
"    c.readiness IS DISTINCT FROM e.level OR c.readiness_gaps IS DISTINCT FROM e.gaps" \
DETAILS("      OR c.readiness_details IS DISTINCT FROM e.details", "") \
"      OR c.readiness_as_of IS DISTINCT FROM $2 AS stale," \
"    CASE WHEN f.released_on IS NOT NULL" \
"      AND c.readiness IS DISTINCT FROM 'released'::resettle.readiness_level" \
"      THEN f END AS released_facts" \
"  FROM resettle.case_facts AS f" \
"  JOIN resettle.custody AS c ON c.id OPERATOR(pg_catalog.=) f.custody_id" \
"  CROSS JOIN LATERAL resettle.evaluate(f, $2) AS e" \
"  WHERE f.custody_id OPERATOR(pg_catalog.=) ANY ($1)" \
")"

/*
 * The release outcome of the newly released cases (r.f: their facts).
 * From 1.2 on resettle.outcome_at_release() defines it (ID held apart from
 * ID applied for, the handover as of the release day); 1.0 and 1.1, served
 * by this library too, keep what they wrote (their upgrade re-derives it).
 */
#define OUTCOME_INSERT_1_2 \
"  INSERT INTO resettle.release_outcome (custody_id, released_on, prison_code," \
"    settled_accommodation, id_document, id_applied, bank_account, benefit_claim_needed," \
"    benefit_claim_started, gp_needed, gp_arranged, family_pathway_addressed," \
"    com_allocated, com_allocated_by_handover, handover_date, gaps, recorded_by)" \
"  SELECT r.id, (r.f).released_on, r.prison_code," \
"    o.settled_accommodation, o.id_document, o.id_applied, o.bank_account," \
"    o.benefit_claim_needed, o.benefit_claim_started, o.gp_needed, o.gp_arranged," \
"    o.family_pathway_addressed, o.com_allocated, o.com_allocated_by_handover," \
"    o.handover_date, o.gaps, $4"
#define OUTCOME_INSERT_1_0 \
"  INSERT INTO resettle.release_outcome (custody_id, released_on, prison_code," \
"    settled_accommodation, id_document, bank_account, benefit_claim_needed," \
"    benefit_claim_started, gp_needed, gp_arranged, family_pathway_addressed," \
"    com_allocated, com_allocated_by_handover, handover_date, gaps, recorded_by)" \
"  SELECT r.id, (r.f).released_on, r.prison_code," \
"    (r.f).address_confirmed AND (r.f).release_plan OPERATOR(pg_catalog.=)" \
"      ANY ('{return_to_previous_address,move_to_new_address}'::pg_catalog.text[])," \
"    (r.f).id_held OR (r.f).id_application_accepted, (r.f).bank_held_or_opened," \
"    (r.f).benefit_claim IS NOT NULL," \
"    COALESCE((r.f).benefit_claim OPERATOR(pg_catalog.=)" \
"      ANY ('{in_progress,met}'::pg_catalog.text[]), false)," \
"    (r.f).gp_registration IS NOT NULL," \
"    COALESCE((r.f).gp_registration OPERATOR(pg_catalog.=) 'met'::pg_catalog.text, false)," \
"    NOT (r.f).family_pathway_not_started, (r.f).com_name_present OR (r.f).com_email_present," \
"    (r.f).com_allocated_on OPERATOR(pg_catalog.<=)" \
"      ((r.f).handover_date OPERATOR(pg_catalog.+) 2)," \
"    (r.f).handover_date, g.gaps, $4"

/*
 * The writes of RECOMPUTE_SQL and WRITE_SQL, from their CTE "evaluated";
 * $4 is the acting user, whom the history and the outcome name.  A
 * notification names the change (its history id), not the case: any role
 * can LISTEN, and staff keep the custody ids of cases they once held, so a
 * custody id would let them follow a case after its transfer.  $3
 * (resettle.notify_prison_number) names the case too.
 */
#define WRITES_FROM_EVALUATED(DETAILS) \
", updated AS (" \
"  UPDATE resettle.custody AS c" \
"  SET readiness = e.level, readiness_gaps = e.gaps, readiness_as_of = $2" \
DETAILS(", readiness_details = e.details", "") \
"  FROM evaluated AS e WHERE c.id OPERATOR(pg_catalog.=) e.id AND e.stale" \
"  RETURNING c.id, e.prison_number, e.prison_code, e.old_level, e.level, e.gaps, e.released_facts" \
"), history AS (" \
"  INSERT INTO resettle.readiness_history (custody_id, as_of, from_level, to_level, gaps," \
"    changed_by)" \
"  SELECT u.id, $2, u.old_level, u.level, u.gaps, $4 FROM updated AS u" \
"  WHERE u.old_level IS DISTINCT FROM u.level" \
"  RETURNING id, custody_id" \
"), outcome AS (" \
DETAILS(OUTCOME_INSERT_1_2, OUTCOME_INSERT_1_0) \
"  FROM (SELECT u.id, u.prison_code, u.released_facts AS f FROM updated AS u" \
"        WHERE u.level OPERATOR(pg_catalog.=) 'released'::resettle.readiness_level" \
"          AND u.old_level IS DISTINCT FROM 'released'::resettle.readiness_level) AS r" \
DETAILS("  CROSS JOIN LATERAL resettle.outcome_at_release(r.f) AS o", \
		"  CROSS JOIN LATERAL resettle.evaluate(r.f, (r.f).released_on, true) AS g") \
"  ON CONFLICT (custody_id) DO NOTHING" \
")" \
"SELECT pg_catalog.count(*) FROM (" \
"  SELECT pg_catalog.pg_notify('resettle_readiness', CASE WHEN $3" \
"    THEN pg_catalog.json_build_object('change_id', h.id, 'custody_id', u.id," \
"      'prison_number', u.prison_number::pg_catalog.text, 'prison_code', u.prison_code," \
"      'from', u.old_level, 'to', u.level)" \
"    ELSE pg_catalog.json_build_object('change_id', h.id," \
"      'prison_code', u.prison_code, 'from', u.old_level, 'to', u.level)" \
"    END::pg_catalog.text)" \
"  FROM updated AS u JOIN history AS h ON h.custody_id OPERATOR(pg_catalog.=) u.id" \
"  OFFSET 0" \
") AS notified"

#define RECOMPUTE_SQL(DETAILS) "WITH " EVALUATED_CTE(DETAILS) WRITES_FROM_EVALUATED(DETAILS)

/*
 * Evaluate only: the stale cases' ids, levels, gaps (as text), facts of the
 * newly released and details, as five arrays, or nulls when none is stale.
 */
#define EVALUATE_STALE_SQL(DETAILS) \
"WITH " EVALUATED_CTE(DETAILS) \
" SELECT pg_catalog.array_agg(e.id), pg_catalog.array_agg(e.level)," \
"   pg_catalog.array_agg(e.gaps::pg_catalog.text), pg_catalog.array_agg(e.released_facts)," \
DETAILS("   pg_catalog.array_agg(e.details)", "   NULL::pg_catalog.jsonb[]") \
" FROM evaluated AS e WHERE e.stale"

/*
 * Store what EVALUATE_STALE_SQL found ($1, $5, $6, $7, $8: its five
 * arrays).
 */
#define WRITE_SQL(DETAILS) \
"WITH evaluated AS (" \
"  SELECT c.id, c.prison_number, c.prison_code, c.readiness AS old_level," \
"    v.level, v.gaps::pg_catalog.text[] AS gaps, true AS stale, $7[v.n] AS released_facts," \
"    $8[v.n] AS details" \
"  FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($5), pg_catalog.unnest($6))" \
"    WITH ORDINALITY AS v (id, level, gaps, n)" \
"  JOIN resettle.custody AS c ON c.id OPERATOR(pg_catalog.=) v.id" \
")" WRITES_FROM_EVALUATED(DETAILS)

/*
 * Whether a statement stores the gaps' details and writes 1.2's release
 * outcome: from 1.2 on (details_variant(); the library serves every
 * installed version of the extension, and 1.0 and 1.1 have neither).
 */
#define WITH_DETAILS(yes, no) yes
#define WITHOUT_DETAILS(yes, no) no

/*
 * Up to this many cases are recomputed in two steps, evaluate then write
 * the stale ones, rather than by RECOMPUTE_SQL.  Most staff changes leave
 * the stored readiness as it was, and a statement with writes pays for
 * them even when it writes nothing: starting its three write nodes and
 * firing custody's statement triggers cost about 40 of a one-case
 * recompute's 140 microseconds (docs/benchmarks.md).  Larger sets, where
 * most cases are written (a refresh, a load), take the one statement.
 */
#define RECOMPUTE_TWO_STEP_MAX 100

#define LOCK_SQL \
"SELECT c.id FROM resettle.custody AS c" \
" WHERE c.id OPERATOR(pg_catalog.=) ANY ($1) ORDER BY c.id FOR NO KEY UPDATE"

/*
 * A refresh skips the cases another transaction has locked: it must not
 * wait on a login's open transaction while it holds the locks of every case
 * it has taken (every prison's writes would queue behind it).  A skipped
 * case stays stale (v_refresh_status counts it) for the next refresh.
 */
#define STALE_SQL \
"SELECT c.id FROM resettle.custody AS c" \
" WHERE ($2 OR c.readiness_as_of OPERATOR(pg_catalog.<) $1 OR c.readiness_as_of IS NULL)" \
"   AND c.readiness IS DISTINCT FROM 'released'::resettle.readiness_level" \
" ORDER BY c.id FOR NO KEY UPDATE SKIP LOCKED"

/* the statements that store readiness, without and with the details */
static SPIPlanPtr recompute_plan[2];
static SPIPlanPtr evaluate_stale_plan[2];
static SPIPlanPtr write_plan[2];
static const char *const recompute_sql[2] = {
	RECOMPUTE_SQL(WITHOUT_DETAILS), RECOMPUTE_SQL(WITH_DETAILS)
};
static const char *const evaluate_stale_sql[2] = {
	EVALUATE_STALE_SQL(WITHOUT_DETAILS), EVALUATE_STALE_SQL(WITH_DETAILS)
};
static const char *const write_sql[2] = {
	WRITE_SQL(WITHOUT_DETAILS), WRITE_SQL(WITH_DETAILS)
};

/*
 * 1 where the tables are 1.2's (custody.readiness_details and
 * release_outcome.id_applied exist), else 0: 1.0 and 1.1, and a database
 * part way through its update to 1.2
 */
static int
details_variant(void)
{
	Oid			nsp = get_namespace_oid("resettle", false);
	Oid			custody = get_relname_relid("custody", nsp);
	Oid			outcome = get_relname_relid("release_outcome", nsp);

	if (!OidIsValid(custody) || !OidIsValid(outcome))
		elog(ERROR, "relation resettle.custody or resettle.release_outcome does not exist");
	return (get_attnum(custody, "readiness_details") != InvalidAttrNumber &&
			get_attnum(outcome, "id_applied") != InvalidAttrNumber) ? 1 : 0;
}
static SPIPlanPtr lock_plan = NULL;
static SPIPlanPtr stale_plan = NULL;

static SPIPlanPtr
keep_plan(SPIPlanPtr *cache, const char *sql, int nargs, Oid *argtypes)
{
	if (*cache == NULL)
	{
		/*
		 * Always the generic plan: planning a custom one for each call cost
		 * most of a one-case recompute, and for a refresh of every case its
		 * id array as a constant cost about 0.3 kB of planner memory per case
		 * (docs/benchmarks.md).  The plans look cases up by id, whatever
		 * their number.
		 */
		SPIPlanPtr	plan = SPI_prepare_cursor(sql, nargs, argtypes,
											  CURSOR_OPT_GENERIC_PLAN);

		if (plan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		SPI_keepplan(plan);
		*cache = plan;
	}
	return *cache;
}

/*
 * Run a query of custody ids (which locks their rows) and return them as an
 * int8[] Datum, or 0 when there are none.  A cursor reads them in batches,
 * so a refresh of every case holds 8 bytes an id, not an SPI tuple each.
 */
static Datum
locked_ids_array(SPIPlanPtr plan, Datum *values)
{
	Portal		portal = SPI_cursor_open(NULL, plan, values, NULL, false);
	ArrayType  *array;
	Datum	   *ids = NULL;
	uint64		n = 0;
	uint64		capacity = 0;

	for (;;)
	{
		uint64		i;

		SPI_cursor_fetch(portal, true, 10000);
		if (SPI_processed == 0)
			break;
		if (n + SPI_processed > capacity)
		{
			capacity = Max(capacity * 2, n + SPI_processed);
			if (capacity > MaxAllocHugeSize / sizeof(Datum))
				elog(ERROR, "too many cases to recompute");
			ids = ids == NULL
				? palloc_extended(sizeof(Datum) * capacity, MCXT_ALLOC_HUGE)
				: repalloc_huge(ids, sizeof(Datum) * capacity);
		}
		for (i = 0; i < SPI_processed; i++)
		{
			bool		isnull;

			ids[n++] = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull);
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	if (n == 0)
		return (Datum) 0;
	array = construct_array(ids, (int) n, INT8OID, 8, true, TYPALIGN_DOUBLE);
	pfree(ids);
	return PointerGetDatum(array);
}

/*
 * Set while RECOMPUTE_SQL or WRITE_SQL writes the derived readiness columns
 * (within with_owner_rights()): custody_derive lets those columns change
 * and the case audit and this file's trigger leave the update alone.
 */
static bool recompute_writing = false;

bool
readiness_recompute_writing(void)
{
	return recompute_writing && in_owner_rights();
}

/* The acting user's name, the author of the history and outcome rows. */
static Datum
acting_user_name(void)
{
	return DirectFunctionCall1(namein,
							   CStringGetDatum(GetUserNameFromId(acting_user_id(), false)));
}

/*
 * Recompute a few cases in two steps (RECOMPUTE_TWO_STEP_MAX): evaluate,
 * then write the stale ones, if any.  Returns the number of level changes.
 */
static uint64
recompute_two_step(Datum ids, DateADT as_of, int variant)
{
	Oid			argtypes[8] = {INT8ARRAYOID, DATEOID, BOOLOID, NAMEOID, InvalidOid,
	TEXTARRAYOID, InvalidOid, JSONBARRAYOID};
	Datum		values[8];
	char		nulls[8] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
	bool		isnull;
	int			i;

	values[0] = ids;
	values[1] = DateADTGetDatum(as_of);
	if (SPI_execute_plan(keep_plan(&evaluate_stale_plan[variant], evaluate_stale_sql[variant],
								   2, argtypes),
						 values, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "readiness evaluation failed");
	values[0] = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		return 0;
	for (i = 4; i < 8; i++)
	{
		values[i] = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, i - 2, &isnull);
		if (isnull)
			nulls[i] = 'n';
	}
	values[2] = BoolGetDatum(resettle_notify_prison_number);
	values[3] = acting_user_name();
	if (write_plan[variant] == NULL)
	{
		argtypes[4] = get_array_type(resettle_type_oid("readiness_level"));
		argtypes[6] = get_array_type(resettle_type_oid("case_facts"));
	}
	if (SPI_execute_plan(keep_plan(&write_plan[variant], write_sql[variant], 8, argtypes),
						 values, nulls, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "readiness recompute failed");
	return (uint64) DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
												SPI_tuptable->tupdesc, 1, &isnull));
}

/*
 * Recompute cases whose custody rows the caller has already locked (see
 * recompute_cases); the statements run with snapshots taken after the
 * locks, so they see every change committed before them.
 */
static uint64
recompute_locked(Datum ids, DateADT as_of)
{
	Oid			argtypes[4] = {INT8ARRAYOID, DATEOID, BOOLOID, NAMEOID};
	Datum		values[4];
	uint64		changed = 0;
	bool		isnull;
	ArrayType  *idarray = DatumGetArrayTypeP(ids);
	int			n = ArrayGetNItems(ARR_NDIM(idarray), ARR_DIMS(idarray));
	int			variant = details_variant();
	int			save_nestlevel;

	values[0] = ids;
	values[1] = DateADTGetDatum(as_of);
	values[2] = BoolGetDatum(resettle_notify_prison_number);
	values[3] = acting_user_name();

	/*
	 * No JIT: the plan's cost grows with the number of cases and crosses
	 * jit_above_cost at a few hundred, where compiling takes longer (over a
	 * second) than the statement.  An error unwinds the setting with the
	 * (sub)transaction.
	 */
	save_nestlevel = NewGUCNestLevel();
	(void) set_config_option("jit", "off", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	recompute_writing = true;
	PG_TRY();
	{
		if (n <= RECOMPUTE_TWO_STEP_MAX)
			changed = recompute_two_step(ids, as_of, variant);
		else
		{
			if (SPI_execute_plan(keep_plan(&recompute_plan[variant], recompute_sql[variant],
										   4, argtypes),
								 values, NULL, false, 0) != SPI_OK_SELECT)
				elog(ERROR, "readiness recompute failed");
			changed = (uint64) DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
														   SPI_tuptable->tupdesc, 1, &isnull));
		}
	}
	PG_FINALLY();
	{
		recompute_writing = false;
	}
	PG_END_TRY();
	AtEOXact_GUC(true, save_nestlevel);
	return changed;
}

/*
 * Lock the cases first, in id order, so that a concurrent change to the same
 * case waits for us and then re-evaluates from committed data (no write
 * skew), then recompute them.  Under REPEATABLE READ a concurrent committed
 * change makes the lock fail with a serialization error, which the caller
 * retries.
 */
static uint64
recompute_cases(Datum ids, DateADT as_of)
{
	Oid			argtypes[1] = {INT8ARRAYOID};
	Datum		values[1];
	Datum		locked;

	values[0] = ids;
	locked = locked_ids_array(keep_plan(&lock_plan, LOCK_SQL, 1, argtypes), values);
	if (locked == (Datum) 0)
		return 0;
	return recompute_locked(locked, as_of);
}

/* Append the custody ids of a transition table to ids[]. */
static void
collect_ids(Tuplestorestate *table, Relation rel, const char *column,
			int64 **ids, int *nids, int *capacity)
{
	TupleDesc	desc = RelationGetDescr(rel);
	int			attnum = SPI_fnumber(desc, column);
	TupleTableSlot *slot;

	if (table == NULL)
		return;
	if (attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of relation \"%s\" does not exist",
						column, RelationGetRelationName(rel))));
	slot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	tuplestore_rescan(table);
	while (tuplestore_gettupleslot(table, true, false, slot))
	{
		bool		isnull;
		Datum		d = slot_getattr(slot, attnum, &isnull);

		if (isnull)
			continue;
		if (*nids == *capacity)
		{
			*capacity *= 2;
			*ids = repalloc(*ids, sizeof(int64) * *capacity);
		}
		(*ids)[(*nids)++] = DatumGetInt64(d);
	}
	ExecDropSingleTupleTableSlot(slot);
}

/*
 * AFTER ... FOR EACH STATEMENT trigger with transition tables on custody
 * and each child table: recompute every affected case once per statement.
 * The argument names the column holding the custody id.
 */
PG_FUNCTION_INFO_V1(readiness_after_change);
Datum
readiness_after_change(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	int64	   *ids;
	int			nids = 0;
	int			capacity = 64;
	bool		last;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" was not called by trigger manager",
						"readiness_after_change")));
	if (!TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) ||
		trigdata->tg_trigger->tgnargs != 1)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired AFTER ... FOR EACH STATEMENT with one argument",
						"readiness_after_change")));

	/* a tracked statement ends (our own writes to custody included) */
	last = readiness_batch_statement_end();

	/* our own writes to custody must not trigger another round */
	if (readiness_recompute_writing())
		return PointerGetDatum(NULL);

	ids = palloc(sizeof(int64) * capacity);
	collect_ids(trigdata->tg_oldtable, trigdata->tg_relation,
				trigdata->tg_trigger->tgargs[0], &ids, &nids, &capacity);
	collect_ids(trigdata->tg_newtable, trigdata->tg_relation,
				trigdata->tg_trigger->tgargs[0], &ids, &nids, &capacity);
	readiness_batch_add(ids, nids);

	/* the statement that ends the last one under way recomputes them all */
	if (!last)
		return PointerGetDatum(NULL);
	ids = readiness_batch_take(&nids);
	if (nids > 0)
		readiness_recompute_ids(ids, nids);
	return PointerGetDatum(NULL);
}

/* What one recompute with the owner's rights works on. */
typedef struct RecomputeCall
{
	Datum		ids;			/* int8[] to lock and recompute, or */
	bool		stale;			/* the stale cases (refresh) */
	bool		all_cases;
	DateADT		as_of;
	uint64		changed;		/* out: level changes */
} RecomputeCall;

static void
recompute_as_owner(void *arg)
{
	RecomputeCall *call = (RecomputeCall *) arg;

	SPI_connect();
	if (call->stale)
	{
		Oid			argtypes[2] = {DATEOID, BOOLOID};
		Datum		values[2];
		Datum		stale;

		values[0] = DateADTGetDatum(call->as_of);
		values[1] = BoolGetDatum(call->all_cases);
		stale = locked_ids_array(keep_plan(&stale_plan, STALE_SQL, 2, argtypes), values);
		if (stale != (Datum) 0)
			call->changed = recompute_locked(stale, call->as_of);
	}
	else
		call->changed = recompute_cases(call->ids, call->as_of);
	SPI_finish();
}

/*
 * Lock and recompute the cases ids[0..n-1] as of today, whichever prison
 * holds them: with the owner's rights (owner_rights.c), so a change
 * re-derives every case it affects, not only those its author may see.
 */
void
readiness_recompute_ids(const int64 *ids, int n)
{
	Datum	   *elems = palloc_extended(sizeof(Datum) * n, MCXT_ALLOC_HUGE);
	RecomputeCall call = {0};
	int			i;

	for (i = 0; i < n; i++)
		elems[i] = Int64GetDatum(ids[i]);
	call.ids = PointerGetDatum(construct_array(elems, n, INT8OID, 8, true, TYPALIGN_DOUBLE));
	call.as_of = resettle_today();
	with_owner_rights(recompute_as_owner, &call);
	pfree(elems);
}

/*
 * resettle.refresh(as_of date, all_cases boolean): re-evaluate every case
 * whose readiness is older than as_of, or every case with all_cases
 * (released cases stay as they are), in one pass; returns the number whose
 * level changed.
 */
PG_FUNCTION_INFO_V1(readiness_refresh);
Datum
readiness_refresh(PG_FUNCTION_ARGS)
{
	RecomputeCall call = {0};

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("as_of and all_cases must not be null"),
				 errhint("Omit them to refresh the stale cases as of today.")));
	if (DATE_NOT_FINITE(PG_GETARG_DATEADT(0)))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("as_of must be a finite date")));

	call.stale = true;
	call.as_of = PG_GETARG_DATEADT(0);
	call.all_cases = PG_GETARG_BOOL(1);
	with_owner_rights(recompute_as_owner, &call);
	PG_RETURN_INT64((int64) call.changed);
}

/* resettle.today(): the date the extension treats as today. */
PG_FUNCTION_INFO_V1(readiness_today);
Datum
readiness_today(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(resettle_today());
}
