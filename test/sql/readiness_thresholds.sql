--
-- Every readiness rule at its threshold: the day before it applies, the
-- day it applies, and the day after.  Facts rows are built directly (no
-- tables), starting from a case where everything is done, with one fact
-- changed per rule.  Release is on 2027-06-01; T is days to release.
--
SET datestyle = 'ISO, YMD';

CREATE TEMP TABLE base AS
SELECT jsonb_build_object(
	'custody_id', 1, 'sentence_start', '2025-01-01', 'crd', '2027-06-01',
	'release_date', '2027-06-01', 'reception_date', '2025-01-01',
	'indeterminate', false, 'recall', false, 'immigration', false,
	'early_allocation', false, 'open_conditions', false, 'additional_isp', false,
	'parole_outcome_not_release', false, 'remand', false, 'civil', false,
	'date_of_birth', '1990-01-01',
	'com_name_present', true, 'com_email_present', true, 'enhanced_handover', false,
	'reviewed_oasys', true, 'contacted_com', true, 'attended_handover_meeting', true,
	'sent_handover_report', true, 'pathways_not_started', 0,
	'family_pathway_not_started', false, 'immediate_needs_complete', 7,
	'pre_release_complete', 7, 'has_accommodation_record', true,
	'release_plan', 'return_to_previous_address', 'address_confirmed', true,
	'no_fixed_abode_before', false, 'at_risk_of_homelessness', false,
	'has_duty_to_refer', false, 'id_held', true, 'id_application_open', false,
	'id_application_accepted', false, 'bank_held_or_opened', true,
	'bank_pending', false, 'bank_latest_failed', false) AS facts;

-- the base case is ready within 14 days and on track before
SELECT t, (resettle.evaluate(jsonb_populate_record(NULL::resettle.case_facts, facts),
                             DATE '2027-06-01' - t)).*
FROM base, unnest(ARRAY[15, 14, 0]) AS t;

CREATE TEMP TABLE probes (rule text, threshold int, change jsonb);
INSERT INTO probes VALUES
	('assessment.pre_release_overdue', 84, '{"pre_release_complete": 6}'),
	('pathway.not_started', 84, '{"pathways_not_started": 1}'),
	('accommodation.none', 84, '{"address_confirmed": false}'),
	('accommodation.none', 56, '{"address_confirmed": false}'),
	-- the duty to refer applies only while no address is confirmed
	('accommodation.duty_to_refer', 56, '{"at_risk_of_homelessness": true, "address_confirmed": false}'),
	('accommodation.duty_to_refer', 56, '{"no_fixed_abode_before": true, "address_confirmed": false}'),
	('id.none', 84, '{"id_held": false}'),
	('id.application_late', 14, '{"id_held": false, "id_application_open": true}'),
	('bank.none', 84, '{"bank_held_or_opened": false}'),
	('bank.application_late', 14, '{"bank_held_or_opened": false, "bank_pending": true}'),
	('benefits.claim_not_started', 14, '{"benefit_claim": "not_started"}'),
	('health.gp_not_arranged', 7, '{"gp_registration": "in_progress"}'),
	('health.release_prescription', 7, '{"release_prescription": "declined"}'),
	('family.not_assessed', 84, '{"family_pathway_not_started": true}');

-- fires at T = threshold and T = threshold - 1, not at threshold + 1
SELECT p.rule, p.threshold, d.t - p.threshold AS t_minus_threshold,
       (SELECT g.severity FROM resettle.evaluate_gaps(
            jsonb_populate_record(NULL::resettle.case_facts, b.facts || p.change),
            DATE '2027-06-01' - d.t) AS g
        WHERE g.rule = p.rule) AS fires_as,
       (resettle.evaluate(jsonb_populate_record(NULL::resettle.case_facts, b.facts || p.change),
                          DATE '2027-06-01' - d.t)).level
FROM probes AS p, base AS b,
     LATERAL (SELECT p.threshold + k AS t FROM unnest(ARRAY[1, 0, -1]) AS k) AS d
ORDER BY p.rule, p.threshold, d.t DESC;

-- rules without a T threshold, each with its own boundary
SELECT label, as_of, array_to_string((resettle.evaluate(
           jsonb_populate_record(NULL::resettle.case_facts, b.facts || change), as_of)).gaps, ' ') AS gaps
FROM base AS b, (VALUES
	('no release date', '{"release_date": null, "crd": null, "ped": "2027-06-01"}'::jsonb, DATE '2026-01-01'),
	('release date passed', '{}', DATE '2027-06-01'),
	('release date passed', '{}', DATE '2027-06-02'),
	('released the day before', '{"released_on": "2027-06-01"}', DATE '2027-06-02'),
	-- the handover date is 2026-09-17 (2027-06-01 - 8 months 14 days)
	('COM missing, day before handover', '{"com_name_present": false, "com_email_present": false}', DATE '2026-09-16'),
	('COM missing, handover day', '{"com_name_present": false, "com_email_present": false}', DATE '2026-09-17'),
	('COM missing, handover + 1', '{"com_name_present": false, "com_email_present": false}', DATE '2026-09-18'),
	('COM missing, handover + 2', '{"com_name_present": false, "com_email_present": false}', DATE '2026-09-19'),
	('standard checklist, no report, day before', '{"sent_handover_report": false}', DATE '2026-09-16'),
	('standard checklist, no report, handover day', '{"sent_handover_report": false}', DATE '2026-09-17'),
	('enhanced checklist, no meeting', '{"enhanced_handover": null, "attended_handover_meeting": false}', DATE '2026-09-17'),
	('standard checklist ignores the meeting', '{"attended_handover_meeting": false}', DATE '2026-09-17'),
	('immediate needs, reception + 4', '{"immediate_needs_complete": 6}', DATE '2025-01-05'),
	('immediate needs, reception + 5', '{"immediate_needs_complete": 6}', DATE '2025-01-06'),
	('bank application declined', '{"bank_held_or_opened": false, "bank_latest_failed": true}', DATE '2026-01-01'),
	('out of scope (remand)', '{"remand": true, "sentence_start": null, "crd": null, "release_date": null}', DATE '2026-01-01')
) AS v(label, change, as_of);
