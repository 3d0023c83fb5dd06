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
extern Datum handover_responsibility_datum(Oid enum_type,
										   HandoverResponsibility responsibility);

#endif							/* RESETTLE_HANDOVER_H */
