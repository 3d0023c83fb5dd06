
/*
 * The handover in SQL: MPC's operational flags (reference/domain.md §2.5)
 * and the handover of a stored custody row.  SQL-standard bodies (RETURN,
 * BEGIN ATOMIC): they are parsed when created, so the operators and
 * functions they use are fixed then and no caller's search_path can
 * capture them, and the planner still inlines the flags into the views and
 * analysts' queries (docs/security.md "search_path").
 */

-- CustodyOnly and HD - 56 days <= as_of < HD: the POM is reminded.  Both
-- bounds are on handover_date itself, so an index on it serves the window
-- (since 1.1).
CREATE FUNCTION resettle.handover_upcoming(
	responsibility resettle.responsibility, handover_date date,
	as_of date DEFAULT CURRENT_DATE, window_days integer DEFAULT 56)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN responsibility = 'custody_only'
	AND handover_date <= as_of + window_days
	AND handover_date > as_of;
COMMENT ON FUNCTION resettle.handover_upcoming(resettle.responsibility, date, date, integer) IS
	'Handover due within the window (default 56 days) and the POM still alone responsible';

/*
 * A COM is recorded when the episode has a COM name or a COM email (new in
 * 1.2; docs/rules.md "A COM is recorded").  custody_derive stores a blank
 * one (empty or white space, resettle.is_blank()) as NULL and the
 * constraint custody_com_name_not_blank keeps blank names out, so on the
 * stored columns "recorded" is "not NULL".  The readiness rules
 * (resettle.case_facts), the flags below, the case lists and the release
 * outcome all read it this way.
 */
CREATE FUNCTION resettle.com_recorded(com_name text, com_email text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN com_name IS NOT NULL OR com_email IS NOT NULL;
COMMENT ON FUNCTION resettle.com_recorded(text, text) IS
	'A COM is recorded: a COM name or email (stored blank ones are NULL)';

-- COM responsible since HD, no COM recorded, and two days gone.  The
-- bound is on handover_date itself, so an index on it serves the list;
-- the planner turns NOT com_recorded() into the IS NULL tests of the
-- partial index custody_com_unallocated_idx.
CREATE FUNCTION resettle.com_allocation_overdue(
	responsibility resettle.responsibility, handover_date date,
	com_name text, com_email text, as_of date DEFAULT CURRENT_DATE)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN responsibility = 'community'
	AND handover_date IS NOT NULL
	AND NOT resettle.com_recorded(com_name, com_email)
	AND handover_date <= as_of - 2;
COMMENT ON FUNCTION resettle.com_allocation_overdue(resettle.responsibility, date, text, text, date) IS
	'COM responsible, no COM recorded (name or email), and as_of at least two days after the handover date';

-- A COM is supporting or responsible but none is recorded (1.2 added the
-- email: an email alone records a COM, as for com_allocation_overdue).
CREATE FUNCTION resettle.needs_com(responsibility resettle.responsibility, com_name text,
	com_email text DEFAULT NULL)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN responsibility IN ('custody_with_com', 'community')
	AND NOT resettle.com_recorded(com_name, com_email);
COMMENT ON FUNCTION resettle.needs_com(resettle.responsibility, text, text) IS
	'A COM is supporting or responsible but none is recorded (no COM name or email)';

-- missing (no calculation) / none (determinate_short) / enhanced / standard
CREATE FUNCTION resettle.handover_type(handover_reason text, enhanced_handover boolean)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
	WHEN handover_reason IS NULL OR handover_reason LIKE 'out\_of\_scope\_%' THEN 'missing'
	WHEN handover_reason = 'determinate_short' THEN 'none'
	WHEN enhanced_handover IS NOT FALSE THEN 'enhanced'
	ELSE 'standard'
END;
COMMENT ON FUNCTION resettle.handover_type(text, boolean) IS
	'Handover type: missing, none, enhanced (enhanced resourcing unknown or true) or standard';

/*
 * The handover of a stored custody row, as of any date.  It reads the
 * person's date of birth (under 18s are out of scope), so it runs with the
 * caller's rights: row security decides whether that person is visible.
 */
CREATE FUNCTION resettle.handover(
	c resettle.custody,
	as_of date DEFAULT CURRENT_DATE,
	OUT responsibility resettle.responsibility,
	OUT start_date date,
	OUT handover_date date,
	OUT reason text)
RETURNS record
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT h.responsibility, h.start_date, h.handover_date, h.reason
	FROM resettle.handover(
		sentence_start => c.sentence_start, crd => c.crd, ard => c.ard,
		ped => c.ped, ted => c.ted, thd => c.thd,
		indeterminate => c.indeterminate, recall => c.recall,
		immigration => c.immigration, early_allocation => c.early_allocation,
		open_conditions => c.open_conditions, open_since => c.open_since,
		mappa_level => c.mappa_level::integer, additional_isp => c.additional_isp,
		parole_outcome_not_release => c.parole_outcome_not_release,
		as_of => as_of, hdced => c.hdced,
		date_of_birth => (SELECT p.date_of_birth FROM resettle.person AS p
		                  WHERE p.prison_number = c.prison_number),
		remand => c.remand, civil => c.civil, release_date => c.release_date) AS h;
END;
COMMENT ON FUNCTION resettle.handover(resettle.custody, date) IS
	'OMiC handover of a custody row as of a date';
