
/*
 * A person's date of birth decides whether their case is in scope (under
 * 18s are not): when it changes, every open episode of the person is
 * re-derived, whoever changed it and whichever prison holds the episode
 * (extension/custody_trigger.c).
 */
CREATE FUNCTION resettle.person_rederive() RETURNS trigger
	AS 'MODULE_PATHNAME', 'person_rederive' LANGUAGE C;
COMMENT ON FUNCTION resettle.person_rederive() IS
	'Trigger: re-derives every open episode of a person whose date of birth changed';
CREATE TRIGGER person_rederive AFTER UPDATE ON resettle.person
	REFERENCING OLD TABLE AS person_old NEW TABLE AS person_new FOR EACH STATEMENT
	EXECUTE FUNCTION resettle.person_rederive();
