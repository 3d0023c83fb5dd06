
/*
 * The client's updates (resettle set): record a pathway status or a
 * support need on a person's open custody episode and return the case's
 * readiness as the triggers left it.  An unknown prison number, or one with
 * no open episode, raises no_data_found (P0002).
 */
CREATE FUNCTION resettle.open_custody_id(prison_number text)
RETURNS bigint
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cid bigint;
BEGIN
	SELECT c.id INTO cid FROM resettle.custody AS c
	WHERE c.prison_number OPERATOR(pg_catalog.=) $1::resettle.prison_number
	  AND c.released_on IS NULL;
	IF cid IS NULL THEN
		RAISE EXCEPTION 'no case in custody for prison number "%"', $1
			USING ERRCODE = 'no_data_found',
			      HINT = 'Check the prison number, or whether the person has been released.';
	END IF;
	RETURN cid;
END
$$;
COMMENT ON FUNCTION resettle.open_custody_id(text) IS
	'The id of a person''s open custody episode; raises no_data_found when there is none';

CREATE FUNCTION resettle.set_pathway_status(
	prison_number text, pathway resettle.pathway,
	status resettle.pathway_state, note text DEFAULT NULL)
RETURNS TABLE (custody_id bigint, readiness resettle.readiness_level, gaps text)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cid bigint := resettle.open_custody_id($1);
BEGIN
	INSERT INTO resettle.pathway_status AS s (custody_id, pathway, status, note, updated_on)
	VALUES (cid, $2, $3, $4, resettle.today())
	ON CONFLICT ON CONSTRAINT pathway_status_pkey DO UPDATE
		SET status = EXCLUDED.status, note = EXCLUDED.note,
		    updated_on = EXCLUDED.updated_on;
	RETURN QUERY
		SELECT c.id, c.readiness,
		       array_to_string(c.readiness_gaps, ' ')
		FROM resettle.custody AS c WHERE c.id = cid;
END
$$;
COMMENT ON FUNCTION resettle.set_pathway_status(text, resettle.pathway, resettle.pathway_state, text) IS
	'Record a pathway status (and note) on a person''s open case; returns the case''s new readiness';

CREATE FUNCTION resettle.set_support_need(
	prison_number text, need text, status text)
RETURNS TABLE (custody_id bigint, readiness resettle.readiness_level, gaps text)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cid bigint := resettle.open_custody_id($1);
BEGIN
	INSERT INTO resettle.support_need AS n (custody_id, need, status, updated_on)
	VALUES (cid, $2, $3, resettle.today())
	ON CONFLICT ON CONSTRAINT support_need_pkey DO UPDATE
		SET status = EXCLUDED.status, updated_on = EXCLUDED.updated_on;
	RETURN QUERY
		SELECT c.id, c.readiness,
		       array_to_string(c.readiness_gaps, ' ')
		FROM resettle.custody AS c WHERE c.id = cid;
END
$$;
COMMENT ON FUNCTION resettle.set_support_need(text, text, text) IS
	'Record a support need''s status on a person''s open case; returns the case''s new readiness';
