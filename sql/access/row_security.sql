
/*
 * Row-level security (docs/security.md).  Forced, so the table owner is
 * bound too; superusers (and BYPASSRLS roles) are not, which is what
 * pg_dump, restore and a pg_cron refresh() run as the owner rely on.
 *
 * Policies apply to every role: an admin sees everything (visible_prisons()
 * is every prison), staff the cases of the prisons they are mapped to, and
 * anybody else nothing.  visible_prisons() is wrapped in a scalar subquery
 * so it runs once per statement, not once per row.
 */

-- case_facts (and through it check() and readiness()) must see only what
-- the caller may: run it with the caller's rights and row security.
ALTER VIEW resettle.case_facts SET (security_invoker = true);

ALTER TABLE resettle.custody ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.custody FORCE ROW LEVEL SECURITY;
CREATE POLICY custody_by_prison ON resettle.custody
	USING (prison_code OPERATOR(pg_catalog.=) ANY ((SELECT resettle.visible_prisons())::text[]))
	WITH CHECK (prison_code OPERATOR(pg_catalog.=) ANY ((SELECT resettle.visible_prisons())::text[]));

/*
 * A person is visible through any visible custody episode.  Staff may record
 * a new person (who has no episode yet, so is not visible until one is
 * recorded at their prison); only admin deletes people.
 */
ALTER TABLE resettle.person ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.person FORCE ROW LEVEL SECURITY;
CREATE POLICY person_read ON resettle.person FOR SELECT
	USING ((SELECT resettle.is_admin())
	       OR EXISTS (SELECT 1 FROM resettle.custody AS c
	                  WHERE c.prison_number OPERATOR(pg_catalog.=) person.prison_number));
CREATE POLICY person_insert ON resettle.person FOR INSERT
	WITH CHECK (true);
CREATE POLICY person_update ON resettle.person FOR UPDATE
	USING ((SELECT resettle.is_admin())
	       OR EXISTS (SELECT 1 FROM resettle.custody AS c
	                  WHERE c.prison_number OPERATOR(pg_catalog.=) person.prison_number));
CREATE POLICY person_delete ON resettle.person FOR DELETE
	USING ((SELECT resettle.is_admin()));

-- Records of an episode: visible and writable with their custody row.
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['pathway_status', 'assessment', 'id_document',
		'bank_account', 'accommodation', 'support_need', 'handover_checklist']
	LOOP
		EXECUTE pg_catalog.format('ALTER TABLE resettle.%I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE pg_catalog.format('ALTER TABLE resettle.%I FORCE ROW LEVEL SECURITY', t);
		EXECUTE pg_catalog.format('CREATE POLICY %I ON resettle.%I
			USING (EXISTS (SELECT 1 FROM resettle.custody AS c
			               WHERE c.id OPERATOR(pg_catalog.=) %I.custody_id))
			WITH CHECK (EXISTS (SELECT 1 FROM resettle.custody AS c
			                    WHERE c.id OPERATOR(pg_catalog.=) %I.custody_id))',
			t || '_by_custody', t, t, t);
	END LOOP;
END $$;

/*
 * The audit tables: readable with their case; written only by the extension
 * (the append_only() trigger refuses everyone else's inserts).  History of a
 * deleted case is visible to admin only.
 */
ALTER TABLE resettle.readiness_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.readiness_history FORCE ROW LEVEL SECURITY;
CREATE POLICY readiness_history_read ON resettle.readiness_history FOR SELECT
	USING ((SELECT resettle.is_admin())
	       OR EXISTS (SELECT 1 FROM resettle.custody AS c
	                  WHERE c.id OPERATOR(pg_catalog.=) readiness_history.custody_id));
-- inserts: append_only() admits only the extension's own (for cases the user
-- can see) and a superuser's restore
CREATE POLICY readiness_history_insert ON resettle.readiness_history FOR INSERT
	WITH CHECK (true);

ALTER TABLE resettle.release_outcome ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.release_outcome FORCE ROW LEVEL SECURITY;
CREATE POLICY release_outcome_read ON resettle.release_outcome FOR SELECT
	USING (prison_code OPERATOR(pg_catalog.=) ANY ((SELECT resettle.visible_prisons())::text[]));
CREATE POLICY release_outcome_insert ON resettle.release_outcome FOR INSERT
	WITH CHECK (true);

-- case_audit: admin reads it; the audit trigger writes it for whoever changed a case.
ALTER TABLE resettle.case_audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.case_audit FORCE ROW LEVEL SECURITY;
CREATE POLICY case_audit_read ON resettle.case_audit FOR SELECT
	USING ((SELECT resettle.is_admin()));
CREATE POLICY case_audit_insert ON resettle.case_audit FOR INSERT
	WITH CHECK (true);

-- Staff read their own mappings (visible_prisons() needs them); admin all.
ALTER TABLE resettle.staff_prison ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.staff_prison FORCE ROW LEVEL SECURITY;
CREATE POLICY staff_prison_own ON resettle.staff_prison FOR SELECT
	USING (role_name IN (SELECT r.rolname FROM pg_catalog.pg_roles AS r
	                     WHERE pg_catalog.pg_has_role(r.oid, 'USAGE')));
CREATE POLICY staff_prison_admin ON resettle.staff_prison
	USING ((SELECT resettle.is_admin()))
	WITH CHECK ((SELECT resettle.is_admin()));

/*
 * The extension's C triggers and refresh() run SQL through SPI as the
 * current user.  Fix their search_path so that a caller's own objects (an
 * operator "=" in a schema ahead of pg_catalog) cannot be captured by that
 * SQL.  They stay SECURITY INVOKER: row security and the audit see the
 * caller.
 */
ALTER FUNCTION resettle.readiness_after_change() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION resettle.custody_derive() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION resettle.refresh(date, boolean) SET search_path = pg_catalog, pg_temp;
