--
-- Identifier types in indexes, joins, partitions and binary COPY.
--
\getenv abs_builddir PG_ABS_BUILDDIR
SET datestyle = 'ISO, YMD';
CREATE EXTENSION pageinspect;

-- Sample values of each type.  Candidates are made with every possible
-- check character and only the valid one kept, so each row is distinct.
CREATE TABLE sample_text (type regtype, v text);
INSERT INTO sample_text
SELECT 'resettle.prison_number', chr(65 + i % 26) || lpad((i * 37 % 10000)::text, 4, '0')
       || chr(65 + (i / 26) % 26) || chr(65 + (i / 676) % 26)
FROM generate_series(0, 19999) AS i;
INSERT INTO sample_text
SELECT 'resettle.crn', chr(65 + i % 26) || lpad((i * 7919 % 1000000)::text, 6, '0')
FROM generate_series(0, 19999) AS i;
INSERT INTO sample_text
SELECT 'resettle.pnc_id', c FROM generate_series(0, 2999) AS i,
	LATERAL (SELECT (1950 + i % 70)::text || '/' || lpad((i * 4099 % 10000000)::text, 7, '0') || chr(l) AS c
	         FROM generate_series(65, 90) AS l) AS cand
WHERE resettle.is_valid_pnc_id(c);
INSERT INTO sample_text
SELECT 'resettle.cro_number', c FROM generate_series(0, 2999) AS i,
	LATERAL (SELECT lpad((i * 331 % 1000000)::text, 6, '0') || '/' || lpad((i % 100)::text, 2, '0') || chr(l) AS c
	         FROM generate_series(65, 90) AS l
	         UNION ALL
	         SELECT 'SF' || lpad((i % 100)::text, 2, '0') || '/' || (i * 13 % 100000)::text || chr(l)
	         FROM generate_series(65, 90) AS l) AS cand
WHERE resettle.is_valid_cro_number(c);
INSERT INTO sample_text
SELECT 'resettle.nhs_number', c FROM generate_series(0, 2999) AS i,
	LATERAL (SELECT lpad((i * 104729 % 1000000000)::text, 9, '0') || d AS c
	         FROM generate_series(0, 9) AS d) AS cand
WHERE resettle.is_valid_nhs_number(c);
INSERT INTO sample_text
SELECT 'resettle.nino', substr('ABCEGHJKLMNOPRSTWXYZ', 1 + i % 20, 1)
       || substr('ABCEGHJKLMNPRSTWXYZ', 1 + (i / 20) % 19, 1)
       || lpad((i * 7 % 1000000)::text, 6, '0') || substr('ABCD', 1 + i % 4, 1)
FROM generate_series(0, 19999) AS i;
DELETE FROM sample_text WHERE v ~ '^(BG|GB|NK|KN|TN|NT|ZZ)' AND type = 'resettle.nino'::regtype;

SELECT type, count(*), count(DISTINCT v) FROM sample_text GROUP BY type ORDER BY type::text;

-- check_type(type): each property must hold for every type
CREATE FUNCTION check_type(typ regtype, filename text)
RETURNS TABLE (property text, holds boolean)
LANGUAGE plpgsql AS $$
DECLARE
	plan json;
	n bigint;
	m bigint;
	probe text;
BEGIN
	EXECUTE format('CREATE TEMP TABLE ids (v %s)', typ);
	EXECUTE format('INSERT INTO ids SELECT v::%s FROM sample_text WHERE type = %L::regtype', typ, typ);
	CREATE INDEX ids_v ON ids (v);
	ANALYZE ids;
	SELECT min(v) INTO probe FROM sample_text WHERE type = typ;

	property := 'canonical text round trip';
	EXECUTE format('SELECT count(*) FROM sample_text s WHERE type = %L::regtype AND s.v::%s::text <> upper(s.v)', typ, typ) INTO n;
	holds := n = 0; RETURN NEXT;

	property := 'order equals C-collation order of the text';
	EXECUTE 'SELECT count(*) FROM (SELECT v::text AS t, row_number() OVER (ORDER BY v) AS a,
	                                     row_number() OVER (ORDER BY v::text COLLATE "C") AS b FROM ids) s
	         WHERE a <> b' INTO n;
	holds := n = 0; RETURN NEXT;

	SET LOCAL enable_seqscan = off;
	property := 'index scan for equality';
	EXECUTE format('EXPLAIN (FORMAT JSON, COSTS OFF) SELECT * FROM ids WHERE v = %L::%s', probe, typ) INTO plan;
	holds := plan::text ~ '"Index (Only )?Scan"'; RETURN NEXT;
	property := 'index scan for a range';
	EXECUTE format('EXPLAIN (FORMAT JSON, COSTS OFF) SELECT * FROM ids WHERE v > %L::%s AND v <= %L::%s', probe, typ, probe, typ) INTO plan;
	holds := plan::text ~ '"Index (Only )?Scan"'; RETURN NEXT;
	RESET enable_seqscan;

	property := 'btree deduplication allowed (allequalimage)';
	SELECT allequalimage INTO holds FROM bt_metap('ids_v'); RETURN NEXT;

	property := 'hash join';
	SET LOCAL enable_mergejoin = off; SET LOCAL enable_nestloop = off;
	EXECUTE 'EXPLAIN (FORMAT JSON, COSTS OFF) SELECT count(*) FROM ids a JOIN ids b USING (v)' INTO plan;
	EXECUTE 'SELECT count(*) FROM ids a JOIN ids b USING (v)' INTO n;
	SELECT count(*) INTO m FROM ids;
	holds := plan::text ~ '"Hash Join"' AND n = m; RETURN NEXT;
	RESET enable_mergejoin; RESET enable_nestloop;

	property := 'hash partitioning with pruning';
	EXECUTE format('CREATE TEMP TABLE parts (v %s) PARTITION BY HASH (v)', typ);
	CREATE TEMP TABLE parts_0 PARTITION OF parts FOR VALUES WITH (MODULUS 3, REMAINDER 0);
	CREATE TEMP TABLE parts_1 PARTITION OF parts FOR VALUES WITH (MODULUS 3, REMAINDER 1);
	CREATE TEMP TABLE parts_2 PARTITION OF parts FOR VALUES WITH (MODULUS 3, REMAINDER 2);
	INSERT INTO parts SELECT v FROM ids;
	EXECUTE format('EXPLAIN (FORMAT JSON, COSTS OFF) SELECT * FROM parts WHERE v = %L::%s', probe, typ) INTO plan;
	SELECT count(*) INTO n FROM parts_0;
	holds := n > 0 AND n < m AND plan::text !~ 'Append'; RETURN NEXT;

	property := 'binary COPY round trip';
	EXECUTE format('COPY ids TO %L (FORMAT binary)', filename);
	EXECUTE format('CREATE TEMP TABLE ids_back (v %s)', typ);
	EXECUTE format('COPY ids_back FROM %L (FORMAT binary)', filename);
	SELECT count(*) INTO n FROM (SELECT v FROM ids EXCEPT ALL SELECT v FROM ids_back) d;
	SELECT count(*) INTO m FROM ids_back;
	holds := n = 0 AND m = (SELECT count(*) FROM ids); RETURN NEXT;

	DROP TABLE ids, parts, ids_back;
END $$;

\set binfile :abs_builddir '/results/identifier.bin'
SELECT t.type, c.property, c.holds
FROM (SELECT DISTINCT type FROM sample_text) AS t,
     LATERAL check_type(t.type, :'binfile') AS c
ORDER BY t.type::text, c.property;

-- One plan in full.
CREATE TABLE people (p resettle.prison_number PRIMARY KEY);
INSERT INTO people SELECT v::resettle.prison_number FROM sample_text WHERE type = 'resettle.prison_number'::regtype;
ANALYZE people;
EXPLAIN (COSTS OFF) SELECT * FROM people WHERE p = 'A1234BC';
EXPLAIN (COSTS OFF) SELECT * FROM people WHERE p BETWEEN 'A0000AA' AND 'A9999ZZ' ORDER BY p;

-- Binary input is re-validated: eight bytes that encode no valid value.
\set badfile :abs_builddir '/results/identifier_bad.bin'
COPY (SELECT (-1)::bigint) TO :'badfile' (FORMAT binary);
CREATE TABLE bad_nhs (n resettle.nhs_number);
COPY bad_nhs FROM :'badfile' (FORMAT binary);
SELECT count(*) AS nothing_written FROM bad_nhs;

DROP TABLE people, bad_nhs, sample_text;
DROP FUNCTION check_type(regtype, text);
DROP EXTENSION pageinspect;
