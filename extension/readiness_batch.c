/*-------------------------------------------------------------------------
 *
 * readiness_batch.c
 *	  Recompute each case once per outermost statement.
 *
 * One statement can write several of the tracked tables (custody and the
 * record tables): data-modifying CTEs, ON DELETE CASCADE, triggers.  Each
 * table's AFTER ... FOR EACH STATEMENT trigger (readiness_after_change)
 * would recompute the cases it saw, evaluating a case once per table.
 * Instead, a BEFORE ... FOR EACH STATEMENT trigger on the same tables
 * (readiness_statement_start) counts the tracked statements under way, each
 * after-statement trigger adds its cases to a pending set and ends one of
 * them, and the one that ends the last recomputes the whole set.  Every
 * tracked statement fires both triggers once per event (an INSERT ... ON
 * CONFLICT DO UPDATE fires each for INSERT and for UPDATE), so the count
 * returns to zero when the outermost statement's triggers are done.
 *
 * A (sub)transaction that aborts takes its statements with it: the count
 * is restored to what it was when the subtransaction began, and so is the
 * pending set when no statement was under way then (a set is only ever
 * recomputed when no statement is under way, so the aborted subtransaction
 * added all of it; with one under way, the set is kept whole: recomputing a
 * case the abort left unchanged is harmless).  A statement still under way
 * at commit means an after-statement trigger did not fire (disabled on its
 * own): the commit fails rather than leave cases stale.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/memutils.h"

#include "resettle.h"

/* tracked statements begun and not yet ended, in this transaction */
static int	open_statements = 0;

/* custody ids changed by those statements, in TopTransactionContext */
static int64 *pending_ids = NULL;
static int	npending = 0;
static int	pending_capacity = 0;

/* open_statements as each open subtransaction began */
typedef struct SavedCount
{
	SubTransactionId subid;
	int			open_statements;
	struct SavedCount *next;
} SavedCount;

static SavedCount *saved_counts = NULL;

static void
reset_batch(void)
{
	open_statements = 0;
	pending_ids = NULL;			/* freed with TopTransactionContext */
	npending = 0;
	pending_capacity = 0;
	saved_counts = NULL;
}

static void
batch_xact_callback(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_PRE_COMMIT:
		case XACT_EVENT_PARALLEL_PRE_COMMIT:
		case XACT_EVENT_PRE_PREPARE:
			if (open_statements > 0 || npending > 0)
				ereport(ERROR,
						(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
						 errmsg("the readiness of the cases this transaction changed was not recomputed"),
						 errdetail("A resettle table's trigger readiness_statement_start fired without its readiness_insert, readiness_update or readiness_delete trigger."),
						 errhint("Enable or disable a resettle table's readiness triggers together.")));
			break;
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_PREPARE:
			reset_batch();
			break;
	}
}

static void
batch_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
					   SubTransactionId parentSubid, void *arg)
{
	SavedCount *saved;

	switch (event)
	{
		case SUBXACT_EVENT_START_SUB:
			saved = MemoryContextAlloc(TopTransactionContext, sizeof(SavedCount));
			saved->subid = mySubid;
			saved->open_statements = open_statements;
			saved->next = saved_counts;
			saved_counts = saved;
			break;
		case SUBXACT_EVENT_ABORT_SUB:
		case SUBXACT_EVENT_COMMIT_SUB:
			if (saved_counts == NULL || saved_counts->subid != mySubid)
				break;
			saved = saved_counts;
			saved_counts = saved->next;
			if (event == SUBXACT_EVENT_ABORT_SUB)
			{
				open_statements = saved->open_statements;
				if (open_statements == 0)
					npending = 0;
			}
			pfree(saved);
			break;
		case SUBXACT_EVENT_PRE_COMMIT_SUB:
			break;
	}
}

void
readiness_batch_init(void)
{
	RegisterXactCallback(batch_xact_callback, NULL);
	RegisterSubXactCallback(batch_subxact_callback, NULL);
}

/*
 * BEFORE ... FOR EACH STATEMENT trigger on custody and each record table:
 * a tracked statement begins.
 */
PG_FUNCTION_INFO_V1(readiness_statement_start);
Datum
readiness_statement_start(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" was not called by trigger manager",
						"readiness_statement_start")));
	if (!TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired BEFORE ... FOR EACH STATEMENT",
						"readiness_statement_start")));
	open_statements++;
	return PointerGetDatum(NULL);
}

/* Add changed custody ids to the pending set. */
void
readiness_batch_add(const int64 *ids, int n)
{
	if (n <= 0)
		return;
	if (npending + n > pending_capacity)
	{
		int			capacity = Max(pending_capacity * 2, npending + n);

		capacity = Max(capacity, 64);
		if (pending_ids == NULL)
			pending_ids = MemoryContextAlloc(TopTransactionContext,
											 sizeof(int64) * capacity);
		else
			pending_ids = repalloc_huge(pending_ids, sizeof(int64) * capacity);
		pending_capacity = capacity;
	}
	memcpy(pending_ids + npending, ids, sizeof(int64) * n);
	npending += n;
}

/*
 * A tracked statement ends.  Returns true when it was the last one under
 * way: the caller then recomputes readiness_batch_take().
 */
bool
readiness_batch_statement_end(void)
{
	if (open_statements > 0)
		open_statements--;
	return open_statements == 0;
}

static int
compare_int64(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return (x > y) - (x < y);
}

/*
 * The pending ids, sorted and without duplicates, palloc'd in the current
 * context; the pending set is emptied.
 */
int64 *
readiness_batch_take(int *n)
{
	int64	   *ids;
	int			i,
				k;

	*n = 0;
	if (npending == 0)
		return NULL;
	qsort(pending_ids, npending, sizeof(int64), compare_int64);
	ids = palloc(sizeof(int64) * npending);
	for (i = 0, k = 0; i < npending; i++)
		if (i == 0 || pending_ids[i] != pending_ids[i - 1])
			ids[k++] = pending_ids[i];
	npending = 0;
	*n = k;
	return ids;
}
