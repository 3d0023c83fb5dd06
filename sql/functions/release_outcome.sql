
/*
 * New in 1.2: what was in place on the day of release, from a case's facts
 * (docs/rules.md "Release outcome"): the one definition by which the
 * recompute writes resettle.release_outcome (extension/readiness.c) and the
 * 1.2 upgrade re-derives the outcomes 1.1 wrote.
 *
 *   id_document            an ID document held: the inspection's "ID on
 *                          release" (an application, even accepted, is not
 *                          ID in hand)
 *   id_applied             an ID application pending or accepted (so held,
 *                          or applied for, is id_document OR id_applied)
 *   handover_date          the handover date the rules give as of the
 *                          release day, not the stored one (as of the day
 *                          the custody row was last written), under the
 *                          rules in force when it was due: of the versions
 *                          in force by the release day
 *                          (resettle.handover_rules_versions()), the latest
 *                          whose handover date is on or after the day it
 *                          came into force (or that gives none); the first
 *                          version if none is (docs/rules.md "Release
 *                          outcome")
 *   com_allocated_by_handover  the COM allocated by that date + 2 days
 *   gaps                   the rules as of the release day, as if still in
 *                          custody
 */
CREATE FUNCTION resettle.outcome_at_release(f resettle.case_facts,
	OUT settled_accommodation boolean, OUT id_document boolean, OUT id_applied boolean,
	OUT bank_account boolean, OUT benefit_claim_needed boolean,
	OUT benefit_claim_started boolean, OUT gp_needed boolean, OUT gp_arranged boolean,
	OUT family_pathway_addressed boolean, OUT com_allocated boolean,
	OUT com_allocated_by_handover boolean, OUT handover_date date, OUT gaps text[])
RETURNS record
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT f.address_confirmed
	           AND f.release_plan = ANY ('{return_to_previous_address,move_to_new_address}'::text[]),
	       f.id_held,
	       f.id_application_open,
	       f.bank_held_or_opened,
	       f.benefit_claim IS NOT NULL,
	       COALESCE(f.benefit_claim = ANY ('{in_progress,met}'::text[]), false),
	       f.gp_registration IS NOT NULL,
	       COALESCE(f.gp_registration = 'met', false),
	       NOT f.family_pathway_not_started,
	       f.com_name_present OR f.com_email_present,
	       f.com_allocated_on <= h.handover_date + 2,
	       h.handover_date,
	       e.gaps
	FROM resettle.evaluate(f, f.released_on, true) AS e
	LEFT JOIN LATERAL (
	    SELECT hv.handover_date
	    FROM (SELECT v.in_force_from,
	                 v.in_force_from = min(v.in_force_from) OVER () AS first_version
	          FROM resettle.handover_rules_versions() AS v) AS v
	    CROSS JOIN LATERAL resettle.handover(
	         sentence_start => f.sentence_start, crd => f.crd, ard => f.ard, ped => f.ped,
	         ted => f.ted, thd => f.thd, indeterminate => f.indeterminate, recall => f.recall,
	         immigration => f.immigration, early_allocation => f.early_allocation,
	         open_conditions => f.open_conditions, open_since => f.open_since,
	         mappa_level => f.mappa_level::integer, additional_isp => f.additional_isp,
	         parole_outcome_not_release => f.parole_outcome_not_release,
	         as_of => f.released_on, hdced => f.hdced, date_of_birth => f.date_of_birth,
	         remand => f.remand, civil => f.civil, release_date => f.release_date,
	         rules_as_of => v.in_force_from) AS hv
	    WHERE v.first_version OR v.in_force_from <= f.released_on
	    ORDER BY (v.first_version OR hv.handover_date IS NULL
	              OR hv.handover_date >= v.in_force_from) DESC,
	             v.in_force_from DESC
	    LIMIT 1) AS h ON true;
END;
COMMENT ON FUNCTION resettle.outcome_at_release(resettle.case_facts) IS
	'What was in place on a released case''s release day: the release outcome of its facts';
