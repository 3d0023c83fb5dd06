--
-- One statement that writes several tracked tables recomputes each case
-- once, when its last table's trigger ends (extension/readiness_batch.c).
--
SET datestyle = 'ISO, YMD';
SET resettle.today = '2026-03-09';

-- first, in a new session: the library loads inside a subtransaction whose
-- statement fails (a record of no case); the statement ends with it, and
-- the transaction commits
DO $$
BEGIN
	BEGIN
		INSERT INTO resettle.assessment (custody_id, pathway, assessment_type)
		VALUES (0, 'health', 'immediate_needs');
	EXCEPTION WHEN foreign_key_violation THEN
		RAISE NOTICE 'caught: %', SQLSTATE;
	END;
END $$;
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('W1000AA', 'Batch', 'One', '1990-01-01', 'male'),
       ('W2000AA', 'Batch', 'Two', '1991-01-01', 'male');

-- custody, its pathways and immediate-needs assessments in one statement:
-- one evaluation, so one history row (from nothing to the final level), not
-- one per table
WITH c AS (
	INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd, com_name)
	VALUES (9001, 'W1000AA', 'BXI', '2026-03-01', '2026-03-01', '2027-06-01', 'Cam Com')
	RETURNING id
), p AS (
	INSERT INTO resettle.pathway_status (custody_id, pathway, status)
	SELECT c.id, pw, 'in_progress' FROM c, unnest(enum_range(NULL::resettle.pathway)) AS pw
	RETURNING custody_id
)
INSERT INTO resettle.assessment (custody_id, pathway, assessment_type, status, completed_on)
SELECT c.id, pw, 'immediate_needs', 'submitted', '2026-03-02'
FROM c, unnest(enum_range(NULL::resettle.pathway)) AS pw;
SELECT from_level, to_level FROM resettle.readiness_history WHERE custody_id = 9001 ORDER BY id;
SELECT readiness = resettle.readiness(id, readiness_as_of) AS current FROM resettle.custody WHERE id = 9001;

-- the same rows statement by statement: one evaluation per statement
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd, com_name)
VALUES (9002, 'W2000AA', 'BXI', '2026-03-01', '2026-03-01', '2027-06-01', 'Cam Com');
INSERT INTO resettle.pathway_status (custody_id, pathway, status)
SELECT 9002, pw, 'in_progress' FROM unnest(enum_range(NULL::resettle.pathway)) AS pw;
INSERT INTO resettle.assessment (custody_id, pathway, assessment_type, status, completed_on)
SELECT 9002, pw, 'immediate_needs', 'submitted', '2026-03-02'
FROM unnest(enum_range(NULL::resettle.pathway)) AS pw;
SELECT from_level, to_level FROM resettle.readiness_history WHERE custody_id = 9002 ORDER BY id;
-- both end at the same level and gaps
SELECT count(DISTINCT (readiness, readiness_gaps)) AS one_result FROM resettle.custody WHERE id IN (9001, 9002);

-- a cascade: deleting an episode deletes its records (their triggers end
-- inside the delete's); nothing is left to recompute
DELETE FROM resettle.custody WHERE id = 9002;
SELECT count(*) AS records_left FROM resettle.assessment WHERE custody_id = 9002;

-- a subtransaction that fails takes its statements with it; the
-- transaction's later statements still recompute
BEGIN;
DO $$
BEGIN
	BEGIN
		-- both statements begin; the insert fails a check as it runs
		WITH d AS (DELETE FROM resettle.assessment WHERE custody_id = 9001 RETURNING custody_id)
		INSERT INTO resettle.support_need (custody_id, need, status)
		SELECT 9001, 'gp_registration', 'bogus' FROM d LIMIT 1;
	EXCEPTION WHEN check_violation THEN
		RAISE NOTICE 'caught: %', SQLERRM;
	END;
END $$;
SELECT count(*) AS assessments_kept FROM resettle.assessment WHERE custody_id = 9001;
DELETE FROM resettle.assessment WHERE custody_id = 9001;
SELECT readiness, readiness = resettle.readiness(id, readiness_as_of) AS current
FROM resettle.custody WHERE id = 9001;
COMMIT;

-- an after-statement trigger disabled on its own: the commit refuses to
-- leave the change unevaluated
BEGIN;
ALTER TABLE resettle.support_need DISABLE TRIGGER readiness_insert;
INSERT INTO resettle.support_need (custody_id, need, status) VALUES (9001, 'gp_registration', 'met');
\set VERBOSITY default
COMMIT;
\set VERBOSITY terse
SELECT count(*) AS needs FROM resettle.support_need WHERE custody_id = 9001;

-- a bulk load deferred to the end of the transaction: each statement adds
-- its cases, recompute_deferred() evaluates each once (one history row)
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('W3000AA', 'Batch', 'Three', '1992-01-01', 'male');
BEGIN;
SELECT resettle.defer_recompute();
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd, com_name)
VALUES (9003, 'W3000AA', 'BXI', '2026-03-01', '2026-03-01', '2027-06-01', 'Cam Com');
INSERT INTO resettle.pathway_status (custody_id, pathway, status)
SELECT 9003, pw, 'in_progress' FROM unnest(enum_range(NULL::resettle.pathway)) AS pw;
-- a second call changes nothing
SELECT resettle.defer_recompute();
INSERT INTO resettle.assessment (custody_id, pathway, assessment_type, status, completed_on)
SELECT 9003, pw, 'immediate_needs', 'submitted', '2026-03-02'
FROM unnest(enum_range(NULL::resettle.pathway)) AS pw;
-- not evaluated yet
SELECT readiness, readiness_as_of FROM resettle.custody WHERE id = 9003;
SELECT resettle.recompute_deferred() AS recomputed;
SELECT from_level, to_level FROM resettle.readiness_history WHERE custody_id = 9003 ORDER BY id;
SELECT readiness_gaps, readiness = resettle.readiness(id, readiness_as_of) AS current
FROM resettle.custody WHERE id = 9003;
-- the deferral has ended: the next statement recomputes at its end
DELETE FROM resettle.assessment WHERE custody_id = 9003 AND pathway = 'health';
SELECT readiness_gaps, readiness = resettle.readiness(id, readiness_as_of) AS current
FROM resettle.custody WHERE id = 9003;
SELECT resettle.recompute_deferred() AS nothing_pending;
COMMIT;

-- a deferral left pending: the commit fails and nothing is written
BEGIN;
SELECT resettle.defer_recompute();
DELETE FROM resettle.assessment WHERE custody_id = 9003;
\set VERBOSITY default
COMMIT;
\set VERBOSITY terse
SELECT count(*) AS assessments_kept FROM resettle.assessment WHERE custody_id = 9003;

-- a deferral with nothing changed commits
BEGIN;
SELECT resettle.defer_recompute();
COMMIT;

-- a deferral begun in a subtransaction that rolls back ends with it
BEGIN;
SAVEPOINT s;
SELECT resettle.defer_recompute();
DELETE FROM resettle.assessment WHERE custody_id = 9003 AND pathway = 'drugs_alcohol';
ROLLBACK TO SAVEPOINT s;
UPDATE resettle.pathway_status SET status = 'in_progress' WHERE custody_id = 9003 AND pathway = 'health';
SELECT readiness = resettle.readiness(id, readiness_as_of) AS current FROM resettle.custody WHERE id = 9003;
COMMIT;

-- a subtransaction rolled back inside a deferral keeps the cases already
-- pending
BEGIN;
SELECT resettle.defer_recompute();
DELETE FROM resettle.assessment WHERE custody_id = 9003 AND pathway = 'accommodation';
SAVEPOINT s;
DELETE FROM resettle.assessment WHERE custody_id = 9003 AND pathway = 'drugs_alcohol';
ROLLBACK TO SAVEPOINT s;
SELECT resettle.recompute_deferred() AS recomputed;
SELECT count(*) AS assessments, bool_and(c.readiness = resettle.readiness(c.id, c.readiness_as_of)) AS current
FROM resettle.assessment AS a JOIN resettle.custody AS c ON c.id = a.custody_id WHERE c.id = 9003;
COMMIT;

-- outside a transaction block the deferral ends with the statement
SELECT resettle.defer_recompute();

-- Up to 100 cases are evaluated first and only the stale ones written; more
-- are stored by one statement (extension/readiness.c).  Both store the same:
-- 150 new cases in one statement (one statement), 101 released in one
-- (one statement), then 49 (evaluate first); changes that leave every
-- readiness as it was write no custody row either way (150 + 50 updates)
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
SELECT 'W' || lpad(i::text, 4, '0') || 'BB', 'Many', 'Cases', '1990-01-01', 'male'
FROM generate_series(1, 150) AS i;
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, sentence_start, crd)
SELECT 9100 + i, 'W' || lpad(i::text, 4, '0') || 'BB', 'BXI', '2026-01-01', '2026-01-01', '2026-03-20'
FROM generate_series(1, 150) AS i;
SELECT count(*) AS cases, count(DISTINCT h.custody_id) AS with_history,
       bool_and(c.readiness = resettle.readiness(c.id, c.readiness_as_of)) AS current
FROM resettle.custody AS c LEFT JOIN resettle.readiness_history AS h ON h.custody_id = c.id
WHERE c.id BETWEEN 9101 AND 9250;
UPDATE resettle.custody SET released_on = '2026-03-08' WHERE id BETWEEN 9101 AND 9201;
UPDATE resettle.custody SET released_on = '2026-03-08' WHERE id BETWEEN 9202 AND 9250;
SELECT c.id > 9201 AS evaluated_first, count(*) AS released, count(o.custody_id) AS outcomes,
       count(DISTINCT o.gaps) AS distinct_gaps, min(o.gaps::text) AS gaps,
       bool_and(o.released_on = '2026-03-08' AND o.prison_code = 'BXI') AS outcome_as_released
FROM resettle.custody AS c LEFT JOIN resettle.release_outcome AS o ON o.custody_id = c.id
WHERE c.id BETWEEN 9101 AND 9250 AND c.readiness = 'released'
GROUP BY 1 ORDER BY 1;
-- (the backend's counts, which may include earlier transactions not yet reported)
BEGIN;
SELECT n_tup_upd AS updates_before FROM pg_stat_xact_user_tables
WHERE relid = 'resettle.custody'::regclass \gset
UPDATE resettle.custody SET pom_name = 'Pat Pom' WHERE id BETWEEN 9101 AND 9250;
UPDATE resettle.custody SET pom_name = 'Sam Pom' WHERE id BETWEEN 9101 AND 9150;
SELECT n_tup_upd - :updates_before AS custody_rows_updated FROM pg_stat_xact_user_tables
WHERE relid = 'resettle.custody'::regclass;
COMMIT;

DELETE FROM resettle.custody WHERE id = 9003;
DELETE FROM resettle.custody WHERE id = 9001;
DELETE FROM resettle.custody WHERE id BETWEEN 9101 AND 9250;
DELETE FROM resettle.person WHERE prison_number::text LIKE 'W%';
