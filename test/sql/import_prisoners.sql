--
-- The prison feed (sql/functions/import_prisoners.sql, docs/feeds.md):
-- Prisoner Search records mapped field by field; a day-over-day sequence
-- (reception, sentence calculation, transfer, release, recall, a new
-- booking) and the episodes, handovers, readiness and outcomes it leaves;
-- rejected records, never half-applied; idempotence and minimal writes;
-- who may import
--
SET datestyle = 'ISO, YMD';
SELECT count(*) FROM resettle.create_roles('import_test');
SET resettle.today = '2025-04-02';
CREATE TEMP TABLE fixture (name text PRIMARY KEY, record jsonb NOT NULL);
GRANT SELECT ON fixture TO PUBLIC;
-- import fixtures by name, in the order given
CREATE FUNCTION pg_temp.import(names text[], as_of date DEFAULT '2026-01-01')
RETURNS TABLE (line integer, record_key text, action text, reason text)
LANGUAGE sql AS $$
	SELECT * FROM resettle.import_prisoners(
		(SELECT jsonb_agg(f.record ORDER BY n.i)
		 FROM unnest(names) WITH ORDINALITY AS n(name, i) JOIN fixture AS f USING (name)), as_of)
$$;
-- a person's episodes, in order, and what the extension derived
CREATE TEMP VIEW episodes AS
SELECT c.prison_number, rank() OVER (PARTITION BY c.prison_number ORDER BY c.id) AS episode,
	c.booking_id, c.prison_code, c.reception_date, c.sentence_start, c.crd, c.recall,
	c.released_on, c.release_date, c.responsibility, c.handover_date, c.readiness
FROM resettle.custody AS c WHERE c.booking_id IS NOT NULL;

-- every field the mapping reads, in the exact public shape (feeds.md §1.3, §1.9)
INSERT INTO fixture VALUES ('full', $json$
{"prisonerNumber":"A9876ZZ","bookingId":"9000123","bookNumber":"77001A","pncNumber":"19/12345G","pncNumberCanonicalShort":"19/12345G","pncNumberCanonicalLong":"2019/12345G","croNumber":"54321/19T",
 "identifiers":[{"type":"PNC","value":"19/12345G","createdDateTime":"2025-03-03T09:00:00"},{"type":"NINO","value":"QQ123456A","createdDateTime":"2024-01-01T10:00:00"},{"type":"NINO","value":"AB123456C","issuedDate":"2020-01-01","createdDateTime":"2025-03-04T10:15:00"},{"type":"CRO","value":"54321/19T","createdDateTime":"2025-03-03T09:00:00"}],
 "firstName":"TESTY","middleNames":"MIDDLE","lastName":"EXAMPLEPERSON","dateOfBirth":"1990-01-15","gender":"Male","ethnicity":"White: Eng./Welsh/Scot./N.Irish/British","raceCode":"W1",
 "status":"ACTIVE IN","inOutStatus":"IN","prisonId":"BXI","lastPrisonId":"BXI","lastMovementTypeCode":"ADM","lastMovementReasonCode":"INT","lastMovementDate":"2025-04-02",
 "receptionDate":"2025-03-03","lastAdmissionDate":"2025-04-02","legalStatus":"SENTENCED","imprisonmentStatus":"ADIMP_ORA","imprisonmentStatusDescription":"ORA Sentenced to Imprisonment","convictedStatus":"Convicted",
 "recall":false,"indeterminateSentence":false,"sentenceStartDate":"2025-03-10","releaseDate":"2026-09-14","confirmedReleaseDate":"2026-09-14","conditionalReleaseDate":"2026-09-14","automaticReleaseDate":"2026-09-15",
 "postRecallReleaseDate":"2027-01-01","nonParoleDate":"2026-09-16","nonDtoReleaseDate":"2026-09-14","nonDtoReleaseDateType":"CRD","paroleEligibilityDate":"2026-05-02","homeDetentionCurfewEligibilityDate":"2026-05-01",
 "homeDetentionCurfewActualDate":"2026-05-04","actualParoleDate":"2026-06-01","tariffDate":"2026-04-01","sentenceExpiryDate":"2028-03-09","licenceExpiryDate":"2028-03-08","topupSupervisionExpiryDate":"2029-03-08",
 "topupSupervisionStartDate":"2028-03-09","homeDetentionCurfewEndDate":"2026-09-13","releaseOnTemporaryLicenceDate":"2026-08-01","restrictedPatient":false,"supportingPrisonId":"LEI","mostSeriousOffence":"Theft from a shop"}
$json$);

-- the mapping: every field, and what is kept raw
SELECT jsonb_pretty(resettle.map_prisoner(record, '2026-01-01')) FROM fixture WHERE name = 'full';
SELECT * FROM pg_temp.import('{full}');
SELECT prison_number, pnc_id, cro_number, nhs_number, nino, given_name, family_name, name,
	date_of_birth, sex, ethnicity, crn
FROM resettle.person WHERE prison_number = 'A9876ZZ';
SELECT prison_number, booking_id, prison_code, reception_date, sentence_start, sentence_type,
	indeterminate, recall, immigration, remand, civil, crd, ard, ped, hdced, hdcad, apd, ted, thd,
	sed, led, confirmed_release_date, released_on, release_date, person_name
FROM resettle.custody WHERE prison_number = 'A9876ZZ';
-- the same records again: nothing changes
SELECT * FROM pg_temp.import('{full}');

-- flags from legal status and imprisonment status (feeds.md §1.4, §1.8)
SELECT s.legal, s.imprisonment,
	m -> 'custody' -> 'immigration' AS immigration, m -> 'custody' -> 'remand' AS remand,
	m -> 'custody' -> 'civil' AS civil
FROM (VALUES ('IMMIGRATION_DETAINEE', NULL), (NULL, 'DET'), ('REMAND', NULL),
             ('CIVIL_PRISONER', NULL), ('SENTENCED', 'A/FINE'), ('SENTENCED', 'CIV_RMD'),
             ('CONVICTED_UNSENTENCED', NULL)) AS s(legal, imprisonment),
	fixture AS f,
	LATERAL resettle.map_prisoner(f.record - 'recall'
		|| jsonb_strip_nulls(jsonb_build_object('legalStatus', s.legal, 'imprisonmentStatus', s.imprisonment))
		- CASE WHEN s.imprisonment IS NULL THEN 'imprisonmentStatus' ELSE '' END,
		'2026-01-01') AS m
WHERE f.name = 'full';
-- where the person is: in transit, out, a restricted patient; a two-digit PNC year
SELECT s.patch, m -> 'custody' ->> 'prison_code' AS prison_code, m ->> 'released' AS released,
	m -> 'person' ->> 'pnc_id' AS pnc_id, m -> 'person' ->> 'sex' AS sex
FROM (VALUES ('{"prisonId":"TRN","lastPrisonId":"WWI","status":"INACTIVE TRN","inOutStatus":"TRN"}'),
             ('{"prisonId":"OUT","lastPrisonId":"WWI","status":"INACTIVE OUT","lastMovementTypeCode":"REL","lastMovementReasonCode":"CR"}'),
             ('{"prisonId":"OUT","lastPrisonId":"WWI","status":"INACTIVE OUT","lastMovementTypeCode":"REL","lastMovementReasonCode":"HP"}'),
             ('{"prisonId":"OUT","lastPrisonId":"WWI","status":"INACTIVE OUT","lastMovementTypeCode":"REL","restrictedPatient":true,"supportingPrisonId":"LEI"}'),
             ('{"prisonId":"BXI","status":"ACTIVE OUT","inOutStatus":"OUT","lastMovementTypeCode":"CRT"}'),
             ('{"pncNumberCanonicalLong":null,"pncNumber":"99/12345Z"}'),
             ('{"gender":"Not Known / Not Recorded"}')) AS s(patch),
	fixture AS f,
	LATERAL resettle.map_prisoner(f.record || s.patch::jsonb, '2026-01-01') AS m
WHERE f.name = 'full';

-- day over day: one person through reception, sentence calculation,
-- transfer, release and recall on one booking (feeds.md §1.5)
INSERT INTO fixture VALUES ('reception', '{"prisonerNumber":"G4567HJ","bookingId":"1203208","bookNumber":"38412A",
	"firstName":"SAM","lastName":"SEQUENCE","dateOfBirth":"1988-06-30","gender":"Male","raceCode":"A1",
	"status":"ACTIVE IN","inOutStatus":"IN","prisonId":"BXI","lastPrisonId":"BXI",
	"lastMovementTypeCode":"ADM","lastMovementReasonCode":"N","lastMovementDate":"2026-01-05",
	"receptionDate":"2026-01-05","lastAdmissionDate":"2026-01-05","legalStatus":"CONVICTED_UNSENTENCED",
	"convictedStatus":"Convicted","recall":false,"indeterminateSentence":false}');
INSERT INTO fixture SELECT 'sentenced', record || '{"legalStatus":"SENTENCED","imprisonmentStatus":"ADIMP_ORA",
	"sentenceStartDate":"2026-01-19","conditionalReleaseDate":"2027-07-19","releaseDate":"2027-07-19",
	"homeDetentionCurfewEligibilityDate":"2027-03-05","sentenceExpiryDate":"2028-07-18",
	"licenceExpiryDate":"2028-07-18","nonDtoReleaseDate":"2027-07-19","nonDtoReleaseDateType":"CRD"}'
FROM fixture WHERE name = 'reception';
INSERT INTO fixture SELECT 'transfer out', record || '{"status":"INACTIVE TRN","inOutStatus":"TRN",
	"prisonId":"TRN","lastMovementTypeCode":"TRN","lastMovementReasonCode":"PROG","lastMovementDate":"2026-02-10"}'
FROM fixture WHERE name = 'sentenced';
INSERT INTO fixture SELECT 'transfer in', record || '{"status":"ACTIVE IN","inOutStatus":"IN",
	"prisonId":"LEI","lastPrisonId":"LEI","lastMovementTypeCode":"ADM","lastMovementReasonCode":"INT",
	"lastMovementDate":"2026-02-11","lastAdmissionDate":"2026-02-11"}'
FROM fixture WHERE name = 'sentenced';
INSERT INTO fixture SELECT 'released', record || '{"status":"INACTIVE OUT","inOutStatus":"OUT",
	"prisonId":"OUT","lastMovementTypeCode":"REL","lastMovementReasonCode":"CR","lastMovementDate":"2027-07-19"}'
FROM fixture WHERE name = 'transfer in';
INSERT INTO fixture SELECT 'recalled', record || '{"status":"ACTIVE IN","inOutStatus":"IN","prisonId":"LEI",
	"lastMovementTypeCode":"ADM","lastMovementReasonCode":"L","lastMovementDate":"2027-09-06",
	"lastAdmissionDate":"2027-09-06","legalStatus":"RECALL","imprisonmentStatus":"LR","recall":true,
	"postRecallReleaseDate":"2028-01-18"}'
FROM fixture WHERE name = 'released';

SET resettle.today = '2026-01-05';
SELECT * FROM pg_temp.import('{reception}', '2026-01-05');
SELECT * FROM episodes WHERE prison_number = 'G4567HJ';
SET resettle.today = '2026-01-20';
SELECT * FROM pg_temp.import('{sentenced}', '2026-01-20');
SELECT * FROM episodes WHERE prison_number = 'G4567HJ';
SET resettle.today = '2026-02-10';
SELECT * FROM pg_temp.import('{transfer out}', '2026-02-10');
SELECT * FROM episodes WHERE prison_number = 'G4567HJ';
SET resettle.today = '2026-02-11';
SELECT * FROM pg_temp.import('{transfer in}', '2026-02-11');
SELECT * FROM episodes WHERE prison_number = 'G4567HJ';
-- the transfer is audited as resettle.transfer() is: one custody update
-- naming prison_code
SELECT operation, changed_by, old_values -> 'prison_code' AS old, new_values -> 'prison_code' AS new
FROM resettle.case_audit
WHERE prison_number = 'G4567HJ' AND table_name = 'custody' AND 'prison_code' = ANY (changed_columns);

-- idempotent: the same record again writes nothing, no audit, no history,
-- no notification (a LISTEN would print one)
CREATE TEMP TABLE counts AS
SELECT (SELECT count(*) FROM resettle.case_audit) AS audit,
	(SELECT count(*) FROM resettle.readiness_history) AS history,
	(SELECT max(xmin::text::bigint) FROM resettle.custody WHERE prison_number = 'G4567HJ') AS custody_xmin,
	(SELECT xmin::text::bigint FROM resettle.person WHERE prison_number = 'G4567HJ') AS person_xmin;
LISTEN resettle_readiness;
SELECT * FROM pg_temp.import('{transfer in, transfer in}', '2026-02-11');
UNLISTEN resettle_readiness;
SELECT (SELECT count(*) FROM resettle.case_audit) - audit AS new_audit,
	(SELECT count(*) FROM resettle.readiness_history) - history AS new_history,
	(SELECT max(xmin::text::bigint) FROM resettle.custody WHERE prison_number = 'G4567HJ') = custody_xmin AS custody_untouched,
	(SELECT xmin::text::bigint FROM resettle.person WHERE prison_number = 'G4567HJ') = person_xmin AS person_untouched
FROM counts;
-- minimal: a changed field writes that field only (and what the extension
-- derives from it)
SELECT * FROM resettle.import_prisoners(jsonb_build_array(
	(SELECT record || '{"confirmedReleaseDate":"2026-07-13","lastName":"SEQUENCE-JONES"}' FROM fixture WHERE name = 'transfer in')),
	'2026-02-11');
SELECT table_name, changed_columns, old_values, new_values FROM resettle.case_audit
WHERE prison_number = 'G4567HJ' ORDER BY id DESC LIMIT 2;
SELECT * FROM resettle.import_prisoners(jsonb_build_array((SELECT record FROM fixture WHERE name = 'transfer in')), '2026-02-11');

SET resettle.today = '2027-07-19';
SELECT * FROM pg_temp.import('{released}', '2027-07-19');
SELECT * FROM episodes WHERE prison_number = 'G4567HJ';
SELECT o.released_on, o.prison_code FROM resettle.release_outcome AS o
JOIN resettle.custody AS c ON c.id = o.custody_id WHERE c.prison_number = 'G4567HJ';
-- released again: nothing changes
SELECT * FROM pg_temp.import('{released}', '2027-07-20');
SET resettle.today = '2027-09-06';
SELECT * FROM pg_temp.import('{recalled}', '2027-09-06');
SELECT * FROM episodes WHERE prison_number = 'G4567HJ';
-- the next day's export: the recall's episode keeps its day of re-admission
SET resettle.today = '2027-09-07';
SELECT * FROM pg_temp.import('{recalled}', '2027-09-07');
SELECT count(*) AS outcomes FROM resettle.release_outcome AS o
JOIN resettle.custody AS c ON c.id = o.custody_id WHERE c.prison_number = 'G4567HJ';

-- a new booking: the open episode of the old one ends (its release was
-- not seen), a new one opens
INSERT INTO fixture SELECT 'old booking', record || '{"prisonerNumber":"K1111KK","bookingId":"100",
	"prisonId":"WWI","lastPrisonId":"WWI","receptionDate":"2025-11-01","lastAdmissionDate":"2025-11-01",
	"lastMovementDate":"2025-11-01","firstName":"NEW","lastName":"BOOKING",
	"sentenceStartDate":"2025-11-01","conditionalReleaseDate":"2026-11-16","releaseDate":"2026-11-16"}'
FROM fixture WHERE name = 'sentenced';
INSERT INTO fixture SELECT 'new booking', record || '{"bookingId":"200",
	"lastAdmissionDate":"2027-09-01","lastMovementDate":"2027-09-01","sentenceStartDate":"2027-09-01",
	"receptionDate":"2027-09-01","conditionalReleaseDate":"2029-03-01","releaseDate":"2029-03-01",
	"sentenceExpiryDate":"2030-09-01","licenceExpiryDate":"2030-09-01","homeDetentionCurfewEligibilityDate":null}'
FROM fixture WHERE name = 'old booking';
SELECT * FROM pg_temp.import('{old booking, new booking}', '2026-09-02');
SELECT * FROM episodes WHERE prison_number = 'K1111KK';

-- rejected records: each names its field and why; the others are applied,
-- and a rejected record leaves nothing behind (R1000AA's person would be
-- created before its unknown prison is found)
INSERT INTO fixture SELECT 'good', record || '{"prisonerNumber":"R2000BB","bookingId":"300"}'
FROM fixture WHERE name = 'reception';
SELECT r.* FROM fixture AS f, LATERAL resettle.import_prisoners(jsonb_build_array(
	f.record || '{"prisonerNumber":"R1000AA","prisonId":"ZZZ","lastPrisonId":"ZZZ"}',
	f.record || '{"prisonerNumber":"R1001AA","status":"ACTIVE SOMEWHERE"}',
	f.record || '{"prisonerNumber":"R1002AA","dateOfBirth":"30/06/1988"}',
	f.record || '{"prisonerNumber":"R1003AA","receptionDate":"2026-02-30"}',
	f.record || '{"prisonerNumber":"R1004A"}',
	f.record || '{"prisonerNumber":"R1005AA","pncNumberCanonicalLong":"2019/12345A"}',
	f.record || '{"prisonerNumber":"R1006AA","croNumber":"54321/19A"}',
	f.record || '{"prisonerNumber":"R1007AA","identifiers":[{"type":"NINO","value":"QQ12345"}]}',
	f.record - 'bookingId' || '{"prisonerNumber":"R1008AA"}',
	f.record || '{"prisonerNumber":"R1009AA","bookingId":1203208}',
	f.record || '{"prisonerNumber":"R1010AA","recall":"yes"}',
	f.record || '{"prisonerNumber":"R1011AA","gender":"Not Known / Not Recorded"}',
	f.record || '{"prisonerNumber":"R1012AA","gender":"M"}',
	f.record || '{"prisonerNumber":"R1013AA","legalStatus":"REMAND","recall":true}',
	f.record || '{"prisonerNumber":"R1014AA","status":"INACTIVE OUT","lastMovementTypeCode":"REL","lastMovementDate":null}',
	f.record - 'firstName' || '{"prisonerNumber":"R1015AA"}',
	f.record - 'receptionDate' || '{"prisonerNumber":"R1016AA"}',
	f.record || '{"prisonerNumber":"R1017AA","lastMovementTypeCode":"XYZ"}',
	f.record || '{"prisonerNumber":"R1018AA","bookingId":"0"}',
	'"not an object"'::jsonb,
	(SELECT record FROM fixture WHERE name = 'good')), '2026-09-02') AS r
WHERE f.name = 'reception';
SELECT prison_number FROM resettle.person WHERE prison_number::text LIKE 'R%' ORDER BY 1;
SELECT * FROM resettle.import_prisoners('{"not": "an array"}', '2026-09-02');
SELECT * FROM resettle.import_prisoners('[]', '2026-09-02');
SELECT * FROM resettle.import_prisoners('[]', 'infinity');

-- who may import: the importer and admin; not staff or analysts, and the
-- importer writes people and episodes only
SET ROLE import_test_staff;
SELECT * FROM pg_temp.import('{good}', '2026-09-02');
SELECT * FROM resettle.import_prisoners('[]', '2026-09-02');
RESET ROLE;
SET ROLE import_test_analyst;
SELECT * FROM resettle.import_prisoners('[]', '2026-09-02');
RESET ROLE;
SET ROLE import_test_importer;
SELECT * FROM resettle.import_prisoners(jsonb_build_array((SELECT record FROM fixture WHERE name = 'good')
	|| '{"prisonerNumber":"R3000CC","bookingId":"301"}'), '2026-09-02');
SELECT prison_number, booking_id, prison_code FROM resettle.custody WHERE prison_number = 'R3000CC';
SELECT count(*) FROM resettle.pathway_status;
DELETE FROM resettle.custody WHERE prison_number = 'R3000CC';
SELECT count(*) FROM resettle.case_audit;
RESET ROLE;
SELECT kind, role FROM resettle.access_role ORDER BY kind;
DROP OWNED BY import_test_admin, import_test_staff, import_test_analyst, import_test_importer;
DROP ROLE import_test_admin, import_test_staff, import_test_analyst, import_test_importer;
SELECT resettle.forget_dropped_roles();
SELECT count(*) FROM resettle.access_role;
SELECT resettle.grant_importer_role('no_such_role');
