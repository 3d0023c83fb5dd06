/*
 * resettle: prison leavers' resettlement cases under OMiC.
 *
 * This install script is assembled by the Makefile from the files under
 * sql/ (one concern per file); edit those, not the assembled script.
 * Every name is schema-qualified: the extension is not relocatable and its
 * C triggers name these objects.
 */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION resettle" to load this file. \quit

COMMENT ON SCHEMA resettle IS 'Resettlement cases for prison leavers under OMiC';
