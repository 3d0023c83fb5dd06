
/*
 * New in 1.2: resettle.rule means exactly what it says (docs/rules.md
 * "Tuning").  A rule's row holds the thresholds its definition uses and
 * no other: warn_days and error_days are set (not NULL) where the rule has
 * them in resettle.rule_catalogue() and NULL where it has not.  1.1 read a
 * NULL threshold as the default and ignored a threshold the rule does not
 * use; to stop a rule firing, set enabled = false.  The code must be one
 * of the catalogue's.  severity applies to every rule (for
 * accommodation.none, from its error_days; its warn_days stage is always a
 * warning).  The trigger says what is wrong and what is valid; the
 * constraint holds whatever writes the table.
 */
CREATE FUNCTION resettle.rule_settings_valid(code text, warn_days integer, error_days integer)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN EXISTS (SELECT 1 FROM resettle.rule_catalogue() AS c
               WHERE c.code = rule_settings_valid.code
                 AND (c.warn_days IS NULL) = (rule_settings_valid.warn_days IS NULL)
                 AND (c.error_days IS NULL) = (rule_settings_valid.error_days IS NULL));
COMMENT ON FUNCTION resettle.rule_settings_valid(text, integer, integer) IS
	'A rule code this version knows, with a value for exactly the thresholds the rule uses';

CREATE FUNCTION resettle.rule_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	c record;
	uses text;
	setting text;
	given integer;
	default_days integer;
BEGIN
	SELECT d.code, d.warn_days, d.error_days INTO c
	FROM resettle.rule_catalogue() AS d WHERE d.code OPERATOR(pg_catalog.=) NEW.code;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown readiness rule "%"', NEW.code
			USING ERRCODE = 'check_violation',
			      DETAIL = 'Valid rules: ' OPERATOR(pg_catalog.||) (
			          SELECT pg_catalog.string_agg(d.code, ', ' ORDER BY d.code)
			          FROM resettle.rule_catalogue() AS d) OPERATOR(pg_catalog.||) '.',
			      HINT = 'resettle.rule holds the rules of resettle.rule_catalogue().';
	END IF;
	uses := CASE
		WHEN c.warn_days IS NOT NULL AND c.error_days IS NOT NULL THEN 'warn_days and error_days'
		WHEN c.warn_days IS NOT NULL THEN 'warn_days only'
		WHEN c.error_days IS NOT NULL THEN 'error_days only'
		ELSE 'no threshold' END;
	FOREACH setting IN ARRAY ARRAY['warn_days', 'error_days'] LOOP
		IF setting OPERATOR(pg_catalog.=) 'warn_days' THEN
			given := NEW.warn_days;
			default_days := c.warn_days;
		ELSE
			given := NEW.error_days;
			default_days := c.error_days;
		END IF;
		IF given IS NOT NULL AND default_days IS NULL THEN
			RAISE EXCEPTION 'readiness rule "%" has no %', NEW.code, setting
				USING ERRCODE = 'check_violation',
				      DETAIL = pg_catalog.format('%s uses %s; %s must be NULL.', NEW.code, uses, setting),
				      HINT = 'A threshold the rule does not use would be stored and never read.';
		ELSIF given IS NULL AND default_days IS NOT NULL THEN
			RAISE EXCEPTION 'readiness rule "%" needs its %', NEW.code, setting
				USING ERRCODE = 'check_violation',
				      DETAIL = pg_catalog.format('%s must be a number of days from 0 to 3650 (the default is %s).',
				                                 setting, default_days),
				      HINT = 'To stop the rule firing, set enabled = false.';
		END IF;
	END LOOP;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION resettle.rule_check() IS
	'Trigger: a rule row names a known rule and holds exactly the thresholds it uses, or an error says what is valid';

CREATE TRIGGER rule_check BEFORE INSERT OR UPDATE ON resettle.rule
	FOR EACH ROW EXECUTE FUNCTION resettle.rule_check();
ALTER TABLE resettle.rule
	ADD CONSTRAINT rule_settings_used
		CHECK (resettle.rule_settings_valid(code, warn_days, error_days));
COMMENT ON COLUMN resettle.rule.severity IS
	'Severity of the rule''s gaps (accommodation.none: from error_days; its warn_days stage is a warning)';
COMMENT ON COLUMN resettle.rule.warn_days IS
	'Days before release (or after reception) from which the warning applies; set exactly for the rules that use it, NULL for the others';
COMMENT ON COLUMN resettle.rule.error_days IS
	'Days before release (or after reception) from which the error applies; set exactly for the rules that use it, NULL for the others';
