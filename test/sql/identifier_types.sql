--
-- Identifier types: input vectors, canonical output, errors, validity checks.
--
\set VERBOSITY default
SET datestyle = 'ISO, YMD';

-- try_input(type, text): the canonical text, or the error it raises
CREATE FUNCTION try_input(typ regtype, input text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	result text;
	detail text;
BEGIN
	EXECUTE pg_catalog.format('SELECT $1::%s::text', typ) INTO result USING input;
	RETURN result;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM || ' | ' || detail;
END $$;

-- One error shown exactly as a client sees it.
SELECT 'A1234B'::resettle.prison_number;
SELECT '2001/0171310S'::resettle.pnc_id;

-- prison_number: ^[A-Z][0-9]{4}[A-Z]{2}$, any case, surrounding spaces
SELECT input, try_input('resettle.prison_number', input),
       resettle.is_valid_prison_number(input) AS valid
FROM (VALUES ('A1234BC'), ('a1234bc'), ('  A1234BC  '), (E'\tA1234BC\n'),
             ('A0000AA'), ('Z9999ZZ'), ('g5555hk'), ('A1234Bc'),
             (''), ('   '), ('A1234B'), ('A1234BCD'), ('11234BC'),
             ('AA234BC'), ('A123ABC'), ('A1234B1'), ('A1234 BC'),
             ('A-1234BC'), ('Ä1234BC'), ('A１234BC'), ('1234567'),
             ('ABCDEFG'), ('A12345C'), ('A1234BC.'), ('A 1234BC'),
             ('X9999YZ'), ('B1111QQ')) AS v(input);

-- crn: ^[A-Z][0-9]{6}$
SELECT input, try_input('resettle.crn', input),
       resettle.is_valid_crn(input) AS valid
FROM (VALUES ('X320741'), ('x320741'), (' X000000 '), ('A999999'),
             ('Z123456'), ('e654321'), (''), ('X32074'), ('X3207411'),
             ('1320741'), ('XX20741'), ('X32O741'), ('X 320741'),
             ('X320741 1'), ('X-320741'), ('Ẋ320741'), ('X32074A'),
             ('320741'), ('XXXXXXX'), ('X3207'), ('X000001'),
             ('M000000'), ('N999999'), ('X32 0741'), (E'X320741\t')) AS v(input);

-- pnc_id: 4-digit year, serial 1-7 digits, mod-23 check letter
SELECT input, try_input('resettle.pnc_id', input),
       resettle.is_valid_pnc_id(input) AS valid
FROM (VALUES ('1979/0163001B'), ('2002/0073319Z'), ('1981/0000034U'),
             ('2000/0000223R'), ('1967/9893091D'), ('1979/163001B'),
             ('19790163001B'), ('1979/0163001b'), (' 2003/0000003Y '),
             ('2003/3Y'), ('0000/0000000Z'), ('0000/0Z'), ('9999/9999999N'),
             ('2001/0171310S'), ('20120052494O'), ('20230583843N'),
             ('20030011985Z'), ('79/163001B'), ('1X23/1234567A'),
             ('1923/1234567AA'), ('01'), ('0123'), ('1979/01630011B'),
             ('1979/B'), ('1979//0163001B'), ('1979 /0163001B'),
             ('/0163001B'), ('1979/0163001'), ('1979/0163001I'), ('')) AS v(input);

-- pnc_id(text, as_of): 2-digit years resolved against as_of's year
SELECT input, resettle.pnc_id(input, '2026-11-23')::text AS canonical
FROM (VALUES ('81/34U'), ('02/73319Z'), ('00/223R'), ('79163001B'),
             ('033Y'), ('67/9893091D'), ('1979/0163001B'),
             ('19790163001B')) AS v(input);
-- the century pivot: YY <= 26 is 20YY in 2026, 27 is 1927
SELECT resettle.pnc_id('26/1' || c, '2026-01-01')::text AS y26,
       resettle.pnc_id('27/1' || d, '2026-01-01')::text AS y27
FROM (SELECT substr('ZABCDEFGHJKLMNPQRTUVWXY', ((26 * 10000000::bigint + 1) % 23)::int + 1, 1) AS c,
             substr('ZABCDEFGHJKLMNPQRTUVWXY', ((27 * 10000000::bigint + 1) % 23)::int + 1, 1) AS d) AS l;
SELECT resettle.pnc_id('20030011985Z', '2026-01-01');
SELECT resettle.pnc_id('81/34U', 'infinity');
SELECT resettle.pnc_id(NULL, '2026-01-01') IS NULL AS null_in_null_out;

-- cro_number: NNNNNN/YYC (serial padded) and SFYY/NNNNNNC (as given)
SELECT input, try_input('resettle.cro_number', input),
       resettle.is_valid_cro_number(input) AS valid
FROM (VALUES ('065656/91H'), ('65656/91H'), ('65656/91h'), (' 065656/91H '),
             ('SF05/482703J'), ('SF83/50058Z'), ('sf83/50058z'),
             ('SF83/050058Z'), ('85227/65G'), ('85227/65L'),
             ('1234567/91H'), ('65656/9H'), ('65656-91H'), ('SF5/482703J'),
             ('SF05/4827031J'), ('SF05482703J'), ('/91H'), ('65656/91'),
             ('000000/00Z'), ('0/00Z'), ('999999/99X'), ('SF00/0Z'),
             ('SF99/999999A'), ('SG05/482703J'), ('65656/91I'), ('')) AS v(input);

-- nhs_number: 10 digits, spaces allowed, mod 11 (10 invalid, 11 means 0)
SELECT input, try_input('resettle.nhs_number', input),
       resettle.is_valid_nhs_number(input) AS valid
FROM (VALUES ('9434765919'), ('943 476 5919'), (' 943 476 5919 '),
             ('4010232137'), ('9876543210'), ('0000000000'),
             ('9991234560'), ('9434765918'), ('943476591'),
             ('94347659190'), ('943-476-5919'), ('ABCDEFGHIJ'),
             ('94347659l9'), ('9 4 3 4 7 6 5 9 1 9'), ('9434765910'),
             ('4010232138'), ('1000000001'), ('9999999999'),
             ('0000000019'), ('3200000010'), ('943476591９'), (''),
             ('943  476  5919'), ('9434765919x'), (E'9434765919\n')) AS v(input);

-- nino: DWP strict, suffix A-D required
SELECT input, try_input('resettle.nino', input),
       resettle.is_valid_nino(input) AS valid
FROM (VALUES ('AB123456C'), ('OA123456A'), ('NA123456D'), ('ab123456c'),
             ('AB 12 34 56 C'), (' AB123456B '), ('AB123456'), ('QQ123456C'),
             ('GB123456A'), ('BG123456A'), ('NK123456A'), ('KN123456A'),
             ('TN123456A'), ('NT123456A'), ('ZZ123456A'), ('AO123456A'),
             ('AB123456E'), ('DA123456A'), ('AD123456A'), ('A1123456A'),
             ('AB12345C'), ('AB1234567C'), ('AB123456 '), ('ZY999999D'),
             ('AB000000A'), ('AB123456CD'), ('')) AS v(input);

-- canonical output survives a round trip through text
SELECT count(*) AS round_trip_failures
FROM (VALUES ('a1234bc'::resettle.prison_number::text, 'A1234BC')) AS v(got, want)
WHERE got <> want;

-- comparison operators follow the canonical text
SELECT 'A1234BC'::resettle.prison_number < 'A1234BD' AS lt,
       'A1234BC'::resettle.prison_number = ' a1234bc ' AS eq,
       'B0000AA'::resettle.prison_number > 'A9999ZZ' AS gt,
       '065656/91H'::resettle.cro_number < 'SF05/482703J' AS standard_before_sf,
       '9434765919'::resettle.nhs_number <> '4010232137' AS ne;

-- casts to and from text and varchar
SELECT 'X320741'::text::resettle.crn, 'X320741'::varchar::resettle.crn,
       'AB123456C'::resettle.nino::text, 'AB123456C'::resettle.nino::varchar;
CREATE TABLE cast_target (p resettle.prison_number);
INSERT INTO cast_target VALUES ('a1234bc'::text);
SELECT p FROM cast_target;
DROP TABLE cast_target;

-- NULL in, NULL out
SELECT resettle.is_valid_nino(NULL) IS NULL AS strict_validity,
       NULL::text::resettle.nino IS NULL AS null_cast;

-- min/max aggregates
SELECT min(p), max(p)
FROM (VALUES ('C1000AA'::resettle.prison_number), ('A1234BC'), ('Z0001AA')) AS v(p);

-- very long and odd inputs give the error, not a crash
SELECT resettle.is_valid_prison_number(repeat('A', 1000000)) AS huge,
       resettle.is_valid_nino(repeat(' ', 100000) || 'AB123456C') AS padded,
       resettle.is_valid_nhs_number(repeat('9', 10000)) AS long_digits;
SELECT length(try_input('resettle.crn', repeat('X', 100000))) > 100000 AS error_names_input;

DROP FUNCTION try_input(regtype, text);
