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

/*
 * Identifier type prison_number: 8 bytes, passed by value, stored as an int8 whose
 * order is the canonical text's byte order, so comparison and hashing reuse
 * the built-in int8 functions.
 */
CREATE TYPE resettle.prison_number;

CREATE FUNCTION resettle.prison_number_in(cstring) RETURNS resettle.prison_number
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.prison_number_out(resettle.prison_number) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.prison_number_recv(internal) RETURNS resettle.prison_number
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.prison_number_send(resettle.prison_number) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE resettle.prison_number (
	INPUT = resettle.prison_number_in,
	OUTPUT = resettle.prison_number_out,
	RECEIVE = resettle.prison_number_recv,
	SEND = resettle.prison_number_send,
	LIKE = pg_catalog.int8
);

COMMENT ON FUNCTION resettle.prison_number_in(cstring) IS 'I/O';
COMMENT ON FUNCTION resettle.prison_number_out(resettle.prison_number) IS 'I/O';
COMMENT ON FUNCTION resettle.prison_number_recv(internal) IS 'I/O';
COMMENT ON FUNCTION resettle.prison_number_send(resettle.prison_number) IS 'I/O';

CREATE FUNCTION resettle.is_valid_prison_number(text) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION resettle.is_valid_prison_number(text) IS
	'true if the text is a valid prison_number; never raises an error';

CREATE CAST (text AS resettle.prison_number) WITH INOUT AS ASSIGNMENT;
CREATE CAST (resettle.prison_number AS text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (character varying AS resettle.prison_number) WITH INOUT AS ASSIGNMENT;
CREATE CAST (resettle.prison_number AS character varying) WITH INOUT AS ASSIGNMENT;

-- Comparisons: the int8 functions, which cannot fail, hence LEAKPROOF.
-- The operators and the min/max aggregates are created in pg_catalog, so
-- that they resolve whatever the search_path (which need not include
-- resettle) and cannot be captured by same-named objects earlier in it.
CREATE FUNCTION resettle.prison_number_eq(resettle.prison_number, resettle.prison_number) RETURNS boolean
	AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.prison_number_ne(resettle.prison_number, resettle.prison_number) RETURNS boolean
	AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.prison_number_lt(resettle.prison_number, resettle.prison_number) RETURNS boolean
	AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.prison_number_le(resettle.prison_number, resettle.prison_number) RETURNS boolean
	AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.prison_number_gt(resettle.prison_number, resettle.prison_number) RETURNS boolean
	AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.prison_number_ge(resettle.prison_number, resettle.prison_number) RETURNS boolean
	AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.prison_number_cmp(resettle.prison_number, resettle.prison_number) RETURNS integer
	AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.prison_number_hash(resettle.prison_number) RETURNS integer
	AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.prison_number_hash_extended(resettle.prison_number, bigint) RETURNS bigint
	AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE OPERATOR pg_catalog.= (
	LEFTARG = resettle.prison_number, RIGHTARG = resettle.prison_number,
	FUNCTION = resettle.prison_number_eq,
	COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
	LEFTARG = resettle.prison_number, RIGHTARG = resettle.prison_number,
	FUNCTION = resettle.prison_number_ne,
	COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
	LEFTARG = resettle.prison_number, RIGHTARG = resettle.prison_number,
	FUNCTION = resettle.prison_number_lt,
	COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
	LEFTARG = resettle.prison_number, RIGHTARG = resettle.prison_number,
	FUNCTION = resettle.prison_number_le,
	COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
	LEFTARG = resettle.prison_number, RIGHTARG = resettle.prison_number,
	FUNCTION = resettle.prison_number_gt,
	COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
	LEFTARG = resettle.prison_number, RIGHTARG = resettle.prison_number,
	FUNCTION = resettle.prison_number_ge,
	COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

-- sortsupport (2) makes sorts and index builds fast; equalimage (4) lets
-- btree deduplicate; extended hash (2) makes hash partitioning possible.
CREATE OPERATOR CLASS resettle.prison_number_ops
	DEFAULT FOR TYPE resettle.prison_number USING btree AS
		OPERATOR 1 pg_catalog.< ,
		OPERATOR 2 pg_catalog.<= ,
		OPERATOR 3 pg_catalog.= ,
		OPERATOR 4 pg_catalog.>= ,
		OPERATOR 5 pg_catalog.> ,
		FUNCTION 1 resettle.prison_number_cmp(resettle.prison_number, resettle.prison_number),
		FUNCTION 2 pg_catalog.btint8sortsupport(internal),
		FUNCTION 4 pg_catalog.btequalimage(oid);

CREATE OPERATOR CLASS resettle.prison_number_hash_ops
	DEFAULT FOR TYPE resettle.prison_number USING hash AS
		OPERATOR 1 pg_catalog.= ,
		FUNCTION 1 resettle.prison_number_hash(resettle.prison_number),
		FUNCTION 2 resettle.prison_number_hash_extended(resettle.prison_number, bigint);

CREATE FUNCTION resettle.prison_number_smaller(resettle.prison_number, resettle.prison_number) RETURNS resettle.prison_number
	AS 'int8smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.prison_number_larger(resettle.prison_number, resettle.prison_number) RETURNS resettle.prison_number
	AS 'int8larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE pg_catalog.min(resettle.prison_number) (
	SFUNC = resettle.prison_number_smaller, STYPE = resettle.prison_number,
	SORTOP = OPERATOR(pg_catalog.<), COMBINEFUNC = resettle.prison_number_smaller,
	PARALLEL = SAFE
);
CREATE AGGREGATE pg_catalog.max(resettle.prison_number) (
	SFUNC = resettle.prison_number_larger, STYPE = resettle.prison_number,
	SORTOP = OPERATOR(pg_catalog.>), COMBINEFUNC = resettle.prison_number_larger,
	PARALLEL = SAFE
);

/*
 * Identifier type crn: 8 bytes, passed by value, stored as an int8 whose
 * order is the canonical text's byte order, so comparison and hashing reuse
 * the built-in int8 functions.
 */
CREATE TYPE resettle.crn;

CREATE FUNCTION resettle.crn_in(cstring) RETURNS resettle.crn
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.crn_out(resettle.crn) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.crn_recv(internal) RETURNS resettle.crn
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.crn_send(resettle.crn) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE resettle.crn (
	INPUT = resettle.crn_in,
	OUTPUT = resettle.crn_out,
	RECEIVE = resettle.crn_recv,
	SEND = resettle.crn_send,
	LIKE = pg_catalog.int8
);

COMMENT ON FUNCTION resettle.crn_in(cstring) IS 'I/O';
COMMENT ON FUNCTION resettle.crn_out(resettle.crn) IS 'I/O';
COMMENT ON FUNCTION resettle.crn_recv(internal) IS 'I/O';
COMMENT ON FUNCTION resettle.crn_send(resettle.crn) IS 'I/O';

CREATE FUNCTION resettle.is_valid_crn(text) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION resettle.is_valid_crn(text) IS
	'true if the text is a valid crn; never raises an error';

CREATE CAST (text AS resettle.crn) WITH INOUT AS ASSIGNMENT;
CREATE CAST (resettle.crn AS text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (character varying AS resettle.crn) WITH INOUT AS ASSIGNMENT;
CREATE CAST (resettle.crn AS character varying) WITH INOUT AS ASSIGNMENT;

-- Comparisons: the int8 functions, which cannot fail, hence LEAKPROOF.
-- The operators and the min/max aggregates are created in pg_catalog, so
-- that they resolve whatever the search_path (which need not include
-- resettle) and cannot be captured by same-named objects earlier in it.
CREATE FUNCTION resettle.crn_eq(resettle.crn, resettle.crn) RETURNS boolean
	AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.crn_ne(resettle.crn, resettle.crn) RETURNS boolean
	AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.crn_lt(resettle.crn, resettle.crn) RETURNS boolean
	AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.crn_le(resettle.crn, resettle.crn) RETURNS boolean
	AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.crn_gt(resettle.crn, resettle.crn) RETURNS boolean
	AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.crn_ge(resettle.crn, resettle.crn) RETURNS boolean
	AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.crn_cmp(resettle.crn, resettle.crn) RETURNS integer
	AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.crn_hash(resettle.crn) RETURNS integer
	AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.crn_hash_extended(resettle.crn, bigint) RETURNS bigint
	AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE OPERATOR pg_catalog.= (
	LEFTARG = resettle.crn, RIGHTARG = resettle.crn,
	FUNCTION = resettle.crn_eq,
	COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
	LEFTARG = resettle.crn, RIGHTARG = resettle.crn,
	FUNCTION = resettle.crn_ne,
	COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
	LEFTARG = resettle.crn, RIGHTARG = resettle.crn,
	FUNCTION = resettle.crn_lt,
	COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
	LEFTARG = resettle.crn, RIGHTARG = resettle.crn,
	FUNCTION = resettle.crn_le,
	COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
	LEFTARG = resettle.crn, RIGHTARG = resettle.crn,
	FUNCTION = resettle.crn_gt,
	COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
	LEFTARG = resettle.crn, RIGHTARG = resettle.crn,
	FUNCTION = resettle.crn_ge,
	COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

-- sortsupport (2) makes sorts and index builds fast; equalimage (4) lets
-- btree deduplicate; extended hash (2) makes hash partitioning possible.
CREATE OPERATOR CLASS resettle.crn_ops
	DEFAULT FOR TYPE resettle.crn USING btree AS
		OPERATOR 1 pg_catalog.< ,
		OPERATOR 2 pg_catalog.<= ,
		OPERATOR 3 pg_catalog.= ,
		OPERATOR 4 pg_catalog.>= ,
		OPERATOR 5 pg_catalog.> ,
		FUNCTION 1 resettle.crn_cmp(resettle.crn, resettle.crn),
		FUNCTION 2 pg_catalog.btint8sortsupport(internal),
		FUNCTION 4 pg_catalog.btequalimage(oid);

CREATE OPERATOR CLASS resettle.crn_hash_ops
	DEFAULT FOR TYPE resettle.crn USING hash AS
		OPERATOR 1 pg_catalog.= ,
		FUNCTION 1 resettle.crn_hash(resettle.crn),
		FUNCTION 2 resettle.crn_hash_extended(resettle.crn, bigint);

CREATE FUNCTION resettle.crn_smaller(resettle.crn, resettle.crn) RETURNS resettle.crn
	AS 'int8smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.crn_larger(resettle.crn, resettle.crn) RETURNS resettle.crn
	AS 'int8larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE pg_catalog.min(resettle.crn) (
	SFUNC = resettle.crn_smaller, STYPE = resettle.crn,
	SORTOP = OPERATOR(pg_catalog.<), COMBINEFUNC = resettle.crn_smaller,
	PARALLEL = SAFE
);
CREATE AGGREGATE pg_catalog.max(resettle.crn) (
	SFUNC = resettle.crn_larger, STYPE = resettle.crn,
	SORTOP = OPERATOR(pg_catalog.>), COMBINEFUNC = resettle.crn_larger,
	PARALLEL = SAFE
);

/*
 * Identifier type pnc_id: 8 bytes, passed by value, stored as an int8 whose
 * order is the canonical text's byte order, so comparison and hashing reuse
 * the built-in int8 functions.
 */
CREATE TYPE resettle.pnc_id;

CREATE FUNCTION resettle.pnc_id_in(cstring) RETURNS resettle.pnc_id
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.pnc_id_out(resettle.pnc_id) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.pnc_id_recv(internal) RETURNS resettle.pnc_id
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.pnc_id_send(resettle.pnc_id) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE resettle.pnc_id (
	INPUT = resettle.pnc_id_in,
	OUTPUT = resettle.pnc_id_out,
	RECEIVE = resettle.pnc_id_recv,
	SEND = resettle.pnc_id_send,
	LIKE = pg_catalog.int8
);

COMMENT ON FUNCTION resettle.pnc_id_in(cstring) IS 'I/O';
COMMENT ON FUNCTION resettle.pnc_id_out(resettle.pnc_id) IS 'I/O';
COMMENT ON FUNCTION resettle.pnc_id_recv(internal) IS 'I/O';
COMMENT ON FUNCTION resettle.pnc_id_send(resettle.pnc_id) IS 'I/O';

CREATE FUNCTION resettle.is_valid_pnc_id(text) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION resettle.is_valid_pnc_id(text) IS
	'true if the text is a valid pnc_id; never raises an error';

CREATE CAST (text AS resettle.pnc_id) WITH INOUT AS ASSIGNMENT;
CREATE CAST (resettle.pnc_id AS text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (character varying AS resettle.pnc_id) WITH INOUT AS ASSIGNMENT;
CREATE CAST (resettle.pnc_id AS character varying) WITH INOUT AS ASSIGNMENT;

-- Comparisons: the int8 functions, which cannot fail, hence LEAKPROOF.
-- The operators and the min/max aggregates are created in pg_catalog, so
-- that they resolve whatever the search_path (which need not include
-- resettle) and cannot be captured by same-named objects earlier in it.
CREATE FUNCTION resettle.pnc_id_eq(resettle.pnc_id, resettle.pnc_id) RETURNS boolean
	AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.pnc_id_ne(resettle.pnc_id, resettle.pnc_id) RETURNS boolean
	AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.pnc_id_lt(resettle.pnc_id, resettle.pnc_id) RETURNS boolean
	AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.pnc_id_le(resettle.pnc_id, resettle.pnc_id) RETURNS boolean
	AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.pnc_id_gt(resettle.pnc_id, resettle.pnc_id) RETURNS boolean
	AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.pnc_id_ge(resettle.pnc_id, resettle.pnc_id) RETURNS boolean
	AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.pnc_id_cmp(resettle.pnc_id, resettle.pnc_id) RETURNS integer
	AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.pnc_id_hash(resettle.pnc_id) RETURNS integer
	AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.pnc_id_hash_extended(resettle.pnc_id, bigint) RETURNS bigint
	AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE OPERATOR pg_catalog.= (
	LEFTARG = resettle.pnc_id, RIGHTARG = resettle.pnc_id,
	FUNCTION = resettle.pnc_id_eq,
	COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
	LEFTARG = resettle.pnc_id, RIGHTARG = resettle.pnc_id,
	FUNCTION = resettle.pnc_id_ne,
	COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
	LEFTARG = resettle.pnc_id, RIGHTARG = resettle.pnc_id,
	FUNCTION = resettle.pnc_id_lt,
	COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
	LEFTARG = resettle.pnc_id, RIGHTARG = resettle.pnc_id,
	FUNCTION = resettle.pnc_id_le,
	COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
	LEFTARG = resettle.pnc_id, RIGHTARG = resettle.pnc_id,
	FUNCTION = resettle.pnc_id_gt,
	COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
	LEFTARG = resettle.pnc_id, RIGHTARG = resettle.pnc_id,
	FUNCTION = resettle.pnc_id_ge,
	COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

-- sortsupport (2) makes sorts and index builds fast; equalimage (4) lets
-- btree deduplicate; extended hash (2) makes hash partitioning possible.
CREATE OPERATOR CLASS resettle.pnc_id_ops
	DEFAULT FOR TYPE resettle.pnc_id USING btree AS
		OPERATOR 1 pg_catalog.< ,
		OPERATOR 2 pg_catalog.<= ,
		OPERATOR 3 pg_catalog.= ,
		OPERATOR 4 pg_catalog.>= ,
		OPERATOR 5 pg_catalog.> ,
		FUNCTION 1 resettle.pnc_id_cmp(resettle.pnc_id, resettle.pnc_id),
		FUNCTION 2 pg_catalog.btint8sortsupport(internal),
		FUNCTION 4 pg_catalog.btequalimage(oid);

CREATE OPERATOR CLASS resettle.pnc_id_hash_ops
	DEFAULT FOR TYPE resettle.pnc_id USING hash AS
		OPERATOR 1 pg_catalog.= ,
		FUNCTION 1 resettle.pnc_id_hash(resettle.pnc_id),
		FUNCTION 2 resettle.pnc_id_hash_extended(resettle.pnc_id, bigint);

CREATE FUNCTION resettle.pnc_id_smaller(resettle.pnc_id, resettle.pnc_id) RETURNS resettle.pnc_id
	AS 'int8smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.pnc_id_larger(resettle.pnc_id, resettle.pnc_id) RETURNS resettle.pnc_id
	AS 'int8larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE pg_catalog.min(resettle.pnc_id) (
	SFUNC = resettle.pnc_id_smaller, STYPE = resettle.pnc_id,
	SORTOP = OPERATOR(pg_catalog.<), COMBINEFUNC = resettle.pnc_id_smaller,
	PARALLEL = SAFE
);
CREATE AGGREGATE pg_catalog.max(resettle.pnc_id) (
	SFUNC = resettle.pnc_id_larger, STYPE = resettle.pnc_id,
	SORTOP = OPERATOR(pg_catalog.>), COMBINEFUNC = resettle.pnc_id_larger,
	PARALLEL = SAFE
);

/*
 * Identifier type cro_number: 8 bytes, passed by value, stored as an int8 whose
 * order is the canonical text's byte order, so comparison and hashing reuse
 * the built-in int8 functions.
 */
CREATE TYPE resettle.cro_number;

CREATE FUNCTION resettle.cro_number_in(cstring) RETURNS resettle.cro_number
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.cro_number_out(resettle.cro_number) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.cro_number_recv(internal) RETURNS resettle.cro_number
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.cro_number_send(resettle.cro_number) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE resettle.cro_number (
	INPUT = resettle.cro_number_in,
	OUTPUT = resettle.cro_number_out,
	RECEIVE = resettle.cro_number_recv,
	SEND = resettle.cro_number_send,
	LIKE = pg_catalog.int8
);

COMMENT ON FUNCTION resettle.cro_number_in(cstring) IS 'I/O';
COMMENT ON FUNCTION resettle.cro_number_out(resettle.cro_number) IS 'I/O';
COMMENT ON FUNCTION resettle.cro_number_recv(internal) IS 'I/O';
COMMENT ON FUNCTION resettle.cro_number_send(resettle.cro_number) IS 'I/O';

CREATE FUNCTION resettle.is_valid_cro_number(text) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION resettle.is_valid_cro_number(text) IS
	'true if the text is a valid cro_number; never raises an error';

CREATE CAST (text AS resettle.cro_number) WITH INOUT AS ASSIGNMENT;
CREATE CAST (resettle.cro_number AS text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (character varying AS resettle.cro_number) WITH INOUT AS ASSIGNMENT;
CREATE CAST (resettle.cro_number AS character varying) WITH INOUT AS ASSIGNMENT;

-- Comparisons: the int8 functions, which cannot fail, hence LEAKPROOF.
-- The operators and the min/max aggregates are created in pg_catalog, so
-- that they resolve whatever the search_path (which need not include
-- resettle) and cannot be captured by same-named objects earlier in it.
CREATE FUNCTION resettle.cro_number_eq(resettle.cro_number, resettle.cro_number) RETURNS boolean
	AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.cro_number_ne(resettle.cro_number, resettle.cro_number) RETURNS boolean
	AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.cro_number_lt(resettle.cro_number, resettle.cro_number) RETURNS boolean
	AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.cro_number_le(resettle.cro_number, resettle.cro_number) RETURNS boolean
	AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.cro_number_gt(resettle.cro_number, resettle.cro_number) RETURNS boolean
	AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.cro_number_ge(resettle.cro_number, resettle.cro_number) RETURNS boolean
	AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.cro_number_cmp(resettle.cro_number, resettle.cro_number) RETURNS integer
	AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.cro_number_hash(resettle.cro_number) RETURNS integer
	AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.cro_number_hash_extended(resettle.cro_number, bigint) RETURNS bigint
	AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE OPERATOR pg_catalog.= (
	LEFTARG = resettle.cro_number, RIGHTARG = resettle.cro_number,
	FUNCTION = resettle.cro_number_eq,
	COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
	LEFTARG = resettle.cro_number, RIGHTARG = resettle.cro_number,
	FUNCTION = resettle.cro_number_ne,
	COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
	LEFTARG = resettle.cro_number, RIGHTARG = resettle.cro_number,
	FUNCTION = resettle.cro_number_lt,
	COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
	LEFTARG = resettle.cro_number, RIGHTARG = resettle.cro_number,
	FUNCTION = resettle.cro_number_le,
	COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
	LEFTARG = resettle.cro_number, RIGHTARG = resettle.cro_number,
	FUNCTION = resettle.cro_number_gt,
	COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
	LEFTARG = resettle.cro_number, RIGHTARG = resettle.cro_number,
	FUNCTION = resettle.cro_number_ge,
	COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

-- sortsupport (2) makes sorts and index builds fast; equalimage (4) lets
-- btree deduplicate; extended hash (2) makes hash partitioning possible.
CREATE OPERATOR CLASS resettle.cro_number_ops
	DEFAULT FOR TYPE resettle.cro_number USING btree AS
		OPERATOR 1 pg_catalog.< ,
		OPERATOR 2 pg_catalog.<= ,
		OPERATOR 3 pg_catalog.= ,
		OPERATOR 4 pg_catalog.>= ,
		OPERATOR 5 pg_catalog.> ,
		FUNCTION 1 resettle.cro_number_cmp(resettle.cro_number, resettle.cro_number),
		FUNCTION 2 pg_catalog.btint8sortsupport(internal),
		FUNCTION 4 pg_catalog.btequalimage(oid);

CREATE OPERATOR CLASS resettle.cro_number_hash_ops
	DEFAULT FOR TYPE resettle.cro_number USING hash AS
		OPERATOR 1 pg_catalog.= ,
		FUNCTION 1 resettle.cro_number_hash(resettle.cro_number),
		FUNCTION 2 resettle.cro_number_hash_extended(resettle.cro_number, bigint);

CREATE FUNCTION resettle.cro_number_smaller(resettle.cro_number, resettle.cro_number) RETURNS resettle.cro_number
	AS 'int8smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.cro_number_larger(resettle.cro_number, resettle.cro_number) RETURNS resettle.cro_number
	AS 'int8larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE pg_catalog.min(resettle.cro_number) (
	SFUNC = resettle.cro_number_smaller, STYPE = resettle.cro_number,
	SORTOP = OPERATOR(pg_catalog.<), COMBINEFUNC = resettle.cro_number_smaller,
	PARALLEL = SAFE
);
CREATE AGGREGATE pg_catalog.max(resettle.cro_number) (
	SFUNC = resettle.cro_number_larger, STYPE = resettle.cro_number,
	SORTOP = OPERATOR(pg_catalog.>), COMBINEFUNC = resettle.cro_number_larger,
	PARALLEL = SAFE
);

/*
 * Identifier type nhs_number: 8 bytes, passed by value, stored as an int8 whose
 * order is the canonical text's byte order, so comparison and hashing reuse
 * the built-in int8 functions.
 */
CREATE TYPE resettle.nhs_number;

CREATE FUNCTION resettle.nhs_number_in(cstring) RETURNS resettle.nhs_number
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.nhs_number_out(resettle.nhs_number) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.nhs_number_recv(internal) RETURNS resettle.nhs_number
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.nhs_number_send(resettle.nhs_number) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE resettle.nhs_number (
	INPUT = resettle.nhs_number_in,
	OUTPUT = resettle.nhs_number_out,
	RECEIVE = resettle.nhs_number_recv,
	SEND = resettle.nhs_number_send,
	LIKE = pg_catalog.int8
);

COMMENT ON FUNCTION resettle.nhs_number_in(cstring) IS 'I/O';
COMMENT ON FUNCTION resettle.nhs_number_out(resettle.nhs_number) IS 'I/O';
COMMENT ON FUNCTION resettle.nhs_number_recv(internal) IS 'I/O';
COMMENT ON FUNCTION resettle.nhs_number_send(resettle.nhs_number) IS 'I/O';

CREATE FUNCTION resettle.is_valid_nhs_number(text) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION resettle.is_valid_nhs_number(text) IS
	'true if the text is a valid nhs_number; never raises an error';

CREATE CAST (text AS resettle.nhs_number) WITH INOUT AS ASSIGNMENT;
CREATE CAST (resettle.nhs_number AS text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (character varying AS resettle.nhs_number) WITH INOUT AS ASSIGNMENT;
CREATE CAST (resettle.nhs_number AS character varying) WITH INOUT AS ASSIGNMENT;

-- Comparisons: the int8 functions, which cannot fail, hence LEAKPROOF.
-- The operators and the min/max aggregates are created in pg_catalog, so
-- that they resolve whatever the search_path (which need not include
-- resettle) and cannot be captured by same-named objects earlier in it.
CREATE FUNCTION resettle.nhs_number_eq(resettle.nhs_number, resettle.nhs_number) RETURNS boolean
	AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.nhs_number_ne(resettle.nhs_number, resettle.nhs_number) RETURNS boolean
	AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.nhs_number_lt(resettle.nhs_number, resettle.nhs_number) RETURNS boolean
	AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.nhs_number_le(resettle.nhs_number, resettle.nhs_number) RETURNS boolean
	AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.nhs_number_gt(resettle.nhs_number, resettle.nhs_number) RETURNS boolean
	AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.nhs_number_ge(resettle.nhs_number, resettle.nhs_number) RETURNS boolean
	AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.nhs_number_cmp(resettle.nhs_number, resettle.nhs_number) RETURNS integer
	AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.nhs_number_hash(resettle.nhs_number) RETURNS integer
	AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.nhs_number_hash_extended(resettle.nhs_number, bigint) RETURNS bigint
	AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE OPERATOR pg_catalog.= (
	LEFTARG = resettle.nhs_number, RIGHTARG = resettle.nhs_number,
	FUNCTION = resettle.nhs_number_eq,
	COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
	LEFTARG = resettle.nhs_number, RIGHTARG = resettle.nhs_number,
	FUNCTION = resettle.nhs_number_ne,
	COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
	LEFTARG = resettle.nhs_number, RIGHTARG = resettle.nhs_number,
	FUNCTION = resettle.nhs_number_lt,
	COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
	LEFTARG = resettle.nhs_number, RIGHTARG = resettle.nhs_number,
	FUNCTION = resettle.nhs_number_le,
	COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
	LEFTARG = resettle.nhs_number, RIGHTARG = resettle.nhs_number,
	FUNCTION = resettle.nhs_number_gt,
	COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
	LEFTARG = resettle.nhs_number, RIGHTARG = resettle.nhs_number,
	FUNCTION = resettle.nhs_number_ge,
	COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

-- sortsupport (2) makes sorts and index builds fast; equalimage (4) lets
-- btree deduplicate; extended hash (2) makes hash partitioning possible.
CREATE OPERATOR CLASS resettle.nhs_number_ops
	DEFAULT FOR TYPE resettle.nhs_number USING btree AS
		OPERATOR 1 pg_catalog.< ,
		OPERATOR 2 pg_catalog.<= ,
		OPERATOR 3 pg_catalog.= ,
		OPERATOR 4 pg_catalog.>= ,
		OPERATOR 5 pg_catalog.> ,
		FUNCTION 1 resettle.nhs_number_cmp(resettle.nhs_number, resettle.nhs_number),
		FUNCTION 2 pg_catalog.btint8sortsupport(internal),
		FUNCTION 4 pg_catalog.btequalimage(oid);

CREATE OPERATOR CLASS resettle.nhs_number_hash_ops
	DEFAULT FOR TYPE resettle.nhs_number USING hash AS
		OPERATOR 1 pg_catalog.= ,
		FUNCTION 1 resettle.nhs_number_hash(resettle.nhs_number),
		FUNCTION 2 resettle.nhs_number_hash_extended(resettle.nhs_number, bigint);

CREATE FUNCTION resettle.nhs_number_smaller(resettle.nhs_number, resettle.nhs_number) RETURNS resettle.nhs_number
	AS 'int8smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.nhs_number_larger(resettle.nhs_number, resettle.nhs_number) RETURNS resettle.nhs_number
	AS 'int8larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE pg_catalog.min(resettle.nhs_number) (
	SFUNC = resettle.nhs_number_smaller, STYPE = resettle.nhs_number,
	SORTOP = OPERATOR(pg_catalog.<), COMBINEFUNC = resettle.nhs_number_smaller,
	PARALLEL = SAFE
);
CREATE AGGREGATE pg_catalog.max(resettle.nhs_number) (
	SFUNC = resettle.nhs_number_larger, STYPE = resettle.nhs_number,
	SORTOP = OPERATOR(pg_catalog.>), COMBINEFUNC = resettle.nhs_number_larger,
	PARALLEL = SAFE
);

/*
 * Identifier type nino: 8 bytes, passed by value, stored as an int8 whose
 * order is the canonical text's byte order, so comparison and hashing reuse
 * the built-in int8 functions.
 */
CREATE TYPE resettle.nino;

CREATE FUNCTION resettle.nino_in(cstring) RETURNS resettle.nino
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.nino_out(resettle.nino) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.nino_recv(internal) RETURNS resettle.nino
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.nino_send(resettle.nino) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE resettle.nino (
	INPUT = resettle.nino_in,
	OUTPUT = resettle.nino_out,
	RECEIVE = resettle.nino_recv,
	SEND = resettle.nino_send,
	LIKE = pg_catalog.int8
);

COMMENT ON FUNCTION resettle.nino_in(cstring) IS 'I/O';
COMMENT ON FUNCTION resettle.nino_out(resettle.nino) IS 'I/O';
COMMENT ON FUNCTION resettle.nino_recv(internal) IS 'I/O';
COMMENT ON FUNCTION resettle.nino_send(resettle.nino) IS 'I/O';

CREATE FUNCTION resettle.is_valid_nino(text) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION resettle.is_valid_nino(text) IS
	'true if the text is a valid nino; never raises an error';

CREATE CAST (text AS resettle.nino) WITH INOUT AS ASSIGNMENT;
CREATE CAST (resettle.nino AS text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (character varying AS resettle.nino) WITH INOUT AS ASSIGNMENT;
CREATE CAST (resettle.nino AS character varying) WITH INOUT AS ASSIGNMENT;

-- Comparisons: the int8 functions, which cannot fail, hence LEAKPROOF.
-- The operators and the min/max aggregates are created in pg_catalog, so
-- that they resolve whatever the search_path (which need not include
-- resettle) and cannot be captured by same-named objects earlier in it.
CREATE FUNCTION resettle.nino_eq(resettle.nino, resettle.nino) RETURNS boolean
	AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.nino_ne(resettle.nino, resettle.nino) RETURNS boolean
	AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.nino_lt(resettle.nino, resettle.nino) RETURNS boolean
	AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.nino_le(resettle.nino, resettle.nino) RETURNS boolean
	AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.nino_gt(resettle.nino, resettle.nino) RETURNS boolean
	AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.nino_ge(resettle.nino, resettle.nino) RETURNS boolean
	AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.nino_cmp(resettle.nino, resettle.nino) RETURNS integer
	AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.nino_hash(resettle.nino) RETURNS integer
	AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION resettle.nino_hash_extended(resettle.nino, bigint) RETURNS bigint
	AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE OPERATOR pg_catalog.= (
	LEFTARG = resettle.nino, RIGHTARG = resettle.nino,
	FUNCTION = resettle.nino_eq,
	COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
	LEFTARG = resettle.nino, RIGHTARG = resettle.nino,
	FUNCTION = resettle.nino_ne,
	COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
	LEFTARG = resettle.nino, RIGHTARG = resettle.nino,
	FUNCTION = resettle.nino_lt,
	COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
	LEFTARG = resettle.nino, RIGHTARG = resettle.nino,
	FUNCTION = resettle.nino_le,
	COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
	LEFTARG = resettle.nino, RIGHTARG = resettle.nino,
	FUNCTION = resettle.nino_gt,
	COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
	LEFTARG = resettle.nino, RIGHTARG = resettle.nino,
	FUNCTION = resettle.nino_ge,
	COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

-- sortsupport (2) makes sorts and index builds fast; equalimage (4) lets
-- btree deduplicate; extended hash (2) makes hash partitioning possible.
CREATE OPERATOR CLASS resettle.nino_ops
	DEFAULT FOR TYPE resettle.nino USING btree AS
		OPERATOR 1 pg_catalog.< ,
		OPERATOR 2 pg_catalog.<= ,
		OPERATOR 3 pg_catalog.= ,
		OPERATOR 4 pg_catalog.>= ,
		OPERATOR 5 pg_catalog.> ,
		FUNCTION 1 resettle.nino_cmp(resettle.nino, resettle.nino),
		FUNCTION 2 pg_catalog.btint8sortsupport(internal),
		FUNCTION 4 pg_catalog.btequalimage(oid);

CREATE OPERATOR CLASS resettle.nino_hash_ops
	DEFAULT FOR TYPE resettle.nino USING hash AS
		OPERATOR 1 pg_catalog.= ,
		FUNCTION 1 resettle.nino_hash(resettle.nino),
		FUNCTION 2 resettle.nino_hash_extended(resettle.nino, bigint);

CREATE FUNCTION resettle.nino_smaller(resettle.nino, resettle.nino) RETURNS resettle.nino
	AS 'int8smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION resettle.nino_larger(resettle.nino, resettle.nino) RETURNS resettle.nino
	AS 'int8larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE pg_catalog.min(resettle.nino) (
	SFUNC = resettle.nino_smaller, STYPE = resettle.nino,
	SORTOP = OPERATOR(pg_catalog.<), COMBINEFUNC = resettle.nino_smaller,
	PARALLEL = SAFE
);
CREATE AGGREGATE pg_catalog.max(resettle.nino) (
	SFUNC = resettle.nino_larger, STYPE = resettle.nino,
	SORTOP = OPERATOR(pg_catalog.>), COMBINEFUNC = resettle.nino_larger,
	PARALLEL = SAFE
);

/*
 * What each identifier type holds (reference/domain.md §5).
 */
COMMENT ON TYPE resettle.prison_number IS
	'NOMIS prison (NOMS) number, e.g. A1234BC';
COMMENT ON TYPE resettle.crn IS
	'nDelius case reference number, e.g. X320741';
COMMENT ON TYPE resettle.pnc_id IS
	'Police National Computer id YYYY/NNNNNNNC with its mod-23 check letter';
COMMENT ON TYPE resettle.cro_number IS
	'Criminal Records Office number NNNNNN/YYC or SFYY/NNNNNNC with its mod-23 check letter';
COMMENT ON TYPE resettle.nhs_number IS
	'NHS number: 10 digits with a mod-11 check digit';
COMMENT ON TYPE resettle.nino IS
	'National Insurance number, DWP strict rules, suffix A-D required';

/*
 * Two-digit PNC years depend on the date, so the type input (which must be
 * immutable) refuses them; this function takes the reference date instead.
 * YY at or below the reference year's last two digits is 20YY, else 19YY.
 */
CREATE FUNCTION resettle.pnc_id(text, as_of date) RETURNS resettle.pnc_id
	AS 'MODULE_PATHNAME', 'pnc_id_with_pivot'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION resettle.pnc_id(text, date) IS
	'PNC id from text that may use a 2-digit year, resolved against as_of';

/*
 * Enumerations of the case model (DESIGN.md "Case model").  The labels are
 * an interface: new values are only ever added, never renamed.
 */
CREATE TYPE resettle.pathway AS ENUM (
	'accommodation',
	'attitudes_thinking_behaviour',
	'children_families_community',
	'drugs_alcohol',
	'education_skills_work',
	'finance_id',
	'health'
);
COMMENT ON TYPE resettle.pathway IS
	'The seven resettlement pathways (Resettlement Passport Pathway enum)';

-- DESIGN.md calls this enum pathway_status, but that is also the name of
-- the table of pathway statuses, whose row type takes the name.
CREATE TYPE resettle.pathway_state AS ENUM (
	'not_started',
	'in_progress',
	'support_required',
	'support_not_required',
	'support_declined',
	'done'
);
COMMENT ON TYPE resettle.pathway_state IS
	'Status of one resettlement pathway (Resettlement Passport Status enum)';

CREATE TYPE resettle.responsibility AS ENUM (
	'custody_only',
	'custody_with_com',
	'community'
);
COMMENT ON TYPE resettle.responsibility IS
	'Who manages the case under OMiC: the POM alone, the POM with a supporting COM, or the COM';

CREATE TYPE resettle.readiness_level AS ENUM (
	'ready',
	'on_track',
	'at_risk',
	'not_ready',
	'released',
	'out_of_scope'
);
COMMENT ON TYPE resettle.readiness_level IS
	'Release readiness of a case, from the rule evaluation';

/*
 * Prisons of England and Wales: reference data shipped with the extension
 * (rows in sql/data/prison.sql).  Rows added locally have shipped = false
 * and are dumped by pg_dump (see sql/data/prison_local.sql); the shipped rows
 * come back with CREATE EXTENSION itself.
 */
CREATE TABLE resettle.prison (
	code text PRIMARY KEY
		CONSTRAINT prison_code_format CHECK (code ~ '^[A-Z]{3}$'),
	name text NOT NULL
		CONSTRAINT prison_name_not_blank CHECK (btrim(name) <> ''),
	country text NOT NULL
		CONSTRAINT prison_country_valid CHECK (country IN ('england', 'wales')),
	estate text NOT NULL
		CONSTRAINT prison_estate_valid CHECK (estate IN ('male', 'female')),
	open_conditions boolean NOT NULL DEFAULT false,
	contracted boolean NOT NULL DEFAULT false,
	region text NOT NULL
		CONSTRAINT prison_region_not_blank CHECK (btrim(region) <> ''),
	active boolean NOT NULL DEFAULT true,
	shipped boolean NOT NULL DEFAULT true
);
COMMENT ON TABLE resettle.prison IS
	'Prisons, YOIs and women''s establishments of England and Wales (NOMIS agency codes)';
COMMENT ON COLUMN resettle.prison.code IS 'NOMIS agency code, e.g. BXI';
COMMENT ON COLUMN resettle.prison.open_conditions IS
	'An open prison: OMiC''s open-conditions handover start date applies';
COMMENT ON COLUMN resettle.prison.contracted IS 'Run by a private contractor';
COMMENT ON COLUMN resettle.prison.region IS 'HMPPS prison group, for regional reporting';
COMMENT ON COLUMN resettle.prison.shipped IS
	'Row shipped with the extension (false for local additions, which pg_dump keeps)';
-- resettle: reference data for resettle.prison
--
-- One row per prison, YOI and women's establishment in England and Wales that is open now,
-- plus establishments closed since about 2009 (active = false), so that old movement
-- histories still resolve. No IRCs and no STCs.
-- 126 active rows and 26 inactive. Written by hand from public facts; no SQL or Ruby copied.
--
-- Sources
--   [MPC]  ministryofjustice/offender-management-allocation-manager,
--          app/services/prison_service.rb: code, name, country, gender; open prisons
--          {HDI HBI HVI KMI KVI LYI NSI UPI SPI EHI SUI TCI FDI}; private English prisons
--          {ACI ASI DNI DGI FBI LGI OWI NLI PBI RHI TSI}; women's prisons; Welsh prisons.
--   [REG]  ministryofjustice/prison-register, src/main/resources/db/migration/:
--          V1_1 (codes, names, active), V1_7 and V1_21 (Parc YOI, PYI), V1_9 (male/female),
--          V1_13, V1_16, V1_17, V1_22 (names and HMP/YOI designations), V1_14 (Fosse Way, FEI),
--          V1_15 (contracted: adds BZI FWI PFI PRI), V1_24 (operators).
--   [PPR]  MoJ Annual Prison Performance Ratings 2024/25, "region" of each prison
--          (gov.uk/government/statistics/prison-performance-ratings-2024-to-2025, as tabulated at
--          inquirytracker.uk/sources/prison-performance/). Labels are shortened here to
--          'North East', 'South East and East', 'Women''s Estate', 'Long Term High Security Estate'.
--   [HMPPS] Public HMPPS service test data: Millsike is NOMIS code MKI (visit scheduler
--          tests); Cookham Wood is now listed as "Cookham Wood Prison" and no longer as a YOI
--          (electronic monitoring order UI tests).
--
-- How the columns were decided
--   country          'wales' for BWI CFI PRI SWI UKI UPI [MPC] and for Parc YOI (PYI, Bridgend) [REG].
--   estate           'female' for AGI BZI DHI DWI ESI EWI FHI LNI NHI PFI SDI STI [MPC, REG], and
--                    for Holloway (closed 2016). Everything else is 'male'.
--   open_conditions  the men's open prisons in [MPC] (UPI Prescoed is open and in Wales), the
--                    women's open prisons Askham Grange (AGI) and East Sutton Park (ESI), and the
--                    closed Latchmere House (LMI).
--   contracted       the private English prisons in [MPC], plus BZI FWI PFI PRI [REG V1_15],
--                    PYI [REG V1_21], and Fosse Way (FEI, run by Serco since it opened in 2023).
--   name             the latest designation in [REG], written as a prefix ('HMP & YOI Bristol').
--                    'HMP/YOI Isis' follows the project brief. Aylesbury and Cookham Wood are
--                    adult prisons now, so they are named 'HMP'.
--   region           the HMPPS region structure used in [PPR] 2024/25: London, Long Term High
--                    Security Estate, Midlands, North East, North West, South East and East,
--                    South West and South Central, Wales, Women's Estate, Contracted Prisons,
--                    and Youth Custody Service.
--
-- UNVERIFIED (best public-knowledge judgement; check these before relying on them)
--   * region: the [PPR] entry was seen for these 37 prisons only:
--       AGI ASI AYI BCI BRI BZI CFI CWI DHI DWI EHI ESI FDI HDI HVI KVI NSI NWI ONI PBI PRI
--       RSI SHI SNI TCI TSI UKI UPI VEI WDI WEI WHI WII WLI WMI WRI WTI.
--     Every other active row was given a region by geography and by the pattern of the verified
--     rows. In particular:
--       - LTHSE membership (BAI FKI FNI LLI MRI, beside the verified WDI WHI WRI) is the
--         traditional high-security estate. The Category B trainers GHI GTI SLI IWI are placed by
--         geography, though some of them may sit in LTHSE.
--       - The other contracted prisons (ACI DGI DNI FBI FEI FWI LGI NLI OWI PFI RHI) follow the
--         verified ASI BZI PBI TSI into 'Contracted Prisons'. Parc (PRI) is verified in 'Wales'.
--       - FMI, FYI, WNI, WYI, PYI are in 'Youth Custody Service'. [PPR] rates one YCS site, which
--         is taken to be Feltham.
--       - MHI (foreign-national Category C) is in 'Midlands' and MKI (opened in 2025) is in
--         'North East'.
--     Closed prisons are given the region that covers their site today.
--   * contracted for LGI: [MPC] lists Lowdham Grange as private (run by Sodexo since 2023), but
--     [REG] V1_33 sets it to public. Kept here as true.
--   * active: Kennet (KTI) is still active in [REG] V1_1 but closed in 2016, so it is false here.
--     Closure years of the inactive rows are not recorded, and BHI Blantyre House is entered as
--     not open.
--   * FMI/FYI: Feltham B (young adults) and Feltham A (children) are separate NOMIS codes; the
--     names 'HMP & YOI Feltham' and 'HMYOI Feltham A' are this file's own.

INSERT INTO resettle.prison (code, name, country, estate, open_conditions, contracted, region, active) VALUES
	('ACI', 'HMP & YOI Altcourse',             'england', 'male',   false, true,  'Contracted Prisons',             true),
	('AGI', 'HMP & YOI Askham Grange',         'england', 'female', true,  false, 'Women''s Estate',                true),
	('AKI', 'HMP Acklington',                  'england', 'male',   false, false, 'North East',                     false),
	('ALI', 'HMP Albany',                      'england', 'male',   false, false, 'South West and South Central',   false),
	('ASI', 'HMP Ashfield',                    'england', 'male',   false, true,  'Contracted Prisons',             true),
	('AWI', 'HMP Ashwell',                     'england', 'male',   false, false, 'Midlands',                       false),
	('AYI', 'HMP Aylesbury',                   'england', 'male',   false, false, 'South West and South Central',   true),
	('BAI', 'HMP & YOI Belmarsh',              'england', 'male',   false, false, 'Long Term High Security Estate', true),
	('BCI', 'HMP Buckley Hall',                'england', 'male',   false, false, 'North West',                     true),
	('BDI', 'HMP Blundeston',                  'england', 'male',   false, false, 'South East and East',            false),
	('BFI', 'HMP & YOI Bedford',               'england', 'male',   false, false, 'South East and East',            true),
	('BHI', 'HMP Blantyre House',              'england', 'male',   false, false, 'South East and East',            false),
	('BLI', 'HMP & YOI Bristol',               'england', 'male',   false, false, 'South West and South Central',   true),
	('BMI', 'HMP Birmingham',                  'england', 'male',   false, false, 'Midlands',                       true),
	('BNI', 'HMP & YOI Bullingdon',            'england', 'male',   false, false, 'South West and South Central',   true),
	('BRI', 'HMP Bure',                        'england', 'male',   false, false, 'South East and East',            true),
	('BSI', 'HMP & YOI Brinsford',             'england', 'male',   false, false, 'Midlands',                       true),
	('BUI', 'HMP Bullwood Hall',               'england', 'male',   false, false, 'South East and East',            false),
	('BWI', 'HMP & YOI Berwyn',                'wales',   'male',   false, false, 'Wales',                          true),
	('BXI', 'HMP Brixton',                     'england', 'male',   false, false, 'London',                         true),
	('BZI', 'HMP & YOI Bronzefield',           'england', 'female', false, true,  'Contracted Prisons',             true),
	('CDI', 'HMP & YOI Chelmsford',            'england', 'male',   false, false, 'South East and East',            true),
	('CFI', 'HMP & YOI Cardiff',               'wales',   'male',   false, false, 'Wales',                          true),
	('CHI', 'HMP Camp Hill',                   'england', 'male',   false, false, 'South West and South Central',   false),
	('CKI', 'HMP Cookham Wood',                'england', 'male',   false, false, 'South East and East',            true),
	('CLI', 'HMP Coldingley',                  'england', 'male',   false, false, 'South East and East',            true),
	('CSI', 'HMP & YOI Castington',            'england', 'male',   false, false, 'North East',                     false),
	('CWI', 'HMP Channings Wood',              'england', 'male',   false, false, 'South West and South Central',   true),
	('CYI', 'HMP Canterbury',                  'england', 'male',   false, false, 'South East and East',            false),
	('DAI', 'HMP Dartmoor',                    'england', 'male',   false, false, 'South West and South Central',   true),
	('DGI', 'HMP Dovegate',                    'england', 'male',   false, true,  'Contracted Prisons',             true),
	('DHI', 'HMP & YOI Drake Hall',            'england', 'female', false, false, 'Women''s Estate',                true),
	('DMI', 'HMP & YOI Durham',                'england', 'male',   false, false, 'North East',                     true),
	('DNI', 'HMP & YOI Doncaster',             'england', 'male',   false, true,  'Contracted Prisons',             true),
	('DRI', 'HMP Dorchester',                  'england', 'male',   false, false, 'South West and South Central',   false),
	('DTI', 'HMP & YOI Deerbolt',              'england', 'male',   false, false, 'North East',                     true),
	('DWI', 'HMP & YOI Downview',              'england', 'female', false, false, 'Women''s Estate',                true),
	('EEI', 'HMP & YOI Erlestoke',             'england', 'male',   false, false, 'South West and South Central',   true),
	('EHI', 'HMP & YOI Standford Hill',        'england', 'male',   true,  false, 'South East and East',            true),
	('ESI', 'HMP & YOI East Sutton Park',      'england', 'female', true,  false, 'Women''s Estate',                true),
	('EVI', 'HMP Everthorpe',                  'england', 'male',   false, false, 'North East',                     false),
	('EWI', 'HMP & YOI Eastwood Park',         'england', 'female', false, false, 'Women''s Estate',                true),
	('EXI', 'HMP & YOI Exeter',                'england', 'male',   false, false, 'South West and South Central',   true),
	('EYI', 'HMP & YOI Elmley',                'england', 'male',   false, false, 'South East and East',            true),
	('FBI', 'HMP & YOI Forest Bank',           'england', 'male',   false, true,  'Contracted Prisons',             true),
	('FDI', 'HMP Ford',                        'england', 'male',   true,  false, 'South East and East',            true),
	('FEI', 'HMP & YOI Fosse Way',             'england', 'male',   false, true,  'Contracted Prisons',             true),
	('FHI', 'HMP & YOI Foston Hall',           'england', 'female', false, false, 'Women''s Estate',                true),
	('FKI', 'HMP Frankland',                   'england', 'male',   false, false, 'Long Term High Security Estate', true),
	('FMI', 'HMP & YOI Feltham',               'england', 'male',   false, false, 'Youth Custody Service',          true),
	('FNI', 'HMP Full Sutton',                 'england', 'male',   false, false, 'Long Term High Security Estate', true),
	('FSI', 'HMP Featherstone',                'england', 'male',   false, false, 'Midlands',                       true),
	('FWI', 'HMP Five Wells',                  'england', 'male',   false, true,  'Contracted Prisons',             true),
	('FYI', 'HMYOI Feltham A',                 'england', 'male',   false, false, 'Youth Custody Service',          true),
	('GHI', 'HMP Garth',                       'england', 'male',   false, false, 'North West',                     true),
	('GLI', 'HMP Gloucester',                  'england', 'male',   false, false, 'South West and South Central',   false),
	('GMI', 'HMP Guys Marsh',                  'england', 'male',   false, false, 'South West and South Central',   true),
	('GNI', 'HMP Grendon',                     'england', 'male',   false, false, 'South West and South Central',   true),
	('GPI', 'HMYOI Glen Parva',                'england', 'male',   false, false, 'Midlands',                       false),
	('GTI', 'HMP Gartree',                     'england', 'male',   false, false, 'Midlands',                       true),
	('HBI', 'HMP & YOI Hollesley Bay',         'england', 'male',   true,  false, 'South East and East',            true),
	('HCI', 'HMP Huntercombe',                 'england', 'male',   false, false, 'South West and South Central',   true),
	('HDI', 'HMP & YOI Hatfield',              'england', 'male',   true,  false, 'North East',                     true),
	('HEI', 'HMP Hewell',                      'england', 'male',   false, false, 'Midlands',                       true),
	('HHI', 'HMP & YOI Holme House',           'england', 'male',   false, false, 'North East',                     true),
	('HII', 'HMP & YOI Hindley',               'england', 'male',   false, false, 'North West',                     true),
	('HLI', 'HMP & YOI Hull',                  'england', 'male',   false, false, 'North East',                     true),
	('HMI', 'HMP Humber',                      'england', 'male',   false, false, 'North East',                     true),
	('HOI', 'HMP & YOI High Down',             'england', 'male',   false, false, 'South East and East',            true),
	('HPI', 'HMP Highpoint',                   'england', 'male',   false, false, 'South East and East',            true),
	('HVI', 'HMP Haverigg',                    'england', 'male',   true,  false, 'North West',                     true),
	('HYI', 'HMP Holloway',                    'england', 'female', false, false, 'Women''s Estate',                false),
	('ISI', 'HMP/YOI Isis',                    'england', 'male',   false, false, 'London',                         true),
	('IWI', 'HMP & YOI Isle of Wight',         'england', 'male',   false, false, 'South West and South Central',   true),
	('KMI', 'HMP Kirkham',                     'england', 'male',   true,  false, 'North West',                     true),
	('KTI', 'HMP Kennet',                      'england', 'male',   false, false, 'North West',                     false),
	('KVI', 'HMP & YOI Kirklevington Grange',  'england', 'male',   true,  false, 'North East',                     true),
	('LAI', 'HMP Lancaster Castle',            'england', 'male',   false, false, 'North West',                     false),
	('LCI', 'HMP Leicester',                   'england', 'male',   false, false, 'Midlands',                       true),
	('LEI', 'HMP Leeds',                       'england', 'male',   false, false, 'North East',                     true),
	('LFI', 'HMP Lancaster Farms',             'england', 'male',   false, false, 'North West',                     true),
	('LGI', 'HMP Lowdham Grange',              'england', 'male',   false, true,  'Contracted Prisons',             true),
	('LHI', 'HMP Lindholme',                   'england', 'male',   false, false, 'North East',                     true),
	('LII', 'HMP & YOI Lincoln',               'england', 'male',   false, false, 'Midlands',                       true),
	('LLI', 'HMP Long Lartin',                 'england', 'male',   false, false, 'Long Term High Security Estate', true),
	('LMI', 'HMP Latchmere House',             'england', 'male',   true,  false, 'London',                         false),
	('LNI', 'HMP & YOI Low Newton',            'england', 'female', false, false, 'Women''s Estate',                true),
	('LPI', 'HMP Liverpool',                   'england', 'male',   false, false, 'North West',                     true),
	('LTI', 'HMP Littlehey',                   'england', 'male',   false, false, 'South East and East',            true),
	('LWI', 'HMP & YOI Lewes',                 'england', 'male',   false, false, 'South East and East',            true),
	('LYI', 'HMP Leyhill',                     'england', 'male',   true,  false, 'South West and South Central',   true),
	('MDI', 'HMP & YOI Moorland',              'england', 'male',   false, false, 'North East',                     true),
	('MHI', 'HMP Morton Hall',                 'england', 'male',   false, false, 'Midlands',                       true),
	('MKI', 'HMP Millsike',                    'england', 'male',   false, false, 'North East',                     true),
	('MRI', 'HMP & YOI Manchester',            'england', 'male',   false, false, 'Long Term High Security Estate', true),
	('MSI', 'HMP Maidstone',                   'england', 'male',   false, false, 'South East and East',            true),
	('MTI', 'HMP The Mount',                   'england', 'male',   false, false, 'South East and East',            true),
	('NEI', 'HMP Edmunds Hill',                'england', 'male',   false, false, 'South East and East',            false),
	('NHI', 'HMP & YOI New Hall',              'england', 'female', false, false, 'Women''s Estate',                true),
	('NLI', 'HMP Northumberland',              'england', 'male',   false, true,  'Contracted Prisons',             true),
	('NMI', 'HMP & YOI Nottingham',            'england', 'male',   false, false, 'Midlands',                       true),
	('NNI', 'HMP Northallerton',               'england', 'male',   false, false, 'North East',                     false),
	('NSI', 'HMP North Sea Camp',              'england', 'male',   true,  false, 'Midlands',                       true),
	('NWI', 'HMP & YOI Norwich',               'england', 'male',   false, false, 'South East and East',            true),
	('ONI', 'HMP Onley',                       'england', 'male',   false, false, 'Midlands',                       true),
	('OWI', 'HMP Oakwood',                     'england', 'male',   false, true,  'Contracted Prisons',             true),
	('PBI', 'HMP & YOI Peterborough',          'england', 'male',   false, true,  'Contracted Prisons',             true),
	('PDI', 'HMP & YOI Portland',              'england', 'male',   false, false, 'South West and South Central',   true),
	('PFI', 'HMP & YOI Peterborough (Female)', 'england', 'female', false, true,  'Contracted Prisons',             true),
	('PKI', 'HMP Parkhurst',                   'england', 'male',   false, false, 'South West and South Central',   false),
	('PNI', 'HMP & YOI Preston',               'england', 'male',   false, false, 'North West',                     true),
	('PRI', 'HMP & YOI Parc',                  'wales',   'male',   false, true,  'Wales',                          true),
	('PTI', 'HMP Kingston',                    'england', 'male',   false, false, 'South West and South Central',   false),
	('PVI', 'HMP & YOI Pentonville',           'england', 'male',   false, false, 'London',                         true),
	('PYI', 'HMYOI Parc',                      'wales',   'male',   false, true,  'Youth Custody Service',          true),
	('RCI', 'HMP & YOI Rochester',             'england', 'male',   false, false, 'South East and East',            true),
	('RDI', 'HMP & YOI Reading',               'england', 'male',   false, false, 'South West and South Central',   false),
	('RHI', 'HMP Rye Hill',                    'england', 'male',   false, true,  'Contracted Prisons',             true),
	('RNI', 'HMP Ranby',                       'england', 'male',   false, false, 'Midlands',                       true),
	('RSI', 'HMP Risley',                      'england', 'male',   false, false, 'North West',                     true),
	('SDI', 'HMP Send',                        'england', 'female', false, false, 'Women''s Estate',                true),
	('SFI', 'HMP Stafford',                    'england', 'male',   false, false, 'Midlands',                       true),
	('SHI', 'HMP & YOI Stoke Heath',           'england', 'male',   false, false, 'Midlands',                       true),
	('SKI', 'HMP Stocken',                     'england', 'male',   false, false, 'Midlands',                       true),
	('SLI', 'HMP Swaleside',                   'england', 'male',   false, false, 'South East and East',            true),
	('SMI', 'HMP Shepton Mallet',              'england', 'male',   false, false, 'South West and South Central',   false),
	('SNI', 'HMP & YOI Swinfen Hall',          'england', 'male',   false, false, 'Midlands',                       true),
	('SPI', 'HMP Spring Hill',                 'england', 'male',   true,  false, 'South West and South Central',   true),
	('STI', 'HMP & YOI Styal',                 'england', 'female', false, false, 'Women''s Estate',                true),
	('SUI', 'HMP & YOI Sudbury',               'england', 'male',   true,  false, 'Midlands',                       true),
	('SWI', 'HMP & YOI Swansea',               'wales',   'male',   false, false, 'Wales',                          true),
	('SYI', 'HMP Shrewsbury',                  'england', 'male',   false, false, 'Midlands',                       false),
	('TCI', 'HMP & YOI Thorn Cross',           'england', 'male',   true,  false, 'North West',                     true),
	('TSI', 'HMP & YOI Thameside',             'england', 'male',   false, true,  'Contracted Prisons',             true),
	('UKI', 'HMP Usk',                         'wales',   'male',   false, false, 'Wales',                          true),
	('UPI', 'HMP & YOI Prescoed',              'wales',   'male',   true,  false, 'Wales',                          true),
	('VEI', 'HMP The Verne',                   'england', 'male',   false, false, 'South West and South Central',   true),
	('WBI', 'HMP Wellingborough',              'england', 'male',   false, false, 'Midlands',                       false),
	('WCI', 'HMP & YOI Winchester',            'england', 'male',   false, false, 'South West and South Central',   true),
	('WDI', 'HMP Wakefield',                   'england', 'male',   false, false, 'Long Term High Security Estate', true),
	('WEI', 'HMP Wealstun',                    'england', 'male',   false, false, 'North East',                     true),
	('WHI', 'HMP Woodhill',                    'england', 'male',   false, false, 'Long Term High Security Estate', true),
	('WII', 'HMP & YOI Warren Hill',           'england', 'male',   false, false, 'South East and East',            true),
	('WLI', 'HMP Wayland',                     'england', 'male',   false, false, 'South East and East',            true),
	('WMI', 'HMP & YOI Wymott',                'england', 'male',   false, false, 'North West',                     true),
	('WNI', 'HMYOI Werrington',                'england', 'male',   false, false, 'Youth Custody Service',          true),
	('WOI', 'HMP Wolds',                       'england', 'male',   false, false, 'North East',                     false),
	('WRI', 'HMP Whitemoor',                   'england', 'male',   false, false, 'Long Term High Security Estate', true),
	('WSI', 'HMP & YOI Wormwood Scrubs',       'england', 'male',   false, false, 'London',                         true),
	('WTI', 'HMP Whatton',                     'england', 'male',   false, false, 'Midlands',                       true),
	('WWI', 'HMP & YOI Wandsworth',            'england', 'male',   false, false, 'London',                         true),
	('WYI', 'HMYOI Wetherby',                  'england', 'male',   false, false, 'Youth Custody Service',          true);

/*
 * Everything inserted after installation is a local addition: pg_dump keeps
 * those rows (the shipped ones are recreated by CREATE EXTENSION, so dumping
 * them too would make the restore fail on their primary keys).
 */
ALTER TABLE resettle.prison ALTER COLUMN shipped SET DEFAULT false;
SELECT pg_catalog.pg_extension_config_dump('resettle.prison', 'WHERE NOT shipped');

/*
 * The case model: a person, their custodial episodes, and per-episode
 * records of the resettlement work (DESIGN.md "Case model").  Statuses are
 * the codes of reference/domain.md §3.2-3.4, lower-cased.
 *
 * All case tables are configuration tables of the extension, so pg_dump
 * keeps their rows (an extension's own tables are otherwise not dumped).
 */
CREATE TABLE resettle.person (
	prison_number resettle.prison_number PRIMARY KEY,
	crn resettle.crn UNIQUE,
	pnc_id resettle.pnc_id,
	cro_number resettle.cro_number,
	nhs_number resettle.nhs_number,
	nino resettle.nino,
	given_name text NOT NULL
		CONSTRAINT person_given_name_not_blank CHECK (btrim(given_name) <> ''),
	family_name text NOT NULL
		CONSTRAINT person_family_name_not_blank CHECK (btrim(family_name) <> ''),
	name text GENERATED ALWAYS AS (given_name || ' ' || family_name) STORED,
	date_of_birth date NOT NULL
		CONSTRAINT person_date_of_birth_plausible
		CHECK (date_of_birth BETWEEN '1900-01-01' AND '2200-01-01'),
	sex text NOT NULL
		CONSTRAINT person_sex_valid CHECK (sex IN ('male', 'female')),
	ethnicity text
);
COMMENT ON TABLE resettle.person IS 'A person held in custody, with their identifiers';
COMMENT ON COLUMN resettle.person.sex IS 'Sex as recorded by the prison (estate allocation)';

CREATE TABLE resettle.custody (
	id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	prison_number resettle.prison_number NOT NULL
		REFERENCES resettle.person ON UPDATE CASCADE,
	prison_code text NOT NULL REFERENCES resettle.prison,
	reception_date date NOT NULL,
	sentence_start date,
	sentence_type text,
	indeterminate boolean NOT NULL DEFAULT false,
	recall boolean NOT NULL DEFAULT false,
	immigration boolean NOT NULL DEFAULT false,
	remand boolean NOT NULL DEFAULT false,
	civil boolean NOT NULL DEFAULT false,
	additional_isp boolean NOT NULL DEFAULT false,
	parole_outcome_not_release boolean NOT NULL DEFAULT false,
	-- release dates as recorded by the prison (NOMIS/CRDS), never recomputed
	crd date,
	ard date,
	ped date,
	hdced date,
	hdcad date,
	apd date,
	ted date,
	thd date,
	sed date,
	led date,
	confirmed_release_date date,
	mappa_level smallint
		CONSTRAINT custody_mappa_level_range CHECK (mappa_level BETWEEN 0 AND 3),
	rosh text
		CONSTRAINT custody_rosh_valid CHECK (rosh IN ('low', 'medium', 'high', 'very_high')),
	tier text
		CONSTRAINT custody_tier_valid CHECK (tier ~ '^[A-G][0-3]?$'),
	early_allocation boolean NOT NULL DEFAULT false,
	enhanced_handover boolean,
	open_conditions boolean NOT NULL DEFAULT false,
	open_since date,
	pom_name text,
	com_name text,
	com_email text
		CONSTRAINT custody_com_email_format CHECK (com_email ~ '^[^@\s]+@[^@\s]+$'),
	com_allocated_on date,
	released_on date,
	-- derived by the extension; any value written here is replaced or refused
	release_date date,
	responsibility resettle.responsibility,
	handover_start_date date,
	handover_date date,
	handover_reason text,
	readiness resettle.readiness_level,
	readiness_gaps text[],
	readiness_as_of date,
	CONSTRAINT custody_in_custody_before_release
		CHECK (released_on >= reception_date),
	-- a NULL date makes its comparison NULL, which a CHECK accepts
	CONSTRAINT custody_dates_after_sentence_start CHECK (
		crd >= sentence_start AND ard >= sentence_start AND
		ped >= sentence_start AND hdced >= sentence_start AND
		hdcad >= sentence_start AND apd >= sentence_start AND
		ted >= sentence_start AND thd >= sentence_start AND
		sed >= sentence_start AND led >= sentence_start AND
		confirmed_release_date >= sentence_start),
	CONSTRAINT custody_release_dates_need_sentence CHECK (
		sentence_start IS NOT NULL OR (
			crd IS NULL AND ard IS NULL AND ped IS NULL AND hdced IS NULL AND
			hdcad IS NULL AND apd IS NULL AND ted IS NULL)),
	CONSTRAINT custody_open_since_needs_open
		CHECK (open_since IS NULL OR open_conditions),
	CONSTRAINT custody_remand_not_recall
		CHECK (NOT (remand AND recall))
);
COMMENT ON TABLE resettle.custody IS
	'One custodial episode: recorded facts, and the handover and readiness the extension derives from them';
COMMENT ON COLUMN resettle.custody.sentence_type IS 'NOMIS sentence/imprisonment status code as recorded';
COMMENT ON COLUMN resettle.custody.enhanced_handover IS
	'nDelius enhanced resourcing decision; NULL (unknown) counts as enhanced (MPC handover_type)';
COMMENT ON COLUMN resettle.custody.com_allocated_on IS
	'The day a COM was allocated (for the COM-allocated-by-handover measure)';
COMMENT ON COLUMN resettle.custody.release_date IS
	'Derived: first of confirmed release date, APD, HDCAD, CRD, ARD';
COMMENT ON COLUMN resettle.custody.responsibility IS 'Derived: OMiC responsibility as of readiness_as_of';
COMMENT ON COLUMN resettle.custody.handover_start_date IS 'Derived: the day the COM starts supporting';
COMMENT ON COLUMN resettle.custody.handover_date IS 'Derived: the day the COM becomes responsible';
COMMENT ON COLUMN resettle.custody.handover_reason IS 'Derived: reason code of the handover calculation';
COMMENT ON COLUMN resettle.custody.readiness IS 'Derived: release readiness level';
COMMENT ON COLUMN resettle.custody.readiness_gaps IS 'Derived: codes of the rules the case fails';
COMMENT ON COLUMN resettle.custody.readiness_as_of IS 'Derived: the day readiness was evaluated for';

CREATE INDEX custody_prison_release_idx ON resettle.custody (prison_code, release_date);
CREATE INDEX custody_prison_number_idx ON resettle.custody (prison_number);
CREATE INDEX custody_handover_date_idx ON resettle.custody (handover_date);
CREATE INDEX custody_release_date_idx ON resettle.custody (release_date);
CREATE INDEX custody_readiness_as_of_idx ON resettle.custody (readiness_as_of);
-- one open episode per person
CREATE UNIQUE INDEX custody_one_open_episode ON resettle.custody (prison_number)
	WHERE released_on IS NULL;

SELECT pg_catalog.pg_extension_config_dump('resettle.person', '');
SELECT pg_catalog.pg_extension_config_dump('resettle.custody', '');
SELECT pg_catalog.pg_extension_config_dump('resettle.custody_id_seq', '');

/*
 * Records of resettlement work, each keyed by custody_id (reference/domain.md
 * §3).  Deleting a custody episode deletes its records.
 */

-- One row per pathway (Resettlement Passport keeps one per pathway too).
CREATE TABLE resettle.pathway_status (
	custody_id bigint NOT NULL REFERENCES resettle.custody ON DELETE CASCADE,
	pathway resettle.pathway NOT NULL,
	status resettle.pathway_state NOT NULL DEFAULT 'not_started',
	note text,
	updated_on date NOT NULL DEFAULT CURRENT_DATE,
	PRIMARY KEY (custody_id, pathway)
);
COMMENT ON TABLE resettle.pathway_status IS 'Status of each resettlement pathway of a custody episode';

-- Immediate needs (BCST2) and pre-release (RESETTLEMENT_PLAN) assessments.
CREATE TABLE resettle.assessment (
	custody_id bigint NOT NULL REFERENCES resettle.custody ON DELETE CASCADE,
	pathway resettle.pathway NOT NULL,
	assessment_type text NOT NULL
		CONSTRAINT assessment_type_valid
		CHECK (assessment_type IN ('immediate_needs', 'pre_release')),
	status text NOT NULL DEFAULT 'not_started'
		CONSTRAINT assessment_status_valid
		CHECK (status IN ('not_started', 'in_progress', 'complete', 'submitted')),
	completed_on date,
	CONSTRAINT assessment_completed_has_date
		CHECK ((status IN ('complete', 'submitted')) = (completed_on IS NOT NULL)),
	PRIMARY KEY (custody_id, assessment_type, pathway)
);
COMMENT ON TABLE resettle.assessment IS
	'Resettlement assessments per pathway: immediate needs (BCST2) and pre-release';

-- ID documents held, and applications for them.
CREATE TABLE resettle.id_document (
	id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	custody_id bigint NOT NULL REFERENCES resettle.custody ON DELETE CASCADE,
	document_type text NOT NULL
		CONSTRAINT id_document_type_valid CHECK (document_type IN (
			'birth_certificate', 'passport', 'driving_licence',
			'marriage_certificate', 'civil_partnership_certificate',
			'adoption_certificate', 'divorce_certificate',
			'biometric_residence_permit', 'deed_poll_certificate',
			'citizen_card', 'national_insurance_letter')),
	status text NOT NULL
		CONSTRAINT id_document_status_valid CHECK (status IN (
			'held', 'application_pending', 'application_accepted',
			'application_rejected')),
	applied_on date,
	status_on date NOT NULL DEFAULT CURRENT_DATE,
	CONSTRAINT id_document_application_dated
		CHECK (status = 'held' OR applied_on IS NOT NULL)
);
CREATE INDEX id_document_custody_idx ON resettle.id_document (custody_id);
COMMENT ON TABLE resettle.id_document IS 'ID documents held and ID applications';

-- Bank accounts held, and account applications with their outcome.
CREATE TABLE resettle.bank_account (
	id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	custody_id bigint NOT NULL REFERENCES resettle.custody ON DELETE CASCADE,
	bank_name text,
	status text NOT NULL
		CONSTRAINT bank_account_status_valid CHECK (status IN (
			'held', 'pending', 'opened', 'declined', 'returned_incomplete',
			'returned_inaccurate', 'returned_ineligible')),
	applied_on date,
	status_on date NOT NULL DEFAULT CURRENT_DATE,
	CONSTRAINT bank_account_application_dated
		CHECK (status = 'held' OR applied_on IS NOT NULL)
);
CREATE INDEX bank_account_custody_idx ON resettle.bank_account (custody_id);
COMMENT ON TABLE resettle.bank_account IS 'Bank accounts held and account applications';

-- Where the person lived and where they will live on release.
CREATE TABLE resettle.accommodation (
	custody_id bigint PRIMARY KEY REFERENCES resettle.custody ON DELETE CASCADE,
	lived_before text
		CONSTRAINT accommodation_lived_before_valid CHECK (lived_before IN (
			'private_rented_housing', 'private_housing_owned',
			'family_or_friends', 'social_housing',
			'local_authority_or_supported_housing', 'hostel',
			'emergency_housing', 'approved_premises',
			'immigration_accommodation', 'no_permanent_or_fixed', 'no_answer')),
	release_plan text NOT NULL DEFAULT 'no_answer'
		CONSTRAINT accommodation_release_plan_valid CHECK (release_plan IN (
			'return_to_previous_address', 'move_to_new_address',
			'approved_premises', 'cas2', 'cas3',
			'does_not_have_anywhere', 'no_answer')),
	address_confirmed boolean NOT NULL DEFAULT false,
	at_risk_of_homelessness boolean NOT NULL DEFAULT false,
	duty_to_refer_on date,
	updated_on date NOT NULL DEFAULT CURRENT_DATE,
	CONSTRAINT accommodation_confirmed_needs_plan CHECK (
		NOT address_confirmed OR release_plan NOT IN ('does_not_have_anywhere', 'no_answer'))
);
COMMENT ON TABLE resettle.accommodation IS
	'Accommodation before custody and the plan for release (Accommodation report)';
COMMENT ON COLUMN resettle.accommodation.address_confirmed IS
	'The release address or placement (approved premises, CAS2, CAS3) is confirmed';

-- Support needs, one current row per need (Resettlement Passport support needs).
CREATE TABLE resettle.support_need (
	custody_id bigint NOT NULL REFERENCES resettle.custody ON DELETE CASCADE,
	need text NOT NULL
		CONSTRAINT support_need_valid CHECK (need IN (
			'benefit_claim', 'gp_registration', 'release_prescription',
			'family_contact', 'bank_account', 'id_documents',
			'accommodation', 'employment', 'education', 'debt_advice',
			'substance_misuse', 'domestic_abuse_support', 'other')),
	status text NOT NULL DEFAULT 'not_started'
		CONSTRAINT support_need_status_valid
		CHECK (status IN ('not_started', 'in_progress', 'met', 'declined')),
	responsible text NOT NULL DEFAULT 'prison'
		CONSTRAINT support_need_responsible_valid
		CHECK (responsible IN ('prison', 'probation', 'both')),
	note text,
	updated_on date NOT NULL DEFAULT CURRENT_DATE,
	PRIMARY KEY (custody_id, need)
);
COMMENT ON TABLE resettle.support_need IS
	'Identified support needs, their status and who (prison or probation) is responsible';

-- The handover checklist (MPC handover_progress_checklist).
CREATE TABLE resettle.handover_checklist (
	custody_id bigint PRIMARY KEY REFERENCES resettle.custody ON DELETE CASCADE,
	reviewed_oasys boolean NOT NULL DEFAULT false,
	contacted_com boolean NOT NULL DEFAULT false,
	attended_handover_meeting boolean NOT NULL DEFAULT false,
	sent_handover_report boolean NOT NULL DEFAULT false,
	updated_on date NOT NULL DEFAULT CURRENT_DATE
);
COMMENT ON TABLE resettle.handover_checklist IS
	'POM handover tasks: standard = contacted COM and sent report; enhanced = reviewed OASys, contacted COM, attended meeting';

SELECT pg_catalog.pg_extension_config_dump('resettle.pathway_status', '');
SELECT pg_catalog.pg_extension_config_dump('resettle.assessment', '');
SELECT pg_catalog.pg_extension_config_dump('resettle.id_document', '');
SELECT pg_catalog.pg_extension_config_dump('resettle.id_document_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('resettle.bank_account', '');
SELECT pg_catalog.pg_extension_config_dump('resettle.bank_account_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('resettle.accommodation', '');
SELECT pg_catalog.pg_extension_config_dump('resettle.support_need', '');
SELECT pg_catalog.pg_extension_config_dump('resettle.handover_checklist', '');

/*
 * The OMiC handover calculation (reference/domain.md §2; docs/rules.md).
 * Every argument but sentence_start has a default, so callers name what
 * they know.  NULL booleans count as false and a NULL mappa_level as
 * unknown.  By default today's rules apply; rules_as_of selects the rules
 * in force on that date.  Out-of-scope cases return a NULL responsibility
 * and a reason beginning "out_of_scope_".
 */
CREATE FUNCTION resettle.handover(
	sentence_start date,
	crd date DEFAULT NULL,
	ard date DEFAULT NULL,
	ped date DEFAULT NULL,
	ted date DEFAULT NULL,
	thd date DEFAULT NULL,
	indeterminate boolean DEFAULT false,
	recall boolean DEFAULT false,
	immigration boolean DEFAULT false,
	early_allocation boolean DEFAULT false,
	open_conditions boolean DEFAULT false,
	open_since date DEFAULT NULL,
	mappa_level integer DEFAULT NULL,
	additional_isp boolean DEFAULT false,
	parole_outcome_not_release boolean DEFAULT false,
	as_of date DEFAULT CURRENT_DATE,
	hdced date DEFAULT NULL,
	date_of_birth date DEFAULT NULL,
	remand boolean DEFAULT false,
	civil boolean DEFAULT false,
	crc_case boolean DEFAULT false,
	rules_as_of date DEFAULT NULL,
	OUT responsibility resettle.responsibility,
	OUT start_date date,
	OUT handover_date date,
	OUT reason text)
RETURNS record
AS 'MODULE_PATHNAME', 'handover_calculate_sql'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION resettle.handover(date, date, date, date, date, date, boolean,
	boolean, boolean, boolean, boolean, date, integer, boolean, boolean, date,
	date, date, boolean, boolean, boolean, date) IS
	'OMiC handover: responsibility, COM start date, handover date and reason code';

CREATE FUNCTION resettle.handover_rules_versions(
	OUT version text, OUT in_force_from date)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'handover_rules_versions'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION resettle.handover_rules_versions() IS
	'The versions of the handover rules and the day each came into force';

/*
 * Operational handover flags of MPC (reference/domain.md §2.5).  Plain SQL
 * so the planner inlines them into analysts' queries.
 */

-- CustodyOnly and HD - 56 days <= as_of < HD: the POM is reminded.  Both
-- bounds are on handover_date itself, so an index on it serves the window
-- (since 1.1).
CREATE FUNCTION resettle.handover_upcoming(
	responsibility resettle.responsibility, handover_date date,
	as_of date DEFAULT CURRENT_DATE, window_days integer DEFAULT 56)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT responsibility = 'custody_only'
		AND handover_date <= as_of + window_days
		AND handover_date > as_of
$$;
COMMENT ON FUNCTION resettle.handover_upcoming(resettle.responsibility, date, date, integer) IS
	'Handover due within the window (default 56 days) and the POM still alone responsible';

-- COM responsible since HD, no COM recorded, and two days gone.
CREATE FUNCTION resettle.com_allocation_overdue(
	responsibility resettle.responsibility, handover_date date,
	com_name text, com_email text, as_of date DEFAULT CURRENT_DATE)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT responsibility = 'community'
		AND handover_date IS NOT NULL
		AND com_name IS NULL AND com_email IS NULL
		AND as_of >= handover_date + 2
$$;
COMMENT ON FUNCTION resettle.com_allocation_overdue(resettle.responsibility, date, text, text, date) IS
	'COM responsible, no COM allocated, and as_of at least two days after the handover date';

-- A COM is supporting or responsible but none is named.
CREATE FUNCTION resettle.needs_com(responsibility resettle.responsibility, com_name text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT responsibility IN ('custody_with_com', 'community') AND com_name IS NULL
$$;
COMMENT ON FUNCTION resettle.needs_com(resettle.responsibility, text) IS
	'A COM is supporting or responsible but none is recorded';

-- missing (no calculation) / none (determinate_short) / enhanced / standard
CREATE FUNCTION resettle.handover_type(handover_reason text, enhanced_handover boolean)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT CASE
		WHEN handover_reason IS NULL OR handover_reason LIKE 'out\_of\_scope\_%' THEN 'missing'
		WHEN handover_reason = 'determinate_short' THEN 'none'
		WHEN enhanced_handover IS NOT FALSE THEN 'enhanced'
		ELSE 'standard'
	END
$$;
COMMENT ON FUNCTION resettle.handover_type(text, boolean) IS
	'Handover type: missing, none, enhanced (enhanced resourcing unknown or true) or standard';

/*
 * Derived custody columns: release date and handover, recomputed on every
 * INSERT and UPDATE (extension/custody_trigger.c).
 */
CREATE FUNCTION resettle.custody_derive() RETURNS trigger
	AS 'MODULE_PATHNAME', 'custody_derive' LANGUAGE C;
COMMENT ON FUNCTION resettle.custody_derive() IS
	'Trigger: derives release_date and the handover columns of resettle.custody';

CREATE TRIGGER custody_derive
	BEFORE INSERT OR UPDATE ON resettle.custody
	FOR EACH ROW EXECUTE FUNCTION resettle.custody_derive();

/* The handover of a stored custody row, as of any date. */
CREATE FUNCTION resettle.handover(
	c resettle.custody,
	as_of date DEFAULT CURRENT_DATE,
	OUT responsibility resettle.responsibility,
	OUT start_date date,
	OUT handover_date date,
	OUT reason text)
RETURNS record
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT h.responsibility, h.start_date, h.handover_date, h.reason
	FROM resettle.handover(
		sentence_start => c.sentence_start, crd => c.crd, ard => c.ard,
		ped => c.ped, ted => c.ted, thd => c.thd,
		indeterminate => c.indeterminate, recall => c.recall,
		immigration => c.immigration, early_allocation => c.early_allocation,
		open_conditions => c.open_conditions, open_since => c.open_since,
		mappa_level => c.mappa_level::integer, additional_isp => c.additional_isp,
		parole_outcome_not_release => c.parole_outcome_not_release,
		as_of => as_of, hdced => c.hdced,
		date_of_birth => (SELECT p.date_of_birth FROM resettle.person AS p
		                  WHERE p.prison_number OPERATOR(pg_catalog.=) c.prison_number),
		remand => c.remand, civil => c.civil) AS h
$$;
COMMENT ON FUNCTION resettle.handover(resettle.custody, date) IS
	'OMiC handover of a custody row as of a date';

/*
 * Release readiness: the rule catalogue as configuration, the history of
 * readiness changes, and what was in place when each person was released.
 */

-- The rules the C evaluation knows (resettle.rule_catalogue()), with the
-- settings DBAs tune.  Thresholds a rule does not use stay NULL.
CREATE TABLE resettle.rule (
	code text PRIMARY KEY,
	title text NOT NULL,
	severity text NOT NULL
		CONSTRAINT rule_severity_valid CHECK (severity IN ('warning', 'error')),
	warn_days integer
		CONSTRAINT rule_warn_days_range CHECK (warn_days BETWEEN 0 AND 3650),
	error_days integer
		CONSTRAINT rule_error_days_range CHECK (error_days BETWEEN 0 AND 3650),
	enabled boolean NOT NULL DEFAULT true,
	source text NOT NULL
);
COMMENT ON TABLE resettle.rule IS
	'Release-readiness rules: severity, thresholds in days before release, enabled; tune here';
COMMENT ON COLUMN resettle.rule.warn_days IS 'Days before release (or after reception) from which the warning applies';
COMMENT ON COLUMN resettle.rule.error_days IS 'Days before release (or after reception) from which the error applies';

-- history of every readiness level change; append-only (see append_only())
CREATE TABLE resettle.readiness_history (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	custody_id bigint NOT NULL,
	as_of date NOT NULL,
	from_level resettle.readiness_level,
	to_level resettle.readiness_level NOT NULL,
	gaps text[] NOT NULL,
	changed_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	changed_by name NOT NULL DEFAULT CURRENT_USER,
	session_user_name name NOT NULL DEFAULT SESSION_USER
);
CREATE INDEX readiness_history_custody_idx ON resettle.readiness_history (custody_id, id);
COMMENT ON TABLE resettle.readiness_history IS
	'Every change of a case''s readiness level: when, by which role, from, to, and the gaps; append-only';

-- what was in place on the day of release; written once, append-only
CREATE TABLE resettle.release_outcome (
	custody_id bigint PRIMARY KEY,
	released_on date NOT NULL,
	prison_code text NOT NULL,
	settled_accommodation boolean NOT NULL,
	id_document boolean NOT NULL,
	bank_account boolean NOT NULL,
	benefit_claim_needed boolean NOT NULL,
	benefit_claim_started boolean NOT NULL,
	gp_needed boolean NOT NULL,
	gp_arranged boolean NOT NULL,
	family_pathway_addressed boolean NOT NULL,
	com_allocated boolean NOT NULL,
	com_allocated_by_handover boolean,
	handover_date date,
	gaps text[] NOT NULL,
	recorded_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	recorded_by name NOT NULL DEFAULT CURRENT_USER
);
CREATE INDEX release_outcome_released_on_idx ON resettle.release_outcome (released_on);
COMMENT ON TABLE resettle.release_outcome IS
	'Snapshot on release: settled accommodation, ID, bank account, benefit claim, GP, family pathway, COM, and the gaps left';
COMMENT ON COLUMN resettle.release_outcome.com_allocated_by_handover IS
	'COM allocated by the handover date + 2 days (NULL when there was no handover date or no allocation date)';

/*
 * resettle.case_facts: one row per custody episode with everything the
 * readiness rules read, aggregated from the child tables.  The C
 * evaluation (resettle.evaluate) reads these columns by name, so they are
 * an interface: add, never rename.
 */
CREATE VIEW resettle.case_facts AS
SELECT
	c.id AS custody_id,
	c.prison_number,
	c.prison_code,
	c.sentence_start, c.crd, c.ard, c.ped, c.hdced, c.ted, c.thd,
	p.date_of_birth,
	c.indeterminate, c.recall, c.immigration, c.early_allocation,
	c.open_conditions, c.open_since, c.mappa_level, c.additional_isp,
	c.parole_outcome_not_release, c.remand, c.civil,
	c.release_date, c.released_on, c.reception_date,
	c.handover_date, c.com_allocated_on,
	COALESCE(c.com_name, '') <> '' AS com_name_present,
	COALESCE(c.com_email, '') <> '' AS com_email_present,
	c.enhanced_handover,
	COALESCE(hc.reviewed_oasys, false) AS reviewed_oasys,
	COALESCE(hc.contacted_com, false) AS contacted_com,
	COALESCE(hc.attended_handover_meeting, false) AS attended_handover_meeting,
	COALESCE(hc.sent_handover_report, false) AS sent_handover_report,
	ps.pathways_not_started,
	ps.family_pathway_not_started,
	asm.immediate_needs_complete,
	asm.pre_release_complete,
	acc.custody_id IS NOT NULL AS has_accommodation_record,
	acc.release_plan,
	COALESCE(acc.address_confirmed, false) AS address_confirmed,
	COALESCE(acc.lived_before = 'no_permanent_or_fixed', false) AS no_fixed_abode_before,
	COALESCE(acc.at_risk_of_homelessness, false) AS at_risk_of_homelessness,
	acc.duty_to_refer_on IS NOT NULL AS has_duty_to_refer,
	idd.id_held, idd.id_application_open, idd.id_application_accepted,
	bank.bank_held_or_opened, bank.bank_pending,
	COALESCE(bank.latest_application IN ('declined', 'returned_incomplete',
		'returned_inaccurate', 'returned_ineligible'), false) AS bank_latest_failed,
	need.benefit_claim, need.gp_registration, need.release_prescription
FROM resettle.custody AS c
JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) c.prison_number
LEFT JOIN resettle.handover_checklist AS hc ON hc.custody_id = c.id
LEFT JOIN resettle.accommodation AS acc ON acc.custody_id = c.id
CROSS JOIN LATERAL (
	-- a missing pathway row counts as not started
	SELECT 7 - count(*) FILTER (WHERE s.status <> 'not_started') AS pathways_not_started,
	       NOT COALESCE(bool_or(s.pathway = 'children_families_community'
	                            AND s.status <> 'not_started'), false) AS family_pathway_not_started
	FROM resettle.pathway_status AS s WHERE s.custody_id = c.id
) AS ps
CROSS JOIN LATERAL (
	SELECT count(*) FILTER (WHERE a.assessment_type = 'immediate_needs'
	                          AND a.status IN ('complete', 'submitted')) AS immediate_needs_complete,
	       count(*) FILTER (WHERE a.assessment_type = 'pre_release'
	                          AND a.status IN ('complete', 'submitted')) AS pre_release_complete
	FROM resettle.assessment AS a WHERE a.custody_id = c.id
) AS asm
CROSS JOIN LATERAL (
	SELECT COALESCE(bool_or(d.status = 'held'), false) AS id_held,
	       COALESCE(bool_or(d.status IN ('application_pending', 'application_accepted')), false) AS id_application_open,
	       COALESCE(bool_or(d.status = 'application_accepted'), false) AS id_application_accepted
	FROM resettle.id_document AS d WHERE d.custody_id = c.id
) AS idd
CROSS JOIN LATERAL (
	-- the latest application (not a held account): applied_on DESC puts
	-- undated ones first, as ORDER BY ... LIMIT 1 did; one scan per case
	SELECT COALESCE(bool_or(b.status IN ('held', 'opened')), false) AS bank_held_or_opened,
	       COALESCE(bool_or(b.status = 'pending'), false) AS bank_pending,
	       (array_agg(b.status ORDER BY b.applied_on DESC, b.id DESC)
	          FILTER (WHERE b.status <> 'held'))[1] AS latest_application
	FROM resettle.bank_account AS b WHERE b.custody_id = c.id
) AS bank
CROSS JOIN LATERAL (
	SELECT max(n.status) FILTER (WHERE n.need = 'benefit_claim') AS benefit_claim,
	       max(n.status) FILTER (WHERE n.need = 'gp_registration') AS gp_registration,
	       max(n.status) FILTER (WHERE n.need = 'release_prescription') AS release_prescription
	FROM resettle.support_need AS n WHERE n.custody_id = c.id
) AS need;
COMMENT ON VIEW resettle.case_facts IS
	'Per custody episode, the facts the readiness rules read (an interface of resettle.evaluate)';

/*
 * Release readiness (docs/rules.md "Release readiness").  One C routine
 * evaluates a resettle.case_facts row; everything else is built on it.
 */
CREATE FUNCTION resettle.rule_catalogue(
	OUT code text, OUT title text, OUT severity text, OUT warn_days integer,
	OUT error_days integer, OUT enabled boolean, OUT source text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'readiness_rule_catalogue'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 18;
COMMENT ON FUNCTION resettle.rule_catalogue() IS
	'The readiness rules this version implements, with their default settings';

INSERT INTO resettle.rule (code, title, severity, warn_days, error_days, enabled, source)
SELECT code, title, severity, warn_days, error_days, enabled, source
FROM resettle.rule_catalogue();

/*
 * pg_dump keeps every rule row, tuned or not; on restore CREATE EXTENSION
 * has already inserted the defaults, so an INSERT of an existing code
 * updates it instead.
 */
CREATE FUNCTION resettle.rule_upsert() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	UPDATE resettle.rule AS r
	SET title = NEW.title, severity = NEW.severity, warn_days = NEW.warn_days,
	    error_days = NEW.error_days, enabled = NEW.enabled, source = NEW.source
	WHERE r.code = NEW.code;
	IF FOUND THEN
		RETURN NULL;
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER rule_upsert BEFORE INSERT ON resettle.rule
	FOR EACH ROW EXECUTE FUNCTION resettle.rule_upsert();
SELECT pg_catalog.pg_extension_config_dump('resettle.rule', '');

CREATE FUNCTION resettle.evaluate(
	f resettle.case_facts, as_of date, at_release boolean DEFAULT false,
	OUT level resettle.readiness_level, OUT gaps text[])
RETURNS record
AS 'MODULE_PATHNAME', 'readiness_evaluate_sql'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION resettle.evaluate(resettle.case_facts, date, boolean) IS
	'Readiness level and failing rule codes of a case''s facts as of a date';

CREATE FUNCTION resettle.evaluate_gaps(f resettle.case_facts, as_of date)
RETURNS TABLE (rule text, severity text, message text, due_on date)
AS 'MODULE_PATHNAME', 'readiness_evaluate_gaps'
LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION resettle.evaluate_gaps(resettle.case_facts, date) IS
	'The failing rules of a case''s facts as of a date, with messages and due dates';

CREATE FUNCTION resettle.check(custody_id bigint, as_of date DEFAULT CURRENT_DATE)
RETURNS TABLE (rule text, severity text, message text, due_on date)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT g.rule, g.severity, g.message, g.due_on
	FROM resettle.case_facts AS f, resettle.evaluate_gaps(f, $2) AS g
	WHERE f.custody_id = $1
$$;
COMMENT ON FUNCTION resettle.check(bigint, date) IS
	'One row per failing readiness rule of a case: rule, severity, what is missing and by when';

CREATE FUNCTION resettle.readiness(custody_id bigint, as_of date DEFAULT CURRENT_DATE)
RETURNS resettle.readiness_level
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT (resettle.evaluate(f, $2)).level
	FROM resettle.case_facts AS f
	WHERE f.custody_id = $1
$$;
COMMENT ON FUNCTION resettle.readiness(bigint, date) IS
	'Readiness level of a case as of a date (NULL for an unknown case)';

CREATE FUNCTION resettle.refresh(as_of date DEFAULT CURRENT_DATE, all_cases boolean DEFAULT false)
RETURNS bigint
AS 'MODULE_PATHNAME', 'readiness_refresh'
LANGUAGE C VOLATILE;
COMMENT ON FUNCTION resettle.refresh(date, boolean) IS
	'Re-evaluate every case in custody whose readiness is older than as_of (all of them with all_cases); returns how many changed level';

/*
 * Keep stored readiness current: after any statement that changes custody
 * or a child table, recompute each affected case once.  Transition tables
 * need one trigger per event.  A statement that writes several of these
 * tables (a data-modifying CTE, a cascade) recomputes when the last of
 * them ends (readiness_statement_start counts them; readiness_batch.c).
 */
CREATE FUNCTION resettle.readiness_statement_start() RETURNS trigger
	AS 'MODULE_PATHNAME', 'readiness_statement_start' LANGUAGE C;
COMMENT ON FUNCTION resettle.readiness_statement_start() IS
	'Trigger: counts a statement that will recompute readiness when it ends';

CREATE FUNCTION resettle.readiness_after_change() RETURNS trigger
	AS 'MODULE_PATHNAME', 'readiness_after_change' LANGUAGE C;
COMMENT ON FUNCTION resettle.readiness_after_change() IS
	'Trigger: recomputes the readiness of the cases a statement changed';

CREATE TRIGGER readiness_statement_start BEFORE INSERT OR UPDATE ON resettle.custody
	FOR EACH STATEMENT EXECUTE FUNCTION resettle.readiness_statement_start();
CREATE TRIGGER readiness_insert AFTER INSERT ON resettle.custody
	REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
	EXECUTE FUNCTION resettle.readiness_after_change('id');
CREATE TRIGGER readiness_update AFTER UPDATE ON resettle.custody
	REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
	EXECUTE FUNCTION resettle.readiness_after_change('id');
DO $$
DECLARE
	child text;
BEGIN
	FOREACH child IN ARRAY ARRAY['pathway_status', 'assessment', 'id_document',
		'bank_account', 'accommodation', 'support_need', 'handover_checklist']
	LOOP
		EXECUTE pg_catalog.format('CREATE TRIGGER readiness_statement_start
			BEFORE INSERT OR UPDATE OR DELETE ON resettle.%I
			FOR EACH STATEMENT EXECUTE FUNCTION resettle.readiness_statement_start()', child);
		EXECUTE pg_catalog.format('CREATE TRIGGER readiness_insert AFTER INSERT ON resettle.%I
			REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
			EXECUTE FUNCTION resettle.readiness_after_change(''custody_id'')', child);
		EXECUTE pg_catalog.format('CREATE TRIGGER readiness_update AFTER UPDATE ON resettle.%I
			REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT
			EXECUTE FUNCTION resettle.readiness_after_change(''custody_id'')', child);
		EXECUTE pg_catalog.format('CREATE TRIGGER readiness_delete AFTER DELETE ON resettle.%I
			REFERENCING OLD TABLE AS before FOR EACH STATEMENT
			EXECUTE FUNCTION resettle.readiness_after_change(''custody_id'')', child);
	END LOOP;
END $$;

CREATE FUNCTION resettle.today() RETURNS date
	AS 'MODULE_PATHNAME', 'readiness_today' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION resettle.today() IS
	'The date the extension treats as today: the setting resettle.today, or the current date';

/*
 * A person's date of birth decides whether their case is in scope (under
 * 18s are not): when it changes, re-derive their open cases by touching
 * them, which runs the custody triggers.
 */
CREATE FUNCTION resettle.person_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	-- reception_date, not prison_number: staff may not update prison_number
	UPDATE resettle.custody AS c SET reception_date = c.reception_date
	FROM before AS o JOIN changed AS n
		ON n.prison_number OPERATOR(pg_catalog.=) o.prison_number
	WHERE c.prison_number OPERATOR(pg_catalog.=) n.prison_number
	  AND n.date_of_birth IS DISTINCT FROM o.date_of_birth
	  AND c.released_on IS NULL;
	RETURN NULL;
END $$;
CREATE TRIGGER person_changed AFTER UPDATE ON resettle.person
	REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT
	EXECUTE FUNCTION resettle.person_changed();

/*
 * Tuned rules apply to stored readiness at once: every case in custody is
 * re-evaluated after a statement that changes resettle.rule.
 */
CREATE FUNCTION resettle.rule_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM resettle.refresh(resettle.today(), all_cases => true);
	RETURN NULL;
END $$;
CREATE TRIGGER rule_changed AFTER INSERT OR UPDATE OR DELETE ON resettle.rule
	FOR EACH STATEMENT EXECUTE FUNCTION resettle.rule_changed();

/*
 * readiness_history and release_outcome are written only by the extension:
 * UPDATE, DELETE and TRUNCATE are refused for everyone, INSERT for everyone
 * but a superuser (whose restore of a dump must be able to load them).
 */
CREATE FUNCTION resettle.append_only() RETURNS trigger
	AS 'MODULE_PATHNAME', 'append_only' LANGUAGE C;
COMMENT ON FUNCTION resettle.append_only() IS
	'Trigger: keeps readiness_history and release_outcome append-only';
CREATE TRIGGER append_only BEFORE INSERT OR UPDATE OR DELETE ON resettle.readiness_history
	FOR EACH ROW EXECUTE FUNCTION resettle.append_only();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON resettle.readiness_history
	FOR EACH STATEMENT EXECUTE FUNCTION resettle.append_only();
CREATE TRIGGER append_only BEFORE INSERT OR UPDATE OR DELETE ON resettle.release_outcome
	FOR EACH ROW EXECUTE FUNCTION resettle.append_only();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON resettle.release_outcome
	FOR EACH STATEMENT EXECUTE FUNCTION resettle.append_only();

SELECT pg_catalog.pg_extension_config_dump('resettle.readiness_history', '');
SELECT pg_catalog.pg_extension_config_dump('resettle.readiness_history_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('resettle.release_outcome', '');

/*
 * The client's case card (resettle case): one case as rows of section,
 * field and value, in display order.  The identifier is a prison number or
 * a CRN; an unknown or invalid one gives no rows.  The custody episode shown
 * is the open one, else the latest.
 */
CREATE FUNCTION resettle.case_card(identifier text, as_of date DEFAULT NULL)
RETURNS TABLE (section text, field text, value text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
	WITH p AS (
		SELECT pe.*
		FROM resettle.person AS pe
		WHERE pe.prison_number OPERATOR(pg_catalog.=) CASE
				WHEN resettle.is_valid_prison_number($1) THEN $1::resettle.prison_number END
		   OR pe.crn OPERATOR(pg_catalog.=) CASE
				WHEN resettle.is_valid_crn($1) THEN $1::resettle.crn END
		LIMIT 1
	), c AS (
		SELECT cu.*, pr.name AS prison_name,
		       COALESCE($2, resettle.today()) AS day
		FROM resettle.custody AS cu
		JOIN p ON cu.prison_number OPERATOR(pg_catalog.=) p.prison_number
		LEFT JOIN resettle.prison AS pr ON pr.code = cu.prison_code
		ORDER BY cu.released_on IS NULL DESC, cu.reception_date DESC, cu.id DESC
		LIMIT 1
	), f AS (
		SELECT ev.level, ev.gaps
		FROM c, resettle.case_facts AS cf, resettle.evaluate(cf, c.day) AS ev
		WHERE cf.custody_id = c.id
	), rows (s, n, section, field, value) AS (
		SELECT 1, 1, 'identity', 'prison_number', p.prison_number::text FROM p
		UNION ALL SELECT 1, 2, 'identity', 'crn', p.crn::text FROM p
		UNION ALL SELECT 1, 3, 'identity', 'name', p.name FROM p
		UNION ALL SELECT 1, 4, 'identity', 'date_of_birth', p.date_of_birth::text FROM p
		UNION ALL SELECT 1, 5, 'identity', 'pnc_id', p.pnc_id::text FROM p
		UNION ALL SELECT 2, 1, 'custody', 'custody_id', c.id::text FROM c
		UNION ALL SELECT 2, 2, 'custody', 'prison',
			c.prison_code || COALESCE(' ' || c.prison_name, '') FROM c
		UNION ALL SELECT 2, 3, 'custody', 'reception_date', c.reception_date::text FROM c
		UNION ALL SELECT 2, 4, 'custody', 'sentence_start', c.sentence_start::text FROM c
		UNION ALL SELECT 2, 5, 'custody', 'release_date', c.release_date::text FROM c
		UNION ALL SELECT 2, 6, 'custody', 'days_to_release',
			(c.release_date - c.day)::text FROM c
		UNION ALL SELECT 2, 7, 'custody', 'crd', c.crd::text FROM c
		UNION ALL SELECT 2, 8, 'custody', 'ped', c.ped::text FROM c
		UNION ALL SELECT 2, 9, 'custody', 'hdced', c.hdced::text FROM c
		UNION ALL SELECT 2, 10, 'custody', 'ted', c.ted::text FROM c
		UNION ALL SELECT 2, 11, 'custody', 'released_on', c.released_on::text FROM c
		UNION ALL SELECT 3, 1, 'handover', 'responsibility', c.responsibility::text FROM c
		UNION ALL SELECT 3, 2, 'handover', 'pom', c.pom_name FROM c
		UNION ALL SELECT 3, 3, 'handover', 'com', c.com_name FROM c
		UNION ALL SELECT 3, 4, 'handover', 'com_email', c.com_email FROM c
		UNION ALL SELECT 3, 5, 'handover', 'handover_start_date', c.handover_start_date::text FROM c
		UNION ALL SELECT 3, 6, 'handover', 'handover_date', c.handover_date::text FROM c
		UNION ALL SELECT 3, 7, 'handover', 'handover_reason', c.handover_reason FROM c
		UNION ALL SELECT 3, 8, 'handover', 'handover_type',
			resettle.handover_type(c.handover_reason, c.enhanced_handover) FROM c
		UNION ALL SELECT 4, 1, 'readiness', 'as_of', c.day::text FROM c
		UNION ALL SELECT 4, 2, 'readiness', 'level', f.level::text FROM f
		UNION ALL SELECT 4, 3, 'readiness', 'gaps',
			COALESCE(cardinality(f.gaps), 0)::text FROM f
		UNION ALL SELECT 5, g.n, 'gap', g.rule,
			g.severity || ': ' || g.message || COALESCE(' (due ' || g.due_on::text || ')', '')
		FROM c, resettle.check(c.id, c.day) WITH ORDINALITY AS g (rule, severity, message, due_on, n)
		UNION ALL SELECT 6, pw.n, 'pathway', pw.pathway::text,
			COALESCE(ps.status, 'not_started')::text || COALESCE(' - ' || ps.note, '')
		FROM c
		CROSS JOIN pg_catalog.unnest(pg_catalog.enum_range(NULL::resettle.pathway))
			WITH ORDINALITY AS pw (pathway, n)
		LEFT JOIN resettle.pathway_status AS ps
			ON ps.custody_id = c.id AND ps.pathway = pw.pathway
		UNION ALL SELECT 7, h.n, 'history', h.changed_at,
			COALESCE(h.from_level::text, '-') || ' -> ' || h.to_level::text
		FROM c CROSS JOIN LATERAL (
			SELECT rh.as_of::text AS changed_at, rh.from_level, rh.to_level,
			       pg_catalog.row_number() OVER (ORDER BY rh.id DESC) AS n
			FROM resettle.readiness_history AS rh
			WHERE rh.custody_id = c.id
			ORDER BY rh.id DESC LIMIT 5
		) AS h
	)
	SELECT r.section, r.field, r.value FROM rows AS r ORDER BY r.s, r.n
$$;
COMMENT ON FUNCTION resettle.case_card(text, date) IS
	'One case (by prison number or CRN) as section/field/value rows: identity, custody, handover, readiness with every gap, pathways, recent readiness changes';

/*
 * The client's worklists (resettle releases, handovers, gaps, stats).  Each
 * evaluates readiness live as of the given day (default resettle.today()),
 * over the cases still in custody.  Their column sets are an interface of
 * the client's machine formats: add, never rename.
 */

-- Releases due within the given weeks, soonest first.
CREATE FUNCTION resettle.releases_due(
	weeks integer DEFAULT 12, prison text DEFAULT NULL,
	level resettle.readiness_level DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS TABLE (prison_number text, name text, prison_code text,
	release_date date, days_to_release integer,
	readiness resettle.readiness_level, gaps integer,
	responsibility resettle.responsibility, handover_date date)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT c.prison_number::text, p.name, c.prison_code, c.release_date,
	       c.release_date - d.day, ev.level, COALESCE(cardinality(ev.gaps), 0),
	       c.responsibility, c.handover_date
	FROM (SELECT COALESCE($4, resettle.today()) AS day) AS d
	JOIN resettle.custody AS c
		ON c.release_date BETWEEN d.day AND d.day + 7 * COALESCE($1, 12)
	JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) c.prison_number
	JOIN resettle.case_facts AS f ON f.custody_id = c.id
	CROSS JOIN LATERAL resettle.evaluate(f, d.day) AS ev
	WHERE c.released_on IS NULL
	  AND ($2 IS NULL OR c.prison_code = upper($2))
	  AND ($3 IS NULL OR ev.level = $3)
	ORDER BY c.release_date, c.prison_number
$$;
COMMENT ON FUNCTION resettle.releases_due(integer, text, resettle.readiness_level, date) IS
	'Cases in custody released within N weeks (default 12), with live readiness and gap count, soonest first';

-- Handovers: upcoming (POM alone, within 56 days), overdue (no COM two
-- days after handover) or all (either).
CREATE FUNCTION resettle.handovers(
	kind text DEFAULT 'all', prison text DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS TABLE (prison_number text, name text, prison_code text,
	handover_date date, days_to_handover integer, status text,
	responsibility resettle.responsibility, com_name text, release_date date)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT c.prison_number::text, p.name, c.prison_code, c.handover_date,
	       c.handover_date - d.day, fl.status, c.responsibility, c.com_name,
	       c.release_date
	FROM (SELECT COALESCE($3, resettle.today()) AS day) AS d
	CROSS JOIN resettle.custody AS c
	JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) c.prison_number
	CROSS JOIN LATERAL (
		SELECT CASE
			WHEN resettle.com_allocation_overdue(c.responsibility, c.handover_date,
				c.com_name, c.com_email, d.day) THEN 'overdue'
			WHEN resettle.handover_upcoming(c.responsibility, c.handover_date, d.day)
				THEN 'upcoming'
		END AS status
	) AS fl
	WHERE c.released_on IS NULL
	  AND fl.status IS NOT NULL
	  AND (COALESCE($1, 'all') = 'all' OR fl.status = $1)
	  AND ($2 IS NULL OR c.prison_code = upper($2))
	ORDER BY c.handover_date, c.prison_number
$$;
COMMENT ON FUNCTION resettle.handovers(text, text, date) IS
	'Upcoming or overdue handovers (kind upcoming, overdue or all) of cases in custody, by handover date';

-- The resettlement pathway a readiness rule belongs to (NULL: none).
CREATE FUNCTION resettle.rule_pathway(rule text)
RETURNS resettle.pathway
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE split_part($1, '.', 1)
		WHEN 'accommodation' THEN 'accommodation'
		WHEN 'id' THEN 'finance_id'
		WHEN 'bank' THEN 'finance_id'
		WHEN 'benefits' THEN 'finance_id'
		WHEN 'health' THEN 'health'
		WHEN 'family' THEN 'children_families_community'
	END::resettle.pathway
$$;
COMMENT ON FUNCTION resettle.rule_pathway(text) IS
	'The resettlement pathway a readiness rule code belongs to, NULL for rules of no single pathway';

-- Every failing rule of every case in custody.  rule matches a code or a
-- code prefix ("bank" matches bank.none and bank.application_failed).
CREATE FUNCTION resettle.gaps(
	rule text DEFAULT NULL, pathway resettle.pathway DEFAULT NULL,
	prison text DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS TABLE (prison_number text, name text, prison_code text,
	release_date date, rule text, severity text, message text, due_on date)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT f.prison_number::text, p.name, f.prison_code, f.release_date,
	       g.rule, g.severity, g.message, g.due_on
	FROM (SELECT COALESCE($4, resettle.today()) AS day) AS d
	CROSS JOIN resettle.case_facts AS f
	JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) f.prison_number
	CROSS JOIN LATERAL resettle.evaluate_gaps(f, d.day) AS g
	WHERE f.released_on IS NULL
	  AND ($1 IS NULL OR g.rule = $1 OR starts_with(g.rule, $1 || '.'))
	  AND ($2 IS NULL OR resettle.rule_pathway(g.rule) = $2)
	  AND ($3 IS NULL OR f.prison_code = upper($3))
	ORDER BY g.due_on NULLS FIRST, f.release_date, f.prison_number, g.rule
$$;
COMMENT ON FUNCTION resettle.gaps(text, resettle.pathway, text, date) IS
	'Every failing readiness rule of the cases in custody, filtered by rule (code or prefix), pathway and prison';

/*
 * Counts of cases in custody by readiness level, and the inspection's
 * measures (domain.md section 7, docs/rules.md "Release outcome") over the
 * releases of the 12 months up to as_of: released_on later than as_of minus
 * 12 months and not later than as_of (2026-03-09: 2025-03-10 to 2026-03-09).
 * Grouped by prison, region, or month (of the expected release of a case in
 * custody, of the actual release of an outcome); NULL groups are 'unknown'.
 * A group appears when it has a case in custody or a release in the window.
 * Each rate is a percentage with one decimal, NULL when its denominator is 0:
 *   settled_accommodation, id_document, bank_account, family_pathway_addressed
 *     over released;
 *   benefit_claim_started over benefit_claim_needed;
 *   gp_arranged over gp_needed;
 *   com_allocated_by_handover over com_handover_due (releases with a
 *     handover date; no COM allocation date counts as not allocated in time).
 * An unknown grouping gives no rows (pathway counts: pathway_stats()).
 */
CREATE FUNCTION resettle.stats(by text DEFAULT 'prison', as_of date DEFAULT NULL)
RETURNS TABLE ("group" text, total bigint, ready bigint, on_track bigint,
	at_risk bigint, not_ready bigint, out_of_scope bigint,
	released bigint,
	settled_accommodation bigint, settled_accommodation_pct numeric,
	id_document bigint, id_document_pct numeric,
	bank_account bigint, bank_account_pct numeric,
	benefit_claim_needed bigint, benefit_claim_started bigint, benefit_claim_started_pct numeric,
	gp_needed bigint, gp_arranged bigint, gp_arranged_pct numeric,
	com_handover_due bigint, com_allocated_by_handover bigint, com_allocated_by_handover_pct numeric,
	family_pathway_addressed bigint, family_pathway_addressed_pct numeric)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
	WITH d AS (
		SELECT COALESCE($2, resettle.today()) AS day, COALESCE($1, 'prison') AS by
	), live AS (
		SELECT COALESCE(CASE d.by
				WHEN 'prison' THEN f.prison_code
				WHEN 'region' THEN pr.region
				WHEN 'month' THEN to_char(f.release_date, 'YYYY-MM')
			END, 'unknown') AS grp,
		       count(*) AS total,
		       count(*) FILTER (WHERE ev.level = 'ready') AS ready,
		       count(*) FILTER (WHERE ev.level = 'on_track') AS on_track,
		       count(*) FILTER (WHERE ev.level = 'at_risk') AS at_risk,
		       count(*) FILTER (WHERE ev.level = 'not_ready') AS not_ready,
		       count(*) FILTER (WHERE ev.level = 'out_of_scope') AS out_of_scope
		FROM d
		CROSS JOIN resettle.case_facts AS f
		LEFT JOIN resettle.prison AS pr ON pr.code = f.prison_code
		CROSS JOIN LATERAL resettle.evaluate(f, d.day) AS ev
		WHERE f.released_on IS NULL
		GROUP BY 1
	), outcome AS (
		SELECT COALESCE(CASE d.by
				WHEN 'prison' THEN o.prison_code
				WHEN 'region' THEN pr.region
				WHEN 'month' THEN to_char(o.released_on, 'YYYY-MM')
			END, 'unknown') AS grp,
		       count(*) AS released,
		       count(*) FILTER (WHERE o.settled_accommodation) AS settled_accommodation,
		       count(*) FILTER (WHERE o.id_document) AS id_document,
		       count(*) FILTER (WHERE o.bank_account) AS bank_account,
		       count(*) FILTER (WHERE o.benefit_claim_needed) AS benefit_claim_needed,
		       count(*) FILTER (WHERE o.benefit_claim_needed AND o.benefit_claim_started) AS benefit_claim_started,
		       count(*) FILTER (WHERE o.gp_needed) AS gp_needed,
		       count(*) FILTER (WHERE o.gp_needed AND o.gp_arranged) AS gp_arranged,
		       count(*) FILTER (WHERE o.handover_date IS NOT NULL) AS com_handover_due,
		       count(*) FILTER (WHERE o.handover_date IS NOT NULL
		                        AND o.com_allocated_by_handover) AS com_allocated_by_handover,
		       count(*) FILTER (WHERE o.family_pathway_addressed) AS family_pathway_addressed
		FROM d
		CROSS JOIN resettle.release_outcome AS o
		LEFT JOIN resettle.prison AS pr ON pr.code = o.prison_code
		WHERE o.released_on > (d.day - interval '12 months')::date
		  AND o.released_on <= d.day
		GROUP BY 1
	)
	SELECT COALESCE(l.grp, o.grp),
	       COALESCE(l.total, 0), COALESCE(l.ready, 0), COALESCE(l.on_track, 0),
	       COALESCE(l.at_risk, 0), COALESCE(l.not_ready, 0), COALESCE(l.out_of_scope, 0),
	       COALESCE(o.released, 0),
	       COALESCE(o.settled_accommodation, 0),
	       round(100.0 * o.settled_accommodation / NULLIF(o.released, 0), 1),
	       COALESCE(o.id_document, 0),
	       round(100.0 * o.id_document / NULLIF(o.released, 0), 1),
	       COALESCE(o.bank_account, 0),
	       round(100.0 * o.bank_account / NULLIF(o.released, 0), 1),
	       COALESCE(o.benefit_claim_needed, 0), COALESCE(o.benefit_claim_started, 0),
	       round(100.0 * o.benefit_claim_started / NULLIF(o.benefit_claim_needed, 0), 1),
	       COALESCE(o.gp_needed, 0), COALESCE(o.gp_arranged, 0),
	       round(100.0 * o.gp_arranged / NULLIF(o.gp_needed, 0), 1),
	       COALESCE(o.com_handover_due, 0), COALESCE(o.com_allocated_by_handover, 0),
	       round(100.0 * o.com_allocated_by_handover / NULLIF(o.com_handover_due, 0), 1),
	       COALESCE(o.family_pathway_addressed, 0),
	       round(100.0 * o.family_pathway_addressed / NULLIF(o.released, 0), 1)
	FROM live AS l
	FULL JOIN outcome AS o ON o.grp = l.grp
	WHERE (SELECT d.by FROM d) IN ('prison', 'region', 'month')
	ORDER BY 1
$$;
COMMENT ON FUNCTION resettle.stats(text, date) IS
	'Cases in custody by live readiness level and the inspection measures of the releases in the 12 months to as_of, grouped by prison, region or month';

/*
 * Cases in custody by the status of each resettlement pathway: one row per
 * pathway, counting each case once per pathway; a case with no status row
 * for a pathway counts as not_started.  Statuses are those recorded now
 * (there is no as_of).
 */
CREATE FUNCTION resettle.pathway_stats()
RETURNS TABLE ("group" text, total bigint, not_started bigint, in_progress bigint,
	support_required bigint, support_not_required bigint, support_declined bigint,
	done bigint)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT pw.pathway::text,
	       count(c.id),
	       count(c.id) FILTER (WHERE COALESCE(s.status, 'not_started') = 'not_started'),
	       count(c.id) FILTER (WHERE s.status = 'in_progress'),
	       count(c.id) FILTER (WHERE s.status = 'support_required'),
	       count(c.id) FILTER (WHERE s.status = 'support_not_required'),
	       count(c.id) FILTER (WHERE s.status = 'support_declined'),
	       count(c.id) FILTER (WHERE s.status = 'done')
	FROM unnest(enum_range(NULL::resettle.pathway)) AS pw (pathway)
	LEFT JOIN resettle.custody AS c ON c.released_on IS NULL
	LEFT JOIN resettle.pathway_status AS s
		ON s.custody_id = c.id AND s.pathway = pw.pathway
	GROUP BY pw.pathway
	ORDER BY pw.pathway
$$;
COMMENT ON FUNCTION resettle.pathway_stats() IS
	'Cases in custody by the status of each resettlement pathway (no status recorded counts as not_started)';

/*
 * The client's updates (resettle set): record a pathway status or a
 * support need on a person's open custody episode and return the case's
 * readiness as the triggers left it.  An unknown prison number, or one with
 * no open episode, raises no_data_found (P0002).
 */
CREATE FUNCTION resettle.open_custody_id(prison_number text)
RETURNS bigint
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cid bigint;
BEGIN
	SELECT c.id INTO cid FROM resettle.custody AS c
	WHERE c.prison_number OPERATOR(pg_catalog.=) $1::resettle.prison_number
	  AND c.released_on IS NULL;
	IF cid IS NULL THEN
		RAISE EXCEPTION 'no case in custody for prison number "%"', $1
			USING ERRCODE = 'no_data_found',
			      HINT = 'Check the prison number, or whether the person has been released.';
	END IF;
	RETURN cid;
END
$$;
COMMENT ON FUNCTION resettle.open_custody_id(text) IS
	'The id of a person''s open custody episode; raises no_data_found when there is none';

CREATE FUNCTION resettle.set_pathway_status(
	prison_number text, pathway resettle.pathway,
	status resettle.pathway_state, note text DEFAULT NULL)
RETURNS TABLE (custody_id bigint, readiness resettle.readiness_level, gaps text)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cid bigint := resettle.open_custody_id($1);
BEGIN
	INSERT INTO resettle.pathway_status AS s (custody_id, pathway, status, note, updated_on)
	VALUES (cid, $2, $3, $4, resettle.today())
	ON CONFLICT ON CONSTRAINT pathway_status_pkey DO UPDATE
		SET status = EXCLUDED.status, note = EXCLUDED.note,
		    updated_on = EXCLUDED.updated_on;
	RETURN QUERY
		SELECT c.id, c.readiness,
		       array_to_string(c.readiness_gaps, ' ')
		FROM resettle.custody AS c WHERE c.id = cid;
END
$$;
COMMENT ON FUNCTION resettle.set_pathway_status(text, resettle.pathway, resettle.pathway_state, text) IS
	'Record a pathway status (and note) on a person''s open case; returns the case''s new readiness';

CREATE FUNCTION resettle.set_support_need(
	prison_number text, need text, status text)
RETURNS TABLE (custody_id bigint, readiness resettle.readiness_level, gaps text)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cid bigint := resettle.open_custody_id($1);
BEGIN
	INSERT INTO resettle.support_need AS n (custody_id, need, status, updated_on)
	VALUES (cid, $2, $3, resettle.today())
	ON CONFLICT ON CONSTRAINT support_need_pkey DO UPDATE
		SET status = EXCLUDED.status, updated_on = EXCLUDED.updated_on;
	RETURN QUERY
		SELECT c.id, c.readiness,
		       array_to_string(c.readiness_gaps, ' ')
		FROM resettle.custody AS c WHERE c.id = cid;
END
$$;
COMMENT ON FUNCTION resettle.set_support_need(text, text, text) IS
	'Record a support need''s status on a person''s open case; returns the case''s new readiness';

/*
 * Access control (docs/security.md): which roles play which part, and which
 * prisons each staff role may see.
 *
 * Roles are cluster-wide, so CREATE EXTENSION creates none: an
 * administrator runs resettle.create_roles() or creates roles and calls
 * resettle.grant_roles() (sql/access/grants.sql), which records the roles
 * here.
 */
CREATE TABLE resettle.access_role (
	kind text PRIMARY KEY
		CONSTRAINT access_role_kind_valid CHECK (kind IN ('admin', 'staff', 'analyst')),
	role_name name NOT NULL
);
COMMENT ON TABLE resettle.access_role IS
	'The group roles playing each part (admin, staff, analyst); written by resettle.grant_roles()';
SELECT pg_catalog.pg_extension_config_dump('resettle.access_role', '');

/*
 * Staff see the cases of the prisons their roles are mapped to.  A mapping
 * applies to the role itself and to every role that inherits its privileges
 * (pg_has_role(..., 'USAGE')), so map a login role directly or a group role
 * its members inherit.  A NULL prison_code maps the role to every prison.
 */
CREATE TABLE resettle.staff_prison (
	role_name name NOT NULL,
	prison_code text REFERENCES resettle.prison ON UPDATE CASCADE ON DELETE CASCADE,
	mapped_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	mapped_by name NOT NULL DEFAULT CURRENT_USER
);
CREATE UNIQUE INDEX staff_prison_role_prison_key ON resettle.staff_prison (role_name, prison_code)
	WHERE prison_code IS NOT NULL;
CREATE UNIQUE INDEX staff_prison_role_all_key ON resettle.staff_prison (role_name)
	WHERE prison_code IS NULL;
COMMENT ON TABLE resettle.staff_prison IS
	'Which prisons each role (and every role inheriting from it) may see; NULL prison_code = all prisons';
SELECT pg_catalog.pg_extension_config_dump('resettle.staff_prison', '');

-- Whether the current user has the privileges of one of the roles
-- recorded by resettle.grant_roles() (kind admin, staff or analyst).
CREATE FUNCTION resettle.has_access_role(kind text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT EXISTS (
		SELECT 1
		FROM resettle.access_role AS a
		JOIN pg_catalog.pg_roles AS r ON r.rolname OPERATOR(pg_catalog.=) a.role_name
		WHERE a.kind OPERATOR(pg_catalog.=) $1
		  AND pg_catalog.pg_has_role(r.oid, 'USAGE'))
$$;
COMMENT ON FUNCTION resettle.has_access_role(text) IS
	'Whether the current user has the privileges of the resettle admin, staff or analyst role';

-- Whether the current user has the privileges of an admin role.
CREATE FUNCTION resettle.is_admin() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT resettle.has_access_role('admin')
$$;
COMMENT ON FUNCTION resettle.is_admin() IS
	'Whether the current user has the privileges of the resettle admin role';

/*
 * The prison codes the current user may see: all of them for an admin or a
 * role mapped to every prison, else those its roles are mapped to.  Staff
 * read their own mappings only (row security on staff_prison), so this needs
 * no SECURITY DEFINER.
 */
CREATE FUNCTION resettle.visible_prisons() RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE
		WHEN resettle.is_admin()
		  OR EXISTS (SELECT 1 FROM resettle.staff_prison AS s WHERE s.prison_code IS NULL)
		THEN ARRAY(SELECT p.code FROM resettle.prison AS p ORDER BY p.code)
		ELSE ARRAY(SELECT DISTINCT s.prison_code FROM resettle.staff_prison AS s
		           ORDER BY s.prison_code)
	END
$$;
COMMENT ON FUNCTION resettle.visible_prisons() IS
	'The prison codes whose cases the current user may see and change';

CREATE FUNCTION resettle.can_see_prison(prison_code text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT $1 OPERATOR(pg_catalog.=) ANY (resettle.visible_prisons())
$$;
COMMENT ON FUNCTION resettle.can_see_prison(text) IS
	'Whether the current user may see and change the cases of a prison';

-- Existence checks shared by the admin functions (roles are cluster-wide).
CREATE FUNCTION resettle.role_exists(role_name name) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r
	               WHERE r.rolname OPERATOR(pg_catalog.=) $1)
$$;
COMMENT ON FUNCTION resettle.role_exists(name) IS 'true if a role of that name exists';

CREATE FUNCTION resettle.prison_exists(code text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT EXISTS (SELECT 1 FROM resettle.prison AS p
	               WHERE p.code OPERATOR(pg_catalog.=) $1)
$$;
COMMENT ON FUNCTION resettle.prison_exists(text) IS 'true if resettle.prison has that code';

-- Map a role to a prison (NULL: every prison).  Returns false if it already was.
CREATE FUNCTION resettle.map_staff(role_name name, prison_code text DEFAULT NULL)
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n bigint;
BEGIN
	IF $1 IS NULL THEN
		RAISE EXCEPTION 'role name must not be null'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF NOT resettle.role_exists($1) THEN
		RAISE EXCEPTION 'role "%" does not exist', $1
			USING ERRCODE = 'undefined_object';
	END IF;
	IF $2 IS NOT NULL AND NOT resettle.prison_exists($2) THEN
		RAISE EXCEPTION 'prison "%" does not exist', $2
			USING ERRCODE = 'undefined_object',
			      HINT = 'Prison codes are the NOMIS codes of resettle.prison.';
	END IF;
	INSERT INTO resettle.staff_prison (role_name, prison_code)
	VALUES ($1, $2)
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n OPERATOR(pg_catalog.>) 0;
END
$$;
COMMENT ON FUNCTION resettle.map_staff(name, text) IS
	'Let a role (and every role inheriting from it) see and change a prison''s cases; NULL prison = all prisons';

-- Remove one mapping (NULL prison_code: the all-prisons mapping).
CREATE FUNCTION resettle.unmap_staff(role_name name, prison_code text DEFAULT NULL)
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n bigint;
BEGIN
	DELETE FROM resettle.staff_prison AS s
	WHERE s.role_name OPERATOR(pg_catalog.=) $1
	  AND s.prison_code IS NOT DISTINCT FROM $2;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n OPERATOR(pg_catalog.>) 0;
END
$$;
COMMENT ON FUNCTION resettle.unmap_staff(name, text) IS
	'Remove a role''s mapping to a prison (NULL prison = its all-prisons mapping); false if there was none';

/*
 * Moving a case to another prison is an admin action, not a side effect of
 * a staff update: staff have no UPDATE privilege on custody.prison_code.
 */
CREATE FUNCTION resettle.transfer(custody_id bigint, prison_code text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NOT resettle.prison_exists($2) THEN
		RAISE EXCEPTION 'prison "%" does not exist', $2
			USING ERRCODE = 'undefined_object';
	END IF;
	UPDATE resettle.custody AS c SET prison_code = $2
	WHERE c.id OPERATOR(pg_catalog.=) $1;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'custody episode % does not exist', $1
			USING ERRCODE = 'no_data_found';
	END IF;
END
$$;
COMMENT ON FUNCTION resettle.transfer(bigint, text) IS
	'Admin: move a custody episode to another prison';

/*
 * Case-change audit: every insert, update and delete of a person, a custody
 * episode or one of its records, with the role that made it.  Readiness
 * changes are in resettle.readiness_history.  Append-only: rows are written
 * only by the audit trigger (or a superuser restoring a dump) and never
 * updated, deleted or truncated.
 */
CREATE TABLE resettle.case_audit (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	changed_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	changed_by name NOT NULL DEFAULT CURRENT_USER,
	session_user_name name NOT NULL DEFAULT SESSION_USER,
	table_name name NOT NULL,
	operation text NOT NULL
		CONSTRAINT case_audit_operation_valid CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
	custody_id bigint,
	prison_number text,
	changed_columns text[],
	old_values jsonb,
	new_values jsonb
);
CREATE INDEX case_audit_custody_idx ON resettle.case_audit (custody_id, id);
CREATE INDEX case_audit_prison_number_idx ON resettle.case_audit (prison_number, id);
COMMENT ON TABLE resettle.case_audit IS
	'Every change to a case (person, custody, records): when, by which role, what changed; append-only';
COMMENT ON COLUMN resettle.case_audit.old_values IS
	'UPDATE: the changed columns before; DELETE: the whole row';
COMMENT ON COLUMN resettle.case_audit.new_values IS
	'UPDATE: the changed columns after; INSERT: the whole row';
SELECT pg_catalog.pg_extension_config_dump('resettle.case_audit', '');
SELECT pg_catalog.pg_extension_config_dump('resettle.case_audit_id_seq', '');

/*
 * Writers may not choose who or when (extension/case_audit.c).  The audit
 * trigger's own inserts pass at once and get the column defaults; a
 * superuser's insert (a restore) keeps the values given; an insert from any
 * other trigger (pg_trigger_depth() > 1) has who and when set by the guard;
 * a direct insert is refused.
 */
CREATE FUNCTION resettle.case_audit_guard() RETURNS trigger
	AS 'MODULE_PATHNAME', 'case_audit_guard' LANGUAGE C;
COMMENT ON FUNCTION resettle.case_audit_guard() IS
	'Trigger: only the audit trigger writes case_audit, and it cannot choose who or when';

CREATE TRIGGER case_audit_guard BEFORE INSERT ON resettle.case_audit
	FOR EACH ROW EXECUTE FUNCTION resettle.case_audit_guard();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON resettle.case_audit
	FOR EACH ROW EXECUTE FUNCTION resettle.append_only();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON resettle.case_audit
	FOR EACH STATEMENT EXECUTE FUNCTION resettle.append_only();

/*
 * AFTER ... FOR EACH STATEMENT on person, custody and the record tables,
 * one trigger per event (transition tables allow only one): each statement
 * is recorded with one INSERT ... SELECT (extension/case_audit.c).  An
 * update of custody that changes only derived columns (the extension's own
 * readiness recompute) is not recorded here: readiness_history has it.  The
 * function runs SQL through SPI as the user who changed the case, so its
 * search_path is fixed.
 */
CREATE FUNCTION resettle.case_audit_record() RETURNS trigger
	AS 'MODULE_PATHNAME', 'case_audit_record' LANGUAGE C
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION resettle.case_audit_record() IS
	'Trigger: records the changes a statement made to a case in resettle.case_audit';

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['person', 'custody', 'pathway_status', 'assessment',
		'id_document', 'bank_account', 'accommodation', 'support_need', 'handover_checklist']
	LOOP
		EXECUTE pg_catalog.format('CREATE TRIGGER case_audit_insert
			AFTER INSERT ON resettle.%I REFERENCING NEW TABLE AS audit_new
			FOR EACH STATEMENT EXECUTE FUNCTION resettle.case_audit_record()', t);
		EXECUTE pg_catalog.format('CREATE TRIGGER case_audit_update
			AFTER UPDATE ON resettle.%I REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new
			FOR EACH STATEMENT EXECUTE FUNCTION resettle.case_audit_record()', t);
		EXECUTE pg_catalog.format('CREATE TRIGGER case_audit_delete
			AFTER DELETE ON resettle.%I REFERENCING OLD TABLE AS audit_old
			FOR EACH STATEMENT EXECUTE FUNCTION resettle.case_audit_record()', t);
	END LOOP;
END $$;

/*
 * Pseudonyms: a stable keyed hash (HMAC-SHA256, RFC 2104) of the prison
 * number, built on core sha256().  The key is in resettle.pseudonym_key,
 * which only admin can read; analysts see pseudonyms through views and can
 * neither read the key nor compute a pseudonym for a prison number they know.
 */

-- The HMAC block-size pad of a key: key (hashed if longer than 64 bytes),
-- zero-padded to 64 bytes, each byte XOR pad.
CREATE FUNCTION resettle.hmac_pad(key bytea, pad integer) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT pg_catalog.decode(pg_catalog.string_agg(
		pg_catalog.lpad(pg_catalog.to_hex(
			CASE WHEN i OPERATOR(pg_catalog.<) pg_catalog.length(k.k)
			     THEN pg_catalog.get_byte(k.k, i) ELSE 0 END
			OPERATOR(pg_catalog.#) $2), 2, '0'), '' ORDER BY i), 'hex')
	FROM (SELECT CASE WHEN pg_catalog.length($1) OPERATOR(pg_catalog.>) 64
	                  THEN pg_catalog.sha256($1) ELSE $1 END AS k) AS k,
	     pg_catalog.generate_series(0, 63) AS i
$$;
COMMENT ON FUNCTION resettle.hmac_pad(bytea, integer) IS
	'HMAC-SHA256 key pad: the key in a 64-byte block, each byte XOR pad (0x36 inner, 0x5c outer)';

-- HMAC-SHA256 from the key's precomputed inner and outer pads.
CREATE FUNCTION resettle.hmac_sha256_pads(inner_pad bytea, outer_pad bytea, message bytea)
RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
	SELECT pg_catalog.sha256($2 OPERATOR(pg_catalog.||)
		pg_catalog.sha256($1 OPERATOR(pg_catalog.||) $3))
$$;
COMMENT ON FUNCTION resettle.hmac_sha256_pads(bytea, bytea, bytea) IS
	'HMAC-SHA256 of a message given the key''s inner (0x36) and outer (0x5c) pads';

CREATE FUNCTION resettle.hmac_sha256(key bytea, message bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT resettle.hmac_sha256_pads(resettle.hmac_pad($1, 54), resettle.hmac_pad($1, 92), $2)
$$;
COMMENT ON FUNCTION resettle.hmac_sha256(bytea, bytea) IS
	'HMAC-SHA256 (RFC 2104) of a message under a key';

-- A fresh random 32-byte key (pg_strong_random through gen_random_uuid()).
CREATE FUNCTION resettle.random_key() RETURNS bytea
LANGUAGE sql VOLATILE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT pg_catalog.sha256(
		pg_catalog.uuid_send(pg_catalog.gen_random_uuid()) OPERATOR(pg_catalog.||)
		pg_catalog.uuid_send(pg_catalog.gen_random_uuid()) OPERATOR(pg_catalog.||)
		pg_catalog.uuid_send(pg_catalog.gen_random_uuid()))
$$;
COMMENT ON FUNCTION resettle.random_key() IS 'A random 32-byte key (366 random bits, hashed)';

/*
 * One current key.  The pads are stored so that the views compute a
 * pseudonym with two sha256() calls.  pg_dump keeps the key (so pseudonyms
 * survive a restore; protect dumps accordingly): on restore CREATE EXTENSION
 * has already made a key, and the restored row replaces it.
 */
CREATE TABLE resettle.pseudonym_key (
	current boolean PRIMARY KEY DEFAULT true
		CONSTRAINT pseudonym_key_one_row CHECK (current),
	key bytea NOT NULL
		CONSTRAINT pseudonym_key_length CHECK (pg_catalog.length(key) >= 32),
	inner_pad bytea NOT NULL,
	outer_pad bytea NOT NULL,
	created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	created_by name NOT NULL DEFAULT CURRENT_USER
);
COMMENT ON TABLE resettle.pseudonym_key IS
	'The secret key of analysts'' pseudonyms (HMAC-SHA256); admin only; rotate with resettle.rotate_pseudonym_key()';

-- A pseudonym under a key: hex HMAC-SHA256 of the value's UTF-8 text.  Plain
-- SQL without SET, so that the analyst views inline it.
CREATE FUNCTION resettle.keyed_pseudonym(k resettle.pseudonym_key, value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
	SELECT pg_catalog.encode(resettle.hmac_sha256_pads(k.inner_pad, k.outer_pad,
		pg_catalog.convert_to(value, 'UTF8')), 'hex')
$$;
COMMENT ON FUNCTION resettle.keyed_pseudonym(resettle.pseudonym_key, text) IS
	'Hex HMAC-SHA256 of a value under a pseudonym key (the analyst views'' pseudonyms)';

CREATE FUNCTION resettle.pseudonym_key_set() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	NEW.inner_pad := resettle.hmac_pad(NEW.key, 54);
	NEW.outer_pad := resettle.hmac_pad(NEW.key, 92);
	IF TG_OP OPERATOR(pg_catalog.=) 'INSERT' THEN
		UPDATE resettle.pseudonym_key AS k
		SET key = NEW.key, created_at = NEW.created_at, created_by = NEW.created_by
		WHERE k.current;
		IF FOUND THEN
			RETURN NULL;
		END IF;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION resettle.pseudonym_key_set() IS
	'Trigger: derives the HMAC pads of the key; an insert (a restore) replaces the current key';
CREATE TRIGGER pseudonym_key_set BEFORE INSERT OR UPDATE OF key ON resettle.pseudonym_key
	FOR EACH ROW EXECUTE FUNCTION resettle.pseudonym_key_set();

INSERT INTO resettle.pseudonym_key (key) VALUES (resettle.random_key());
SELECT pg_catalog.pg_extension_config_dump('resettle.pseudonym_key', '');

/*
 * Rotation: a new random key; every pseudonym changes and the old ones can no
 * longer be linked to people or to the new ones.  Returns when the new key
 * was made.
 */
CREATE FUNCTION resettle.rotate_pseudonym_key() RETURNS timestamptz
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	made timestamptz;
BEGIN
	UPDATE resettle.pseudonym_key AS k
	SET key = resettle.random_key(), created_at = pg_catalog.now(), created_by = CURRENT_USER
	WHERE k.current
	RETURNING k.created_at INTO made;
	IF made IS NULL THEN
		INSERT INTO resettle.pseudonym_key (key) VALUES (resettle.random_key())
		RETURNING created_at INTO made;
	END IF;
	RETURN made;
END
$$;
COMMENT ON FUNCTION resettle.rotate_pseudonym_key() IS
	'Admin: replace the pseudonym key; every pseudonym changes';

/*
 * The pseudonym of a prison number under the current key: 64 hex digits.
 * SECURITY DEFINER so that a role may be allowed to look pseudonyms up
 * (EXECUTE granted to admin only by default) without reading the key.
 */
CREATE FUNCTION resettle.pseudonym(prison_number resettle.prison_number) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT resettle.keyed_pseudonym(k, $1::text)
	FROM resettle.pseudonym_key AS k
	WHERE k.current
$$;
COMMENT ON FUNCTION resettle.pseudonym(resettle.prison_number) IS
	'Pseudonym of a prison number (hex HMAC-SHA256 under the current key), as in the analyst views';

/*
 * Case lists for staff and admin (docs/analysts.md): one row per case, with
 * names and prison numbers, so they are security_invoker: row security
 * shows each user only the prisons they may see.  Readiness is the stored
 * level, as of readiness_as_of (kept current by the daily refresh());
 * "today" is resettle.today().  Column lists are an interface: add, never
 * rename or drop.  Analysts read the pseudonymised analyst_* views instead.
 */

-- The kind of custody an episode is, for analysis: remand, civil,
-- immigration, recall, indeterminate or determinate (first that applies).
CREATE FUNCTION resettle.case_type(
	remand boolean, civil boolean, immigration boolean,
	recall boolean, indeterminate boolean)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT CASE
		WHEN remand THEN 'remand'
		WHEN civil THEN 'civil'
		WHEN immigration THEN 'immigration'
		WHEN recall THEN 'recall'
		WHEN indeterminate THEN 'indeterminate'
		ELSE 'determinate'
	END
$$;
COMMENT ON FUNCTION resettle.case_type(boolean, boolean, boolean, boolean, boolean) IS
	'Kind of custody: remand, civil, immigration, recall, indeterminate or determinate (first that applies)';

-- Every custody episode with its person, region and case type: the rows
-- the case lists below choose from.
CREATE VIEW resettle.v_cases WITH (security_invoker = true) AS
SELECT
	c.id AS custody_id,
	c.prison_number::text AS prison_number,
	p.name,
	p.date_of_birth,
	c.prison_code,
	pr.region,
	p.sex,
	resettle.case_type(c.remand, c.civil, c.immigration, c.recall, c.indeterminate) AS case_type,
	c.sentence_type,
	c.reception_date,
	c.release_date,
	c.released_on,
	c.readiness,
	c.readiness_gaps,
	COALESCE(pg_catalog.cardinality(c.readiness_gaps), 0) AS gap_count,
	c.readiness_as_of,
	c.responsibility,
	c.handover_start_date,
	c.handover_date,
	c.handover_reason,
	resettle.handover_type(c.handover_reason, c.enhanced_handover) AS handover_type,
	c.pom_name,
	COALESCE(c.com_name, '') <> '' AS com_allocated,
	resettle.handover_upcoming(c.responsibility, c.handover_date, resettle.today()) AS handover_upcoming,
	resettle.com_allocation_overdue(c.responsibility, c.handover_date,
		c.com_name, c.com_email, resettle.today()) AS com_overdue
FROM resettle.custody AS c
JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) c.prison_number
LEFT JOIN resettle.prison AS pr ON pr.code = c.prison_code;
COMMENT ON VIEW resettle.v_cases IS
	'Every custody episode with its person, region, case type, stored readiness, handover and flags as of today';

-- Every case in custody with a release date today or later, soonest first
-- when ordered by release_date.  Filter days_to_release <= 84 for the
-- twelve weeks in which the pre-release work must be done (rule R10).
CREATE VIEW resettle.v_releases_due WITH (security_invoker = true) AS
SELECT custody_id, prison_number, name, prison_code, region, sex, case_type, sentence_type,
       release_date, release_date - resettle.today() AS days_to_release,
       readiness, readiness_gaps, gap_count, readiness_as_of, responsibility, handover_date,
       com_allocated
FROM resettle.v_cases
WHERE released_on IS NULL
  AND release_date >= resettle.today();
COMMENT ON VIEW resettle.v_releases_due IS
	'Cases in custody released today or later: release date, days to release, stored readiness and gaps, handover and COM';

-- The POM is still alone responsible and the handover is due within 56
-- days (MPC by_upcoming_handover, domain.md §2.5).
CREATE VIEW resettle.v_handover_upcoming WITH (security_invoker = true) AS
SELECT custody_id, prison_number, name, prison_code, region, handover_start_date, handover_date,
       handover_date - resettle.today() AS days_to_handover, handover_reason, handover_type,
       pom_name, com_allocated, release_date
FROM resettle.v_cases
WHERE released_on IS NULL AND handover_upcoming;
COMMENT ON VIEW resettle.v_handover_upcoming IS
	'Cases whose handover to the COM is due within 56 days while the POM is still alone responsible';

-- The COM is responsible, none is allocated, and two days have passed since
-- the handover date (MPC by_com_allocation_overdue, domain.md §2.5).
CREATE VIEW resettle.v_com_overdue WITH (security_invoker = true) AS
SELECT custody_id, prison_number, name, prison_code, region, handover_date,
       resettle.today() - (handover_date + 2) AS days_overdue, handover_reason, pom_name,
       release_date
FROM resettle.v_cases
WHERE released_on IS NULL AND com_overdue;
COMMENT ON VIEW resettle.v_com_overdue IS
	'Cases in custody where the COM is responsible but none is allocated two days after the handover date';

-- One row per release: what was in place on the day (resettle.release_outcome).
CREATE VIEW resettle.v_release_outcomes WITH (security_invoker = true) AS
SELECT
	o.custody_id,
	c.prison_number,
	c.name,
	o.prison_code,
	pr.region,
	c.sex,
	c.case_type,
	c.sentence_type,
	o.released_on,
	pg_catalog.date_trunc('month', o.released_on)::date AS released_month,
	o.settled_accommodation,
	o.id_document,
	o.bank_account,
	o.benefit_claim_needed,
	o.benefit_claim_started,
	o.gp_needed,
	o.gp_arranged,
	o.family_pathway_addressed,
	o.com_allocated,
	o.handover_date,
	o.com_allocated_by_handover,
	o.gaps,
	pg_catalog.cardinality(o.gaps) AS gap_count
FROM resettle.release_outcome AS o
LEFT JOIN resettle.v_cases AS c ON c.custody_id = o.custody_id
LEFT JOIN resettle.prison AS pr ON pr.code = o.prison_code;
COMMENT ON VIEW resettle.v_release_outcomes IS
	'One row per release: settled accommodation, ID, bank account, benefit claim, GP, family pathway and COM on the day';

/*
 * Aggregate measures (docs/analysts.md): readiness of the cases in custody,
 * release outcomes as rates, and the most common gaps, each cut by prison,
 * region, sex, case type and sentence type.  They hold counts only, no
 * person, so one definition serves every role: the views run with their
 * owner's rights and count the prisons resettle.measured_prisons() allows
 * (analysts and admin every prison, staff their own).  Column lists are an
 * interface: add, never rename or drop.
 *
 * Rates are percentages with one decimal, NULL when the denominator is 0,
 * always next to the counts they come from.
 */

/*
 * The prisons whose cases the aggregate views count for the current user:
 * every prison for a role that bypasses row security (superuser, the
 * extension's owner) or an analyst; otherwise those the user may see.
 */
CREATE FUNCTION resettle.measured_prisons() RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE
		WHEN (SELECT r.rolsuper OR r.rolbypassrls FROM pg_catalog.pg_roles AS r
		      WHERE r.rolname OPERATOR(pg_catalog.=) CURRENT_USER)
		  OR resettle.has_access_role('analyst')
		THEN ARRAY(SELECT p.code FROM resettle.prison AS p ORDER BY p.code)
		ELSE resettle.visible_prisons()
	END
$$;
COMMENT ON FUNCTION resettle.measured_prisons() IS
	'Prison codes the aggregate views count for the current user (all for analysts, admin and superusers)';

/*
 * Cases in custody by stored readiness level, one row per (dimension,
 * group_name): dimension all (group_name 'all'), prison, region, sex,
 * case_type or sentence_type ('unknown' where not recorded).  Every active
 * prison counted for the user has a row, with zeros when it holds no case.
 * ready_pct is ready over the cases in scope (not out_of_scope).
 */
CREATE VIEW resettle.v_readiness_summary AS
WITH counted AS (
	SELECT pg_catalog.unnest((SELECT resettle.measured_prisons())) AS code
), cases AS (
	SELECT c.prison_code, pr.region, p.sex,
	       resettle.case_type(c.remand, c.civil, c.immigration, c.recall, c.indeterminate) AS case_type,
	       c.sentence_type, c.readiness, c.readiness_as_of,
	       c.release_date - resettle.today() AS days_to_release
	FROM resettle.custody AS c
	JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) c.prison_number
	LEFT JOIN resettle.prison AS pr ON pr.code = c.prison_code
	WHERE c.released_on IS NULL
	  AND c.prison_code = ANY ((SELECT resettle.measured_prisons())::text[])
), grouped AS (
	SELECT d.dimension, COALESCE(d.group_name, 'unknown') AS group_name,
	       count(*) AS cases,
	       count(*) FILTER (WHERE x.readiness = 'ready') AS ready,
	       count(*) FILTER (WHERE x.readiness = 'on_track') AS on_track,
	       count(*) FILTER (WHERE x.readiness = 'at_risk') AS at_risk,
	       count(*) FILTER (WHERE x.readiness = 'not_ready') AS not_ready,
	       count(*) FILTER (WHERE x.readiness = 'out_of_scope') AS out_of_scope,
	       count(*) FILTER (WHERE x.readiness IS NULL) AS not_evaluated,
	       count(*) FILTER (WHERE x.days_to_release BETWEEN 0 AND 84) AS releases_12_weeks,
	       count(*) FILTER (WHERE x.days_to_release BETWEEN 0 AND 84
	                          AND x.readiness IS DISTINCT FROM 'ready') AS releases_12_weeks_not_ready,
	       count(*) FILTER (WHERE x.readiness_as_of IS NULL
	                          OR x.readiness_as_of < resettle.today()) AS stale
	FROM cases AS x
	CROSS JOIN LATERAL (VALUES
		('all', 'all'), ('prison', x.prison_code), ('region', x.region),
		('sex', x.sex), ('case_type', x.case_type), ('sentence_type', x.sentence_type)
	) AS d (dimension, group_name)
	GROUP BY 1, 2
), empty AS (
	-- active prisons (and their regions) the user counts but with no case
	SELECT d.dimension, d.group_name
	FROM counted
	JOIN resettle.prison AS pr ON pr.code = counted.code AND pr.active
	CROSS JOIN LATERAL (VALUES ('prison', pr.code), ('region', pr.region)) AS d (dimension, group_name)
	WHERE d.group_name IS NOT NULL
	EXCEPT
	SELECT g.dimension, g.group_name FROM grouped AS g
)
SELECT g.dimension, g.group_name, g.cases,
       g.ready, g.on_track, g.at_risk, g.not_ready, g.out_of_scope, g.not_evaluated,
       round(100.0 * g.ready / NULLIF(g.cases - g.out_of_scope, 0), 1) AS ready_pct,
       g.releases_12_weeks, g.releases_12_weeks_not_ready, g.stale
FROM grouped AS g
UNION ALL
SELECT e.dimension, e.group_name, 0, 0, 0, 0, 0, 0, 0, NULL, 0, 0, 0
FROM empty AS e;
COMMENT ON VIEW resettle.v_readiness_summary IS
	'Cases in custody by stored readiness level, by prison, region, sex, case type and sentence type (zeros for empty prisons)';

/*
 * Release outcomes as rates, one row per (dimension, group_name, month):
 * month NULL for every release, else the month of release.  The measures
 * reproduce the inspections' (domain.md §7; docs/analysts.md):
 *   settled_accommodation, id_document, bank_account,
 *   family_pathway_addressed, com_allocated          over released;
 *   benefit_claim_started over benefit_claim_needed;
 *   gp_arranged over gp_needed;
 *   com_allocated_by_handover over com_handover_due (releases with a
 *     handover date; no allocation date counts as not in time).
 */
CREATE VIEW resettle.v_outcome_rates AS
WITH releases AS (
	SELECT o.*, pr.region, p.sex,
	       resettle.case_type(c.remand, c.civil, c.immigration, c.recall, c.indeterminate) AS case_type,
	       c.sentence_type
	FROM resettle.release_outcome AS o
	LEFT JOIN resettle.custody AS c ON c.id = o.custody_id
	LEFT JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) c.prison_number
	LEFT JOIN resettle.prison AS pr ON pr.code = o.prison_code
	WHERE o.prison_code = ANY ((SELECT resettle.measured_prisons())::text[])
), grouped AS (
	SELECT d.dimension, COALESCE(d.group_name, 'unknown') AS group_name, m.month,
	       count(*) AS released,
	       count(*) FILTER (WHERE o.settled_accommodation) AS settled_accommodation,
	       count(*) FILTER (WHERE o.id_document) AS id_document,
	       count(*) FILTER (WHERE o.bank_account) AS bank_account,
	       count(*) FILTER (WHERE o.benefit_claim_needed) AS benefit_claim_needed,
	       count(*) FILTER (WHERE o.benefit_claim_needed AND o.benefit_claim_started) AS benefit_claim_started,
	       count(*) FILTER (WHERE o.gp_needed) AS gp_needed,
	       count(*) FILTER (WHERE o.gp_needed AND o.gp_arranged) AS gp_arranged,
	       count(*) FILTER (WHERE o.handover_date IS NOT NULL) AS com_handover_due,
	       count(*) FILTER (WHERE o.handover_date IS NOT NULL
	                          AND o.com_allocated_by_handover) AS com_allocated_by_handover,
	       count(*) FILTER (WHERE o.com_allocated) AS com_allocated,
	       count(*) FILTER (WHERE o.family_pathway_addressed) AS family_pathway_addressed
	FROM releases AS o
	CROSS JOIN LATERAL (VALUES
		('all', 'all'), ('prison', o.prison_code), ('region', o.region),
		('sex', o.sex), ('case_type', o.case_type), ('sentence_type', o.sentence_type)
	) AS d (dimension, group_name)
	CROSS JOIN LATERAL (VALUES
		(NULL::date), (pg_catalog.date_trunc('month', o.released_on)::date)
	) AS m (month)
	GROUP BY 1, 2, 3
)
SELECT g.dimension, g.group_name, g.month, g.released,
       g.settled_accommodation,
       round(100.0 * g.settled_accommodation / NULLIF(g.released, 0), 1) AS settled_accommodation_pct,
       g.id_document,
       round(100.0 * g.id_document / NULLIF(g.released, 0), 1) AS id_document_pct,
       g.bank_account,
       round(100.0 * g.bank_account / NULLIF(g.released, 0), 1) AS bank_account_pct,
       g.benefit_claim_needed, g.benefit_claim_started,
       round(100.0 * g.benefit_claim_started / NULLIF(g.benefit_claim_needed, 0), 1) AS benefit_claim_started_pct,
       g.gp_needed, g.gp_arranged,
       round(100.0 * g.gp_arranged / NULLIF(g.gp_needed, 0), 1) AS gp_arranged_pct,
       g.com_handover_due, g.com_allocated_by_handover,
       round(100.0 * g.com_allocated_by_handover / NULLIF(g.com_handover_due, 0), 1) AS com_allocated_by_handover_pct,
       g.family_pathway_addressed,
       round(100.0 * g.family_pathway_addressed / NULLIF(g.released, 0), 1) AS family_pathway_addressed_pct,
       g.com_allocated,
       round(100.0 * g.com_allocated / NULLIF(g.released, 0), 1) AS com_allocated_pct
FROM grouped AS g;
COMMENT ON VIEW resettle.v_outcome_rates IS
	'Release outcomes as counts and rates, by prison, region, sex, case type and sentence type, overall (month NULL) and by month';

/*
 * The gaps of the cases in custody by rule: one row per (prison_code, rule)
 * and one per rule for every prison counted (prison_code NULL), from the
 * stored readiness_gaps.
 */
CREATE VIEW resettle.v_gap_counts AS
WITH gaps AS (
	SELECT c.prison_code, g.rule, c.release_date - resettle.today() AS days_to_release
	FROM resettle.custody AS c
	CROSS JOIN LATERAL pg_catalog.unnest(c.readiness_gaps) AS g (rule)
	WHERE c.released_on IS NULL
	  AND c.prison_code = ANY ((SELECT resettle.measured_prisons())::text[])
)
SELECT x.prison_code, x.rule, r.title, r.severity,
       resettle.rule_pathway(x.rule) AS pathway,
       count(*) AS cases,
       count(*) FILTER (WHERE x.days_to_release BETWEEN 0 AND 84) AS cases_due_12_weeks
FROM gaps AS x
LEFT JOIN resettle.rule AS r ON r.code = x.rule
GROUP BY GROUPING SETS ((x.prison_code, x.rule, r.title, r.severity), (x.rule, r.title, r.severity));
COMMENT ON VIEW resettle.v_gap_counts IS
	'Failing rules of the cases in custody: cases per rule, per prison and over every prison counted (prison_code NULL)';

/*
 * Pseudonymised views for analysts (docs/security.md "Analysts").  No
 * names, dates of birth or identifiers: a person is a keyed-hash pseudonym
 * (the same as resettle.pseudonym()) and an episode a keyed hash of its id;
 * age is a band and dates that could single a person out are months.
 *
 * The views run with their owner's rights (not security_invoker), so
 * analysts need no privilege on the tables or the key, and see every prison.
 * security_barrier keeps analysts' own conditions (and the functions in them)
 * from running before the view's.
 */

-- Age band on a day: under 18, 18-20, 21-24, 25-29, 30-39, 40-49, 50-59, 60+.
CREATE FUNCTION resettle.age_band(date_of_birth date, on_day date) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE
		WHEN a OPERATOR(pg_catalog.<) 18 THEN 'under 18'
		WHEN a OPERATOR(pg_catalog.<=) 20 THEN '18-20'
		WHEN a OPERATOR(pg_catalog.<=) 24 THEN '21-24'
		WHEN a OPERATOR(pg_catalog.<=) 29 THEN '25-29'
		WHEN a OPERATOR(pg_catalog.<=) 39 THEN '30-39'
		WHEN a OPERATOR(pg_catalog.<=) 49 THEN '40-49'
		WHEN a OPERATOR(pg_catalog.<=) 59 THEN '50-59'
		ELSE '60+'
	END
	FROM (SELECT pg_catalog.date_part('year', pg_catalog.age($2::timestamp, $1::timestamp)) AS a) AS x
$$;
COMMENT ON FUNCTION resettle.age_band(date, date) IS
	'Age band on a day: under 18, 18-20, 21-24, 25-29, 30-39, 40-49, 50-59, 60+';

CREATE VIEW resettle.analyst_cases WITH (security_barrier = true) AS
SELECT
	resettle.keyed_pseudonym(k, c.prison_number::text) AS pseudonym,
	resettle.keyed_pseudonym(k, 'custody:' OPERATOR(pg_catalog.||) c.id::text) AS case_pseudonym,
	c.prison_code,
	pr.region,
	p.sex,
	resettle.age_band(p.date_of_birth, COALESCE(c.release_date, CURRENT_DATE)) AS age_band,
	c.sentence_type,
	c.indeterminate,
	c.recall,
	c.remand,
	pg_catalog.date_trunc('month', c.reception_date)::date AS reception_month,
	pg_catalog.date_trunc('month', c.release_date)::date AS release_month,
	pg_catalog.date_trunc('month', c.released_on)::date AS released_month,
	c.released_on IS NOT NULL AS released,
	c.responsibility,
	pg_catalog.date_trunc('month', c.handover_date)::date AS handover_month,
	c.handover_reason,
	resettle.handover_type(c.handover_reason, c.enhanced_handover) AS handover_type,
	COALESCE(c.com_name, '') OPERATOR(pg_catalog.<>) '' AS com_allocated,
	c.readiness,
	c.readiness_gaps,
	c.readiness_as_of,
	resettle.case_type(c.remand, c.civil, c.immigration, c.recall, c.indeterminate) AS case_type
FROM resettle.custody AS c
JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) c.prison_number
LEFT JOIN resettle.prison AS pr ON pr.code OPERATOR(pg_catalog.=) c.prison_code
CROSS JOIN resettle.pseudonym_key AS k
WHERE k.current;
COMMENT ON VIEW resettle.analyst_cases IS
	'Analysts: one row per custody episode, pseudonymised (no names, dates of birth or identifiers; months, age bands)';

CREATE VIEW resettle.analyst_release_outcomes WITH (security_barrier = true) AS
SELECT
	resettle.keyed_pseudonym(k, c.prison_number::text) AS pseudonym,
	resettle.keyed_pseudonym(k, 'custody:' OPERATOR(pg_catalog.||) o.custody_id::text) AS case_pseudonym,
	o.prison_code,
	pr.region,
	p.sex,
	resettle.age_band(p.date_of_birth, o.released_on) AS age_band,
	c.sentence_type,
	pg_catalog.date_trunc('month', o.released_on)::date AS released_month,
	o.settled_accommodation,
	o.id_document,
	o.bank_account,
	o.benefit_claim_needed,
	o.benefit_claim_started,
	o.gp_needed,
	o.gp_arranged,
	o.family_pathway_addressed,
	o.com_allocated,
	o.com_allocated_by_handover,
	o.gaps,
	resettle.case_type(c.remand, c.civil, c.immigration, c.recall, c.indeterminate) AS case_type
FROM resettle.release_outcome AS o
LEFT JOIN resettle.custody AS c ON c.id OPERATOR(pg_catalog.=) o.custody_id
LEFT JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) c.prison_number
LEFT JOIN resettle.prison AS pr ON pr.code OPERATOR(pg_catalog.=) o.prison_code
CROSS JOIN resettle.pseudonym_key AS k
WHERE k.current;
COMMENT ON VIEW resettle.analyst_release_outcomes IS
	'Analysts: what was in place on the day of release, pseudonymised (release month, age band)';

CREATE VIEW resettle.analyst_readiness_history WITH (security_barrier = true) AS
SELECT
	resettle.keyed_pseudonym(k, 'custody:' OPERATOR(pg_catalog.||) h.custody_id::text) AS case_pseudonym,
	c.prison_code,
	h.as_of,
	h.from_level,
	h.to_level,
	h.gaps
FROM resettle.readiness_history AS h
LEFT JOIN resettle.custody AS c ON c.id OPERATOR(pg_catalog.=) h.custody_id
CROSS JOIN resettle.pseudonym_key AS k
WHERE k.current;
COMMENT ON VIEW resettle.analyst_readiness_history IS
	'Analysts: every readiness level change by episode pseudonym (who made it is left out)';

-- Releases due (resettle.v_releases_due) for analysts: weeks, not dates.
-- (Not over resettle.v_cases: a security_invoker view checks the analyst's
-- privileges even inside this owner's-rights view.)
CREATE VIEW resettle.analyst_releases_due WITH (security_barrier = true) AS
SELECT
	resettle.keyed_pseudonym(k, c.prison_number::text) AS pseudonym,
	resettle.keyed_pseudonym(k, 'custody:' OPERATOR(pg_catalog.||) c.id::text) AS case_pseudonym,
	c.prison_code,
	pr.region,
	p.sex,
	resettle.age_band(p.date_of_birth, c.release_date) AS age_band,
	resettle.case_type(c.remand, c.civil, c.immigration, c.recall, c.indeterminate) AS case_type,
	c.sentence_type,
	(c.release_date OPERATOR(pg_catalog.-) resettle.today()) OPERATOR(pg_catalog./) 7 AS weeks_to_release,
	c.readiness,
	c.readiness_gaps,
	COALESCE(pg_catalog.cardinality(c.readiness_gaps), 0) AS gap_count,
	c.readiness_as_of,
	c.responsibility,
	COALESCE(c.com_name, '') OPERATOR(pg_catalog.<>) '' AS com_allocated
FROM resettle.custody AS c
JOIN resettle.person AS p ON p.prison_number OPERATOR(pg_catalog.=) c.prison_number
LEFT JOIN resettle.prison AS pr ON pr.code OPERATOR(pg_catalog.=) c.prison_code
CROSS JOIN resettle.pseudonym_key AS k
WHERE k.current
  AND c.released_on IS NULL
  AND c.release_date OPERATOR(pg_catalog.>=) resettle.today();
COMMENT ON VIEW resettle.analyst_releases_due IS
	'Analysts: cases in custody released today or later, pseudonymised (weeks to release, age band)';

-- Upcoming handovers and overdue COM allocations (resettle.v_handover_upcoming,
-- resettle.v_com_overdue) for analysts, in one view with a status.
CREATE VIEW resettle.analyst_handovers WITH (security_barrier = true) AS
SELECT
	resettle.keyed_pseudonym(k, 'custody:' OPERATOR(pg_catalog.||) c.id::text) AS case_pseudonym,
	c.prison_code,
	pr.region,
	CASE
		WHEN resettle.com_allocation_overdue(c.responsibility, c.handover_date,
			c.com_name, c.com_email, resettle.today()) THEN 'com_overdue'
		ELSE 'upcoming'
	END AS status,
	(c.handover_date OPERATOR(pg_catalog.-) resettle.today()) OPERATOR(pg_catalog./) 7 AS weeks_to_handover,
	resettle.handover_type(c.handover_reason, c.enhanced_handover) AS handover_type,
	c.handover_reason,
	COALESCE(c.com_name, '') OPERATOR(pg_catalog.<>) '' AS com_allocated
FROM resettle.custody AS c
LEFT JOIN resettle.prison AS pr ON pr.code OPERATOR(pg_catalog.=) c.prison_code
CROSS JOIN resettle.pseudonym_key AS k
WHERE k.current
  AND c.released_on IS NULL
  -- in this form, not through the status column, so that each arm can use
  -- its index (custody_com_unallocated_idx, custody_handover_date_idx)
  AND (resettle.com_allocation_overdue(c.responsibility, c.handover_date,
			c.com_name, c.com_email, resettle.today())
	   OR resettle.handover_upcoming(c.responsibility, c.handover_date, resettle.today()));
COMMENT ON VIEW resettle.analyst_handovers IS
	'Analysts: upcoming handovers (status upcoming) and overdue COM allocations (com_overdue), pseudonymised';

/*
 * Row-level security (docs/security.md).  Forced, so the table owner is
 * bound too; superusers (and BYPASSRLS roles) are not, which is what
 * pg_dump, restore and a pg_cron refresh() run as the owner rely on.
 *
 * Policies apply to every role: an admin sees everything (visible_prisons()
 * is every prison), staff the cases of the prisons they are mapped to, and
 * anybody else nothing.  visible_prisons() is wrapped in a scalar subquery
 * so it runs once per statement, not once per row.
 */

-- case_facts (and through it check() and readiness()) must see only what
-- the caller may: run it with the caller's rights and row security.
ALTER VIEW resettle.case_facts SET (security_invoker = true);

ALTER TABLE resettle.custody ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.custody FORCE ROW LEVEL SECURITY;
CREATE POLICY custody_by_prison ON resettle.custody
	USING (prison_code OPERATOR(pg_catalog.=) ANY ((SELECT resettle.visible_prisons())::text[]))
	WITH CHECK (prison_code OPERATOR(pg_catalog.=) ANY ((SELECT resettle.visible_prisons())::text[]));

/*
 * A person is visible through any visible custody episode.  Staff may record
 * a new person (who has no episode yet, so is not visible until one is
 * recorded at their prison); only admin deletes people.
 */
ALTER TABLE resettle.person ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.person FORCE ROW LEVEL SECURITY;
CREATE POLICY person_read ON resettle.person FOR SELECT
	USING ((SELECT resettle.is_admin())
	       OR EXISTS (SELECT 1 FROM resettle.custody AS c
	                  WHERE c.prison_number OPERATOR(pg_catalog.=) person.prison_number));
CREATE POLICY person_insert ON resettle.person FOR INSERT
	WITH CHECK (true);
CREATE POLICY person_update ON resettle.person FOR UPDATE
	USING ((SELECT resettle.is_admin())
	       OR EXISTS (SELECT 1 FROM resettle.custody AS c
	                  WHERE c.prison_number OPERATOR(pg_catalog.=) person.prison_number));
CREATE POLICY person_delete ON resettle.person FOR DELETE
	USING ((SELECT resettle.is_admin()));

-- Records of an episode: visible and writable with their custody row.
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['pathway_status', 'assessment', 'id_document',
		'bank_account', 'accommodation', 'support_need', 'handover_checklist']
	LOOP
		EXECUTE pg_catalog.format('ALTER TABLE resettle.%I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE pg_catalog.format('ALTER TABLE resettle.%I FORCE ROW LEVEL SECURITY', t);
		EXECUTE pg_catalog.format('CREATE POLICY %I ON resettle.%I
			USING (EXISTS (SELECT 1 FROM resettle.custody AS c
			               WHERE c.id OPERATOR(pg_catalog.=) %I.custody_id))
			WITH CHECK (EXISTS (SELECT 1 FROM resettle.custody AS c
			                    WHERE c.id OPERATOR(pg_catalog.=) %I.custody_id))',
			t || '_by_custody', t, t, t);
	END LOOP;
END $$;

/*
 * The audit tables: readable with their case; written only by the extension
 * (the append_only() trigger refuses everyone else's inserts).  History of a
 * deleted case is visible to admin only.
 */
ALTER TABLE resettle.readiness_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.readiness_history FORCE ROW LEVEL SECURITY;
CREATE POLICY readiness_history_read ON resettle.readiness_history FOR SELECT
	USING ((SELECT resettle.is_admin())
	       OR EXISTS (SELECT 1 FROM resettle.custody AS c
	                  WHERE c.id OPERATOR(pg_catalog.=) readiness_history.custody_id));
-- inserts: append_only() admits only the extension's own (for cases the user
-- can see) and a superuser's restore
CREATE POLICY readiness_history_insert ON resettle.readiness_history FOR INSERT
	WITH CHECK (true);

ALTER TABLE resettle.release_outcome ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.release_outcome FORCE ROW LEVEL SECURITY;
CREATE POLICY release_outcome_read ON resettle.release_outcome FOR SELECT
	USING (prison_code OPERATOR(pg_catalog.=) ANY ((SELECT resettle.visible_prisons())::text[]));
CREATE POLICY release_outcome_insert ON resettle.release_outcome FOR INSERT
	WITH CHECK (true);

-- case_audit: admin reads it; the audit trigger writes it for whoever changed a case.
ALTER TABLE resettle.case_audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.case_audit FORCE ROW LEVEL SECURITY;
CREATE POLICY case_audit_read ON resettle.case_audit FOR SELECT
	USING ((SELECT resettle.is_admin()));
CREATE POLICY case_audit_insert ON resettle.case_audit FOR INSERT
	WITH CHECK (true);

-- Staff read their own mappings (visible_prisons() needs them); admin all.
ALTER TABLE resettle.staff_prison ENABLE ROW LEVEL SECURITY;
ALTER TABLE resettle.staff_prison FORCE ROW LEVEL SECURITY;
CREATE POLICY staff_prison_own ON resettle.staff_prison FOR SELECT
	USING (role_name IN (SELECT r.rolname FROM pg_catalog.pg_roles AS r
	                     WHERE pg_catalog.pg_has_role(r.oid, 'USAGE')));
CREATE POLICY staff_prison_admin ON resettle.staff_prison
	USING ((SELECT resettle.is_admin()))
	WITH CHECK ((SELECT resettle.is_admin()));

/*
 * The extension's C triggers and refresh() run SQL through SPI as the
 * current user.  Fix their search_path so that a caller's own objects (an
 * operator "=" in a schema ahead of pg_catalog) cannot be captured by that
 * SQL.  They stay SECURITY INVOKER: row security and the audit see the
 * caller.
 */
ALTER FUNCTION resettle.readiness_after_change() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION resettle.custody_derive() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION resettle.refresh(date, boolean) SET search_path = pg_catalog, pg_temp;

/*
 * Privileges (docs/security.md).  Functions are executable by PUBLIC unless
 * revoked: revoke everything that reads cases, changes them or administers
 * access, and grant it to the roles that need it in grant_roles().  Pure
 * functions (identifier types, handover arithmetic, HMAC, age bands) stay
 * public: they read no data.
 */
REVOKE EXECUTE ON FUNCTION
	resettle.check(bigint, date),
	resettle.readiness(bigint, date),
	resettle.refresh(date, boolean),
	resettle.evaluate(resettle.case_facts, date, boolean),
	resettle.evaluate_gaps(resettle.case_facts, date),
	resettle.handover(resettle.custody, date),
	resettle.map_staff(name, text),
	resettle.unmap_staff(name, text),
	resettle.transfer(bigint, text),
	resettle.rotate_pseudonym_key(),
	resettle.pseudonym(resettle.prison_number),
	resettle.custody_derive(),
	resettle.readiness_after_change(),
	resettle.readiness_statement_start(),
	resettle.append_only(),
	resettle.rule_upsert(),
	resettle.case_audit_guard(),
	resettle.case_audit_record(),
	resettle.pseudonym_key_set()
FROM PUBLIC;

-- Everyone may ask whether they are admin (row security asks for them).
GRANT SELECT ON resettle.access_role TO PUBLIC;

/*
 * The documented admin step: give existing roles their parts.  Run it as a
 * superuser (or the extension's owner) after creating the roles, and again
 * after an extension upgrade adds objects.  Returns the statements run.
 */
CREATE FUNCTION resettle.grant_roles(admin_role name, staff_role name, analyst_role name)
RETURNS SETOF text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	r name;
	t text;
	stmt text;
	stmts text[] := ARRAY[]::text[];
	case_tables CONSTANT text[] := ARRAY['pathway_status', 'assessment', 'id_document',
		'bank_account', 'accommodation', 'support_need', 'handover_checklist'];
BEGIN
	FOREACH r IN ARRAY ARRAY[admin_role, staff_role, analyst_role] LOOP
		IF r IS NULL THEN
			RAISE EXCEPTION 'role names must not be null'
				USING ERRCODE = 'null_value_not_allowed';
		END IF;
		IF NOT resettle.role_exists(r) THEN
			RAISE EXCEPTION 'role "%" does not exist', r
				USING ERRCODE = 'undefined_object',
				      HINT = 'Create it first, or use resettle.create_roles().';
		END IF;
	END LOOP;

	stmts := stmts || pg_catalog.format('GRANT USAGE ON SCHEMA resettle TO %I, %I, %I',
		admin_role, staff_role, analyst_role);

	-- admin: every table, view, sequence and function of the schema
	stmts := stmts || pg_catalog.format(
		'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA resettle TO %I', admin_role);
	stmts := stmts || pg_catalog.format(
		'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA resettle TO %I', admin_role);
	stmts := stmts || pg_catalog.format(
		'GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA resettle TO %I', admin_role);
	-- the audit tables are append-only: say so with a privilege error
	stmts := stmts || pg_catalog.format(
		'REVOKE UPDATE, DELETE ON resettle.readiness_history, resettle.release_outcome,
		 resettle.case_audit FROM %I', admin_role);

	-- staff: read and work on cases (row security limits them to their prisons)
	stmts := stmts || pg_catalog.format(
		'GRANT SELECT ON resettle.prison, resettle.rule, resettle.staff_prison, resettle.case_facts,
		 resettle.readiness_history, resettle.release_outcome TO %I', staff_role);
	-- the case lists (row security applies) and the aggregate measures
	stmts := stmts || pg_catalog.format(
		'GRANT SELECT ON resettle.v_cases, resettle.v_releases_due, resettle.v_handover_upcoming,
		 resettle.v_com_overdue, resettle.v_release_outcomes, resettle.v_readiness_summary,
		 resettle.v_outcome_rates, resettle.v_gap_counts TO %I', staff_role);
	stmts := stmts || pg_catalog.format(
		'GRANT SELECT, INSERT ON resettle.person, resettle.custody TO %I', staff_role);
	stmts := stmts || pg_catalog.format(
		'GRANT UPDATE (crn, pnc_id, cro_number, nhs_number, nino, given_name, family_name,
		 date_of_birth, sex, ethnicity) ON resettle.person TO %I', staff_role);
	-- recorded columns only: not id, prison_number or prison_code (a transfer
	-- is an admin action); the readiness columns because the extension's
	-- recompute writes them as the user (custody_derive refuses anyone else)
	stmts := stmts || pg_catalog.format(
		'GRANT UPDATE (reception_date, sentence_start, sentence_type, indeterminate, recall,
		 immigration, remand, civil, additional_isp, parole_outcome_not_release, crd, ard, ped,
		 hdced, hdcad, apd, ted, thd, sed, led, confirmed_release_date, mappa_level, rosh, tier,
		 early_allocation, enhanced_handover, open_conditions, open_since, pom_name, com_name,
		 com_email, com_allocated_on, released_on, readiness, readiness_gaps, readiness_as_of)
		 ON resettle.custody TO %I', staff_role);
	FOREACH t IN ARRAY case_tables LOOP
		stmts := stmts || pg_catalog.format(
			'GRANT SELECT, INSERT, UPDATE, DELETE ON resettle.%I TO %I', t, staff_role);
	END LOOP;
	-- written by the extension as the user (append_only() refuses anyone else)
	stmts := stmts || pg_catalog.format(
		'GRANT INSERT ON resettle.readiness_history, resettle.release_outcome TO %I', staff_role);
	stmts := stmts || pg_catalog.format(
		'GRANT INSERT (table_name, operation, custody_id, prison_number, changed_columns,
		 old_values, new_values) ON resettle.case_audit TO %I', staff_role);
	stmts := stmts || pg_catalog.format(
		'GRANT EXECUTE ON FUNCTION resettle.check(bigint, date), resettle.readiness(bigint, date),
		 resettle.evaluate(resettle.case_facts, date, boolean),
		 resettle.evaluate_gaps(resettle.case_facts, date),
		 resettle.handover(resettle.custody, date) TO %I', staff_role);

	-- analyst: the pseudonymised views, the aggregate measures (counts, no
	-- person) and the reference data they are cut by, nothing else
	stmts := stmts || pg_catalog.format(
		'GRANT SELECT ON resettle.analyst_cases, resettle.analyst_release_outcomes,
		 resettle.analyst_readiness_history, resettle.analyst_releases_due,
		 resettle.analyst_handovers, resettle.v_readiness_summary, resettle.v_outcome_rates,
		 resettle.v_gap_counts, resettle.prison, resettle.rule TO %I', analyst_role);

	FOREACH stmt IN ARRAY stmts LOOP
		EXECUTE stmt;
		RETURN NEXT pg_catalog.regexp_replace(stmt, '\s+', ' ', 'g');
	END LOOP;

	INSERT INTO resettle.access_role AS a (kind, role_name)
	VALUES ('admin', admin_role), ('staff', staff_role), ('analyst', analyst_role)
	ON CONFLICT (kind) DO UPDATE SET role_name = EXCLUDED.role_name;
END
$$;
COMMENT ON FUNCTION resettle.grant_roles(name, name, name) IS
	'Admin step: grant existing admin, staff and analyst roles their privileges and record them';

/*
 * The same, creating NOLOGIN group roles <prefix>_admin, <prefix>_staff and
 * <prefix>_analyst first if they do not exist.  Needs CREATEROLE.
 */
CREATE FUNCTION resettle.create_roles(prefix text DEFAULT 'resettle')
RETURNS SETOF text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	kind text;
	role text;
BEGIN
	IF prefix IS NULL OR prefix OPERATOR(pg_catalog.!~) '^[a-z_][a-z0-9_]{0,40}$' THEN
		RAISE EXCEPTION 'invalid role prefix "%"', prefix
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Use lower-case letters, digits and underscores (at most 41), starting with a letter or underscore.';
	END IF;
	FOREACH kind IN ARRAY ARRAY['admin', 'staff', 'analyst'] LOOP
		role := prefix OPERATOR(pg_catalog.||) '_' OPERATOR(pg_catalog.||) kind;
		IF NOT resettle.role_exists(role) THEN
			EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', role);
			RETURN NEXT pg_catalog.format('CREATE ROLE %I NOLOGIN', role);
		END IF;
	END LOOP;
	RETURN QUERY SELECT * FROM resettle.grant_roles(
		(prefix OPERATOR(pg_catalog.||) '_admin')::name,
		(prefix OPERATOR(pg_catalog.||) '_staff')::name,
		(prefix OPERATOR(pg_catalog.||) '_analyst')::name);
END
$$;
COMMENT ON FUNCTION resettle.create_roles(text) IS
	'Admin step: create NOLOGIN group roles <prefix>_admin, _staff, _analyst if absent and grant them (resettle.grant_roles)';

REVOKE EXECUTE ON FUNCTION resettle.grant_roles(name, name, name), resettle.create_roles(text)
FROM PUBLIC;

/*
 * For DBAs (new in 1.1): is the stored readiness current?  The daily
 * refresh() (docs/operations.md) should leave stale at 0; a stale count
 * that grows says the pg_cron job is not running.  security_invoker: row
 * security applies, so an admin sees every prison.
 */
CREATE VIEW resettle.v_refresh_status WITH (security_invoker = true) AS
SELECT c.prison_code,
       count(*) AS in_custody,
       count(*) FILTER (WHERE c.readiness_as_of IS NULL
                          OR c.readiness_as_of < resettle.today()) AS stale,
       min(c.readiness_as_of) AS oldest_as_of,
       max(c.readiness_as_of) AS newest_as_of,
       resettle.today() AS today
FROM resettle.custody AS c
WHERE c.released_on IS NULL
GROUP BY c.prison_code;
COMMENT ON VIEW resettle.v_refresh_status IS
	'Per prison: cases in custody, how many have readiness evaluated before today (stale), and the oldest and newest evaluation day';

-- New in 1.1: the open cases whose COM is responsible but not named, by
-- handover date: what resettle.v_com_overdue and the client's overdue
-- handovers read (a few per cent of custody, so a partial index; the
-- views' conditions imply its predicate).
CREATE INDEX custody_com_unallocated_idx ON resettle.custody (handover_date)
	WHERE released_on IS NULL AND responsibility = 'community'
	  AND com_name IS NULL AND com_email IS NULL;

/*
 * Bulk loads (new in 1.1): defer the readiness recompute of the cases a
 * transaction changes from the end of each statement to one call, so a
 * load of one COPY per table evaluates each case once
 * (extension/readiness_batch.c, docs/operations.md "Bulk loads").  COMMIT
 * fails while cases are left pending.  Both act on the caller's own
 * transaction only, so PUBLIC may run them.
 */
CREATE FUNCTION resettle.defer_recompute() RETURNS void
	AS 'MODULE_PATHNAME', 'readiness_defer_recompute'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION resettle.defer_recompute() IS
	'Defer the readiness recompute of the cases this transaction changes until resettle.recompute_deferred()';

CREATE FUNCTION resettle.recompute_deferred() RETURNS bigint
	AS 'MODULE_PATHNAME', 'readiness_recompute_deferred'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION resettle.recompute_deferred() IS
	'End a deferral: recompute, once each, the cases changed since resettle.defer_recompute(); returns how many';
