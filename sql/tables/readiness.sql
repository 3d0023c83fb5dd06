
/*
 * Release readiness: the rule catalogue as configuration, the history of
 * readiness changes, and what was in place when each person was released.
 */

-- The rules the C evaluation knows (resettle.rule_catalogue()), with the
-- settings DBAs tune.  Thresholds a rule does not use stay NULL.
CREATE TABLE resettle.rule (
	code text PRIMARY KEY,
	title text NOT NULL,
	severity text NOT NULL
		CONSTRAINT rule_severity_valid CHECK (severity IN ('warning', 'error')),
	warn_days integer
		CONSTRAINT rule_warn_days_range CHECK (warn_days BETWEEN 0 AND 3650),
	error_days integer
		CONSTRAINT rule_error_days_range CHECK (error_days BETWEEN 0 AND 3650),
	enabled boolean NOT NULL DEFAULT true,
	source text NOT NULL
);
COMMENT ON TABLE resettle.rule IS
	'Release-readiness rules: severity, thresholds in days before release, enabled; tune here';
COMMENT ON COLUMN resettle.rule.warn_days IS 'Days before release (or after reception) from which the warning applies';
COMMENT ON COLUMN resettle.rule.error_days IS 'Days before release (or after reception) from which the error applies';

-- history of every readiness level change; append-only (see append_only())
CREATE TABLE resettle.readiness_history (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	custody_id bigint NOT NULL,
	as_of date NOT NULL,
	from_level resettle.readiness_level,
	to_level resettle.readiness_level NOT NULL,
	gaps text[] NOT NULL,
	changed_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	changed_by name NOT NULL DEFAULT CURRENT_USER,
	session_user_name name NOT NULL DEFAULT SESSION_USER
);
CREATE INDEX readiness_history_custody_idx ON resettle.readiness_history (custody_id, id);
COMMENT ON TABLE resettle.readiness_history IS
	'Every change of a case''s readiness level: when, by which role, from, to, and the gaps; append-only';

-- what was in place on the day of release; written once, append-only
CREATE TABLE resettle.release_outcome (
	custody_id bigint PRIMARY KEY,
	released_on date NOT NULL,
	prison_code text NOT NULL,
	settled_accommodation boolean NOT NULL,
	id_document boolean NOT NULL,
	bank_account boolean NOT NULL,
	benefit_claim_needed boolean NOT NULL,
	benefit_claim_started boolean NOT NULL,
	gp_needed boolean NOT NULL,
	gp_arranged boolean NOT NULL,
	family_pathway_addressed boolean NOT NULL,
	com_allocated boolean NOT NULL,
	com_allocated_by_handover boolean,
	handover_date date,
	gaps text[] NOT NULL,
	recorded_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	recorded_by name NOT NULL DEFAULT CURRENT_USER
);
CREATE INDEX release_outcome_released_on_idx ON resettle.release_outcome (released_on);
COMMENT ON TABLE resettle.release_outcome IS
	'Snapshot on release: settled accommodation, ID, bank account, benefit claim, GP, family pathway, COM, and the gaps left';
COMMENT ON COLUMN resettle.release_outcome.com_allocated_by_handover IS
	'COM allocated by the handover date + 2 days (NULL when there was no handover date or no allocation date)';
