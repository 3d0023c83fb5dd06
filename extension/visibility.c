/*-------------------------------------------------------------------------
 *
 * visibility.c
 *	  resettle.visible_prisons(), resettle.sees_every_prison() and
 *	  resettle.has_access_role(): which prisons the current user may see,
 *	  and which of the extension's parts it holds (docs/security.md "Role
 *	  model"); resettle.listed_prisons(), the prisons a list covers, and
 *	  resettle.case_episode(), the episode of a person the case card shows.
 *
 * Every scoped view, every row-security policy and every list asks, several
 * times a statement, and each new connection asks afresh: as SQL over
 * pg_roles it cost a few milliseconds a connection, a large part of a
 * one-case look-up, and as SQL run from C (parse, plan, the catalogue
 * look-ups of both) still several.  Here the answer is read by scanning
 * resettle.access_role, resettle.staff_prison and resettle.prison (small
 * tables) directly, which neither privileges nor row security apply to, and
 * decided with has_privs_of_role(), which is what
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

#include "access/genam.h"
#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/transam.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "storage/lwlock.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
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
	bool		importer;		/* sees every prison, as admin does */
	ArrayType  *prisons;		/* text[], sorted, distinct */
} Visibility;

static Visibility visibility;	/* the current user's */
static Visibility login_visibility;	/* the session's login's */


static void
visibility_xact_callback(XactEvent event, void *arg)
{
	/* the arrays went with TopTransactionContext */
	visibility.valid = false;
	visibility.prisons = NULL;
	login_visibility.valid = false;
	login_visibility.prisons = NULL;
}

void
visibility_init(void)
{
	RegisterXactCallback(visibility_xact_callback, NULL);
}

/* A table of schema resettle, opened for reading, and its columns. */
Relation
open_resettle_table(const char *name)
{
	Oid			relid = get_relname_relid(name, get_namespace_oid("resettle", false));

	if (!OidIsValid(relid))
		elog(ERROR, "relation resettle.%s does not exist", name);
	return table_open(relid, AccessShareLock);
}

static AttrNumber
column_of(Relation rel, const char *name)
{
	AttrNumber	attnum = get_attnum(RelationGetRelid(rel), name);

	if (attnum == InvalidAttrNumber)
		elog(ERROR, "column \"%s\" of relation resettle.%s does not exist",
			 name, RelationGetRelationName(rel));
	return attnum;
}

static int
compare_codes(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* prison codes (C strings) as a sorted, distinct text[] in TopTransactionContext */
static ArrayType *
code_array(List *codes)
{
	int			n = list_length(codes);
	char	  **sorted = palloc(sizeof(char *) * Max(n, 1));
	Datum	   *elems;
	int			kept = 0;
	int			i = 0;
	ListCell   *lc;
	MemoryContext old;
	ArrayType  *array;

	foreach(lc, codes)
		sorted[i++] = lfirst(lc);
	qsort(sorted, n, sizeof(char *), compare_codes);
	old = MemoryContextSwitchTo(TopTransactionContext);
	elems = palloc(sizeof(Datum) * Max(n, 1));
	for (i = 0; i < n; i++)
		if (kept == 0 || strcmp(sorted[i], sorted[i - 1]) != 0)
			elems[kept++] = CStringGetTextDatum(sorted[i]);
	array = construct_array(elems, kept, TEXTOID, -1, false, TYPALIGN_INT);
	MemoryContextSwitchTo(old);
	return array;
}

/*
 * Read the user's parts, and the prisons it sees, into *v.  The latest
 * snapshot, except in a parallel query, which may not take a new one (its
 * own is recent).
 */
static void
compute_visibility(Visibility *v, Oid user)
{
	Snapshot	snapshot = IsInParallelMode() ? GetActiveSnapshot() : GetLatestSnapshot();
	Relation	rel;
	TableScanDesc scan;
	HeapTuple	tuple;
	AttrNumber	role_col;
	AttrNumber	other_col;
	List	   *codes = NIL;
	bool		every;

	v->admin = v->staff = v->analyst = v->importer = false;
	rel = open_resettle_table("access_role");
	role_col = column_of(rel, "role");
	other_col = column_of(rel, "kind");
	scan = table_beginscan(rel, snapshot, 0, NULL);
	while ((tuple = heap_getnext(scan, ForwardScanDirection)) != NULL)
	{
		bool		role_null;
		bool		kind_null;
		Datum		role = heap_getattr(tuple, role_col, RelationGetDescr(rel), &role_null);
		Datum		kind = heap_getattr(tuple, other_col, RelationGetDescr(rel), &kind_null);
		char	   *k;

		if (role_null || kind_null || !has_privs_of_role(user, DatumGetObjectId(role)))
			continue;
		k = TextDatumGetCString(kind);
		if (strcmp(k, "admin") == 0)
			v->admin = true;
		else if (strcmp(k, "staff") == 0)
			v->staff = true;
		else if (strcmp(k, "analyst") == 0)
			v->analyst = true;
		else if (strcmp(k, "importer") == 0)
			v->importer = true;
	}
	table_endscan(scan);
	table_close(rel, AccessShareLock);

	every = superuser_arg(user) || has_bypassrls_privilege(user) || v->admin || v->importer;
	if (!every)
	{
		/* the prisons mapped to the roles the user has the privileges of */
		rel = open_resettle_table("staff_prison");
		role_col = column_of(rel, "role");
		other_col = column_of(rel, "prison_code");
		scan = table_beginscan(rel, snapshot, 0, NULL);
		while (!every && (tuple = heap_getnext(scan, ForwardScanDirection)) != NULL)
		{
			bool		role_null;
			bool		code_null;
			Datum		role = heap_getattr(tuple, role_col, RelationGetDescr(rel), &role_null);
			Datum		code = heap_getattr(tuple, other_col, RelationGetDescr(rel), &code_null);

			if (role_null || !has_privs_of_role(user, DatumGetObjectId(role)))
				continue;
			if (code_null)
				every = true;	/* mapped to every prison */
			else
				codes = lappend(codes, TextDatumGetCString(code));
		}
		table_endscan(scan);
		table_close(rel, AccessShareLock);
	}
	if (every)
	{
		list_free(codes);
		codes = NIL;
		rel = open_resettle_table("prison");
		other_col = column_of(rel, "code");
		scan = table_beginscan(rel, snapshot, 0, NULL);
		while ((tuple = heap_getnext(scan, ForwardScanDirection)) != NULL)
		{
			bool		code_null;
			Datum		code = heap_getattr(tuple, other_col, RelationGetDescr(rel), &code_null);

			if (!code_null)
				codes = lappend(codes, TextDatumGetCString(code));
		}
		table_endscan(scan);
		table_close(rel, AccessShareLock);
	}
	v->every_prison = every;
	v->prisons = code_array(codes);
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

/* A user's visibility kept in *v, computed again when it may have changed. */
static Visibility *
cached_visibility(Visibility *v, Oid user)
{
	TimestampTz statement = GetCurrentStatementStartTimestamp();
	CommandId	command = GetCurrentCommandId(false);
	uint64		completions = transactions_ended();

	if (!v->valid || v->user != user ||
		v->statement != statement || v->command != command ||
		v->completions != completions)
	{
		v->valid = false;
		compute_visibility(v, user);
		v->user = user;
		v->statement = statement;
		v->command = command;
		v->completions = completions;
		v->valid = true;
	}
	return v;
}

/* The current user's visibility. */
static Visibility *
current_visibility(void)
{
	return cached_visibility(&visibility, GetUserId());
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
	if (strcmp(kind, "importer") == 0)
		PG_RETURN_BOOL(v->importer);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown access role kind \"%s\"", kind),
			 errhint("The kinds are admin, staff, analyst and importer.")));
	PG_RETURN_BOOL(false);		/* keep compiler quiet */
}

/*
 * resettle.login_holds_staff_part(): whether the session's login (not the
 * current role, which SET ROLE changes) has the privileges of the staff part
 * without seeing every prison.  The analyst views refuse such a login,
 * whatever role it has set (docs/disclosure-control.md, collusion).
 */
PG_FUNCTION_INFO_V1(visibility_login_holds_staff_part);
Datum
visibility_login_holds_staff_part(PG_FUNCTION_ARGS)
{
	Visibility *v = cached_visibility(&login_visibility, GetSessionUserId());

	PG_RETURN_BOOL(v->staff && !v->every_prison);
}

/*
 * resettle.listed_prisons(prison): the prisons a list covers, the prison
 * given (blanks trimmed, upper-cased) or, when it is NULL, every prison the
 * caller may see.  A prison the caller may not see, another's or an unknown
 * code alike, is an error (no_data_found: the client's "not found") naming
 * the caller's.  In C rather than PL/pgSQL: every list of the client asks,
 * once a connection, and loading and compiling PL/pgSQL was a tenth of a
 * one-prison list's time in a new backend.
 */
ArrayType *
listed_prisons(text *prison, Oid collation)
{
	ArrayType  *visible = current_visibility()->prisons;
	Datum		code;
	char	   *wanted;
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int			i;
	StringInfoData hint;

	if (prison == NULL)
		return DatumGetArrayTypePCopy(PointerGetDatum(visible));
	if (!OidIsValid(collation))
		collation = DEFAULT_COLLATION_OID;
	code = DirectFunctionCall1Coll(upper, collation,
								   DirectFunctionCall1Coll(btrim1, collation, PointerGetDatum(prison)));
	wanted = TextDatumGetCString(code);
	deconstruct_array(visible, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	for (i = 0; i < n; i++)
	{
		char	   *c = TextDatumGetCString(elems[i]);

		if (!nulls[i] && strcmp(c, wanted) == 0)
			return construct_array(&code, 1, TEXTOID, -1, false, TYPALIGN_INT);
	}
	/* an unknown code and another prison's alike: the caller's are listed */
	initStringInfo(&hint);
	if (n == 0)
		appendStringInfoString(&hint, "An admin maps logins to prisons with resettle.map_staff().");
	else
	{
		appendStringInfoString(&hint, "Yours: ");
		for (i = 0; i < n; i++)
		{
			if (i > 0)
				appendStringInfoString(&hint, ", ");
			appendStringInfoString(&hint, TextDatumGetCString(elems[i]));
		}
		appendStringInfoChar(&hint, '.');
	}
	ereport(ERROR,
			(errcode(ERRCODE_NO_DATA_FOUND),
			 errmsg("prison \"%s\" is not one of the prisons you may see", wanted),
			 errhint("%s", hint.data)));
	return NULL;				/* keep compiler quiet */
}

PG_FUNCTION_INFO_V1(visibility_listed_prisons);
Datum
visibility_listed_prisons(PG_FUNCTION_ARGS)
{
	PG_RETURN_ARRAYTYPE_P(listed_prisons(PG_ARGISNULL(0) ? NULL : PG_GETARG_TEXT_PP(0),
										 PG_GET_COLLATION()));
}

/* The episode a case card shows, as it is found. */
typedef struct EpisodeChoice
{
	bool		found;
	bool		open;
	DateADT		reception_date;
	int64		id;
} EpisodeChoice;

/*
 * Consider every episode an index scan of custody returns: the open one is
 * shown, else the latest by reception date (and id).
 */
static void
choose_episodes(Relation custody, Relation index, ScanKey keys, int nkeys,
				EpisodeChoice *best)
{
	TupleTableSlot *slot = table_slot_create(custody, NULL);
	IndexScanDesc scan = index_beginscan(custody, index, GetActiveSnapshot(), nkeys, 0);
	AttrNumber	released_col = column_of(custody, "released_on");
	AttrNumber	reception_col = column_of(custody, "reception_date");
	AttrNumber	id_col = column_of(custody, "id");

	index_rescan(scan, keys, nkeys, NULL, 0);
	while (index_getnext_slot(scan, ForwardScanDirection, slot))
	{
		bool		isnull;
		bool		open;
		DateADT		reception;
		int64		id;

		(void) slot_getattr(slot, released_col, &isnull);
		open = isnull;
		reception = DatumGetDateADT(slot_getattr(slot, reception_col, &isnull));
		id = DatumGetInt64(slot_getattr(slot, id_col, &isnull));
		if (!best->found ||
			(open && !best->open) ||
			(open == best->open &&
			 (reception > best->reception_date ||
			  (reception == best->reception_date && id > best->id))))
		{
			best->found = true;
			best->open = open;
			best->reception_date = reception;
			best->id = id;
		}
	}
	index_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
}

/* An index of schema resettle, opened for reading. */
Relation
open_resettle_index(const char *name)
{
	Oid			relid = get_relname_relid(name, get_namespace_oid("resettle", false));

	if (!OidIsValid(relid))
		elog(ERROR, "index resettle.%s does not exist", name);
	return index_open(relid, AccessShareLock);
}

/*
 * resettle.case_episode(prison_number): the id of the person's episode that
 * the case card shows, among those at the prisons the caller may see: the
 * open one, else the latest; NULL when there is none.
 *
 * A probe of an index on prison_number alone would read another prison's
 * episodes of a person the caller may not see, which the caller could count
 * (sql/access/scoped_views.sql): so the episodes are looked up by
 * custody_prison_person_idx, one descent for each prison the caller sees,
 * and by custody_prison_number_idx (one descent) only for a caller who sees
 * every prison.  In C, reading the two indexes directly: the same choice
 * as SQL took a union of two look-ups, each planned in every new backend.
 * case_episode_find() is shared with resettle.case_data()
 * (extension/case_data.c): false when there is none.
 */
bool
case_episode_find(Datum prison_number, Oid type, int64 *id)
{
	Visibility *v = current_visibility();
	Relation	custody = open_resettle_table("custody");
	EpisodeChoice best = {false, false, 0, 0};
	Relation	index;
	ScanKeyData keys[2];

	if (v->every_prison)
	{
		Oid			eqop;

		index = open_resettle_index("custody_prison_number_idx");
		eqop = get_opfamily_member(index->rd_opfamily[0], type, type,
								   BTEqualStrategyNumber);
		if (!OidIsValid(eqop))
			elog(ERROR, "no equality operator for type %u", type);
		ScanKeyInit(&keys[0], 1, BTEqualStrategyNumber, get_opcode(eqop), prison_number);
		keys[0].sk_collation = index->rd_indcollation[0];
		choose_episodes(custody, index, keys, 1, &best);
		index_close(index, AccessShareLock);
	}
	else
	{
		Oid			output;
		bool		varlena;
		Datum		as_text;
		Datum	   *codes;
		bool	   *nulls;
		int			n;
		int			i;

		getTypeOutputInfo(type, &output, &varlena);
		as_text = CStringGetTextDatum(OidOutputFunctionCall(output, prison_number));
		deconstruct_array(v->prisons, TEXTOID, -1, false, TYPALIGN_INT, &codes, &nulls, &n);
		index = open_resettle_index("custody_prison_person_idx");
		for (i = 0; i < n; i++)
		{
			if (nulls[i])
				continue;
			ScanKeyInit(&keys[0], 1, BTEqualStrategyNumber, F_TEXTEQ, codes[i]);
			keys[0].sk_collation = index->rd_indcollation[0];
			ScanKeyInit(&keys[1], 2, BTEqualStrategyNumber, F_TEXTEQ, as_text);
			keys[1].sk_collation = index->rd_indcollation[1];
			choose_episodes(custody, index, keys, 2, &best);
		}
		index_close(index, AccessShareLock);
	}
	table_close(custody, AccessShareLock);
	*id = best.id;
	return best.found;
}

PG_FUNCTION_INFO_V1(visibility_case_episode);
Datum
visibility_case_episode(PG_FUNCTION_ARGS)
{
	int64		id;

	if (!case_episode_find(PG_GETARG_DATUM(0), get_fn_expr_argtype(fcinfo->flinfo, 0), &id))
		PG_RETURN_NULL();
	PG_RETURN_INT64(id);
}
