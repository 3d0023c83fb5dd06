/*-------------------------------------------------------------------------
 *
 * resettle.h
 *	  Helpers shared by the server-side files of the extension.
 *
 *-------------------------------------------------------------------------
 */
#ifndef RESETTLE_H
#define RESETTLE_H

#include "utils/date.h"

extern bool resettle_internal_write;
extern bool resettle_notify_prison_number;

extern DateADT resettle_today(void);
extern Oid	resettle_type_oid(const char *name);
extern Datum resettle_enum_datum(Oid enum_type, const char *label);

#endif							/* RESETTLE_H */
