/*-------------------------------------------------------------------------
 *
 * custody_trigger.c
 *	  BEFORE INSERT OR UPDATE trigger on resettle.custody that derives the
 *	  release date and the OMiC handover columns from the recorded ones,
 *	  and the trigger on resettle.person that re-derives a person's
 *	  episodes when their date of birth changes.
 *
 * On INSERT any value supplied for a derived column is replaced (so that a
 * pg_dump restore, which supplies them, works); on UPDATE changing one is
 * refused.  The handover is calculated as of resettle_today(), the same
 * day the readiness evaluation uses.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

#include "handover.h"
#include "resettle.h"

/* Columns the trigger reads or writes, looked up by name once per query. */
typedef enum CustodyColumn
{
	COL_PRISON_NUMBER,
	COL_SENTENCE_START,
	COL_CRD,
	COL_ARD,
	COL_PED,
	COL_HDCED,
	COL_HDCAD,
	COL_APD,
	COL_TED,
	COL_THD,
	COL_CONFIRMED_RELEASE_DATE,
	COL_INDETERMINATE,
	COL_RECALL,
	COL_IMMIGRATION,
	COL_REMAND,
	COL_CIVIL,
	COL_ADDITIONAL_ISP,
	COL_PAROLE_OUTCOME_NOT_RELEASE,
	COL_EARLY_ALLOCATION,
	COL_OPEN_CONDITIONS,
	COL_OPEN_SINCE,
	COL_MAPPA_LEVEL,
	/* derived by this trigger */
	COL_RELEASE_DATE,
	COL_RESPONSIBILITY,
	COL_HANDOVER_START_DATE,
	COL_HANDOVER_DATE,
	COL_HANDOVER_REASON,
	/* derived by the readiness evaluation */
	COL_READINESS,
	COL_READINESS_GAPS,
	COL_READINESS_AS_OF,
	CUSTODY_NCOLUMNS
} CustodyColumn;

static const char *const custody_column_names[CUSTODY_NCOLUMNS] = {
	"prison_number", "sentence_start", "crd", "ard", "ped", "hdced", "hdcad",
	"apd", "ted", "thd", "confirmed_release_date", "indeterminate", "recall",
	"immigration", "remand", "civil", "additional_isp",
	"parole_outcome_not_release", "early_allocation", "open_conditions",
	"open_since", "mappa_level", "release_date", "responsibility",
	"handover_start_date", "handover_date", "handover_reason", "readiness",
	"readiness_gaps", "readiness_as_of"
};

#define FIRST_DERIVED_COLUMN COL_RELEASE_DATE
#define FIRST_READINESS_COLUMN COL_READINESS

typedef struct CustodyColumns
{
	Oid			relid;
	int			attnum[CUSTODY_NCOLUMNS];
	HandoverResponsibilityValues responsibility;	/* the enum's values */
} CustodyColumns;

static SPIPlanPtr date_of_birth_plan = NULL;

static CustodyColumns *
custody_columns(FunctionCallInfo fcinfo, Relation rel)
{
	CustodyColumns *cols = (CustodyColumns *) fcinfo->flinfo->fn_extra;
	int			i;

	if (cols != NULL && cols->relid == RelationGetRelid(rel))
		return cols;
	cols = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(CustodyColumns));
	cols->relid = RelationGetRelid(rel);
	for (i = 0; i < CUSTODY_NCOLUMNS; i++)
	{
		cols->attnum[i] = SPI_fnumber(RelationGetDescr(rel), custody_column_names[i]);
		if (cols->attnum[i] <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("column \"%s\" of relation \"%s\" does not exist",
							custody_column_names[i], RelationGetRelationName(rel)),
					 errhint("The trigger resettle.custody_derive() belongs on resettle.custody.")));
	}
	handover_responsibility_values(TupleDescAttr(RelationGetDescr(rel),
												 cols->attnum[COL_RESPONSIBILITY] - 1)->atttypid,
								   cols->responsibility);
	fcinfo->flinfo->fn_extra = cols;
	return cols;
}

static Datum
get_column(HeapTuple tuple, TupleDesc desc, const CustodyColumns *cols,
		   CustodyColumn col, bool *isnull)
{
	return heap_getattr(tuple, cols->attnum[col], desc, isnull);
}

static void
get_date_column(HeapTuple tuple, TupleDesc desc, const CustodyColumns *cols,
				CustodyColumn col, bool *has, int32_t *value)
{
	bool		isnull;
	Datum		d = get_column(tuple, desc, cols, col, &isnull);

	*has = !isnull;
	*value = isnull ? 0 : DatumGetDateADT(d);
}

static bool
get_bool_column(HeapTuple tuple, TupleDesc desc, const CustodyColumns *cols,
				CustodyColumn col)
{
	bool		isnull;
	Datum		d = get_column(tuple, desc, cols, col, &isnull);

	return !isnull && DatumGetBool(d);
}

/* The person's date of birth, for the under-18 test of the in-scope gate. */
typedef struct DateOfBirthLookup
{
	Datum		prison_number;
	bool		found;			/* out */
	int32_t		date_of_birth;	/* out */
} DateOfBirthLookup;

static void
lookup_date_of_birth_as_owner(void *arg)
{
	DateOfBirthLookup *lookup = (DateOfBirthLookup *) arg;
	Oid			argtypes[1];
	Datum		values[1];

	SPI_connect();
	if (date_of_birth_plan == NULL)
	{
		SPIPlanPtr	plan;

		argtypes[0] = resettle_type_oid("prison_number");
		plan = SPI_prepare("SELECT p.date_of_birth FROM resettle.person AS p"
						   " WHERE p.prison_number OPERATOR(pg_catalog.=) $1",
						   1, argtypes);
		if (plan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		SPI_keepplan(plan);
		date_of_birth_plan = plan;
	}
	values[0] = lookup->prison_number;
	if (SPI_execute_plan(date_of_birth_plan, values, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "date of birth lookup failed");
	if (SPI_processed == 1)
	{
		bool		isnull;
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

		if (!isnull)
		{
			lookup->date_of_birth = DatumGetDateADT(d);
			lookup->found = true;
		}
	}
	SPI_finish();
}

/*
 * With the owner's rights: staff hold no privilege on resettle.person, and
 * whoever changes the case, the handover must see the person.
 */
static bool
lookup_date_of_birth(Datum prison_number, int32_t *dob)
{
	DateOfBirthLookup lookup = {prison_number, false, 0};

	with_owner_rights(lookup_date_of_birth_as_owner, &lookup);
	*dob = lookup.date_of_birth;
	return lookup.found;
}

/* Refuse an UPDATE that changes a derived column. */
static void
refuse_derived_writes(HeapTuple oldtup, HeapTuple newtup, TupleDesc desc,
					  const CustodyColumns *cols)
{
	int			col;
	int			last = readiness_recompute_writing() ? FIRST_READINESS_COLUMN : CUSTODY_NCOLUMNS;

	for (col = FIRST_DERIVED_COLUMN; col < last; col++)
	{
		int			attnum = cols->attnum[col];
		Form_pg_attribute att = TupleDescAttr(desc, attnum - 1);
		bool		oldnull,
					newnull;
		Datum		oldval = heap_getattr(oldtup, attnum, desc, &oldnull);
		Datum		newval = heap_getattr(newtup, attnum, desc, &newnull);

		if (oldnull == newnull &&
			(oldnull || datumIsEqual(oldval, newval, att->attbyval, att->attlen)))
			continue;
		ereport(ERROR,
				(errcode(ERRCODE_GENERATED_ALWAYS),
				 errmsg("column \"%s\" of relation \"custody\" is derived and cannot be written",
						custody_column_names[col]),
				 errdetail("The extension computes it from the recorded columns."),
				 errhint("Update the recorded columns; the derived ones follow.")));
	}
}

PG_FUNCTION_INFO_V1(custody_derive);
Datum
custody_derive(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Relation	rel;
	TupleDesc	desc;
	HeapTuple	tuple;
	CustodyColumns *cols;
	HandoverInput input;
	HandoverResult result;
	bool		isnull;
	Datum		d;
	int			replCols[5];
	Datum		replValues[5];
	bool		replNulls[5];
	static const CustodyColumn release_order[] = {
		COL_CONFIRMED_RELEASE_DATE, COL_APD, COL_HDCAD, COL_CRD, COL_ARD
	};
	int			i;
	bool		has_release = false;
	int32_t		release_date = 0;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" was not called by trigger manager",
						"custody_derive")));
	if (!TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired BEFORE INSERT OR UPDATE FOR EACH ROW",
						"custody_derive")));

	rel = trigdata->tg_relation;
	desc = RelationGetDescr(rel);
	cols = custody_columns(fcinfo, rel);
	tuple = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)
		? trigdata->tg_newtuple : trigdata->tg_trigtuple;

	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		refuse_derived_writes(trigdata->tg_trigtuple, tuple, desc, cols);

	/* release date: first of confirmed, APD, HDCAD, CRD, ARD (domain §4) */
	for (i = 0; i < (int) lengthof(release_order) && !has_release; i++)
		get_date_column(tuple, desc, cols, release_order[i], &has_release, &release_date);

	memset(&input, 0, sizeof(input));
	get_date_column(tuple, desc, cols, COL_SENTENCE_START, &input.has_sentence_start, &input.sentence_start);
	get_date_column(tuple, desc, cols, COL_CRD, &input.has_crd, &input.crd);
	get_date_column(tuple, desc, cols, COL_ARD, &input.has_ard, &input.ard);
	get_date_column(tuple, desc, cols, COL_PED, &input.has_ped, &input.ped);
	get_date_column(tuple, desc, cols, COL_HDCED, &input.has_hdced, &input.hdced);
	get_date_column(tuple, desc, cols, COL_TED, &input.has_ted, &input.ted);
	get_date_column(tuple, desc, cols, COL_THD, &input.has_thd, &input.thd);
	get_date_column(tuple, desc, cols, COL_OPEN_SINCE, &input.has_open_since, &input.open_since);
	input.indeterminate = get_bool_column(tuple, desc, cols, COL_INDETERMINATE);
	input.recall = get_bool_column(tuple, desc, cols, COL_RECALL);
	input.immigration = get_bool_column(tuple, desc, cols, COL_IMMIGRATION);
	input.remand = get_bool_column(tuple, desc, cols, COL_REMAND);
	input.civil = get_bool_column(tuple, desc, cols, COL_CIVIL);
	input.additional_isp = get_bool_column(tuple, desc, cols, COL_ADDITIONAL_ISP);
	input.parole_outcome_not_release = get_bool_column(tuple, desc, cols, COL_PAROLE_OUTCOME_NOT_RELEASE);
	input.early_allocation = get_bool_column(tuple, desc, cols, COL_EARLY_ALLOCATION);
	input.open_conditions = get_bool_column(tuple, desc, cols, COL_OPEN_CONDITIONS);
	d = get_column(tuple, desc, cols, COL_MAPPA_LEVEL, &isnull);
	input.mappa_level = isnull ? -1 : DatumGetInt16(d);
	d = get_column(tuple, desc, cols, COL_PRISON_NUMBER, &isnull);
	if (!isnull)
		input.has_date_of_birth = lookup_date_of_birth(d, &input.date_of_birth);
	/* the extension's own writes store readiness as of readiness_as_of */
	d = get_column(tuple, desc, cols, COL_READINESS_AS_OF, &isnull);
	input.as_of = (readiness_recompute_writing() && !isnull) ? DatumGetDateADT(d) : resettle_today();
	input.version = HANDOVER_RULES_CURRENT;
	handover_run(&input, &result);

	replCols[0] = cols->attnum[COL_RELEASE_DATE];
	replValues[0] = DateADTGetDatum(release_date);
	replNulls[0] = !has_release;
	replCols[1] = cols->attnum[COL_RESPONSIBILITY];
	replNulls[1] = result.responsibility == RESP_NONE;
	replValues[1] = cols->responsibility[result.responsibility];
	replCols[2] = cols->attnum[COL_HANDOVER_START_DATE];
	replValues[2] = DateADTGetDatum(result.start_date);
	replNulls[2] = !result.has_start_date;
	replCols[3] = cols->attnum[COL_HANDOVER_DATE];
	replValues[3] = DateADTGetDatum(result.handover_date);
	replNulls[3] = !result.has_handover_date;
	replCols[4] = cols->attnum[COL_HANDOVER_REASON];
	replValues[4] = CStringGetTextDatum(result.reason);
	replNulls[4] = false;

	tuple = heap_modify_tuple_by_cols(tuple, desc, 5, replCols, replValues, replNulls);
	return PointerGetDatum(tuple);
}

/*
 * A person's date of birth decides whether their case is in scope (under
 * 18s are not): when it changes, every open episode of the person is
 * re-derived by an update that changes nothing recorded, which runs the
 * custody triggers.  With the owner's rights, so that the episodes at
 * prisons the changer may not see are re-derived too.
 */
#define REDERIVE_SQL \
"UPDATE resettle.custody AS c SET reception_date = c.reception_date" \
" FROM person_old AS o JOIN person_new AS n" \
"   ON n.prison_number OPERATOR(pg_catalog.=) o.prison_number" \
" WHERE c.prison_number OPERATOR(pg_catalog.=) n.prison_number" \
"   AND n.date_of_birth IS DISTINCT FROM o.date_of_birth" \
"   AND c.released_on IS NULL"

static void
rederive_as_owner(void *arg)
{
	TriggerData *trigdata = (TriggerData *) arg;

	SPI_connect();
	if (SPI_register_trigger_data(trigdata) != SPI_OK_TD_REGISTER)
		elog(ERROR, "could not register transition tables");
	if (SPI_execute(REDERIVE_SQL, false, 0) != SPI_OK_UPDATE)
		elog(ERROR, "re-deriving the episodes of changed people failed");
	SPI_finish();
}

/*
 * AFTER UPDATE ... FOR EACH STATEMENT on resettle.person, REFERENCING OLD
 * TABLE AS person_old NEW TABLE AS person_new.
 */
PG_FUNCTION_INFO_V1(person_rederive);
Datum
person_rederive(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" was not called by trigger manager",
						"person_rederive")));
	if (!TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) ||
		!TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ||
		trigdata->tg_oldtable == NULL || trigdata->tg_newtable == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired AFTER UPDATE FOR EACH STATEMENT with transition tables",
						"person_rederive"),
				 errhint("Declare REFERENCING OLD TABLE AS person_old NEW TABLE AS person_new.")));
	with_owner_rights(rederive_as_owner, trigdata);
	return PointerGetDatum(NULL);
}
