
/*
 * Case-change audit: every insert, update and delete of a person, a custody
 * episode or one of its records, with the role that made it.  Readiness
 * changes are in resettle.readiness_history.  Append-only: rows are written
 * only by the audit trigger, as the extension's owner (or by a superuser
 * restoring a dump), and never updated, deleted or truncated.
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
 * Only the audit trigger writes (extension/case_audit.c): no role is
 * granted INSERT, and the guard refuses anyone but a superuser (the
 * extension's owner, as which the trigger inserts, naming the acting user
 * and taking now(); or a restore, which keeps the rows as dumped).
 */
CREATE FUNCTION resettle.case_audit_guard() RETURNS trigger
	AS 'MODULE_PATHNAME', 'case_audit_guard' LANGUAGE C;
COMMENT ON FUNCTION resettle.case_audit_guard() IS
	'Trigger: only the audit trigger writes case_audit, and it cannot choose who or when';

CREATE TRIGGER case_audit_guard BEFORE INSERT ON resettle.case_audit
	FOR EACH ROW EXECUTE FUNCTION resettle.case_audit_guard();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON resettle.case_audit
	FOR EACH ROW EXECUTE FUNCTION resettle.append_only();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON resettle.case_audit
	FOR EACH STATEMENT EXECUTE FUNCTION resettle.append_only();

/*
 * AFTER ... FOR EACH STATEMENT on person, custody and the record tables,
 * one trigger per event (transition tables allow only one): each statement
 * is recorded with one INSERT ... SELECT (extension/case_audit.c).  An
 * update of custody that changes only derived columns (the extension's own
 * readiness recompute) is not recorded here: readiness_history has it.  The
 * insert runs with the owner's rights and search_path pinned
 * (extension/owner_rights.c).
 */
CREATE FUNCTION resettle.case_audit_record() RETURNS trigger
	AS 'MODULE_PATHNAME', 'case_audit_record' LANGUAGE C;
COMMENT ON FUNCTION resettle.case_audit_record() IS
	'Trigger: records the changes a statement made to a case in resettle.case_audit';

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['person', 'custody', 'pathway_status', 'assessment',
		'id_document', 'bank_account', 'accommodation', 'support_need', 'handover_checklist']
	LOOP
		EXECUTE pg_catalog.format('CREATE TRIGGER case_audit_insert
			AFTER INSERT ON resettle.%I REFERENCING NEW TABLE AS audit_new
			FOR EACH STATEMENT EXECUTE FUNCTION resettle.case_audit_record()', t);
		EXECUTE pg_catalog.format('CREATE TRIGGER case_audit_update
			AFTER UPDATE ON resettle.%I REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new
			FOR EACH STATEMENT EXECUTE FUNCTION resettle.case_audit_record()', t);
		EXECUTE pg_catalog.format('CREATE TRIGGER case_audit_delete
			AFTER DELETE ON resettle.%I REFERENCING OLD TABLE AS audit_old
			FOR EACH STATEMENT EXECUTE FUNCTION resettle.case_audit_record()', t);
	END LOOP;
END $$;
