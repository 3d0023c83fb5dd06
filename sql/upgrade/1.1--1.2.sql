/*
 * resettle 1.1 to 1.2.  The statements that change 1.1's objects in place
 * (this file), then the parts new in 1.2 (UPGRADE_1_2_PARTS), the same files
 * the 1.2 install script holds, so an upgraded database equals a fresh
 * install (test/t/040_upgrade.pl).  After upgrading, run
 * resettle.grant_roles() again so the roles get the new objects
 * (docs/operations.md "Upgrading").
 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION resettle UPDATE TO '1.2'" to load this file. \quit

/*
 * 1.2 changes the access model (docs/security.md): staff hold no privilege
 * on the case tables and reach cases through the functions and fenced
 * lists, which read schema resettle_internal; roles are kept as regrole;
 * functions that the planner inlines have SQL-standard bodies; free text
 * is bounded.  The code 1.2 replaces is dropped here and created again by
 * the parts that follow, which the 1.2 install script holds too.
 */

-- the views, policies and functions the following parts create again
DROP VIEW resettle.v_cases, resettle.v_releases_due, resettle.v_handover_upcoming,
	resettle.v_com_overdue, resettle.v_release_outcomes, resettle.v_readiness_summary,
	resettle.v_outcome_rates, resettle.v_gap_counts, resettle.analyst_cases,
	resettle.analyst_release_outcomes, resettle.analyst_readiness_history,
	resettle.analyst_releases_due, resettle.analyst_handovers;

DROP POLICY custody_by_prison ON resettle.custody;
DROP POLICY person_read ON resettle.person;
DROP POLICY person_insert ON resettle.person;
DROP POLICY person_update ON resettle.person;
DROP POLICY person_delete ON resettle.person;
DROP POLICY pathway_status_by_custody ON resettle.pathway_status;
DROP POLICY assessment_by_custody ON resettle.assessment;
DROP POLICY id_document_by_custody ON resettle.id_document;
DROP POLICY bank_account_by_custody ON resettle.bank_account;
DROP POLICY accommodation_by_custody ON resettle.accommodation;
DROP POLICY support_need_by_custody ON resettle.support_need;
DROP POLICY handover_checklist_by_custody ON resettle.handover_checklist;
DROP POLICY readiness_history_read ON resettle.readiness_history;
DROP POLICY readiness_history_insert ON resettle.readiness_history;
DROP POLICY release_outcome_read ON resettle.release_outcome;
DROP POLICY release_outcome_insert ON resettle.release_outcome;
DROP POLICY case_audit_read ON resettle.case_audit;
DROP POLICY case_audit_insert ON resettle.case_audit;
DROP POLICY staff_prison_own ON resettle.staff_prison;
DROP POLICY staff_prison_admin ON resettle.staff_prison;

DROP TRIGGER person_changed ON resettle.person;

DROP FUNCTION
	resettle.handover(date, date, date, date, date, date, boolean, boolean, boolean, boolean,
		boolean, date, integer, boolean, boolean, date, date, date, boolean, boolean, boolean, date),
	resettle.handover_rules_versions(),
	resettle.handover_upcoming(resettle.responsibility, date, date, integer),
	resettle.com_allocation_overdue(resettle.responsibility, date, text, text, date),
	resettle.needs_com(resettle.responsibility, text),
	resettle.handover_type(text, boolean),
	resettle.handover(resettle.custody, date),
	resettle.evaluate(resettle.case_facts, date, boolean),
	resettle.person_changed(),
	resettle.has_access_role(text),
	resettle.is_admin(),
	resettle.visible_prisons(),
	resettle.can_see_prison(text),
	resettle.role_exists(name),
	resettle.prison_exists(text),
	resettle.map_staff(name, text),
	resettle.unmap_staff(name, text),
	resettle.transfer(bigint, text),
	resettle.hmac_sha256_pads(bytea, bytea, bytea),
	resettle.hmac_sha256(bytea, bytea),
	resettle.keyed_pseudonym(resettle.pseudonym_key, text),
	resettle.pseudonym(resettle.prison_number),
	resettle.check(bigint, date),
	resettle.readiness(bigint, date),
	resettle.open_custody_id(text),
	resettle.case_card(text, date),
	resettle.releases_due(integer, text, resettle.readiness_level, date),
	resettle.handovers(text, text, date),
	resettle.rule_pathway(text),
	resettle.gaps(text, resettle.pathway, text, date),
	resettle.stats(text, date),
	resettle.pathway_stats(),
	resettle.set_pathway_status(text, resettle.pathway, resettle.pathway_state, text),
	resettle.set_support_need(text, text, text),
	resettle.case_type(boolean, boolean, boolean, boolean, boolean),
	resettle.measured_prisons(),
	resettle.age_band(date, date),
	resettle.grant_roles(name, name, name),
	resettle.create_roles(text);

-- case_facts runs with its owner's rights: only admin may read it, and the
-- functions read the caller's rows of it through resettle_internal
ALTER VIEW resettle.case_facts RESET (security_invoker);

-- the C functions pin their own search_path (extension/owner_rights.c)
ALTER FUNCTION resettle.readiness_after_change() RESET search_path;
ALTER FUNCTION resettle.custody_derive() RESET search_path;
ALTER FUNCTION resettle.refresh(date, boolean) RESET search_path;
-- refresh() defaults to the extension's today, as every other date does
CREATE OR REPLACE FUNCTION resettle.refresh(as_of date DEFAULT resettle.today(), all_cases boolean DEFAULT false)
RETURNS bigint
AS 'MODULE_PATHNAME', 'readiness_refresh'
LANGUAGE C VOLATILE;
ALTER FUNCTION resettle.case_audit_record() RESET search_path;
-- 1.2 has 19 rules (id.application_late is new; its row is added by
-- 1.1--1.2-finish.sql)
ALTER FUNCTION resettle.rule_catalogue() ROWS 19;

/*
 * resettle.rule says exactly what the rules use (sql/tables/rule_settings.sql
 * adds the check).  Each row is made to say what 1.1 did with it, so no
 * case changes: a NULL threshold a rule uses meant its default, and is
 * now that default; a threshold a rule does not use was ignored, and is
 * now NULL; accommodation.none's severity was ignored (its stages were a
 * warning then an error), and is now error, which 1.2 honours; a row whose
 * code no rule has did nothing, and is deleted.  Each change is reported.
 * rule_changed is off meanwhile: the finish re-evaluates every case once.
 */
ALTER TABLE resettle.rule DISABLE TRIGGER rule_changed;
DO $$
DECLARE
	r record;
BEGIN
	FOR r IN
		SELECT x.code, x.warn_days, x.error_days, x.severity,
		       c.code AS known, c.warn_days AS warn_default, c.error_days AS error_default
		FROM resettle.rule AS x
		LEFT JOIN resettle.rule_catalogue() AS c ON c.code OPERATOR(pg_catalog.=) x.code
		ORDER BY x.code
	LOOP
		IF r.known IS NULL THEN
			DELETE FROM resettle.rule AS x WHERE x.code OPERATOR(pg_catalog.=) r.code;
			RAISE WARNING 'resettle.rule: row "%" deleted: no rule has that code (it had no effect)', r.code;
			CONTINUE;
		END IF;
		-- (each CASE in parentheses: PL/pgSQL ends an IF's condition at THEN)
		IF r.warn_days IS DISTINCT FROM
			(CASE WHEN r.warn_default IS NOT NULL THEN COALESCE(r.warn_days, r.warn_default) END)
		   OR r.error_days IS DISTINCT FROM
			(CASE WHEN r.error_default IS NOT NULL THEN COALESCE(r.error_days, r.error_default) END)
		   OR (r.code OPERATOR(pg_catalog.=) 'accommodation.none'
		       AND r.severity OPERATOR(pg_catalog.<>) 'error') THEN
			UPDATE resettle.rule AS x
			SET warn_days = CASE WHEN r.warn_default IS NOT NULL
			                     THEN COALESCE(x.warn_days, r.warn_default) END,
			    error_days = CASE WHEN r.error_default IS NOT NULL
			                      THEN COALESCE(x.error_days, r.error_default) END,
			    severity = CASE WHEN x.code OPERATOR(pg_catalog.=) 'accommodation.none'
			                    THEN 'error' ELSE x.severity END
			WHERE x.code OPERATOR(pg_catalog.=) r.code;
			RAISE WARNING 'resettle.rule: row "%" now says what 1.1 did with it (warn_days %, error_days %, severity %)',
				r.code,
				COALESCE((CASE WHEN r.warn_default IS NOT NULL THEN COALESCE(r.warn_days, r.warn_default) END)::text, 'NULL'),
				COALESCE((CASE WHEN r.error_default IS NOT NULL THEN COALESCE(r.error_days, r.error_default) END)::text, 'NULL'),
				CASE WHEN r.code OPERATOR(pg_catalog.=) 'accommodation.none' THEN 'error' ELSE r.severity END;
		END IF;
	END LOOP;
END $$;
ALTER TABLE resettle.rule ENABLE TRIGGER rule_changed;

-- roles held as regrole (the OID), not by name; mappings of roles that no
-- longer exist are dropped first (they matched nobody)
DELETE FROM resettle.staff_prison AS s
WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r
                  WHERE r.rolname OPERATOR(pg_catalog.=) s.role_name);
DELETE FROM resettle.access_role AS a
WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r
                  WHERE r.rolname OPERATOR(pg_catalog.=) a.role_name);
ALTER TABLE resettle.staff_prison
	ALTER COLUMN role_name TYPE regrole
		USING pg_catalog.quote_ident(role_name::pg_catalog.text)::pg_catalog.regrole;
ALTER TABLE resettle.staff_prison RENAME COLUMN role_name TO role;
ALTER TABLE resettle.access_role
	ALTER COLUMN role_name TYPE regrole
		USING pg_catalog.quote_ident(role_name::pg_catalog.text)::pg_catalog.regrole;
ALTER TABLE resettle.access_role RENAME COLUMN role_name TO role;
