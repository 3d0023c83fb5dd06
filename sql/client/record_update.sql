
/*
 * The client's updates (resettle set): record a pathway status or a
 * support need on a person's open custody episode and return the case's
 * readiness as the triggers left it.  An unknown prison number, or one with
 * no open episode the caller may see, raises no_data_found (P0002)
 * (resettle.open_custody_id()).  The writes go through the caller's rows
 * (sql/access/scoped_views.sql), so the triggers, the history and the
 * audit see the caller; each statement of a SQL function sees the
 * recompute of the one before.
 */
CREATE FUNCTION resettle.set_pathway_status(
	prison_number text, pathway resettle.pathway,
	status resettle.pathway_state, note text DEFAULT NULL)
RETURNS TABLE (custody_id bigint, readiness resettle.readiness_level, gaps text)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	INSERT INTO resettle_internal.pathway_status AS s (custody_id, pathway, status, note, updated_on)
	VALUES (resettle.open_custody_id($1), $2, $3, $4, resettle.today())
	ON CONFLICT (custody_id, pathway) DO UPDATE
		SET status = excluded.status, note = excluded.note,
		    updated_on = excluded.updated_on;
	SELECT c.id, c.readiness, pg_catalog.array_to_string(c.readiness_gaps, ' ')
	FROM resettle_internal.custody AS c
	WHERE c.id = resettle.open_custody_id($1);
END;
COMMENT ON FUNCTION resettle.set_pathway_status(text, resettle.pathway, resettle.pathway_state, text) IS
	'Record a pathway status (and note) on a person''s open case; returns the case''s new readiness';

CREATE FUNCTION resettle.set_support_need(
	prison_number text, need text, status text)
RETURNS TABLE (custody_id bigint, readiness resettle.readiness_level, gaps text)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	INSERT INTO resettle_internal.support_need AS n (custody_id, need, status, updated_on)
	VALUES (resettle.open_custody_id($1), $2, $3, resettle.today())
	ON CONFLICT (custody_id, need) DO UPDATE
		SET status = excluded.status, updated_on = excluded.updated_on;
	SELECT c.id, c.readiness, pg_catalog.array_to_string(c.readiness_gaps, ' ')
	FROM resettle_internal.custody AS c
	WHERE c.id = resettle.open_custody_id($1);
END;
COMMENT ON FUNCTION resettle.set_support_need(text, text, text) IS
	'Record a support need''s status on a person''s open case; returns the case''s new readiness';
