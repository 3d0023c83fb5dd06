-- bench/readiness_plpgsql.sql: the 19 release-readiness rules written the way
-- a user without the extension's C would write them: a PL/pgSQL function over
-- a resettle.case_facts row with the same result as resettle.evaluate(f,
-- as_of) (level, gaps in catalogue order), and a refresh built on it with the
-- same statement shape as resettle.refresh() (evaluate, update custody, append
-- history for level changes, notify).
--
-- docs/rules.md "Release readiness" is the specification; the handover part
-- uses bench.handover_plpgsql (bench/handover_plpgsql.sql).  The thresholds
-- are the shipped defaults written into the code, so this peer does not pay
-- for reading resettle.rule (the C reads it once per statement): a choice in
-- the peer's favour.  scripts/bench counts the cases where this function and
-- resettle.evaluate disagree on the national caseload; the count must be 0.
CREATE SCHEMA IF NOT EXISTS bench;

CREATE OR REPLACE FUNCTION bench.readiness_plpgsql(
	f resettle.case_facts, as_of date,
	OUT level resettle.readiness_level, OUT gaps text[])
RETURNS record
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	h record;
	t integer;
	has_t boolean := f.release_date IS NOT NULL;
	secured boolean;
	enhanced boolean;
	any_error boolean := false;
	any_warning boolean := false;
BEGIN
	gaps := '{}';
	SELECT * INTO h FROM bench.handover_plpgsql(
		f.sentence_start, crd => f.crd, ard => f.ard, ped => f.ped, ted => f.ted,
		thd => f.thd, indeterminate => f.indeterminate, recall => f.recall,
		immigration => f.immigration, early_allocation => f.early_allocation,
		open_conditions => f.open_conditions, open_since => f.open_since,
		mappa_level => f.mappa_level::integer, additional_isp => f.additional_isp,
		parole_outcome_not_release => f.parole_outcome_not_release, as_of => as_of,
		hdced => f.hdced, date_of_birth => f.date_of_birth, remand => f.remand,
		civil => f.civil, release_date => f.release_date);

	IF f.released_on IS NOT NULL AND f.released_on <= as_of THEN
		level := 'released';
		RETURN;
	END IF;
	IF h.responsibility IS NULL THEN
		level := 'out_of_scope';
		RETURN;
	END IF;

	IF has_t THEN
		t := f.release_date - as_of;
	END IF;
	secured := f.has_accommodation_record AND f.address_confirmed
		AND f.release_plan IN ('return_to_previous_address', 'move_to_new_address',
		                       'approved_premises', 'cas2', 'cas3');

	-- dates.release_unknown (W, not for indeterminate or DET), dates.release_passed (E)
	IF NOT has_t THEN
		IF NOT f.indeterminate AND NOT f.immigration THEN
			gaps := gaps || 'dates.release_unknown'::text;
			any_warning := true;
		END IF;
	ELSIF f.release_date < as_of THEN
		gaps := gaps || 'dates.release_passed'::text;
		any_error := true;
	END IF;

	-- handover.com_unallocated (W), unless handover.com_overdue (E)
	IF NOT f.com_name_present AND NOT f.com_email_present
	   AND h.responsibility IN ('custody_with_com', 'community') THEN
		IF h.responsibility = 'community' AND h.handover_date IS NOT NULL
		   AND as_of >= h.handover_date + 2 THEN
			gaps := gaps || 'handover.com_overdue'::text;
			any_error := true;
		ELSE
			gaps := gaps || 'handover.com_unallocated'::text;
			any_warning := true;
		END IF;
	END IF;
	-- handover.checklist_incomplete (W)
	IF h.handover_date IS NOT NULL AND as_of >= h.handover_date
	   AND h.reason IS NOT NULL AND h.reason <> 'determinate_short' THEN
		enhanced := f.enhanced_handover IS NULL OR f.enhanced_handover;
		IF (enhanced AND NOT (f.reviewed_oasys AND f.contacted_com AND f.attended_handover_meeting))
		   OR (NOT enhanced AND NOT (f.contacted_com AND f.sent_handover_report)) THEN
			gaps := gaps || 'handover.checklist_incomplete'::text;
			any_warning := true;
		END IF;
	END IF;

	-- assessment.immediate_needs_overdue (E, reception + 5)
	IF f.reception_date IS NOT NULL AND f.immediate_needs_complete < 7
	   AND as_of >= f.reception_date + 5 THEN
		gaps := gaps || 'assessment.immediate_needs_overdue'::text;
		any_error := true;
	END IF;
	-- assessment.pre_release_overdue (E, 84)
	IF f.pre_release_complete < 7 AND t <= 84 THEN
		gaps := gaps || 'assessment.pre_release_overdue'::text;
		any_error := true;
	END IF;
	-- pathway.not_started (W, 84)
	IF f.pathways_not_started > 0 AND t <= 84 THEN
		gaps := gaps || 'pathway.not_started'::text;
		any_warning := true;
	END IF;

	-- accommodation.none (E at 56, W at 84)
	IF NOT secured THEN
		IF t <= 56 THEN
			gaps := gaps || 'accommodation.none'::text;
			any_error := true;
		ELSIF t <= 84 THEN
			gaps := gaps || 'accommodation.none'::text;
			any_warning := true;
		END IF;
	END IF;
	-- accommodation.duty_to_refer (W, 56), not once accommodation is secured
	IF (f.no_fixed_abode_before OR f.at_risk_of_homelessness
	    OR f.release_plan = 'does_not_have_anywhere')
	   AND NOT f.has_duty_to_refer AND NOT secured AND t <= 56 THEN
		gaps := gaps || 'accommodation.duty_to_refer'::text;
		any_warning := true;
	END IF;

	-- id.none (E, 84)
	IF NOT f.id_held AND NOT f.id_application_open AND t <= 84 THEN
		gaps := gaps || 'id.none'::text;
		any_error := true;
	END IF;
	-- id.application_late (W, 14)
	IF f.id_application_open AND NOT f.id_application_accepted AND NOT f.id_held
	   AND t <= 14 THEN
		gaps := gaps || 'id.application_late'::text;
		any_warning := true;
	END IF;
	-- bank.none (E, 84)
	IF NOT f.bank_held_or_opened AND NOT f.bank_pending AND t <= 84 THEN
		gaps := gaps || 'bank.none'::text;
		any_error := true;
	END IF;
	-- bank.application_failed (E)
	IF f.bank_latest_failed AND NOT f.bank_held_or_opened THEN
		gaps := gaps || 'bank.application_failed'::text;
		any_error := true;
	END IF;
	-- bank.application_late (W, 14)
	IF f.bank_pending AND NOT f.bank_held_or_opened AND t <= 14 THEN
		gaps := gaps || 'bank.application_late'::text;
		any_warning := true;
	END IF;

	-- benefits.claim_not_started (W, 14)
	IF f.benefit_claim IN ('not_started', 'declined') AND t <= 14 THEN
		gaps := gaps || 'benefits.claim_not_started'::text;
		any_warning := true;
	END IF;
	-- health.gp_not_arranged (W, 7)
	IF f.gp_registration IN ('not_started', 'in_progress', 'declined') AND t <= 7 THEN
		gaps := gaps || 'health.gp_not_arranged'::text;
		any_warning := true;
	END IF;
	-- health.release_prescription (W, 7)
	IF f.release_prescription IN ('not_started', 'in_progress', 'declined') AND t <= 7 THEN
		gaps := gaps || 'health.release_prescription'::text;
		any_warning := true;
	END IF;
	-- family.not_assessed (W, 84)
	IF f.family_pathway_not_started AND t <= 84 THEN
		gaps := gaps || 'family.not_assessed'::text;
		any_warning := true;
	END IF;

	IF any_error THEN
		level := 'not_ready';
	ELSIF any_warning THEN
		level := 'at_risk';
	ELSIF t <= 14 AND secured AND (f.id_held OR f.id_application_accepted)
	      AND f.bank_held_or_opened THEN
		level := 'ready';
	ELSE
		level := 'on_track';
	END IF;
END
$$;

-- The refresh a user would build on it: the statement of resettle.refresh()
-- (extension/readiness.c, RECOMPUTE_SQL) with the PL/pgSQL rules.  The
-- extension refuses writes to derived columns from anyone but itself, so the
-- peer writes with triggers off (session_replication_role = replica): it does
-- not pay for the custody triggers that ours pays for, again in its favour.
CREATE OR REPLACE FUNCTION bench.refresh_plpgsql(as_of date) RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
	changed bigint;
BEGIN
	SET LOCAL session_replication_role = replica;
	PERFORM 1 FROM resettle.custody
	WHERE readiness IS DISTINCT FROM 'released' ORDER BY id FOR NO KEY UPDATE;
	WITH evaluated AS (
		SELECT c.id, c.prison_code, c.readiness AS old_level, e.level, e.gaps
		FROM resettle.case_facts AS f
		JOIN resettle.custody AS c ON c.id = f.custody_id
		CROSS JOIN LATERAL bench.readiness_plpgsql(f, as_of) AS e
		WHERE c.readiness IS DISTINCT FROM 'released'
	), updated AS (
		UPDATE resettle.custody AS c
		SET readiness = e.level, readiness_gaps = e.gaps, readiness_as_of = as_of
		FROM evaluated AS e WHERE c.id = e.id
		RETURNING c.id, e.prison_code, e.old_level, e.level, e.gaps
	), history AS (
		INSERT INTO resettle.readiness_history (custody_id, as_of, from_level, to_level, gaps)
		SELECT u.id, as_of, u.old_level, u.level, u.gaps FROM updated AS u
		WHERE u.old_level IS DISTINCT FROM u.level
	)
	SELECT count(*) INTO changed FROM (
		SELECT pg_catalog.pg_notify('resettle_readiness', pg_catalog.json_build_object(
			'custody_id', u.id, 'prison_code', u.prison_code,
			'from', u.old_level, 'to', u.level)::text)
		FROM updated AS u WHERE u.old_level IS DISTINCT FROM u.level OFFSET 0) AS n;
	SET LOCAL session_replication_role = origin;
	RETURN changed;
END
$$;
