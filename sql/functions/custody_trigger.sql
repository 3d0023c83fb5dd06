
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
