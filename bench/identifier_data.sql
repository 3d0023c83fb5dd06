-- bench/identifier_data.sql: :rows distinct prison numbers in a shuffled
-- order, written to :'file' (one per line) for the load comparison, and the
-- tables of both sides: resettle.prison_number (8 bytes, by value) against
-- the text column with a regex CHECK that a user would write instead.  The
-- text column has the database's collation (en_GB.UTF-8), as a user's would.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS bench;
DROP TABLE IF EXISTS bench.pn_src, bench.pn_ours, bench.pn_text, bench.pn_ours2, bench.pn_text2,
	bench.pn_int8, bench.pn_int82;
-- i * 7919 mod 26*10000*676 is a bijection on the first :rows numbers
-- (7919 is prime and does not divide 175,760,000), so the values are
-- distinct and spread over the whole space
CREATE TABLE bench.pn_src AS
SELECT chr(65 + (n / 6760000)::int) || lpad((n / 676 % 10000)::text, 4, '0')
       || chr(65 + (n / 26 % 26)::int) || chr(65 + (n % 26)::int) AS v
FROM (SELECT (i * 7919) % 175760000 AS n FROM generate_series(1::bigint, :rows) AS i) AS g;
COPY bench.pn_src TO :'file';
CREATE TABLE bench.pn_ours (v resettle.prison_number NOT NULL);
CREATE TABLE bench.pn_text (v text NOT NULL CHECK (v ~ '^[A-Z][0-9]{4}[A-Z]{2}$'));
-- the other side of the join: the same values in another order
CREATE TABLE bench.pn_ours2 AS SELECT v::resettle.prison_number AS v FROM bench.pn_src ORDER BY md5(v);
CREATE TABLE bench.pn_text2 AS SELECT v FROM bench.pn_src ORDER BY md5(v);
-- the floor of a join on 8-byte by-value keys: bigint, same cardinality
CREATE TABLE bench.pn_int8 AS SELECT hashtext(v)::bigint * 4294967296 + row_number() OVER () AS v FROM bench.pn_src;
CREATE TABLE bench.pn_int82 AS SELECT v FROM bench.pn_int8 ORDER BY md5(v::text);
VACUUM ANALYZE bench.pn_ours2, bench.pn_text2, bench.pn_int8, bench.pn_int82;
