
/*
 * Prisons of England and Wales: reference data shipped with the extension
 * (rows in sql/data/prison.sql).  Rows added locally have shipped = false
 * and are dumped by pg_dump (see sql/data/prison_local.sql); the shipped rows
 * come back with CREATE EXTENSION itself.
 */
CREATE TABLE resettle.prison (
	code text PRIMARY KEY
		CONSTRAINT prison_code_format CHECK (code ~ '^[A-Z]{3}$'),
	name text NOT NULL
		CONSTRAINT prison_name_not_blank CHECK (btrim(name) <> ''),
	country text NOT NULL
		CONSTRAINT prison_country_valid CHECK (country IN ('england', 'wales')),
	estate text NOT NULL
		CONSTRAINT prison_estate_valid CHECK (estate IN ('male', 'female')),
	open_conditions boolean NOT NULL DEFAULT false,
	contracted boolean NOT NULL DEFAULT false,
	region text NOT NULL
		CONSTRAINT prison_region_not_blank CHECK (btrim(region) <> ''),
	active boolean NOT NULL DEFAULT true,
	shipped boolean NOT NULL DEFAULT true
);
COMMENT ON TABLE resettle.prison IS
	'Prisons, YOIs and women''s establishments of England and Wales (NOMIS agency codes)';
COMMENT ON COLUMN resettle.prison.code IS 'NOMIS agency code, e.g. BXI';
COMMENT ON COLUMN resettle.prison.open_conditions IS
	'An open prison: OMiC''s open-conditions handover start date applies';
COMMENT ON COLUMN resettle.prison.contracted IS 'Run by a private contractor';
COMMENT ON COLUMN resettle.prison.region IS 'HMPPS prison group, for regional reporting';
COMMENT ON COLUMN resettle.prison.shipped IS
	'Row shipped with the extension (false for local additions, which pg_dump keeps)';
