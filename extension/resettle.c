/*-------------------------------------------------------------------------
 *
 * resettle.c
 *	  Module entry point of the resettle extension and the helpers its
 *	  files share: the extension's notion of "today" and look-ups of its
 *	  types.
 *
 * The SQL-callable functions live in one file per concern:
 * identifier_types.c (the six identifier types), handover.c (the OMiC
 * handover calculation), custody_trigger.c (derived custody columns).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/guc.h"
#include "utils/syscache.h"

#include "resettle.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* resettle.today: empty means the transaction's current date */
static char *resettle_today_setting = NULL;

/*
 * resettle.notify_prison_number: put the prison number into NOTIFY payloads.
 * Off by default because LISTEN needs no privilege: every connected role
 * would read every prison's prison numbers (docs/security.md).
 */
bool		resettle_notify_prison_number = false;

void
_PG_init(void)
{
	DefineCustomStringVariable("resettle.today",
							   "Overrides the date the extension treats as today.",
							   "Empty means the current date.  Derived columns written while it is set are as of that date; "
							   "meant for tests and for replaying past data.",
							   &resettle_today_setting,
							   "",
							   PGC_SUSET,
							   0,
							   NULL, NULL, NULL);
	DefineCustomBoolVariable("resettle.notify_prison_number",
							 "Adds the prison number to resettle_readiness notifications.",
							 "Any role that can connect can LISTEN and read every payload; turn this on only where every such role may see every case.",
							 &resettle_notify_prison_number,
							 false,
							 PGC_SUSET,
							 0,
							 NULL, NULL, NULL);
	MarkGUCPrefixReserved("resettle");
	readiness_batch_init();
	owner_rights_init();
	visibility_init();
}

/* The date the extension treats as today. */
DateADT
resettle_today(void)
{
	if (resettle_today_setting == NULL || resettle_today_setting[0] == '\0')
		return GetSQLCurrentDate();
	return DatumGetDateADT(DirectFunctionCall1(date_in,
											   CStringGetDatum(resettle_today_setting)));
}

/* The OID of a type in schema resettle; syscache look-ups are cheap. */
Oid
resettle_type_oid(const char *name)
{
	Oid			nsp = get_namespace_oid("resettle", false);
	Oid			typid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
										CStringGetDatum(name),
										ObjectIdGetDatum(nsp));

	if (!OidIsValid(typid))
		elog(ERROR, "type resettle.%s does not exist", name);
	return typid;
}

/*
 * A label of one of the extension's enums as a Datum of that enum.  Callers
 * take the enum's OID from a tuple descriptor they already have, so no
 * per-row catalog look-up of the type is needed.
 */
Datum
resettle_enum_datum(Oid enum_type, const char *label)
{
	return DirectFunctionCall2(enum_in, CStringGetDatum(label),
							   ObjectIdGetDatum(enum_type));
}
