
-- New in 1.2: a prison's releases in a window (resettle.stats() of one
-- prison, the outcome measures of a staff login), without reading every
-- prison's releases of the window.  It carries the measures stats()
-- counts, so that their count is an index-only scan: a prison's year of
-- releases lies on a few hundred heap pages, and a new backend's first
-- touch of each page of shared buffers costs it a few microseconds
-- (release outcomes are written once, so their pages stay all-visible).
CREATE INDEX release_outcome_prison_released_idx
	ON resettle.release_outcome (prison_code, released_on)
	INCLUDE (settled_accommodation, id_document, bank_account,
	         benefit_claim_needed, benefit_claim_started, gp_needed, gp_arranged,
	         handover_date, com_allocated_by_handover, family_pathway_addressed);

-- New in 1.2: a person's episodes at the caller's prisons, the only index
-- a look-up by prison number uses (prison_number::text: no index on
-- prison_number alone can serve it), so that it reads no other prison's
-- rows (sql/access/scoped_views.sql).
CREATE INDEX custody_prison_person_idx
	ON resettle.custody (prison_code, (prison_number::pg_catalog.text));

-- New in 1.2: a prison's cases in custody, by release date (the client's
-- per-prison lists), without passing over the prison's past episodes.  It
-- carries what resettle.stats() counts (the stored level, the day it is as
-- of, the id to evaluate a stale case by), so that the count of a prison's
-- cases is an index-only scan rather than a heap page a case (cases arrive
-- in id order, prisons interleaved).  readiness and readiness_as_of change
-- together when a case is recomputed on another day, which updates
-- custody_readiness_as_of_idx anyway.
CREATE INDEX custody_open_prison_release_idx
	ON resettle.custody (prison_code, release_date)
	INCLUDE (readiness_as_of, readiness, id) WHERE released_on IS NULL;
