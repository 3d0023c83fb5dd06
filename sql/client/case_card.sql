
/*
 * The prison number of the person with a CRN who has an episode the caller
 * may see, else NULL.  The CRN is compared with the caller's episodes'
 * people only, behind a fence (a probe of the CRN's own index would read
 * another prison's person: sql/access/scoped_views.sql), except for a
 * caller who sees every prison, who may use the index.  Its own function so
 * that resettle.case_card() plans it only when given a CRN.
 */
CREATE FUNCTION resettle.prison_number_by_crn(crn resettle.crn)
RETURNS resettle.prison_number
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT x.prison_number FROM (
		SELECT l.prison_number
		FROM (SELECT cl.prison_number, cl.crn FROM resettle_internal.case_list AS cl
		      WHERE NOT resettle.sees_every_prison() OFFSET 0) AS l
		WHERE l.crn = $1
		UNION ALL
		SELECT cl.prison_number FROM resettle_internal.case_list AS cl
		WHERE resettle.sees_every_prison() AND cl.crn = $1
	) AS x LIMIT 1;
END;
COMMENT ON FUNCTION resettle.prison_number_by_crn(resettle.crn) IS
	'The prison number of the person with this CRN who has an episode the caller may see, else NULL';


/*
 * The client's case card (resettle case): one case as rows of section,
 * field and value, in display order.  The identifier is a prison number or
 * a CRN; an unknown or invalid one, or a person the caller may not see,
 * gives no rows.  The custody episode shown is the open one, else the
 * latest of those the caller may see.  It reads only that person's rows
 * (sql/access/scoped_views.sql; SQL-standard body, see
 * sql/client/case_readiness.sql).
 */
CREATE FUNCTION resettle.case_card(identifier text, as_of date DEFAULT NULL)
RETURNS TABLE (section text, field text, value text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	WITH c AS (
		-- the caller's episodes of the person, found by prison number or
		-- CRN through an episode at the caller's prisons
		-- (sql/access/scoped_views.sql): the open one, else the latest.
		-- A caller who sees every prison finds them by the prison number's
		-- own index instead: through custody_prison_person_idx its look-up
		-- descends the index once for each of its ~150 prisons (a few
		-- hundred index pages).  Either branch is gated by a one-time
		-- condition, so only one runs.
		SELECT cl.*, pr.name AS prison_name,
		       COALESCE($2, resettle.today()) AS day
		FROM (
			SELECT v.* FROM resettle_internal.case_list AS v
			WHERE NOT resettle.sees_every_prison()
			  AND v.prison_number::text = (SELECT CASE
				WHEN resettle.is_valid_prison_number($1) THEN $1::resettle.prison_number::text
				WHEN resettle.is_valid_crn($1) THEN resettle.prison_number_by_crn($1::resettle.crn)::text
				END)
			UNION ALL
			SELECT v.* FROM resettle_internal.case_list AS v
			WHERE resettle.sees_every_prison()
			  AND v.prison_number = (SELECT CASE
				WHEN resettle.is_valid_prison_number($1) THEN $1::resettle.prison_number
				WHEN resettle.is_valid_crn($1) THEN resettle.prison_number_by_crn($1::resettle.crn)
				END)
		) AS cl
		LEFT JOIN resettle.prison AS pr ON pr.code = cl.prison_code
		ORDER BY cl.released_on IS NULL DESC, cl.reception_date DESC, cl.id DESC
		LIMIT 1
	), f AS (
		-- the readiness as stored, where it is as of the day asked for;
		-- else evaluated from the case's facts (so a fresh case's card
		-- gathers no facts at all)
		SELECT COALESCE(ev.level, c.readiness) AS level,
		       CASE WHEN ev.level IS NULL THEN c.readiness_gaps ELSE ev.gaps END AS gaps
		FROM c LEFT JOIN LATERAL (
			SELECT e.level, e.gaps FROM resettle.evaluate_case(c.id, c.day) AS e
			WHERE c.readiness_as_of IS DISTINCT FROM c.day OFFSET 0
		) AS ev ON true
	), rows (s, n, section, field, value) AS (
		-- the fields of the person, the episode and its readiness: one row of
		-- each (both exist or neither does), a VALUES list rather than a
		-- branch per field, which is cheaper to plan on every call
		SELECT v.s, v.n, v.section, v.field, v.value
		FROM c, f
		CROSS JOIN LATERAL (VALUES
			(1, 1, 'identity', 'prison_number', c.prison_number::text),
			(1, 2, 'identity', 'crn', c.crn::text),
			(1, 3, 'identity', 'name', c.name),
			(1, 4, 'identity', 'date_of_birth', c.date_of_birth::text),
			(1, 5, 'identity', 'pnc_id', c.pnc_id::text),
			(2, 1, 'custody', 'custody_id', c.id::text),
			(2, 2, 'custody', 'prison', c.prison_code || COALESCE(' ' || c.prison_name, '')),
			(2, 3, 'custody', 'reception_date', c.reception_date::text),
			(2, 4, 'custody', 'sentence_start', c.sentence_start::text),
			(2, 5, 'custody', 'release_date', c.release_date::text),
			(2, 6, 'custody', 'days_to_release', (c.release_date - c.day)::text),
			(2, 7, 'custody', 'crd', c.crd::text),
			(2, 8, 'custody', 'ped', c.ped::text),
			(2, 9, 'custody', 'hdced', c.hdced::text),
			(2, 10, 'custody', 'ted', c.ted::text),
			(2, 11, 'custody', 'released_on', c.released_on::text),
			(3, 1, 'handover', 'responsibility', c.responsibility::text),
			(3, 2, 'handover', 'pom', c.pom_name),
			(3, 3, 'handover', 'com', c.com_name),
			(3, 4, 'handover', 'com_email', c.com_email),
			(3, 5, 'handover', 'handover_start_date', c.handover_start_date::text),
			(3, 6, 'handover', 'handover_date', c.handover_date::text),
			(3, 7, 'handover', 'handover_reason', c.handover_reason),
			(3, 8, 'handover', 'handover_type',
				resettle.handover_type(c.handover_reason, c.enhanced_handover)),
			(4, 1, 'readiness', 'as_of', c.day::text),
			(4, 2, 'readiness', 'level', f.level::text),
			(4, 3, 'readiness', 'gaps', COALESCE(cardinality(f.gaps), 0)::text)
		) AS v (s, n, section, field, value)
		UNION ALL SELECT 5, g.n, 'gap', g.rule,
			g.severity || ': ' || g.message || COALESCE(' (due ' || g.due_on::text || ')', '')
		FROM c CROSS JOIN LATERAL (
			SELECT s.rule, s.severity, s.message, s.due_on, s.n
			FROM ROWS FROM (jsonb_to_recordset(c.readiness_details)
				AS (rule text, severity text, message text, due_on date))
				WITH ORDINALITY AS s (rule, severity, message, due_on, n)
			WHERE c.readiness_as_of = c.day
			UNION ALL
			(SELECT k.rule, k.severity, k.message, k.due_on, k.n
			 FROM resettle.check(c.id, c.day) WITH ORDINALITY AS k (rule, severity, message, due_on, n)
			 WHERE c.readiness_as_of IS DISTINCT FROM c.day OR c.readiness_details IS NULL
			 OFFSET 0)
		) AS g
		UNION ALL SELECT 6, pw.n, 'pathway', pw.pathway::text,
			COALESCE(ps.status, 'not_started')::text || COALESCE(' - ' || ps.note, '')
		FROM c
		CROSS JOIN pg_catalog.unnest(pg_catalog.enum_range(NULL::resettle.pathway))
			WITH ORDINALITY AS pw (pathway, n)
		LEFT JOIN resettle_internal.pathway_status AS ps
			ON ps.custody_id = c.id AND ps.pathway = pw.pathway
		UNION ALL SELECT 7, h.n, 'history', h.changed_at,
			COALESCE(h.from_level::text, '(none)') || ' -> ' || h.to_level::text
		FROM c CROSS JOIN LATERAL (
			SELECT rh.as_of::text AS changed_at, rh.from_level, rh.to_level,
			       pg_catalog.row_number() OVER (ORDER BY rh.id DESC) AS n
			FROM resettle_internal.readiness_history AS rh
			WHERE rh.custody_id = c.id
			ORDER BY rh.id DESC LIMIT 5
		) AS h
	)
	SELECT r.section, r.field, r.value FROM rows AS r ORDER BY r.s, r.n;
END;
COMMENT ON FUNCTION resettle.case_card(text, date) IS
	'One case (by prison number or CRN) as section/field/value rows: identity, custody, handover, readiness with every gap, pathways, recent readiness changes';
