/*-------------------------------------------------------------------------
 *
 * resettle.c
 *	  Module entry point of the resettle extension and the helpers its
 *	  files share: the extension's notion of "today", look-ups of its
 *	  types, and what a blank text is (resettle.is_blank()).
 *
 * The SQL-callable functions live in one file per concern:
 * identifier_types.c (the six identifier types), handover.c (the OMiC
 * handover calculation), custody_trigger.c (derived custody columns).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/guc.h"
#include "utils/syscache.h"

#include "resettle.h"
#include "text_blank.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* resettle.today: empty means the transaction's current date */
static char *resettle_today_setting = NULL;

/*
 * resettle.timezone: the zone whose date is "today".  Not the session's
 * TimeZone, which any login may SET: a login in UTC+14 would otherwise
 * stamp its changes, and the history, with tomorrow's date.
 */
static char *resettle_timezone_setting = NULL;

static bool
check_timezone_setting(char **newval, void **extra, GucSource source)
{
	if (pg_tzset(*newval) == NULL)
	{
		GUC_check_errdetail("\"%s\" is not a time zone name known to the server (see pg_timezone_names).",
							*newval);
		return false;
	}
	return true;
}

/*
 * resettle.notify_prison_number: name the case (custody id and prison
 * number) in NOTIFY payloads.  Off by default because LISTEN needs no
 * privilege: every connected role would read every prison's prison numbers,
 * and staff could follow the cases they once held (docs/security.md).
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
	DefineCustomStringVariable("resettle.timezone",
							   "The time zone whose date the extension treats as today.",
							   "The session's TimeZone does not change it; only a superuser can.",
							   &resettle_timezone_setting,
							   "Europe/London",
							   PGC_SUSET,
							   0,
							   check_timezone_setting, NULL, NULL);
	DefineCustomBoolVariable("resettle.notify_prison_number",
							 "Adds the custody id and prison number to resettle_readiness notifications.",
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
	{
		pg_tz	   *zone = pg_tzset(resettle_timezone_setting);
		struct pg_tm tm;
		fsec_t		fsec;
		int			offset;

		/* the check hook accepted it; the zone files cannot go away */
		if (zone == NULL)
			elog(ERROR, "time zone \"%s\" not recognized", resettle_timezone_setting);
		if (timestamp2tm(GetCurrentTransactionStartTimestamp(), &offset, &tm, &fsec, NULL, zone) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("timestamp out of range")));
		return date2j(tm.tm_year, tm.tm_mon, tm.tm_mday) - POSTGRES_EPOCH_JDATE;
	}
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

/*
 * Whether a text value is blank: empty or white space only (text_blank.h),
 * Unicode's White_Space in a UTF-8 database, ASCII's in any other.
 */
bool
resettle_text_is_blank(const text *t)
{
	return text_is_blank(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t),
						 GetDatabaseEncoding() == PG_UTF8);
}

/*
 * resettle.is_blank(text): the SQL face of resettle_text_is_blank(), which
 * custody_derive applies to the COM's name and email and the constraint
 * custody_com_name_not_blank checks.
 */
PG_FUNCTION_INFO_V1(resettle_is_blank);
Datum
resettle_is_blank(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	bool		result = resettle_text_is_blank(t);

	PG_FREE_IF_COPY(t, 0);
	PG_RETURN_BOOL(result);
}
