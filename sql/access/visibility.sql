
/*
 * Who sees which prisons (docs/security.md "Role model").  These functions
 * run with the caller's rights: staff read their own mappings (row security
 * on staff_prison), so no SECURITY DEFINER is needed, and a caller inside
 * another role's code is that role.
 */

-- Whether the current user has the privileges of one of the roles
-- recorded by resettle.grant_roles() (kind admin, staff or analyst).  In C
-- (extension/visibility.c), reading resettle.access_role with the owner's
-- rights: no login reads that table, which says who holds which part.
CREATE FUNCTION resettle.has_access_role(kind text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'visibility_has_access_role'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
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
 * Whether the current user sees every prison: a superuser or a role that
 * bypasses row security (the extension's owner, a pg_cron job), an admin,
 * or a role with the privileges of one mapped to every prison.  Else the
 * prisons the roles it has the privileges of are mapped to.  In C
 * (extension/visibility.c), computed once a statement: every scoped view and
 * policy asks.
 */
CREATE FUNCTION resettle.sees_every_prison() RETURNS boolean
	AS 'MODULE_PATHNAME', 'visibility_every_prison'
	LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION resettle.sees_every_prison() IS
	'Whether the current user may see every prison (superuser, admin, or mapped to all prisons)';

-- Whether the session's login (session_user, which SET ROLE does not
-- change) holds the staff part without seeing every prison.
CREATE FUNCTION resettle.login_holds_staff_part() RETURNS boolean
	AS 'MODULE_PATHNAME', 'visibility_login_holds_staff_part'
	LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION resettle.login_holds_staff_part() IS
	'Whether the session''s login holds the resettle staff part and does not see every prison (whatever role is set)';

CREATE FUNCTION resettle.visible_prisons() RETURNS text[]
	AS 'MODULE_PATHNAME', 'visibility_prisons'
	LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION resettle.visible_prisons() IS
	'The prison codes whose cases the current user may see and change, in code order';

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

/*
 * Roles are cluster-wide and DROP ROLE tells no database: a dropped role's
 * mappings and access_role row keep its OID, which matches no role.  This
 * deletes them (before another role could ever be given that OID) and
 * returns how many rows went.
 */
CREATE FUNCTION resettle.forget_dropped_roles() RETURNS bigint
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
	WITH mappings AS (
		DELETE FROM resettle.staff_prison AS s
		WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r
		                  WHERE r.oid OPERATOR(pg_catalog.=) s.role::pg_catalog.oid)
		RETURNING 1
	), poms AS (
		DELETE FROM resettle.staff_pom AS s
		WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r
		                  WHERE r.oid OPERATOR(pg_catalog.=) s.role::pg_catalog.oid)
		RETURNING 1
	), kinds AS (
		DELETE FROM resettle.access_role AS a
		WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r
		                  WHERE r.oid OPERATOR(pg_catalog.=) a.role::pg_catalog.oid)
		RETURNING 1
	)
	SELECT (SELECT pg_catalog.count(*) FROM mappings)
	       OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM poms)
	       OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM kinds)
$$;
COMMENT ON FUNCTION resettle.forget_dropped_roles() IS
	'Admin: delete the prison and POM mappings and access roles of roles that were dropped; returns how many rows went';

-- A role that must exist, for the admin functions that map one: an error
-- naming it if it is null or does not exist.
CREATE FUNCTION resettle.require_role(role_name name)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF $1 IS NULL THEN
		RAISE EXCEPTION 'role name must not be null'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF NOT resettle.role_exists($1) THEN
		RAISE EXCEPTION 'role "%" does not exist', $1
			USING ERRCODE = 'undefined_object';
	END IF;
END
$$;
COMMENT ON FUNCTION resettle.require_role(name) IS
	'An error if the role name is null or names no role (for the mapping functions)';

-- Map a role to a prison (NULL: every prison).  Returns false if it already was.
CREATE FUNCTION resettle.map_staff(role_name name, prison_code text DEFAULT NULL)
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n bigint;
BEGIN
	PERFORM resettle.require_role($1);
	IF $2 IS NOT NULL AND NOT resettle.prison_exists($2) THEN
		RAISE EXCEPTION 'prison "%" does not exist', $2
			USING ERRCODE = 'undefined_object',
			      HINT = 'Prison codes are the NOMIS codes of resettle.prison.';
	END IF;
	PERFORM resettle.forget_dropped_roles();
	INSERT INTO resettle.staff_prison (role, prison_code)
	VALUES (pg_catalog.quote_ident($1)::pg_catalog.regrole, $2)
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
	PERFORM resettle.forget_dropped_roles();
	DELETE FROM resettle.staff_prison AS s
	USING pg_catalog.pg_roles AS r
	WHERE r.rolname OPERATOR(pg_catalog.=) $1
	  AND s.role::pg_catalog.oid OPERATOR(pg_catalog.=) r.oid
	  AND s.prison_code IS NOT DISTINCT FROM $2;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n OPERATOR(pg_catalog.>) 0;
END
$$;
COMMENT ON FUNCTION resettle.unmap_staff(name, text) IS
	'Remove a role''s mapping to a prison (NULL prison = its all-prisons mapping); false if there was none';

/*
 * Say which POM a login is (sql/access/staff_pom.sql): the name recorded as
 * custody.pom_name on their cases.  A login has one POM name; mapping it
 * again replaces the name.  Returns false if it was already so mapped.
 */
CREATE FUNCTION resettle.map_pom(role_name name, pom_name text)
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n bigint;
BEGIN
	PERFORM resettle.require_role($1);
	IF $2 IS NULL OR pg_catalog.btrim($2) OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION 'POM name must not be blank'
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Give the name as recorded in custody.pom_name on the POM''s cases.';
	END IF;
	PERFORM resettle.forget_dropped_roles();
	INSERT INTO resettle.staff_pom AS s (role, pom_name)
	VALUES (pg_catalog.quote_ident($1)::pg_catalog.regrole, pg_catalog.btrim($2))
	ON CONFLICT (role) DO UPDATE
		SET pom_name = excluded.pom_name, mapped_at = excluded.mapped_at,
		    mapped_by = excluded.mapped_by
		WHERE s.pom_name OPERATOR(pg_catalog.<>) excluded.pom_name;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n OPERATOR(pg_catalog.>) 0;
END
$$;
COMMENT ON FUNCTION resettle.map_pom(name, text) IS
	'Admin: say which POM (custody.pom_name) a login role is, for resettle gaps/handovers --mine; false if it already was';

-- Remove a login's POM mapping.  Returns false if there was none.
CREATE FUNCTION resettle.unmap_pom(role_name name)
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n bigint;
BEGIN
	PERFORM resettle.forget_dropped_roles();
	DELETE FROM resettle.staff_pom AS s
	USING pg_catalog.pg_roles AS r
	WHERE r.rolname OPERATOR(pg_catalog.=) $1
	  AND s.role::pg_catalog.oid OPERATOR(pg_catalog.=) r.oid;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n OPERATOR(pg_catalog.>) 0;
END
$$;
COMMENT ON FUNCTION resettle.unmap_pom(name) IS
	'Admin: remove a login role''s POM mapping; false if there was none';

/*
 * Moving a case to another prison is an admin action, not a side effect of
 * a staff update: staff have no privilege on custody at all.
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
