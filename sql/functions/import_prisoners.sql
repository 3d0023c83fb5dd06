
/*
 * The prison feed (docs/feeds.md, DESIGN.md "Feeds"): Prisoner Search
 * Prisoner records into person and custody.
 *
 * resettle.map_prisoner() checks one record and maps it to the columns of
 * person and custody; resettle.apply_prisoner() writes the mapped record,
 * only the columns whose values differ; resettle.import_prisoners() runs
 * the two for each record of an array, each record in a subtransaction of
 * its own, and says what happened to each.  The client
 * (`resettle import prisoners`) streams a file into it in batches.
 */

/*
 * A record's key in the results: prisonerNumber/bookingId, as given (the
 * record may be rejected because one of them is bad).
 */
CREATE FUNCTION resettle.prisoner_record_key(rec jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT CASE WHEN pg_catalog.jsonb_typeof(rec) OPERATOR(pg_catalog.=) 'object' THEN
		pg_catalog.concat_ws('/',
			pg_catalog.left(rec OPERATOR(pg_catalog.->>) 'prisonerNumber', 40),
			pg_catalog.left(rec OPERATOR(pg_catalog.->>) 'bookingId', 40))
	END;
END;
COMMENT ON FUNCTION resettle.prisoner_record_key(jsonb) IS
	'Key of a Prisoner Search record in import results: prisonerNumber/bookingId as given';

/*
 * Check a Prisoner record and map it (docs/feeds.md has the mapping and
 * its sources).  Returns
 *   {"person": {column: value}, "custody": {column: value},
 *    "released": bool, "sex_recorded": bool}
 * with every column the feed sets (JSON null for an absent field), ready
 * for jsonb_populate_record().  A bad field raises an error whose column
 * (the error's COLUMN_NAME) is the field's JSON name: 22P02 with the
 * type's own message for an identifier, 22007 for a date, 22023 for any
 * other value, naming the valid ones.
 */
CREATE FUNCTION resettle.map_prisoner(rec jsonb, as_of date)
RETURNS jsonb
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	date_fields CONSTANT text[] := ARRAY['dateOfBirth', 'receptionDate', 'lastAdmissionDate',
		'sentenceStartDate', 'conditionalReleaseDate', 'automaticReleaseDate',
		'paroleEligibilityDate', 'homeDetentionCurfewEligibilityDate',
		'homeDetentionCurfewActualDate', 'actualParoleDate', 'tariffDate',
		'sentenceExpiryDate', 'licenceExpiryDate', 'confirmedReleaseDate',
		'lastMovementDate', 'postRecallReleaseDate', 'releaseDate', 'nonDtoReleaseDate',
		'nonParoleDate', 'topupSupervisionExpiryDate', 'topupSupervisionStartDate',
		'homeDetentionCurfewEndDate', 'releaseOnTemporaryLicenceDate', 'dischargeDate'];
	-- (field, valid values): upper-case enumerations, and gender's descriptions
	enum_fields CONSTANT text[] := ARRAY['status', 'inOutStatus', 'legalStatus',
		'convictedStatus', 'gender', 'lastMovementTypeCode', 'nonDtoReleaseDateType'];
	enum_values CONSTANT text[][] := ARRAY[
		ARRAY['ACTIVE IN', 'ACTIVE OUT', 'ACTIVE TRN', 'INACTIVE OUT', 'INACTIVE TRN', NULL, NULL, NULL, NULL, NULL],
		ARRAY['IN', 'OUT', 'TRN', NULL, NULL, NULL, NULL, NULL, NULL, NULL],
		ARRAY['RECALL', 'DEAD', 'INDETERMINATE_SENTENCE', 'SENTENCED', 'CONVICTED_UNSENTENCED',
		      'CIVIL_PRISONER', 'IMMIGRATION_DETAINEE', 'REMAND', 'UNKNOWN', 'OTHER'],
		ARRAY['Convicted', 'Remand', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL],
		ARRAY['Male', 'Female', 'Not Known / Not Recorded', 'Not Specified (Indeterminate)',
		      NULL, NULL, NULL, NULL, NULL, NULL],
		ARRAY['ADM', 'REL', 'TRN', 'CRT', 'TAP', NULL, NULL, NULL, NULL, NULL],
		ARRAY['ARD', 'CRD', 'NPD', 'PRRD', NULL, NULL, NULL, NULL, NULL, NULL]];
	bool_fields CONSTANT text[] := ARRAY['recall', 'indeterminateSentence', 'restrictedPatient'];
	text_fields CONSTANT text[] := ARRAY['prisonerNumber', 'bookNumber', 'pncNumber',
		'pncNumberCanonicalShort', 'pncNumberCanonicalLong', 'croNumber', 'firstName',
		'middleNames', 'lastName', 'ethnicity', 'raceCode', 'prisonId', 'lastPrisonId',
		'lastMovementReasonCode', 'imprisonmentStatus', 'imprisonmentStatusDescription',
		'supportingPrisonId', 'dischargedHospitalId', 'mostSeriousOffence'];
	-- kept raw in custody.prison_feed
	raw_fields CONSTANT text[] := ARRAY['bookNumber', 'pncNumber', 'pncNumberCanonicalShort',
		'pncNumberCanonicalLong', 'croNumber', 'middleNames', 'gender', 'ethnicity',
		'status', 'inOutStatus', 'prisonId', 'lastPrisonId', 'lastMovementTypeCode',
		'lastMovementReasonCode', 'lastMovementDate', 'lastAdmissionDate', 'legalStatus',
		'imprisonmentStatusDescription', 'convictedStatus', 'postRecallReleaseDate',
		'releaseDate', 'nonDtoReleaseDate', 'nonDtoReleaseDateType', 'nonParoleDate',
		'topupSupervisionExpiryDate', 'topupSupervisionStartDate', 'homeDetentionCurfewEndDate',
		'releaseOnTemporaryLicenceDate', 'restrictedPatient', 'supportingPrisonId',
		'dischargedHospitalId', 'dischargeDate', 'mostSeriousOffence'];
	civil_codes CONSTANT text[] := ARRAY['A/FINE', 'A_FINE', 'A_CFINE', 'CIVIL', 'CIVIL_CON',
		'CIVIL_DT', 'CIV_RMD', 'YOC_CONT', 'YO_CFINE'];
	r jsonb := rec;
	k text;
	v text;
	i integer;
	d jsonb := '{}';			-- the checked dates, by field
	y integer;
	m integer;
	dd integer;
	day date;
	msg text;
	det text;
	pnc text;
	nino text;
	booking text;
	prison text;
	legal text;
	status text;
	sex text;
	released boolean;
	person jsonb;
	custody jsonb;
	raw jsonb;
BEGIN
	IF r IS NULL OR jsonb_typeof(r) <> 'object' THEN
		RAISE EXCEPTION 'a record must be a JSON object, not %', coalesce(jsonb_typeof(r), 'nothing')
			USING ERRCODE = 'invalid_parameter_value', COLUMN = 'record';
	END IF;

	-- types: strings, booleans; then dates and enumerations
	FOREACH k IN ARRAY text_fields || date_fields || enum_fields || ARRAY['bookingId'] LOOP
		IF jsonb_typeof(r -> k) NOT IN ('string', 'null') THEN
			RAISE EXCEPTION 'invalid value % for %: expected a string', left((r -> k)::text, 60), k
				USING ERRCODE = 'invalid_parameter_value', COLUMN = k;
		END IF;
	END LOOP;
	FOREACH k IN ARRAY bool_fields LOOP
		IF jsonb_typeof(r -> k) NOT IN ('boolean', 'null') THEN
			RAISE EXCEPTION 'invalid value % for %: expected true or false', left((r -> k)::text, 60), k
				USING ERRCODE = 'invalid_parameter_value', COLUMN = k;
		END IF;
	END LOOP;
	FOREACH k IN ARRAY date_fields LOOP
		v := r ->> k;
		CONTINUE WHEN v IS NULL;
		-- yyyy-MM-dd and a day of the calendar; checked without an exception
		-- (a subtransaction per date) by building the day from its parts
		IF v ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
			y := substr(v, 1, 4)::integer;
			m := substr(v, 6, 2)::integer;
			dd := substr(v, 9, 2)::integer;
			IF y >= 1 AND m BETWEEN 1 AND 12 AND dd BETWEEN 1 AND 31 THEN
				day := make_date(y, m, 1) + (dd - 1);
				IF extract(month FROM day) = m THEN
					d := d || jsonb_build_object(k, day);
					CONTINUE;
				END IF;
			END IF;
		END IF;
		RAISE EXCEPTION 'invalid date "%" for %', left(v, 60), k
			USING ERRCODE = 'invalid_datetime_format', COLUMN = k,
			      HINT = 'Dates are yyyy-MM-dd (e.g. 2026-09-14).';
	END LOOP;
	FOR i IN 1 .. cardinality(enum_fields) LOOP
		k := enum_fields[i];
		v := r ->> k;
		IF v IS NOT NULL AND NOT coalesce(v = ANY (enum_values[i:i][:]), false) THEN
			RAISE EXCEPTION 'invalid value "%" for %', left(v, 60), k
				USING ERRCODE = 'invalid_parameter_value', COLUMN = k,
				      DETAIL = 'Valid values: ' || (SELECT string_agg(e, ', ')
					FROM unnest(enum_values[i:i][:]) AS e WHERE e IS NOT NULL) || '.';
		END IF;
	END LOOP;

	-- identifiers: the type's own message
	v := r ->> 'prisonerNumber';
	IF v IS NULL THEN
		RAISE EXCEPTION 'prisonerNumber is required' USING ERRCODE = 'invalid_parameter_value',
			COLUMN = 'prisonerNumber';
	END IF;
	IF NOT resettle.is_valid_prison_number(v) THEN
		BEGIN
			PERFORM v::resettle.prison_number;
		EXCEPTION WHEN invalid_text_representation THEN
			GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
			RAISE EXCEPTION USING ERRCODE = 'invalid_text_representation', MESSAGE = msg,
				DETAIL = det, COLUMN = 'prisonerNumber';
		END;
	END IF;
	booking := r ->> 'bookingId';
	IF booking IS NULL THEN
		RAISE EXCEPTION 'bookingId is required' USING ERRCODE = 'invalid_parameter_value',
			COLUMN = 'bookingId';
	ELSIF booking !~ '^[0-9]{1,18}$' OR booking::bigint = 0 THEN
		RAISE EXCEPTION 'invalid value "%" for bookingId', left(booking, 60)
			USING ERRCODE = 'invalid_parameter_value', COLUMN = 'bookingId',
			      HINT = 'A NOMIS booking id is a positive whole number, as a string ("1203208").';
	END IF;
	-- the PNC: canonical long form (a four-digit year), else as typed,
	-- a two-digit year resolved against as_of
	k := CASE WHEN r ->> 'pncNumberCanonicalLong' IS NOT NULL THEN 'pncNumberCanonicalLong'
	          ELSE 'pncNumber' END;
	pnc := r ->> k;
	IF pnc IS NOT NULL THEN
		BEGIN
			pnc := resettle.pnc_id(pnc, as_of)::text;
		EXCEPTION WHEN invalid_text_representation THEN
			GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
			RAISE EXCEPTION USING ERRCODE = 'invalid_text_representation', MESSAGE = msg,
				DETAIL = det, COLUMN = k;
		END;
	END IF;
	v := r ->> 'croNumber';
	IF v IS NOT NULL AND NOT resettle.is_valid_cro_number(v) THEN
		BEGIN
			PERFORM v::resettle.cro_number;
		EXCEPTION WHEN invalid_text_representation THEN
			GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
			RAISE EXCEPTION USING ERRCODE = 'invalid_text_representation', MESSAGE = msg,
				DETAIL = det, COLUMN = 'croNumber';
		END;
	END IF;
	-- the newest NINO of identifiers[] (by createdDateTime, then position)
	IF jsonb_typeof(r -> 'identifiers') NOT IN ('array', 'null') THEN
		RAISE EXCEPTION 'invalid value for identifiers: expected an array'
			USING ERRCODE = 'invalid_parameter_value', COLUMN = 'identifiers';
	END IF;
	SELECT e.x ->> 'value' INTO nino
	FROM jsonb_array_elements(coalesce(r -> 'identifiers', '[]')) WITH ORDINALITY AS e(x, n)
	WHERE jsonb_typeof(e.x) = 'object' AND e.x ->> 'type' = 'NINO'
	ORDER BY e.x ->> 'createdDateTime' DESC NULLS LAST, e.n DESC
	LIMIT 1;
	IF nino IS NOT NULL AND NOT resettle.is_valid_nino(nino) THEN
		BEGIN
			PERFORM nino::resettle.nino;
		EXCEPTION WHEN invalid_text_representation THEN
			GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
			RAISE EXCEPTION USING ERRCODE = 'invalid_text_representation', MESSAGE = msg,
				DETAIL = det, COLUMN = 'identifiers';
		END;
	END IF;

	-- where: the prison, or the last real one while out or in transit; a
	-- restricted patient is managed by the supporting prison
	prison := CASE
		WHEN (r -> 'restrictedPatient') = 'true' AND r ->> 'supportingPrisonId' IS NOT NULL
			THEN r ->> 'supportingPrisonId'
		WHEN r ->> 'prisonId' IN ('OUT', 'TRN') THEN r ->> 'lastPrisonId'
		ELSE r ->> 'prisonId' END;
	legal := r ->> 'legalStatus';
	status := r ->> 'status';
	-- a release: movement REL and INACTIVE OUT; released to hospital (reason
	-- HP, or a restricted patient) is still serving
	released := r ->> 'lastMovementTypeCode' = 'REL' AND status = 'INACTIVE OUT'
		AND r ->> 'lastMovementReasonCode' IS DISTINCT FROM 'HP'
		AND (r -> 'restrictedPatient') IS DISTINCT FROM 'true';
	IF released AND d ->> 'lastMovementDate' IS NULL THEN
		RAISE EXCEPTION 'a release needs lastMovementDate'
			USING ERRCODE = 'invalid_parameter_value', COLUMN = 'lastMovementDate';
	END IF;
	sex := CASE r ->> 'gender' WHEN 'Male' THEN 'male' WHEN 'Female' THEN 'female' END;

	person := jsonb_build_object(
		'prison_number', upper(btrim(r ->> 'prisonerNumber')),
		'pnc_id', pnc,
		'cro_number', (r ->> 'croNumber')::resettle.cro_number::text,
		'nino', nino::resettle.nino::text,
		'given_name', r ->> 'firstName',
		'family_name', r ->> 'lastName',
		'date_of_birth', d -> 'dateOfBirth',
		'ethnicity', r ->> 'raceCode');
	IF sex IS NOT NULL THEN
		person := person || jsonb_build_object('sex', sex);
	END IF;
	custody := jsonb_build_object(
		'prison_number', person -> 'prison_number',
		'booking_id', booking::bigint,
		'prison_code', prison,
		'reception_date', d -> 'receptionDate',
		'sentence_start', d -> 'sentenceStartDate',
		'sentence_type', r ->> 'imprisonmentStatus',
		'indeterminate', coalesce(r -> 'indeterminateSentence', 'false'),
		'recall', coalesce(r -> 'recall', 'false'),
		'immigration', to_jsonb(coalesce(r ->> 'imprisonmentStatus' = 'DET'
		                                 OR legal = 'IMMIGRATION_DETAINEE', false)),
		'remand', to_jsonb(coalesce(legal = 'REMAND', false)),
		'civil', to_jsonb(coalesce(legal = 'CIVIL_PRISONER'
		                           OR r ->> 'imprisonmentStatus' = ANY (civil_codes), false)))
	|| jsonb_build_object(
		'crd', d -> 'conditionalReleaseDate',
		'ard', d -> 'automaticReleaseDate',
		'ped', d -> 'paroleEligibilityDate',
		'hdced', d -> 'homeDetentionCurfewEligibilityDate',
		'hdcad', d -> 'homeDetentionCurfewActualDate',
		'apd', d -> 'actualParoleDate',
		'ted', d -> 'tariffDate',
		'sed', d -> 'sentenceExpiryDate',
		'led', d -> 'licenceExpiryDate',
		'confirmed_release_date', d -> 'confirmedReleaseDate');
	SELECT coalesce(jsonb_object_agg(f, r -> f), '{}') INTO raw
	FROM unnest(raw_fields) AS f
	WHERE jsonb_typeof(r -> f) IS DISTINCT FROM 'null' AND r ? f;
	custody := custody || jsonb_build_object('prison_feed', raw);

	RETURN jsonb_build_object('person', person, 'custody', custody,
		'released', released, 'released_on', CASE WHEN released THEN d -> 'lastMovementDate' END,
		'readmitted_on', coalesce(d -> 'lastAdmissionDate',
			CASE WHEN r ->> 'lastMovementTypeCode' = 'ADM' THEN d -> 'lastMovementDate' END),
		'gender', r -> 'gender');
END
$$;
COMMENT ON FUNCTION resettle.map_prisoner(jsonb, date) IS
	'Check a Prisoner Search record and map it to person and custody columns (docs/feeds.md)';

/*
 * Write one mapped record (resettle.map_prisoner()): the person, then the
 * episode of its booking, changing only the columns whose values differ.
 * Returns inserted (a person or an episode was created), updated or
 * unchanged.
 */
CREATE FUNCTION resettle.apply_prisoner(mapped jsonb)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	p jsonb := mapped -> 'person';
	c jsonb := mapped -> 'custody';
	released boolean := (mapped ->> 'released')::boolean;
	released_on date := (mapped ->> 'released_on')::date;
	pn resettle.prison_number := (p ->> 'prison_number')::resettle.prison_number;
	booking bigint := (c ->> 'booking_id')::bigint;
	old jsonb;
	changed text[];
	episode resettle.custody;
	current_open resettle.custody;
	action text := 'unchanged';
	reception date;
BEGIN
	IF c ->> 'prison_code' IS NULL THEN
		RAISE EXCEPTION 'no prison: prisonId is missing'
			USING ERRCODE = 'invalid_parameter_value', COLUMN = 'prisonId';
	END IF;
	PERFORM FROM resettle.prison AS x WHERE x.code = c ->> 'prison_code';
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown prison "%"', left(c ->> 'prison_code', 40)
			USING ERRCODE = 'invalid_parameter_value',
			      COLUMN = CASE WHEN mapped -> 'custody' -> 'prison_feed' ->> 'prisonId' IN ('OUT', 'TRN')
			                    THEN 'lastPrisonId' ELSE 'prisonId' END,
			      HINT = 'Prison codes are those of resettle.prison.';
	END IF;
	IF c ->> 'reception_date' IS NULL THEN
		RAISE EXCEPTION 'receptionDate is required'
			USING ERRCODE = 'invalid_parameter_value', COLUMN = 'receptionDate';
	END IF;

	-- the person: created, or the identity fields the record carries.  No
	-- row is locked to read it: an unchanged record writes nothing, not even
	-- a lock; the updates lock what they change, and two imports creating
	-- the same person meet at its primary key (one is rejected)
	SELECT to_jsonb(x) INTO old FROM resettle.person AS x
	WHERE x.prison_number = pn;
	IF old IS NULL THEN
		IF p ->> 'sex' IS NULL THEN
			RAISE EXCEPTION 'gender % cannot be recorded for a new person', coalesce((mapped -> 'gender')::text, 'absent')
				USING ERRCODE = 'invalid_parameter_value', COLUMN = 'gender',
				      DETAIL = 'person.sex is male or female: gender Male or Female.';
		END IF;
		FOREACH action IN ARRAY ARRAY['given_name', 'family_name', 'date_of_birth'] LOOP
			IF p ->> action IS NULL THEN
				RAISE EXCEPTION '% is required for a new person',
					CASE action WHEN 'given_name' THEN 'firstName' WHEN 'family_name' THEN 'lastName'
					ELSE 'dateOfBirth' END
					USING ERRCODE = 'invalid_parameter_value',
					      COLUMN = CASE action WHEN 'given_name' THEN 'firstName'
					               WHEN 'family_name' THEN 'lastName' ELSE 'dateOfBirth' END;
			END IF;
		END LOOP;
		INSERT INTO resettle.person (prison_number, pnc_id, cro_number, nino, given_name,
			family_name, date_of_birth, sex, ethnicity)
		SELECT n.prison_number, n.pnc_id, n.cro_number, n.nino, n.given_name,
			n.family_name, n.date_of_birth, n.sex, n.ethnicity
		FROM jsonb_populate_record(NULL::resettle.person, p) AS n;
		action := 'inserted';
	ELSE
		action := 'unchanged';
		-- absent names and date of birth leave the recorded ones
		SELECT array_agg(key ORDER BY key) INTO changed
		FROM jsonb_each(p) AS e(key, value)
		WHERE key <> 'prison_number' AND value IS DISTINCT FROM old -> key
		  AND NOT (key IN ('given_name', 'family_name', 'date_of_birth') AND value = 'null');
		IF changed IS NOT NULL THEN
			EXECUTE format('UPDATE resettle.person AS x SET %s FROM jsonb_populate_record(NULL::resettle.person, $1) AS n'
			               ' WHERE x.prison_number = $2',
			               (SELECT string_agg(format('%1$I = n.%1$I', k), ', ') FROM unnest(changed) AS k))
			USING p, pn;
			action := 'updated';
		END IF;
	END IF;

	-- the episode of this booking: its newest row
	SELECT * INTO episode FROM resettle.custody AS x
	WHERE x.prison_number = pn AND x.booking_id = booking
	ORDER BY x.id DESC LIMIT 1;
	SELECT * INTO current_open FROM resettle.custody AS x
	WHERE x.prison_number = pn AND x.released_on IS NULL;

	IF episode.id IS NOT NULL AND (episode.released_on IS NULL OR released) THEN
		-- the same episode: its fields, a transfer (prison_code), a release
		IF episode.released_on IS NULL AND released THEN
			c := c || jsonb_build_object('released_on', released_on);
		END IF;
		-- a re-admission's episode keeps the day it began, not the booking's
		-- first reception
		IF EXISTS (SELECT 1 FROM resettle.custody AS x
		           WHERE x.prison_number = pn AND x.booking_id = booking
		             AND x.id < episode.id) THEN
			c := c - 'reception_date';
		END IF;
		old := to_jsonb(episode);
		SELECT array_agg(key ORDER BY key) INTO changed
		FROM jsonb_each(c) AS e(key, value)
		WHERE value IS DISTINCT FROM old -> key;
		IF changed IS NOT NULL THEN
			EXECUTE format('UPDATE resettle.custody AS x SET %s FROM jsonb_populate_record(NULL::resettle.custody, $1) AS n'
			               ' WHERE x.id = $2',
			               (SELECT string_agg(format('%1$I = n.%1$I', k), ', ') FROM unnest(changed) AS k))
			USING c, episode.id;
			IF action = 'unchanged' THEN
				action := 'updated';
			END IF;
		END IF;
		RETURN action;
	END IF;

	-- a new episode: a reception on a new booking, or a re-admission (a
	-- recall) on a booking whose episode was released; an open episode of
	-- another booking ends the day before (its release was not seen: the
	-- feed shows one booking only)
	reception := (c ->> 'reception_date')::date;
	IF episode.id IS NOT NULL THEN
		reception := greatest(reception, (mapped ->> 'readmitted_on')::date);
		IF reception IS NULL OR reception < episode.released_on THEN
			RAISE EXCEPTION 're-admission on booking % needs a lastAdmissionDate on or after its release on %',
				booking, episode.released_on
				USING ERRCODE = 'invalid_parameter_value', COLUMN = 'lastAdmissionDate';
		END IF;
		c := c || jsonb_build_object('reception_date', reception);
	END IF;
	IF current_open.id IS NOT NULL THEN
		UPDATE resettle.custody AS x
		SET released_on = greatest(x.reception_date, reception - 1)
		WHERE x.id = current_open.id;
	END IF;
	IF released THEN
		c := c || jsonb_build_object('released_on', released_on);
	END IF;
	INSERT INTO resettle.custody (prison_number, booking_id, prison_code, reception_date,
		sentence_start, sentence_type, indeterminate, recall, immigration, remand, civil,
		crd, ard, ped, hdced, hdcad, apd, ted, sed, led, confirmed_release_date,
		released_on, prison_feed)
	SELECT n.prison_number, n.booking_id, n.prison_code, n.reception_date,
		n.sentence_start, n.sentence_type, n.indeterminate, n.recall, n.immigration, n.remand, n.civil,
		n.crd, n.ard, n.ped, n.hdced, n.hdcad, n.apd, n.ted, n.sed, n.led, n.confirmed_release_date,
		n.released_on, n.prison_feed
	FROM jsonb_populate_record(NULL::resettle.custody, c) AS n;
	RETURN 'inserted';
END
$$;
COMMENT ON FUNCTION resettle.apply_prisoner(jsonb) IS
	'Write one mapped Prisoner Search record (resettle.map_prisoner()) to person and custody, only what changed';

/*
 * Import Prisoner Search records (a JSON array): one row per record, line
 * being its position in the array (from 1).  Each record is applied wholly
 * or not at all: a record with a bad value is rejected, with a reason
 * "<field>: <message>" naming the record's JSON field ("record" when it is
 * the record as a whole), and the others are applied.  as_of is the day the
 * export was taken (NULL: today); it resolves two-digit PNC years.  Any other error
 * (privileges, a lock, a serialisation failure) stops the import.
 */
CREATE FUNCTION resettle.import_prisoners(records jsonb, as_of date DEFAULT resettle.today())
RETURNS TABLE (line integer, record_key text, action text, reason text)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	rec jsonb;
	n integer;
	field text;
	msg text;
	det text;
BEGIN
	IF NOT (resettle.is_admin() OR resettle.has_access_role('importer')
	        OR current_setting('is_superuser')::boolean) THEN
		RAISE EXCEPTION 'permission denied to import records'
			USING ERRCODE = 'insufficient_privilege',
			      HINT = 'Imports are for the importer and admin roles (resettle.create_roles()).';
	END IF;
	IF records IS NULL OR jsonb_typeof(records) <> 'array' THEN
		RAISE EXCEPTION 'records must be a JSON array of Prisoner Search records'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	as_of := coalesce(as_of, resettle.today());
	IF NOT isfinite(as_of) THEN
		RAISE EXCEPTION 'as_of must be a finite date' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	FOR rec, n IN SELECT e.x, e.n FROM jsonb_array_elements(records) WITH ORDINALITY AS e(x, n) LOOP
		line := n;
		record_key := resettle.prisoner_record_key(rec);
		reason := NULL;
		BEGIN
			action := resettle.apply_prisoner(resettle.map_prisoner(rec, as_of));
		EXCEPTION
			WHEN integrity_constraint_violation THEN
				-- the constraint's name; not its detail, the whole failing row
				GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT;
				action := 'rejected';
				reason := 'record: ' || msg;
			WHEN data_exception THEN
				GET STACKED DIAGNOSTICS field = COLUMN_NAME, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
				action := 'rejected';
				reason := coalesce(nullif(field, ''), 'record') || ': ' || msg
					|| coalesce(' (' || nullif(det, '') || ')', '');
		END;
		RETURN NEXT;
	END LOOP;
END
$$;
COMMENT ON FUNCTION resettle.import_prisoners(jsonb, date) IS
	'Importer: apply Prisoner Search records (JSON array); one row per record: inserted, updated, unchanged or rejected with the field and reason';

REVOKE EXECUTE ON FUNCTION
	resettle.map_prisoner(jsonb, date),
	resettle.apply_prisoner(jsonb),
	resettle.import_prisoners(jsonb, date)
FROM PUBLIC;
