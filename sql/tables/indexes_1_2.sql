
-- New in 1.2: a prison's releases in a window (resettle.stats() of one
-- prison, the outcome measures of a staff login), without reading every
-- prison's releases of the window.
CREATE INDEX release_outcome_prison_released_idx
	ON resettle.release_outcome (prison_code, released_on);

-- New in 1.2: a person's episodes at the caller's prisons, the only index
-- a look-up by prison number uses (prison_number::text: no index on
-- prison_number alone can serve it), so that it reads no other prison's
-- rows (sql/access/scoped_views.sql).
CREATE INDEX custody_prison_person_idx
	ON resettle.custody (prison_code, (prison_number::pg_catalog.text));

-- New in 1.2: a prison's cases in custody, by release date (the client's
-- per-prison lists), without passing over the prison's past episodes.
CREATE INDEX custody_open_prison_release_idx
	ON resettle.custody (prison_code, release_date) WHERE released_on IS NULL;
