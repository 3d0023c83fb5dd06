
/*
 * Last steps of the upgrade.  The roles recorded by grant_roles() get
 * 1.2's privileges, and lose those 1.1 gave staff on the case tables, at
 * once rather than when a DBA remembers to run grant_roles() again.
 */
DO $$
DECLARE
	roles name[];
BEGIN
	SELECT pg_catalog.array_agg(r.rolname ORDER BY pg_catalog.array_position(
		ARRAY['admin', 'staff', 'analyst'], a.kind))
	INTO roles
	FROM resettle.access_role AS a
	JOIN pg_catalog.pg_roles AS r ON r.oid OPERATOR(pg_catalog.=) a.role::pg_catalog.oid;
	IF pg_catalog.cardinality(roles) OPERATOR(pg_catalog.=) 3 THEN
		PERFORM resettle.grant_roles(roles[1], roles[2], roles[3]);
	END IF;
END $$;

-- The rules new in 1.2 get their rows in resettle.rule, with their
-- defaults (a row already there, tuned, is kept).  The refresh below
-- re-evaluates every case once, so the row's own trigger does not.
ALTER TABLE resettle.rule DISABLE TRIGGER rule_changed;
INSERT INTO resettle.rule (code, title, severity, warn_days, error_days, enabled, source)
SELECT c.code, c.title, c.severity, c.warn_days, c.error_days, c.enabled, c.source
FROM resettle.rule_catalogue() AS c
WHERE NOT EXISTS (SELECT 1 FROM resettle.rule AS r WHERE r.code OPERATOR(pg_catalog.=) c.code);
ALTER TABLE resettle.rule ENABLE TRIGGER rule_changed;

-- Every episode carries its person's name and sex (custody.person_name,
-- person_sex, new in 1.2), as custody_derive copies them (a released
-- episode's sex is the one known now: none other was kept); nothing recorded changes, so no case
-- trigger runs (no audit row, no recompute: the refresh below follows).
DO $$
DECLARE
	role text := pg_catalog.current_setting('session_replication_role');
BEGIN
	PERFORM pg_catalog.set_config('session_replication_role', 'replica', true);
	UPDATE resettle.custody AS c SET person_name = p.name, person_sex = p.sex
	FROM resettle.person AS p
	WHERE p.prison_number OPERATOR(pg_catalog.=) c.prison_number;
	PERFORM pg_catalog.set_config('session_replication_role', role, true);
END $$;

-- Every case in custody is evaluated again as of today, which stores the
-- details of its gaps (custody.readiness_details, new in 1.2) and its gaps
-- under 1.2's rules (docs/rules.md: a COM is recorded; one fact, one gap;
-- id.application_late).
SELECT resettle.refresh(resettle.today(), all_cases => true);

-- The release outcomes 1.1 wrote are re-derived by 1.2's definition
-- (resettle.outcome_at_release()): the gaps on the day of release (the
-- rules evaluated as of released_on, as when the outcome was taken),
-- whether a COM was recorded, ID held and ID applied for, and the handover
-- date as of the release day with the COM's allocation measured against
-- it.  What else was in place (accommodation, bank, benefits, GP, family)
-- is not taken again.  The outcome is otherwise append-only
-- (resettle.append_only()); this one rewrite is the extension's own, and
-- docs/operations.md "Upgrading" says so.  readiness_history keeps what
-- was evaluated at the time.
ALTER TABLE resettle.release_outcome DISABLE TRIGGER append_only;
UPDATE resettle.release_outcome AS o
SET gaps = x.gaps, com_allocated = x.com_allocated, id_document = x.id_document,
    id_applied = x.id_applied, handover_date = x.handover_date,
    com_allocated_by_handover = x.com_allocated_by_handover
FROM resettle.case_facts AS f
CROSS JOIN LATERAL resettle.outcome_at_release(f) AS x
WHERE f.custody_id OPERATOR(pg_catalog.=) o.custody_id
  AND f.released_on IS NOT NULL
  AND (o.gaps, o.com_allocated, o.id_document, o.id_applied, o.handover_date,
       o.com_allocated_by_handover)
      IS DISTINCT FROM (x.gaps, x.com_allocated, x.id_document, x.id_applied, x.handover_date,
                        x.com_allocated_by_handover);
ALTER TABLE resettle.release_outcome ENABLE TRIGGER append_only;

-- The analyst views of 1.2 read the month's stored release (disclosure
-- control, docs/disclosure-control.md): store it now rather than show
-- nothing until the first nightly run.
SELECT resettle.refresh_analyst_views();
