
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
 * in words; the COM is in the handover section.  The case is one row of
 * resettle_internal.case_records, found by its id (resettle.case_episode()):
 * its records, pathway statuses and readiness history each read by the
 * custody id through the table's own index (its primary key or custody_id
 * index), so a card costs a descent of each of those indexes and nothing
 * when no case is found, and its plan has one custody row to join.  A
 * pathway line names the failing rules of that pathway (the pathway a rule
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
		-- caller's prisons (resettle.case_episode()), with its person,
		-- records, pathway statuses and history
		SELECT cr.id, cr.prison_number, cr.crn, cr.name, cr.date_of_birth, cr.pnc_id,
		       cr.prison_code,
		       (SELECT pr.name FROM resettle.prison AS pr WHERE pr.code = cr.prison_code) AS prison_name,
		       cr.reception_date, cr.sentence_start,
		       cr.release_date, cr.crd, cr.ped, cr.hdced, cr.ted, cr.released_on,
		       cr.responsibility, cr.pom_name, cr.com_name, cr.com_email, cr.com_allocated_on,
		       cr.handover_start_date, cr.handover_date, cr.handover_reason,
		       cr.enhanced_handover, cr.readiness, cr.readiness_gaps, cr.readiness_as_of,
		       cr.readiness_details, cr.accommodation, cr.handover_checklist, cr.id_documents,
		       cr.bank_accounts, cr.support_needs, cr.pathway_statuses, cr.history,
		       COALESCE($2, resettle.today()) AS day
		FROM resettle_internal.case_records AS cr
		WHERE cr.id = resettle.case_episode((SELECT CASE
			WHEN resettle.is_valid_prison_number($1) THEN $1::resettle.prison_number
			WHEN resettle.is_valid_crn($1) THEN resettle.prison_number_by_crn($1::resettle.crn)
			END))
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
	), r AS (
		SELECT c.accommodation, c.handover_checklist, c.id_documents,
		       c.bank_accounts, c.support_needs,
		       resettle.handover_type(c.handover_reason, c.enhanced_handover) AS handover_type
		FROM c
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
		-- accommodation: its one record, or "none"
		UNION ALL SELECT 7, v.n, 'accommodation', v.field, v.value
		FROM r, LATERAL (VALUES
			(0, 'none', 'nothing recorded'),
			(1, 'release_plan', CASE WHEN (r.accommodation).release_plan IN ('cas2', 'cas3')
				THEN upper((r.accommodation).release_plan)
				ELSE replace((r.accommodation).release_plan, '_', ' ') END),
			(2, 'address_confirmed', CASE WHEN (r.accommodation).address_confirmed THEN 'yes' ELSE 'no' END),
			(3, 'lived_before', COALESCE(replace((r.accommodation).lived_before, '_', ' '), 'not recorded')),
			(4, 'at_risk_of_homelessness',
				CASE WHEN (r.accommodation).at_risk_of_homelessness THEN 'yes' ELSE 'no' END),
			(5, 'duty_to_refer_on', COALESCE((r.accommodation).duty_to_refer_on::text, 'not referred')),
			(6, 'updated_on', (r.accommodation).updated_on::text)
		) AS v (n, field, value)
		WHERE (v.n > 0) = ((r.accommodation).custody_id IS NOT NULL)
		-- ID documents held and applied for, in the order recorded
		UNION ALL SELECT 8, COALESCE(d.ordinality, 1), 'id_document',
			COALESCE(d.document_type, 'none'),
			COALESCE(replace(d.status, '_', ' ') || COALESCE(', applied ' || d.applied_on::text, '')
			         || ', updated ' || d.status_on::text, 'nothing recorded')
		FROM r LEFT JOIN LATERAL pg_catalog.unnest(r.id_documents) WITH ORDINALITY AS d ON true
		-- bank accounts held or opened, and applications: the latest first,
		-- in the order the rules read (docs/rules.md "The latest bank
		-- application"), so the application they read is the first one
		UNION ALL SELECT 9, COALESCE(b.n, 1), 'bank_account',
			CASE WHEN b.status IN ('held', 'opened') THEN 'account'
			     WHEN b.status IS NOT NULL THEN 'application' ELSE 'none' END,
			COALESCE(replace(b.status, '_', ' ') || COALESCE(' at ' || b.bank_name, '')
			         || COALESCE(', applied ' || b.applied_on::text, '')
			         || ', updated ' || b.status_on::text, 'nothing recorded')
		FROM r LEFT JOIN LATERAL (
			SELECT x.bank_name, x.status, x.applied_on, x.status_on,
			       pg_catalog.row_number() OVER (
					ORDER BY COALESCE(x.applied_on, x.status_on) DESC,
					         x.status IN ('held', 'pending', 'opened') DESC,
					         x.status_on DESC, x.id DESC) AS n
			FROM pg_catalog.unnest(r.bank_accounts) AS x
		) AS b ON true
		-- support needs, by need
		UNION ALL SELECT 10, COALESCE(sn.ordinality, 1), 'support_need',
			COALESCE(sn.need, 'none'),
			COALESCE(replace(sn.status, '_', ' ') || ', '
			         || CASE sn.responsible WHEN 'both' THEN 'prison and probation'
			                 ELSE sn.responsible END
			         || ' responsible, updated ' || sn.updated_on::text
			         || COALESCE(' - ' || sn.note, ''), 'nothing recorded')
		FROM r LEFT JOIN LATERAL pg_catalog.unnest(r.support_needs) WITH ORDINALITY AS sn ON true
		-- the handover checklist: every item, not done where nothing is
		-- recorded (as the rules read it), and which items the case's
		-- handover type needs
		UNION ALL SELECT 11, v.n, 'handover_checklist', v.field,
			CASE WHEN v.n = 5 THEN COALESCE((r.handover_checklist).updated_on::text, 'nothing recorded')
			     WHEN v.done THEN 'done'
			     WHEN v.needed THEN 'not done (needed for the ' || r.handover_type || ' handover)'
			     ELSE 'not done' END
		FROM r, LATERAL (VALUES
			(1, 'reviewed_oasys', (r.handover_checklist).reviewed_oasys, r.handover_type = 'enhanced'),
			(2, 'contacted_com', (r.handover_checklist).contacted_com,
				r.handover_type IN ('enhanced', 'standard')),
			(3, 'attended_handover_meeting', (r.handover_checklist).attended_handover_meeting,
				r.handover_type = 'enhanced'),
			(4, 'sent_handover_report', (r.handover_checklist).sent_handover_report,
				r.handover_type = 'standard'),
			(5, 'updated_on', NULL, NULL)
		) AS v (n, field, done, needed)
		UNION ALL SELECT 12, h.ordinality, 'history', h.as_of::text,
			COALESCE(h.from_level::text, '(none)') || ' -> ' || h.to_level::text
		FROM c, pg_catalog.unnest(c.history) WITH ORDINALITY AS h
	) AS x (s, n, section, field, value) ORDER BY x.s, x.n;
END;
COMMENT ON FUNCTION resettle.case_card(text, date) IS
	'One case (by prison number or CRN) as section/field/value rows: identity, custody, handover with the COM, readiness with every gap, pathways with their failing rules, the records the rules read (accommodation, ID documents, bank accounts, support needs, handover checklist) with status and date, recent readiness changes';
