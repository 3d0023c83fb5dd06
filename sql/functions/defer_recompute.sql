
/*
 * Bulk loads (new in 1.1): defer the readiness recompute of the cases a
 * transaction changes from the end of each statement to one call, so a
 * load of one COPY per table evaluates each case once
 * (extension/readiness_batch.c, docs/operations.md "Bulk loads").  COMMIT
 * fails while cases are left pending.  Only roles that load cases (admin)
 * may run them (sql/access/grants.sql): the recompute runs with the
 * owner's rights (extension/owner_rights.c).
 */
CREATE FUNCTION resettle.defer_recompute() RETURNS void
	AS 'MODULE_PATHNAME', 'readiness_defer_recompute'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION resettle.defer_recompute() IS
	'Defer the readiness recompute of the cases this transaction changes until resettle.recompute_deferred()';

CREATE FUNCTION resettle.recompute_deferred() RETURNS bigint
	AS 'MODULE_PATHNAME', 'readiness_recompute_deferred'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION resettle.recompute_deferred() IS
	'End a deferral: recompute, once each, the cases changed since resettle.defer_recompute(); returns how many';
