/*-------------------------------------------------------------------------
 *
 * case_data.c
 *	  resettle.case_data(): what the case card shows of one case, read by
 *	  direct index scans.
 *
 * Every `resettle case` is a new backend, which pays for each relation a
 * plan names: its catalogue entry and those of all its indexes (the planner
 * opens every index of a relation it plans), the statistics of the columns
 * its conditions name, and the planning itself.  The card read its case
 * through a view of ten relations (the episode, the person, the prison and
 * seven tables of records) and worded each kind of record in a branch of
 * its own, planned in every call; here each table is read through the one
 * index that finds the case's rows, with no plan at all, and the records'
 * lines are worded as they are read, so the card's statement
 * (sql/client/case_card.sql) plans only function calls and the sections of
 * the episode, its readiness and its pathways.
 *
 * The episode is the one resettle.case_episode() finds (an episode at a
 * prison the caller may see: extension/visibility.c), so nothing of a case
 * the caller may not see is read; its records are read by its id: the
 * pathway statuses by pathway (the order of the primary key), returned for
 * the card's pathway lines, and the records the rules read, returned as
 * the card's lines (sections 7 to 12, worded here): the accommodation and
 * the handover checklist ("nothing recorded" where none is), the ID
 * documents by id, the bank accounts and applications in the order the
 * rules read them (the latest first), the support needs by need (the order
 * of the primary key), and the last five readiness changes, latest first.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/skey.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/typcache.h"

#include "resettle.h"

/* the OUT columns of resettle.case_data(), in order */
enum
{
	CD_CUSTODY,
	CD_PERSON,
	CD_PRISON_NAME,
	CD_PATHWAY_STATUSES,
	CD_RECORD_LINES,
	CD_COLUMNS
};

/* a row read, with the key it is ordered by where the index does not */
typedef struct KeyedRow
{
	int64		key;
	Datum		row;
} KeyedRow;

static int
compare_keyed(const void *a, const void *b)
{
	int64		x = ((const KeyedRow *) a)->key;
	int64		y = ((const KeyedRow *) b)->key;

	return (x > y) - (x < y);
}

/*
 * The rows of a table that an index scan with one equality key returns, in
 * the index's order (or backwards), at most limit of them (0: all), each as
 * a composite datum of the table's row type; with order_by, sorted by that
 * bigint column.  *n is how many.
 */
static KeyedRow *
read_rows(const char *table, const char *index_name, Oid eqproc, Datum value,
		  ScanDirection dir, int limit, const char *order_by, int *n, Oid *rowtype)
{
	Relation	rel = open_resettle_table(table);
	Relation	index = open_resettle_index(index_name);
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	IndexScanDesc scan = index_beginscan(rel, index, GetActiveSnapshot(), 1, 0);
	AttrNumber	key_col = InvalidAttrNumber;
	ScanKeyData key;
	KeyedRow   *rows = NULL;
	int			cap = 0;

	if (order_by != NULL)
	{
		key_col = get_attnum(RelationGetRelid(rel), order_by);
		if (key_col == InvalidAttrNumber)
			elog(ERROR, "column \"%s\" of relation resettle.%s does not exist", order_by, table);
	}
	ScanKeyInit(&key, 1, BTEqualStrategyNumber, eqproc, value);
	key.sk_collation = index->rd_indcollation[0];
	index_rescan(scan, &key, 1, NULL, 0);
	*n = 0;
	while ((limit == 0 || *n < limit) && index_getnext_slot(scan, dir, slot))
	{
		bool		free_tuple;
		HeapTuple	tuple = ExecFetchSlotHeapTuple(slot, false, &free_tuple);

		if (*n == cap)
		{
			cap = cap == 0 ? 8 : cap * 2;
			rows = rows == NULL ? palloc(sizeof(KeyedRow) * cap)
				: repalloc(rows, sizeof(KeyedRow) * cap);
		}
		rows[*n].key = 0;
		if (key_col != InvalidAttrNumber)
		{
			bool		isnull;
			Datum		k = heap_getattr(tuple, key_col, RelationGetDescr(rel), &isnull);

			rows[*n].key = isnull ? PG_INT64_MAX : DatumGetInt64(k);
		}
		rows[*n].row = heap_copy_tuple_as_datum(tuple, RelationGetDescr(rel));
		if (free_tuple)
			heap_freetuple(tuple);
		(*n)++;
	}
	index_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	*rowtype = rel->rd_rel->reltype;
	index_close(index, AccessShareLock);
	table_close(rel, AccessShareLock);
	if (order_by != NULL && *n > 1)
		qsort(rows, *n, sizeof(KeyedRow), compare_keyed);
	return rows;
}

/* The one row an index finds by an equality key, or (Datum) 0. */
static Datum
read_one(const char *table, const char *index, Oid eqproc, Datum value, bool *isnull)
{
	int			n;
	Oid			rowtype;
	KeyedRow   *rows = read_rows(table, index, eqproc, value, ForwardScanDirection, 1,
								 NULL, &n, &rowtype);

	*isnull = (n == 0);
	return n == 0 ? (Datum) 0 : rows[0].row;
}

/* The rows of a case's records as an array of the table's row type. */
static Datum
records_array(const char *table, const char *index, int64 custody_id,
			  ScanDirection dir, int limit, const char *order_by)
{
	int			n;
	int			i;
	Oid			rowtype;
	KeyedRow   *rows = read_rows(table, index, F_INT8EQ, Int64GetDatum(custody_id),
								 dir, limit, order_by, &n, &rowtype);
	Datum	   *elems;

	if (n == 0)
		return PointerGetDatum(construct_empty_array(rowtype));
	elems = palloc(sizeof(Datum) * n);
	for (i = 0; i < n; i++)
		elems[i] = rows[i].row;
	return PointerGetDatum(construct_array(elems, n, rowtype, -1, false, TYPALIGN_DOUBLE));
}

/* A field of a composite datum of a table's row type. */
static Datum
field_of(Datum row, const char *table, const char *column, bool *isnull)
{
	HeapTupleHeader header = DatumGetHeapTupleHeader(row);
	TupleDesc	desc = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(header),
											  HeapTupleHeaderGetTypMod(header));
	HeapTupleData tuple;
	AttrNumber	attnum = InvalidAttrNumber;
	Datum		value;
	int			i;

	for (i = 0; i < desc->natts; i++)
		if (!TupleDescAttr(desc, i)->attisdropped &&
			strcmp(NameStr(TupleDescAttr(desc, i)->attname), column) == 0)
			attnum = i + 1;
	if (attnum == InvalidAttrNumber)
		elog(ERROR, "column \"%s\" of relation resettle.%s does not exist", column, table);
	tuple.t_len = HeapTupleHeaderGetDatumLength(header);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = header;
	value = heap_getattr(&tuple, attnum, desc, isnull);
	ReleaseTupleDesc(desc);
	return value;
}

/* a bank account or application with what the rules order them by */
typedef struct BankRow
{
	DateADT		latest;			/* COALESCE(applied_on, status_on) */
	bool		active;			/* status held, pending or opened */
	DateADT		status_on;
	int64		id;
	Datum		row;
} BankRow;

/* the latest first (docs/rules.md "The latest bank application") */
static int
compare_bank(const void *a, const void *b)
{
	const BankRow *x = a;
	const BankRow *y = b;

	if (x->latest != y->latest)
		return x->latest > y->latest ? -1 : 1;
	if (x->active != y->active)
		return x->active ? -1 : 1;
	if (x->status_on != y->status_on)
		return x->status_on > y->status_on ? -1 : 1;
	return (x->id < y->id) - (x->id > y->id);
}

/*
 * A case's bank accounts and applications, in the order the rules read
 * them: by COALESCE(applied_on, status_on), then held, pending or opened
 * first, then status_on and id, each latest first; so the application the
 * rules read is the first.
 */
static BankRow *
bank_accounts(int64 custody_id, int *n_out)
{
	int			n;
	int			i;
	Oid			rowtype;
	KeyedRow   *rows = read_rows("bank_account", "bank_account_custody_idx", F_INT8EQ,
								 Int64GetDatum(custody_id), ForwardScanDirection, 0,
								 "id", &n, &rowtype);
	BankRow    *banks;

	*n_out = n;
	banks = palloc(sizeof(BankRow) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		bool		applied_null;
		bool		status_on_null;
		bool		status_null;
		Datum		applied = field_of(rows[i].row, "bank_account", "applied_on", &applied_null);
		Datum		status_on = field_of(rows[i].row, "bank_account", "status_on", &status_on_null);
		Datum		status = field_of(rows[i].row, "bank_account", "status", &status_null);
		char	   *st = status_null ? NULL : TextDatumGetCString(status);

		/* status and status_on are NOT NULL */
		banks[i].status_on = status_on_null ? DATEVAL_NOBEGIN : DatumGetDateADT(status_on);
		banks[i].latest = applied_null ? banks[i].status_on : DatumGetDateADT(applied);
		banks[i].active = st != NULL && (strcmp(st, "held") == 0 || strcmp(st, "pending") == 0 ||
										 strcmp(st, "opened") == 0);
		banks[i].id = rows[i].key;
		banks[i].row = rows[i].row;
	}
	if (n > 1)
		qsort(banks, n, sizeof(BankRow), compare_bank);
	return banks;
}

/* The card's lines of the records, as resettle.card_line values. */
typedef struct Lines
{
	TupleDesc	desc;			/* of resettle.card_line */
	Datum	   *elems;
	int			n;
	int			cap;
} Lines;

static void
add_line(Lines *lines, int s, int n, const char *section, const char *field, const char *value)
{
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	values[0] = Int32GetDatum(s);
	values[1] = Int32GetDatum(n);
	values[2] = CStringGetTextDatum(section);
	nulls[3] = (field == NULL);
	values[3] = field == NULL ? (Datum) 0 : CStringGetTextDatum(field);
	nulls[4] = (value == NULL);
	values[4] = value == NULL ? (Datum) 0 : CStringGetTextDatum(value);
	if (lines->n == lines->cap)
	{
		lines->cap = lines->cap == 0 ? 32 : lines->cap * 2;
		lines->elems = lines->elems == NULL ? palloc(sizeof(Datum) * lines->cap)
			: repalloc(lines->elems, sizeof(Datum) * lines->cap);
	}
	lines->elems[lines->n++] = HeapTupleGetDatum(heap_form_tuple(lines->desc, values, nulls));
}

/* A field of a record as text (its type's output: a date as DateStyle has it), or NULL. */
static char *
text_of(Datum row, const char *table, const char *column)
{
	HeapTupleHeader header = DatumGetHeapTupleHeader(row);
	TupleDesc	desc = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(header),
											  HeapTupleHeaderGetTypMod(header));
	Oid			type = InvalidOid;
	Oid			output;
	bool		varlena;
	bool		isnull;
	Datum		value;
	int			i;

	for (i = 0; i < desc->natts; i++)
		if (!TupleDescAttr(desc, i)->attisdropped &&
			strcmp(NameStr(TupleDescAttr(desc, i)->attname), column) == 0)
			type = TupleDescAttr(desc, i)->atttypid;
	ReleaseTupleDesc(desc);
	value = field_of(row, table, column, &isnull);
	if (isnull)
		return NULL;
	getTypeOutputInfo(type, &output, &varlena);
	return OidOutputFunctionCall(output, value);
}

static bool
bool_of(Datum row, const char *table, const char *column)
{
	bool		isnull;
	Datum		value = field_of(row, table, column, &isnull);

	return !isnull && DatumGetBool(value);
}

/* s with every '_' a space (replace(s, '_', ' ')), NULL for NULL */
static char *
spaced(const char *s)
{
	char	   *r;
	char	   *c;

	if (s == NULL)
		return NULL;
	r = pstrdup(s);
	for (c = r; *c; c++)
		if (*c == '_')
			*c = ' ';
	return r;
}

/*
 * The card's lines of a case's records (docs/rules.md "The case card"):
 * accommodation (7), ID documents (8), bank accounts and applications (9),
 * support needs (10), the handover checklist (11) and the last readiness
 * changes (12), numbered within each section, worded as the rules read
 * them; "none" and "nothing recorded" where a record is missing.
 */
static Datum
record_lines(int64 id, const char *handover_type)
{
	Lines		lines = {0};
	bool		isnull;
	Datum		row;
	KeyedRow   *rows;
	BankRow    *banks;
	Oid			rowtype;
	int			n;
	int			i;

	lines.desc = lookup_rowtype_tupdesc_copy(resettle_type_oid("card_line"), -1);
	lines.desc = BlessTupleDesc(lines.desc);

	/* accommodation: its one record, or none */
	row = read_one("accommodation", "accommodation_pkey", F_INT8EQ, Int64GetDatum(id), &isnull);
	if (isnull)
		add_line(&lines, 7, 0, "accommodation", "none", "nothing recorded");
	else
	{
		char	   *plan = text_of(row, "accommodation", "release_plan");
		char	   *lived = spaced(text_of(row, "accommodation", "lived_before"));
		char	   *duty = text_of(row, "accommodation", "duty_to_refer_on");

		if (plan != NULL && (strcmp(plan, "cas2") == 0 || strcmp(plan, "cas3") == 0))
			plan = psprintf("CAS%c", plan[3]);
		else
			plan = spaced(plan);
		add_line(&lines, 7, 1, "accommodation", "release_plan", plan);
		add_line(&lines, 7, 2, "accommodation", "address_confirmed",
				 bool_of(row, "accommodation", "address_confirmed") ? "yes" : "no");
		add_line(&lines, 7, 3, "accommodation", "lived_before", lived ? lived : "not recorded");
		add_line(&lines, 7, 4, "accommodation", "at_risk_of_homelessness",
				 bool_of(row, "accommodation", "at_risk_of_homelessness") ? "yes" : "no");
		add_line(&lines, 7, 5, "accommodation", "duty_to_refer_on", duty ? duty : "not referred");
		add_line(&lines, 7, 6, "accommodation", "updated_on",
				 text_of(row, "accommodation", "updated_on"));
	}

	/* ID documents held and applied for, in the order recorded */
	rows = read_rows("id_document", "id_document_custody_idx", F_INT8EQ, Int64GetDatum(id),
					 ForwardScanDirection, 0, "id", &n, &rowtype);
	if (n == 0)
		add_line(&lines, 8, 1, "id_document", "none", "nothing recorded");
	for (i = 0; i < n; i++)
	{
		char	   *applied = text_of(rows[i].row, "id_document", "applied_on");

		add_line(&lines, 8, i + 1, "id_document", text_of(rows[i].row, "id_document", "document_type"),
				 psprintf("%s%s%s, updated %s",
						  spaced(text_of(rows[i].row, "id_document", "status")),
						  applied ? ", applied " : "", applied ? applied : "",
						  text_of(rows[i].row, "id_document", "status_on")));
	}

	/* bank accounts held or opened, and applications: the latest first */
	banks = bank_accounts(id, &n);
	if (n == 0)
		add_line(&lines, 9, 1, "bank_account", "none", "nothing recorded");
	for (i = 0; i < n; i++)
	{
		char	   *status = text_of(banks[i].row, "bank_account", "status");
		char	   *bank = text_of(banks[i].row, "bank_account", "bank_name");
		char	   *applied = text_of(banks[i].row, "bank_account", "applied_on");

		add_line(&lines, 9, i + 1, "bank_account",
				 strcmp(status, "held") == 0 || strcmp(status, "opened") == 0 ? "account" : "application",
				 psprintf("%s%s%s%s%s, updated %s", spaced(status),
						  bank ? " at " : "", bank ? bank : "",
						  applied ? ", applied " : "", applied ? applied : "",
						  text_of(banks[i].row, "bank_account", "status_on")));
	}

	/* support needs, by need */
	rows = read_rows("support_need", "support_need_pkey", F_INT8EQ, Int64GetDatum(id),
					 ForwardScanDirection, 0, NULL, &n, &rowtype);
	if (n == 0)
		add_line(&lines, 10, 1, "support_need", "none", "nothing recorded");
	for (i = 0; i < n; i++)
	{
		char	   *responsible = text_of(rows[i].row, "support_need", "responsible");
		char	   *note = text_of(rows[i].row, "support_need", "note");

		add_line(&lines, 10, i + 1, "support_need", text_of(rows[i].row, "support_need", "need"),
				 psprintf("%s, %s responsible, updated %s%s%s",
						  spaced(text_of(rows[i].row, "support_need", "status")),
						  strcmp(responsible, "both") == 0 ? "prison and probation" : responsible,
						  text_of(rows[i].row, "support_need", "updated_on"),
						  note ? " - " : "", note ? note : ""));
	}

	/*
	 * the handover checklist: every item, not done where nothing is recorded
	 * (as the rules read it), and which items the case's handover type needs
	 */
	row = read_one("handover_checklist", "handover_checklist_pkey", F_INT8EQ, Int64GetDatum(id),
				   &isnull);
	{
		static const char *const items[4] = {
			"reviewed_oasys", "contacted_com", "attended_handover_meeting", "sent_handover_report"
		};
		bool		enhanced = strcmp(handover_type, "enhanced") == 0;
		bool		standard = strcmp(handover_type, "standard") == 0;
		bool		needed[4] = {enhanced, enhanced || standard, enhanced, standard};
		char	   *updated = isnull ? NULL : text_of(row, "handover_checklist", "updated_on");

		for (i = 0; i < 4; i++)
			add_line(&lines, 11, i + 1, "handover_checklist", items[i],
					 !isnull && bool_of(row, "handover_checklist", items[i]) ? "done"
					 : needed[i] ? psprintf("not done (needed for the %s handover)", handover_type)
					 : "not done");
		add_line(&lines, 11, 5, "handover_checklist", "updated_on",
				 updated ? updated : "nothing recorded");
	}

	/* the last five readiness changes, latest first */
	rows = read_rows("readiness_history", "readiness_history_custody_idx", F_INT8EQ,
					 Int64GetDatum(id), BackwardScanDirection, 5, NULL, &n, &rowtype);
	for (i = 0; i < n; i++)
	{
		char	   *from = text_of(rows[i].row, "readiness_history", "from_level");

		add_line(&lines, 12, i + 1, "history", text_of(rows[i].row, "readiness_history", "as_of"),
				 psprintf("%s -> %s", from ? from : "(none)",
						  text_of(rows[i].row, "readiness_history", "to_level")));
	}

	return PointerGetDatum(construct_array(lines.elems, lines.n, lines.desc->tdtypeid, -1, false,
										   TYPALIGN_DOUBLE));
}

/*
 * resettle.case_data(prison_number): the case the card shows, NULL when
 * the caller may see none of the person's episodes (or the person is
 * missing).
 */
PG_FUNCTION_INFO_V1(case_data);
Datum
case_data(PG_FUNCTION_ARGS)
{
	Oid			type = get_fn_expr_argtype(fcinfo->flinfo, 0);
	TupleDesc	desc;
	Datum		values[CD_COLUMNS];
	bool		nulls[CD_COLUMNS];
	int64		id;
	bool		isnull;
	bool		code_null;
	Datum		prison_number;
	Datum		prison_code;
	Oid			eqop;
	Relation	index;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "resettle.case_data() must return a record");
	if (!case_episode_find(PG_GETARG_DATUM(0), type, &id))
		PG_RETURN_NULL();
	memset(nulls, false, sizeof(nulls));

	values[CD_CUSTODY] = read_one("custody", "custody_pkey", F_INT8EQ, Int64GetDatum(id), &isnull);
	if (isnull)
		PG_RETURN_NULL();
	prison_number = field_of(values[CD_CUSTODY], "custody", "prison_number", &isnull);
	prison_code = field_of(values[CD_CUSTODY], "custody", "prison_code", &code_null);

	/* the person, by the prison number's own equality */
	index = open_resettle_index("person_pkey");
	eqop = get_opfamily_member(index->rd_opfamily[0], type, type, BTEqualStrategyNumber);
	index_close(index, AccessShareLock);
	if (!OidIsValid(eqop))
		elog(ERROR, "no equality operator for type %u", type);
	values[CD_PERSON] = read_one("person", "person_pkey", get_opcode(eqop), prison_number, &isnull);
	if (isnull)
		PG_RETURN_NULL();

	values[CD_PRISON_NAME] = (Datum) 0;
	nulls[CD_PRISON_NAME] = true;
	if (!code_null)
	{
		bool		none;
		Datum		prison = read_one("prison", "prison_pkey", F_TEXTEQ, prison_code, &none);

		if (!none)
			values[CD_PRISON_NAME] = field_of(prison, "prison", "name", &nulls[CD_PRISON_NAME]);
	}

	values[CD_PATHWAY_STATUSES] = records_array("pathway_status", "pathway_status_pkey", id,
												ForwardScanDirection, 0, NULL);
	{
		char	   *reason = text_of(values[CD_CUSTODY], "custody", "handover_reason");
		bool		enhanced_null;
		Datum		enhanced = field_of(values[CD_CUSTODY], "custody", "enhanced_handover",
										&enhanced_null);

		/*
		 * the handover type, as resettle.handover_type()
		 * (sql/functions/handover_flags.sql) words it for the card's
		 * handover section: the checklist says which items it needs
		 */
		values[CD_RECORD_LINES] = record_lines(id,
											   reason == NULL || strncmp(reason, "out_of_scope_", 13) == 0 ? "missing"
											   : strcmp(reason, "determinate_short") == 0 ? "none"
											   : enhanced_null || DatumGetBool(enhanced) ? "enhanced"
											   : "standard");
	}

	desc = BlessTupleDesc(desc);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
