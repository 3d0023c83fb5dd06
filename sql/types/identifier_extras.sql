
/*
 * What each identifier type holds (reference/domain.md §5).
 */
COMMENT ON TYPE resettle.prison_number IS
	'NOMIS prison (NOMS) number, e.g. A1234BC';
COMMENT ON TYPE resettle.crn IS
	'nDelius case reference number, e.g. X320741';
COMMENT ON TYPE resettle.pnc_id IS
	'Police National Computer id YYYY/NNNNNNNC with its mod-23 check letter';
COMMENT ON TYPE resettle.cro_number IS
	'Criminal Records Office number NNNNNN/YYC or SFYY/NNNNNNC with its mod-23 check letter';
COMMENT ON TYPE resettle.nhs_number IS
	'NHS number: 10 digits with a mod-11 check digit';
COMMENT ON TYPE resettle.nino IS
	'National Insurance number, DWP strict rules, suffix A-D required';

/*
 * Two-digit PNC years depend on the date, so the type input (which must be
 * immutable) refuses them; this function takes the reference date instead.
 * YY at or below the reference year's last two digits is 20YY, else 19YY.
 */
CREATE FUNCTION resettle.pnc_id(text, as_of date) RETURNS resettle.pnc_id
	AS 'MODULE_PATHNAME', 'pnc_id_with_pivot'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION resettle.pnc_id(text, date) IS
	'PNC id from text that may use a 2-digit year, resolved against as_of';
