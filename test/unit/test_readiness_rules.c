/*
 * test_readiness_rules.c
 *		Unit tests (TAP) for readiness_rules.c.
 *
 * Build and run:
 *	cc -std=c99 -Wall -Wextra -Werror -pedantic -Iextension -Itest/unit \
 *		-o /tmp/tr test/unit/test_readiness_rules.c \
 *		extension/readiness_rules.c extension/handover_rules.c \
 *		extension/date_arith.c && /tmp/tr
 *
 * The base case: a determinate sentence from 2025-01-01 with CRD and
 * release date 2026-05-25 (RD), so the handover date is RD - 8 months
 * 14 days = 2025-09-11; everything is in place.  Each test breaks one thing
 * and moves as_of to RD - T.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date_arith.h"
#include "handover_rules.h"
#include "readiness_rules.h"
#include "tap.h"

/* A date from y/m/d; the tests are wrong if it is not a valid date */
static int32_t
D(int y, int m, int d)
{
	int32_t		out;

	if (!date_from_ymd(y, m, d, &out))
	{
		printf("Bail out! bad test date %d-%d-%d\n", y, m, d);
		exit(2);
	}
	return out;
}

static int32_t RD;				/* 2026-05-25 */
static int32_t HD;				/* 2025-09-11 */
static int32_t RECEPTION;		/* 2025-01-03 */

/* Everything in place */
static void
base(ReadinessFacts *f)
{
	readiness_facts_init(f);
	f->handover.has_sentence_start = true;
	f->handover.sentence_start = D(2025, 1, 1);
	f->handover.has_crd = true;
	f->handover.crd = RD;
	f->has_release_date = true;
	f->release_date = RD;
	f->has_reception_date = true;
	f->reception_date = RECEPTION;
	f->com_name_present = true;
	f->com_email_present = true;
	f->reviewed_oasys = true;
	f->contacted_com = true;
	f->attended_handover_meeting = true;
	f->sent_handover_report = true;
	f->pathways_not_started = 0;
	f->family_pathway_not_started = false;
	f->immediate_needs_complete = 7;
	f->pre_release_complete = 7;
	f->has_accommodation_record = true;
	f->release_plan = READINESS_PLAN_RETURN_TO_PREVIOUS_ADDRESS;
	f->address_confirmed = true;
	f->id_held = true;
	f->bank_held_or_opened = true;
}

/* Evaluate; bail out if the status is not OK */
static void
eval(const ReadinessFacts *f, const ReadinessRuleSet *rules, int32_t as_of,
	 ReadinessResult *r)
{
	if (readiness_evaluate(f, rules, as_of, r) != READINESS_OK)
	{
		printf("Bail out! unexpected READINESS_DATE_OUT_OF_RANGE\n");
		exit(2);
	}
}

/* The gap of a rule, or NULL */
static const ReadinessGap *
find_gap(const ReadinessResult *r, ReadinessRule rule)
{
	int			i;

	for (i = 0; i < r->ngaps; i++)
	{
		if (r->gaps[i].rule == rule)
			return &r->gaps[i];
	}
	return NULL;
}

static const char *
fmt(int32_t d, char *buf)
{
	return readiness_format_date(d, buf, READINESS_DATE_LEN);
}

static void
is_level(const ReadinessResult *r, ReadinessLevel want, const char *name)
{
	tap_is_str(readiness_level_label(r->level), readiness_level_label(want),
			   name);
}

static void
is_due(const ReadinessGap *g, int32_t want, const char *name)
{
	char		b1[READINESS_DATE_LEN],
				b2[READINESS_DATE_LEN];
	bool		same = g != NULL && g->has_due_on && g->due_on == want;

	tap_ok(same, "%s", name);
	if (!same)
		printf("#   got:      %s\n#   expected: %s\n",
			   g == NULL ? "(no gap)" :
			   g->has_due_on ? fmt(g->due_on, b1) : "(no due date)",
			   fmt(want, b2));
}

/* ---------------------------------------------------------------------- */

static void
test_catalogue(void)
{
	static const char *const codes[RULE_COUNT] = {
		"dates.release_unknown", "dates.release_passed",
		"handover.com_unallocated", "handover.com_overdue",
		"handover.checklist_incomplete",
		"assessment.immediate_needs_overdue",
		"assessment.pre_release_overdue", "pathway.not_started",
		"accommodation.none", "accommodation.duty_to_refer", "id.none",
		"id.application_late",
		"bank.none", "bank.application_failed", "bank.application_late",
		"benefits.claim_not_started", "health.gp_not_arranged",
		"health.release_prescription", "family.not_assessed"
	};
	/* severity (0 W, 1 E), warn days (-1 none), error days (-1 none) */
	static const int want[RULE_COUNT][3] = {
		{0, -1, -1}, {1, -1, -1}, {0, -1, -1}, {1, -1, -1}, {0, -1, -1},
		{1, -1, 5}, {1, -1, 84}, {0, 84, -1}, {1, 84, 56}, {0, 56, -1},
		{1, -1, 84}, {0, 14, -1}, {1, -1, 84}, {1, -1, -1}, {0, 14, -1},
		{0, 14, -1}, {0, 7, -1}, {0, 7, -1}, {0, 84, -1}
	};
	int			i;
	bool		codes_ok = true,
				round_ok = true,
				defaults_ok = true,
				text_ok = true;
	ReadinessRule rule;
	ReadinessRuleConfig cfg;
	ReadinessRuleSet set;
	ReadinessSeverity sev;
	ReadinessLevel level;
	ReadinessReleasePlan plan;
	ReadinessNeedStatus need;

	tap_is_int(RULE_COUNT, 19, "19 rules");
	readiness_rule_set_defaults(&set);
	for (i = 0; i < RULE_COUNT; i++)
	{
		const char *code = readiness_rule_code((ReadinessRule) i);

		if (code == NULL || strcmp(code, codes[i]) != 0)
		{
			codes_ok = false;
			printf("# rule %d: code %s, expected %s\n", i,
				   code ? code : "(null)", codes[i]);
		}
		if (!readiness_rule_from_code(codes[i], &rule) || rule != (ReadinessRule) i)
			round_ok = false;
		if (!readiness_rule_defaults((ReadinessRule) i, &cfg) ||
			!cfg.enabled ||
			(int) cfg.severity != want[i][0] ||
			cfg.has_warn_days != (want[i][1] >= 0) ||
			(cfg.has_warn_days && cfg.warn_days != want[i][1]) ||
			cfg.has_error_days != (want[i][2] >= 0) ||
			(cfg.has_error_days && cfg.error_days != want[i][2]) ||
			memcmp(&cfg, &set.rule[i], sizeof(cfg)) != 0)
		{
			defaults_ok = false;
			printf("# rule %s: unexpected defaults\n", codes[i]);
		}
		if (readiness_rule_title((ReadinessRule) i) == NULL ||
			readiness_rule_source((ReadinessRule) i) == NULL ||
			strlen(readiness_rule_title((ReadinessRule) i)) == 0 ||
			strlen(readiness_rule_source((ReadinessRule) i)) == 0)
			text_ok = false;
	}
	tap_ok(codes_ok, "rule codes in catalogue order");
	tap_ok(round_ok, "readiness_rule_from_code inverts readiness_rule_code");
	tap_ok(defaults_ok, "default severities and thresholds");
	tap_ok(text_ok, "every rule has a title and a source");
	tap_ok(!readiness_rule_from_code("id.None", &rule), "codes are case-sensitive");
	tap_ok(!readiness_rule_from_code(NULL, &rule), "NULL code");
	tap_ok(readiness_rule_code(RULE_COUNT) == NULL, "no code past the end");
	tap_ok(readiness_rule_code((ReadinessRule) -1) == NULL, "no code before the start");
	tap_ok(!readiness_rule_defaults(RULE_COUNT, &cfg), "no defaults past the end");
	tap_ok(readiness_rule_title(RULE_COUNT) == NULL &&
		   readiness_rule_source(RULE_COUNT) == NULL, "no title/source past the end");

	tap_is_str(readiness_level_label(READINESS_READY), "ready", "level ready");
	tap_is_str(readiness_level_label(READINESS_ON_TRACK), "on_track", "level on_track");
	tap_is_str(readiness_level_label(READINESS_AT_RISK), "at_risk", "level at_risk");
	tap_is_str(readiness_level_label(READINESS_NOT_READY), "not_ready", "level not_ready");
	tap_is_str(readiness_level_label(READINESS_RELEASED), "released", "level released");
	tap_is_str(readiness_level_label(READINESS_OUT_OF_SCOPE), "out_of_scope",
			   "level out_of_scope");
	tap_ok(readiness_level_label((ReadinessLevel) READINESS_LEVEL_COUNT) == NULL,
		   "no level label past the end");
	tap_ok(readiness_level_from_label("at_risk", &level) &&
		   level == READINESS_AT_RISK, "level from label");
	tap_ok(!readiness_level_from_label("ok", &level), "unknown level label");
	tap_is_str(readiness_severity_label(READINESS_SEVERITY_WARNING), "warning",
			   "severity warning");
	tap_is_str(readiness_severity_label(READINESS_SEVERITY_ERROR), "error",
			   "severity error");
	tap_ok(readiness_severity_from_label("error", &sev) &&
		   sev == READINESS_SEVERITY_ERROR, "severity from label");
	tap_ok(!readiness_severity_from_label("fatal", &sev), "unknown severity label");
	tap_ok(readiness_release_plan_from_label("cas3", &plan) &&
		   plan == READINESS_PLAN_CAS3, "release plan from label");
	tap_is_str(readiness_release_plan_label(READINESS_PLAN_DOES_NOT_HAVE_ANYWHERE),
			   "does_not_have_anywhere", "release plan label");
	tap_ok(!readiness_release_plan_from_label("tent", &plan), "unknown release plan");
	tap_ok(readiness_need_status_from_label("in_progress", &need) &&
		   need == READINESS_NEED_IN_PROGRESS, "need status from label");
	tap_is_str(readiness_need_status_label(READINESS_NEED_NONE), "none",
			   "need status none");
	tap_ok(readiness_need_status_label((ReadinessNeedStatus) 99) == NULL,
		   "no need label for an invalid status");
}

static void
test_format_date(void)
{
	char		b[READINESS_DATE_LEN];
	char		small[5];

	tap_is_str(fmt(0, b), "2000-01-01", "format epoch");
	tap_is_str(fmt(D(2026, 3, 2), b), "2026-03-02", "format 2026-03-02");
	tap_is_str(fmt(DATE_MIN_VALUE, b), "4714-11-24 BC", "format first date");
	tap_is_str(fmt(DATE_MAX_VALUE, b), "5874897-12-31", "format last date");
	tap_is_str(fmt(D(0, 12, 31), b), "0001-12-31 BC", "format year 0 as 1 BC");
	tap_is_str(fmt(D(1, 1, 1), b), "0001-01-01", "format year 1");
	tap_is_str(fmt(INT32_MIN, b), "-infinity", "format -infinity");
	tap_is_str(fmt(INT32_MAX, b), "infinity", "format infinity");
	tap_is_str(fmt(DATE_MAX_VALUE + 1, b), "invalid date", "format beyond the range");
	tap_is_str(fmt(DATE_MIN_VALUE - 1, b), "invalid date", "format before the range");
	tap_is_str(readiness_format_date(0, small, sizeof(small)), "2000",
			   "format truncates to the buffer");
}

/* ---------------------------------------------------------------------- */

static void
test_levels(void)
{
	ReadinessFacts f;
	ReadinessResult r;

	base(&f);
	eval(&f, NULL, RD - 14, &r);
	is_level(&r, READINESS_READY, "T = 14, all in place: ready");
	tap_is_int(r.ngaps, 0, "ready: no gaps");
	tap_is_str(r.handover.reason, "determinate", "handover calculated");
	tap_is_int(r.handover.responsibility, RESP_COMMUNITY, "community by then");
	tap_ok(r.handover.has_handover_date && r.handover.handover_date == HD,
		   "handover date 2025-09-11");
	eval(&f, NULL, RD - 15, &r);
	is_level(&r, READINESS_ON_TRACK, "T = 15, all in place: on_track");
	eval(&f, NULL, RD - 13, &r);
	is_level(&r, READINESS_READY, "T = 13: ready");
	eval(&f, NULL, RD, &r);
	is_level(&r, READINESS_READY, "T = 0: ready");
	eval(&f, NULL, RD + 1, &r);
	is_level(&r, READINESS_NOT_READY, "T = -1, not released: not_ready");
	tap_ok(r.ngaps == 1 && r.gaps[0].rule == RULE_DATES_RELEASE_PASSED,
		   "T = -1: only dates.release_passed");

	/* ready needs accommodation, ID and bank */
	base(&f);
	f.id_held = false;
	f.id_application_open = true;
	f.id_application_accepted = true;
	eval(&f, NULL, RD - 14, &r);
	is_level(&r, READINESS_READY, "ID application accepted counts for ready");
	f.id_application_accepted = false;
	eval(&f, NULL, RD - 15, &r);
	is_level(&r, READINESS_ON_TRACK, "ID application only pending at T = 15: on_track");
	tap_is_int(r.ngaps, 0, "pending ID application at T = 15: no gap");
	eval(&f, NULL, RD - 14, &r);
	is_level(&r, READINESS_AT_RISK, "ID application still pending at T = 14: at_risk");
	tap_ok(r.ngaps == 1 && r.gaps[0].rule == RULE_ID_APPLICATION_LATE,
		   "pending ID application at T = 14: id.application_late");

	base(&f);
	f.release_plan = READINESS_PLAN_CAS3;
	eval(&f, NULL, RD - 14, &r);
	is_level(&r, READINESS_READY, "confirmed CAS3 placement: ready");

	/* not_ready beats at_risk */
	base(&f);
	f.id_held = false;
	f.pathways_not_started = 1;
	eval(&f, NULL, RD - 20, &r);
	is_level(&r, READINESS_NOT_READY, "error and warning: not_ready");
	tap_is_int(r.ngaps, 2, "two gaps");
	tap_ok(r.gaps[0].rule == RULE_PATHWAY_NOT_STARTED &&
		   r.gaps[1].rule == RULE_ID_NONE, "gaps in catalogue order");

	/* released */
	base(&f);
	f.id_held = false;
	f.has_released_on = true;
	f.released_on = RD + 3;
	eval(&f, NULL, RD + 3, &r);
	is_level(&r, READINESS_RELEASED, "released_on = as_of: released");
	tap_is_int(r.ngaps, 0, "released: no gaps");
	eval(&f, NULL, RD + 10, &r);
	is_level(&r, READINESS_RELEASED, "released_on before as_of: released");
	eval(&f, NULL, RD + 2, &r);
	is_level(&r, READINESS_NOT_READY, "released_on after as_of: not released yet");
	tap_ok(find_gap(&r, RULE_DATES_RELEASE_PASSED) != NULL,
		   "release date passed before the recorded release");
	is_due(find_gap(&r, RULE_DATES_RELEASE_PASSED), RD, "release_passed due RD");

	/* out of scope */
	base(&f);
	f.handover.remand = true;
	f.id_held = false;
	f.has_release_date = false;
	eval(&f, NULL, RD - 10, &r);
	is_level(&r, READINESS_OUT_OF_SCOPE, "remand: out_of_scope");
	tap_is_int(r.ngaps, 0, "out of scope: no gaps");
	tap_is_str(r.handover.reason, HANDOVER_REASON_OUT_OF_SCOPE_UNSENTENCED,
			   "out-of-scope reason kept");

	base(&f);
	f.handover.has_date_of_birth = true;
	f.handover.date_of_birth = D(2008, 6, 1);
	eval(&f, NULL, D(2026, 5, 31), &r);
	is_level(&r, READINESS_OUT_OF_SCOPE, "under 18 on as_of: out_of_scope");
	eval(&f, NULL, D(2026, 6, 1), &r);
	is_level(&r, READINESS_NOT_READY, "18 on as_of: in scope (release passed)");

	/* released wins over out of scope */
	base(&f);
	f.handover.civil = true;
	f.has_released_on = true;
	f.released_on = RD;
	eval(&f, NULL, RD, &r);
	is_level(&r, READINESS_RELEASED, "released before out_of_scope");

	/* rules NULL = defaults */
	base(&f);
	f.id_held = false;
	{
		ReadinessRuleSet set;
		ReadinessResult r2;

		readiness_rule_set_defaults(&set);
		eval(&f, NULL, RD - 84, &r);
		eval(&f, &set, RD - 84, &r2);
		tap_ok(r.ngaps == r2.ngaps && r.level == r2.level &&
			   strcmp(r.gaps[0].message, r2.gaps[0].message) == 0,
			   "NULL rules = default rules");
	}
}

/* ---------------------------------------------------------------------- */

typedef void (*Breaker) (ReadinessFacts *f);

static void
break_pre_release(ReadinessFacts *f)
{
	f->pre_release_complete = 6;
}
static void
break_pathways(ReadinessFacts *f)
{
	f->pathways_not_started = 2;
}
static void
break_id(ReadinessFacts *f)
{
	f->id_held = false;
}
static void
break_id_late(ReadinessFacts *f)
{
	f->id_held = false;
	f->id_application_open = true;
}
static void
break_bank(ReadinessFacts *f)
{
	f->bank_held_or_opened = false;
}
static void
break_bank_late(ReadinessFacts *f)
{
	f->bank_held_or_opened = false;
	f->bank_pending = true;
}
static void
break_benefits(ReadinessFacts *f)
{
	f->benefit_claim = READINESS_NEED_NOT_STARTED;
}
static void
break_gp(ReadinessFacts *f)
{
	f->gp_registration = READINESS_NEED_IN_PROGRESS;
}
static void
break_prescription(ReadinessFacts *f)
{
	f->release_prescription = READINESS_NEED_DECLINED;
}
static void
break_family(ReadinessFacts *f)
{
	f->family_pathway_not_started = true;
}

/* Every rule with one T threshold: T = th fires, th + 1 not, th - 1 fires */
static void
test_lead_rules(void)
{
	static const struct
	{
		ReadinessRule rule;
		Breaker		breaker;
		int			threshold;
		ReadinessSeverity severity;
	}			cases[] = {
		{RULE_ASSESSMENT_PRE_RELEASE_OVERDUE, break_pre_release, 84, READINESS_SEVERITY_ERROR},
		{RULE_PATHWAY_NOT_STARTED, break_pathways, 84, READINESS_SEVERITY_WARNING},
		{RULE_ID_NONE, break_id, 84, READINESS_SEVERITY_ERROR},
		{RULE_ID_APPLICATION_LATE, break_id_late, 14, READINESS_SEVERITY_WARNING},
		{RULE_BANK_NONE, break_bank, 84, READINESS_SEVERITY_ERROR},
		{RULE_BANK_APPLICATION_LATE, break_bank_late, 14, READINESS_SEVERITY_WARNING},
		{RULE_BENEFITS_CLAIM_NOT_STARTED, break_benefits, 14, READINESS_SEVERITY_WARNING},
		{RULE_HEALTH_GP_NOT_ARRANGED, break_gp, 7, READINESS_SEVERITY_WARNING},
		{RULE_HEALTH_RELEASE_PRESCRIPTION, break_prescription, 7, READINESS_SEVERITY_WARNING},
		{RULE_FAMILY_NOT_ASSESSED, break_family, 84, READINESS_SEVERITY_WARNING}
	};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		const char *code = readiness_rule_code(cases[i].rule);
		int			th = cases[i].threshold;
		ReadinessFacts f;
		ReadinessResult r;
		const ReadinessGap *g;
		ReadinessRuleSet set;

		base(&f);
		cases[i].breaker(&f);

		eval(&f, NULL, RD - th, &r);
		g = find_gap(&r, cases[i].rule);
		tap_ok(g != NULL && r.ngaps == 1, "%s: fires alone at T = %d", code, th);
		tap_ok(g != NULL && g->severity == cases[i].severity,
			   "%s: severity %s", code, readiness_severity_label(cases[i].severity));
		is_due(g, RD - th, "due RD - threshold");
		is_level(&r, cases[i].severity == READINESS_SEVERITY_ERROR ?
				 READINESS_NOT_READY : READINESS_AT_RISK, "level at threshold");

		eval(&f, NULL, RD - th - 1, &r);
		tap_ok(find_gap(&r, cases[i].rule) == NULL, "%s: not at T = %d", code, th + 1);
		tap_ok(r.level == READINESS_ON_TRACK || r.level == READINESS_READY,
			   "%s: on_track or ready at T = %d", code, th + 1);

		eval(&f, NULL, RD - th + 1, &r);
		tap_ok(find_gap(&r, cases[i].rule) != NULL, "%s: fires at T = %d", code, th - 1);

		/* disabled */
		readiness_rule_set_defaults(&set);
		set.rule[cases[i].rule].enabled = false;
		eval(&f, &set, RD - th + 1, &r);
		tap_ok(find_gap(&r, cases[i].rule) == NULL, "%s: disabled never fires", code);

		/* no release date: the rule cannot apply, release_unknown does */
		f.has_release_date = false;
		eval(&f, NULL, RD, &r);
		tap_ok(find_gap(&r, cases[i].rule) == NULL &&
			   find_gap(&r, RULE_DATES_RELEASE_UNKNOWN) != NULL && r.ngaps == 1,
			   "%s: no release date, only release_unknown", code);
	}
}

static void
test_accommodation(void)
{
	ReadinessFacts f;
	ReadinessResult r;
	ReadinessRuleSet set;
	const ReadinessGap *g;
	static const int t_values[] = {85, 84, 83, 57, 56, 55, 0, -5};
	static const int want[] = {-1, 0, 0, 0, 1, 1, 1, 1};	/* -1 none, 0 W, 1 E */
	size_t		i;

	base(&f);
	f.address_confirmed = false;
	for (i = 0; i < sizeof(t_values) / sizeof(t_values[0]); i++)
	{
		eval(&f, NULL, RD - t_values[i], &r);
		g = find_gap(&r, RULE_ACCOMMODATION_NONE);
		if (want[i] < 0)
			tap_ok(g == NULL, "accommodation.none: nothing at T = %d", t_values[i]);
		else
		{
			tap_ok(g != NULL && (int) g->severity == want[i],
				   "accommodation.none: %s at T = %d",
				   want[i] ? "error" : "warning", t_values[i]);
			is_due(g, RD - 56, "accommodation.none due RD - 56 in both stages");
		}
	}

	/* the configured severity is the error_days stage's */
	readiness_rule_set_defaults(&set);
	set.rule[RULE_ACCOMMODATION_NONE].severity = READINESS_SEVERITY_WARNING;
	eval(&f, &set, RD - 56, &r);
	g = find_gap(&r, RULE_ACCOMMODATION_NONE);
	tap_ok(g != NULL && g->severity == READINESS_SEVERITY_WARNING,
		   "accommodation.none tuned to warning: a warning at T = error_days");
	is_level(&r, READINESS_AT_RISK, "accommodation.none tuned to warning: at_risk");
	eval(&f, &set, RD - 84, &r);
	g = find_gap(&r, RULE_ACCOMMODATION_NONE);
	tap_ok(g != NULL && g->severity == READINESS_SEVERITY_WARNING,
		   "accommodation.none tuned to warning: a warning at T = warn_days");

	/* no warning stage */
	readiness_rule_set_defaults(&set);
	set.rule[RULE_ACCOMMODATION_NONE].has_warn_days = false;
	eval(&f, &set, RD - 84, &r);
	tap_ok(find_gap(&r, RULE_ACCOMMODATION_NONE) == NULL,
		   "accommodation.none without warn_days: nothing at T = 84");
	eval(&f, &set, RD - 56, &r);
	g = find_gap(&r, RULE_ACCOMMODATION_NONE);
	tap_ok(g != NULL && g->severity == READINESS_SEVERITY_ERROR,
		   "accommodation.none without warn_days: error at T = 56");

	/* no error stage */
	readiness_rule_set_defaults(&set);
	set.rule[RULE_ACCOMMODATION_NONE].has_error_days = false;
	eval(&f, &set, RD - 10, &r);
	g = find_gap(&r, RULE_ACCOMMODATION_NONE);
	tap_ok(g != NULL && g->severity == READINESS_SEVERITY_WARNING,
		   "accommodation.none without error_days: warning at T = 10");
	is_due(g, RD - 84, "without error_days: due RD - warn_days");

	/* neither */
	set.rule[RULE_ACCOMMODATION_NONE].has_warn_days = false;
	eval(&f, &set, RD - 10, &r);
	tap_ok(find_gap(&r, RULE_ACCOMMODATION_NONE) == NULL,
		   "accommodation.none without thresholds: never");

	/* tuned */
	readiness_rule_set_defaults(&set);
	set.rule[RULE_ACCOMMODATION_NONE].warn_days = 120;
	set.rule[RULE_ACCOMMODATION_NONE].error_days = 90;
	eval(&f, &set, RD - 120, &r);
	g = find_gap(&r, RULE_ACCOMMODATION_NONE);
	tap_ok(g != NULL && g->severity == READINESS_SEVERITY_WARNING,
		   "tuned accommodation.none: warning at T = 120");
	eval(&f, &set, RD - 90, &r);
	g = find_gap(&r, RULE_ACCOMMODATION_NONE);
	tap_ok(g != NULL && g->severity == READINESS_SEVERITY_ERROR,
		   "tuned accommodation.none: error at T = 90");
	is_due(g, RD - 90, "tuned: due RD - 90");

	/* what counts as secured */
	base(&f);
	f.release_plan = READINESS_PLAN_APPROVED_PREMISES;
	eval(&f, NULL, RD - 10, &r);
	tap_ok(find_gap(&r, RULE_ACCOMMODATION_NONE) == NULL,
		   "confirmed approved premises: secured");
	f.release_plan = READINESS_PLAN_DOES_NOT_HAVE_ANYWHERE;
	eval(&f, NULL, RD - 10, &r);
	tap_ok(find_gap(&r, RULE_ACCOMMODATION_NONE) != NULL,
		   "does_not_have_anywhere, even \"confirmed\": not secured");
	tap_ok(find_gap(&r, RULE_ACCOMMODATION_DUTY_TO_REFER) != NULL,
		   "does_not_have_anywhere without duty to refer: duty_to_refer");
	f.release_plan = READINESS_PLAN_NO_ANSWER;
	eval(&f, NULL, RD - 10, &r);
	tap_ok(find_gap(&r, RULE_ACCOMMODATION_NONE) != NULL, "no answer: not secured");
	f.release_plan = (ReadinessReleasePlan) 42;
	eval(&f, NULL, RD - 10, &r);
	tap_ok(find_gap(&r, RULE_ACCOMMODATION_NONE) != NULL, "invalid plan: not secured");
	base(&f);
	f.has_accommodation_record = false;
	eval(&f, NULL, RD - 10, &r);
	tap_ok(find_gap(&r, RULE_ACCOMMODATION_NONE) != NULL, "no record: not secured");
	is_level(&r, READINESS_NOT_READY, "no accommodation at T = 10: not_ready");

	/* duty to refer: only while accommodation is not secured */
	base(&f);
	f.no_fixed_abode_before = true;
	eval(&f, NULL, RD - 56, &r);
	tap_is_int(r.ngaps, 0, "no fixed abode before custody, address confirmed: no gap");
	f.at_risk_of_homelessness = true;
	f.release_plan = READINESS_PLAN_CAS3;
	eval(&f, NULL, RD - 10, &r);
	tap_is_int(r.ngaps, 0, "at risk, CAS3 confirmed: no gap");
	base(&f);
	f.no_fixed_abode_before = true;
	f.address_confirmed = false;
	eval(&f, NULL, RD - 57, &r);
	tap_ok(find_gap(&r, RULE_ACCOMMODATION_DUTY_TO_REFER) == NULL,
		   "duty_to_refer not at T = 57");
	eval(&f, NULL, RD - 56, &r);
	g = find_gap(&r, RULE_ACCOMMODATION_DUTY_TO_REFER);
	tap_ok(g != NULL && g->severity == READINESS_SEVERITY_WARNING,
		   "no fixed abode, address not confirmed: duty_to_refer at T = 56");
	is_due(g, RD - 56, "duty_to_refer due RD - 56");
	tap_ok(find_gap(&r, RULE_ACCOMMODATION_NONE) != NULL,
		   "beside accommodation.none");
	eval(&f, NULL, RD - 55, &r);
	tap_ok(find_gap(&r, RULE_ACCOMMODATION_DUTY_TO_REFER) != NULL,
		   "duty_to_refer at T = 55");
	f.has_duty_to_refer = true;
	eval(&f, NULL, RD - 56, &r);
	tap_ok(find_gap(&r, RULE_ACCOMMODATION_DUTY_TO_REFER) == NULL,
		   "duty to refer recorded: no gap");
}

static void
test_id_bank(void)
{
	ReadinessFacts f;
	ReadinessResult r;
	const ReadinessGap *g;
	char		b[READINESS_DATE_LEN],
				b2[READINESS_DATE_LEN],
				want[READINESS_MESSAGE_LEN];

	base(&f);
	f.id_held = false;
	f.id_application_open = true;
	eval(&f, NULL, RD - 10, &r);
	tap_ok(find_gap(&r, RULE_ID_NONE) == NULL, "ID application pending: no id.none");
	g = find_gap(&r, RULE_ID_APPLICATION_LATE);
	snprintf(want, sizeof(want),
			 "An ID application is still pending and no ID document is held; "
			 "a document is needed by %s, 14 days before release on %s.",
			 fmt(RD - 14, b), fmt(RD, b2));
	tap_is_str(g ? g->message : NULL, want, "id.application_late message");
	eval(&f, NULL, RD, &r);
	tap_ok(find_gap(&r, RULE_ID_APPLICATION_LATE) != NULL,
		   "ID application still pending on the release day: id.application_late");
	is_level(&r, READINESS_AT_RISK, "pending ID on the release day: at_risk");
	f.id_application_accepted = true;
	eval(&f, NULL, RD - 10, &r);
	tap_ok(find_gap(&r, RULE_ID_APPLICATION_LATE) == NULL,
		   "an application accepted: no id.application_late");
	f.id_application_accepted = false;
	f.id_held = true;
	eval(&f, NULL, RD - 10, &r);
	tap_ok(find_gap(&r, RULE_ID_APPLICATION_LATE) == NULL,
		   "a document held: no id.application_late");

	base(&f);
	f.bank_held_or_opened = false;
	f.bank_pending = true;
	eval(&f, NULL, RD - 84, &r);
	tap_ok(find_gap(&r, RULE_BANK_NONE) == NULL, "bank application pending: no bank.none");

	/* application failed */
	base(&f);
	f.bank_held_or_opened = false;
	f.bank_latest_failed = true;
	eval(&f, NULL, RD - 200, &r);
	g = find_gap(&r, RULE_BANK_APPLICATION_FAILED);
	tap_ok(g != NULL && g->severity == READINESS_SEVERITY_ERROR && r.ngaps == 1,
		   "bank.application_failed: fires whatever T");
	is_due(g, RD - 200, "bank.application_failed due as_of");
	snprintf(want, sizeof(want),
			 "The latest bank account application was declined or returned and "
			 "no newer one is recorded; a new application is needed now, as of %s.",
			 fmt(RD - 200, b));
	tap_is_str(g ? g->message : NULL, want, "bank.application_failed message");
	eval(&f, NULL, RD - 84, &r);
	tap_ok(find_gap(&r, RULE_BANK_APPLICATION_FAILED) != NULL &&
		   find_gap(&r, RULE_BANK_NONE) != NULL,
		   "failed application and no account: both bank rules");
	f.has_release_date = false;
	eval(&f, NULL, RD - 84, &r);
	tap_ok(find_gap(&r, RULE_BANK_APPLICATION_FAILED) != NULL,
		   "bank.application_failed needs no release date");
	base(&f);
	f.bank_latest_failed = true;
	eval(&f, NULL, RD - 84, &r);
	tap_ok(find_gap(&r, RULE_BANK_APPLICATION_FAILED) == NULL,
		   "failed application but an account held: no gap");

	/* late application with an account held: no gap */
	base(&f);
	f.bank_pending = true;
	eval(&f, NULL, RD - 5, &r);
	tap_ok(find_gap(&r, RULE_BANK_APPLICATION_LATE) == NULL,
		   "pending application but an account held: no gap");
}

static void
test_needs(void)
{
	ReadinessFacts f;
	ReadinessResult r;

	base(&f);
	f.benefit_claim = READINESS_NEED_IN_PROGRESS;
	f.gp_registration = READINESS_NEED_MET;
	f.release_prescription = READINESS_NEED_MET;
	eval(&f, NULL, RD - 1, &r);
	tap_is_int(r.ngaps, 0, "claim in progress, GP and prescription met: no gaps");
	f.benefit_claim = READINESS_NEED_MET;
	eval(&f, NULL, RD - 1, &r);
	tap_is_int(r.ngaps, 0, "claim met: no gap");
	f.benefit_claim = READINESS_NEED_DECLINED;
	eval(&f, NULL, RD - 1, &r);
	tap_ok(find_gap(&r, RULE_BENEFITS_CLAIM_NOT_STARTED) != NULL,
		   "claim declined: benefits.claim_not_started");
	f.benefit_claim = (ReadinessNeedStatus) 77;
	f.gp_registration = (ReadinessNeedStatus) -3;
	eval(&f, NULL, RD - 1, &r);
	tap_is_int(r.ngaps, 0, "invalid need statuses count as not identified");

	base(&f);
	f.gp_registration = READINESS_NEED_DECLINED;
	f.release_prescription = READINESS_NEED_IN_PROGRESS;
	eval(&f, NULL, RD - 7, &r);
	tap_ok(find_gap(&r, RULE_HEALTH_GP_NOT_ARRANGED) != NULL &&
		   find_gap(&r, RULE_HEALTH_RELEASE_PRESCRIPTION) != NULL,
		   "GP declined, prescription in progress: both health rules");
	tap_is_str(r.gaps[0].message,
			   "GP registration is needed and not arranged (need status declined); "
			   "it must be arranged by 2026-05-18, 7 days before release on 2026-05-25.",
			   "health.gp_not_arranged message");
}

static void
test_assessments(void)
{
	ReadinessFacts f;
	ReadinessResult r;
	ReadinessRuleSet set;
	const ReadinessGap *g;

	base(&f);
	f.immediate_needs_complete = 3;
	eval(&f, NULL, RECEPTION + 5, &r);
	g = find_gap(&r, RULE_ASSESSMENT_IMMEDIATE_NEEDS_OVERDUE);
	tap_ok(g != NULL && g->severity == READINESS_SEVERITY_ERROR && r.ngaps == 1,
		   "immediate_needs_overdue at reception + 5");
	is_due(g, RECEPTION + 5, "immediate needs due reception + 5");
	tap_is_str(g ? g->message : NULL,
			   "The immediate needs assessment is complete for 3 of 7 pathways; "
			   "all 7 were due by 2025-01-08, 5 days after reception on 2025-01-03.",
			   "immediate_needs_overdue message");
	is_level(&r, READINESS_NOT_READY, "immediate needs overdue: not_ready");
	eval(&f, NULL, RECEPTION + 4, &r);
	tap_ok(find_gap(&r, RULE_ASSESSMENT_IMMEDIATE_NEEDS_OVERDUE) == NULL,
		   "immediate needs not overdue at reception + 4");
	is_level(&r, READINESS_ON_TRACK, "reception + 4: on_track");
	eval(&f, NULL, RECEPTION + 6, &r);
	tap_ok(find_gap(&r, RULE_ASSESSMENT_IMMEDIATE_NEEDS_OVERDUE) != NULL,
		   "immediate needs overdue at reception + 6");
	f.has_release_date = false;
	eval(&f, NULL, RECEPTION + 6, &r);
	tap_ok(find_gap(&r, RULE_ASSESSMENT_IMMEDIATE_NEEDS_OVERDUE) != NULL,
		   "immediate needs: no release date needed");
	f.has_release_date = true;
	f.has_reception_date = false;
	eval(&f, NULL, RECEPTION + 6, &r);
	tap_ok(find_gap(&r, RULE_ASSESSMENT_IMMEDIATE_NEEDS_OVERDUE) == NULL,
		   "immediate needs: no reception date, no gap");
	f.has_reception_date = true;
	f.immediate_needs_complete = 7;
	eval(&f, NULL, RECEPTION + 6, &r);
	tap_ok(find_gap(&r, RULE_ASSESSMENT_IMMEDIATE_NEEDS_OVERDUE) == NULL,
		   "immediate needs complete for 7: no gap");

	/* tuned N */
	f.immediate_needs_complete = 0;
	readiness_rule_set_defaults(&set);
	set.rule[RULE_ASSESSMENT_IMMEDIATE_NEEDS_OVERDUE].error_days = 10;
	eval(&f, &set, RECEPTION + 9, &r);
	tap_ok(find_gap(&r, RULE_ASSESSMENT_IMMEDIATE_NEEDS_OVERDUE) == NULL,
		   "N = 10: not at reception + 9");
	eval(&f, &set, RECEPTION + 10, &r);
	g = find_gap(&r, RULE_ASSESSMENT_IMMEDIATE_NEEDS_OVERDUE);
	is_due(g, RECEPTION + 10, "N = 10: due reception + 10");
	set.rule[RULE_ASSESSMENT_IMMEDIATE_NEEDS_OVERDUE].error_days = 0;
	eval(&f, &set, RECEPTION, &r);
	g = find_gap(&r, RULE_ASSESSMENT_IMMEDIATE_NEEDS_OVERDUE);
	tap_is_str(g ? g->message : NULL,
			   "The immediate needs assessment is complete for 0 of 7 pathways; "
			   "all 7 were due by 2025-01-03, the day of reception.",
			   "N = 0: message");
	set.rule[RULE_ASSESSMENT_IMMEDIATE_NEEDS_OVERDUE].has_error_days = false;
	eval(&f, &set, RECEPTION + 100, &r);
	tap_ok(find_gap(&r, RULE_ASSESSMENT_IMMEDIATE_NEEDS_OVERDUE) == NULL,
		   "no N: never");

	/* pre-release: counts above 7 count as complete */
	base(&f);
	f.pre_release_complete = 9;
	eval(&f, NULL, RD - 1, &r);
	tap_ok(find_gap(&r, RULE_ASSESSMENT_PRE_RELEASE_OVERDUE) == NULL,
		   "pre-release count 9: complete");
	f.pre_release_complete = -2;
	eval(&f, NULL, RD - 84, &r);
	tap_is_str(r.ngaps ? r.gaps[0].message : NULL,
			   "The pre-release assessment is complete for 0 of 7 pathways; all 7 are "
			   "needed by 2026-03-02, 84 days before release on 2026-05-25.",
			   "pre-release negative count shown as 0");

	base(&f);
	f.pathways_not_started = 1;
	eval(&f, NULL, RD - 84, &r);
	tap_is_str(r.ngaps ? r.gaps[0].message : NULL,
			   "1 of 7 resettlement pathway is not started; every pathway must be "
			   "started by 2026-03-02, 84 days before release on 2026-05-25.",
			   "pathway.not_started message, singular");
	f.pathways_not_started = 7;
	eval(&f, NULL, RD - 84, &r);
	tap_is_str(r.ngaps ? r.gaps[0].message : NULL,
			   "7 of 7 resettlement pathways are not started; every pathway must be "
			   "started by 2026-03-02, 84 days before release on 2026-05-25.",
			   "pathway.not_started message, plural");
}

static void
test_handover_rules(void)
{
	ReadinessFacts f;
	ReadinessResult r;
	const ReadinessGap *g;
	char		b[READINESS_DATE_LEN],
				want[READINESS_MESSAGE_LEN];

	/* COM overdue: HD + 2 */
	base(&f);
	f.com_name_present = false;
	f.com_email_present = false;
	eval(&f, NULL, HD - 1, &r);
	tap_is_int(r.handover.responsibility, RESP_CUSTODY_ONLY, "HD - 1: custody_only");
	tap_is_int(r.ngaps, 0, "custody_only without COM: no gap");
	eval(&f, NULL, HD + 1, &r);
	tap_ok(find_gap(&r, RULE_HANDOVER_COM_OVERDUE) == NULL,
		   "com_overdue not at HD + 1");
	g = find_gap(&r, RULE_HANDOVER_COM_UNALLOCATED);
	tap_ok(g != NULL && g->severity == READINESS_SEVERITY_WARNING,
		   "com_unallocated at HD + 1");
	is_due(g, HD, "com_unallocated due the handover start date");
	tap_is_str(g ? g->message : NULL,
			   "No COM is recorded although the COM is responsible for the case; "
			   "one is needed by 2025-09-11, the handover start date.",
			   "com_unallocated message");
	is_level(&r, READINESS_AT_RISK, "HD + 1 without COM: at_risk");
	eval(&f, NULL, HD + 2, &r);
	g = find_gap(&r, RULE_HANDOVER_COM_OVERDUE);
	tap_ok(g != NULL && g->severity == READINESS_SEVERITY_ERROR,
		   "com_overdue at HD + 2");
	is_due(g, HD + 2, "com_overdue due HD + 2");
	tap_is_str(g ? g->message : NULL,
			   "No COM is allocated (no name or email recorded) although the COM is "
			   "responsible; one was needed by 2025-09-13, 2 days after the handover "
			   "on 2025-09-11.",
			   "com_overdue message");
	is_level(&r, READINESS_NOT_READY, "HD + 2 without COM: not_ready");
	tap_ok(find_gap(&r, RULE_HANDOVER_COM_UNALLOCATED) == NULL && r.ngaps == 1,
		   "HD + 2: com_overdue replaces com_unallocated (one gap)");
	eval(&f, NULL, HD + 3, &r);
	tap_ok(find_gap(&r, RULE_HANDOVER_COM_OVERDUE) != NULL &&
		   find_gap(&r, RULE_HANDOVER_COM_UNALLOCATED) == NULL, "com_overdue alone at HD + 3");
	{
		ReadinessRuleSet set;

		readiness_rule_set_defaults(&set);
		set.rule[RULE_HANDOVER_COM_OVERDUE].enabled = false;
		eval(&f, &set, HD + 3, &r);
		g = find_gap(&r, RULE_HANDOVER_COM_UNALLOCATED);
		tap_ok(g != NULL && r.ngaps == 1 && g->severity == READINESS_SEVERITY_WARNING,
			   "com_overdue disabled: com_unallocated stays at HD + 3");
	}
	f.com_email_present = true;
	eval(&f, NULL, HD + 3, &r);
	tap_is_int(r.ngaps, 0, "COM email only: a COM is recorded, neither COM rule");
	f.com_email_present = false;
	f.com_name_present = true;
	eval(&f, NULL, HD + 3, &r);
	tap_is_int(r.ngaps, 0, "COM name only: a COM is recorded, neither COM rule");

	/* COM supporting (indeterminate in open conditions) */
	readiness_facts_init(&f);
	f.handover.has_sentence_start = true;
	f.handover.sentence_start = D(2015, 1, 1);
	f.handover.indeterminate = true;
	f.handover.has_ted = true;
	f.handover.ted = D(2027, 1, 1);
	f.handover.open_conditions = true;
	f.handover.has_open_since = true;
	f.handover.open_since = D(2025, 6, 1);
	f.has_release_date = true;
	f.release_date = D(2027, 1, 1);
	eval(&f, NULL, D(2025, 7, 1), &r);
	tap_is_int(r.handover.responsibility, RESP_CUSTODY_WITH_COM,
			   "open indeterminate: custody_with_com");
	g = find_gap(&r, RULE_HANDOVER_COM_UNALLOCATED);
	is_due(g, D(2025, 6, 1), "supporting COM: due the start date");
	tap_is_str(g ? g->message : NULL,
			   "No COM is recorded although the COM is supporting the case; "
			   "one is needed by 2025-06-01, the handover start date.",
			   "supporting COM message");
	tap_ok(find_gap(&r, RULE_HANDOVER_COM_OVERDUE) == NULL,
		   "custody_with_com: never com_overdue");

	/* community with no dates (recall) */
	base(&f);
	f.handover.recall = true;
	f.com_name_present = false;
	f.com_email_present = false;
	eval(&f, NULL, D(2025, 2, 1), &r);
	g = find_gap(&r, RULE_HANDOVER_COM_UNALLOCATED);
	is_due(g, D(2025, 2, 1), "recall without COM: due as_of");
	tap_is_str(g ? g->message : NULL,
			   "No COM is recorded although the COM is responsible for the case "
			   "(recall_case); one is needed now, as of 2025-02-01.",
			   "recall without COM message");
	tap_ok(find_gap(&r, RULE_HANDOVER_COM_OVERDUE) == NULL,
		   "no handover date: no com_overdue");
	tap_ok(find_gap(&r, RULE_HANDOVER_CHECKLIST_INCOMPLETE) == NULL,
		   "no handover date: no checklist rule");

	/* checklist: enhanced (unknown) */
	base(&f);
	f.reviewed_oasys = false;
	f.sent_handover_report = false;		/* not part of enhanced */
	eval(&f, NULL, HD - 1, &r);
	tap_ok(find_gap(&r, RULE_HANDOVER_CHECKLIST_INCOMPLETE) == NULL,
		   "checklist not due at HD - 1");
	eval(&f, NULL, HD, &r);
	g = find_gap(&r, RULE_HANDOVER_CHECKLIST_INCOMPLETE);
	tap_ok(g != NULL && g->severity == READINESS_SEVERITY_WARNING && r.ngaps == 1,
		   "checklist incomplete at HD");
	is_due(g, HD, "checklist due HD");
	tap_is_str(g ? g->message : NULL,
			   "The enhanced handover checklist is incomplete (not done: reviewed "
			   "OASys); it was due by 2025-09-11, the handover date.",
			   "enhanced checklist message");
	eval(&f, NULL, HD + 30, &r);
	tap_ok(find_gap(&r, RULE_HANDOVER_CHECKLIST_INCOMPLETE) != NULL,
		   "checklist still incomplete after HD");

	/* enhanced true, all three missing */
	base(&f);
	f.has_enhanced_handover = true;
	f.enhanced_handover = true;
	f.reviewed_oasys = f.contacted_com = f.attended_handover_meeting = false;
	eval(&f, NULL, HD, &r);
	g = find_gap(&r, RULE_HANDOVER_CHECKLIST_INCOMPLETE);
	tap_is_str(g ? g->message : NULL,
			   "The enhanced handover checklist is incomplete (not done: reviewed "
			   "OASys, contacted the COM, attended the handover meeting); it was due "
			   "by 2025-09-11, the handover date.",
			   "enhanced checklist, nothing done");

	/* standard */
	base(&f);
	f.has_enhanced_handover = true;
	f.enhanced_handover = false;
	f.reviewed_oasys = false;
	f.attended_handover_meeting = false;
	eval(&f, NULL, HD, &r);
	tap_ok(find_gap(&r, RULE_HANDOVER_CHECKLIST_INCOMPLETE) == NULL,
		   "standard checklist complete without OASys review or meeting");
	f.sent_handover_report = false;
	eval(&f, NULL, HD, &r);
	g = find_gap(&r, RULE_HANDOVER_CHECKLIST_INCOMPLETE);
	tap_is_str(g ? g->message : NULL,
			   "The standard handover checklist is incomplete (not done: sent the "
			   "handover report); it was due by 2025-09-11, the handover date.",
			   "standard checklist message");

	/* type none: determinate_short */
	base(&f);
	f.handover.sentence_start = D(2025, 9, 1);
	f.reviewed_oasys = false;
	eval(&f, NULL, RD - 30, &r);
	tap_is_str(r.handover.reason, HANDOVER_REASON_DETERMINATE_SHORT,
			   "short sentence: determinate_short");
	tap_ok(find_gap(&r, RULE_HANDOVER_CHECKLIST_INCOMPLETE) == NULL,
		   "handover type none: no checklist rule");

	/* release unknown */
	base(&f);
	f.has_release_date = false;
	f.id_held = false;
	f.bank_held_or_opened = false;
	f.pathways_not_started = 7;
	eval(&f, NULL, D(2026, 1, 10), &r);
	tap_ok(r.ngaps == 1 && r.gaps[0].rule == RULE_DATES_RELEASE_UNKNOWN,
		   "no release date: only dates.release_unknown");
	tap_ok(r.ngaps == 1 && r.gaps[0].severity == READINESS_SEVERITY_WARNING,
		   "release_unknown is a warning");
	is_due(r.ngaps ? &r.gaps[0] : NULL, D(2026, 1, 10), "release_unknown due as_of");
	tap_is_str(r.ngaps ? r.gaps[0].message : NULL,
			   "No release date is recorded (confirmed, APD, HDCAD, CRD or ARD); "
			   "one is needed now, as of 2026-01-10.",
			   "release_unknown message");
	is_level(&r, READINESS_AT_RISK, "no release date: at_risk");
	f.handover.recall = true;
	eval(&f, NULL, D(2026, 1, 10), &r);
	tap_ok(find_gap(&r, RULE_DATES_RELEASE_UNKNOWN) != NULL,
		   "recall without a release date: release_unknown");

	/* no release date is expected of an indeterminate sentence or DET */
	base(&f);
	f.has_release_date = false;
	f.handover.has_crd = false;
	f.handover.indeterminate = true;
	f.handover.has_ted = true;
	f.handover.ted = D(2030, 1, 1);
	eval(&f, NULL, D(2026, 1, 10), &r);
	tap_is_int(r.ngaps, 0, "indeterminate without a release date: no gap");
	is_level(&r, READINESS_ON_TRACK, "indeterminate without a release date: on_track");
	f.handover.ted = D(2025, 1, 1);
	eval(&f, NULL, D(2026, 1, 10), &r);
	tap_is_int(r.ngaps, 0, "indeterminate past tariff, no release date: no gap");
	base(&f);
	f.has_release_date = false;
	f.handover.has_crd = false;
	f.handover.has_sentence_start = false;
	f.handover.immigration = true;
	eval(&f, NULL, D(2026, 1, 10), &r);
	tap_is_int(r.handover.responsibility, RESP_COMMUNITY, "immigration detainee: community");
	tap_ok(find_gap(&r, RULE_DATES_RELEASE_UNKNOWN) == NULL,
		   "immigration detainee: no release_unknown");

	/* release passed */
	base(&f);
	eval(&f, NULL, RD + 1, &r);
	g = find_gap(&r, RULE_DATES_RELEASE_PASSED);
	snprintf(want, sizeof(want),
			 "The release date %s has passed and no release is recorded; record "
			 "the release or correct the release date.", fmt(RD, b));
	tap_is_str(g ? g->message : NULL, want, "release_passed message");
	eval(&f, NULL, RD, &r);
	tap_ok(find_gap(&r, RULE_DATES_RELEASE_PASSED) == NULL,
		   "release date = as_of: not passed");
}

static void
test_config(void)
{
	ReadinessFacts f;
	ReadinessResult r;
	ReadinessRuleSet set;
	const ReadinessGap *g;

	base(&f);
	f.id_held = false;

	/* exact message of the brief */
	eval(&f, NULL, RD - 84, &r);
	tap_is_str(r.ngaps ? r.gaps[0].message : NULL,
			   "No ID document is held and no application is pending; one is needed "
			   "by 2026-03-02, 84 days before release on 2026-05-25.",
			   "id.none message");

	readiness_rule_set_defaults(&set);
	set.rule[RULE_ID_NONE].error_days = 30;
	eval(&f, &set, RD - 31, &r);
	tap_ok(find_gap(&r, RULE_ID_NONE) == NULL, "tuned id.none 30: not at T = 31");
	eval(&f, &set, RD - 30, &r);
	g = find_gap(&r, RULE_ID_NONE);
	tap_ok(g != NULL, "tuned id.none 30: fires at T = 30");
	is_due(g, RD - 30, "tuned id.none: due RD - 30");
	eval(&f, &set, RD - 29, &r);
	tap_ok(find_gap(&r, RULE_ID_NONE) != NULL, "tuned id.none 30: fires at T = 29");

	/* warn_days is not id.none's threshold */
	readiness_rule_set_defaults(&set);
	set.rule[RULE_ID_NONE].has_warn_days = true;
	set.rule[RULE_ID_NONE].warn_days = 200;
	eval(&f, &set, RD - 100, &r);
	tap_ok(find_gap(&r, RULE_ID_NONE) == NULL, "id.none ignores warn_days");

	/* absent threshold: never */
	readiness_rule_set_defaults(&set);
	set.rule[RULE_ID_NONE].has_error_days = false;
	eval(&f, &set, RD - 1, &r);
	tap_ok(find_gap(&r, RULE_ID_NONE) == NULL, "id.none without error_days: never");

	/* severity from config */
	readiness_rule_set_defaults(&set);
	set.rule[RULE_ID_NONE].severity = READINESS_SEVERITY_WARNING;
	eval(&f, &set, RD - 50, &r);
	g = find_gap(&r, RULE_ID_NONE);
	tap_ok(g != NULL && g->severity == READINESS_SEVERITY_WARNING,
		   "id.none configured as warning");
	is_level(&r, READINESS_AT_RISK, "id.none as warning: at_risk");

	base(&f);
	f.pathways_not_started = 3;
	readiness_rule_set_defaults(&set);
	set.rule[RULE_PATHWAY_NOT_STARTED].severity = READINESS_SEVERITY_ERROR;
	eval(&f, &set, RD - 84, &r);
	is_level(&r, READINESS_NOT_READY, "pathway.not_started as error: not_ready");
	set.rule[RULE_PATHWAY_NOT_STARTED].severity = (ReadinessSeverity) 9;
	eval(&f, &set, RD - 84, &r);
	tap_ok(r.ngaps == 1 && r.gaps[0].severity == READINESS_SEVERITY_ERROR,
		   "invalid configured severity counts as error");

	/* negative and zero thresholds */
	set.rule[RULE_PATHWAY_NOT_STARTED].severity = READINESS_SEVERITY_WARNING;
	set.rule[RULE_PATHWAY_NOT_STARTED].warn_days = 0;
	eval(&f, &set, RD - 1, &r);
	tap_ok(find_gap(&r, RULE_PATHWAY_NOT_STARTED) == NULL, "threshold 0: not at T = 1");
	eval(&f, &set, RD, &r);
	tap_is_str(r.ngaps ? r.gaps[0].message : NULL,
			   "3 of 7 resettlement pathways are not started; every pathway must be "
			   "started by 2026-05-25, the day of release.",
			   "threshold 0: message");
	set.rule[RULE_PATHWAY_NOT_STARTED].warn_days = -1;
	eval(&f, &set, RD + 1, &r);
	g = find_gap(&r, RULE_PATHWAY_NOT_STARTED);
	is_due(g, RD + 1, "threshold -1: due RD + 1");
	tap_is_str(g ? g->message : NULL,
			   "3 of 7 resettlement pathways are not started; every pathway must be "
			   "started by 2026-05-26, 1 day after release on 2026-05-25.",
			   "threshold -1: message");

	/* every rule disabled: nothing fires, level from the ready test alone */
	base(&f);
	f.id_held = false;
	f.has_release_date = false;
	for (int i = 0; i < RULE_COUNT; i++)
		set.rule[i].enabled = false;
	eval(&f, &set, RD - 5, &r);
	tap_is_int(r.ngaps, 0, "all rules disabled: no gaps");
	is_level(&r, READINESS_ON_TRACK, "all rules disabled, no release date: on_track");
}

/* ---------------------------------------------------------------------- */

static bool
message_ok(const ReadinessGap *g)
{
	const char *nul = memchr(g->message, '\0', READINESS_MESSAGE_LEN);
	size_t		len;

	if (nul == NULL)
		return false;
	len = (size_t) (nul - g->message);
	return len > 0 && len < READINESS_MESSAGE_LEN - 1 && g->message[len - 1] == '.';
}

static void
test_extremes(void)
{
	ReadinessFacts f;
	ReadinessResult r;
	ReadinessRuleSet set;
	const ReadinessGap *g;
	ReadinessStatus st;

	/* release at +infinity: never within a threshold */
	base(&f);
	f.id_held = false;
	f.release_date = INT32_MAX;
	eval(&f, NULL, DATE_MAX_VALUE, &r);
	tap_ok(find_gap(&r, RULE_ID_NONE) == NULL, "release infinity: no lead rule");
	is_level(&r, READINESS_ON_TRACK, "release infinity: on_track");
	readiness_rule_set_defaults(&set);
	set.rule[RULE_ID_NONE].error_days = INT_MAX;
	eval(&f, &set, DATE_MAX_VALUE, &r);
	tap_ok(find_gap(&r, RULE_ID_NONE) == NULL,
		   "release infinity, threshold INT_MAX: still not within");

	/* release at -infinity */
	eval(&f, NULL, D(2026, 1, 1), &r);
	f.release_date = INT32_MIN;
	eval(&f, NULL, D(2026, 1, 1), &r);
	g = find_gap(&r, RULE_ID_NONE);
	tap_ok(g != NULL, "release -infinity: lead rules fire");
	is_due(g, INT32_MIN, "release -infinity: due -infinity");
	tap_is_str(g ? g->message : NULL,
			   "No ID document is held and no application is pending; one is needed "
			   "by -infinity, 84 days before release on -infinity.",
			   "release -infinity message");
	tap_ok(find_gap(&r, RULE_DATES_RELEASE_PASSED) != NULL,
		   "release -infinity: release_passed");

	/* release at the first date: due date out of range */
	f.release_date = DATE_MIN_VALUE;
	eval(&f, NULL, D(2026, 1, 1), &r);
	g = find_gap(&r, RULE_ID_NONE);
	tap_ok(g != NULL && !g->has_due_on, "release 4714 BC: no due date");
	tap_is_str(g ? g->message : NULL,
			   "No ID document is held and no application is pending; one is needed "
			   "84 days before release on 4714-11-24 BC.",
			   "release 4714 BC message");

	/* release at the last date */
	f.release_date = DATE_MAX_VALUE;
	eval(&f, NULL, DATE_MAX_VALUE - 84, &r);
	g = find_gap(&r, RULE_ID_NONE);
	is_due(g, DATE_MAX_VALUE - 84, "release 5874897 AD: due 84 days before");

	/* as_of at the infinities */
	base(&f);
	f.id_held = false;
	st = readiness_evaluate(&f, NULL, INT32_MAX, &r);
	tap_ok(st == READINESS_OK && find_gap(&r, RULE_ID_NONE) != NULL &&
		   find_gap(&r, RULE_DATES_RELEASE_PASSED) != NULL,
		   "as_of infinity: everything overdue");
	st = readiness_evaluate(&f, NULL, INT32_MIN, &r);
	tap_ok(st == READINESS_OK || st == READINESS_DATE_OUT_OF_RANGE,
		   "as_of -infinity: a defined status");
	if (st == READINESS_OK)
		tap_ok(find_gap(&r, RULE_ID_NONE) == NULL, "as_of -infinity: nothing due");
	else
		tap_ok(r.ngaps == 0, "as_of -infinity: out of range, no gaps");

	/* threshold INT_MIN with release -infinity: offset 2^31 */
	base(&f);
	f.id_held = false;
	f.release_date = INT32_MIN;
	readiness_rule_set_defaults(&set);
	set.rule[RULE_ID_NONE].error_days = INT_MIN;
	eval(&f, &set, 0, &r);
	g = find_gap(&r, RULE_ID_NONE);
	tap_is_str(g ? g->message : NULL,
			   "No ID document is held and no application is pending; one is needed "
			   "by -infinity, 2147483648 days after release on -infinity.",
			   "threshold INT_MIN: no overflow");

	/* reception at the last date: reception + N out of range */
	base(&f);
	f.immediate_needs_complete = 0;
	f.reception_date = DATE_MAX_VALUE;
	eval(&f, NULL, DATE_MAX_VALUE, &r);
	tap_ok(find_gap(&r, RULE_ASSESSMENT_IMMEDIATE_NEEDS_OVERDUE) == NULL,
		   "reception 5874897-12-31: not overdue by the last date");
	eval(&f, NULL, INT32_MAX, &r);
	g = find_gap(&r, RULE_ASSESSMENT_IMMEDIATE_NEEDS_OVERDUE);
	tap_ok(g != NULL && !g->has_due_on && message_ok(g),
		   "reception 5874897-12-31, as_of infinity: overdue, no due date");
	f.reception_date = INT32_MIN;
	eval(&f, NULL, INT32_MIN, &r);
	tap_ok(true, "reception and as_of -infinity: no crash");

	/* handover arithmetic out of range */
	base(&f);
	f.handover.crd = DATE_MAX_VALUE;
	st = readiness_evaluate(&f, NULL, 0, &r);
	tap_ok(st == READINESS_DATE_OUT_OF_RANGE, "CRD 5874897 AD: date out of range");
	tap_ok(r.ngaps == 0 && r.level == READINESS_OUT_OF_SCOPE,
		   "out of range: no gaps");
}

/* A small deterministic generator for the property test */
static uint64_t rng_state = 88172645463325252ULL;

static uint32_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t) (rng_state >> 16);
}

static int32_t
rng_date(void)
{
	static const int32_t special[] = {
		INT32_MIN, INT32_MAX, DATE_MIN_VALUE, DATE_MAX_VALUE,
		DATE_MIN_VALUE + 1, DATE_MAX_VALUE - 1, DATE_TIMESTAMP_MAX_VALUE,
		0, -1, 9600, 9640, INT32_MIN + 1, INT32_MAX - 1
	};

	switch (rng() % 4)
	{
		case 0:
			return special[rng() % (sizeof(special) / sizeof(special[0]))];
		case 1:
			return (int32_t) rng();
		default:
			return 9000 + (int32_t) (rng() % 1200);
	}
}

static int
rng_days(void)
{
	static const int special[] = {INT_MIN, INT_MAX, -1, 0, 1, 7, 14, 56, 84};

	if (rng() % 3 == 0)
		return special[rng() % (sizeof(special) / sizeof(special[0]))];
	return (int) (rng() % 200) - 20;
}

static void
test_random(void)
{
	int			iter;
	int			bad = 0;
	int			n_ok = 0,
				n_oor = 0;

	for (iter = 0; iter < 100000 && bad < 5; iter++)
	{
		ReadinessFacts f;
		ReadinessRuleSet set;
		ReadinessResult r;
		ReadinessStatus st;
		int32_t		as_of = rng_date();
		int			i;
		bool		any_e = false,
					any_w = false;

		readiness_facts_init(&f);
		f.handover.has_sentence_start = rng() % 4 != 0;
		f.handover.sentence_start = rng_date();
		f.handover.has_crd = rng() % 2;
		f.handover.crd = rng_date();
		f.handover.has_ard = rng() % 4 == 0;
		f.handover.ard = rng_date();
		f.handover.has_ped = rng() % 4 == 0;
		f.handover.ped = rng_date();
		f.handover.has_ted = rng() % 4 == 0;
		f.handover.ted = rng_date();
		f.handover.has_thd = rng() % 4 == 0;
		f.handover.thd = rng_date();
		f.handover.indeterminate = rng() % 5 == 0;
		f.handover.recall = rng() % 8 == 0;
		f.handover.immigration = rng() % 10 == 0;
		f.handover.early_allocation = rng() % 8 == 0;
		f.handover.remand = rng() % 10 == 0;
		f.has_release_date = rng() % 5 != 0;
		f.release_date = rng_date();
		f.has_released_on = rng() % 5 == 0;
		f.released_on = rng_date();
		f.has_reception_date = rng() % 5 != 0;
		f.reception_date = rng_date();
		f.com_name_present = rng() % 2;
		f.com_email_present = rng() % 2;
		f.has_enhanced_handover = rng() % 2;
		f.enhanced_handover = rng() % 2;
		f.reviewed_oasys = rng() % 2;
		f.contacted_com = rng() % 2;
		f.attended_handover_meeting = rng() % 2;
		f.sent_handover_report = rng() % 2;
		f.pathways_not_started = (int) (rng() % 12) - 2;
		f.family_pathway_not_started = rng() % 2;
		f.immediate_needs_complete = (int) (rng() % 12) - 2;
		f.pre_release_complete = (int) (rng() % 12) - 2;
		f.has_accommodation_record = rng() % 2;
		f.release_plan = (ReadinessReleasePlan) (rng() % 9);
		f.address_confirmed = rng() % 2;
		f.no_fixed_abode_before = rng() % 2;
		f.at_risk_of_homelessness = rng() % 2;
		f.has_duty_to_refer = rng() % 2;
		f.id_held = rng() % 2;
		f.id_application_open = rng() % 2;
		f.id_application_accepted = rng() % 2;
		f.bank_held_or_opened = rng() % 2;
		f.bank_pending = rng() % 2;
		f.bank_latest_failed = rng() % 2;
		f.benefit_claim = (ReadinessNeedStatus) (rng() % 7);
		f.gp_registration = (ReadinessNeedStatus) (rng() % 7);
		f.release_prescription = (ReadinessNeedStatus) (rng() % 7);

		readiness_rule_set_defaults(&set);
		for (i = 0; i < RULE_COUNT; i++)
		{
			set.rule[i].enabled = rng() % 8 != 0;
			set.rule[i].severity = (ReadinessSeverity) (rng() % 3);
			set.rule[i].has_warn_days = rng() % 6 != 0;
			set.rule[i].warn_days = rng_days();
			set.rule[i].has_error_days = rng() % 6 != 0;
			set.rule[i].error_days = rng_days();
		}

		st = readiness_evaluate(&f, (rng() % 4) ? &set : NULL, as_of, &r);
		if (st != READINESS_OK)
		{
			n_oor++;
			if (r.ngaps != 0)
				bad++;
			continue;
		}
		n_ok++;
		if (r.ngaps < 0 || r.ngaps > RULE_COUNT)
		{
			bad++;
			continue;
		}
		for (i = 0; i < r.ngaps; i++)
		{
			const ReadinessGap *g = &r.gaps[i];

			if ((i > 0 && g->rule <= r.gaps[i - 1].rule) ||
				!message_ok(g) ||
				(g->has_due_on && !DATE_IS_VALID(g->due_on)))
			{
				bad++;
				printf("# bad gap %s: %s\n", readiness_rule_code(g->rule),
					   g->message);
			}
			if (g->severity == READINESS_SEVERITY_ERROR)
				any_e = true;
			else
				any_w = true;
		}
		if ((r.level == READINESS_RELEASED || r.level == READINESS_OUT_OF_SCOPE) &&
			r.ngaps != 0)
			bad++;
		if (r.level == READINESS_NOT_READY && !any_e)
			bad++;
		if (r.level == READINESS_AT_RISK && (any_e || !any_w))
			bad++;
		if ((r.level == READINESS_READY || r.level == READINESS_ON_TRACK) &&
			r.ngaps != 0)
			bad++;
	}
	tap_ok(bad == 0, "random cases keep every invariant (%d ok, %d out of range)",
		   n_ok, n_oor);
}

int
main(void)
{
	RD = D(2026, 5, 25);
	HD = D(2025, 9, 11);
	RECEPTION = D(2025, 1, 3);

	test_catalogue();
	test_format_date();
	test_levels();
	test_lead_rules();
	test_accommodation();
	test_id_bank();
	test_needs();
	test_assessments();
	test_handover_rules();
	test_config();
	test_extremes();
	test_random();
	return tap_done();
}
