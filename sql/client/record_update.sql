
/*
 * The client's updates (resettle set): record a pathway status, a support
 * need, an ID document, a bank account, the accommodation, a handover
 * checklist item or the COM allocated on a person's open custody episode,
 * and return the case's readiness before and after.
 *
 * An unknown prison number, or one with no open episode the caller may see,
 * raises no_data_found (P0002) (resettle.open_custody_id()).  A bad value
 * raises invalid_parameter_value (22023) naming what is wrong, with the
 * valid values in the DETAIL; the valid values are read from where they are
 * defined (the enum, the table's CHECK constraint, the table's columns),
 * never copied.  Values are accepted in any case, with surrounding spaces.
 *
 * Each resettle.record_*() function writes through the caller's rows
 * (sql/access/scoped_views.sql), so the triggers, the history and the audit
 * see the caller, and returns the readiness the triggers left (each
 * statement of a SQL function sees the recompute of the one before).  Each
 * resettle.set_*() function calls its record_*() from one statement that
 * also reads the case: that statement's snapshot was taken before the
 * write, so it returns the readiness before and after the write.
 */

-- The quoted values of a CHECK constraint: the valid values of a column
-- checked with IN (...), or the values a condition names.
CREATE FUNCTION resettle.constraint_values(rel regclass, constraint_name name)
RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT pg_catalog.array_agg(pg_catalog.replace(r.m[1], '''''', '''') ORDER BY r.n)
	FROM pg_catalog.pg_constraint AS k
	CROSS JOIN LATERAL pg_catalog.regexp_matches(pg_catalog.pg_get_constraintdef(k.oid),
		'''((?:[^'']|'''')*)''', 'g') WITH ORDINALITY AS r(m, n)
	WHERE k.conrelid = $1 AND k.conname = $2;
END;
COMMENT ON FUNCTION resettle.constraint_values(regclass, name) IS
	'The quoted values of a table''s CHECK constraint (the valid values of a column checked with IN)';

-- One of the valid values, in lower case without surrounding spaces, or an
-- error naming what is wrong and listing the valid values.
CREATE FUNCTION resettle.valid_value(value text, what text, valid text[])
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v text := pg_catalog.lower(pg_catalog.btrim(value));
BEGIN
	IF v IS NULL THEN
		RAISE EXCEPTION '% is required', what
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = 'Valid values: ' OPERATOR(pg_catalog.||) pg_catalog.array_to_string(valid, ', ')
			               OPERATOR(pg_catalog.||) '.';
	END IF;
	IF NOT v OPERATOR(pg_catalog.=) ANY (valid) THEN
		RAISE EXCEPTION 'invalid % "%"', what, value
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = 'Valid values: ' OPERATOR(pg_catalog.||) pg_catalog.array_to_string(valid, ', ')
			               OPERATOR(pg_catalog.||) '.';
	END IF;
	RETURN v;
END
$$;
COMMENT ON FUNCTION resettle.valid_value(text, text, text[]) IS
	'The value in lower case if it is one of the valid values, else an error (22023) listing them';

-- A name without surrounding spaces, or an error if it is null or blank
-- (empty or white space only: resettle.is_blank(), the definition that
-- custody_derive applies to the COM's name).
CREATE FUNCTION resettle.nonblank(value text, what text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF value IS NULL OR resettle.is_blank(value) THEN
		RAISE EXCEPTION '% must not be blank', what
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	RETURN pg_catalog.btrim(value);
END
$$;
COMMENT ON FUNCTION resettle.nonblank(text, text) IS
	'The value without surrounding spaces, or an error (22023) if it is null or blank';


-- Refuse a date after today for what has happened (an application, an
-- allocation): a record dated ahead would meet a measure before its day.
CREATE FUNCTION resettle.refuse_undatable(day date, what text)
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF day OPERATOR(pg_catalog.>) resettle.today() THEN
		RAISE EXCEPTION '% % is after today (%)', what, day, resettle.today()
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Record what has happened: a date on or before today.';
	END IF;
	-- no record of this work is older than the people it is about (the
	-- bound of a date of birth): not -infinity, not 4714 BC
	IF day OPERATOR(pg_catalog.<) '1900-01-01'::date THEN
		RAISE EXCEPTION '% % is before 1900', what, day
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Give the day it happened, as dd/mm/yyyy or yyyy-mm-dd.';
	END IF;
END
$$;
COMMENT ON FUNCTION resettle.refuse_undatable(date, text) IS
	'An error (22023) naming what is dated if the day is after today or before 1900';

/*
 * Pathway status: one row per pathway.  A note not given is kept; an empty
 * one clears it (a note is never lost silently).
 */
CREATE FUNCTION resettle.record_pathway_status(
	prison_number text, pathway text, status text, note text DEFAULT NULL)
RETURNS TABLE (custody_id bigint, readiness resettle.readiness_level, gaps text)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	INSERT INTO resettle_internal.pathway_status AS s (custody_id, pathway, status, note, updated_on)
	VALUES (resettle.open_custody_id($1),
		resettle.valid_value($2, 'pathway',
			pg_catalog.enum_range(NULL::resettle.pathway)::text[])::resettle.pathway,
		resettle.valid_value($3, 'pathway status',
			pg_catalog.enum_range(NULL::resettle.pathway_state)::text[])::resettle.pathway_state,
		NULLIF($4, ''), resettle.today())
	ON CONFLICT (custody_id, pathway) DO UPDATE
		SET status = excluded.status,
		    note = CASE WHEN $4 IS NULL THEN s.note ELSE excluded.note END,
		    updated_on = excluded.updated_on;
	SELECT c.id, c.readiness, pg_catalog.array_to_string(c.readiness_gaps, ' ')
	FROM resettle_internal.custody AS c
	WHERE c.id = resettle.open_custody_id($1);
END;
COMMENT ON FUNCTION resettle.record_pathway_status(text, text, text, text) IS
	'Record a pathway status (and note) on a person''s open case; returns the case''s new readiness';

/*
 * Support need: one row per need; its note as a pathway's.
 */
CREATE FUNCTION resettle.record_support_need(prison_number text, need text, status text,
	note text DEFAULT NULL)
RETURNS TABLE (custody_id bigint, readiness resettle.readiness_level, gaps text)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	INSERT INTO resettle_internal.support_need AS n (custody_id, need, status, note, updated_on)
	VALUES (resettle.open_custody_id($1),
		resettle.valid_value($2, 'support need',
			resettle.constraint_values('resettle.support_need'::regclass, 'support_need_valid')),
		resettle.valid_value($3, 'support need status',
			resettle.constraint_values('resettle.support_need'::regclass, 'support_need_status_valid')),
		NULLIF($4, ''), resettle.today())
	ON CONFLICT (custody_id, need) DO UPDATE
		SET status = excluded.status,
		    note = CASE WHEN $4 IS NULL THEN n.note ELSE excluded.note END,
		    updated_on = excluded.updated_on;
	SELECT c.id, c.readiness, pg_catalog.array_to_string(c.readiness_gaps, ' ')
	FROM resettle_internal.custody AS c
	WHERE c.id = resettle.open_custody_id($1);
END;
COMMENT ON FUNCTION resettle.record_support_need(text, text, text, text) IS
	'Record a support need''s status (and note) on a person''s open case; returns the case''s new readiness';

/*
 * ID document: one current record per document type.  The latest row of
 * that type is updated, else a row is inserted.  An application
 * (application_pending) is dated applied_on, by default today, or the date
 * of the pending application it updates; an outcome keeps its
 * application's date (today when none was recorded); a document held keeps
 * any date it had.
 */
CREATE FUNCTION resettle.record_id_document(
	prison_number text, document_type text, status text,
	applied_on date DEFAULT NULL, status_on date DEFAULT NULL)
RETURNS TABLE (custody_id bigint, readiness resettle.readiness_level, gaps text)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT resettle.refuse_undatable($4, 'the application date (--applied)'),
	       resettle.refuse_undatable($5, 'the status date');
	WITH arg AS (
		SELECT resettle.open_custody_id($1) AS id,
		       resettle.valid_value($2, 'ID document type',
		           resettle.constraint_values('resettle.id_document'::regclass, 'id_document_type_valid')) AS doc,
		       resettle.valid_value($3, 'ID document status',
		           resettle.constraint_values('resettle.id_document'::regclass, 'id_document_status_valid')) AS status
	), cur AS (
		SELECT d.id FROM resettle_internal.id_document AS d, arg
		WHERE d.custody_id = arg.id AND d.document_type = arg.doc
		ORDER BY d.id DESC LIMIT 1
	), upd AS (
		UPDATE resettle_internal.id_document AS d
		SET status = arg.status,
		    applied_on = CASE
		        WHEN arg.status = 'held' THEN COALESCE($4, d.applied_on)
		        WHEN arg.status = 'application_pending' AND d.status <> 'application_pending'
		            THEN COALESCE($4, resettle.today())
		        ELSE COALESCE($4, d.applied_on, resettle.today()) END,
		    status_on = COALESCE($5, resettle.today())
		FROM arg, cur
		WHERE d.id = cur.id
		RETURNING d.id
	)
	INSERT INTO resettle_internal.id_document (custody_id, document_type, status, applied_on, status_on)
	SELECT arg.id, arg.doc, arg.status,
	       CASE WHEN arg.status = 'held' THEN $4 ELSE COALESCE($4, resettle.today()) END,
	       COALESCE($5, resettle.today())
	FROM arg
	WHERE NOT EXISTS (SELECT FROM cur);
	SELECT c.id, c.readiness, pg_catalog.array_to_string(c.readiness_gaps, ' ')
	FROM resettle_internal.custody AS c
	WHERE c.id = resettle.open_custody_id($1);
END;
COMMENT ON FUNCTION resettle.record_id_document(text, text, text, date, date) IS
	'Record an ID document held or applied for (one current record per type); returns the case''s new readiness';

/*
 * Bank account.  pending records an application: a new row (the rules read
 * the latest application), unless the latest application is still pending,
 * which is updated.  An outcome (opened, declined, returned_*) updates the
 * latest application, which must be pending.  held records an account
 * held: the latest such row is updated, else one is inserted.  The latest
 * application is the one the rules read (resettle.case_facts; docs/rules.md
 * "The latest bank application"): applied for last, of the same day one
 * pending or opened before one that failed, then the later status date,
 * then the later record.
 */
CREATE FUNCTION resettle.record_bank_account(
	prison_number text, status text, applied_on date DEFAULT NULL,
	status_on date DEFAULT NULL, bank_name text DEFAULT NULL)
RETURNS TABLE (custody_id bigint, readiness resettle.readiness_level, gaps text)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT resettle.refuse_undatable($3, 'the application date (--applied)'),
	       resettle.refuse_undatable($4, 'the status date');
	-- an outcome needs a pending application
	SELECT resettle.refuse_update('55000',
		pg_catalog.format('no pending bank account application for prison number "%s"', $1),
		pg_catalog.format('An outcome (%s) is recorded on the latest application, which must be pending.',
			pg_catalog.array_to_string(pg_catalog.array_remove(pg_catalog.array_remove(
				resettle.constraint_values('resettle.bank_account'::regclass, 'bank_account_status_valid'),
				'held'), 'pending'), ', ')),
		'Record the application first with status pending.')
	FROM (SELECT resettle.open_custody_id($1) AS id,
	             resettle.valid_value($2, 'bank account status',
	                 resettle.constraint_values('resettle.bank_account'::regclass, 'bank_account_status_valid')) AS status) AS arg
	WHERE arg.status NOT IN ('held', 'pending')
	  AND NOT COALESCE((SELECT b.status = 'pending' FROM resettle_internal.bank_account AS b
	                    WHERE b.custody_id = arg.id AND b.status <> 'held'
	                    ORDER BY b.applied_on DESC, b.status IN ('pending', 'opened') DESC,
	                             b.status_on DESC, b.id DESC LIMIT 1), false);
	WITH arg AS (
		SELECT resettle.open_custody_id($1) AS id,
		       resettle.valid_value($2, 'bank account status',
		           resettle.constraint_values('resettle.bank_account'::regclass, 'bank_account_status_valid')) AS status
	), latest AS (
		-- the latest application, if it is pending; or the latest account held
		SELECT l.id FROM arg CROSS JOIN LATERAL (
			SELECT b.id, b.status FROM resettle_internal.bank_account AS b
			WHERE b.custody_id = arg.id
			  AND (b.status = 'held') = (arg.status = 'held')
			-- an account held: the last recorded; an application: the latest
			ORDER BY CASE WHEN arg.status = 'held' THEN b.id END DESC,
			         b.applied_on DESC, b.status IN ('pending', 'opened') DESC,
			         b.status_on DESC, b.id DESC LIMIT 1) AS l
		WHERE arg.status = 'held' OR l.status = 'pending'
	), upd AS (
		UPDATE resettle_internal.bank_account AS b
		SET status = arg.status,
		    applied_on = CASE WHEN arg.status = 'held' THEN COALESCE($3, b.applied_on)
		                      ELSE COALESCE($3, b.applied_on, resettle.today()) END,
		    status_on = COALESCE($4, resettle.today()),
		    bank_name = COALESCE($5, b.bank_name)
		FROM arg, latest
		WHERE b.id = latest.id
		RETURNING b.id
	)
	INSERT INTO resettle_internal.bank_account (custody_id, bank_name, status, applied_on, status_on)
	SELECT arg.id, $5, arg.status,
	       CASE WHEN arg.status = 'held' THEN $3 ELSE COALESCE($3, resettle.today()) END,
	       COALESCE($4, resettle.today())
	FROM arg
	WHERE arg.status IN ('held', 'pending') AND NOT EXISTS (SELECT FROM latest);
	SELECT c.id, c.readiness, pg_catalog.array_to_string(c.readiness_gaps, ' ')
	FROM resettle_internal.custody AS c
	WHERE c.id = resettle.open_custody_id($1);
END;
COMMENT ON FUNCTION resettle.record_bank_account(text, text, date, date, text) IS
	'Record a bank account application, its outcome, or an account held; returns the case''s new readiness';

/*
 * Accommodation: one row per case.  A null argument leaves its field as it
 * is (for a new row: the column's default).  An address can be confirmed
 * only with a release plan (accommodation_confirmed_needs_plan): checked
 * first, for a message that says so.
 */
CREATE FUNCTION resettle.record_accommodation(
	prison_number text, release_plan text DEFAULT NULL, address_confirmed boolean DEFAULT NULL,
	at_risk_of_homelessness boolean DEFAULT NULL, lived_before text DEFAULT NULL,
	duty_to_refer_on date DEFAULT NULL)
RETURNS TABLE (custody_id bigint, readiness resettle.readiness_level, gaps text)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT resettle.refuse_undatable($6, 'the duty to refer date (--duty-to-refer)');
	SELECT resettle.refuse_update('22023',
		'an address cannot be confirmed without a release plan',
		pg_catalog.format('The release plan is %s.', x.plan),
		'Give the release plan, one of: ' OPERATOR(pg_catalog.||) pg_catalog.array_to_string(ARRAY(
			SELECT p FROM pg_catalog.unnest(resettle.constraint_values('resettle.accommodation'::regclass,
				'accommodation_release_plan_valid')) AS p
			WHERE p <> ALL (resettle.constraint_values('resettle.accommodation'::regclass,
				'accommodation_confirmed_needs_plan'))), ', ') OPERATOR(pg_catalog.||) '.')
	FROM (SELECT COALESCE(CASE WHEN $2 IS NOT NULL THEN resettle.valid_value($2, 'release plan',
	                          resettle.constraint_values('resettle.accommodation'::regclass,
	                              'accommodation_release_plan_valid')) END,
	                      a.release_plan, 'no_answer') AS plan,
	             COALESCE($3, a.address_confirmed, false) AS confirmed
	      FROM (SELECT resettle.open_custody_id($1) AS id) AS arg
	      LEFT JOIN resettle_internal.accommodation AS a ON a.custody_id = arg.id) AS x
	WHERE x.confirmed
	  AND x.plan = ANY (resettle.constraint_values('resettle.accommodation'::regclass,
	                        'accommodation_confirmed_needs_plan'));
	-- the row proposed is the stored one with the fields given: the
	-- constraints are checked on it before ON CONFLICT
	INSERT INTO resettle_internal.accommodation AS a (custody_id, lived_before, release_plan,
		address_confirmed, at_risk_of_homelessness, duty_to_refer_on, updated_on)
	SELECT arg.id, COALESCE(arg.lived_before, cur.lived_before),
	       COALESCE(arg.plan, cur.release_plan, 'no_answer'),
	       COALESCE($3, cur.address_confirmed, false),
	       COALESCE($4, cur.at_risk_of_homelessness, false),
	       COALESCE($6, cur.duty_to_refer_on), resettle.today()
	FROM (SELECT resettle.open_custody_id($1) AS id,
	             CASE WHEN $2 IS NOT NULL THEN resettle.valid_value($2, 'release plan',
	                 resettle.constraint_values('resettle.accommodation'::regclass,
	                     'accommodation_release_plan_valid')) END AS plan,
	             CASE WHEN $5 IS NOT NULL THEN resettle.valid_value($5, 'accommodation lived in before custody',
	                 resettle.constraint_values('resettle.accommodation'::regclass,
	                     'accommodation_lived_before_valid')) END AS lived_before) AS arg
	LEFT JOIN resettle_internal.accommodation AS cur ON cur.custody_id = arg.id
	ON CONFLICT (custody_id) DO UPDATE
		SET lived_before = excluded.lived_before, release_plan = excluded.release_plan,
		    address_confirmed = excluded.address_confirmed,
		    at_risk_of_homelessness = excluded.at_risk_of_homelessness,
		    duty_to_refer_on = excluded.duty_to_refer_on, updated_on = excluded.updated_on;
	SELECT c.id, c.readiness, pg_catalog.array_to_string(c.readiness_gaps, ' ')
	FROM resettle_internal.custody AS c
	WHERE c.id = resettle.open_custody_id($1);
END;
COMMENT ON FUNCTION resettle.record_accommodation(text, text, boolean, boolean, text, date) IS
	'Record the accommodation plan (a null argument leaves its field unchanged); returns the case''s new readiness';

/*
 * Handover checklist: set (done) or clear (not_done) one item, a boolean
 * column of resettle.handover_checklist.
 */
CREATE FUNCTION resettle.record_handover_checklist(prison_number text, item text, status text)
RETURNS TABLE (custody_id bigint, readiness resettle.readiness_level, gaps text)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	WITH arg AS (
		SELECT resettle.open_custody_id($1) AS id,
		       resettle.valid_value($2, 'handover checklist item', ARRAY(
		           SELECT t.attname::text FROM pg_catalog.pg_attribute AS t
		           WHERE t.attrelid = 'resettle.handover_checklist'::regclass
		             AND t.atttypid = 'boolean'::regtype AND t.attnum > 0 AND NOT t.attisdropped
		           ORDER BY t.attnum)) AS item,
		       resettle.valid_value($3, 'handover checklist status',
		           ARRAY['done', 'not_done']) = 'done' AS done
	)
	INSERT INTO resettle_internal.handover_checklist AS h (custody_id, reviewed_oasys, contacted_com,
		attended_handover_meeting, sent_handover_report, updated_on)
	SELECT arg.id, arg.item = 'reviewed_oasys' AND arg.done, arg.item = 'contacted_com' AND arg.done,
	       arg.item = 'attended_handover_meeting' AND arg.done,
	       arg.item = 'sent_handover_report' AND arg.done, resettle.today()
	FROM arg
	ON CONFLICT (custody_id) DO UPDATE
		SET reviewed_oasys = CASE WHEN (SELECT item FROM arg) = 'reviewed_oasys'
		                          THEN (SELECT done FROM arg) ELSE h.reviewed_oasys END,
		    contacted_com = CASE WHEN (SELECT item FROM arg) = 'contacted_com'
		                         THEN (SELECT done FROM arg) ELSE h.contacted_com END,
		    attended_handover_meeting = CASE WHEN (SELECT item FROM arg) = 'attended_handover_meeting'
		                                     THEN (SELECT done FROM arg) ELSE h.attended_handover_meeting END,
		    sent_handover_report = CASE WHEN (SELECT item FROM arg) = 'sent_handover_report'
		                                THEN (SELECT done FROM arg) ELSE h.sent_handover_report END,
		    updated_on = excluded.updated_on;
	SELECT c.id, c.readiness, pg_catalog.array_to_string(c.readiness_gaps, ' ')
	FROM resettle_internal.custody AS c
	WHERE c.id = resettle.open_custody_id($1);
END;
COMMENT ON FUNCTION resettle.record_handover_checklist(text, text, text) IS
	'Set (done) or clear (not_done) a handover checklist item; returns the case''s new readiness';

/*
 * An assessment (immediate needs or pre-release) of one pathway, or of
 * every pathway (pathway NULL): the resettlement reports the rules read.
 * A completed or submitted one is dated completed_on, by default today;
 * one not completed has no date.
 */
CREATE FUNCTION resettle.record_assessment(
	prison_number text, assessment_type text, status text, pathway text DEFAULT NULL,
	completed_on date DEFAULT NULL)
RETURNS TABLE (custody_id bigint, readiness resettle.readiness_level, gaps text)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT resettle.refuse_undatable($5, 'the completion date (--completed)');
	WITH arg AS (
		SELECT resettle.open_custody_id($1) AS id,
		       resettle.valid_value($2, 'assessment',
		           resettle.constraint_values('resettle.assessment'::regclass, 'assessment_type_valid')) AS kind,
		       resettle.valid_value($3, 'assessment status',
		           resettle.constraint_values('resettle.assessment'::regclass, 'assessment_status_valid')) AS status,
		       CASE WHEN $4 IS NOT NULL THEN resettle.valid_value($4, 'pathway',
		           pg_catalog.enum_range(NULL::resettle.pathway)::text[])::resettle.pathway END AS pathway
	)
	INSERT INTO resettle_internal.assessment AS a (custody_id, pathway, assessment_type, status, completed_on)
	SELECT arg.id, p.pathway, arg.kind, arg.status,
	       CASE WHEN arg.status IN ('complete', 'submitted') THEN COALESCE($5, resettle.today()) END
	FROM arg
	CROSS JOIN LATERAL pg_catalog.unnest(CASE WHEN arg.pathway IS NULL
		THEN pg_catalog.enum_range(NULL::resettle.pathway) ELSE ARRAY[arg.pathway] END) AS p (pathway)
	ON CONFLICT (custody_id, assessment_type, pathway) DO UPDATE
		SET status = excluded.status, completed_on = excluded.completed_on;
	SELECT c.id, c.readiness, pg_catalog.array_to_string(c.readiness_gaps, ' ')
	FROM resettle_internal.custody AS c
	WHERE c.id = resettle.open_custody_id($1);
END;
COMMENT ON FUNCTION resettle.record_assessment(text, text, text, text, date) IS
	'Record an assessment (immediate needs or pre-release) of one pathway or of every pathway; returns the case''s new readiness';

/*
 * The COM (community offender manager) allocated.  A new name without an
 * email clears the former COM's email; the allocation date defaults to
 * today for a new COM and is kept for the same one.
 */
CREATE FUNCTION resettle.record_com(
	prison_number text, com_name text, com_email text DEFAULT NULL,
	com_allocated_on date DEFAULT NULL)
RETURNS TABLE (custody_id bigint, readiness resettle.readiness_level, gaps text)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT resettle.refuse_undatable($4, 'the COM allocation date (--allocated)');
	UPDATE resettle_internal.custody AS c
	SET com_name = resettle.nonblank($2, 'COM name'),
	    com_email = CASE
	        WHEN $3 IS NOT NULL THEN NULLIF(pg_catalog.btrim($3), '')
	        WHEN c.com_name IS DISTINCT FROM resettle.nonblank($2, 'COM name') THEN NULL
	        ELSE c.com_email END,
	    com_allocated_on = CASE
	        WHEN $4 IS NOT NULL THEN $4
	        WHEN c.com_name IS DISTINCT FROM resettle.nonblank($2, 'COM name') THEN resettle.today()
	        ELSE COALESCE(c.com_allocated_on, resettle.today()) END
	WHERE c.id = resettle.open_custody_id($1);
	SELECT c.id, c.readiness, pg_catalog.array_to_string(c.readiness_gaps, ' ')
	FROM resettle_internal.custody AS c
	WHERE c.id = resettle.open_custody_id($1);
END;
COMMENT ON FUNCTION resettle.record_com(text, text, text, date) IS
	'Record the COM allocated (name, email, date) on a person''s open case; returns the case''s new readiness';

/*
 * The set functions: each record_*() with the readiness before.  The
 * statement's snapshot precedes the write (made by the function it calls,
 * whose statements take later snapshots), so b is the case before.  They
 * return the level before and after, the gaps the write closed and opened
 * (rule codes, in the order of the rule catalogue), and the gaps before and
 * after.
 */

CREATE FUNCTION resettle.set_pathway_status(
	prison_number text, pathway text, status text, note text DEFAULT NULL)
RETURNS TABLE (custody_id bigint, readiness_before resettle.readiness_level,
	readiness resettle.readiness_level, gaps_closed text, gaps_opened text,
	gaps_before text, gaps text)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT b.id, r.*
	FROM resettle_internal.custody AS b
	CROSS JOIN LATERAL resettle.record_pathway_status(b.prison_number::text, $2, $3, $4) AS a
	CROSS JOIN LATERAL resettle.readiness_compared(b.readiness, b.readiness_gaps, a.readiness, a.gaps) AS r
	WHERE b.id = resettle.open_custody_id($1);
END;
COMMENT ON FUNCTION resettle.set_pathway_status(text, text, text, text) IS
	'Record a pathway status (and note) on a person''s open case; returns the case''s readiness and gaps before and after';

CREATE FUNCTION resettle.set_support_need(
	prison_number text, need text, status text, note text DEFAULT NULL)
RETURNS TABLE (custody_id bigint, readiness_before resettle.readiness_level,
	readiness resettle.readiness_level, gaps_closed text, gaps_opened text,
	gaps_before text, gaps text)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT b.id, r.*
	FROM resettle_internal.custody AS b
	CROSS JOIN LATERAL resettle.record_support_need(b.prison_number::text, $2, $3, $4) AS a
	CROSS JOIN LATERAL resettle.readiness_compared(b.readiness, b.readiness_gaps, a.readiness, a.gaps) AS r
	WHERE b.id = resettle.open_custody_id($1);
END;
COMMENT ON FUNCTION resettle.set_support_need(text, text, text, text) IS
	'Record a support need''s status (and note) on a person''s open case; returns the case''s readiness and gaps before and after';

CREATE FUNCTION resettle.set_id_document(
	prison_number text, document_type text, status text,
	applied_on date DEFAULT NULL, status_on date DEFAULT NULL)
RETURNS TABLE (custody_id bigint, readiness_before resettle.readiness_level,
	readiness resettle.readiness_level, gaps_closed text, gaps_opened text,
	gaps_before text, gaps text)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT b.id, r.*
	FROM resettle_internal.custody AS b
	CROSS JOIN LATERAL resettle.record_id_document(b.prison_number::text, $2, $3, $4, $5) AS a
	CROSS JOIN LATERAL resettle.readiness_compared(b.readiness, b.readiness_gaps, a.readiness, a.gaps) AS r
	WHERE b.id = resettle.open_custody_id($1);
END;
COMMENT ON FUNCTION resettle.set_id_document(text, text, text, date, date) IS
	'Record an ID document held or applied for; returns the case''s readiness and gaps before and after';

CREATE FUNCTION resettle.set_bank_account(
	prison_number text, status text, applied_on date DEFAULT NULL,
	status_on date DEFAULT NULL, bank_name text DEFAULT NULL)
RETURNS TABLE (custody_id bigint, readiness_before resettle.readiness_level,
	readiness resettle.readiness_level, gaps_closed text, gaps_opened text,
	gaps_before text, gaps text)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT b.id, r.*
	FROM resettle_internal.custody AS b
	CROSS JOIN LATERAL resettle.record_bank_account(b.prison_number::text, $2, $3, $4, $5) AS a
	CROSS JOIN LATERAL resettle.readiness_compared(b.readiness, b.readiness_gaps, a.readiness, a.gaps) AS r
	WHERE b.id = resettle.open_custody_id($1);
END;
COMMENT ON FUNCTION resettle.set_bank_account(text, text, date, date, text) IS
	'Record a bank account application, its outcome, or an account held; returns the case''s readiness and gaps before and after';

CREATE FUNCTION resettle.set_accommodation(
	prison_number text, release_plan text DEFAULT NULL, address_confirmed boolean DEFAULT NULL,
	at_risk_of_homelessness boolean DEFAULT NULL, lived_before text DEFAULT NULL,
	duty_to_refer_on date DEFAULT NULL)
RETURNS TABLE (custody_id bigint, readiness_before resettle.readiness_level,
	readiness resettle.readiness_level, gaps_closed text, gaps_opened text,
	gaps_before text, gaps text)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT b.id, r.*
	FROM resettle_internal.custody AS b
	CROSS JOIN LATERAL resettle.record_accommodation(b.prison_number::text, $2, $3, $4, $5, $6) AS a
	CROSS JOIN LATERAL resettle.readiness_compared(b.readiness, b.readiness_gaps, a.readiness, a.gaps) AS r
	WHERE b.id = resettle.open_custody_id($1);
END;
COMMENT ON FUNCTION resettle.set_accommodation(text, text, boolean, boolean, text, date) IS
	'Record the accommodation plan; returns the case''s readiness and gaps before and after';

CREATE FUNCTION resettle.set_handover_checklist(
	prison_number text, item text, status text)
RETURNS TABLE (custody_id bigint, readiness_before resettle.readiness_level,
	readiness resettle.readiness_level, gaps_closed text, gaps_opened text,
	gaps_before text, gaps text)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT b.id, r.*
	FROM resettle_internal.custody AS b
	CROSS JOIN LATERAL resettle.record_handover_checklist(b.prison_number::text, $2, $3) AS a
	CROSS JOIN LATERAL resettle.readiness_compared(b.readiness, b.readiness_gaps, a.readiness, a.gaps) AS r
	WHERE b.id = resettle.open_custody_id($1);
END;
COMMENT ON FUNCTION resettle.set_handover_checklist(text, text, text) IS
	'Set or clear a handover checklist item; returns the case''s readiness and gaps before and after';

CREATE FUNCTION resettle.set_assessment(
	prison_number text, assessment_type text, status text, pathway text DEFAULT NULL,
	completed_on date DEFAULT NULL)
RETURNS TABLE (custody_id bigint, readiness_before resettle.readiness_level,
	readiness resettle.readiness_level, gaps_closed text, gaps_opened text,
	gaps_before text, gaps text)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT b.id, r.*
	FROM resettle_internal.custody AS b
	CROSS JOIN LATERAL resettle.record_assessment(b.prison_number::text, $2, $3, $4, $5) AS a
	CROSS JOIN LATERAL resettle.readiness_compared(b.readiness, b.readiness_gaps, a.readiness, a.gaps) AS r
	WHERE b.id = resettle.open_custody_id($1);
END;
COMMENT ON FUNCTION resettle.set_assessment(text, text, text, text, date) IS
	'Record an assessment of one pathway or of every pathway; returns the case''s readiness and gaps before and after';

CREATE FUNCTION resettle.set_com(
	prison_number text, com_name text, com_email text DEFAULT NULL,
	com_allocated_on date DEFAULT NULL)
RETURNS TABLE (custody_id bigint, readiness_before resettle.readiness_level,
	readiness resettle.readiness_level, gaps_closed text, gaps_opened text,
	gaps_before text, gaps text)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET jit = off
BEGIN ATOMIC
	SELECT b.id, r.*
	FROM resettle_internal.custody AS b
	CROSS JOIN LATERAL resettle.record_com(b.prison_number::text, $2, $3, $4) AS a
	CROSS JOIN LATERAL resettle.readiness_compared(b.readiness, b.readiness_gaps, a.readiness, a.gaps) AS r
	WHERE b.id = resettle.open_custody_id($1);
END;
COMMENT ON FUNCTION resettle.set_com(text, text, text, date) IS
	'Record the COM allocated; returns the case''s readiness and gaps before and after';
