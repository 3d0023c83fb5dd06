
/*
 * Enumerations of the case model (DESIGN.md "Case model").  The labels are
 * an interface: new values are only ever added, never renamed.
 */
CREATE TYPE resettle.pathway AS ENUM (
	'accommodation',
	'attitudes_thinking_behaviour',
	'children_families_community',
	'drugs_alcohol',
	'education_skills_work',
	'finance_id',
	'health'
);
COMMENT ON TYPE resettle.pathway IS
	'The seven resettlement pathways (Resettlement Passport Pathway enum)';

-- DESIGN.md calls this enum pathway_status, but that is also the name of
-- the table of pathway statuses, whose row type takes the name.
CREATE TYPE resettle.pathway_state AS ENUM (
	'not_started',
	'in_progress',
	'support_required',
	'support_not_required',
	'support_declined',
	'done'
);
COMMENT ON TYPE resettle.pathway_state IS
	'Status of one resettlement pathway (Resettlement Passport Status enum)';

CREATE TYPE resettle.responsibility AS ENUM (
	'custody_only',
	'custody_with_com',
	'community'
);
COMMENT ON TYPE resettle.responsibility IS
	'Who manages the case under OMiC: the POM alone, the POM with a supporting COM, or the COM';

CREATE TYPE resettle.readiness_level AS ENUM (
	'ready',
	'on_track',
	'at_risk',
	'not_ready',
	'released',
	'out_of_scope'
);
COMMENT ON TYPE resettle.readiness_level IS
	'Release readiness of a case, from the rule evaluation';
