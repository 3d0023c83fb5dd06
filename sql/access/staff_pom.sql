
/*
 * Which prison offender manager (POM) a login is (docs/operations.md
 * "Mapping logins to POMs"): the name recorded as custody.pom_name on the
 * POM's cases.  "resettle gaps --mine" and "resettle handovers --mine" list
 * the caller's cases through it (resettle.my_pom_name()).  One name per
 * login role, keyed by the role's OID as resettle.staff_prison is (a
 * mapping follows a rename, a dropped role's row is deleted by
 * resettle.forget_dropped_roles()); only the login itself is mapped, not
 * the roles that inherit from it: a POM is one person.  Written by
 * resettle.map_pom() and resettle.unmap_pom() (admin); a login reads its
 * own row only, through resettle_internal.staff_pom.
 */
CREATE TABLE resettle.staff_pom (
	role regrole PRIMARY KEY,
	pom_name text NOT NULL
		-- as custody.pom_name (sql/tables/text_limits.sql), trimmed, not blank
		CONSTRAINT staff_pom_name_text
		CHECK (pg_catalog.char_length(pom_name) OPERATOR(pg_catalog.<=) 100
		       AND pom_name OPERATOR(pg_catalog.!~) '[\u0001-\u001f\u007f-\u009f]'
		       AND pom_name OPERATOR(pg_catalog.=) pg_catalog.btrim(pom_name)
		       AND pom_name OPERATOR(pg_catalog.<>) ''),
	mapped_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	mapped_by name NOT NULL DEFAULT CURRENT_USER
);
COMMENT ON TABLE resettle.staff_pom IS
	'The POM each login role is (custody.pom_name of their cases), for resettle gaps/handovers --mine';
SELECT pg_catalog.pg_extension_config_dump('resettle.staff_pom', '');
