/*-------------------------------------------------------------------------
 *
 * case_audit.c
 *	  The case-change audit, resettle.case_audit: the statement triggers
 *	  that record every insert, update and delete of a person, a custody
 *	  episode or one of its records, and the guard that lets only them
 *	  write the table.
 *
 * case_audit_record() is an AFTER ... FOR EACH STATEMENT trigger with
 * transition tables (one per event: a trigger with transition tables can
 * have only one).  Each statement is recorded with one INSERT ... SELECT:
 * inserted and deleted rows straight from the transition table; updated
 * rows by walking the old and new transition tables in step (the n-th old
 * row is the n-th new row: the trigger manager stores both together, so
 * the pairing holds even when a key such as prison_number changes), keeping
 * the rows where a column changed, with the names of the changed columns
 * and of the others.  The statement turns each row into jsonb and removes
 * the unchanged columns' keys (one operator, where picking the changed
 * keys out took a subquery and an aggregate per row).
 *
 * What is recorded is what the former row trigger recorded: for an
 * update, the changed columns (sorted), and their old and new values; for
 * an insert the new row, for a delete the old row, as jsonb.  Updates of
 * custody that change only derived columns are not recorded (the readiness
 * history has them); the extension's own recompute writes are such updates
 * and are skipped without comparing.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/fmgroids.h"
#include "utils/memutils.h"
#include "utils/queryenvironment.h"
#include "utils/rel.h"
#include "utils/rls.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"
#include "utils/varlena.h"

#include "resettle.h"

/* Derived columns of custody: an update changing only these is not recorded. */
static const char *const custody_derived_columns[] = {
	"release_date", "responsibility", "handover_start_date", "handover_date",
	"handover_reason", "person_name", "readiness", "readiness_gaps", "readiness_as_of",
	"readiness_details"
};

typedef enum AuditOperation
{
	AUDIT_INSERT,
	AUDIT_UPDATE,
	AUDIT_DELETE
} AuditOperation;

static const char *const audit_operation_names[] = {"INSERT", "UPDATE", "DELETE"};

/*
 * One saved plan per audited table and operation.  The statement names the
 * columns of that table's row type, so plans are not shared between tables.
 */
typedef struct AuditPlan
{
	Oid			relid;
	NameData	relname;
	AuditOperation op;
	SPIPlanPtr	plan;
} AuditPlan;

#define MAX_AUDIT_PLANS 64
static AuditPlan audit_plans[MAX_AUDIT_PLANS];
static int	n_audit_plans = 0;

/*
 * The statement recording one operation on rel.  "r" is a row of the
 * transition table (inserts, deletes) or of audit_changes (updates: the
 * changed column names, the old row and the new row).  Which columns give
 * the case is decided by the table, as the row trigger did.
 */
static char *
audit_sql(Relation rel, AuditOperation op)
{
	const char *relname = RelationGetRelationName(rel);
	const char *row = (op == AUDIT_UPDATE) ? "(r.new_row)" : "r";
	char	   *custody_expr;
	char	   *person_expr;
	StringInfoData sql;

	if (strcmp(relname, "person") == 0)
	{
		custody_expr = pstrdup("NULL::pg_catalog.int8");
		person_expr = psprintf("%s.prison_number::pg_catalog.text", row);
	}
	else if (strcmp(relname, "custody") == 0)
	{
		custody_expr = psprintf("%s.id", row);
		person_expr = psprintf("%s.prison_number::pg_catalog.text", row);
	}
	else
	{
		if (SPI_fnumber(RelationGetDescr(rel), "custody_id") <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("column \"%s\" of relation \"%s\" does not exist",
							"custody_id", relname),
					 errhint("The trigger resettle.case_audit_record() belongs on person, custody and the record tables.")));
		custody_expr = psprintf("%s.custody_id", row);
		person_expr = pstrdup("NULL::pg_catalog.text");
	}

	initStringInfo(&sql);
	appendStringInfo(&sql,
					 "INSERT INTO resettle.case_audit (table_name, operation, changed_by,"
					 " custody_id, prison_number, changed_columns, old_values, new_values)"
					 " SELECT $1, $2, $3, %s, %s, ", custody_expr, person_expr);
	switch (op)
	{
		case AUDIT_INSERT:
			appendStringInfoString(&sql,
								   "NULL, NULL, pg_catalog.to_jsonb(r) FROM audit_new AS r");
			break;
		case AUDIT_DELETE:
			appendStringInfoString(&sql,
								   "NULL, pg_catalog.to_jsonb(r), NULL FROM audit_old AS r");
			break;
		case AUDIT_UPDATE:
			appendStringInfoString(&sql,
								   "r.changed,"
								   " pg_catalog.to_jsonb(r.old_row) OPERATOR(pg_catalog.-) r.unchanged,"
								   " pg_catalog.to_jsonb(r.new_row) OPERATOR(pg_catalog.-) r.unchanged"
								   " FROM audit_changes AS r");
			break;
	}
	return sql.data;
}

static SPIPlanPtr
audit_plan(Relation rel, AuditOperation op)
{
	Oid			relid = RelationGetRelid(rel);
	Oid			argtypes[3] = {NAMEOID, TEXTOID, NAMEOID};
	SPIPlanPtr	plan;
	int			i;

	for (i = 0; i < n_audit_plans; i++)
		if (audit_plans[i].relid == relid && audit_plans[i].op == op &&
			strcmp(NameStr(audit_plans[i].relname), RelationGetRelationName(rel)) == 0)
			return audit_plans[i].plan;

	plan = SPI_prepare(audit_sql(rel, op), 3, argtypes);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	/* past the cache's size the plan is used once and freed by SPI_finish */
	if (n_audit_plans < MAX_AUDIT_PLANS)
	{
		SPI_keepplan(plan);
		audit_plans[n_audit_plans].relid = relid;
		namestrcpy(&audit_plans[n_audit_plans].relname, RelationGetRelationName(rel));
		audit_plans[n_audit_plans].op = op;
		audit_plans[n_audit_plans].plan = plan;
		n_audit_plans++;
	}
	return plan;
}

/* qsort comparator: column names in the database's default collation */
static int
compare_names(const void *a, const void *b)
{
	const char *x = *(const char *const *) a;
	const char *y = *(const char *const *) b;

	return varstr_cmp(x, strlen(x), y, strlen(y), DEFAULT_COLLATION_OID);
}

/* A text[] of names; elems is scratch space for n Datums. */
static Datum
text_array(const char **names, int n, Datum *elems)
{
	int			i;

	for (i = 0; i < n; i++)
		elems[i] = CStringGetTextDatum(names[i]);
	return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

static bool
is_custody_derived(const char *name)
{
	int			i;

	for (i = 0; i < (int) lengthof(custody_derived_columns); i++)
		if (strcmp(name, custody_derived_columns[i]) == 0)
			return true;
	return false;
}

/*
 * Walk the old and new transition tables of an UPDATE in step and put the
 * rows with a changed column into a tuplestore of (changed text[],
 * unchanged text[], old_row, new_row).  Returns NULL when no row is to be
 * recorded.
 */
static Tuplestorestate *
collect_changes(TriggerData *trigdata, TupleDesc *changes_desc)
{
	Relation	rel = trigdata->tg_relation;
	TupleDesc	desc = RelationGetDescr(rel);
	bool		is_custody = strcmp(RelationGetRelationName(rel), "custody") == 0;
	Tuplestorestate *changes = NULL;
	TupleDesc	out_desc;
	TupleTableSlot *oldslot;
	TupleTableSlot *newslot;
	const char **names = palloc(sizeof(char *) * (desc->natts + 1));
	const char **unchanged = palloc(sizeof(char *) * (desc->natts + 1));
	Datum	   *elems = palloc(sizeof(Datum) * (desc->natts + 1));
	MemoryContext rowcxt;
	MemoryContext oldcxt;

	out_desc = CreateTemplateTupleDesc(4);
	TupleDescInitEntry(out_desc, 1, "changed", TEXTARRAYOID, -1, 0);
	TupleDescInitEntry(out_desc, 2, "unchanged", TEXTARRAYOID, -1, 0);
	TupleDescInitEntry(out_desc, 3, "old_row", rel->rd_rel->reltype, -1, 0);
	TupleDescInitEntry(out_desc, 4, "new_row", rel->rd_rel->reltype, -1, 0);
	*changes_desc = out_desc;

	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "case audit row",
								   ALLOCSET_DEFAULT_SIZES);
	oldslot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	newslot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	tuplestore_rescan(trigdata->tg_oldtable);
	tuplestore_rescan(trigdata->tg_newtable);
	for (;;)
	{
		bool		has_old = tuplestore_gettupleslot(trigdata->tg_oldtable, true, false, oldslot);
		bool		has_new = tuplestore_gettupleslot(trigdata->tg_newtable, true, false, newslot);
		int			nchanged = 0;
		int			nunchanged = 0;
		bool		only_derived = true;
		int			i;

		if (!has_old && !has_new)
			break;
		if (has_old != has_new)
			elog(ERROR, "transition tables of an UPDATE on \"%s\" differ in length",
				 RelationGetRelationName(rel));

		slot_getallattrs(oldslot);
		slot_getallattrs(newslot);
		for (i = 0; i < desc->natts; i++)
		{
			Form_pg_attribute att = TupleDescAttr(desc, i);
			bool		oldnull = oldslot->tts_isnull[i];
			bool		newnull = newslot->tts_isnull[i];

			if (att->attisdropped)
				continue;
			if (oldnull == newnull &&
				(oldnull ||
				 datum_image_eq(oldslot->tts_values[i], newslot->tts_values[i],
								att->attbyval, att->attlen)))
			{
				unchanged[nunchanged++] = NameStr(att->attname);
				continue;
			}
			names[nchanged++] = NameStr(att->attname);
			if (!is_custody || !is_custody_derived(NameStr(att->attname)))
				only_derived = false;
		}
		if (nchanged == 0 || (is_custody && only_derived))
			continue;

		oldcxt = MemoryContextSwitchTo(rowcxt);
		{
			Datum		values[4];
			bool		nulls[4] = {false, false, false, false};

			qsort(names, nchanged, sizeof(char *), compare_names);
			values[0] = text_array(names, nchanged, elems);
			values[1] = text_array(unchanged, nunchanged, elems);
			values[2] = ExecFetchSlotHeapTupleDatum(oldslot);
			values[3] = ExecFetchSlotHeapTupleDatum(newslot);
			MemoryContextSwitchTo(oldcxt);
			if (changes == NULL)
				changes = tuplestore_begin_heap(false, false, work_mem);
			tuplestore_putvalues(changes, out_desc, values, nulls);
		}
		MemoryContextReset(rowcxt);
	}
	ExecDropSingleTupleTableSlot(oldslot);
	ExecDropSingleTupleTableSlot(newslot);
	MemoryContextDelete(rowcxt);
	return changes;
}

/* One statement's audit insert, run with the owner's rights. */
typedef struct AuditCall
{
	TriggerData *trigdata;
	AuditOperation op;
	Tuplestorestate *changes;	/* an update's changed rows, else NULL */
	TupleDesc	changes_desc;
} AuditCall;

/*
 * Insert the audit rows of a statement.  No role is granted INSERT on
 * resettle.case_audit: the insert runs as the extension's owner, naming
 * the acting user as changed_by (owner_rights.c).
 */
static void
record_as_owner(void *arg)
{
	AuditCall  *call = (AuditCall *) arg;
	TriggerData *trigdata = call->trigdata;
	Datum		values[3];

	SPI_connect();
	if (SPI_register_trigger_data(trigdata) != SPI_OK_TD_REGISTER)
		elog(ERROR, "could not register transition tables");
	if (call->changes != NULL)
	{
		EphemeralNamedRelation enr = palloc0(sizeof(EphemeralNamedRelationData));

		enr->md.name = "audit_changes";
		enr->md.reliddesc = InvalidOid;
		enr->md.tupdesc = call->changes_desc;
		enr->md.enrtype = ENR_NAMED_TUPLESTORE;
		enr->md.enrtuples = tuplestore_tuple_count(call->changes);
		enr->reldata = call->changes;
		if (SPI_register_relation(enr) != SPI_OK_REL_REGISTER)
			elog(ERROR, "could not register the changed rows");
	}

	values[0] = DirectFunctionCall1(namein,
									CStringGetDatum(RelationGetRelationName(trigdata->tg_relation)));
	values[1] = CStringGetTextDatum(audit_operation_names[call->op]);
	values[2] = DirectFunctionCall1(namein,
									CStringGetDatum(GetUserNameFromId(acting_user_id(), false)));
	if (SPI_execute_plan(audit_plan(trigdata->tg_relation, call->op), values, NULL,
						 false, 0) != SPI_OK_INSERT)
		elog(ERROR, "case audit insert failed");
	SPI_finish();
}

/*
 * AFTER INSERT, UPDATE or DELETE ... FOR EACH STATEMENT with the transition
 * table(s) named audit_new and audit_old, on person, custody and the record
 * tables.
 */
PG_FUNCTION_INFO_V1(case_audit_record);
Datum
case_audit_record(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	AuditOperation op;
	Tuplestorestate *changes = NULL;
	TupleDesc	changes_desc = NULL;
	AuditCall	call;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" was not called by trigger manager",
						"case_audit_record")));
	if (!TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired AFTER ... FOR EACH STATEMENT",
						"case_audit_record")));

	if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
		op = AUDIT_INSERT;
	else if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		op = AUDIT_UPDATE;
	else if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		op = AUDIT_DELETE;
	else
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired for INSERT, UPDATE or DELETE",
						"case_audit_record")));
	if ((op != AUDIT_INSERT && trigdata->tg_oldtable == NULL) ||
		(op != AUDIT_DELETE && trigdata->tg_newtable == NULL))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" needs the transition tables of its event",
						"case_audit_record"),
				 errhint("Declare REFERENCING OLD TABLE AS audit_old and/or NEW TABLE AS audit_new.")));

	/*
	 * The extension's own readiness recompute updates only derived custody
	 * columns, which are not recorded.
	 */
	if (readiness_recompute_writing() && op == AUDIT_UPDATE &&
		strcmp(RelationGetRelationName(trigdata->tg_relation), "custody") == 0)
		return PointerGetDatum(NULL);

	/*
	 * A restore (pg_dump output sets row_security = off, which only a role
	 * bypassing row security can use here) brings the audit rows with it:
	 * do not record the restored rows again.
	 */
	if (!row_security && (superuser() || has_bypassrls_privilege(GetUserId())))
		return PointerGetDatum(NULL);

	if (op == AUDIT_UPDATE)
	{
		changes = collect_changes(trigdata, &changes_desc);
		if (changes == NULL)
			return PointerGetDatum(NULL);
	}

	call.trigdata = trigdata;
	call.op = op;
	call.changes = changes;
	call.changes_desc = changes_desc;
	with_owner_rights(record_as_owner, &call);
	if (changes != NULL)
		tuplestore_end(changes);
	return PointerGetDatum(NULL);
}

/*
 * BEFORE INSERT ... FOR EACH ROW on resettle.case_audit.  Only the audit
 * trigger's own insert (as the extension's owner, a superuser, naming the
 * acting user) and a superuser's restore of a dump, which keeps the rows'
 * who and when, may write; no role is granted INSERT either, so anyone
 * else's insert, from a trigger of their own or not, is refused.
 */
PG_FUNCTION_INFO_V1(case_audit_guard);
Datum
case_audit_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" was not called by trigger manager",
						"case_audit_guard")));
	if (!TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		!TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired BEFORE INSERT FOR EACH ROW",
						"case_audit_guard")));

	if (!superuser())
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("rows of \"%s\" are written only by the resettle extension",
						RelationGetRelationName(trigdata->tg_relation)),
				 errhint("Change the case; the change is recorded automatically.")));
	return PointerGetDatum(trigdata->tg_trigtuple);
}
