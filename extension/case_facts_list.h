/*-------------------------------------------------------------------------
 *
 * case_facts_list.h
 *		The facts the readiness rules read besides the handover inputs, one
 *		entry each.
 *
 * Generated from this list: the fields of ReadinessFacts after its
 * HandoverInput (readiness_rules.h), the resettle.case_facts columns
 * resettle.evaluate() looks up by name and the code that reads each one
 * (readiness.c).  The handover inputs case_facts carries are those of
 * handover_input_list.h marked in_case_facts.  Adding a fact is one entry
 * here, its column in sql/views/case_facts.sql and the rule that reads it.
 *
 * CASE_FACT(name, kind, if_null)
 *	name	the column of resettle.case_facts and the ReadinessFacts field
 *	kind	DATE: an optional date, has_<name> and <name>
 *			OPT_BOOL: an optional boolean, has_<name> and <name>
 *			BOOL: a boolean
 *			COUNT: a count (bigint)
 *			RELEASE_PLAN: an accommodation.release_plan label
 *			NEED_STATUS: a support_need.status label
 *	if_null	<name> when the column is NULL (has_<name> is then false), or
 *			when a label is one this version does not know
 *
 * Pure C (no postgres.h) and no include guard: define CASE_FACT, include,
 * undefine.
 *
 * extension/case_facts_list.h
 *
 *-------------------------------------------------------------------------
 */

/* name, kind, if_null */

/* custody.release_date, released_on, reception_date */
CASE_FACT(release_date, DATE, 0)
CASE_FACT(released_on, DATE, 0)
CASE_FACT(reception_date, DATE, 0)

/*
 * custody.com_name, com_email not NULL (a blank one is stored as NULL); a
 * COM is recorded when either is
 */
CASE_FACT(com_name_present, BOOL, false)
CASE_FACT(com_email_present, BOOL, false)

/* custody.enhanced_handover, NULL = unknown (counts as enhanced) */
CASE_FACT(enhanced_handover, OPT_BOOL, false)

/* handover_checklist (all false without a row) */
CASE_FACT(reviewed_oasys, BOOL, false)
CASE_FACT(contacted_com, BOOL, false)
CASE_FACT(attended_handover_meeting, BOOL, false)
CASE_FACT(sent_handover_report, BOOL, false)

/* pathways with status not_started, a missing row counting (0..7) */
CASE_FACT(pathways_not_started, COUNT, READINESS_PATHWAY_COUNT)
/* children_families_community not_started or missing */
CASE_FACT(family_pathway_not_started, BOOL, false)
/* pathways whose assessment is complete or submitted (0..7) */
CASE_FACT(immediate_needs_complete, COUNT, 0)
CASE_FACT(pre_release_complete, COUNT, 0)

/* accommodation */
CASE_FACT(has_accommodation_record, BOOL, false)
CASE_FACT(release_plan, RELEASE_PLAN, READINESS_PLAN_NO_ANSWER)
CASE_FACT(address_confirmed, BOOL, false)
/* lived_before no_permanent_or_fixed */
CASE_FACT(no_fixed_abode_before, BOOL, false)
CASE_FACT(at_risk_of_homelessness, BOOL, false)
/* duty_to_refer_on recorded */
CASE_FACT(has_duty_to_refer, BOOL, false)

/* id_document: a document held; an application pending or accepted */
CASE_FACT(id_held, BOOL, false)
CASE_FACT(id_application_open, BOOL, false)
CASE_FACT(id_application_accepted, BOOL, false)

/*
 * bank_account: status held or opened; an application pending; the latest
 * application declined or returned_*, none newer
 */
CASE_FACT(bank_held_or_opened, BOOL, false)
CASE_FACT(bank_pending, BOOL, false)
CASE_FACT(bank_latest_failed, BOOL, false)

/* support_need (NONE: no row) */
CASE_FACT(benefit_claim, NEED_STATUS, READINESS_NEED_NONE)
CASE_FACT(gp_registration, NEED_STATUS, READINESS_NEED_NONE)
CASE_FACT(release_prescription, NEED_STATUS, READINESS_NEED_NONE)
