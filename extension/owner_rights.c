/*-------------------------------------------------------------------------
 *
 * owner_rights.c
 *	  Running the extension's own SQL with the rights of its owner.
 *
 * A change to a case sets off work its author may not do directly: the
 * readiness of every case of that person is recomputed, whichever prison
 * holds it; history, release outcomes and the case audit are written,
 * though no role is granted INSERT on them; the person's date of birth is
 * read for the handover, though staff hold no privilege on resettle.person
 * (docs/security.md).  That work runs here as the extension's owner (a
 * superuser, as CREATE EXTENSION makes it) inside a security-restricted
 * operation, as PostgreSQL runs index expressions and REFRESH MATERIALIZED
 * VIEW, with search_path pinned to pg_catalog, pg_temp, so that no object
 * of the caller's can capture a name in it.  Only fixed, schema-qualified
 * statements of this library run so; the user whose change set them off
 * (the acting user) is remembered, so that the history and the audit name
 * that user, not the owner.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/indexing.h"
#include "catalog/pg_extension.h"
#include "miscadmin.h"
#include "utils/fmgroids.h"
#include "utils/guc.h"
#include "utils/rel.h"

#include "resettle.h"

/* how many with_owner_rights() calls are under way in this backend */
static int	owner_rights_depth = 0;

/* the user whose change the outermost call is processing */
static Oid	acting_user = InvalidOid;

/* the extension's owner, looked up once per transaction */
static Oid	cached_owner = InvalidOid;

static void
owner_rights_xact_callback(XactEvent event, void *arg)
{
	cached_owner = InvalidOid;
}

void
owner_rights_init(void)
{
	RegisterXactCallback(owner_rights_xact_callback, NULL);
}

/* The owner of the resettle extension (pg_extension.extowner). */
static Oid
extension_owner(void)
{
	Relation	rel;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tuple;

	if (OidIsValid(cached_owner))
		return cached_owner;
	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyInit(&key, Anum_pg_extension_extname, BTEqualStrategyNumber,
				F_NAMEEQ, CStringGetDatum("resettle"));
	scan = systable_beginscan(rel, ExtensionNameIndexId, true, NULL, 1, &key);
	tuple = systable_getnext(scan);
	if (!HeapTupleIsValid(tuple))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("extension \"resettle\" is not installed in this database")));
	cached_owner = ((Form_pg_extension) GETSTRUCT(tuple))->extowner;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return cached_owner;
}

/*
 * Run fn(arg) as the extension's owner, in a security-restricted operation,
 * with search_path = pg_catalog, pg_temp.  An error unwinds the user and
 * the setting with the (sub)transaction, as for a SECURITY DEFINER function.
 */
void
with_owner_rights(void (*fn) (void *arg), void *arg)
{
	Oid			owner = extension_owner();
	Oid			save_userid;
	int			save_sec_context;
	Oid			save_acting = acting_user;
	int			save_nestlevel;

	if (!superuser_arg(owner))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("the resettle extension must be owned by a superuser"),
				 errdetail("Its triggers recompute and audit cases with its owner's rights."),
				 errhint("Reassign its objects to a superuser.")));

	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	if (owner_rights_depth == 0)
		acting_user = save_userid;
	owner_rights_depth++;
	PG_TRY();
	{
		SetUserIdAndSecContext(owner, save_sec_context |
							   SECURITY_LOCAL_USERID_CHANGE |
							   SECURITY_RESTRICTED_OPERATION);
		save_nestlevel = NewGUCNestLevel();
		(void) set_config_option("search_path", "pg_catalog, pg_temp",
								 PGC_USERSET, PGC_S_SESSION,
								 GUC_ACTION_SAVE, true, 0, false);
		fn(arg);
		AtEOXact_GUC(true, save_nestlevel);
		SetUserIdAndSecContext(save_userid, save_sec_context);
	}
	PG_FINALLY();
	{
		owner_rights_depth--;
		acting_user = save_acting;
	}
	PG_END_TRY();
}

/*
 * Whether the caller runs inside with_owner_rights(): the extension's own
 * statement, as its owner, in a security-restricted operation.  User code
 * cannot reach this state: it would have to run as the owner first.
 */
bool
in_owner_rights(void)
{
	return owner_rights_depth > 0 && InSecurityRestrictedOperation() &&
		GetUserId() == extension_owner();
}

/*
 * The user whose change is being processed: inside with_owner_rights() the
 * one who set it off, else the current user.
 */
Oid
acting_user_id(void)
{
	return owner_rights_depth > 0 ? acting_user : GetUserId();
}
