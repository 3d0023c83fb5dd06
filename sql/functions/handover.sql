
/*
 * The OMiC handover calculation (reference/domain.md §2; docs/rules.md).
 * Every argument but sentence_start has a default, so callers name what
 * they know.  NULL booleans count as false and a NULL mappa_level as
 * unknown.  By default today's rules apply; rules_as_of selects the rules
 * in force on that date.  Out-of-scope cases return a NULL responsibility
 * and a reason beginning "out_of_scope_".  release_date (new in 1.2: the
 * first of the confirmed release date, APD, HDCAD, CRD and ARD, as
 * custody.release_date) counts towards "sentenced" in the in-scope gate,
 * as MPC's sentenced? counts prison-api's releaseDate; 1.2 replaces 1.1's
 * function of one argument fewer.
 */
CREATE FUNCTION resettle.handover(
	sentence_start date,
	crd date DEFAULT NULL,
	ard date DEFAULT NULL,
	ped date DEFAULT NULL,
	ted date DEFAULT NULL,
	thd date DEFAULT NULL,
	indeterminate boolean DEFAULT false,
	recall boolean DEFAULT false,
	immigration boolean DEFAULT false,
	early_allocation boolean DEFAULT false,
	open_conditions boolean DEFAULT false,
	open_since date DEFAULT NULL,
	mappa_level integer DEFAULT NULL,
	additional_isp boolean DEFAULT false,
	parole_outcome_not_release boolean DEFAULT false,
	as_of date DEFAULT CURRENT_DATE,
	hdced date DEFAULT NULL,
	date_of_birth date DEFAULT NULL,
	remand boolean DEFAULT false,
	civil boolean DEFAULT false,
	crc_case boolean DEFAULT false,
	rules_as_of date DEFAULT NULL,
	release_date date DEFAULT NULL,
	OUT responsibility resettle.responsibility,
	OUT start_date date,
	OUT handover_date date,
	OUT reason text)
RETURNS record
AS 'MODULE_PATHNAME', 'handover_calculate_sql'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION resettle.handover(date, date, date, date, date, date, boolean,
	boolean, boolean, boolean, boolean, date, integer, boolean, boolean, date,
	date, date, boolean, boolean, boolean, date, date) IS
	'OMiC handover: responsibility, COM start date, handover date and reason code';

CREATE FUNCTION resettle.handover_rules_versions(
	OUT version text, OUT in_force_from date)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'handover_rules_versions'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 7;
COMMENT ON FUNCTION resettle.handover_rules_versions() IS
	'The versions of the handover rules and the day each came into force';
