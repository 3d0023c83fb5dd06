-- bench/handover_data.sql: :rows synthetic cases for the handover comparison
-- (bench.hcase), a deterministic function of the row number, covering every
-- row of the decision table: out of scope (civil, under 18, remand,
-- unsentenced), ISP and THD rows, recall, immigration, no release date,
-- early allocation, indeterminate (open or not), short, parole, determinate.
-- The benchmark evaluates them as of 2025-06-01.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS bench;
CREATE OR REPLACE FUNCTION bench.u(i bigint, salt int) RETURNS float8
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS 'SELECT (pg_catalog.hashint8extended(i, salt::bigint * 7919 + 42) & 2147483647)::float8 / 2147483648';

DROP TABLE IF EXISTS bench.hcase;
CREATE TABLE bench.hcase AS
SELECT i AS id,
       CASE WHEN k >= 0.02 AND k < 0.11 OR k >= 0.99 OR bench.u(i, 23) < 0.01 THEN NULL ELSE ss END AS sentence_start,
       CASE WHEN k >= 0.11 AND k < 0.21 OR k >= 0.30 AND k < 0.99 AND bench.u(i, 3) > 0.02 THEN rel END AS crd,
       CASE WHEN k >= 0.30 AND bench.u(i, 4) < 0.2 THEN rel - (bench.u(i, 5) * 90)::int END AS ard,
       CASE WHEN k >= 0.30 AND k < 0.99 AND bench.u(i, 6) < 0.12 THEN GREATEST(ss, rel - 180) END AS ped,
       CASE WHEN k >= 0.22 AND k < 0.30 AND bench.u(i, 7) < 0.8 THEN rel END AS ted,
       CASE WHEN k >= 0.22 AND k < 0.30 AND bench.u(i, 8) < 0.6
            THEN rel + (bench.u(i, 9) * 900)::int - 300 END AS thd,
       CASE WHEN k >= 0.30 AND k < 0.99 AND bench.u(i, 10) < 0.3 THEN rel - 179 END AS hdced,
       k >= 0.22 AND k < 0.30 AS indeterminate,
       k >= 0.11 AND k < 0.21 OR k >= 0.22 AND k < 0.30 AND bench.u(i, 11) < 0.15 AS recall,
       k >= 0.99 OR k >= 0.21 AND k < 0.22 AS immigration,
       bench.u(i, 12) < 0.04 AS early_allocation,
       k >= 0.22 AND k < 0.30 AND bench.u(i, 13) < 0.25 AS open_conditions,
       CASE WHEN k >= 0.22 AND k < 0.30 AND bench.u(i, 13) < 0.25 AND bench.u(i, 14) < 0.7
            THEN ss + (bench.u(i, 15) * 2000)::int END AS open_since,
       CASE WHEN bench.u(i, 16) < 0.7 THEN (bench.u(i, 17) * 3.4)::int END AS mappa_level,
       k >= 0.22 AND k < 0.30 AND bench.u(i, 18) < 0.05 AS additional_isp,
       k >= 0.22 AND k < 0.30 AND bench.u(i, 19) < 0.4 AS parole_outcome_not_release,
       CASE WHEN bench.u(i, 20) < 0.01 THEN DATE '2007-06-01' + (bench.u(i, 21) * 1000)::int
            WHEN bench.u(i, 20) < 0.012 THEN DATE '2004-02-29' + ((bench.u(i, 21) * 4)::int * 1461)
            ELSE DATE '1960-01-01' + (bench.u(i, 21) * 15000)::int END AS date_of_birth,
       k >= 0.02 AND k < 0.11 AS remand,
       k < 0.005 AS civil
FROM (SELECT i, bench.u(i, 1) AS k,
             DATE '2025-06-01' - (bench.u(i, 2) * 1500)::int AS ss,
             DATE '2025-06-01' - 200 + (bench.u(i, 22) ^ 1.5 * 1600)::int AS rel
      FROM generate_series(1::bigint, :rows) AS i) AS g;
ANALYZE bench.hcase;
