
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

-- Every episode carries its person's name (custody.person_name, new in
-- 1.2), as custody_derive copies it; nothing recorded changes, so no case
-- trigger runs (no audit row, no recompute: the refresh below follows).
DO $$
DECLARE
	role text := pg_catalog.current_setting('session_replication_role');
BEGIN
	PERFORM pg_catalog.set_config('session_replication_role', 'replica', true);
	UPDATE resettle.custody AS c SET person_name = p.name
	FROM resettle.person AS p
	WHERE p.prison_number OPERATOR(pg_catalog.=) c.prison_number;
	PERFORM pg_catalog.set_config('session_replication_role', role, true);
END $$;

-- Every case in custody is evaluated again as of today, which stores the
-- details of its gaps (custody.readiness_details, new in 1.2).
SELECT resettle.refresh(resettle.today(), all_cases => true);

-- The analyst views of 1.2 read the month's stored release (disclosure
-- control, docs/disclosure-control.md): store it now rather than show
-- nothing until the first nightly run.
SELECT resettle.refresh_analyst_views();
