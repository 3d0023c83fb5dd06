
/*
 * Derived custody columns: release date and handover, recomputed on every
 * INSERT and UPDATE (extension/custody_trigger.c).
 */
CREATE FUNCTION resettle.custody_derive() RETURNS trigger
	AS 'MODULE_PATHNAME', 'custody_derive' LANGUAGE C;
COMMENT ON FUNCTION resettle.custody_derive() IS
	'Trigger: derives release_date and the handover columns of resettle.custody';

CREATE TRIGGER custody_derive
	BEFORE INSERT OR UPDATE ON resettle.custody
	FOR EACH ROW EXECUTE FUNCTION resettle.custody_derive();

/* The handover of a stored custody row, as of any date. */
CREATE FUNCTION resettle.handover(
	c resettle.custody,
	as_of date DEFAULT CURRENT_DATE,
	OUT responsibility resettle.responsibility,
	OUT start_date date,
	OUT handover_date date,
	OUT reason text)
RETURNS record
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
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
		                  WHERE p.prison_number OPERATOR(pg_catalog.=) c.prison_number),
		remand => c.remand, civil => c.civil) AS h
$$;
COMMENT ON FUNCTION resettle.handover(resettle.custody, date) IS
	'OMiC handover of a custody row as of a date';
