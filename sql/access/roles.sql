
/*
 * Access control (docs/security.md): which roles play which part, and which
 * prisons each staff role may see.
 *
 * Roles are cluster-wide, so CREATE EXTENSION creates none: an
 * administrator runs resettle.create_roles() or creates roles and calls
 * resettle.grant_roles() (sql/access/grants.sql), which records the roles
 * here.  Roles are held as regrole: stored as the role's OID, so a mapping
 * follows a rename and does not pass to a new role that takes a dropped
 * one's name; dumped and restored as the role's name, so a restore into
 * another cluster maps the role of that name there (it must exist first).
 * A dropped role's rows match nobody and are deleted by
 * resettle.forget_dropped_roles() (run by map_staff(), unmap_staff(),
 * grant_roles() and the daily refresh job).
 */
CREATE TABLE resettle.access_role (
	kind text PRIMARY KEY
		CONSTRAINT access_role_kind_valid CHECK (kind IN ('admin', 'staff', 'analyst')),
	role regrole NOT NULL
);
COMMENT ON TABLE resettle.access_role IS
	'The group roles playing each part (admin, staff, analyst); written by resettle.grant_roles()';
SELECT pg_catalog.pg_extension_config_dump('resettle.access_role', '');

/*
 * Staff see the cases of the prisons their roles are mapped to.  A mapping
 * applies to the role itself and to every role that inherits its privileges
 * (pg_has_role(..., 'USAGE')), so map a login role directly or a group role
 * its members inherit.  A NULL prison_code maps the role to every prison.
 */
CREATE TABLE resettle.staff_prison (
	role regrole NOT NULL,
	prison_code text REFERENCES resettle.prison ON UPDATE CASCADE ON DELETE CASCADE,
	mapped_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	mapped_by name NOT NULL DEFAULT CURRENT_USER
);
CREATE UNIQUE INDEX staff_prison_role_prison_key ON resettle.staff_prison (role, prison_code)
	WHERE prison_code IS NOT NULL;
CREATE UNIQUE INDEX staff_prison_role_all_key ON resettle.staff_prison (role)
	WHERE prison_code IS NULL;
COMMENT ON TABLE resettle.staff_prison IS
	'Which prisons each role (and every role inheriting from it) may see; NULL prison_code = all prisons';
SELECT pg_catalog.pg_extension_config_dump('resettle.staff_prison', '');
