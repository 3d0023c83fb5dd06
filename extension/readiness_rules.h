/*-------------------------------------------------------------------------
 *
 * readiness_rules.h
 *		The release-readiness rule catalogue and its evaluation, without
 *		postgres.h.
 *
 * Given the facts of one custody episode (collected by the server code from
 * the custody row and its child tables), a rule configuration (the rows of
 * resettle.rule) and a date (as_of), say which rules fail, how badly, by
 * when the missing thing was needed, and the case's readiness level.  The
 * evaluation is self-contained: it runs the OMiC handover calculation
 * (handover_rules.h) for as_of itself, so it gives the same answer for any
 * as_of, past or future.  readiness_rules.c documents every rule, due date
 * and interpretation; docs/rules.md is the user-facing catalogue.
 *
 * Dates are int32_t days since 2000-01-01 (PostgreSQL's DateADT, see
 * date_arith.h); INT32_MIN / INT32_MAX are -infinity / infinity.
 *
 * Use:
 *		ReadinessFacts f;
 *		ReadinessRuleSet rules;
 *		ReadinessResult r;
 *
 *		readiness_facts_init(&f);			(then fill in the facts)
 *		readiness_rule_set_defaults(&rules);	(or load resettle.rule)
 *		if (readiness_evaluate(&f, &rules, as_of, &r) != READINESS_OK)
 *			raise "date out of range";
 *		r.level, r.gaps[0 .. r.ngaps - 1]
 *
 * extension/readiness_rules.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef RESETTLE_READINESS_RULES_H
#define RESETTLE_READINESS_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "handover_rules.h"

/*
 * The rules, in catalogue order (the order of gaps in a result).  The codes
 * (readiness_rule_code) are a stable interface; the enum values are not:
 * store codes, never numbers.
 */
typedef enum ReadinessRule
{
	RULE_DATES_RELEASE_UNKNOWN,			/* dates.release_unknown */
	RULE_DATES_RELEASE_PASSED,			/* dates.release_passed */
	RULE_HANDOVER_COM_UNALLOCATED,		/* handover.com_unallocated */
	RULE_HANDOVER_COM_OVERDUE,			/* handover.com_overdue */
	RULE_HANDOVER_CHECKLIST_INCOMPLETE, /* handover.checklist_incomplete */
	RULE_ASSESSMENT_IMMEDIATE_NEEDS_OVERDUE,	/* assessment.immediate_needs_overdue */
	RULE_ASSESSMENT_PRE_RELEASE_OVERDUE,	/* assessment.pre_release_overdue */
	RULE_PATHWAY_NOT_STARTED,			/* pathway.not_started */
	RULE_ACCOMMODATION_NONE,			/* accommodation.none */
	RULE_ACCOMMODATION_DUTY_TO_REFER,	/* accommodation.duty_to_refer */
	RULE_ID_NONE,						/* id.none */
	RULE_ID_APPLICATION_LATE,			/* id.application_late */
	RULE_BANK_NONE,						/* bank.none */
	RULE_BANK_APPLICATION_FAILED,		/* bank.application_failed */
	RULE_BANK_APPLICATION_LATE,			/* bank.application_late */
	RULE_BENEFITS_CLAIM_NOT_STARTED,	/* benefits.claim_not_started */
	RULE_HEALTH_GP_NOT_ARRANGED,		/* health.gp_not_arranged */
	RULE_HEALTH_RELEASE_PRESCRIPTION,	/* health.release_prescription */
	RULE_FAMILY_NOT_ASSESSED,			/* family.not_assessed */
	RULE_COUNT
} ReadinessRule;

/* Severity of a failing rule; labels "warning" and "error" */
typedef enum ReadinessSeverity
{
	READINESS_SEVERITY_WARNING,
	READINESS_SEVERITY_ERROR
} ReadinessSeverity;

/* Readiness level; labels and order as SQL enum resettle.readiness_level */
typedef enum ReadinessLevel
{
	READINESS_READY,
	READINESS_ON_TRACK,
	READINESS_AT_RISK,
	READINESS_NOT_READY,
	READINESS_RELEASED,
	READINESS_OUT_OF_SCOPE
} ReadinessLevel;

#define READINESS_LEVEL_COUNT	6

typedef enum ReadinessStatus
{
	READINESS_OK,
	READINESS_DATE_OUT_OF_RANGE /* caller raises "date out of range" */
} ReadinessStatus;

/* Days before release inside which a case with no gaps can be "ready" */
#define READINESS_READY_WINDOW_DAYS		14

/* handover.com_overdue: days after the handover date (MPC, fixed) */
#define READINESS_COM_OVERDUE_DAYS		2

/* Resettlement pathways, and the size of a message buffer */
#define READINESS_PATHWAY_COUNT			7
#define READINESS_MESSAGE_LEN			256

/* Room for any date readiness_format_date() writes, with the NUL */
#define READINESS_DATE_LEN				24

/*
 * Configuration of one rule (one row of resettle.rule).
 *
 * Thresholds are in days; has_* false means "no threshold" (SQL NULL).
 * Each rule reads only the threshold fields that are present in its
 * defaults (readiness_rule_defaults); the others are ignored:
 *	- warn_days: pathway.not_started, accommodation.duty_to_refer,
 *	  id.application_late, bank.application_late, benefits.claim_not_started,
 *	  health.gp_not_arranged, health.release_prescription,
 *	  family.not_assessed: fires when T <= warn_days;
 *	- error_days: assessment.pre_release_overdue, id.none, bank.none: fires
 *	  when T <= error_days; assessment.immediate_needs_overdue: fires when
 *	  as_of >= reception + error_days;
 *	- both: accommodation.none: its severity (error) when T <= error_days,
 *	  else a warning when T <= warn_days;
 *	- neither: every other rule.
 * T = release_date - as_of in days.  A rule whose threshold is absent never
 * fires (for accommodation.none: that stage never applies); resettle.rule
 * (1.2 on) refuses a row without the thresholds its rule uses.  severity
 * is the severity of every gap the rule produces, but of
 * accommodation.none's warn_days stage, which is always a warning.
 */
typedef struct ReadinessRuleConfig
{
	bool		enabled;
	ReadinessSeverity severity;
	bool		has_warn_days;
	int			warn_days;
	bool		has_error_days;
	int			error_days;
} ReadinessRuleConfig;

typedef struct ReadinessRuleSet
{
	ReadinessRuleConfig rule[RULE_COUNT];
} ReadinessRuleSet;

/* Accommodation plan for release (values of accommodation.release_plan) */
typedef enum ReadinessReleasePlan
{
	READINESS_PLAN_NO_ANSWER = 0,	/* also: no accommodation record */
	READINESS_PLAN_RETURN_TO_PREVIOUS_ADDRESS,
	READINESS_PLAN_MOVE_TO_NEW_ADDRESS,
	READINESS_PLAN_APPROVED_PREMISES,
	READINESS_PLAN_CAS2,
	READINESS_PLAN_CAS3,
	READINESS_PLAN_DOES_NOT_HAVE_ANYWHERE
} ReadinessReleasePlan;

/* Status of one support need (support_need.status; NONE = no row) */
typedef enum ReadinessNeedStatus
{
	READINESS_NEED_NONE = 0,	/* need not identified */
	READINESS_NEED_NOT_STARTED,
	READINESS_NEED_IN_PROGRESS,
	READINESS_NEED_MET,
	READINESS_NEED_DECLINED
} ReadinessNeedStatus;

/* The fields of a fact of case_facts_list.h, by kind (and handover_rules.h's) */
#define FACT_FIELDS_OPT_BOOL(name)		bool has_##name; bool name;
#define FACT_FIELDS_COUNT(name)			int name;
#define FACT_FIELDS_RELEASE_PLAN(name)	ReadinessReleasePlan name;
#define FACT_FIELDS_NEED_STATUS(name)	ReadinessNeedStatus name;

/*
 * The facts of one custody episode: the handover input and a field (an
 * optional one: two) per entry of case_facts_list.h.  Start from
 * readiness_facts_init(): all-zero facts mean "nothing recorded" except
 * that the handover input needs version and mappa_level set, which
 * readiness_facts_init() does.
 */
typedef struct ReadinessFacts
{
	/* handover calculation input; its as_of is ignored (as_of is used) */
	HandoverInput handover;

#define CASE_FACT(name, kind, if_null) FACT_FIELDS_##kind(name)
#include "case_facts_list.h"
#undef CASE_FACT
} ReadinessFacts;

/* One failing rule */
typedef struct ReadinessGap
{
	ReadinessRule rule;
	ReadinessSeverity severity;
	bool		has_due_on;		/* false when the due date is not a date */
	int32_t		due_on;
	char		message[READINESS_MESSAGE_LEN];
} ReadinessGap;

typedef struct ReadinessResult
{
	ReadinessLevel level;
	int			ngaps;
	ReadinessGap gaps[RULE_COUNT];	/* in catalogue order */
	HandoverResult handover;	/* the handover calculation as of as_of */
} ReadinessResult;

/*
 * Evaluate the rules for one case as of a date.  rules may be NULL (the
 * defaults).  Level:
 *	released		released_on set and released_on <= as_of
 *	out_of_scope	outside OMiC scope (handover responsibility RESP_NONE)
 *	not_ready		some gap is an error
 *	at_risk			some gap is a warning
 *	ready			T <= READINESS_READY_WINDOW_DAYS, accommodation secured,
 *					an ID document held or an application accepted, and a
 *					bank account held or opened
 *	on_track		otherwise
 * Released and out-of-scope cases have no gaps.  Returns
 * READINESS_DATE_OUT_OF_RANGE only when the handover date arithmetic leaves
 * the date range; *out then has level out_of_scope and no gaps.
 */
extern ReadinessStatus readiness_evaluate(const ReadinessFacts *facts,
										  const ReadinessRuleSet *rules,
										  int32_t as_of,
										  ReadinessResult *out);

/* Nothing recorded; handover version current, MAPPA unknown */
extern void readiness_facts_init(ReadinessFacts *facts);

/* Rule catalogue.  All return NULL / false for an invalid rule. */
extern const char *readiness_rule_code(ReadinessRule rule);
extern bool readiness_rule_from_code(const char *code, ReadinessRule *out);
extern const char *readiness_rule_title(ReadinessRule rule);
extern const char *readiness_rule_source(ReadinessRule rule);
extern bool readiness_rule_defaults(ReadinessRule rule,
									ReadinessRuleConfig *out);
extern void readiness_rule_set_defaults(ReadinessRuleSet *set);

/* Labels: "warning"/"error"; the readiness_level enum labels */
extern const char *readiness_severity_label(ReadinessSeverity severity);
extern bool readiness_severity_from_label(const char *label,
										  ReadinessSeverity *out);
extern const char *readiness_level_label(ReadinessLevel level);
extern bool readiness_level_from_label(const char *label,
									   ReadinessLevel *out);

/* SQL labels of release plans and need statuses ("none" for NEED_NONE) */
extern const char *readiness_release_plan_label(ReadinessReleasePlan plan);
extern bool readiness_release_plan_from_label(const char *label,
											  ReadinessReleasePlan *out);
extern const char *readiness_need_status_label(ReadinessNeedStatus status);
extern bool readiness_need_status_from_label(const char *label,
											 ReadinessNeedStatus *out);

/*
 * A date as PostgreSQL prints it in ISO style: YYYY-MM-DD, "YYYY-MM-DD BC"
 * before year 1, "infinity", "-infinity"; "invalid date" outside the range.
 * Writes at most len bytes (READINESS_DATE_LEN is enough); returns buf.
 */
extern char *readiness_format_date(int32_t d, char *buf, size_t len);

#endif							/* RESETTLE_READINESS_RULES_H */
