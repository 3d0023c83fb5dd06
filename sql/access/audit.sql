
/*
 * Case-change audit: every insert, update and delete of a person, a custody
 * episode or one of its records, with the role that made it.  Readiness
 * changes are in resettle.readiness_history.  Append-only: rows are written
 * only by the audit trigger (or a superuser restoring a dump) and never
 * updated, deleted or truncated.
 */
CREATE TABLE resettle.case_audit (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	changed_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	changed_by name NOT NULL DEFAULT CURRENT_USER,
	session_user_name name NOT NULL DEFAULT SESSION_USER,
	table_name name NOT NULL,
	operation text NOT NULL
		CONSTRAINT case_audit_operation_valid CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
	custody_id bigint,
	prison_number text,
	changed_columns text[],
	old_values jsonb,
	new_values jsonb
);
CREATE INDEX case_audit_custody_idx ON resettle.case_audit (custody_id, id);
CREATE INDEX case_audit_prison_number_idx ON resettle.case_audit (prison_number, id);
COMMENT ON TABLE resettle.case_audit IS
	'Every change to a case (person, custody, records): when, by which role, what changed; append-only';
COMMENT ON COLUMN resettle.case_audit.old_values IS
	'UPDATE: the changed columns before; DELETE: the whole row';
COMMENT ON COLUMN resettle.case_audit.new_values IS
	'UPDATE: the changed columns after; INSERT: the whole row';
SELECT pg_catalog.pg_extension_config_dump('resettle.case_audit', '');
SELECT pg_catalog.pg_extension_config_dump('resettle.case_audit_id_seq', '');

/*
 * Writers may not choose who or when: those are set here.  Only the audit
 * trigger writes rows (pg_trigger_depth() > 1: the insert comes from a
 * trigger); a superuser's insert (a restore) keeps the values given.
 */
CREATE FUNCTION resettle.case_audit_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF (SELECT r.rolsuper FROM pg_catalog.pg_roles AS r
	    WHERE r.rolname OPERATOR(pg_catalog.=) CURRENT_USER) THEN
		RETURN NEW;
	END IF;
	IF pg_catalog.pg_trigger_depth() OPERATOR(pg_catalog.<) 2 THEN
		RAISE EXCEPTION 'rows of "case_audit" are written only by the resettle extension'
			USING ERRCODE = 'insufficient_privilege',
			      HINT = 'Change the case; the change is recorded automatically.';
	END IF;
	NEW.changed_at := pg_catalog.now();
	NEW.changed_by := CURRENT_USER;
	NEW.session_user_name := SESSION_USER;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION resettle.case_audit_guard() IS
	'Trigger: only the audit trigger writes case_audit, and it cannot choose who or when';

CREATE TRIGGER case_audit_guard BEFORE INSERT ON resettle.case_audit
	FOR EACH ROW EXECUTE FUNCTION resettle.case_audit_guard();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON resettle.case_audit
	FOR EACH ROW EXECUTE FUNCTION resettle.append_only();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON resettle.case_audit
	FOR EACH STATEMENT EXECUTE FUNCTION resettle.append_only();

/*
 * AFTER ... FOR EACH ROW on person, custody and the record tables.  An
 * update of custody that changes only derived columns (the extension's own
 * readiness recompute) is not recorded here: readiness_history has it.
 */
CREATE FUNCTION resettle.case_audit_record() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	old_row jsonb;
	new_row jsonb;
	cols text[];
	row_custody bigint;
	row_person text;
	derived CONSTANT text[] := ARRAY['release_date', 'responsibility',
		'handover_start_date', 'handover_date', 'handover_reason',
		'readiness', 'readiness_gaps', 'readiness_as_of'];
BEGIN
	/*
	 * A restore (pg_dump output sets row_security = off, which only a role
	 * bypassing row security can use here) brings the audit rows with it:
	 * do not record the restored rows again.
	 */
	IF pg_catalog.current_setting('row_security') OPERATOR(pg_catalog.=) 'off'
	   AND (SELECT r.rolsuper OR r.rolbypassrls FROM pg_catalog.pg_roles AS r
	        WHERE r.rolname OPERATOR(pg_catalog.=) CURRENT_USER) THEN
		RETURN NULL;
	END IF;
	IF TG_OP OPERATOR(pg_catalog.<>) 'INSERT' THEN
		old_row := pg_catalog.to_jsonb(OLD);
	END IF;
	IF TG_OP OPERATOR(pg_catalog.<>) 'DELETE' THEN
		new_row := pg_catalog.to_jsonb(NEW);
	END IF;
	IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
		SELECT pg_catalog.array_agg(n.key ORDER BY n.key) INTO cols
		FROM pg_catalog.jsonb_each(new_row) AS n
		WHERE n.value IS DISTINCT FROM old_row OPERATOR(pg_catalog.->) n.key;
		IF cols IS NULL THEN
			RETURN NULL;
		END IF;
		IF TG_TABLE_NAME OPERATOR(pg_catalog.=) 'custody'
		   AND cols OPERATOR(pg_catalog.<@) derived THEN
			RETURN NULL;
		END IF;
		SELECT pg_catalog.jsonb_object_agg(o.key, o.value) INTO old_row
		FROM pg_catalog.jsonb_each(old_row) AS o WHERE o.key OPERATOR(pg_catalog.=) ANY (cols);
		SELECT pg_catalog.jsonb_object_agg(n.key, n.value) INTO new_row
		FROM pg_catalog.jsonb_each(new_row) AS n WHERE n.key OPERATOR(pg_catalog.=) ANY (cols);
	END IF;
	IF TG_TABLE_NAME OPERATOR(pg_catalog.=) 'person' THEN
		row_person := COALESCE(pg_catalog.to_jsonb(NEW), pg_catalog.to_jsonb(OLD))
			OPERATOR(pg_catalog.->>) 'prison_number';
	ELSIF TG_TABLE_NAME OPERATOR(pg_catalog.=) 'custody' THEN
		row_custody := (COALESCE(pg_catalog.to_jsonb(NEW), pg_catalog.to_jsonb(OLD))
			OPERATOR(pg_catalog.->>) 'id')::bigint;
		row_person := COALESCE(pg_catalog.to_jsonb(NEW), pg_catalog.to_jsonb(OLD))
			OPERATOR(pg_catalog.->>) 'prison_number';
	ELSE
		row_custody := (COALESCE(pg_catalog.to_jsonb(NEW), pg_catalog.to_jsonb(OLD))
			OPERATOR(pg_catalog.->>) 'custody_id')::bigint;
	END IF;
	INSERT INTO resettle.case_audit (table_name, operation, custody_id, prison_number,
		changed_columns, old_values, new_values)
	VALUES (TG_TABLE_NAME, TG_OP, row_custody, row_person, cols, old_row, new_row);
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION resettle.case_audit_record() IS
	'Trigger: records a change to a case in resettle.case_audit';

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['person', 'custody', 'pathway_status', 'assessment',
		'id_document', 'bank_account', 'accommodation', 'support_need', 'handover_checklist']
	LOOP
		EXECUTE pg_catalog.format('CREATE TRIGGER case_audit
			AFTER INSERT OR UPDATE OR DELETE ON resettle.%I
			FOR EACH ROW EXECUTE FUNCTION resettle.case_audit_record()', t);
	END LOOP;
END $$;
