
/*
 * Operational handover flags of MPC (reference/domain.md §2.5).  Plain SQL
 * so the planner inlines them into analysts' queries.
 */

-- CustodyOnly and HD - 56 days <= as_of < HD: the POM is reminded.  Both
-- bounds are on handover_date itself, so an index on it serves the window
-- (since 1.1).
CREATE FUNCTION resettle.handover_upcoming(
	responsibility resettle.responsibility, handover_date date,
	as_of date DEFAULT CURRENT_DATE, window_days integer DEFAULT 56)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT responsibility = 'custody_only'
		AND handover_date <= as_of + window_days
		AND handover_date > as_of
$$;
COMMENT ON FUNCTION resettle.handover_upcoming(resettle.responsibility, date, date, integer) IS
	'Handover due within the window (default 56 days) and the POM still alone responsible';

-- COM responsible since HD, no COM recorded, and two days gone.
CREATE FUNCTION resettle.com_allocation_overdue(
	responsibility resettle.responsibility, handover_date date,
	com_name text, com_email text, as_of date DEFAULT CURRENT_DATE)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT responsibility = 'community'
		AND handover_date IS NOT NULL
		AND com_name IS NULL AND com_email IS NULL
		AND as_of >= handover_date + 2
$$;
COMMENT ON FUNCTION resettle.com_allocation_overdue(resettle.responsibility, date, text, text, date) IS
	'COM responsible, no COM allocated, and as_of at least two days after the handover date';

-- A COM is supporting or responsible but none is named.
CREATE FUNCTION resettle.needs_com(responsibility resettle.responsibility, com_name text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT responsibility IN ('custody_with_com', 'community') AND com_name IS NULL
$$;
COMMENT ON FUNCTION resettle.needs_com(resettle.responsibility, text) IS
	'A COM is supporting or responsible but none is recorded';

-- missing (no calculation) / none (determinate_short) / enhanced / standard
CREATE FUNCTION resettle.handover_type(handover_reason text, enhanced_handover boolean)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT CASE
		WHEN handover_reason IS NULL OR handover_reason LIKE 'out\_of\_scope\_%' THEN 'missing'
		WHEN handover_reason = 'determinate_short' THEN 'none'
		WHEN enhanced_handover IS NOT FALSE THEN 'enhanced'
		ELSE 'standard'
	END
$$;
COMMENT ON FUNCTION resettle.handover_type(text, boolean) IS
	'Handover type: missing, none, enhanced (enhanced resourcing unknown or true) or standard';
