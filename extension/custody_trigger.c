/*-------------------------------------------------------------------------
 *
 * custody_trigger.c
 *	  BEFORE INSERT OR UPDATE trigger on resettle.custody that derives the
 *	  release date and the OMiC handover columns from the recorded ones
 *	  and copies the person's name, and the trigger on resettle.person that
 *	  re-derives a person's open episodes when their date of birth or name
 *	  changes.
 *
 * On INSERT any value supplied for a derived column is replaced (so that a
 * pg_dump restore, which supplies them, works); on UPDATE changing one is
 * refused.  The handover is calculated as of resettle_today(), the same
 * day the readiness evaluation uses.  A blank COM name or email (empty or
 * white space only) is stored as NULL: a COM is recorded when either is
 * (docs/rules.md "A COM is recorded"), and every rule, flag, view and
 * outcome tests that one way.
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

/*
 * Columns the trigger reads or writes besides the handover inputs (those of
 * handover_input_list.h), looked up by name once per query.
 */
typedef enum CustodyColumn
{
	COL_PRISON_NUMBER,
	/* the recorded release dates, in release_order's order */
	COL_CONFIRMED_RELEASE_DATE,
	COL_APD,
	COL_HDCAD,
	COL_CRD,
	COL_ARD,
	/* recorded: the day the person was released, if they were */
	COL_RELEASED_ON,
	/* recorded, a blank value stored as NULL */
	COL_COM_NAME,
	COL_COM_EMAIL,
	/* derived by this trigger */
	COL_RELEASE_DATE,
	COL_RESPONSIBILITY,
	COL_HANDOVER_START_DATE,
	COL_HANDOVER_DATE,
	COL_HANDOVER_REASON,
	COL_PERSON_NAME,			/* from 1.2 on; absent before (attnum 0) */
	COL_PERSON_SEX,				/* the same */
	/* derived by the readiness evaluation */
	COL_READINESS,
	COL_READINESS_GAPS,
	COL_READINESS_AS_OF,
	COL_READINESS_DETAILS,		/* from 1.2 on; absent before (attnum 0) */
	CUSTODY_NCOLUMNS
} CustodyColumn;

static const char *const custody_column_names[CUSTODY_NCOLUMNS] = {
	"prison_number", "confirmed_release_date", "apd", "hdcad", "crd", "ard",
	"released_on", "com_name", "com_email", "release_date", "responsibility",
	"handover_start_date", "handover_date", "handover_reason", "person_name", "person_sex",
	"readiness", "readiness_gaps", "readiness_as_of", "readiness_details"
};

#define FIRST_DERIVED_COLUMN COL_RELEASE_DATE
#define FIRST_READINESS_COLUMN COL_READINESS

typedef struct CustodyColumns
{
	Oid			relid;
	int			natts;
	int			attnum[CUSTODY_NCOLUMNS];
	HandoverInputColumns inputs;
	HandoverResponsibilityValues responsibility;	/* the enum's values */
	/* the row, deformed once (heap_getattr per column walks the row) */
	Datum	   *values;
	bool	   *nulls;
	/* on UPDATE, the row before */
	Datum	   *old_values;
	bool	   *old_nulls;
} CustodyColumns;

static SPIPlanPtr person_plan = NULL;

static void
missing_column(Relation rel, const char *name)
{
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_COLUMN),
			 errmsg("column \"%s\" of relation \"%s\" does not exist",
					name, RelationGetRelationName(rel)),
			 errhint("The trigger resettle.custody_derive() belongs on resettle.custody.")));
}

static CustodyColumns *
custody_columns(FunctionCallInfo fcinfo, Relation rel)
{
	CustodyColumns *cols = (CustodyColumns *) fcinfo->flinfo->fn_extra;
	TupleDesc	desc = RelationGetDescr(rel);
	MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;
	const char *missing;
	int			i;

	if (cols != NULL && cols->relid == RelationGetRelid(rel) &&
		cols->natts == desc->natts)
		return cols;
	cols = MemoryContextAlloc(mcxt, sizeof(CustodyColumns));
	cols->relid = RelationGetRelid(rel);
	cols->natts = desc->natts;
	for (i = 0; i < CUSTODY_NCOLUMNS; i++)
	{
		cols->attnum[i] = SPI_fnumber(desc, custody_column_names[i]);
		/* the library serves 1.0 and 1.1 too, which had neither */
		if (cols->attnum[i] <= 0 &&
			(i == COL_READINESS_DETAILS || i == COL_PERSON_NAME || i == COL_PERSON_SEX))
			cols->attnum[i] = 0;
		else if (cols->attnum[i] <= 0)
			missing_column(rel, custody_column_names[i]);
	}
	missing = handover_input_columns(desc, HANDOVER_ROW_CUSTODY, &cols->inputs);
	if (missing != NULL)
		missing_column(rel, missing);
	handover_responsibility_values(TupleDescAttr(desc, cols->attnum[COL_RESPONSIBILITY] - 1)->atttypid,
								   cols->responsibility);
	cols->values = MemoryContextAlloc(mcxt, sizeof(Datum) * desc->natts);
	cols->nulls = MemoryContextAlloc(mcxt, sizeof(bool) * desc->natts);
	cols->old_values = MemoryContextAlloc(mcxt, sizeof(Datum) * desc->natts);
	cols->old_nulls = MemoryContextAlloc(mcxt, sizeof(bool) * desc->natts);
	fcinfo->flinfo->fn_extra = cols;
	return cols;
}

/* A column of the deformed row */
static inline Datum
column_value(const CustodyColumns *cols, CustodyColumn col, bool *isnull)
{
	int			att = cols->attnum[col] - 1;

	*isnull = cols->nulls[att];
	return cols->values[att];
}

static inline void
set_column_value(CustodyColumns *cols, CustodyColumn col, Datum value,
				 bool isnull)
{
	int			att = cols->attnum[col] - 1;

	cols->values[att] = value;
	cols->nulls[att] = isnull;
}

/* A blank value of a text column is none: NULL. */
static void
blank_to_null(CustodyColumns *cols, CustodyColumn col)
{
	bool		isnull;
	Datum		d = column_value(cols, col, &isnull);

	if (!isnull && resettle_text_is_blank(DatumGetTextPP(d)))
		set_column_value(cols, col, (Datum) 0, true);
}

/*
 * The person's date of birth, for the under-18 test of the in-scope gate,
 * and their name, which the episode carries.
 */
typedef struct PersonLookup
{
	Datum		prison_number;
	bool		found;			/* out: a date of birth */
	int32_t		date_of_birth;	/* out */
	bool		has_name;		/* out */
	Datum		name;			/* out: text, in the caller's context */
	bool		has_sex;		/* out */
	Datum		sex;			/* out: text, in the caller's context */
} PersonLookup;

static void
lookup_person_as_owner(void *arg)
{
	PersonLookup *lookup = (PersonLookup *) arg;
	Oid			argtypes[1];
	Datum		values[1];

	SPI_connect();
	if (person_plan == NULL)
	{
		SPIPlanPtr	plan;

		argtypes[0] = resettle_type_oid("prison_number");
		plan = SPI_prepare("SELECT p.date_of_birth, p.name, p.sex FROM resettle.person AS p"
						   " WHERE p.prison_number OPERATOR(pg_catalog.=) $1",
						   1, argtypes);
		if (plan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		SPI_keepplan(plan);
		person_plan = plan;
	}
	values[0] = lookup->prison_number;
	if (SPI_execute_plan(person_plan, values, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "person lookup failed");
	if (SPI_processed == 1)
	{
		HeapTuple	row = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		Datum		d = SPI_getbinval(row, desc, 1, &isnull);

		if (!isnull)
		{
			lookup->date_of_birth = DatumGetDateADT(d);
			lookup->found = true;
		}
		d = SPI_getbinval(row, desc, 2, &isnull);
		if (!isnull)
		{
			/* copied out of SPI's memory, which SPI_finish() frees */
			lookup->name = SPI_datumTransfer(d, false, -1);
			lookup->has_name = true;
		}
		d = SPI_getbinval(row, desc, 3, &isnull);
		if (!isnull)
		{
			lookup->sex = SPI_datumTransfer(d, false, -1);
			lookup->has_sex = true;
		}
	}
	SPI_finish();
}

/*
 * With the owner's rights: staff hold no privilege on resettle.person, and
 * whoever changes the case, the handover must see the person.
 */
static void
lookup_person(Datum prison_number, PersonLookup *lookup)
{
	memset(lookup, 0, sizeof(*lookup));
	lookup->prison_number = prison_number;
	with_owner_rights(lookup_person_as_owner, lookup);
}

/* Refuse an UPDATE that changes a derived column of the deformed row. */
static void
refuse_derived_writes(HeapTuple oldtup, TupleDesc desc, CustodyColumns *cols)
{
	int			col;
	int			last = readiness_recompute_writing() ? FIRST_READINESS_COLUMN : CUSTODY_NCOLUMNS;

	heap_deform_tuple(oldtup, desc, cols->old_values, cols->old_nulls);
	for (col = FIRST_DERIVED_COLUMN; col < last; col++)
	{
		int			att = cols->attnum[col] - 1;
		Form_pg_attribute attr;
		bool		oldnull;

		if (att < 0)
			continue;			/* a column this version of the table lacks */
		attr = TupleDescAttr(desc, att);
		oldnull = cols->old_nulls[att];

		if (oldnull == cols->nulls[att] &&
			(oldnull || datumIsEqual(cols->old_values[att], cols->values[att],
									 attr->attbyval, attr->attlen)))
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
	HeapTuple	newtuple;
	CustodyColumns *cols;
	NullableDatum inputs[HANDOVER_NINPUTS];
	HandoverInput input;
	HandoverResult result;
	bool		isnull;
	Datum		d;
	static const CustodyColumn release_order[] = {
		COL_CONFIRMED_RELEASE_DATE, COL_APD, COL_HDCAD, COL_CRD, COL_ARD
	};
	int			i;
	bool		has_release = false;
	int32_t		release_date = 0;
	DateADT		as_of;
	PersonLookup person;

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
	heap_deform_tuple(tuple, desc, cols->values, cols->nulls);

	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		refuse_derived_writes(trigdata->tg_trigtuple, desc, cols);

	/*
	 * A blank COM name or email is no COM recorded.  Not in the extension's
	 * own writes of the derived columns, which change nothing recorded (and
	 * which the case audit does not record): a database of 1.1, which this
	 * library serves, has its blanks made NULL by its update to 1.2, where
	 * the case audit records each.
	 */
	if (!readiness_recompute_writing())
	{
		blank_to_null(cols, COL_COM_NAME);
		blank_to_null(cols, COL_COM_EMAIL);
	}

	/* release date: first of confirmed, APD, HDCAD, CRD, ARD (domain §4) */
	for (i = 0; i < (int) lengthof(release_order) && !has_release; i++)
	{
		d = column_value(cols, release_order[i], &isnull);
		fact_date(d, isnull, 0, &has_release, &release_date);
	}

	handover_inputs_from_row(&cols->inputs, cols->values, cols->nulls, inputs);
	/* the release date as derived above, not as the row had it */
	inputs[HANDOVER_INPUT_release_date].isnull = !has_release;
	inputs[HANDOVER_INPUT_release_date].value = DateADTGetDatum(release_date);
	/* custody has no date of birth: the person's, and their name */
	d = column_value(cols, COL_PRISON_NUMBER, &isnull);
	memset(&person, 0, sizeof(person));
	if (!isnull)
	{
		lookup_person(d, &person);
		inputs[HANDOVER_INPUT_date_of_birth].isnull = !person.found;
		inputs[HANDOVER_INPUT_date_of_birth].value = DateADTGetDatum(person.date_of_birth);
	}
	/* the extension's own writes store readiness as of readiness_as_of */
	d = column_value(cols, COL_READINESS_AS_OF, &isnull);
	as_of = (readiness_recompute_writing() && !isnull) ? DatumGetDateADT(d) : resettle_today();
	handover_input_fill(&input, inputs, as_of, HANDOVER_RULES_CURRENT);
	handover_run(&input, &result);

	set_column_value(cols, COL_RELEASE_DATE, DateADTGetDatum(release_date),
					 !has_release);
	set_column_value(cols, COL_RESPONSIBILITY,
					 cols->responsibility[result.responsibility],
					 result.responsibility == RESP_NONE);
	set_column_value(cols, COL_HANDOVER_START_DATE,
					 DateADTGetDatum(result.start_date), !result.has_start_date);
	set_column_value(cols, COL_HANDOVER_DATE,
					 DateADTGetDatum(result.handover_date), !result.has_handover_date);
	set_column_value(cols, COL_HANDOVER_REASON,
					 CStringGetTextDatum(result.reason), false);
	/*
	 * A released episode keeps the name and sex it had: a person's
	 * identity is for the prisons holding them (docs/security.md).  A new
	 * episode, or an open one, takes the person's now; an update of a
	 * released one (its release among them) keeps what the row has.
	 */
	if (cols->attnum[COL_PERSON_NAME] > 0)
	{
		bool		open;

		(void) column_value(cols, COL_RELEASED_ON, &open);
		if (open || !TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		{
			set_column_value(cols, COL_PERSON_NAME, person.name, !person.has_name);
			if (cols->attnum[COL_PERSON_SEX] > 0)
				set_column_value(cols, COL_PERSON_SEX, person.sex, !person.has_sex);
		}
	}

	/* as heap_modify_tuple_by_cols() does, without deforming the row again */
	newtuple = heap_form_tuple(desc, cols->values, cols->nulls);
	newtuple->t_data->t_ctid = tuple->t_data->t_ctid;
	newtuple->t_self = tuple->t_self;
	newtuple->t_tableOid = tuple->t_tableOid;
	return PointerGetDatum(newtuple);
}

/*
 * A person's date of birth decides whether their case is in scope (under
 * 18s are not), and each episode carries the person's name and sex: when
 * any of them changes, every open episode of the person is re-derived by an update that
 * changes nothing recorded, which runs the custody triggers.  With the
 * owner's rights, so that the episodes at prisons the changer may not see
 * are re-derived too.
 */
#define REDERIVE_SQL \
"UPDATE resettle.custody AS c SET reception_date = c.reception_date" \
" FROM person_old AS o JOIN person_new AS n" \
"   ON n.prison_number OPERATOR(pg_catalog.=) o.prison_number" \
" WHERE c.prison_number OPERATOR(pg_catalog.=) n.prison_number" \
"   AND (n.date_of_birth IS DISTINCT FROM o.date_of_birth" \
"        OR n.name IS DISTINCT FROM o.name OR n.sex IS DISTINCT FROM o.sex)" \
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
