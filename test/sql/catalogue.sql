-- The inventory of the extension's functions, views and privileges
-- (docs/security.md).  Each query lists what breaks a rule: an empty result
-- is a pass; a new function, view or grant that breaks one shows up here.

-- the extension's functions, with how each is protected from a caller's
-- search_path: pinned (SET search_path = pg_catalog, pg_temp), bound (a
-- SQL-standard body, parsed when created), or C (classified below)
CREATE TEMP VIEW ext_function AS
SELECT p.oid, p.oid::regprocedure::text AS function, l.lanname AS language, p.prosrc,
       p.prosecdef, p.proconfig, p.prosqlbody IS NOT NULL AS bound, p.proacl
FROM pg_catalog.pg_depend AS d
JOIN pg_catalog.pg_proc AS p ON p.oid = d.objid
JOIN pg_catalog.pg_language AS l ON l.oid = p.prolang
WHERE d.classid = 'pg_catalog.pg_proc'::regclass
  AND d.refclassid = 'pg_catalog.pg_extension'::regclass
  AND d.refobjid = (SELECT e.oid FROM pg_catalog.pg_extension AS e WHERE e.extname = 'resettle')
  AND d.deptype = 'e'
  AND p.prokind <> 'a';

-- C symbols: those that run no SQL, and those that run SQL only through
-- with_owner_rights() (extension/owner_rights.c), which pins the
-- search_path itself.  A new C function must be added to one of the two.
CREATE TEMP TABLE c_symbol (symbol text PRIMARY KEY, kind text NOT NULL);
INSERT INTO c_symbol
SELECT t || s, 'no sql'
FROM unnest(ARRAY['prison_number', 'crn', 'pnc_id', 'cro_number', 'nhs_number', 'nino']) AS t,
     unnest(ARRAY['_in', '_out', '_recv', '_send']) AS s
UNION ALL
SELECT 'is_valid_' || t, 'no sql'
FROM unnest(ARRAY['prison_number', 'crn', 'pnc_id', 'cro_number', 'nhs_number', 'nino']) AS t
UNION ALL
VALUES ('pnc_id_with_pivot', 'no sql'), ('handover_calculate_sql', 'no sql'),
       ('handover_rules_versions', 'no sql'), ('readiness_rule_catalogue', 'no sql'),
       ('readiness_today', 'no sql'), ('readiness_defer_recompute', 'no sql'),
       ('readiness_statement_start', 'no sql'), ('append_only', 'no sql'),
       ('case_audit_guard', 'no sql'), ('resettle_is_blank', 'no sql'),
       ('readiness_evaluate_sql', 'owner rights'), ('readiness_evaluate_gaps', 'owner rights'),
       ('readiness_refresh', 'owner rights'), ('readiness_recompute_deferred', 'owner rights'),
       ('readiness_after_change', 'owner rights'), ('custody_derive', 'owner rights'),
       ('person_rederive', 'owner rights'), ('case_audit_record', 'owner rights'),
       ('visibility_prisons', 'no sql'), ('visibility_every_prison', 'no sql'),
       ('visibility_listed_prisons', 'no sql'), ('visibility_case_episode', 'no sql'),
       ('visibility_has_access_role', 'no sql'), ('visibility_login_holds_staff_part', 'no sql'),
       ('case_data', 'no sql'), ('gap_cases', 'no sql');

CREATE TEMP TABLE pinned (config text[]);
INSERT INTO pinned VALUES (ARRAY['search_path=pg_catalog, pg_temp']),
	(ARRAY['search_path=pg_catalog, pg_temp', 'jit=off']);
SELECT CASE
	WHEN f.proconfig IN (SELECT config FROM pinned) THEN 'pinned'
	WHEN f.bound THEN 'bound'
	WHEN f.language = 'internal' THEN 'internal'
	WHEN f.language = 'c' THEN 'c: ' || COALESCE(s.kind, 'UNCLASSIFIED')
	ELSE 'UNPROTECTED'
END AS protection, count(*)
FROM ext_function AS f
LEFT JOIN c_symbol AS s ON f.language = 'c' AND s.symbol = f.prosrc
GROUP BY 1 ORDER BY 1;

-- every function that is neither pinned nor bound nor classified C
SELECT f.function, f.language, f.proconfig
FROM ext_function AS f
LEFT JOIN c_symbol AS s ON f.language = 'c' AND s.symbol = f.prosrc
WHERE NOT (f.proconfig IN (SELECT config FROM pinned) OR f.bound
           OR f.language = 'internal' OR (f.language = 'c' AND s.symbol IS NOT NULL))
ORDER BY 1;

-- a function with any other setting (jit = off is allowed beside the
-- search_path: the everyday functions' plans must not start a JIT
-- compilation), or a C function that pins one
SELECT f.function, f.proconfig FROM ext_function AS f
WHERE f.proconfig IS NOT NULL
  AND (f.proconfig NOT IN (SELECT config FROM pinned) OR f.language = 'c')
ORDER BY 1;

-- SECURITY DEFINER: pseudonym() alone, pinned
SELECT f.function, f.proconfig FROM ext_function AS f WHERE f.prosecdef ORDER BY 1;

-- what PUBLIC may run beyond the identifier types' own functions: pure
-- functions and the visibility helpers, which read only the caller's own
-- mappings; nothing that reads or changes a case
SELECT f.function FROM ext_function AS f
WHERE has_function_privilege('public', f.oid, 'EXECUTE')
  AND f.language <> 'internal'
  AND COALESCE(f.prosrc NOT IN (SELECT s.symbol FROM c_symbol AS s
                                WHERE s.symbol ~ '_(in|out|recv|send)$|^is_valid_'), true)
ORDER BY 1;

-- the views: staff's case lists and analysts' views are security_barrier
-- (and fenced), never security_invoker; resettle_internal's run with their
-- owner's rights and check what is written through them
SELECT c.oid::regclass AS view, c.reloptions
FROM pg_catalog.pg_class AS c
JOIN pg_catalog.pg_depend AS d ON d.objid = c.oid AND d.classid = 'pg_catalog.pg_class'::regclass
WHERE d.refobjid = (SELECT e.oid FROM pg_catalog.pg_extension AS e WHERE e.extname = 'resettle')
  AND d.deptype = 'e' AND c.relkind = 'v'
ORDER BY c.oid::regclass::text;

-- row security: enabled and forced on every table holding cases or mappings
SELECT c.oid::regclass AS "table", c.relrowsecurity, c.relforcerowsecurity
FROM pg_catalog.pg_class AS c
WHERE c.relnamespace = 'resettle'::regnamespace AND c.relkind = 'r'
ORDER BY c.oid::regclass::text;

-- schema resettle_internal: usable by its owner only
SELECT n.nspname, a.grantee::regrole, a.privilege_type
FROM pg_catalog.pg_namespace AS n
CROSS JOIN LATERAL aclexplode(n.nspacl) AS a
WHERE n.nspname = 'resettle_internal' AND a.grantee <> n.nspowner;

-- the functions that read the caller's rows through resettle_internal are
-- pinned, which also keeps the planner from inlining them into a caller's
-- query
SELECT DISTINCT f.function
FROM ext_function AS f
JOIN pg_catalog.pg_depend AS d ON d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = f.oid
JOIN pg_catalog.pg_class AS c ON d.refclassid = 'pg_catalog.pg_class'::regclass AND c.oid = d.refobjid
WHERE c.relnamespace = 'resettle_internal'::regnamespace
  AND NOT COALESCE(f.proconfig IN (SELECT config FROM pinned), false)
ORDER BY 1;

-- PUBLIC holds no privilege on a table or view but access_role's SELECT
SELECT c.oid::regclass AS relation, a.privilege_type
FROM pg_catalog.pg_class AS c
CROSS JOIN LATERAL aclexplode(c.relacl) AS a
WHERE c.relnamespace IN ('resettle'::regnamespace, 'resettle_internal'::regnamespace)
  AND a.grantee = 0
ORDER BY c.oid::regclass::text, 2;
