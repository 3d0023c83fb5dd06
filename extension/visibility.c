/*-------------------------------------------------------------------------
 *
 * visibility.c
 *	  resettle.visible_prisons(), resettle.sees_every_prison() and
 *	  resettle.has_access_role(): which prisons the current user may see,
 *	  and which of the extension's parts it holds (docs/security.md "Role
 *	  model").
 *
 * Every scoped view, every row-security policy and every list asks, several
 * times a statement, and each new connection asks afresh: as SQL over
 * pg_roles it cost a few milliseconds a connection, a large part of a
 * one-case look-up.  Here the answer is read from resettle.access_role,
 * resettle.staff_prison and resettle.prison (small tables, through kept
 * plans, with the owner's rights so that row security on staff_prison is
 * not needed) and decided with has_privs_of_role(), which is what
 * pg_has_role(role, 'USAGE') answers: the current user sees every prison
 * if it is a superuser or bypasses row security, has the privileges of the
 * admin role, or of a role mapped to every prison; else the prisons the
 * roles it has the privileges of are mapped to.  The mappings are read
 * with the latest snapshot, not the transaction's, and the answer is kept
 * only while no transaction has ended since (and for one statement,
 * command and user): an unmapping committed elsewhere holds from the
 * caller's next query, even inside a statement or transaction begun
 * before it (a DO block's loop, say); a query already running keeps what
 * it began with.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/transam.h"
#include "access/xact.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "storage/lwlock.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "resettle.h"

/* The answer for one user and statement, in TopTransactionContext. */
typedef struct Visibility
{
	bool		valid;
	Oid			user;
	TimestampTz statement;		/* a read-only statement leaves the command */
	CommandId	command;		/* ... and one function's writes, the time */
	uint64		completions;	/* transactions ended, as of the answer */
	bool		every_prison;
	bool		admin;			/* the roles recorded in resettle.access_role */
	bool		staff;			/* whose privileges the user has */
	bool		analyst;
	ArrayType  *prisons;		/* text[], sorted, distinct */
} Visibility;

static Visibility visibility;

static SPIPlanPtr access_role_plan = NULL;
static SPIPlanPtr mapping_plan = NULL;
static SPIPlanPtr prison_plan = NULL;

static void
visibility_xact_callback(XactEvent event, void *arg)
{
	/* the array went with TopTransactionContext */
	visibility.valid = false;
	visibility.prisons = NULL;
}

void
visibility_init(void)
{
	RegisterXactCallback(visibility_xact_callback, NULL);
}

static SPIPlanPtr
kept_plan(SPIPlanPtr *cache, const char *sql)
{
	if (*cache == NULL)
	{
		SPIPlanPtr	plan = SPI_prepare(sql, 0, NULL);

		if (plan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		SPI_keepplan(plan);
		*cache = plan;
	}
	return *cache;
}

/* Whether user has the privileges of the role in column 1 of row i. */
static bool
has_privs_of_row(Oid user, uint64 i)
{
	bool		isnull;
	Datum		d = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull);

	return !isnull && has_privs_of_role(user, DatumGetObjectId(d));
}

/* Column 2 of every row as text[] Datums, for the array. */
static ArrayType *
text_column_array(bool (*keep) (Oid, uint64), Oid user)
{
	Datum	   *elems = palloc(sizeof(Datum) * Max(SPI_processed, 1));
	int			n = 0;
	uint64		i;
	MemoryContext old;
	ArrayType  *array;

	for (i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		Datum		d;

		if (keep != NULL && !keep(user, i))
			continue;
		d = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &isnull);
		if (!isnull && (n == 0 ||
						 !DatumGetBool(DirectFunctionCall2Coll(texteq, C_COLLATION_OID,
															   elems[n - 1], d))))
			elems[n++] = d;
	}
	old = MemoryContextSwitchTo(TopTransactionContext);
	array = construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT);
	MemoryContextSwitchTo(old);
	pfree(elems);
	return array;
}

static void
compute_as_owner(void *arg)
{
	Oid			user = *(Oid *) arg;
	uint64		i;

	Snapshot	latest;

	SPI_connect();
	/* a parallel query may not take a new snapshot: its own is recent */
	latest = IsInParallelMode() ? InvalidSnapshot : GetLatestSnapshot();
	visibility.admin = visibility.staff = visibility.analyst = false;
	if (SPI_execute_snapshot(kept_plan(&access_role_plan,
									   "SELECT a.role::pg_catalog.oid, a.kind FROM resettle.access_role AS a"),
							 NULL, NULL, latest, InvalidSnapshot, true, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read resettle.access_role");
	for (i = 0; i < SPI_processed; i++)
	{
		char	   *kind = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);

		if (kind == NULL || !has_privs_of_row(user, i))
			continue;
		if (strcmp(kind, "admin") == 0)
			visibility.admin = true;
		else if (strcmp(kind, "staff") == 0)
			visibility.staff = true;
		else if (strcmp(kind, "analyst") == 0)
			visibility.analyst = true;
	}
	visibility.every_prison = superuser_arg(user) || has_bypassrls_privilege(user) ||
		visibility.admin;
	if (!visibility.every_prison)
	{
		/* NULL prison codes (every prison) first, then in code order */
		if (SPI_execute_snapshot(kept_plan(&mapping_plan,
									   "SELECT s.role::pg_catalog.oid, s.prison_code"
									   " FROM resettle.staff_prison AS s"
									   " ORDER BY s.prison_code NULLS FIRST"),
							 NULL, NULL, latest, InvalidSnapshot, true, false, 0) != SPI_OK_SELECT)
			elog(ERROR, "could not read resettle.staff_prison");
		for (i = 0; i < SPI_processed && !visibility.every_prison; i++)
		{
			bool		isnull;

			(void) SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &isnull);
			if (!isnull)
				break;
			visibility.every_prison = has_privs_of_row(user, i);
		}
		if (!visibility.every_prison)
			visibility.prisons = text_column_array(has_privs_of_row, user);
	}
	if (visibility.every_prison)
	{
		if (SPI_execute_snapshot(kept_plan(&prison_plan,
									   "SELECT NULL::pg_catalog.oid, p.code FROM resettle.prison AS p"
									   " ORDER BY p.code"),
							 NULL, NULL, latest, InvalidSnapshot, true, false, 0) != SPI_OK_SELECT)
			elog(ERROR, "could not read resettle.prison");
		visibility.prisons = text_column_array(NULL, user);
	}
	SPI_finish();
}

/*
 * How many transactions with an xid have ended: what a new snapshot sees
 * changes only when this does (PostgreSQL's own snapshot reuse keys on it).
 */
static uint64
transactions_ended(void)
{
	uint64		n;

	LWLockAcquire(ProcArrayLock, LW_SHARED);
	n = ShmemVariableCache->xactCompletionCount;
	LWLockRelease(ProcArrayLock);
	return n;
}

/* The current user's visibility, computed again when it may have changed. */
static Visibility *
current_visibility(void)
{
	Oid			user = GetUserId();
	TimestampTz statement = GetCurrentStatementStartTimestamp();
	CommandId	command = GetCurrentCommandId(false);
	uint64		completions = transactions_ended();

	if (!visibility.valid || visibility.user != user ||
		visibility.statement != statement || visibility.command != command ||
		visibility.completions != completions)
	{
		visibility.valid = false;
		with_owner_rights(compute_as_owner, &user);
		visibility.user = user;
		visibility.statement = statement;
		visibility.command = command;
		visibility.completions = completions;
		visibility.valid = true;
	}
	return &visibility;
}

PG_FUNCTION_INFO_V1(visibility_prisons);
Datum
visibility_prisons(PG_FUNCTION_ARGS)
{
	/* a copy: the kept one must outlive whatever the caller does with it */
	PG_RETURN_ARRAYTYPE_P(DatumGetArrayTypePCopy(PointerGetDatum(current_visibility()->prisons)));
}

PG_FUNCTION_INFO_V1(visibility_every_prison);
Datum
visibility_every_prison(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(current_visibility()->every_prison);
}

/*
 * resettle.has_access_role(kind): whether the current user has the
 * privileges of the role recorded for kind (admin, staff or analyst) by
 * resettle.grant_roles().  Read here with the owner's rights, so that no
 * login need read resettle.access_role (which says who holds which part).
 */
PG_FUNCTION_INFO_V1(visibility_has_access_role);
Datum
visibility_has_access_role(PG_FUNCTION_ARGS)
{
	char	   *kind = text_to_cstring(PG_GETARG_TEXT_PP(0));
	Visibility *v = current_visibility();

	if (strcmp(kind, "admin") == 0)
		PG_RETURN_BOOL(v->admin);
	if (strcmp(kind, "staff") == 0)
		PG_RETURN_BOOL(v->staff);
	if (strcmp(kind, "analyst") == 0)
		PG_RETURN_BOOL(v->analyst);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown access role kind \"%s\"", kind),
			 errhint("The kinds are admin, staff and analyst.")));
	PG_RETURN_BOOL(false);		/* keep compiler quiet */
}
