
/*
 * New in 1.2: each episode carries its person's name, derived like the
 * handover columns (custody_derive copies resettle.person.name when the
 * episode is written, and re-derives the open episodes of a person whose
 * name changes: extension/custody_trigger.c).  The client's lists of a
 * prison's cases (resettle.releases_due(), handovers(), gaps()) show the
 * name of every case they return: read here, a list reads no person row,
 * where a look-up of each person touched two more pages a case (their
 * index and heap), spread over the whole table (docs/benchmarks.md).
 * A released episode keeps the name it had when last written; the person's
 * own row is the name of record.
 */
ALTER TABLE resettle.custody ADD COLUMN person_name text;
COMMENT ON COLUMN resettle.custody.person_name IS
	'Derived: the person''s name (resettle.person.name) as of the episode''s last change; kept current while the episode is open';

-- Its person's sex likewise: kept current while the episode is open, and
-- as at release once released, so that a prison's release figures by sex
-- count each person as they were when it released them, not as a later
-- record elsewhere has them (seventh review of 1.2, F3).
ALTER TABLE resettle.custody ADD COLUMN person_sex text;
COMMENT ON COLUMN resettle.custody.person_sex IS
	'Derived: the person''s sex (resettle.person.sex) as of the episode''s last change while open; as at release once released';
