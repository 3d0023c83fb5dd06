
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
