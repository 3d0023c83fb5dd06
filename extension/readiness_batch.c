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
 * (readiness_statement_start) records the tracked statements under way, each
 * after-statement trigger adds its cases to a pending set and ends one of
 * them, and the one that ends the last recomputes the whole set.  Every
 * tracked statement fires both triggers once per event (an INSERT ... ON
 * CONFLICT DO UPDATE fires each for INSERT and for UPDATE), so none is left
 * under way when the outermost statement's triggers are done.
 *
 * A bulk load can defer further, to the end of the transaction:
 * resettle.defer_recompute() keeps the pending set across statements until
 * resettle.recompute_deferred() recomputes it, so a load of one COPY per
 * table evaluates each case once instead of once per table.  Commit refuses
 * a transaction that deferred and left cases pending, so no stale readiness
 * is ever committed (docs/operations.md "Bulk loads").
 *
 * A (sub)transaction that aborts takes its statements with it, and the
 * pending set too when no statement is left under way (the set is
 * recomputed whenever none is, so the aborted subtransaction added all of
 * it; with one left, the set is kept whole: recomputing a case the abort
 * left unchanged is harmless).  A statement still under way at commit means
 * an after-statement trigger did not fire (disabled on its own): the commit
 * fails rather than leave cases stale.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/memutils.h"

#include "resettle.h"

/*
 * The tracked statements begun and not yet ended in this transaction, as
 * the subtransaction each began in (a stack: a statement ends in the
 * subtransaction it began in, after any nested one), in TopTransactionContext.
 */
static SubTransactionId *open_statements = NULL;
static int	nopen = 0;
static int	open_capacity = 0;

/* custody ids changed by those statements, in TopTransactionContext */
static int64 *pending_ids = NULL;
static int	npending = 0;
static int	pending_capacity = 0;

/* npending after the last compaction (sorted and unique up to there) */
static int	ncompacted = 0;

/*
 * The subtransaction that called resettle.defer_recompute(), or
 * InvalidSubTransactionId when recomputes are not deferred.
 */
static SubTransactionId deferred_since = InvalidSubTransactionId;

static void
reset_batch(void)
{
	/* the arrays are freed with TopTransactionContext */
	open_statements = NULL;
	nopen = 0;
	open_capacity = 0;
	pending_ids = NULL;
	npending = 0;
	pending_capacity = 0;
	ncompacted = 0;
	deferred_since = InvalidSubTransactionId;
}

/* Grow a TopTransactionContext array to hold at least need elements. */
static void *
grow(void *array, int *capacity, int need, Size elem)
{
	int			newcap;

	if (need <= *capacity)
		return array;
	newcap = Max(Max(*capacity * 2, need), 64);
	array = array == NULL
		? MemoryContextAlloc(TopTransactionContext, elem * newcap)
		: repalloc_huge(array, elem * newcap);
	*capacity = newcap;
	return array;
}

static void
batch_xact_callback(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_PRE_COMMIT:
		case XACT_EVENT_PARALLEL_PRE_COMMIT:
		case XACT_EVENT_PRE_PREPARE:
			if (nopen > 0)
				ereport(ERROR,
						(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
						 errmsg("the readiness of the cases this transaction changed was not recomputed"),
						 errdetail("A resettle table's trigger readiness_statement_start fired without its readiness_insert, readiness_update or readiness_delete trigger."),
						 errhint("Enable or disable a resettle table's readiness triggers together.")));
			if (npending > 0)
				ereport(ERROR,
						(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
						 errmsg("the readiness of the cases this transaction changed was deferred and not recomputed"),
						 errdetail("resettle.defer_recompute() was called and cases changed after it."),
						 errhint("Call resettle.recompute_deferred() before COMMIT.")));
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

/*
 * A subtransaction that aborts ends the statements begun in it (and in the
 * subtransactions under it, whose ids are higher).  It works whenever the
 * library was loaded, even inside the subtransaction.
 */
static void
batch_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
					   SubTransactionId parentSubid, void *arg)
{
	if (event != SUBXACT_EVENT_ABORT_SUB)
		return;
	while (nopen > 0 && open_statements[nopen - 1] >= mySubid)
		nopen--;
	/* a deferral begun in the aborted subtransaction ends with it */
	if (deferred_since != InvalidSubTransactionId && deferred_since >= mySubid)
		deferred_since = InvalidSubTransactionId;
	/* with a deferral still on, keep the set whole (a superset is harmless) */
	if (nopen == 0 && deferred_since == InvalidSubTransactionId)
		npending = ncompacted = 0;
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
	open_statements = grow(open_statements, &open_capacity, nopen + 1,
						   sizeof(SubTransactionId));
	open_statements[nopen++] = GetCurrentSubTransactionId();
	return PointerGetDatum(NULL);
}

static int
compare_int64(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return (x > y) - (x < y);
}

/* Sort the pending ids and drop duplicates, in place. */
static void
compact_pending(void)
{
	int			i,
				k;

	qsort(pending_ids, npending, sizeof(int64), compare_int64);
	for (i = 0, k = 0; i < npending; i++)
		if (i == 0 || pending_ids[i] != pending_ids[k - 1])
			pending_ids[k++] = pending_ids[i];
	npending = ncompacted = k;
}

/*
 * Add changed custody ids to the pending set.  When it has doubled since
 * the last compaction, compact it: a deferred bulk load adds an id per
 * record but holds one per case.
 */
void
readiness_batch_add(const int64 *ids, int n)
{
	if (n <= 0)
		return;
	pending_ids = grow(pending_ids, &pending_capacity, npending + n, sizeof(int64));
	memcpy(pending_ids + npending, ids, sizeof(int64) * n);
	npending += n;
	if (npending > 2 * ncompacted + 65536)
		compact_pending();
}

/*
 * A tracked statement ends.  Returns true when it was the last one under
 * way: the caller then recomputes readiness_batch_take().
 */
bool
readiness_batch_statement_end(void)
{
	if (nopen > 0)
		nopen--;
	return nopen == 0 && deferred_since == InvalidSubTransactionId;
}

/*
 * The pending ids, sorted and without duplicates, palloc'd in the current
 * context; the pending set is emptied.
 */
int64 *
readiness_batch_take(int *n)
{
	int64	   *ids;

	*n = 0;
	if (npending == 0)
		return NULL;
	compact_pending();
	ids = palloc(sizeof(int64) * npending);
	memcpy(ids, pending_ids, sizeof(int64) * npending);
	*n = npending;
	npending = ncompacted = 0;
	return ids;
}

/*
 * resettle.defer_recompute(): from now until resettle.recompute_deferred(),
 * the cases changed in this transaction are recomputed once, then, instead
 * of at the end of each statement.
 */
PG_FUNCTION_INFO_V1(readiness_defer_recompute);
Datum
readiness_defer_recompute(PG_FUNCTION_ARGS)
{
	if (!IsTransactionBlock())
		ereport(WARNING,
				(errcode(ERRCODE_NO_ACTIVE_SQL_TRANSACTION),
				 errmsg("resettle.defer_recompute() can only be used in transaction blocks"),
				 errdetail("Outside a transaction block the deferral ends with the statement.")));
	if (deferred_since == InvalidSubTransactionId)
		deferred_since = GetCurrentSubTransactionId();
	PG_RETURN_VOID();
}

/*
 * resettle.recompute_deferred(): end a deferral and recompute every case
 * changed since it began; returns how many cases were recomputed.  Called
 * inside a statement that changes cases (from a trigger), the recompute
 * waits for that statement's end, as without a deferral.
 */
PG_FUNCTION_INFO_V1(readiness_recompute_deferred);
Datum
readiness_recompute_deferred(PG_FUNCTION_ARGS)
{
	int64	   *ids;
	int			n;

	deferred_since = InvalidSubTransactionId;
	if (nopen > 0)
		PG_RETURN_INT64(0);
	ids = readiness_batch_take(&n);
	if (n > 0)
		readiness_recompute_ids(ids, n);
	PG_RETURN_INT64(n);
}
