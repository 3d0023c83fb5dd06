
/*
 * Release readiness (docs/rules.md "Release readiness").  One C routine
 * evaluates a resettle.case_facts row; everything else is built on it.
 */
CREATE FUNCTION resettle.rule_catalogue(
	OUT code text, OUT title text, OUT severity text, OUT warn_days integer,
	OUT error_days integer, OUT enabled boolean, OUT source text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'readiness_rule_catalogue'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 19;
COMMENT ON FUNCTION resettle.rule_catalogue() IS
	'The readiness rules this version implements, with their default settings';

INSERT INTO resettle.rule (code, title, severity, warn_days, error_days, enabled, source)
SELECT code, title, severity, warn_days, error_days, enabled, source
FROM resettle.rule_catalogue();

/*
 * pg_dump keeps every rule row, tuned or not; on restore CREATE EXTENSION
 * has already inserted the defaults, so an INSERT of an existing code
 * updates it instead.
 */
CREATE FUNCTION resettle.rule_upsert() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	UPDATE resettle.rule AS r
	SET title = NEW.title, severity = NEW.severity, warn_days = NEW.warn_days,
	    error_days = NEW.error_days, enabled = NEW.enabled, source = NEW.source
	WHERE r.code = NEW.code;
	IF FOUND THEN
		RETURN NULL;
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER rule_upsert BEFORE INSERT ON resettle.rule
	FOR EACH ROW EXECUTE FUNCTION resettle.rule_upsert();
SELECT pg_catalog.pg_extension_config_dump('resettle.rule', '');

CREATE FUNCTION resettle.evaluate_gaps(f resettle.case_facts, as_of date)
RETURNS TABLE (rule text, severity text, message text, due_on date)
AS 'MODULE_PATHNAME', 'readiness_evaluate_gaps'
LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION resettle.evaluate_gaps(resettle.case_facts, date) IS
	'The failing rules of a case''s facts as of a date, with messages and due dates';

CREATE FUNCTION resettle.today() RETURNS date
	AS 'MODULE_PATHNAME', 'readiness_today' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION resettle.today() IS
	'The date the extension treats as today: the setting resettle.today, or the current date';

CREATE FUNCTION resettle.refresh(as_of date DEFAULT resettle.today(), all_cases boolean DEFAULT false)
RETURNS bigint
AS 'MODULE_PATHNAME', 'readiness_refresh'
LANGUAGE C VOLATILE;
COMMENT ON FUNCTION resettle.refresh(date, boolean) IS
	'Re-evaluate every case in custody whose readiness is older than as_of (all of them with all_cases); returns how many changed level';

/*
 * Keep stored readiness current: after any statement that changes custody
 * or a child table, recompute each affected case once.  Transition tables
 * need one trigger per event.  A statement that writes several of these
 * tables (a data-modifying CTE, a cascade) recomputes when the last of
 * them ends (readiness_statement_start counts them; readiness_batch.c).
 */
CREATE FUNCTION resettle.readiness_statement_start() RETURNS trigger
	AS 'MODULE_PATHNAME', 'readiness_statement_start' LANGUAGE C;
COMMENT ON FUNCTION resettle.readiness_statement_start() IS
	'Trigger: counts a statement that will recompute readiness when it ends';

CREATE FUNCTION resettle.readiness_after_change() RETURNS trigger
	AS 'MODULE_PATHNAME', 'readiness_after_change' LANGUAGE C;
COMMENT ON FUNCTION resettle.readiness_after_change() IS
	'Trigger: recomputes the readiness of the cases a statement changed';

CREATE TRIGGER readiness_statement_start BEFORE INSERT OR UPDATE ON resettle.custody
	FOR EACH STATEMENT EXECUTE FUNCTION resettle.readiness_statement_start();
CREATE TRIGGER readiness_insert AFTER INSERT ON resettle.custody
	REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
	EXECUTE FUNCTION resettle.readiness_after_change('id');
CREATE TRIGGER readiness_update AFTER UPDATE ON resettle.custody
	REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
	EXECUTE FUNCTION resettle.readiness_after_change('id');
DO $$
DECLARE
	child text;
BEGIN
	FOREACH child IN ARRAY ARRAY['pathway_status', 'assessment', 'id_document',
		'bank_account', 'accommodation', 'support_need', 'handover_checklist']
	LOOP
		EXECUTE pg_catalog.format('CREATE TRIGGER readiness_statement_start
			BEFORE INSERT OR UPDATE OR DELETE ON resettle.%I
			FOR EACH STATEMENT EXECUTE FUNCTION resettle.readiness_statement_start()', child);
		EXECUTE pg_catalog.format('CREATE TRIGGER readiness_insert AFTER INSERT ON resettle.%I
			REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
			EXECUTE FUNCTION resettle.readiness_after_change(''custody_id'')', child);
		EXECUTE pg_catalog.format('CREATE TRIGGER readiness_update AFTER UPDATE ON resettle.%I
			REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT
			EXECUTE FUNCTION resettle.readiness_after_change(''custody_id'')', child);
		EXECUTE pg_catalog.format('CREATE TRIGGER readiness_delete AFTER DELETE ON resettle.%I
			REFERENCING OLD TABLE AS before FOR EACH STATEMENT
			EXECUTE FUNCTION resettle.readiness_after_change(''custody_id'')', child);
	END LOOP;
END $$;

/*
 * Tuned rules apply to stored readiness at once: every case in custody is
 * re-evaluated after a statement that changes resettle.rule.
 */
CREATE FUNCTION resettle.rule_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM resettle.refresh(resettle.today(), all_cases => true);
	RETURN NULL;
END $$;
CREATE TRIGGER rule_changed AFTER INSERT OR UPDATE OR DELETE ON resettle.rule
	FOR EACH STATEMENT EXECUTE FUNCTION resettle.rule_changed();

/*
 * readiness_history and release_outcome are written only by the extension,
 * as its owner (extension/owner_rights.c): UPDATE, DELETE and TRUNCATE are
 * refused for everyone, INSERT for everyone but a superuser (the owner, and
 * a restore of a dump).
 */
CREATE FUNCTION resettle.append_only() RETURNS trigger
	AS 'MODULE_PATHNAME', 'append_only' LANGUAGE C;
COMMENT ON FUNCTION resettle.append_only() IS
	'Trigger: keeps readiness_history and release_outcome append-only';
CREATE TRIGGER append_only BEFORE INSERT OR UPDATE OR DELETE ON resettle.readiness_history
	FOR EACH ROW EXECUTE FUNCTION resettle.append_only();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON resettle.readiness_history
	FOR EACH STATEMENT EXECUTE FUNCTION resettle.append_only();
CREATE TRIGGER append_only BEFORE INSERT OR UPDATE OR DELETE ON resettle.release_outcome
	FOR EACH ROW EXECUTE FUNCTION resettle.append_only();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON resettle.release_outcome
	FOR EACH STATEMENT EXECUTE FUNCTION resettle.append_only();

SELECT pg_catalog.pg_extension_config_dump('resettle.readiness_history', '');
SELECT pg_catalog.pg_extension_config_dump('resettle.readiness_history_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('resettle.release_outcome', '');
