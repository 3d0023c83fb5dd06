/*-------------------------------------------------------------------------
 *
 * handover_rules.h
 *		The OMiC handover calculation (POM -> COM), without postgres.h.
 *
 * Given a custody episode's dates and flags, decide who is responsible on
 * a date (as_of), when the COM starts supporting (start date) and when the
 * COM becomes responsible (handover date), with a reason code.  The rules
 * are those of reference/domain.md section 2; handover_rules.c documents
 * every version and every interpretation.
 *
 * Dates are int32_t days since 2000-01-01 (PostgreSQL's DateADT, see
 * date_arith.h); INT32_MIN / INT32_MAX are -infinity / infinity.
 *
 * extension/handover_rules.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef RESETTLE_HANDOVER_RULES_H
#define RESETTLE_HANDOVER_RULES_H

#include <stdbool.h>
#include <stdint.h>

typedef enum
{
	RESP_NONE = 0,				/* out of scope: SQL NULL */
	RESP_CUSTODY_ONLY,			/* POM responsible */
	RESP_CUSTODY_WITH_COM,		/* POM responsible, COM supporting */
	RESP_COMMUNITY				/* COM responsible */
} HandoverResponsibility;

typedef enum
{
	HANDOVER_RULES_2019,		/* from 2019-02-04 */
	HANDOVER_RULES_2021,		/* from 2021-02-15 */
	HANDOVER_RULES_2023_04,		/* from 2023-04-01 */
	HANDOVER_RULES_2023_10,		/* from 2023-10-01 */
	HANDOVER_RULES_2024_05,		/* from 2024-05-01 */
	HANDOVER_RULES_2024_07,		/* from 2024-07-24 */
	HANDOVER_RULES_2025_05		/* from 2025-05-15, current */
} HandoverRulesVersion;

#define HANDOVER_RULES_CURRENT	HANDOVER_RULES_2025_05
#define HANDOVER_RULES_COUNT	7

/*
 * The fields of one fact, by its kind: of the handover inputs here and of
 * the readiness facts (readiness_rules.h).
 */
#define FACT_FIELDS_DATE(name)			bool has_##name; int32_t name;
#define FACT_FIELDS_BOOL(name)			bool name;
#define FACT_FIELDS_MAPPA_LEVEL(name)	int name;	/* -1 = unknown, else 0..3 */

/*
 * The inputs, one field (an optional date: two) per entry of
 * handover_input_list.h: each optional date has a has_ flag; booleans: NULL
 * is passed as false.  as_of and version are each caller's.
 */
typedef struct HandoverInput
{
#define HANDOVER_INPUT(name, kind, argno, in_custody, in_case_facts) \
	FACT_FIELDS_##kind(name)
#include "handover_input_list.h"
#undef HANDOVER_INPUT
	int32_t		as_of;
	HandoverRulesVersion version;
} HandoverInput;

typedef struct HandoverResult
{
	HandoverResponsibility responsibility;
	bool		has_start_date;
	int32_t		start_date;
	bool		has_handover_date;
	int32_t		handover_date;
	const char *reason;			/* static string, one of the reason codes */
} HandoverResult;

typedef enum
{
	HANDOVER_OK,
	HANDOVER_DATE_OUT_OF_RANGE	/* caller raises "date out of range" */
} HandoverStatus;

/*
 * Reason codes.  Every reason this module returns is one of these strings
 * (the pointer returned is the one in handover_reason_codes[]).
 */
#define HANDOVER_REASON_OUT_OF_SCOPE_CIVIL			"out_of_scope_civil"
#define HANDOVER_REASON_OUT_OF_SCOPE_UNDER_18		"out_of_scope_under_18"
#define HANDOVER_REASON_OUT_OF_SCOPE_UNSENTENCED	"out_of_scope_unsentenced"
#define HANDOVER_REASON_ADDITIONAL_ISP				"additional_isp"
#define HANDOVER_REASON_RECALL_THD_OVER_12_MONTHS	"recall_thd_over_12_months"
#define HANDOVER_REASON_PAROLE_MAPPA_2_3			"parole_mappa_2_3"
#define HANDOVER_REASON_THD_OVER_12_MONTHS			"thd_over_12_months"
#define HANDOVER_REASON_RECALL_CASE					"recall_case"
#define HANDOVER_REASON_IMMIGRATION_CASE			"immigration_case"
#define HANDOVER_REASON_RELEASE_DATE_UNKNOWN		"release_date_unknown"
#define HANDOVER_REASON_EARLY_ALLOCATION			"early_allocation"
#define HANDOVER_REASON_INDETERMINATE				"indeterminate"
#define HANDOVER_REASON_INDETERMINATE_OPEN			"indeterminate_open"
#define HANDOVER_REASON_DETERMINATE_SHORT			"determinate_short"
#define HANDOVER_REASON_DETERMINATE_PAROLE			"determinate_parole"
#define HANDOVER_REASON_DETERMINATE					"determinate"
#define HANDOVER_REASON_DETERMINATE_MAPPA_2_3		"determinate_mappa_2_3"
#define HANDOVER_REASON_CRC_CASE					"crc_case"
#define HANDOVER_REASON_OPEN_PRE_OMIC				"open_conditions_pre_omic"

/* All reason codes, NULL-terminated, in the order listed above */
extern const char *const handover_reason_codes[];

extern HandoverStatus handover_calculate(const HandoverInput *in,
										 HandoverResult *out);

/* Which version applied on a date (before 2019-02-04: the 2019 version) */
extern HandoverRulesVersion handover_rules_version_for(int32_t rules_as_of);

/* First day each version applied (days since 2000-01-01) */
extern int32_t handover_rules_version_start(HandoverRulesVersion v);

/*
 * "2019", "2021", "2023-04", "2023-10", "2024-05", "2024-07", "2025-05";
 * NULL if v is invalid
 */
extern const char *handover_rules_version_name(HandoverRulesVersion v);

/* Inverse of handover_rules_version_name(); false if the name is unknown */
extern bool handover_rules_version_from_name(const char *name,
											 HandoverRulesVersion *v);

#endif							/* RESETTLE_HANDOVER_RULES_H */
