/*
 * resettle 1.1 to 1.2.  The statements that change 1.1's objects in place
 * (this file), then the parts new in 1.2 (UPGRADE_1_2_PARTS), the same files
 * the 1.2 install script holds, so an upgraded database equals a fresh
 * install (test/t/040_upgrade.pl).  After upgrading, run
 * resettle.grant_roles() again so the roles get the new objects
 * (docs/operations.md "Upgrading").
 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION resettle UPDATE TO '1.2'" to load this file. \quit

/*
 * Interim, until the access-model upgrade replaces it (branch
 * analyst-disclosure): 1.2 replaces everything sql/access/analyst_views.sql
 * defines.  Drop 1.1's objects of that file here; the file itself is
 * appended to this script (UPGRADE_1_2_RECREATED in the Makefile).
 */
DROP VIEW resettle.analyst_cases, resettle.analyst_release_outcomes,
	resettle.analyst_readiness_history, resettle.analyst_releases_due, resettle.analyst_handovers;
DROP FUNCTION resettle.age_band(date, date);
