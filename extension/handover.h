/*-------------------------------------------------------------------------
 *
 * handover.h
 *	  Server-side helpers of the handover calculation, shared by the SQL
 *	  function and the custody trigger.
 *
 *-------------------------------------------------------------------------
 */
#ifndef RESETTLE_HANDOVER_H
#define RESETTLE_HANDOVER_H

#include "access/tupdesc.h"
#include "handover_rules.h"

extern void handover_run(HandoverInput *input, HandoverResult *result);
/* the values of the SQL enum resettle.responsibility, by HandoverResponsibility */
typedef Datum HandoverResponsibilityValues[RESP_COMMUNITY + 1];

extern void handover_responsibility_values(Oid enum_type,
										   HandoverResponsibilityValues values);

#endif							/* RESETTLE_HANDOVER_H */
