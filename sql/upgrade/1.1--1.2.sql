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
