
/*
 * Row-level security (docs/security.md).  Forced, so the table owner is
 * bound too; superusers (and BYPASSRLS roles) are not, which is what
 * pg_dump, restore and a pg_cron refresh() run as the owner rely on.
 *
 * Only admin (and the extension's own code) holds privileges on these
 * tables; staff reach cases through sql/access/scoped_views.sql.  The
 * policies are the second line: should a role be granted a table by
 * mistake, it still sees only its prisons.  visible_prisons() is wrapped
 * in a scalar subquery so it runs once per statement, not once per row.
 */

ALTER TABLE resettle.custody ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.custody FORCE ROW LEVEL SECURITY;
CREATE POLICY custody_by_prison ON resettle.custody
	USING (prison_code OPERATOR(pg_catalog.=) ANY ((SELECT resettle.visible_prisons())::text[]))
	WITH CHECK (prison_code OPERATOR(pg_catalog.=) ANY ((SELECT resettle.visible_prisons())::text[]));

/*
 * A person is visible through any visible custody episode.  Only admin
 * records, and deletes, people, and in a fed deployment the importer
 * records them: a person visible through an episode that its reader had
 * made could be anybody (docs/security.md, class 1).
 */
ALTER TABLE resettle.person ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.person FORCE ROW LEVEL SECURITY;
CREATE POLICY person_read ON resettle.person FOR SELECT
	USING ((SELECT resettle.is_admin() OR resettle.has_access_role('importer'))
	       OR EXISTS (SELECT 1 FROM resettle.custody AS c
	                  WHERE c.prison_number OPERATOR(pg_catalog.=) person.prison_number));
CREATE POLICY person_insert ON resettle.person FOR INSERT
	WITH CHECK ((SELECT resettle.is_admin() OR resettle.has_access_role('importer')));
CREATE POLICY person_update ON resettle.person FOR UPDATE
	USING ((SELECT resettle.is_admin() OR resettle.has_access_role('importer'))
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
 * (no role is granted INSERT, there is no INSERT policy, and the
 * append_only() trigger refuses anyone but a superuser).  History of a
 * deleted case is visible to admin only.
 */
ALTER TABLE resettle.readiness_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.readiness_history FORCE ROW LEVEL SECURITY;
CREATE POLICY readiness_history_read ON resettle.readiness_history FOR SELECT
	USING ((SELECT resettle.is_admin())
	       OR EXISTS (SELECT 1 FROM resettle.custody AS c
	                  WHERE c.id OPERATOR(pg_catalog.=) readiness_history.custody_id));

ALTER TABLE resettle.release_outcome ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.release_outcome FORCE ROW LEVEL SECURITY;
CREATE POLICY release_outcome_read ON resettle.release_outcome FOR SELECT
	USING (prison_code OPERATOR(pg_catalog.=) ANY ((SELECT resettle.visible_prisons())::text[]));

-- case_audit: admin reads it; the extension's audit trigger writes it.
ALTER TABLE resettle.case_audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.case_audit FORCE ROW LEVEL SECURITY;
CREATE POLICY case_audit_read ON resettle.case_audit FOR SELECT
	USING ((SELECT resettle.is_admin()));

-- Staff read their own mappings (visible_prisons() needs them); admin all.
ALTER TABLE resettle.staff_prison ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.staff_prison FORCE ROW LEVEL SECURITY;
CREATE POLICY staff_prison_own ON resettle.staff_prison FOR SELECT
	USING (role::pg_catalog.oid IN (SELECT r.oid FROM pg_catalog.pg_roles AS r
	                                WHERE pg_catalog.pg_has_role(r.oid, 'USAGE')));
CREATE POLICY staff_prison_admin ON resettle.staff_prison
	USING ((SELECT resettle.is_admin()))
	WITH CHECK ((SELECT resettle.is_admin()));

-- A login reads its own POM mapping (resettle_internal.staff_pom); admin all.
ALTER TABLE resettle.staff_pom ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.staff_pom FORCE ROW LEVEL SECURITY;
CREATE POLICY staff_pom_own ON resettle.staff_pom FOR SELECT
	USING (role::pg_catalog.oid OPERATOR(pg_catalog.=)
	       (SELECT r.oid FROM pg_catalog.pg_roles AS r
	        WHERE r.rolname OPERATOR(pg_catalog.=) CURRENT_USER));
CREATE POLICY staff_pom_admin ON resettle.staff_pom
	USING ((SELECT resettle.is_admin()))
	WITH CHECK ((SELECT resettle.is_admin()));
