
/*
 * New in 1.2: the layout of custody, kept by the DBA (docs/operations.md
 * "Keeping a prison's cases together").  Cases arrive in id order, prisons
 * interleaved, so a prison's cases in custody lie one to a heap page; a
 * per-prison list (resettle.gaps(), handovers()) then reads a page for
 * each case it shows, and a new backend pays for the first touch of every
 * page.  CLUSTER resettle.custody (after a bulk load, and monthly) puts a
 * prison's episodes together, by release date: its open cases on about a
 * sixth of the pages.  Every open episode is rewritten each day (the
 * refresh moves readiness_as_of on), and an updated row stays on its page
 * only where the page has room for it: half of each page is kept free, so
 * the daily rewrites keep the order.  New episodes go wherever there is
 * room, so the order wears off as the population turns over, until the
 * next CLUSTER.
 */
ALTER TABLE resettle.custody SET (fillfactor = 50);
ALTER TABLE resettle.custody CLUSTER ON custody_prison_release_idx;
