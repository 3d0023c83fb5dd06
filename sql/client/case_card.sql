
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
 * The id of the episode of a person the case card shows: the open one,
 * else the latest, of those at the prisons the caller may see; NULL when
 * there is none.  In C (extension/visibility.c): it reads
 * custody_prison_person_idx, one descent for each prison the caller sees,
 * and custody_prison_number_idx (one descent) only for a caller who sees
 * every prison, so that no other prison's episode is read
 * (sql/access/scoped_views.sql), without planning a look-up of each kind
 * in every new backend.
 */
CREATE FUNCTION resettle.case_episode(prison_number resettle.prison_number)
RETURNS bigint
	AS 'MODULE_PATHNAME', 'visibility_case_episode'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION resettle.case_episode(resettle.prison_number) IS
	'The id of the episode of a person a case card shows (the open one, else the latest) at a prison the caller may see, else NULL';

/* A line of the case card: section number, line number, section, field, value. */
CREATE TYPE resettle.card_line AS (s integer, n integer, section text, field text, value text);
COMMENT ON TYPE resettle.card_line IS
	'A line of the case card (resettle.case_card()): section and line number, section, field and value';

/*
 * What the case card shows of a person: the episode resettle.case_episode()
 * finds, its person, its prison's name, its pathway statuses, and the
 * card's lines of the records the rules read and of the last five readiness
 * changes (sections 7 to 12 of the card, worded there); NULL when there is
 * none.  In C (extension/case_data.c): each table read through the one
 * index that finds the case's rows, so that a new backend neither plans ten
 * relations (loading the catalogue entries of all their indexes) nor a
 * branch of the card per kind of record, for one case.
 */
CREATE FUNCTION resettle.case_data(prison_number resettle.prison_number,
	OUT custody resettle.custody, OUT person resettle.person, OUT prison_name text,
	OUT pathway_statuses resettle.pathway_status[], OUT record_lines resettle.card_line[])
RETURNS record
	AS 'MODULE_PATHNAME', 'case_data'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION resettle.case_data(resettle.prison_number) IS
	'The case a card shows of a person (the episode resettle.case_episode() finds) with its person, prison name, records, pathway statuses and last five readiness changes, else NULL';

/*
 * The client's case card (resettle case): one case as rows of section,
 * field and value, in display order.  The identifier is a prison number or
 * a CRN; an unknown or invalid one, or a person the caller may not see,
 * gives no rows.  The custody episode shown is the open one, else the
 * latest of those the caller may see.  It reads only that person's rows
 * (sql/access/scoped_views.sql; SQL-standard body, see
 * sql/client/case_readiness.sql).
 *
 * Besides the gaps it shows the records the rules read (docs/rules.md "The
 * case card"): accommodation, ID documents, bank accounts and applications,
 * support needs and the handover checklist, each with its status and date,
 * in words; the COM is in the handover section.  The case is read by
 * resettle.case_data() (C): the episode, its person, and its records,
 * pathway statuses and readiness history each by the custody id through
 * the table's own index (its primary key or custody_id index), so a card
 * costs a descent of each of those indexes and nothing when no case is
 * found, and its plan names no relation at all.  A pathway line names the failing rules of that pathway (the pathway a rule
 * belongs to is resettle.rule_pathway()), so a pathway recorded done next
 * to a failing rule of it says so rather than contradicting it.
 */
CREATE FUNCTION resettle.case_card(identifier text, as_of date DEFAULT NULL)
RETURNS TABLE (section text, field text, value text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	WITH c AS (
		-- the episode shown, found by prison number or CRN through the
		-- caller's prisons (resettle.case_data()), with its person, pathway
		-- statuses and the lines of its records and history; of a released
		-- episode, the name it kept and no other identifier of the person
		-- (as resettle_internal.case_list, sql/access/scoped_views.sql)
		SELECT (d.custody).id, (d.custody).prison_number,
		       CASE WHEN s.shown THEN (d.person).crn END AS crn,
		       CASE WHEN s.shown THEN (d.person).name ELSE (d.custody).person_name END AS name,
		       CASE WHEN s.shown THEN (d.person).date_of_birth END AS date_of_birth,
		       CASE WHEN s.shown THEN (d.person).pnc_id END AS pnc_id,
		       (d.custody).prison_code, d.prison_name,
		       (d.custody).reception_date, (d.custody).sentence_start,
		       (d.custody).release_date, (d.custody).crd, (d.custody).ped, (d.custody).hdced,
		       (d.custody).ted, (d.custody).released_on, (d.custody).responsibility,
		       (d.custody).pom_name, (d.custody).com_name, (d.custody).com_email,
		       (d.custody).com_allocated_on, (d.custody).handover_start_date,
		       (d.custody).handover_date, (d.custody).handover_reason,
		       (d.custody).enhanced_handover, (d.custody).readiness, (d.custody).readiness_gaps,
		       (d.custody).readiness_as_of, (d.custody).readiness_details,
		       d.pathway_statuses, d.record_lines,
		       COALESCE($2, resettle.today()) AS day
		FROM resettle.case_data((SELECT CASE
			WHEN resettle.is_valid_prison_number($1) THEN $1::resettle.prison_number
			WHEN resettle.is_valid_crn($1) THEN resettle.prison_number_by_crn($1::resettle.crn)
			END)) AS d
		CROSS JOIN LATERAL (SELECT (d.custody).released_on IS NULL OR resettle.sees_every_prison()
			AS shown) AS s
		WHERE (d.custody).id IS NOT NULL
	), f AS (
		-- the readiness as stored, where it is as of the day asked for;
		-- else evaluated from the case's facts (so a fresh case's card
		-- gathers no facts at all)
		SELECT COALESCE(ev.level, c.readiness) AS level, g.gaps,
		       -- the pathway of each gap, for the pathway lines
		       ARRAY(SELECT resettle.rule_pathway(x) FROM pg_catalog.unnest(g.gaps) AS x) AS gap_pathways
		FROM (SELECT c.id, c.day, c.readiness, c.readiness_as_of, c.readiness_gaps FROM c) AS c
		LEFT JOIN LATERAL (
			SELECT e.level, e.gaps FROM resettle.evaluate_case(c.id, c.day) AS e
			WHERE c.readiness_as_of IS DISTINCT FROM c.day OFFSET 0
		) AS ev ON true,
		LATERAL (SELECT CASE WHEN ev.level IS NULL THEN c.readiness_gaps ELSE ev.gaps END
			AS gaps) AS g
	)
	SELECT x.section, x.field, x.value FROM (
		-- the fields of the person, the episode and its readiness: one row of
		-- each (both exist or neither does), a VALUES list rather than a
		-- branch per field, which is cheaper to plan on every call
		SELECT v.s, v.n, v.section, v.field, v.value
		FROM c, f, LATERAL (VALUES
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
			(3, 5, 'handover', 'com_allocated_on', c.com_allocated_on::text),
			(3, 6, 'handover', 'handover_start_date', c.handover_start_date::text),
			(3, 7, 'handover', 'handover_date', c.handover_date::text),
			(3, 8, 'handover', 'handover_reason', c.handover_reason),
			(3, 9, 'handover', 'handover_type',
				resettle.handover_type(c.handover_reason, c.enhanced_handover)),
			(4, 1, 'readiness', 'as_of', c.day::text),
			(4, 2, 'readiness', 'level', f.level::text),
			(4, 3, 'readiness', 'gaps', COALESCE(cardinality(f.gaps), 0)::text)
		) AS v (s, n, section, field, value)
		UNION ALL SELECT 5, g.n, 'gap', g.rule,
			g.severity || ': ' || g.message || COALESCE(' (due ' || g.due_on::text || ')', '')
		FROM c, LATERAL (
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
		-- the status as recorded, the pathway's failing rules in the order
		-- of the gaps (still failing, where the pathway is recorded done or
		-- support not required), then the note
		UNION ALL SELECT 6, pw.n, 'pathway', pw.pathway::text,
			COALESCE(ps.status, 'not_started')::text
			|| COALESCE(CASE WHEN ps.status IN ('done', 'support_not_required')
			                 THEN ' (still failing: ' ELSE ' (failing: ' END
			            || NULLIF(pg_catalog.array_to_string(ARRAY(
				SELECT g.rule
				FROM ROWS FROM (pg_catalog.unnest(f.gaps), pg_catalog.unnest(f.gap_pathways)) AS g (rule, pathway)
				WHERE g.pathway = pw.pathway), ', '), '') || ')', '')
			|| COALESCE(' - ' || ps.note, '')
		FROM f, c, pg_catalog.unnest(pg_catalog.enum_range(NULL::resettle.pathway))
			WITH ORDINALITY AS pw (pathway, n)
		LEFT JOIN LATERAL (
			SELECT x.status, x.note FROM pg_catalog.unnest(c.pathway_statuses) AS x
			WHERE x.pathway = pw.pathway
		) AS ps ON true
		-- the records the rules read and the last readiness changes, worded
		-- by resettle.case_data() (extension/case_data.c): accommodation,
		-- ID documents, bank accounts and applications (the latest first,
		-- in the order the rules read them), support needs, the handover
		-- checklist and the history
		UNION ALL SELECT l.s, l.n, l.section, l.field, l.value
		FROM c, pg_catalog.unnest(c.record_lines) AS l
	) AS x (s, n, section, field, value) ORDER BY x.s, x.n;
END;
COMMENT ON FUNCTION resettle.case_card(text, date) IS
	'One case (by prison number or CRN) as section/field/value rows: identity, custody, handover with the COM, readiness with every gap, pathways with their failing rules, the records the rules read (accommodation, ID documents, bank accounts, support needs, handover checklist) with status and date, recent readiness changes';
