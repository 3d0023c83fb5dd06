/*-------------------------------------------------------------------------
 *
 * append_only.c
 *	  Trigger keeping the audit tables (readiness_history, release_outcome)
 *	  append-only: only the extension itself (as its owner), or a superuser
 *	  restoring a dump, may insert; nobody may update, delete or truncate.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/rel.h"

#include "resettle.h"

PG_FUNCTION_INFO_V1(append_only);
Datum
append_only(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	const char *relname;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" was not called by trigger manager",
						"append_only")));
	if (!TRIGGER_FIRED_BEFORE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired BEFORE", "append_only")));

	relname = RelationGetRelationName(trigdata->tg_relation);
	if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
	{
		/*
		 * The extension writes these rows as its owner, a superuser
		 * (owner_rights.c); a superuser's restore of a dump keeps them as
		 * dumped.  No role is granted INSERT, so this refuses what a
		 * privilege granted by mistake would let through.
		 */
		if (superuser())
			return PointerGetDatum(trigdata->tg_trigtuple);
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("rows of \"%s\" are written only by the resettle extension", relname),
				 errhint("Change the case; its history and release outcome are recorded automatically.")));
	}
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("\"%s\" is append-only", relname),
			 errdetail("Rows of \"%s\" are an audit record and cannot be updated, deleted or truncated.",
					   relname)));
	return PointerGetDatum(NULL);	/* keep compiler quiet */
}
