/*-------------------------------------------------------------------------
 *
 * readiness_rules.c
 *		The release-readiness rules (see readiness_rules.h).
 *
 * Source: reference/domain.md sections 2.5, 3 and 9 (rules R04-R19), which
 * draw on HMPPS "Manage POM Cases" (MPC), Resettlement Passport and the
 * 2022-2023 OMiC inspections.  Our own words and code throughout.
 *
 * ---------------------------------------------------------------------------
 * TERMS
 * ---------------------------------------------------------------------------
 * as_of is "today".  RD is custody.release_date.  T = RD - as_of, in days,
 * computed in 64 bits; an infinite date lies beyond every finite one (T to
 * or from an infinite date is beyond every threshold; T between two equal
 * infinities is 0).  "Released" = released_on set and released_on <= as_of.
 * In scope = the handover calculation for as_of (run here, with the facts'
 * HandoverInput) gives a responsibility (not RESP_NONE).  No rule fires for
 * a released or out-of-scope case, nor when disabled.  A rule with a
 * T threshold needs RD and the threshold; without either it does not fire.
 *
 * ---------------------------------------------------------------------------
 * RULES AND DUE DATES (catalogue order; "due" is ReadinessGap.due_on)
 * ---------------------------------------------------------------------------
 * dates.release_unknown (W): no RD, and one is expected: not for an
 *		indeterminate sentence, whose release the Parole Board directs
 *		(the date is recorded then, as APD or confirmed), nor for an
 *		immigration detainee, held under immigration powers with no
 *		release date; for them no date is the normal state, not missing
 *		work.  Due: as_of (needed now).
 * dates.release_passed (E): RD < as_of (and not released).  Due: RD.
 *		A release recorded later than as_of does not count: evaluated for
 *		a past day, that day's case was still in custody.
 * handover.com_unallocated (W): responsibility custody_with_com or
 *		community and no COM recorded, unless handover.com_overdue fires:
 *		one missing COM is one gap, the warning until the allocation is
 *		overdue, then the error.  Due: the handover start date (when the
 *		COM starts supporting); as_of when the handover has no dates
 *		(recall, immigration, ISP rows, determinate_short).
 * handover.com_overdue (E): responsibility community, handover date HD set,
 *		no COM recorded, as_of >= HD + 2.  Due: HD + 2.
 *		A COM is recorded when the case has a COM name or a COM email
 *		(com_name_present || com_email_present; blank ones are stored as
 *		NULL): one definition for both rules, the flags and the outcome.
 * handover.checklist_incomplete (W): HD set, as_of >= HD, handover type
 *		enhanced (enhanced_handover unknown or true: reviewed_oasys,
 *		contacted_com, attended_handover_meeting) or standard (false:
 *		contacted_com, sent_handover_report), not all done.  Type none
 *		(reason determinate_short) or missing (no reason) does not apply.
 *		MPC's "simplified enhanced" checklist (a feature flag) is not
 *		modelled.  Due: HD.
 * assessment.immediate_needs_overdue (E): reception date set, fewer than 7
 *		pathways complete, as_of >= reception + error_days (5).
 *		Due: reception + error_days.
 * assessment.pre_release_overdue (E): fewer than 7 pathways complete,
 *		T <= error_days (84).  Due: RD - error_days.
 * pathway.not_started (W): some pathway not_started or missing,
 *		T <= warn_days (84).  Due: RD - warn_days.
 * accommodation.none (E/W): not secured, where secured = an accommodation
 *		record with address_confirmed and a release plan of
 *		return_to_previous_address, move_to_new_address, approved_premises,
 *		cas2 or cas3.  The configured severity (error) when
 *		T <= error_days (56), else a warning when T <= warn_days (84).
 *		Due: RD - error_days (the deadline; the warning is advance notice
 *		of it), or RD - warn_days when there is no error threshold.
 * accommodation.duty_to_refer (W): (no fixed abode before custody OR at
 *		risk of homelessness OR plan does_not_have_anywhere) AND no
 *		duty-to-refer date AND accommodation not secured (as for
 *		accommodation.none: with an address confirmed for release the
 *		person is not threatened with homelessness on release, which is
 *		what the duty is about), T <= warn_days (56).  Due: RD - warn_days.
 * id.none (E): no ID document held and no application pending or
 *		accepted, T <= error_days (84).  Due: RD - error_days.
 * id.application_late (W): an application pending, none accepted and no
 *		document held, T <= warn_days (14): as bank.application_late, the
 *		application will not be decided in time and the person leaves
 *		without ID.  Due: RD - warn_days.
 * bank.none (E): no account held or opened and no application pending,
 *		T <= error_days (84).  Due: RD - error_days.
 * bank.application_failed (E): the latest application declined or
 *		returned with none newer, and no account held or opened (an
 *		account already held makes the failed application moot).
 *		Due: as_of (resubmit now).
 * bank.application_late (W): an application pending and no account held or
 *		opened, T <= warn_days (14).  Due: RD - warn_days.
 * benefits.claim_not_started (W): need identified, status not_started or
 *		declined (neither met nor in_progress), T <= warn_days (14).
 *		Due: RD - warn_days.
 * health.gp_not_arranged (W): need identified and not met,
 *		T <= warn_days (7).  Due: RD - warn_days.
 * health.release_prescription (W): need identified and not met,
 *		T <= warn_days (7).  Due: RD - warn_days.
 * family.not_assessed (W): children_families_community not_started or
 *		missing, T <= warn_days (84).  Due: RD - warn_days.
 *
 * Due dates follow PostgreSQL's "date + integer": an infinite date stays
 * infinite; a result outside the date range has no due date (has_due_on
 * false) and the message says "N days before release on RD" without "by".
 * Since T <= threshold is as_of >= RD - threshold, the due date of a T rule
 * is never after as_of (except accommodation.none's warning stage).
 *
 * extension/readiness_rules.c
 *
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <string.h>

#include "date_arith.h"
#include "readiness_rules.h"

/* Where an infinite date sits for comparisons: beyond any finite date */
#define INFINITE_DAYS	((int64_t) 1 << 40)

typedef struct RuleInfo
{
	const char *code;
	const char *title;
	const char *source;
	ReadinessRuleConfig defaults;
} RuleInfo;

#define W	READINESS_SEVERITY_WARNING
#define E	READINESS_SEVERITY_ERROR

/* The catalogue; indexed by ReadinessRule */
static const RuleInfo rule_info[RULE_COUNT] = {
	{"dates.release_unknown",
		"Release date recorded",
		"domain.md sec. 9 R19; hmpps-resettlement-passport-api PrisonerService.setDisplayedReleaseDate",
	{true, W, false, 0, false, 0}},
	{"dates.release_passed",
		"Release date not passed without a recorded release",
		"domain.md sec. 9 R19 (past release date still in custody = data error)",
	{true, E, false, 0, false, 0}},
	{"handover.com_unallocated",
		"COM recorded when the COM is supporting or responsible",
		"domain.md sec. 2.5, sec. 9 R04; offender-management-allocation-manager mpc_offender.rb#needs_a_com?",
	{true, W, false, 0, false, 0}},
	{"handover.com_overdue",
		"COM allocated within 2 days of the handover date",
		"domain.md sec. 2.5, sec. 9 R05; offender-management-allocation-manager calculated_handover_date.rb#by_com_allocation_overdue",
	{true, E, false, 0, false, 0}},
	{"handover.checklist_incomplete",
		"Handover checklist complete by the handover date",
		"domain.md sec. 2.5, sec. 9 R07; offender-management-allocation-manager handover_progress_checklist.rb",
	{true, W, false, 0, false, 0}},
	{"assessment.immediate_needs_overdue",
		"Immediate needs (BCST2) assessment of all 7 pathways soon after reception",
		"domain.md sec. 3.5, sec. 9 R09; hmpps-resettlement-passport-api PrisonerService.isAssessmentRequired; N days unverified",
	{true, E, false, 0, true, 5}},
	{"assessment.pre_release_overdue",
		"Pre-release assessment of all 7 pathways 12 weeks before release",
		"domain.md sec. 3.5, sec. 9 R10; hmpps-resettlement-passport-ui assign-a-case.njk (filter Within 12 weeks)",
	{true, E, false, 0, true, 84}},
	{"pathway.not_started",
		"No resettlement pathway left not started 12 weeks before release",
		"domain.md sec. 3.2, sec. 9 R11; hmpps-resettlement-passport-api pathway Status",
	{true, W, true, 84, false, 0}},
	{"accommodation.none",
		"Accommodation confirmed for release",
		"domain.md sec. 7, sec. 9 R12; HMI Probation OMiC post-release 2023 (4 in 10 settled); HRA 2017 56 days",
	{true, E, true, 84, true, 56}},
	{"accommodation.duty_to_refer",
		"Duty to refer to a local authority when homeless or at risk",
		"domain.md sec. 3.5, sec. 9 R13; Homelessness Reduction Act 2017 s.10",
	{true, W, true, 56, false, 0}},
	{"id.none",
		"ID document held or applied for",
		"domain.md sec. 3.4, sec. 7, sec. 9 R14; HMI OMiC pre-release 2022; hmpps-resettlement-passport-api id_application",
	{true, E, false, 0, true, 84}},
	{"id.application_late",
		"ID application not still pending close to release",
		"domain.md sec. 3.4, sec. 7, sec. 9 R14 (enough lead time), R15 (pending within 14 days of release); HMI OMiC pre-release 2022 (released without ID)",
	{true, W, true, 14, false, 0}},
	{"bank.none",
		"Bank account held or applied for",
		"domain.md sec. 3.4, sec. 7, sec. 9 R15; HMI OMiC pre-release 2022; hmpps-resettlement-passport-api bank_application",
	{true, E, false, 0, true, 84}},
	{"bank.application_failed",
		"Declined or returned bank application resubmitted",
		"domain.md sec. 3.4, sec. 9 R15; hmpps-resettlement-passport-ui add-bank-account (declined/returned statuses)",
	{true, E, false, 0, false, 0}},
	{"bank.application_late",
		"Bank application not still pending close to release",
		"domain.md sec. 9 R15 (pending within 14 days of release)",
	{true, W, true, 14, false, 0}},
	{"benefits.claim_not_started",
		"Benefit claim started before release",
		"domain.md sec. 3.3, sec. 9 R16; hmpps-resettlement-passport-api support needs (Help to start a new benefits claim)",
	{true, W, true, 14, false, 0}},
	{"health.gp_not_arranged",
		"GP registration arranged before release",
		"domain.md sec. 3.3, sec. 9 R17; hmpps-resettlement-passport-api support needs (Help to register with a GP surgery)",
	{true, W, true, 7, false, 0}},
	{"health.release_prescription",
		"Release-day prescription arranged",
		"domain.md sec. 3.3, sec. 9 R17; hmpps-resettlement-passport-api support needs (prescriptions on day of release)",
	{true, W, true, 7, false, 0}},
	{"family.not_assessed",
		"Children, families and communities pathway addressed",
		"domain.md sec. 7, sec. 9 R18; HMI OMiC pre-release 2022 (family needs unaddressed in two of three cases)",
	{true, W, true, 84, false, 0}}
};

#undef W
#undef E

static const char *const level_label[READINESS_LEVEL_COUNT] = {
	"ready", "on_track", "at_risk", "not_ready", "released", "out_of_scope"
};

static const char *const severity_label[2] = {"warning", "error"};

#define PLAN_COUNT	7
static const char *const plan_label[PLAN_COUNT] = {
	"no_answer", "return_to_previous_address", "move_to_new_address",
	"approved_premises", "cas2", "cas3", "does_not_have_anywhere"
};

#define NEED_COUNT	5
static const char *const need_label[NEED_COUNT] = {
	"none", "not_started", "in_progress", "met", "declined"
};

/* Evaluation state of one call */
typedef struct Eval
{
	const ReadinessFacts *f;
	const ReadinessRuleSet *rules;
	int32_t		as_of;
	bool		has_t;			/* release date known */
	int64_t		t;				/* RD - as_of */
	ReadinessResult *out;
} Eval;

/* ---------------------------------------------------------------------- */
/* Dates                                                                   */
/* ---------------------------------------------------------------------- */

/* A date on a line where the infinities lie beyond every finite date */
static int64_t
date_line(int32_t d)
{
	if (DATE_ARITH_IS_NOBEGIN(d))
		return -INFINITE_DAYS;
	if (DATE_ARITH_IS_NOEND(d))
		return INFINITE_DAYS;
	return d;
}

/* date_line(d + days); an infinite d stays where it is */
static int64_t
date_line_plus(int32_t d, int64_t days)
{
	if (DATE_ARITH_NOT_FINITE(d))
		return date_line(d);
	return (int64_t) d + days;
}


char *
readiness_format_date(int32_t d, char *buf, size_t len)
{
	int			y,
				m,
				day;

	if (buf == NULL || len == 0)
		return buf;
	if (DATE_ARITH_IS_NOBEGIN(d))
		snprintf(buf, len, "-infinity");
	else if (DATE_ARITH_IS_NOEND(d))
		snprintf(buf, len, "infinity");
	else if (!date_to_ymd(d, &y, &m, &day))
		snprintf(buf, len, "invalid date");
	else if (y > 0)
		snprintf(buf, len, "%04d-%02d-%02d", y, m, day);
	else
		snprintf(buf, len, "%04d-%02d-%02d BC", 1 - y, m, day);
	return buf;
}

/*
 * The deadline part of a message: "by DUE, N days before EVENT on ANCHOR"
 * (offset = due - anchor: negative before, positive after; 0 gives "by DUE,
 * the day of EVENT").  Without a due date the "by DUE, " part is left out.
 */
static void
deadline(char *buf, size_t len, bool has_due, int32_t due, int64_t offset,
		 const char *event, int32_t anchor)
{
	char		dbuf[READINESS_DATE_LEN];
	char		abuf[READINESS_DATE_LEN];
	char		by[READINESS_DATE_LEN + 8];
	int64_t		n = (offset < 0) ? -offset : offset;

	by[0] = '\0';
	if (has_due)
		snprintf(by, sizeof(by), "by %s, ",
				 readiness_format_date(due, dbuf, sizeof(dbuf)));

	if (offset == 0)
		snprintf(buf, len, "%sthe day of %s", has_due ? by : "on ", event);
	else
		snprintf(buf, len, "%s%lld day%s %s %s on %s", by, (long long) n,
				 (n == 1) ? "" : "s", (offset < 0) ? "before" : "after",
				 event, readiness_format_date(anchor, abuf, sizeof(abuf)));
}

/* ---------------------------------------------------------------------- */
/* Gaps                                                                    */
/* ---------------------------------------------------------------------- */

static const ReadinessRuleConfig *
config(const Eval *ev, ReadinessRule rule)
{
	return &ev->rules->rule[rule];
}

/* The configured severity; anything but "warning" is an error */
static ReadinessSeverity
config_severity(const ReadinessRuleConfig *cfg)
{
	return (cfg->severity == READINESS_SEVERITY_WARNING) ?
		READINESS_SEVERITY_WARNING : READINESS_SEVERITY_ERROR;
}

/* Append a gap (message left empty); has_due from whether due is a date */
static ReadinessGap *
add_gap(Eval *ev, ReadinessRule rule, ReadinessSeverity severity,
		bool has_due, int32_t due)
{
	ReadinessGap *gap = &ev->out->gaps[ev->out->ngaps++];

	gap->rule = rule;
	gap->severity = severity;
	gap->has_due_on = has_due;
	gap->due_on = has_due ? due : 0;
	gap->message[0] = '\0';
	return gap;
}

/* T <= days, with a release date and the threshold present */
static bool
within(const Eval *ev, bool has_days, int days)
{
	return ev->has_t && has_days && ev->t <= (int64_t) days;
}

/*
 * A gap of a rule with a T threshold: due RD - days, message
 * "<what> by DUE, N days before release on RD."
 */
static void
add_lead_gap(Eval *ev, ReadinessRule rule, ReadinessSeverity severity,
			 int days, const char *what)
{
	char		when[128];
	int32_t		due = 0;
	bool		has_due;
	ReadinessGap *gap;

	has_due = date_add_days(ev->f->release_date, -(int64_t) days, &due);
	gap = add_gap(ev, rule, severity, has_due, due);
	deadline(when, sizeof(when), has_due, due, -(int64_t) days, "release",
			 ev->f->release_date);
	snprintf(gap->message, sizeof(gap->message), "%s %s.", what, when);
}

/* A single-threshold rule on warn_days or error_days, if enabled */
static void
lead_rule(Eval *ev, ReadinessRule rule, bool condition, const char *what)
{
	const ReadinessRuleConfig *cfg = config(ev, rule);
	bool		has_days;
	int			days;

	if (!cfg->enabled || !condition)
		return;
	if (rule_info[rule].defaults.has_warn_days)
	{
		has_days = cfg->has_warn_days;
		days = cfg->warn_days;
	}
	else
	{
		has_days = cfg->has_error_days;
		days = cfg->error_days;
	}
	if (within(ev, has_days, days))
		add_lead_gap(ev, rule, config_severity(cfg), days, what);
}

/* Count clamped to 0..7 for messages */
static int
pathway_count(int n)
{
	if (n < 0)
		return 0;
	if (n > READINESS_PATHWAY_COUNT)
		return READINESS_PATHWAY_COUNT;
	return n;
}

static bool
need_label_ok(ReadinessNeedStatus s)
{
	return (int) s >= 0 && (int) s < NEED_COUNT;
}

/* Label for messages, never NULL */
static const char *
need_text(ReadinessNeedStatus s)
{
	return need_label_ok(s) ? need_label[s] : "unknown";
}

/* Identified (a row exists); an invalid value counts as not identified */
static bool
need_identified(ReadinessNeedStatus s)
{
	return need_label_ok(s) && s != READINESS_NEED_NONE;
}

static bool
accommodation_secured(const ReadinessFacts *f)
{
	if (!f->has_accommodation_record || !f->address_confirmed)
		return false;
	switch (f->release_plan)
	{
		case READINESS_PLAN_RETURN_TO_PREVIOUS_ADDRESS:
		case READINESS_PLAN_MOVE_TO_NEW_ADDRESS:
		case READINESS_PLAN_APPROVED_PREMISES:
		case READINESS_PLAN_CAS2:
		case READINESS_PLAN_CAS3:
			return true;
		default:
			return false;
	}
}

/* ---------------------------------------------------------------------- */
/* The rules, one function per group, in catalogue order                   */
/* ---------------------------------------------------------------------- */

static void
rules_dates(Eval *ev)
{
	const ReadinessFacts *f = ev->f;
	const ReadinessRuleConfig *cfg;
	ReadinessGap *gap;
	char		d1[READINESS_DATE_LEN];
	int32_t		due = 0;
	bool		has_due;

	/* no release date is expected of an indeterminate sentence or DET */
	cfg = config(ev, RULE_DATES_RELEASE_UNKNOWN);
	if (cfg->enabled && !f->has_release_date &&
		!f->handover.indeterminate && !f->handover.immigration)
	{
		has_due = date_add_days(ev->as_of, 0, &due);
		gap = add_gap(ev, RULE_DATES_RELEASE_UNKNOWN, config_severity(cfg),
					  has_due, due);
		snprintf(gap->message, sizeof(gap->message),
				 "No release date is recorded (confirmed, APD, HDCAD, CRD or ARD); "
				 "one is needed now, as of %s.",
				 readiness_format_date(ev->as_of, d1, sizeof(d1)));
	}

	cfg = config(ev, RULE_DATES_RELEASE_PASSED);
	if (cfg->enabled && f->has_release_date && f->release_date < ev->as_of)
	{
		has_due = date_add_days(f->release_date, 0, &due);
		gap = add_gap(ev, RULE_DATES_RELEASE_PASSED, config_severity(cfg),
					  has_due, due);
		snprintf(gap->message, sizeof(gap->message),
				 "The release date %s has passed and no release is recorded; "
				 "record the release or correct the release date.",
				 readiness_format_date(f->release_date, d1, sizeof(d1)));
	}
}

static void
rules_handover(Eval *ev)
{
	const ReadinessFacts *f = ev->f;
	const HandoverResult *h = &ev->out->handover;
	const ReadinessRuleConfig *cfg;
	ReadinessGap *gap;
	char		d1[READINESS_DATE_LEN];
	char		d2[READINESS_DATE_LEN];
	int32_t		due = 0;
	bool		has_due;
	bool		com_recorded = f->com_name_present || f->com_email_present;
	bool		com_overdue;

	/* handover.com_overdue's condition: first, as it replaces the warning */
	cfg = config(ev, RULE_HANDOVER_COM_OVERDUE);
	com_overdue = cfg->enabled && h->responsibility == RESP_COMMUNITY &&
		h->has_handover_date && !com_recorded &&
		date_line(ev->as_of) >=
		date_line_plus(h->handover_date, READINESS_COM_OVERDUE_DAYS);

	/* handover.com_unallocated, unless overdue (one fact, one gap) */
	cfg = config(ev, RULE_HANDOVER_COM_UNALLOCATED);
	if (cfg->enabled && !com_recorded && !com_overdue &&
		(h->responsibility == RESP_CUSTODY_WITH_COM ||
		 h->responsibility == RESP_COMMUNITY))
	{
		const char *role = (h->responsibility == RESP_COMMUNITY) ?
			"responsible for" : "supporting";

		if (h->has_start_date)
		{
			has_due = date_add_days(h->start_date, 0, &due);
			gap = add_gap(ev, RULE_HANDOVER_COM_UNALLOCATED,
						  config_severity(cfg), has_due, due);
			snprintf(gap->message, sizeof(gap->message),
					 "No COM is recorded although the COM is %s the case; "
					 "one is needed by %s, the handover start date.",
					 role, readiness_format_date(h->start_date, d1, sizeof(d1)));
		}
		else
		{
			has_due = date_add_days(ev->as_of, 0, &due);
			gap = add_gap(ev, RULE_HANDOVER_COM_UNALLOCATED,
						  config_severity(cfg), has_due, due);
			snprintf(gap->message, sizeof(gap->message),
					 "No COM is recorded although the COM is %s the case (%s); "
					 "one is needed now, as of %s.",
					 role, h->reason ? h->reason : "no reason",
					 readiness_format_date(ev->as_of, d1, sizeof(d1)));
		}
	}

	/* handover.com_overdue */
	cfg = config(ev, RULE_HANDOVER_COM_OVERDUE);
	if (com_overdue)
	{
		char		when[128];

		has_due = date_add_days(h->handover_date, READINESS_COM_OVERDUE_DAYS, &due);
		gap = add_gap(ev, RULE_HANDOVER_COM_OVERDUE, config_severity(cfg),
					  has_due, due);
		deadline(when, sizeof(when), has_due, due, READINESS_COM_OVERDUE_DAYS,
				 "the handover", h->handover_date);
		snprintf(gap->message, sizeof(gap->message),
				 "No COM is allocated (no name or email recorded) although the "
				 "COM is responsible; one was needed %s.", when);
	}

	/* handover.checklist_incomplete */
	cfg = config(ev, RULE_HANDOVER_CHECKLIST_INCOMPLETE);
	if (cfg->enabled && h->has_handover_date && ev->as_of >= h->handover_date &&
		h->reason != NULL &&
		strcmp(h->reason, HANDOVER_REASON_DETERMINATE_SHORT) != 0)
	{
		bool		enhanced = !f->has_enhanced_handover || f->enhanced_handover;
		const char *missing[4];
		int			nmissing = 0;

		if (enhanced)
		{
			if (!f->reviewed_oasys)
				missing[nmissing++] = "reviewed OASys";
			if (!f->contacted_com)
				missing[nmissing++] = "contacted the COM";
			if (!f->attended_handover_meeting)
				missing[nmissing++] = "attended the handover meeting";
		}
		else
		{
			if (!f->contacted_com)
				missing[nmissing++] = "contacted the COM";
			if (!f->sent_handover_report)
				missing[nmissing++] = "sent the handover report";
		}

		if (nmissing > 0)
		{
			char		list[128];
			size_t		used = 0;
			int			i;

			list[0] = '\0';
			for (i = 0; i < nmissing; i++)
			{
				int			n = snprintf(list + used, sizeof(list) - used, "%s%s",
										 (i > 0) ? ", " : "", missing[i]);

				if (n < 0 || (size_t) n >= sizeof(list) - used)
					break;
				used += (size_t) n;
			}
			has_due = date_add_days(h->handover_date, 0, &due);
			gap = add_gap(ev, RULE_HANDOVER_CHECKLIST_INCOMPLETE,
						  config_severity(cfg), has_due, due);
			snprintf(gap->message, sizeof(gap->message),
					 "The %s handover checklist is incomplete (not done: %s); "
					 "it was due by %s, the handover date.",
					 enhanced ? "enhanced" : "standard", list,
					 readiness_format_date(h->handover_date, d2, sizeof(d2)));
		}
	}
}

static void
rules_assessment(Eval *ev)
{
	const ReadinessFacts *f = ev->f;
	const ReadinessRuleConfig *cfg;
	char		what[160];

	/* assessment.immediate_needs_overdue: reception + N */
	cfg = config(ev, RULE_ASSESSMENT_IMMEDIATE_NEEDS_OVERDUE);
	if (cfg->enabled && cfg->has_error_days && f->has_reception_date &&
		f->immediate_needs_complete < READINESS_PATHWAY_COUNT &&
		date_line(ev->as_of) >=
		date_line_plus(f->reception_date, cfg->error_days))
	{
		char		when[128];
		int32_t		due = 0;
		bool		has_due;
		ReadinessGap *gap;

		has_due = date_add_days(f->reception_date, cfg->error_days, &due);
		gap = add_gap(ev, RULE_ASSESSMENT_IMMEDIATE_NEEDS_OVERDUE,
					  config_severity(cfg), has_due, due);
		deadline(when, sizeof(when), has_due, due, cfg->error_days,
				 "reception", f->reception_date);
		snprintf(gap->message, sizeof(gap->message),
				 "The immediate needs assessment is complete for %d of %d "
				 "pathways; all %d were due %s.",
				 pathway_count(f->immediate_needs_complete),
				 READINESS_PATHWAY_COUNT, READINESS_PATHWAY_COUNT, when);
	}

	/* assessment.pre_release_overdue */
	snprintf(what, sizeof(what),
			 "The pre-release assessment is complete for %d of %d pathways; "
			 "all %d are needed",
			 pathway_count(f->pre_release_complete),
			 READINESS_PATHWAY_COUNT, READINESS_PATHWAY_COUNT);
	lead_rule(ev, RULE_ASSESSMENT_PRE_RELEASE_OVERDUE,
			  f->pre_release_complete < READINESS_PATHWAY_COUNT, what);

	/* pathway.not_started */
	{
		int			n = pathway_count(f->pathways_not_started);

		snprintf(what, sizeof(what),
				 "%d of %d resettlement pathway%s not started; "
				 "every pathway must be started",
				 n, READINESS_PATHWAY_COUNT, (n == 1) ? " is" : "s are");
		lead_rule(ev, RULE_PATHWAY_NOT_STARTED, f->pathways_not_started > 0,
				  what);
	}
}

static void
rules_accommodation(Eval *ev)
{
	const ReadinessFacts *f = ev->f;
	const ReadinessRuleConfig *cfg;

	/* accommodation.none: error stage, else warning stage */
	cfg = config(ev, RULE_ACCOMMODATION_NONE);
	if (cfg->enabled && !accommodation_secured(f))
	{
		const char *what =
			"No accommodation is confirmed for release (a confirmed address "
			"or an approved placement); one is needed";
		int			due_days = cfg->has_error_days ? cfg->error_days : cfg->warn_days;

		if (within(ev, cfg->has_error_days, cfg->error_days))
			add_lead_gap(ev, RULE_ACCOMMODATION_NONE, config_severity(cfg),
						 due_days, what);
		else if (within(ev, cfg->has_warn_days, cfg->warn_days))
			add_lead_gap(ev, RULE_ACCOMMODATION_NONE,
						 READINESS_SEVERITY_WARNING, due_days, what);
	}

	/* accommodation.duty_to_refer: not once accommodation is secured */
	lead_rule(ev, RULE_ACCOMMODATION_DUTY_TO_REFER,
			  (f->no_fixed_abode_before || f->at_risk_of_homelessness ||
			   f->release_plan == READINESS_PLAN_DOES_NOT_HAVE_ANYWHERE) &&
			  !f->has_duty_to_refer && !accommodation_secured(f),
			  "The person has no fixed abode or is at risk of homelessness and "
			  "no duty-to-refer referral to a local authority is recorded; "
			  "one is needed");
}

static void
rules_id_bank(Eval *ev)
{
	const ReadinessFacts *f = ev->f;
	const ReadinessRuleConfig *cfg;

	lead_rule(ev, RULE_ID_NONE, !f->id_held && !f->id_application_open,
			  "No ID document is held and no application is pending; "
			  "one is needed");

	/* a pending application: id_application_open counts accepted ones too */
	lead_rule(ev, RULE_ID_APPLICATION_LATE,
			  f->id_application_open && !f->id_application_accepted &&
			  !f->id_held,
			  "An ID application is still pending and no ID document is held; "
			  "a document is needed");

	lead_rule(ev, RULE_BANK_NONE, !f->bank_held_or_opened && !f->bank_pending,
			  "No bank account is held or opened and no application is "
			  "pending; one is needed");

	/* bank.application_failed: no threshold, due now */
	cfg = config(ev, RULE_BANK_APPLICATION_FAILED);
	if (cfg->enabled && f->bank_latest_failed && !f->bank_held_or_opened)
	{
		char		d1[READINESS_DATE_LEN];
		int32_t		due = 0;
		bool		has_due;
		ReadinessGap *gap;

		has_due = date_add_days(ev->as_of, 0, &due);
		gap = add_gap(ev, RULE_BANK_APPLICATION_FAILED, config_severity(cfg),
					  has_due, due);
		snprintf(gap->message, sizeof(gap->message),
				 "The latest bank account application was declined or returned "
				 "and no newer one is recorded; a new application is needed "
				 "now, as of %s.",
				 readiness_format_date(ev->as_of, d1, sizeof(d1)));
	}

	lead_rule(ev, RULE_BANK_APPLICATION_LATE,
			  f->bank_pending && !f->bank_held_or_opened,
			  "A bank account application is still pending; the account is "
			  "needed");
}

static void
rules_needs(Eval *ev)
{
	const ReadinessFacts *f = ev->f;
	char		what[160];

	snprintf(what, sizeof(what),
			 "A benefit claim is needed and has not been started (need status "
			 "%s); it must be started",
			 need_text(f->benefit_claim));
	lead_rule(ev, RULE_BENEFITS_CLAIM_NOT_STARTED,
			  need_identified(f->benefit_claim) &&
			  f->benefit_claim != READINESS_NEED_MET &&
			  f->benefit_claim != READINESS_NEED_IN_PROGRESS, what);

	snprintf(what, sizeof(what),
			 "GP registration is needed and not arranged (need status %s); "
			 "it must be arranged",
			 need_text(f->gp_registration));
	lead_rule(ev, RULE_HEALTH_GP_NOT_ARRANGED,
			  need_identified(f->gp_registration) &&
			  f->gp_registration != READINESS_NEED_MET, what);

	snprintf(what, sizeof(what),
			 "A release-day prescription is needed and not arranged (need "
			 "status %s); it must be arranged",
			 need_text(f->release_prescription));
	lead_rule(ev, RULE_HEALTH_RELEASE_PRESCRIPTION,
			  need_identified(f->release_prescription) &&
			  f->release_prescription != READINESS_NEED_MET, what);

	lead_rule(ev, RULE_FAMILY_NOT_ASSESSED, f->family_pathway_not_started,
			  "The children, families and communities pathway is not "
			  "started; it must be started");
}

/* ---------------------------------------------------------------------- */
/* Evaluation                                                              */
/* ---------------------------------------------------------------------- */

ReadinessStatus
readiness_evaluate(const ReadinessFacts *facts, const ReadinessRuleSet *rules,
				   int32_t as_of, ReadinessResult *out)
{
	ReadinessRuleSet defaults;
	HandoverInput hin;
	Eval		ev;
	bool		any_error = false;
	bool		any_warning = false;
	int			i;

	memset(out, 0, sizeof(*out));
	out->level = READINESS_OUT_OF_SCOPE;
	out->ngaps = 0;

	if (rules == NULL)
	{
		readiness_rule_set_defaults(&defaults);
		rules = &defaults;
	}

	hin = facts->handover;
	hin.as_of = as_of;
	if (handover_calculate(&hin, &out->handover) != HANDOVER_OK)
		return READINESS_DATE_OUT_OF_RANGE;

	if (facts->has_released_on && facts->released_on <= as_of)
	{
		out->level = READINESS_RELEASED;
		return READINESS_OK;
	}
	if (out->handover.responsibility == RESP_NONE)
	{
		out->level = READINESS_OUT_OF_SCOPE;
		return READINESS_OK;
	}

	ev.f = facts;
	ev.rules = rules;
	ev.as_of = as_of;
	ev.has_t = facts->has_release_date;
	ev.t = facts->has_release_date ?
		date_line(facts->release_date) - date_line(as_of) : 0;
	ev.out = out;

	rules_dates(&ev);
	rules_handover(&ev);
	rules_assessment(&ev);
	rules_accommodation(&ev);
	rules_id_bank(&ev);
	rules_needs(&ev);

	for (i = 0; i < out->ngaps; i++)
	{
		if (out->gaps[i].severity == READINESS_SEVERITY_ERROR)
			any_error = true;
		else
			any_warning = true;
	}

	if (any_error)
		out->level = READINESS_NOT_READY;
	else if (any_warning)
		out->level = READINESS_AT_RISK;
	else if (ev.has_t && ev.t <= READINESS_READY_WINDOW_DAYS &&
			 accommodation_secured(facts) &&
			 (facts->id_held || facts->id_application_accepted) &&
			 facts->bank_held_or_opened)
		out->level = READINESS_READY;
	else
		out->level = READINESS_ON_TRACK;
	return READINESS_OK;
}

void
readiness_facts_init(ReadinessFacts *facts)
{
	memset(facts, 0, sizeof(*facts));
	facts->handover.mappa_level = -1;
	facts->handover.version = HANDOVER_RULES_CURRENT;
	facts->release_plan = READINESS_PLAN_NO_ANSWER;
	facts->benefit_claim = READINESS_NEED_NONE;
	facts->gp_registration = READINESS_NEED_NONE;
	facts->release_prescription = READINESS_NEED_NONE;
}

/* ---------------------------------------------------------------------- */
/* Catalogue and labels                                                    */
/* ---------------------------------------------------------------------- */

static bool
rule_ok(ReadinessRule rule)
{
	return (int) rule >= 0 && (int) rule < RULE_COUNT;
}

const char *
readiness_rule_code(ReadinessRule rule)
{
	return rule_ok(rule) ? rule_info[rule].code : NULL;
}

bool
readiness_rule_from_code(const char *code, ReadinessRule *out)
{
	int			i;

	if (code == NULL)
		return false;
	for (i = 0; i < RULE_COUNT; i++)
	{
		if (strcmp(code, rule_info[i].code) == 0)
		{
			*out = (ReadinessRule) i;
			return true;
		}
	}
	return false;
}

const char *
readiness_rule_title(ReadinessRule rule)
{
	return rule_ok(rule) ? rule_info[rule].title : NULL;
}

const char *
readiness_rule_source(ReadinessRule rule)
{
	return rule_ok(rule) ? rule_info[rule].source : NULL;
}

bool
readiness_rule_defaults(ReadinessRule rule, ReadinessRuleConfig *out)
{
	if (!rule_ok(rule))
		return false;
	*out = rule_info[rule].defaults;
	return true;
}

void
readiness_rule_set_defaults(ReadinessRuleSet *set)
{
	int			i;

	for (i = 0; i < RULE_COUNT; i++)
		set->rule[i] = rule_info[i].defaults;
}

const char *
readiness_severity_label(ReadinessSeverity severity)
{
	if ((int) severity < 0 || (int) severity > 1)
		return NULL;
	return severity_label[severity];
}

bool
readiness_severity_from_label(const char *label, ReadinessSeverity *out)
{
	int			i;

	if (label == NULL)
		return false;
	for (i = 0; i < 2; i++)
	{
		if (strcmp(label, severity_label[i]) == 0)
		{
			*out = (ReadinessSeverity) i;
			return true;
		}
	}
	return false;
}

const char *
readiness_level_label(ReadinessLevel level)
{
	if ((int) level < 0 || (int) level >= READINESS_LEVEL_COUNT)
		return NULL;
	return level_label[level];
}

bool
readiness_level_from_label(const char *label, ReadinessLevel *out)
{
	int			i;

	if (label == NULL)
		return false;
	for (i = 0; i < READINESS_LEVEL_COUNT; i++)
	{
		if (strcmp(label, level_label[i]) == 0)
		{
			*out = (ReadinessLevel) i;
			return true;
		}
	}
	return false;
}

const char *
readiness_release_plan_label(ReadinessReleasePlan plan)
{
	if ((int) plan < 0 || (int) plan >= PLAN_COUNT)
		return NULL;
	return plan_label[plan];
}

bool
readiness_release_plan_from_label(const char *label, ReadinessReleasePlan *out)
{
	int			i;

	if (label == NULL)
		return false;
	for (i = 0; i < PLAN_COUNT; i++)
	{
		if (strcmp(label, plan_label[i]) == 0)
		{
			*out = (ReadinessReleasePlan) i;
			return true;
		}
	}
	return false;
}

const char *
readiness_need_status_label(ReadinessNeedStatus status)
{
	if (!need_label_ok(status))
		return NULL;
	return need_label[status];
}

bool
readiness_need_status_from_label(const char *label, ReadinessNeedStatus *out)
{
	int			i;

	if (label == NULL)
		return false;
	for (i = 0; i < NEED_COUNT; i++)
	{
		if (strcmp(label, need_label[i]) == 0)
		{
			*out = (ReadinessNeedStatus) i;
			return true;
		}
	}
	return false;
}
