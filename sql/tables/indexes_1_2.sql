
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

/*
 * New in 1.2: a prison's cases in custody, for the client's per-prison
 * lists and counts.  A prison's open cases lie one to a heap page (cases
 * arrive in id order, prisons interleaved), and a new backend's first touch
 * of each page of shared buffers costs it a few microseconds, so the index
 * carries what the lists' conditions test, and a list reads from the heap
 * only the cases it returns:
 *   - stats() counts from the index alone (the stored level, the day it is
 *     as of, the id to evaluate a stale case by: an index-only scan; the
 *     heap only for pages changed since the last vacuum);
 *   - releases_due() finds its window by the third key;
 *   - gaps() finds the cases whose stored level has gaps (at_risk or
 *     not_ready: the second key), about half of a prison's, and the cases
 *     not stored as of the day without reading the others.
 * The release date is keyed with no release date as infinity, so that one
 * range is both a window of weeks and every case (resettle.gaps() without
 * weeks); a list names the same expression.  The entries stay narrow (a
 * national count reads all of them): the lists read the heap for the
 * columns they show, and only of the cases they show.  Updates of custody
 * are not HOT anyway (readiness_as_of is indexed).
 */
CREATE INDEX custody_open_prison_idx
	ON resettle.custody (prison_code, readiness, (COALESCE(release_date, 'infinity'::date)))
	INCLUDE (release_date, readiness_as_of, id)
	WHERE released_on IS NULL;
