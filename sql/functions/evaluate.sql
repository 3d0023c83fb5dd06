
/*
 * The one routine behind every readiness level (extension/readiness.c):
 * a case's facts as of a date give its level, the codes of the rules it
 * fails and those rules in words, which the recompute stores beside the
 * codes (custody.readiness_details, new in 1.2).
 */
CREATE FUNCTION resettle.evaluate(
	f resettle.case_facts, as_of date, at_release boolean DEFAULT false,
	OUT level resettle.readiness_level, OUT gaps text[], OUT details jsonb)
RETURNS record
AS 'MODULE_PATHNAME', 'readiness_evaluate_sql'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION resettle.evaluate(resettle.case_facts, date, boolean) IS
	'Readiness level, failing rule codes and the failing rules in words (severity, message, due date) of a case''s facts as of a date';

