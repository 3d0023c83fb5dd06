
/*
 * A case's readiness for its readers: every function here reads the rows
 * the caller may see (sql/access/scoped_views.sql) and only the case asked
 * for.  SQL-standard bodies, bound to those views when created; the pinned
 * search_path also keeps the planner from inlining them, so a caller's
 * own conditions on their results are applied to their results only.
 */
CREATE FUNCTION resettle.check(custody_id bigint, as_of date DEFAULT resettle.today())
RETURNS TABLE (rule text, severity text, message text, due_on date)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT g.rule, g.severity, g.message, g.due_on
	FROM resettle_internal.case_facts AS f,
	     resettle.evaluate_gaps(f.facts, $2) AS g
	WHERE f.custody_id = $1;
END;
COMMENT ON FUNCTION resettle.check(bigint, date) IS
	'One row per failing readiness rule of a case: rule, severity, what is missing and by when';

CREATE FUNCTION resettle.readiness(custody_id bigint, as_of date DEFAULT resettle.today())
RETURNS resettle.readiness_level
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT (resettle.evaluate(f.facts, $2)).level
	FROM resettle_internal.case_facts AS f
	WHERE f.custody_id = $1;
END;
COMMENT ON FUNCTION resettle.readiness(bigint, date) IS
	'Readiness level of a case as of a date (NULL for an unknown case, or one the caller may not see)';

/*
 * The level and failing rule codes of one case as of a day, from its facts.
 * The lists call it only for a case whose stored readiness is not as of
 * that day; being a function, the facts' query is planned only when it is
 * first called, not by every list that might need it.
 */
CREATE FUNCTION resettle.evaluate_case(custody_id bigint, as_of date,
	OUT level resettle.readiness_level, OUT gaps text[])
RETURNS record
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT e.level, e.gaps
	FROM resettle_internal.case_facts AS f, resettle.evaluate(f.facts, $2) AS e
	WHERE f.custody_id = $1;
END;
COMMENT ON FUNCTION resettle.evaluate_case(bigint, date) IS
	'Readiness level and failing rule codes of a case the caller may see, as of a date, from its facts';

/*
 * The id of a person's open custody episode, if the caller may see it
 * (NULL otherwise: an unknown prison number and another prison's person
 * look the same).
 */
CREATE FUNCTION resettle.open_case_id(prison_number resettle.prison_number)
RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	-- by an episode at the caller's prisons (sql/access/scoped_views.sql)
	SELECT c.id FROM resettle_internal.custody AS c
	WHERE c.prison_number::text = $1::text AND c.released_on IS NULL;
END;
COMMENT ON FUNCTION resettle.open_case_id(resettle.prison_number) IS
	'The id of a person''s open custody episode at a prison the caller may see, else NULL';

-- The same from text, raising no_data_found (P0002) when there is none.
CREATE FUNCTION resettle.open_custody_id(prison_number text)
RETURNS bigint
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cid bigint;
BEGIN
	-- a malformed prison number raises the type's own error (22P02)
	cid := resettle.open_case_id($1::resettle.prison_number);
	IF cid IS NULL THEN
		RAISE EXCEPTION 'no case in custody for prison number "%"', $1
			USING ERRCODE = 'no_data_found',
			      HINT = CASE WHEN pg_catalog.cardinality(resettle.visible_prisons()) = 0
			                  THEN 'Your login is not mapped to any prison: an administrator maps logins to prisons with resettle.map_staff().'
			                  ELSE 'Check the prison number, or whether the person has been released.' END;
	END IF;
	RETURN cid;
END
$$;
COMMENT ON FUNCTION resettle.open_custody_id(text) IS
	'The id of a person''s open custody episode the caller may see; raises no_data_found when there is none';

-- The readiness before and after a write, and the gaps it closed and
-- opened (rule codes, space-separated): the one comparison every set_*()
-- function returns.
CREATE FUNCTION resettle.readiness_compared(before_level resettle.readiness_level,
	before_gaps text[], after_level resettle.readiness_level, after_gaps text)
RETURNS TABLE (readiness_before resettle.readiness_level, readiness resettle.readiness_level,
	gaps_closed text, gaps_opened text, gaps_before text, gaps text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT $1, $3,
	       pg_catalog.array_to_string(ARRAY(
	           SELECT g FROM pg_catalog.unnest($2) AS g
	           WHERE g <> ALL (pg_catalog.string_to_array($4, ' '))), ' '),
	       pg_catalog.array_to_string(ARRAY(
	           SELECT g FROM pg_catalog.unnest(pg_catalog.string_to_array($4, ' ')) AS g
	           WHERE g <> ALL ($2)), ' '),
	       pg_catalog.array_to_string($2, ' '), $4;
END;
COMMENT ON FUNCTION resettle.readiness_compared(resettle.readiness_level, text[], resettle.readiness_level, text) IS
	'The readiness and gaps before and after a write, with the gaps it closed and opened';

/*
 * What resettle watch shows for a notification: one readiness change (by
 * its history id, which the payload carries), with the case as the watcher
 * may see it now and the gaps the change closed and opened (against the
 * case's change before it).  A payload is only a hint (anyone can NOTIFY):
 * nothing is shown that is not read back here, and a change to a case the
 * caller may not see now (one transferred away) shows nothing.
 */
CREATE FUNCTION resettle.readiness_change(history_id bigint)
RETURNS TABLE (custody_id bigint, prison_number text, name text, prison_code text,
	readiness resettle.readiness_level, change_id bigint, from_level resettle.readiness_level,
	to_level resettle.readiness_level, as_of date, changed_at timestamptz,
	gaps_closed text, gaps_opened text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT c.id, c.prison_number::text, c.name, c.prison_code, c.readiness,
	       h.id, h.from_level, h.to_level, h.as_of, h.changed_at,
	       NULLIF(r.gaps_closed, ''), NULLIF(r.gaps_opened, '')
	FROM resettle_internal.readiness_history AS h
	JOIN resettle_internal.case_list AS c ON c.id = h.custody_id
	CROSS JOIN LATERAL resettle.readiness_compared(h.from_level,
		COALESCE((SELECT b.gaps FROM resettle_internal.readiness_history AS b
		          WHERE b.custody_id = h.custody_id AND b.id < h.id
		          ORDER BY b.id DESC LIMIT 1), '{}'),
		h.to_level, pg_catalog.array_to_string(h.gaps, ' ')) AS r
	WHERE h.id = $1;
END;
COMMENT ON FUNCTION resettle.readiness_change(bigint) IS
	'One readiness change (by its history id) of a case the caller may see now, with the gaps it closed and opened (what resettle watch prints)';
