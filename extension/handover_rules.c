/*-------------------------------------------------------------------------
 *
 * handover_rules.c
 *		The OMiC handover calculation (see handover_rules.h).
 *
 * Source: reference/domain.md section 2, which describes the rules of the
 * HMPPS "Manage POM Cases" service (MPC).  The rules are restated here in
 * our own words and code; this file contains none of MPC's code.
 *
 * ---------------------------------------------------------------------------
 * RULES (all versions)
 * ---------------------------------------------------------------------------
 *
 * Terms.  as_of is "today".  SSD is the sentence start date.  "X - 8 months
 * 14 days" is PostgreSQL's date - interval '8 months 14 days': months first,
 * clamping the day to the end of the month, then days (2024-11-02 -> 2024-02-17,
 * 2024-10-31 - 8 months -> 2024-02-29).  "12 weeks" is 84 days.
 *
 * In-scope gate (every version), checked in this order:
 *   1. civil (a non-criminal imprisonment status)     -> out_of_scope_civil
 *   2. date of birth known and under 18 on as_of      -> out_of_scope_under_18
 *      Age is birthday-exact by calendar: the person turns 18 on the same
 *      month and day 18 years later; a 29 February birthday turns 18 on
 *      1 March when that year is not a leap year (MPC compares month and day,
 *      so 28 February is still "before the birthday").  Unknown date of birth
 *      counts as adult.
 *   3. remand, or not sentenced and not immigration   -> out_of_scope_unsentenced
 *      Sentenced = SSD known AND (CRD, ARD, PED, HDCED or TED known, or
 *      indeterminate).  Immigration (DET) cases are in scope without a
 *      sentence; a remand flag wins over immigration.
 *   Out of scope: responsibility NONE (SQL NULL), no dates.
 *
 * Earliest release date for handover, ERD:
 *   determinate (every version): PED if known, else the earlier of ARD and
 *     CRD (either may be missing); else none.  HDCED is not part of the
 *     ERD (2019 and 2021 read it for CRC and MAPPA 1 dates, below).
 *   indeterminate, by version (MPC's code at the commit cited; table
 *   indeterminate_erd_rule[] below):
 *     2019     TED if TED >= as_of; else none (MPC 0c438bfa: no TED gives
 *              "No earliest release date"; a past TED kept the POM
 *              responsible, ResponsibilityService)
 *     2021     TED if TED > as_of; else the earlier of THD and PED of those
 *              on or after as_of; else none (HandoverDateService::
 *              OffenderWrapper#release_date from 32ae46f9 to a0e7163d:
 *              past? rejected)
 *     2023-04, 2023-10, 2024-05
 *              TED if TED > as_of; else the earlier of THD and PED of those
 *              after as_of; else none (Handover::HandoverCalculation
 *              .calculate_earliest_release, 441c2c6a to 19a839e6: > today)
 *     2024-07  the earlier of TED and THD, past or not; else none
 *              (08af7c29)
 *     2025-05  TED if TED > as_of; else THD if THD > as_of; else
 *              whichever of TED/THD is nearer to as_of (absolute distance
 *              in days, a tie goes to TED; if only one is known it is that
 *              one); else none (bdac0f3f; current)
 *
 * Responsibility "by dates" (every version): no handover date -> community;
 * as_of < start -> custody_only; start <= as_of < handover -> custody_with_com;
 * as_of >= handover -> community.  Rows with no dates have a fixed
 * responsibility.
 *
 * HANDOVER_RULES_2025_05 (from 2025-05-15, current), first matching row wins:
 *   1  indeterminate AND additional ISP                  custody_only       additional_isp
 *   2  indeterminate AND THD > as_of + 12 months AND recall AND MAPPA
 *      unknown/0/1                                       custody_with_com   recall_thd_over_12_months
 *   3  indeterminate AND THD > as_of + 12 months AND last parole outcome
 *      not release AND MAPPA 2/3                         community          parole_mappa_2_3
 *   4  indeterminate AND THD > as_of + 12 months AND last parole outcome
 *      not release                                       custody_with_com   thd_over_12_months
 *   5  recall                                            community          recall_case
 *   6  immigration                                       community          immigration_case
 *   7  no ERD                                            custody_only       release_date_unknown
 *   8  early allocation        HD = ERD - 15 months      by dates           early_allocation
 *   9  indeterminate           HD = ERD - 12 months      by dates           indeterminate, or
 *                                                                           indeterminate_open if in
 *                                                                           open conditions
 *  10  SSD known AND SSD + 10 months >= ERD               community          determinate_short
 *  11  PED known (determinate parole)  HD = ERD - 12 months  by dates       determinate_parole
 *  12  other determinate       HD = ERD - 8 months 14 days  by dates        determinate
 *   Rows 1-7 have no start or handover date.  Rows 2-4 need a THD.  MPC
 *   compares THD with "now + 12 months" (a time), so on the boundary day the
 *   test is false; with a date it reads THD > as_of + 12 months.
 *   Start date = HD, except: indeterminate AND open conditions AND the date
 *   the person became open ("open_since") is known -> the earlier of HD and
 *   open_since.  This applies whichever row (8 or 9) produced the HD.
 *   Row 10 needs SSD; without one it cannot apply (MPC would fail).
 *   Row 10 only sees determinate cases (row 9 takes every indeterminate one).
 *
 * HANDOVER_RULES_2024_07 (from 2024-07-24) and HANDOVER_RULES_2024_05
 *   (from 2024-05-01): the current rows, with their own ERD (above).
 *
 * HANDOVER_RULES_2023_10 (from 2023-10-01): rows 5-12 of the current rules
 *   (no rows 1-4).  Same reason codes and start-date rule.
 *
 * HANDOVER_RULES_2023_04 (from 2023-04-01; MPC 6ac80ecb): rows 5-12 of the
 *   current rules with these differences: row 8 (early allocation) applies
 *   to determinate sentences only (an indeterminate early-allocation case
 *   goes to row 9) and comes after row 10 (a short sentence with early
 *   allocation is determinate_short); row 9 HD = ERD - 8 months; row 11
 *   HD = ERD - 8 months.  Rows 10 and 12 as current (ERD - 8 months 14
 *   days).  Same reason codes and start-date rule.
 *
 * HANDOVER_RULES_2021 (from 2021-02-15; MPC a0e7163d), first matching row
 * wins:
 *   a  recall                                        community     recall_case
 *   b  immigration                                   community     immigration_case
 *   c  no ERD                                        custody_only  release_date_unknown
 *   d  CRC case AND determinate   start = HD = min(ERD, HDCED) - 12 weeks
 *                                                                 crc_case
 *   e  SSD known AND SSD + 10 months >= ERD, any sentence
 *                                                    community     determinate_short
 *   f  early allocation (any sentence)  start = HD = ERD - 15 months  early_allocation
 *   g  indeterminate              start = HD = ERD - 8 months     indeterminate, or
 *                                                                 indeterminate_open if in
 *                                                                 open conditions
 *      f, g: an indeterminate case in open conditions with open_since known
 *      starts on open_since, and HD = max(HD, open_since)
 *   h  PED known                  start = HD = PED - 8 months     determinate_parole
 *   i  other determinate          HD = min(ARD, CRD) - 7 months 15 days,
 *                                 but not earlier than SSD (if known);
 *                                 start = HD                      determinate
 *   Rows d, f-i are "by dates".  Rows a-e are historical_common_rows().
 *
 * HANDOVER_RULES_2019 (from 2019-02-04, also for any date before it; MPC
 * 0c438bfa):
 *   a-c  as 2021 (recall, immigration and no-ERD rows, ASSUMED to be as in
 *        the current rules: the reference gives no separate 2019 wording);
 *        between immigration and no ERD: open conditions, not a CRC
 *        determinate case                community  open_conditions_pre_omic
 *   d  CRC case AND determinate   start = HD = (HDCED if known, else ERD)
 *                                 - 12 weeks                      crc_case
 *   d2 the 10-month rule of 2021 (row e), any sentence: ResponsibilityService
 *      #policy_rules made the COM responsible for every NPS case whose
 *      release date was no more than 10 months after the sentence start
 *   e  early allocation (any sentence)  base = CRD, or ERD if no CRD:
 *                                 start = base - 18 months,
 *                                 HD = base - 15 months           early_allocation
 *   f  indeterminate              start = HD = ERD (= TED) - 8 months
 *                                                                 indeterminate
 *   g  PED known                  start = HD = PED - 8 months     determinate_parole
 *   h  determinate, MAPPA 2 or 3  start = HD = ERD - 7 months 15 days
 *                                                                 determinate_mappa_2_3
 *   i  other determinate (MAPPA unknown, 0 or 1)
 *                                 HD = ERD - 4 months 15 days, or
 *                                 the HDCED if earlier;
 *                                 start = ERD - 7 months 15 days,
 *                                 not later than HD               determinate
 *   Rows d, e-i are "by dates".  There is no ISP row.
 *
 * Interpretations where the reference is silent:
 *   - The in-scope gate is the current one in every version.
 *   - 2019 and 2021: CRC cases are checked before early allocation and parole,
 *     because MPC's old code split NPS from CRC cases before any other rule;
 *     the CRC rule applies to determinate sentences only (indeterminate cases
 *     were always NPS).  The CRC date uses the HDCED (2019: first; 2021:
 *     the earliest of it and the ERD) but not the HDCAD, which is not an
 *     input, and the ERD's PED where MPC read ARD and CRD only.
 *   - Open conditions (the open_conditions and open_since inputs, whatever
 *     sets them): 2019 gives every case in open conditions but a CRC one to
 *     the COM (ResponsibilityService at 0c438bfa: open prisons were outside
 *     OMiC); its HMP Prescoed pilot for Welsh cases from 2020-10-19 needs
 *     the prison and is not modelled.  2021 starts an indeterminate case in
 *     open conditions on open_since (rows f and g, set_open_2021()); MPC's
 *     exception for men who arrived before 2021-03-31 (COM responsible,
 *     pre-OMiC) needs the prison and sex and is not modelled.
 *   - 2021: early allocation applies to every sentence type and is checked
 *     before the indeterminate row.  The "not earlier than SSD" clamp is
 *     kept although row e makes it unreachable whenever SSD is known.
 *   - MAPPA: "unknown, 0 or 1" means mappa_level not 2 or 3 for the 2019
 *     rule; for rows 2/3 of the current rules, row 2 needs mappa_level < 2
 *     (any negative value is unknown) and row 3 needs 2 or 3.
 *   - Infinite dates are ordinary dates: they compare naturally, and
 *     arithmetic leaves them infinite (-infinity + 10 months = -infinity).
 *   - Date arithmetic that leaves PostgreSQL's range (the timestamp range,
 *     up to 294276-12-31, for date +/- interval) makes the whole
 *     calculation fail with HANDOVER_DATE_OUT_OF_RANGE.  Arithmetic is only
 *     done when the row that needs it is reached.
 *   - An out-of-range version number is treated as the current version.
 *
 * extension/handover_rules.c
 *
 *-------------------------------------------------------------------------
 */
#include <string.h>

#include "date_arith.h"
#include "handover_rules.h"

/* The reason strings; handover_calculate() returns these pointers */
static const char r_civil[] = HANDOVER_REASON_OUT_OF_SCOPE_CIVIL;
static const char r_under_18[] = HANDOVER_REASON_OUT_OF_SCOPE_UNDER_18;
static const char r_unsentenced[] = HANDOVER_REASON_OUT_OF_SCOPE_UNSENTENCED;
static const char r_additional_isp[] = HANDOVER_REASON_ADDITIONAL_ISP;
static const char r_recall_thd[] = HANDOVER_REASON_RECALL_THD_OVER_12_MONTHS;
static const char r_parole_mappa[] = HANDOVER_REASON_PAROLE_MAPPA_2_3;
static const char r_thd_12[] = HANDOVER_REASON_THD_OVER_12_MONTHS;
static const char r_recall[] = HANDOVER_REASON_RECALL_CASE;
static const char r_immigration[] = HANDOVER_REASON_IMMIGRATION_CASE;
static const char r_no_release[] = HANDOVER_REASON_RELEASE_DATE_UNKNOWN;
static const char r_early[] = HANDOVER_REASON_EARLY_ALLOCATION;
static const char r_indeterminate[] = HANDOVER_REASON_INDETERMINATE;
static const char r_indeterminate_open[] = HANDOVER_REASON_INDETERMINATE_OPEN;
static const char r_short[] = HANDOVER_REASON_DETERMINATE_SHORT;
static const char r_parole[] = HANDOVER_REASON_DETERMINATE_PAROLE;
static const char r_determinate[] = HANDOVER_REASON_DETERMINATE;
static const char r_mappa_2_3[] = HANDOVER_REASON_DETERMINATE_MAPPA_2_3;
static const char r_crc[] = HANDOVER_REASON_CRC_CASE;
static const char r_open_pre_omic[] = HANDOVER_REASON_OPEN_PRE_OMIC;

const char *const handover_reason_codes[] = {
	r_civil, r_under_18, r_unsentenced,
	r_additional_isp, r_recall_thd, r_parole_mappa, r_thd_12,
	r_recall, r_immigration, r_no_release, r_early,
	r_indeterminate, r_indeterminate_open, r_short, r_parole, r_determinate,
	r_mappa_2_3, r_crc, r_open_pre_omic,
	NULL
};

/* First day of each version, days since 2000-01-01 */
static const int32_t version_start[HANDOVER_RULES_COUNT] = {
	6974,						/* 2019-02-04 */
	7716,						/* 2021-02-15 */
	8491,						/* 2023-04-01 */
	8674,						/* 2023-10-01 */
	8887,						/* 2024-05-01 */
	8971,						/* 2024-07-24 */
	9266						/* 2025-05-15 */
};

static const char *const version_name[HANDOVER_RULES_COUNT] = {
	"2019", "2021", "2023-04", "2023-10", "2024-05", "2024-07", "2025-05"
};

/* How each version chose the ERD of an indeterminate sentence (above) */
typedef enum
{
	ERD_TED_NOT_PAST,			/* TED >= as_of, else none */
	ERD_TED_ELSE_PAROLE_NOT_PAST,	/* TED > as_of, else min(THD, PED >= as_of) */
	ERD_TED_ELSE_PAROLE_FUTURE, /* TED > as_of, else min(THD, PED > as_of) */
	ERD_EARLIER_TED_THD,		/* min(TED, THD) */
	ERD_FUTURE_ELSE_NEAREST		/* TED, THD in the future, else the nearer */
} IndeterminateErdRule;

static const IndeterminateErdRule indeterminate_erd_rule[HANDOVER_RULES_COUNT] = {
	ERD_TED_NOT_PAST,			/* 2019 */
	ERD_TED_ELSE_PAROLE_NOT_PAST,	/* 2021 */
	ERD_TED_ELSE_PAROLE_FUTURE, /* 2023-04 */
	ERD_TED_ELSE_PAROLE_FUTURE, /* 2023-10 */
	ERD_TED_ELSE_PAROLE_FUTURE, /* 2024-05 */
	ERD_EARLIER_TED_THD,		/* 2024-07 */
	ERD_FUTURE_ELSE_NEAREST		/* 2025-05 */
};

/* Days in "12 weeks" (CRC cases, 2019 and 2021) */
#define CRC_HANDOVER_DAYS	84

/* Shorthand: X - months - days into *res, or fail the calculation */
#define SUBTRACT(x, months, days, res) \
	do { \
		if (!date_minus_interval((x), (months), (days), (res))) \
			return HANDOVER_DATE_OUT_OF_RANGE; \
	} while (0)

static void
set_fixed(HandoverResult *out, HandoverResponsibility resp, const char *reason)
{
	out->responsibility = resp;
	out->has_start_date = false;
	out->start_date = 0;
	out->has_handover_date = false;
	out->handover_date = 0;
	out->reason = reason;
}

/* Responsibility from a start date and a handover date (start <= HD) */
static void
set_by_dates(HandoverResult *out, int32_t as_of, int32_t start, int32_t hd,
			 const char *reason)
{
	out->has_start_date = true;
	out->start_date = start;
	out->has_handover_date = true;
	out->handover_date = hd;
	out->reason = reason;
	if (as_of < start)
		out->responsibility = RESP_CUSTODY_ONLY;
	else if (as_of < hd)
		out->responsibility = RESP_CUSTODY_WITH_COM;
	else
		out->responsibility = RESP_COMMUNITY;
}

/*
 * Under 18 on as_of?  The 18th birthday is the same month and day 18 years
 * on, 29 February becoming 1 March in a common year, so someone is 18 on
 * as_of exactly when born on or before as_of - 18 years (29 February then
 * becoming 28 February): a leap-day birth is 18 on 1 March, whose date 18
 * years back is 1 March, and a 28 February as_of reaches back to 28
 * February.  That cutoff depends on as_of alone, which one query usually
 * shares across all its rows, so the last one is kept.  Infinite dates act
 * as dates: born at -infinity is always adult, born at +infinity becomes
 * adult only at +infinity.
 */
static bool
under_18(int32_t dob, int32_t as_of)
{
	static bool have_cutoff = false;
	static int32_t cutoff_as_of;
	static int64_t cutoff;

	if (DATE_ARITH_IS_NOBEGIN(dob))
		return false;
	if (DATE_ARITH_IS_NOEND(dob))
		return !DATE_ARITH_IS_NOEND(as_of);
	if (DATE_ARITH_IS_NOBEGIN(as_of))
		return true;
	if (DATE_ARITH_IS_NOEND(as_of))
		return false;

	if (!have_cutoff || cutoff_as_of != as_of)
	{
		cutoff = date_years_earlier(as_of, 18);
		cutoff_as_of = as_of;
		have_cutoff = true;
	}
	return (int64_t) dob > cutoff;
}

/* The in-scope gate; returns the out-of-scope reason, or NULL if in scope */
static const char *
out_of_scope_reason(const HandoverInput *in)
{
	bool		sentenced;

	if (in->civil)
		return r_civil;
	if (in->has_date_of_birth && under_18(in->date_of_birth, in->as_of))
		return r_under_18;

	/* MPC's sentenced?: a release date (prison-api's) counts, APD too */
	sentenced = in->has_sentence_start &&
		(in->has_release_date || in->has_crd || in->has_ard ||
		 in->has_ped || in->has_hdced || in->has_ted || in->indeterminate);
	if (in->remand || (!sentenced && !in->immigration))
		return r_unsentenced;
	return NULL;
}

/* Absolute distance between two dates, in days (no overflow) */
static int64_t
distance(int32_t a, int32_t b)
{
	int64_t		diff = (int64_t) a - (int64_t) b;

	return diff < 0 ? -diff : diff;
}

/*
 * The earlier of two optional dates, each counted only if known and (when
 * after_as_of is given) after it, or on or after it when on_or_after; false
 * if neither counts.
 */
static bool
earlier_of(bool has_a, int32_t a, bool has_b, int32_t b, const int32_t *as_of,
		   bool on_or_after, int32_t *res)
{
	if (as_of != NULL)
	{
		has_a = has_a && (on_or_after ? a >= *as_of : a > *as_of);
		has_b = has_b && (on_or_after ? b >= *as_of : b > *as_of);
	}
	if (has_a && has_b)
		*res = (b < a) ? b : a;
	else if (has_a)
		*res = a;
	else if (has_b)
		*res = b;
	else
		return false;
	return true;
}

/* ERD of an indeterminate sentence under one version's rule */
static bool
indeterminate_release(const HandoverInput *in, IndeterminateErdRule rule,
					  int32_t *erd)
{
	switch (rule)
	{
		case ERD_TED_NOT_PAST:
			if (!in->has_ted || in->ted < in->as_of)
				return false;
			*erd = in->ted;
			return true;
		case ERD_TED_ELSE_PAROLE_NOT_PAST:
		case ERD_TED_ELSE_PAROLE_FUTURE:
			if (in->has_ted && in->ted > in->as_of)
			{
				*erd = in->ted;
				return true;
			}
			return earlier_of(in->has_thd, in->thd, in->has_ped, in->ped,
							  &in->as_of, rule == ERD_TED_ELSE_PAROLE_NOT_PAST,
							  erd);
		case ERD_EARLIER_TED_THD:
			return earlier_of(in->has_ted, in->ted, in->has_thd, in->thd,
							  NULL, false, erd);
		case ERD_FUTURE_ELSE_NEAREST:
		default:
			break;
	}

	if (in->has_ted && in->ted > in->as_of)
		*erd = in->ted;
	else if (in->has_thd && in->thd > in->as_of)
		*erd = in->thd;
	else if (in->has_ted && in->has_thd)
		*erd = (distance(in->thd, in->as_of) < distance(in->ted, in->as_of))
			? in->thd : in->ted;
	else if (in->has_ted)
		*erd = in->ted;
	else if (in->has_thd)
		*erd = in->thd;
	else
		return false;
	return true;
}

/* Earliest release date for handover; false if there is none */
static bool
earliest_release(const HandoverInput *in, int32_t *erd)
{
	if (in->indeterminate)
		return indeterminate_release(in,
									 indeterminate_erd_rule[in->version], erd);

	if (in->has_ped)
		*erd = in->ped;
	else if (in->has_ard && in->has_crd)
		*erd = (in->ard < in->crd) ? in->ard : in->crd;
	else if (in->has_ard)
		*erd = in->ard;
	else if (in->has_crd)
		*erd = in->crd;
	else
		return false;
	return true;
}

/* MAPPA level 2 or 3 */
static bool
mappa_2_3(int level)
{
	return level == 2 || level == 3;
}

/* Current rules' start date: earlier of HD and open_since, if it applies */
static int32_t
start_date_for(const HandoverInput *in, int32_t hd)
{
	if (in->indeterminate && in->open_conditions && in->has_open_since &&
		in->open_since < hd)
		return in->open_since;
	return hd;
}

/*
 * Is the expected time in custody 10 months or less, sentence_start + 10
 * months on or after the ERD?  False for no sentence start.  Ten months are
 * always between 280 and 310 days, so most cases are decided by the
 * distance alone; the calendar settles the rest, and an out-of-range sum
 * (returns false) can only occur near the end of the timestamp range.
 */
static bool
short_sentence(const HandoverInput *in, int32_t erd, bool *is_short)
{
	int64_t		gap;
	int32_t		limit;

	*is_short = false;
	if (!in->has_sentence_start)
		return true;
	if (DATE_IS_VALID_FINITE(in->sentence_start) &&
		in->sentence_start <= DATE_TIMESTAMP_MAX_VALUE - 366)
	{
		gap = (int64_t) erd - in->sentence_start;
		if (gap > 310)
			return true;
		if (gap < 280)
		{
			*is_short = true;
			return true;
		}
	}
	if (!date_add_months(in->sentence_start, 10, &limit))
		return false;
	*is_short = limit >= erd;
	return true;
}

/*
 * The 10-month row: community, no dates, when the expected time in custody
 * is 10 months or less.  True if it matched or failed (*status says which).
 */
static bool
short_row(const HandoverInput *in, int32_t erd, HandoverResult *out,
		  HandoverStatus *status)
{
	bool		is_short;

	*status = HANDOVER_OK;
	if (!short_sentence(in, erd, &is_short))
	{
		*status = HANDOVER_DATE_OUT_OF_RANGE;
		return true;
	}
	if (!is_short)
		return false;
	set_fixed(out, RESP_COMMUNITY, r_short);
	return true;
}

/* Rows 1-4 of the current rules; true if one of them matched */
static bool
isp_rows(const HandoverInput *in, HandoverResult *out, HandoverStatus *status)
{
	int32_t		limit;

	*status = HANDOVER_OK;
	if (!in->indeterminate)
		return false;

	if (in->additional_isp)
	{
		set_fixed(out, RESP_CUSTODY_ONLY, r_additional_isp);
		return true;
	}

	if (!in->has_thd)
		return false;
	if (!date_add_months(in->as_of, 12, &limit))
	{
		*status = HANDOVER_DATE_OUT_OF_RANGE;
		return true;
	}
	if (in->thd <= limit)
		return false;

	if (in->recall && in->mappa_level < 2)
		set_fixed(out, RESP_CUSTODY_WITH_COM, r_recall_thd);
	else if (in->parole_outcome_not_release && mappa_2_3(in->mappa_level))
		set_fixed(out, RESP_COMMUNITY, r_parole_mappa);
	else if (in->parole_outcome_not_release)
		set_fixed(out, RESP_CUSTODY_WITH_COM, r_thd_12);
	else
		return false;
	return true;
}

/* Versions 2023-04 to 2025-05 */
static HandoverStatus
calculate_current(const HandoverInput *in, HandoverResult *out,
				  HandoverRulesVersion version)
{
	int32_t		erd;
	int32_t		hd;
	HandoverStatus status;
	int			parole_months = (version == HANDOVER_RULES_2023_04) ? 8 : 12;

	if (version >= HANDOVER_RULES_2024_05 && isp_rows(in, out, &status))
		return status;

	/* rows 5-7 */
	if (in->recall)
	{
		set_fixed(out, RESP_COMMUNITY, r_recall);
		return HANDOVER_OK;
	}
	if (in->immigration)
	{
		set_fixed(out, RESP_COMMUNITY, r_immigration);
		return HANDOVER_OK;
	}
	if (!earliest_release(in, &erd))
	{
		set_fixed(out, RESP_CUSTODY_ONLY, r_no_release);
		return HANDOVER_OK;
	}

	/* row 8: early allocation (2023-04: below, after row 10) */
	if (in->early_allocation && version != HANDOVER_RULES_2023_04)
	{
		SUBTRACT(erd, 15, 0, &hd);
		set_by_dates(out, in->as_of, start_date_for(in, hd), hd, r_early);
		return HANDOVER_OK;
	}

	/* row 9: indeterminate */
	if (in->indeterminate)
	{
		SUBTRACT(erd, parole_months, 0, &hd);
		set_by_dates(out, in->as_of, start_date_for(in, hd), hd,
					 in->open_conditions ? r_indeterminate_open : r_indeterminate);
		return HANDOVER_OK;
	}

	/* row 10: expected time in custody of 10 months or less */
	if (short_row(in, erd, out, &status))
		return status;

	/* 2023-04: early allocation of a determinate sentence comes here */
	if (in->early_allocation)
	{
		SUBTRACT(erd, 15, 0, &hd);
		set_by_dates(out, in->as_of, hd, hd, r_early);
		return HANDOVER_OK;
	}

	/* row 11: determinate parole */
	if (in->has_ped)
	{
		SUBTRACT(erd, parole_months, 0, &hd);
		set_by_dates(out, in->as_of, hd, hd, r_parole);
		return HANDOVER_OK;
	}

	/* row 12: other determinate */
	SUBTRACT(erd, 8, 14, &hd);
	set_by_dates(out, in->as_of, hd, hd, r_determinate);
	return HANDOVER_OK;
}

/*
 * The rows 2019 and 2021 share, in their order: recall, immigration, (2019
 * only) open conditions, no ERD, CRC case, and the 10-month rule for every
 * sentence (rows a-e).
 * True if one matched, or the calculation failed (*status says which).
 */
static bool
historical_common_rows(const HandoverInput *in, HandoverResult *out,
					   int32_t *erd, HandoverStatus *status)
{
	int32_t		hd;

	*status = HANDOVER_OK;
	if (in->recall)
		set_fixed(out, RESP_COMMUNITY, r_recall);
	else if (in->immigration)
		set_fixed(out, RESP_COMMUNITY, r_immigration);
	else if (in->version == HANDOVER_RULES_2019 && in->open_conditions &&
			 !(in->crc_case && !in->indeterminate))
		set_fixed(out, RESP_COMMUNITY, r_open_pre_omic);
	else if (!earliest_release(in, erd))
		set_fixed(out, RESP_CUSTODY_ONLY, r_no_release);
	else if (in->crc_case && !in->indeterminate)
	{
		/* the CRC release date: 2019 HDCED first, 2021 the earliest */
		int32_t		base = *erd;

		if (in->has_hdced &&
			(in->version == HANDOVER_RULES_2019 || in->hdced < base))
			base = in->hdced;
		if (!date_minus_interval(base, 0, CRC_HANDOVER_DAYS, &hd))
			*status = HANDOVER_DATE_OUT_OF_RANGE;
		else
			set_by_dates(out, in->as_of, hd, hd, r_crc);
	}
	else
		return short_row(in, *erd, out, status);
	return true;
}

/*
 * 2021's dates from a handover date: an indeterminate sentence in open
 * conditions starts on open_since (earlier or later than the HD), and the
 * HD is then not earlier than that start (MPC a0e7163d handover():
 * "handover_date = start_date if start_date > handover_date"); otherwise
 * start = HD.
 */
static void
set_open_2021(HandoverResult *out, const HandoverInput *in, int32_t hd,
			  const char *reason)
{
	int32_t		start = hd;

	if (in->indeterminate && in->open_conditions && in->has_open_since)
	{
		start = in->open_since;
		if (start > hd)
			hd = start;
	}
	set_by_dates(out, in->as_of, start, hd, reason);
}

static HandoverStatus
calculate_2021(const HandoverInput *in, HandoverResult *out)
{
	int32_t		erd;
	int32_t		hd;
	HandoverStatus status;

	if (historical_common_rows(in, out, &erd, &status))
		return status;

	if (in->early_allocation)
	{
		SUBTRACT(erd, 15, 0, &hd);
		set_open_2021(out, in, hd, r_early);
		return HANDOVER_OK;
	}
	if (in->indeterminate)
	{
		SUBTRACT(erd, 8, 0, &hd);
		set_open_2021(out, in, hd,
					  in->open_conditions ? r_indeterminate_open : r_indeterminate);
		return HANDOVER_OK;
	}
	if (in->has_ped)
	{
		SUBTRACT(in->ped, 8, 0, &hd);
		set_by_dates(out, in->as_of, hd, hd, r_parole);
		return HANDOVER_OK;
	}

	/* no PED here, so ERD = min(ARD, CRD) */
	SUBTRACT(erd, 7, 15, &hd);
	if (in->has_sentence_start && hd < in->sentence_start)
		hd = in->sentence_start;
	set_by_dates(out, in->as_of, hd, hd, r_determinate);
	return HANDOVER_OK;
}

static HandoverStatus
calculate_2019(const HandoverInput *in, HandoverResult *out)
{
	int32_t		erd;
	int32_t		base;
	int32_t		start;
	int32_t		hd;
	HandoverStatus status;

	if (historical_common_rows(in, out, &erd, &status))
		return status;

	if (in->early_allocation)
	{
		base = in->has_crd ? in->crd : erd;
		SUBTRACT(base, 18, 0, &start);
		SUBTRACT(base, 15, 0, &hd);
		set_by_dates(out, in->as_of, start, hd, r_early);
		return HANDOVER_OK;
	}
	if (in->indeterminate)
	{
		SUBTRACT(erd, 8, 0, &hd);
		set_by_dates(out, in->as_of, hd, hd, r_indeterminate);
		return HANDOVER_OK;
	}
	if (in->has_ped)
	{
		SUBTRACT(in->ped, 8, 0, &hd);
		set_by_dates(out, in->as_of, hd, hd, r_parole);
		return HANDOVER_OK;
	}
	SUBTRACT(erd, 7, 15, &start);
	if (mappa_2_3(in->mappa_level))
	{
		set_by_dates(out, in->as_of, start, start, r_mappa_2_3);
		return HANDOVER_OK;
	}
	/* MAPPA 1 or unknown: the HDCED when earlier (0c438bfa) */
	SUBTRACT(erd, 4, 15, &hd);
	if (in->has_hdced && in->hdced < hd)
		hd = in->hdced;
	set_by_dates(out, in->as_of, start < hd ? start : hd, hd, r_determinate);
	return HANDOVER_OK;
}

HandoverStatus
handover_calculate(const HandoverInput *in, HandoverResult *out)
{
	const char *reason;
	HandoverStatus status;
	HandoverInput current;

	set_fixed(out, RESP_NONE, NULL);

	/* an out-of-range version is the current one */
	if ((int) in->version < 0 || (int) in->version >= HANDOVER_RULES_COUNT)
	{
		current = *in;
		current.version = HANDOVER_RULES_CURRENT;
		in = &current;
	}

	reason = out_of_scope_reason(in);
	if (reason != NULL)
	{
		out->reason = reason;
		return HANDOVER_OK;
	}

	switch (in->version)
	{
		case HANDOVER_RULES_2019:
			status = calculate_2019(in, out);
			break;
		case HANDOVER_RULES_2021:
			status = calculate_2021(in, out);
			break;
		default:
			status = calculate_current(in, out, in->version);
			break;
	}

	/* never hand back a half-filled result */
	if (status != HANDOVER_OK)
		set_fixed(out, RESP_NONE, NULL);
	return status;
}

HandoverRulesVersion
handover_rules_version_for(int32_t rules_as_of)
{
	int			v;

	for (v = HANDOVER_RULES_COUNT - 1; v > 0; v--)
	{
		if (rules_as_of >= version_start[v])
			return (HandoverRulesVersion) v;
	}
	return HANDOVER_RULES_2019;
}

int32_t
handover_rules_version_start(HandoverRulesVersion v)
{
	if ((int) v < 0 || (int) v >= HANDOVER_RULES_COUNT)
		v = HANDOVER_RULES_CURRENT;
	return version_start[v];
}

const char *
handover_rules_version_name(HandoverRulesVersion v)
{
	if ((int) v < 0 || (int) v >= HANDOVER_RULES_COUNT)
		return NULL;
	return version_name[v];
}

bool
handover_rules_version_from_name(const char *name, HandoverRulesVersion *v)
{
	int			i;

	if (name == NULL)
		return false;
	for (i = 0; i < HANDOVER_RULES_COUNT; i++)
	{
		if (strcmp(name, version_name[i]) == 0)
		{
			*v = (HandoverRulesVersion) i;
			return true;
		}
	}
	return false;
}
