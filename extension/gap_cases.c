/*-------------------------------------------------------------------------
 *
 * gap_cases.c
 *	  resettle.gap_cases(): the cases in custody resettle.gaps() lists, read
 *	  from custody_open_prison_idx directly.
 *
 * A `resettle gaps --prison X` is a new backend, which pays for each
 * relation its plan names: the catalogue entries of the relation and of all
 * its indexes (the planner opens every index of custody, ten of them), the
 * statistics of the columns its conditions name, and planning a scan of
 * each kind of case (stored as of the day with gaps; not stored as of the
 * day) with its join.  Here the one index is read, prison by prison,
 * within the window of release dates (its third key), and a case is read
 * from the heap only when the list shows it:
 *   - a case whose readiness is stored as of the day has gaps exactly when
 *     its stored level is at_risk or not_ready (sql/client/worklists.sql),
 *     so only those cases are read, with their stored gaps;
 *   - a case whose stored readiness is not as of the day is returned with
 *     stale set: resettle.gaps() evaluates it from its facts.
 * The index entry decides, as an index-only scan would, where the heap page
 * is all-visible (the entry's keys and included columns are then those of
 * the visible row); elsewhere the heap row is read and decides.
 *
 * The prisons are resettle.listed_prisons()'s (extension/visibility.c): the
 * one asked for if the caller may see it, else every prison the caller may
 * see, so nothing of another prison is read.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/itup.h"
#include "access/relscan.h"
#include "access/skey.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/visibilitymap.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "resettle.h"

/* the columns of resettle.gap_cases(), in order */
enum
{
	GC_ID,
	GC_PRISON_NUMBER,
	GC_PERSON_NAME,
	GC_PRISON_CODE,
	GC_RELEASE_DATE,
	GC_POM_NAME,
	GC_LEVEL,
	GC_DETAILS,
	GC_STALE,
	GC_COLUMNS
};

/* the heap columns read, by name, in the order of the enum above (GC_STALE: readiness_as_of) */
static const char *const heap_columns[GC_COLUMNS] = {
	"id", "prison_number", "person_name", "prison_code", "release_date",
	"pom_name", "readiness", "readiness_details", "readiness_as_of"
};

/* custody_open_prison_idx: (prison_code, readiness, COALESCE(release_date, 'infinity'))
 * INCLUDE (release_date, readiness_as_of, id) */
#define IX_READINESS 2
#define IX_AS_OF 5

static AttrNumber
custody_column(Relation rel, const char *name)
{
	AttrNumber	attnum = get_attnum(RelationGetRelid(rel), name);

	if (attnum == InvalidAttrNumber)
		elog(ERROR, "column \"%s\" of relation resettle.custody does not exist", name);
	return attnum;
}

/*
 * resettle.gap_cases(prison, low, high, day): the cases in custody at the
 * listed prisons with a release date (none keyed as infinity) from low to
 * high that resettle.gaps() lists as of day: those stored as of the day at
 * a level with gaps, with their stored gaps, and those not stored as of the
 * day (stale; level and details NULL).
 */
PG_FUNCTION_INFO_V1(gap_cases);
Datum
gap_cases(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ArrayType  *prisons = listed_prisons(PG_ARGISNULL(0) ? NULL : PG_GETARG_TEXT_PP(0),
										 PG_GET_COLLATION());
	DateADT		day;
	Datum		low = PG_GETARG_DATUM(1);
	Datum		high = PG_GETARG_DATUM(2);
	Oid			level_type = resettle_type_oid("readiness_level");
	Datum		at_risk = resettle_enum_datum(level_type, "at_risk");
	Datum		not_ready = resettle_enum_datum(level_type, "not_ready");
	Relation	custody;
	Relation	index;
	TupleTableSlot *slot;
	Buffer		vmbuffer = InvalidBuffer;
	AttrNumber	cols[GC_COLUMNS];
	Datum	   *codes;
	bool	   *code_nulls;
	int			ncodes;
	int			p;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		return (Datum) 0;
	day = PG_GETARG_DATEADT(3);
	custody = open_resettle_table("custody");
	index = open_resettle_index("custody_open_prison_idx");
	slot = table_slot_create(custody, NULL);
	for (i = 0; i < GC_COLUMNS; i++)
		cols[i] = custody_column(custody, heap_columns[i]);
	deconstruct_array(prisons, TEXTOID, -1, false, TYPALIGN_INT, &codes, &code_nulls, &ncodes);
	for (p = 0; p < ncodes; p++)
	{
		IndexScanDesc scan;
		ScanKeyData keys[3];
		ItemPointer tid;

		if (code_nulls[p])
			continue;
		ScanKeyInit(&keys[0], 1, BTEqualStrategyNumber, F_TEXTEQ, codes[p]);
		keys[0].sk_collation = index->rd_indcollation[0];
		ScanKeyInit(&keys[1], 3, BTGreaterEqualStrategyNumber, F_DATE_GE, low);
		ScanKeyInit(&keys[2], 3, BTLessEqualStrategyNumber, F_DATE_LE, high);
		scan = index_beginscan(custody, index, GetActiveSnapshot(), 3, 0);
		scan->xs_want_itup = true;
		index_rescan(scan, keys, 3, NULL, 0);
		while ((tid = index_getnext_tid(scan, ForwardScanDirection)) != NULL)
		{
			Datum		values[GC_COLUMNS];
			bool		nulls[GC_COLUMNS];
			bool		isnull;
			bool		stale;
			Datum		level;

			CHECK_FOR_INTERRUPTS();
			if (VM_ALL_VISIBLE(custody, ItemPointerGetBlockNumber(tid), &vmbuffer))
			{
				/* the entry is the visible row's: skip a case with no gaps unread */
				Datum		as_of = index_getattr(scan->xs_itup, IX_AS_OF, scan->xs_itupdesc, &isnull);

				stale = isnull || DatumGetDateADT(as_of) != day;
				level = index_getattr(scan->xs_itup, IX_READINESS, scan->xs_itupdesc, &isnull);
				if (!stale && (isnull || (level != at_risk && level != not_ready)))
					continue;
			}
			if (!index_fetch_heap(scan, slot))
				continue;		/* no version visible to the snapshot */
			for (i = 0; i < GC_COLUMNS; i++)
				values[i] = slot_getattr(slot, cols[i], &nulls[i]);
			/* the heap row decides (the same as the entry where it decided) */
			stale = nulls[GC_STALE] || DatumGetDateADT(values[GC_STALE]) != day;
			level = values[GC_LEVEL];
			if (!stale && (nulls[GC_LEVEL] || (level != at_risk && level != not_ready)))
				continue;
			if (stale)
			{
				nulls[GC_LEVEL] = true;
				nulls[GC_DETAILS] = true;
			}
			values[GC_STALE] = BoolGetDatum(stale);
			nulls[GC_STALE] = false;
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
		index_endscan(scan);
	}
	if (BufferIsValid(vmbuffer))
		ReleaseBuffer(vmbuffer);
	ExecDropSingleTupleTableSlot(slot);
	index_close(index, AccessShareLock);
	table_close(custody, AccessShareLock);
	return (Datum) 0;
}
