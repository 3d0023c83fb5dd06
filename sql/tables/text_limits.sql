
/*
 * Bounds on free text (new in 1.2).  Names, notes and officers' names are
 * shown in lists other people read: a 1 MB name made a colleague's 37-row
 * list tens of megabytes.  Each is limited in characters, and none may hold
 * a control character (C0 but tab and newline in notes, DEL, C1), which a
 * terminal would obey rather than show.  An upgrade whose data breaks a
 * limit stops with the constraint's name; docs/operations.md "Upgrading"
 * says how to find and fix the rows.
 */
ALTER TABLE resettle.person
	ADD CONSTRAINT person_given_name_text
		CHECK (pg_catalog.char_length(given_name) <= 100
		       AND given_name !~ '[\u0001-\u001f\u007f-\u009f]'),
	ADD CONSTRAINT person_family_name_text
		CHECK (pg_catalog.char_length(family_name) <= 100
		       AND family_name !~ '[\u0001-\u001f\u007f-\u009f]'),
	ADD CONSTRAINT person_ethnicity_text
		CHECK (pg_catalog.char_length(ethnicity) <= 100
		       AND ethnicity !~ '[\u0001-\u001f\u007f-\u009f]');

ALTER TABLE resettle.custody
	ADD CONSTRAINT custody_sentence_type_text
		CHECK (pg_catalog.char_length(sentence_type) <= 40
		       AND sentence_type !~ '[\u0001-\u001f\u007f-\u009f]'),
	ADD CONSTRAINT custody_pom_name_text
		CHECK (pg_catalog.char_length(pom_name) <= 100
		       AND pom_name !~ '[\u0001-\u001f\u007f-\u009f]'),
	ADD CONSTRAINT custody_com_name_text
		CHECK (pg_catalog.char_length(com_name) <= 100
		       AND com_name !~ '[\u0001-\u001f\u007f-\u009f]'),
	ADD CONSTRAINT custody_com_email_text
		CHECK (pg_catalog.char_length(com_email) <= 254
		       AND com_email !~ '[\u0001-\u001f\u007f-\u009f]');

ALTER TABLE resettle.pathway_status
	ADD CONSTRAINT pathway_status_note_text
		CHECK (pg_catalog.char_length(note) <= 2000
		       AND note !~ '[\u0001-\u0008\u000b-\u001f\u007f-\u009f]');

ALTER TABLE resettle.support_need
	ADD CONSTRAINT support_need_note_text
		CHECK (pg_catalog.char_length(note) <= 2000
		       AND note !~ '[\u0001-\u0008\u000b-\u001f\u007f-\u009f]');

ALTER TABLE resettle.bank_account
	ADD CONSTRAINT bank_account_bank_name_text
		CHECK (pg_catalog.char_length(bank_name) <= 100
		       AND bank_name !~ '[\u0001-\u001f\u007f-\u009f]');

ALTER TABLE resettle.prison
	ADD CONSTRAINT prison_name_text
		CHECK (pg_catalog.char_length(name) <= 100
		       AND name !~ '[\u0001-\u001f\u007f-\u009f]');
