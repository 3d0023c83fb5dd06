
/*
 * Privileges (docs/security.md).  Functions are executable by PUBLIC unless
 * revoked: revoke everything that reads cases, changes them or administers
 * access, and grant it to the roles that need it in grant_roles().  Pure
 * functions (identifier types, handover arithmetic, HMAC, age bands) stay
 * public: they read no data.
 */
REVOKE EXECUTE ON FUNCTION
	resettle.check(bigint, date),
	resettle.readiness(bigint, date),
	resettle.evaluate_case(bigint, date),
	resettle.open_case_id(resettle.prison_number),
	resettle.open_custody_id(text),
	resettle.readiness_change(bigint),
	resettle.case_card(text, date),
	resettle.case_episode(resettle.prison_number),
	resettle.case_data(resettle.prison_number),
	resettle.prison_number_by_crn(resettle.crn),
	resettle.releases_due(integer, text, resettle.readiness_level, date),
	resettle.handovers(text, text, date, text, boolean),
	resettle.require_pom(text, text),
	resettle.gaps(text, resettle.pathway, text, date, integer, text, resettle.readiness_level, boolean),
	resettle.gap_cases(text, date, date, date),
	resettle.login_pom_name(),
	resettle.my_pom_name(),
	resettle.stats(text, date, text),
	resettle.pathway_stats(text),
	resettle.report_scope(text, date),
	resettle.report_headline(text, date),
	resettle.report_prisons(text),
	resettle.report_months(text, date),
	resettle.report_gaps(text),
	resettle.report_weeks(text, date),
	resettle.report_releases(text, date, bigint),
	resettle.listed_prisons(text),
	resettle.record_pathway_status(text, text, text, text),
	resettle.set_pathway_status(text, text, text, text),
	resettle.record_support_need(text, text, text, text),
	resettle.set_support_need(text, text, text, text),
	resettle.record_id_document(text, text, text, date, date),
	resettle.set_id_document(text, text, text, date, date),
	resettle.record_bank_account(text, text, date, date, text),
	resettle.set_bank_account(text, text, date, date, text),
	resettle.record_accommodation(text, text, boolean, boolean, text, date),
	resettle.set_accommodation(text, text, boolean, boolean, text, date),
	resettle.record_handover_checklist(text, text, text),
	resettle.set_handover_checklist(text, text, text),
	resettle.record_assessment(text, text, text, text, date),
	resettle.set_assessment(text, text, text, text, date),
	resettle.record_com(text, text, text, date),
	resettle.set_com(text, text, text, date),
	resettle.refresh(date, boolean),
	resettle.defer_recompute(),
	resettle.recompute_deferred(),
	resettle.evaluate(resettle.case_facts, date, boolean),
	resettle.evaluate_gaps(resettle.case_facts, date),
	resettle.outcome_at_release(resettle.case_facts),
	resettle.handover(resettle.custody, date),
	resettle.map_staff(name, text),
	resettle.unmap_staff(name, text),
	resettle.map_pom(name, text),
	resettle.unmap_pom(name),
	resettle.forget_dropped_roles(),
	resettle.transfer(bigint, text),
	resettle.rotate_pseudonym_key(),
	resettle.pseudonym(resettle.prison_number),
	resettle.custody_derive(),
	resettle.person_rederive(),
	resettle.readiness_after_change(),
	resettle.readiness_statement_start(),
	resettle.append_only(),
	resettle.rule_upsert(),
	resettle.rule_changed(),
	resettle.rule_check(),
	resettle.case_audit_guard(),
	resettle.case_audit_record(),
	resettle.pseudonym_key_set()
FROM PUBLIC;

-- Nobody but admin reads who holds which part (resettle.has_access_role()
-- reads it with the owner's rights); 1.1 granted it to PUBLIC.
REVOKE SELECT ON resettle.access_role FROM PUBLIC;

/*
 * The documented admin step: give existing roles their parts.  Run it as a
 * superuser (or the extension's owner) after creating the roles, and again
 * after an extension upgrade adds objects.  Returns the statements run.
 */
CREATE FUNCTION resettle.grant_roles(admin_role name, staff_role name, analyst_role name)
RETURNS SETOF text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	r name;
	t text;
	stmt text;
	stmts text[] := ARRAY[]::text[];
	case_tables CONSTANT text[] := ARRAY['pathway_status', 'assessment', 'id_document',
		'bank_account', 'accommodation', 'support_need', 'handover_checklist'];
BEGIN
	FOREACH r IN ARRAY ARRAY[admin_role, staff_role, analyst_role] LOOP
		IF r IS NULL THEN
			RAISE EXCEPTION 'role names must not be null'
				USING ERRCODE = 'null_value_not_allowed';
		END IF;
		IF NOT resettle.role_exists(r) THEN
			RAISE EXCEPTION 'role "%" does not exist', r
				USING ERRCODE = 'undefined_object',
				      HINT = 'Create it first, or use resettle.create_roles().';
		END IF;
	END LOOP;

	-- start from nothing, so that a re-run after an upgrade also takes away
	-- what an earlier version granted
	stmts := stmts || pg_catalog.format(
		'REVOKE ALL ON ALL TABLES IN SCHEMA resettle, resettle_internal FROM %1$I, %2$I, %3$I',
		admin_role, staff_role, analyst_role);
	stmts := stmts || pg_catalog.format(
		'REVOKE ALL ON ALL SEQUENCES IN SCHEMA resettle FROM %1$I, %2$I, %3$I',
		admin_role, staff_role, analyst_role);
	stmts := stmts || pg_catalog.format(
		'REVOKE ALL ON ALL FUNCTIONS IN SCHEMA resettle FROM %1$I, %2$I, %3$I',
		admin_role, staff_role, analyst_role);
	stmts := stmts || pg_catalog.format(
		'REVOKE ALL ON SCHEMA resettle, resettle_internal FROM %1$I, %2$I, %3$I',
		admin_role, staff_role, analyst_role);
	stmts := stmts || pg_catalog.format('GRANT USAGE ON SCHEMA resettle TO %I, %I, %I',
		admin_role, staff_role, analyst_role);

	-- admin: every table, view, sequence and function of the schema
	stmts := stmts || pg_catalog.format(
		'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA resettle TO %I', admin_role);
	stmts := stmts || pg_catalog.format(
		'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA resettle TO %I', admin_role);
	stmts := stmts || pg_catalog.format(
		'GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA resettle TO %I', admin_role);
	-- the audit tables are written by the extension alone and append-only:
	-- say so with a privilege error
	stmts := stmts || pg_catalog.format(
		'REVOKE INSERT, UPDATE, DELETE ON resettle.readiness_history, resettle.release_outcome,
		 resettle.case_audit FROM %I', admin_role);

	-- staff and admin: the functions that read and change the cases the
	-- caller may see read these views (sql/access/scoped_views.sql); no
	-- USAGE on their schema, so nobody can query them directly
	stmts := stmts || pg_catalog.format(
		'GRANT SELECT ON ALL TABLES IN SCHEMA resettle_internal TO %I, %I', admin_role, staff_role);
	FOREACH t IN ARRAY case_tables LOOP
		stmts := stmts || pg_catalog.format(
			'GRANT INSERT, UPDATE, DELETE ON resettle_internal.%I TO %I, %I',
			t, admin_role, staff_role);
	END LOOP;
	stmts := stmts || pg_catalog.format(
		'GRANT UPDATE (pom_name, com_name, com_email, com_allocated_on)
		 ON resettle_internal.custody TO %I, %I', admin_role, staff_role);

	-- staff: no case table and no mapping (row security would hide
	-- others' mappings, but EXPLAIN ANALYZE would count them); the
	-- reference data, the fenced case lists (sql/views/case_lists.sql), the
	-- aggregate measures, and the functions of the client
	stmts := stmts || pg_catalog.format(
		'GRANT SELECT ON resettle.prison, resettle.rule TO %I', staff_role);
	stmts := stmts || pg_catalog.format(
		'GRANT SELECT ON resettle.v_cases, resettle.v_releases_due, resettle.v_handover_upcoming,
		 resettle.v_com_overdue, resettle.v_release_outcomes, resettle.v_readiness_summary,
		 resettle.v_outcome_rates, resettle.v_gap_counts TO %I', staff_role);
	stmts := stmts || pg_catalog.format(
		'GRANT EXECUTE ON FUNCTION resettle.check(bigint, date), resettle.readiness(bigint, date),
		 resettle.evaluate_case(bigint, date),
		 resettle.open_case_id(resettle.prison_number), resettle.open_custody_id(text),
		 resettle.readiness_change(bigint), resettle.case_card(text, date),
		 resettle.case_episode(resettle.prison_number), resettle.case_data(resettle.prison_number),
		 resettle.prison_number_by_crn(resettle.crn),
		 resettle.releases_due(integer, text, resettle.readiness_level, date),
		 resettle.handovers(text, text, date, text, boolean),
		 resettle.require_pom(text, text),
		 resettle.gaps(text, resettle.pathway, text, date, integer, text, resettle.readiness_level, boolean),
		 resettle.gap_cases(text, date, date, date),
		 resettle.login_pom_name(), resettle.my_pom_name(),
		 resettle.stats(text, date, text), resettle.pathway_stats(text),
		 resettle.report_scope(text, date), resettle.report_headline(text, date),
		 resettle.report_prisons(text), resettle.report_months(text, date),
		 resettle.report_gaps(text), resettle.report_weeks(text, date),
		 resettle.report_releases(text, date, bigint),
		 resettle.listed_prisons(text),
		 resettle.record_pathway_status(text, text, text, text), resettle.set_pathway_status(text, text, text, text),
		 resettle.record_support_need(text, text, text, text), resettle.set_support_need(text, text, text, text),
		 resettle.record_id_document(text, text, text, date, date), resettle.set_id_document(text, text, text, date, date),
		 resettle.record_bank_account(text, text, date, date, text), resettle.set_bank_account(text, text, date, date, text),
		 resettle.record_accommodation(text, text, boolean, boolean, text, date), resettle.set_accommodation(text, text, boolean, boolean, text, date),
		 resettle.record_handover_checklist(text, text, text), resettle.set_handover_checklist(text, text, text),
		 resettle.record_assessment(text, text, text, text, date),
		 resettle.set_assessment(text, text, text, text, date),
		 resettle.record_com(text, text, text, date), resettle.set_com(text, text, text, date),
		 resettle.evaluate(resettle.case_facts, date, boolean),
		 resettle.evaluate_gaps(resettle.case_facts, date) TO %I', staff_role);

	-- analyst: the pseudonymised views, under disclosure control, and the
	-- reference data they are cut by, nothing else.  Not the aggregate
	-- measures: exact current counts, a prison-month cell often one
	-- release, which polled daily would date it to the day
	-- (docs/disclosure-control.md)
	stmts := stmts || pg_catalog.format(
		'GRANT SELECT ON resettle.analyst_cases, resettle.analyst_release_outcomes,
		 resettle.analyst_readiness_history, resettle.analyst_releases_due,
		 resettle.analyst_handovers, resettle.prison, resettle.rule TO %I', analyst_role);

	FOREACH stmt IN ARRAY stmts LOOP
		EXECUTE stmt;
		RETURN NEXT pg_catalog.regexp_replace(stmt, '\s+', ' ', 'g');
	END LOOP;

	INSERT INTO resettle.access_role AS a (kind, role)
	VALUES ('admin', pg_catalog.quote_ident(admin_role)::pg_catalog.regrole),
	       ('staff', pg_catalog.quote_ident(staff_role)::pg_catalog.regrole),
	       ('analyst', pg_catalog.quote_ident(analyst_role)::pg_catalog.regrole)
	ON CONFLICT (kind) DO UPDATE SET role = EXCLUDED.role;
	PERFORM resettle.forget_dropped_roles();
END
$$;
COMMENT ON FUNCTION resettle.grant_roles(name, name, name) IS
	'Admin step: grant existing admin, staff and analyst roles their privileges and record them';

/*
 * The importer (docs/feeds.md, docs/security.md): the part that creates
 * people and episodes in a fed deployment.  It reads the prisons, reads and
 * writes person and custody (seeing every prison, as admin does), and runs
 * the import functions; it holds nothing else: no record table, no audit,
 * no mapping, no delete.  Revokes what the role held first, records it.
 */
CREATE FUNCTION resettle.grant_importer_role(importer_role name)
RETURNS SETOF text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	stmt text;
	stmts text[] := ARRAY[]::text[];
BEGIN
	IF importer_role IS NULL THEN
		RAISE EXCEPTION 'role names must not be null'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF NOT resettle.role_exists(importer_role) THEN
		RAISE EXCEPTION 'role "%" does not exist', importer_role
			USING ERRCODE = 'undefined_object',
			      HINT = 'Create it first, or use resettle.create_roles().';
	END IF;
	stmts := stmts || pg_catalog.format(
		'REVOKE ALL ON ALL TABLES IN SCHEMA resettle, resettle_internal FROM %I', importer_role);
	stmts := stmts || pg_catalog.format(
		'REVOKE ALL ON ALL SEQUENCES IN SCHEMA resettle FROM %I', importer_role);
	stmts := stmts || pg_catalog.format(
		'REVOKE ALL ON ALL FUNCTIONS IN SCHEMA resettle FROM %I', importer_role);
	stmts := stmts || pg_catalog.format(
		'REVOKE ALL ON SCHEMA resettle, resettle_internal FROM %I', importer_role);
	stmts := stmts || pg_catalog.format('GRANT USAGE ON SCHEMA resettle TO %I', importer_role);
	stmts := stmts || pg_catalog.format('GRANT SELECT ON resettle.prison TO %I', importer_role);
	stmts := stmts || pg_catalog.format(
		'GRANT SELECT, INSERT, UPDATE ON resettle.person, resettle.custody TO %I', importer_role);
	stmts := stmts || pg_catalog.format(
		'GRANT USAGE ON SEQUENCE resettle.custody_id_seq TO %I', importer_role);
	stmts := stmts || pg_catalog.format(
		'GRANT EXECUTE ON FUNCTION resettle.import_prisoners(jsonb, date),
		 resettle.map_prisoner(jsonb, date), resettle.apply_prisoner(jsonb) TO %I', importer_role);
	FOREACH stmt IN ARRAY stmts LOOP
		EXECUTE stmt;
		RETURN NEXT pg_catalog.regexp_replace(stmt, '\s+', ' ', 'g');
	END LOOP;
	INSERT INTO resettle.access_role AS a (kind, role)
	VALUES ('importer', pg_catalog.quote_ident(importer_role)::pg_catalog.regrole)
	ON CONFLICT (kind) DO UPDATE SET role = EXCLUDED.role;
	PERFORM resettle.forget_dropped_roles();
END
$$;
COMMENT ON FUNCTION resettle.grant_importer_role(name) IS
	'Admin step: grant an existing role the importer''s privileges (people and episodes from the feeds) and record it';

/*
 * The same, creating NOLOGIN group roles <prefix>_admin, <prefix>_staff,
 * <prefix>_analyst and <prefix>_importer first if they do not exist.
 * Needs CREATEROLE.
 */
CREATE FUNCTION resettle.create_roles(prefix text DEFAULT 'resettle')
RETURNS SETOF text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	kind text;
	role text;
BEGIN
	IF prefix IS NULL OR prefix OPERATOR(pg_catalog.!~) '^[a-z_][a-z0-9_]{0,40}$' THEN
		RAISE EXCEPTION 'invalid role prefix "%"', prefix
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Use lower-case letters, digits and underscores (at most 41), starting with a letter or underscore.';
	END IF;
	FOREACH kind IN ARRAY ARRAY['admin', 'staff', 'analyst', 'importer'] LOOP
		role := prefix OPERATOR(pg_catalog.||) '_' OPERATOR(pg_catalog.||) kind;
		IF NOT resettle.role_exists(role) THEN
			EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', role);
			RETURN NEXT pg_catalog.format('CREATE ROLE %I NOLOGIN', role);
		END IF;
	END LOOP;
	RETURN QUERY SELECT * FROM resettle.grant_roles(
		(prefix OPERATOR(pg_catalog.||) '_admin')::name,
		(prefix OPERATOR(pg_catalog.||) '_staff')::name,
		(prefix OPERATOR(pg_catalog.||) '_analyst')::name);
	RETURN QUERY SELECT * FROM resettle.grant_importer_role(
		(prefix OPERATOR(pg_catalog.||) '_importer')::name);
END
$$;
COMMENT ON FUNCTION resettle.create_roles(text) IS
	'Admin step: create NOLOGIN group roles <prefix>_admin, _staff, _analyst, _importer if absent and grant them (resettle.grant_roles, grant_importer_role)';

REVOKE EXECUTE ON FUNCTION resettle.grant_roles(name, name, name), resettle.create_roles(text),
	resettle.grant_importer_role(name)
FROM PUBLIC;
