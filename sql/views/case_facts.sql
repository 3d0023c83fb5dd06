
/*
 * resettle.case_facts: one row per custody episode with everything the
 * readiness rules read, aggregated from the child tables.  The C
 * evaluation (resettle.evaluate) reads these columns by name, so they are
 * an interface: add, never rename.  An install creates it; the 1.1 -> 1.2
 * upgrade replaces 1.1's view in place (the same columns, so the functions
 * taking its row type stay; the Makefile makes this statement CREATE OR
 * REPLACE in the upgrade script only): a COM name or email is present when not NULL (blank ones
 * are stored NULL; docs/rules.md "A COM is recorded"), and the latest bank
 * application is the same whatever order the applications were recorded
 * in.
 */
CREATE VIEW resettle.case_facts AS
SELECT
	c.id AS custody_id,
	c.prison_number,
	c.prison_code,
	c.sentence_start, c.crd, c.ard, c.ped, c.hdced, c.ted, c.thd,
	p.date_of_birth,
	c.indeterminate, c.recall, c.immigration, c.early_allocation,
	c.open_conditions, c.open_since, c.mappa_level, c.additional_isp,
	c.parole_outcome_not_release, c.remand, c.civil,
	c.release_date, c.released_on, c.reception_date,
	c.handover_date, c.com_allocated_on,
	c.com_name IS NOT NULL AS com_name_present,
	c.com_email IS NOT NULL AS com_email_present,
	c.enhanced_handover,
	COALESCE(hc.reviewed_oasys, false) AS reviewed_oasys,
	COALESCE(hc.contacted_com, false) AS contacted_com,
	COALESCE(hc.attended_handover_meeting, false) AS attended_handover_meeting,
	COALESCE(hc.sent_handover_report, false) AS sent_handover_report,
	ps.pathways_not_started,
	ps.family_pathway_not_started,
	asm.immediate_needs_complete,
	asm.pre_release_complete,
	acc.custody_id IS NOT NULL AS has_accommodation_record,
	acc.release_plan,
	COALESCE(acc.address_confirmed, false) AS address_confirmed,
	COALESCE(acc.lived_before = 'no_permanent_or_fixed', false) AS no_fixed_abode_before,
	COALESCE(acc.at_risk_of_homelessness, false) AS at_risk_of_homelessness,
	acc.duty_to_refer_on IS NOT NULL AS has_duty_to_refer,
	idd.id_held, idd.id_application_open, idd.id_application_accepted,
	bank.bank_held_or_opened, bank.bank_pending,
	COALESCE(bank.latest_application IN ('declined', 'returned_incomplete',
		'returned_inaccurate', 'returned_ineligible'), false) AS bank_latest_failed,
	need.benefit_claim, need.gp_registration, need.release_prescription
FROM resettle.custody AS c
JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) c.prison_number
LEFT JOIN resettle.handover_checklist AS hc ON hc.custody_id = c.id
LEFT JOIN resettle.accommodation AS acc ON acc.custody_id = c.id
CROSS JOIN LATERAL (
	-- a missing pathway row counts as not started
	SELECT 7 - count(*) FILTER (WHERE s.status <> 'not_started') AS pathways_not_started,
	       NOT COALESCE(bool_or(s.pathway = 'children_families_community'
	                            AND s.status <> 'not_started'), false) AS family_pathway_not_started
	FROM resettle.pathway_status AS s WHERE s.custody_id = c.id
) AS ps
CROSS JOIN LATERAL (
	SELECT count(*) FILTER (WHERE a.assessment_type = 'immediate_needs'
	                          AND a.status IN ('complete', 'submitted')) AS immediate_needs_complete,
	       count(*) FILTER (WHERE a.assessment_type = 'pre_release'
	                          AND a.status IN ('complete', 'submitted')) AS pre_release_complete
	FROM resettle.assessment AS a WHERE a.custody_id = c.id
) AS asm
CROSS JOIN LATERAL (
	SELECT COALESCE(bool_or(d.status = 'held'), false) AS id_held,
	       COALESCE(bool_or(d.status IN ('application_pending', 'application_accepted')), false) AS id_application_open,
	       COALESCE(bool_or(d.status = 'application_accepted'), false) AS id_application_accepted
	FROM resettle.id_document AS d WHERE d.custody_id = c.id
) AS idd
CROSS JOIN LATERAL (
	-- the latest application (not a held account; every application has
	-- its applied_on): the one applied for last; of those applied the same
	-- day, one pending or opened before one that failed (a same-day
	-- application supersedes a failure); then the later status date
	-- (the bank's decision) and the id, which cannot change whether the
	-- latest failed: the result does not depend on the order the
	-- applications were recorded in (docs/rules.md "The latest bank
	-- application"); one scan per case
	SELECT COALESCE(bool_or(b.status IN ('held', 'opened')), false) AS bank_held_or_opened,
	       COALESCE(bool_or(b.status = 'pending'), false) AS bank_pending,
	       (array_agg(b.status ORDER BY b.applied_on DESC,
	                  b.status IN ('pending', 'opened') DESC, b.status_on DESC, b.id DESC)
	          FILTER (WHERE b.status <> 'held'))[1] AS latest_application
	FROM resettle.bank_account AS b WHERE b.custody_id = c.id
) AS bank
CROSS JOIN LATERAL (
	SELECT max(n.status) FILTER (WHERE n.need = 'benefit_claim') AS benefit_claim,
	       max(n.status) FILTER (WHERE n.need = 'gp_registration') AS gp_registration,
	       max(n.status) FILTER (WHERE n.need = 'release_prescription') AS release_prescription
	FROM resettle.support_need AS n WHERE n.custody_id = c.id
) AS need;
COMMENT ON VIEW resettle.case_facts IS
	'Per custody episode, the facts the readiness rules read (an interface of resettle.evaluate)';
