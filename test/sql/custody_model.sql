--
-- The case model: reference data, constraints, and the derived custody
-- columns kept by the BEFORE trigger.
--
\set VERBOSITY default
SET datestyle = 'ISO, YMD';
SET resettle.today = '2026-01-01';

-- Reference data
SELECT count(*) > 100 AS many_prisons, count(*) FILTER (WHERE country = 'wales') AS welsh,
       count(*) FILTER (WHERE estate = 'female' AND active) AS womens,
       count(*) FILTER (WHERE open_conditions) AS open
FROM resettle.prison;
SELECT code, name, country, estate, open_conditions
FROM resettle.prison WHERE code IN ('BXI', 'ISI', 'UPI', 'AGI', 'LEI') ORDER BY code;

INSERT INTO resettle.person (prison_number, crn, nhs_number, nino, given_name, family_name, date_of_birth, sex)
VALUES ('A1234BC', 'X320741', '9434765919', 'AB123456C', 'Test', 'Person-One', '1990-05-01', 'male'),
       ('B2345CD', NULL, NULL, NULL, 'Test', 'Person-Two', '2008-06-01', 'male'),
       ('C3456DE', 'Y123456', NULL, NULL, 'Test', 'Person-Three', '1985-01-01', 'female');
SELECT prison_number, name FROM resettle.person ORDER BY prison_number;

-- A determinate case: release date and handover derived on INSERT
INSERT INTO resettle.custody (prison_number, prison_code, reception_date, sentence_start, crd, hdced)
VALUES ('a1234bc', 'BXI', '2025-01-01', '2025-01-01', '2026-09-01', '2026-05-01');
SELECT prison_number, release_date, responsibility, handover_start_date, handover_date, handover_reason
FROM resettle.custody;

-- HDCAD set: the release date moves; derived columns follow every UPDATE
UPDATE resettle.custody SET hdcad = '2026-06-15' WHERE prison_number = 'A1234BC';
SELECT release_date, handover_date FROM resettle.custody WHERE prison_number = 'A1234BC';
UPDATE resettle.custody SET confirmed_release_date = '2026-06-12' WHERE prison_number = 'A1234BC';
SELECT release_date, handover_date, handover_reason FROM resettle.custody WHERE prison_number = 'A1234BC';
UPDATE resettle.custody SET recall = true WHERE prison_number = 'A1234BC';
SELECT responsibility, handover_date, handover_reason FROM resettle.custody WHERE prison_number = 'A1234BC';
UPDATE resettle.custody SET recall = false WHERE prison_number = 'A1234BC';

-- Under 18 on resettle.today: out of scope
INSERT INTO resettle.custody (prison_number, prison_code, reception_date, sentence_start, crd)
VALUES ('B2345CD', 'FYI', '2025-06-01', '2025-06-01', '2027-01-01');
SELECT prison_number, responsibility, handover_reason FROM resettle.custody WHERE prison_number = 'B2345CD';

-- Hand-written derived values are replaced on INSERT ...
INSERT INTO resettle.custody (prison_number, prison_code, reception_date, remand,
                              release_date, responsibility, handover_date, handover_reason)
VALUES ('C3456DE', 'BZI', '2025-11-01', true, '2026-01-01', 'community', '2020-01-01', 'made up');
SELECT release_date, responsibility, handover_date, handover_reason
FROM resettle.custody WHERE prison_number = 'C3456DE';
-- ... and refused on UPDATE
UPDATE resettle.custody SET handover_date = '2020-01-01' WHERE prison_number = 'A1234BC';
UPDATE resettle.custody SET responsibility = 'custody_only' WHERE prison_number = 'A1234BC';
UPDATE resettle.custody SET readiness = 'ready' WHERE prison_number = 'A1234BC';
-- setting a derived column to its current value is not a write
UPDATE resettle.custody SET handover_reason = handover_reason WHERE prison_number = 'A1234BC';

-- Impossible data is rejected
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('F0001AA', 'Test', 'Person-Four', '1980-01-01', 'male');
INSERT INTO resettle.custody (prison_number, prison_code, reception_date, sentence_start, crd)
VALUES ('F0001AA', 'BZI', '2025-01-01', '2025-01-01', '2024-12-31');
INSERT INTO resettle.custody (prison_number, prison_code, reception_date, sentence_start, crd, mappa_level)
VALUES ('F0001AA', 'BZI', '2025-01-01', '2025-01-01', '2026-01-01', 4);
INSERT INTO resettle.custody (prison_number, prison_code, reception_date)
VALUES ('F0001AA', 'XXX', '2025-01-01');
INSERT INTO resettle.custody (prison_number, prison_code, reception_date)
VALUES ('Z9999ZZ', 'BXI', '2025-01-01');
INSERT INTO resettle.custody (prison_number, prison_code, reception_date, crd)
VALUES ('F0001AA', 'BZI', '2025-01-01', '2026-01-01');
INSERT INTO resettle.custody (prison_number, prison_code, reception_date, released_on)
VALUES ('F0001AA', 'BZI', '2025-01-01', '2024-01-01');
INSERT INTO resettle.custody (prison_number, prison_code, reception_date)
VALUES ('A1234BC', 'BXI', '2025-01-01');
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('D4567EF', 'Test', 'Person', '1990-01-01', 'unknown');
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('D4567EF', 'Test', 'Person', '1990-01-01', 'male'), ('D4567EF', 'Test', 'Again', '1990-01-01', 'male');
SELECT count(*) AS nothing_half_written FROM resettle.person WHERE prison_number = 'D4567EF';
INSERT INTO resettle.assessment (custody_id, pathway, assessment_type, status)
SELECT id, 'health', 'pre_release', 'complete' FROM resettle.custody WHERE prison_number = 'A1234BC';
INSERT INTO resettle.pathway_status (custody_id, pathway, status)
SELECT id, 'housing', 'done' FROM resettle.custody WHERE prison_number = 'A1234BC';

-- COPY derives the same values as INSERT
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
SELECT 'E' || lpad(i::text, 4, '0') || 'AA', 'Copy', 'Person ' || i, '1980-01-01', 'male'
FROM generate_series(1, 50) AS i;
COPY resettle.custody (prison_number, prison_code, reception_date, sentence_start, crd, ped, indeterminate, ted) FROM stdin;
E0001AA	LEI	2024-01-01	2024-01-01	2024-11-01	\N	f	\N
E0002AA	LEI	2024-01-01	2024-01-01	2024-11-02	\N	f	\N
E0003AA	LEI	2024-01-01	2024-01-01	2027-01-01	2026-01-01	f	\N
E0004AA	LEI	2024-01-01	2024-01-01	\N	\N	t	2026-01-01
\.
SELECT c.prison_number, c.handover_date, c.handover_reason,
       (h).handover_date AS function_date, (h).reason AS function_reason
FROM resettle.custody AS c, LATERAL (SELECT resettle.handover(c, '2026-01-01') AS h) AS x
WHERE c.prison_number::text LIKE 'E%'
ORDER BY c.prison_number;

-- every stored row agrees with the function as of resettle.today
SELECT count(*) AS disagreements
FROM resettle.custody AS c, LATERAL resettle.handover(c, '2026-01-01') AS h
WHERE (c.responsibility, c.handover_start_date, c.handover_date, c.handover_reason)
      IS DISTINCT FROM (h.responsibility, h.start_date, h.handover_date, h.reason);

-- the trigger function refuses to be misused
SELECT resettle.custody_derive();
CREATE TABLE not_custody (id int);
CREATE TRIGGER wrong BEFORE INSERT ON not_custody FOR EACH ROW EXECUTE FUNCTION resettle.custody_derive();
INSERT INTO not_custody VALUES (1);
DROP TABLE not_custody;

-- indexes for the client's and views' look-ups
SELECT indexrelid::regclass FROM pg_index WHERE indrelid = 'resettle.custody'::regclass ORDER BY indexrelid::regclass::text;

-- the layout a DBA keeps with CLUSTER (docs/operations.md): half of each
-- page free for the daily rewrites, clustered by prison and release date
SELECT c.reloptions, i.indexrelid::regclass AS clustered_on
FROM pg_class AS c JOIN pg_index AS i ON i.indrelid = c.oid AND i.indisclustered
WHERE c.oid = 'resettle.custody'::regclass;

-- free text is bounded and holds no control character (notes may hold
-- tab and newline): each limit at its boundary
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('T0001TT', repeat('a', 100), repeat('b', 100), '1990-01-01', 'male');
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('T0002TT', repeat('a', 101), 'B', '1990-01-01', 'male');
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('T0002TT', 'A', E'Line\nTwo', '1990-01-01', 'male');
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex)
VALUES ('T0002TT', E'\u009b31m', 'B', '1990-01-01', 'male');
INSERT INTO resettle.person (prison_number, given_name, family_name, date_of_birth, sex, ethnicity)
VALUES ('T0002TT', 'A', 'B', '1990-01-01', 'male', E'x\x1b]0;title\x07');
INSERT INTO resettle.custody (id, prison_number, prison_code, reception_date, pom_name, com_name, com_email)
VALUES (8901, 'T0001TT', 'BXI', '2026-01-01', repeat('p', 100), repeat('c', 100),
        repeat('e', 248) || '@x.org');
UPDATE resettle.custody SET pom_name = repeat('p', 101) WHERE id = 8901;
UPDATE resettle.custody SET com_name = E'Sam\tOfficer' WHERE id = 8901;
UPDATE resettle.custody SET com_email = repeat('e', 249) || '@x.org' WHERE id = 8901;
UPDATE resettle.custody SET sentence_type = repeat('s', 41) WHERE id = 8901;
INSERT INTO resettle.pathway_status (custody_id, pathway, note)
VALUES (8901, 'health', E'line one\nline two\tindented' || repeat('x', 1970));
SELECT char_length(note) FROM resettle.pathway_status WHERE custody_id = 8901;
UPDATE resettle.pathway_status SET note = repeat('x', 2001) WHERE custody_id = 8901;
UPDATE resettle.pathway_status SET note = E'carriage\rreturn' WHERE custody_id = 8901;
INSERT INTO resettle.support_need (custody_id, need, note) VALUES (8901, 'other', repeat('n', 2001));
INSERT INTO resettle.bank_account (custody_id, bank_name, status) VALUES (8901, repeat('b', 101), 'held');

DELETE FROM resettle.custody;
DELETE FROM resettle.person;
RESET resettle.today;
