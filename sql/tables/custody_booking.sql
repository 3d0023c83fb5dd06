
/*
 * New in 1.2: the prison feed (docs/feeds.md).  An episode is a prison
 * number with a NOMIS booking: booking_id is Prisoner Search's bookingId
 * (a JSON string of digits), NULL for an episode recorded by hand.  A
 * recall re-admitting on the same booking opens a new episode with the
 * same booking_id, so the pair is not unique: an episode of a booking is
 * the newest row with it.
 *
 * prison_feed keeps, beside the mapped columns, the Prisoner Search fields
 * of the last record imported for the episode whose mapping loses
 * information or that a mapped column was derived from (the raw PNC,
 * gender, status and movement, legal status, the release dates resettle
 * has no column for; docs/feeds.md lists them): it explains the mapped
 * values and lets a later version map them again.
 */
ALTER TABLE resettle.custody ADD COLUMN booking_id bigint
	CONSTRAINT custody_booking_id_positive CHECK (booking_id > 0);
ALTER TABLE resettle.custody ADD COLUMN prison_feed jsonb
	CONSTRAINT custody_prison_feed_object CHECK (pg_catalog.jsonb_typeof(prison_feed) = 'object');
COMMENT ON COLUMN resettle.custody.booking_id IS
	'NOMIS booking id (Prisoner Search bookingId) of the episode; NULL if recorded by hand';
COMMENT ON COLUMN resettle.custody.prison_feed IS
	'Prisoner Search fields of the last imported record that the mapping loses or derives from (docs/feeds.md)';
-- an episode of a booking is found by its person (custody_prison_number_idx):
-- a person has few episodes, so booking_id needs no index of its own

-- the part an importer plays (resettle.grant_importer_role())
ALTER TABLE resettle.access_role DROP CONSTRAINT access_role_kind_valid;
ALTER TABLE resettle.access_role ADD CONSTRAINT access_role_kind_valid
	CHECK (kind IN ('admin', 'staff', 'analyst', 'importer'));
