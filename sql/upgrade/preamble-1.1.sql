/*
 * resettle 1.0 to 1.1.  Assembled by the Makefile from the parts new in
 * 1.1 (UPGRADE_1_1_PARTS), the same files the 1.1 install script holds, so
 * an upgraded database equals a fresh install (test/t/040_upgrade.pl).
 * After upgrading, run resettle.grant_roles() again so the roles get the
 * new objects (docs/operations.md "Upgrading").
 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION resettle UPDATE TO '1.1'" to load this file. \quit
