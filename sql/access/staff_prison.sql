
/*
 * Access control (docs/security.md): which roles play which part, and which
 * prisons each staff role may see.
 *
 * Roles are cluster-wide, so CREATE EXTENSION creates none: an
 * administrator runs resettle.create_roles() or creates roles and calls
 * resettle.grant_roles() (sql/access/grants.sql), which records the roles
 * here.
 */
CREATE TABLE resettle.access_role (
	kind text PRIMARY KEY
		CONSTRAINT access_role_kind_valid CHECK (kind IN ('admin', 'staff', 'analyst')),
	role_name name NOT NULL
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
	role_name name NOT NULL,
	prison_code text REFERENCES resettle.prison ON UPDATE CASCADE ON DELETE CASCADE,
	mapped_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	mapped_by name NOT NULL DEFAULT CURRENT_USER
);
CREATE UNIQUE INDEX staff_prison_role_prison_key ON resettle.staff_prison (role_name, prison_code)
	WHERE prison_code IS NOT NULL;
CREATE UNIQUE INDEX staff_prison_role_all_key ON resettle.staff_prison (role_name)
	WHERE prison_code IS NULL;
COMMENT ON TABLE resettle.staff_prison IS
	'Which prisons each role (and every role inheriting from it) may see; NULL prison_code = all prisons';
SELECT pg_catalog.pg_extension_config_dump('resettle.staff_prison', '');

-- Whether the current user has the privileges of one of the roles
-- recorded by resettle.grant_roles() (kind admin, staff or analyst).
CREATE FUNCTION resettle.has_access_role(kind text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT EXISTS (
		SELECT 1
		FROM resettle.access_role AS a
		JOIN pg_catalog.pg_roles AS r ON r.rolname OPERATOR(pg_catalog.=) a.role_name
		WHERE a.kind OPERATOR(pg_catalog.=) $1
		  AND pg_catalog.pg_has_role(r.oid, 'USAGE'))
$$;
COMMENT ON FUNCTION resettle.has_access_role(text) IS
	'Whether the current user has the privileges of the resettle admin, staff or analyst role';

-- Whether the current user has the privileges of an admin role.
CREATE FUNCTION resettle.is_admin() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT resettle.has_access_role('admin')
$$;
COMMENT ON FUNCTION resettle.is_admin() IS
	'Whether the current user has the privileges of the resettle admin role';

/*
 * The prison codes the current user may see: all of them for an admin or a
 * role mapped to every prison, else those its roles are mapped to.  Staff
 * read their own mappings only (row security on staff_prison), so this needs
 * no SECURITY DEFINER.
 */
CREATE FUNCTION resettle.visible_prisons() RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE
		WHEN resettle.is_admin()
		  OR EXISTS (SELECT 1 FROM resettle.staff_prison AS s WHERE s.prison_code IS NULL)
		THEN ARRAY(SELECT p.code FROM resettle.prison AS p ORDER BY p.code)
		ELSE ARRAY(SELECT DISTINCT s.prison_code FROM resettle.staff_prison AS s
		           ORDER BY s.prison_code)
	END
$$;
COMMENT ON FUNCTION resettle.visible_prisons() IS
	'The prison codes whose cases the current user may see and change';

CREATE FUNCTION resettle.can_see_prison(prison_code text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT $1 OPERATOR(pg_catalog.=) ANY (resettle.visible_prisons())
$$;
COMMENT ON FUNCTION resettle.can_see_prison(text) IS
	'Whether the current user may see and change the cases of a prison';

-- Existence checks shared by the admin functions (roles are cluster-wide).
CREATE FUNCTION resettle.role_exists(role_name name) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r
	               WHERE r.rolname OPERATOR(pg_catalog.=) $1)
$$;
COMMENT ON FUNCTION resettle.role_exists(name) IS 'true if a role of that name exists';

CREATE FUNCTION resettle.prison_exists(code text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT EXISTS (SELECT 1 FROM resettle.prison AS p
	               WHERE p.code OPERATOR(pg_catalog.=) $1)
$$;
COMMENT ON FUNCTION resettle.prison_exists(text) IS 'true if resettle.prison has that code';

-- Map a role to a prison (NULL: every prison).  Returns false if it already was.
CREATE FUNCTION resettle.map_staff(role_name name, prison_code text DEFAULT NULL)
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n bigint;
BEGIN
	IF $1 IS NULL THEN
		RAISE EXCEPTION 'role name must not be null'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF NOT resettle.role_exists($1) THEN
		RAISE EXCEPTION 'role "%" does not exist', $1
			USING ERRCODE = 'undefined_object';
	END IF;
	IF $2 IS NOT NULL AND NOT resettle.prison_exists($2) THEN
		RAISE EXCEPTION 'prison "%" does not exist', $2
			USING ERRCODE = 'undefined_object',
			      HINT = 'Prison codes are the NOMIS codes of resettle.prison.';
	END IF;
	INSERT INTO resettle.staff_prison (role_name, prison_code)
	VALUES ($1, $2)
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n OPERATOR(pg_catalog.>) 0;
END
$$;
COMMENT ON FUNCTION resettle.map_staff(name, text) IS
	'Let a role (and every role inheriting from it) see and change a prison''s cases; NULL prison = all prisons';

-- Remove one mapping (NULL prison_code: the all-prisons mapping).
CREATE FUNCTION resettle.unmap_staff(role_name name, prison_code text DEFAULT NULL)
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n bigint;
BEGIN
	DELETE FROM resettle.staff_prison AS s
	WHERE s.role_name OPERATOR(pg_catalog.=) $1
	  AND s.prison_code IS NOT DISTINCT FROM $2;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n OPERATOR(pg_catalog.>) 0;
END
$$;
COMMENT ON FUNCTION resettle.unmap_staff(name, text) IS
	'Remove a role''s mapping to a prison (NULL prison = its all-prisons mapping); false if there was none';

/*
 * Moving a case to another prison is an admin action, not a side effect of
 * a staff update: staff have no UPDATE privilege on custody.prison_code.
 */
CREATE FUNCTION resettle.transfer(custody_id bigint, prison_code text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NOT resettle.prison_exists($2) THEN
		RAISE EXCEPTION 'prison "%" does not exist', $2
			USING ERRCODE = 'undefined_object';
	END IF;
	UPDATE resettle.custody AS c SET prison_code = $2
	WHERE c.id OPERATOR(pg_catalog.=) $1;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'custody episode % does not exist', $1
			USING ERRCODE = 'no_data_found';
	END IF;
END
$$;
COMMENT ON FUNCTION resettle.transfer(bigint, text) IS
	'Admin: move a custody episode to another prison';
