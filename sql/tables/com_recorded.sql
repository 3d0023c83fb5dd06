
/*
 * New in 1.2: no blank COM name is stored (docs/rules.md "A COM is
 * recorded").  custody_derive stores a blank COM name or email as NULL as
 * it is written; a database upgraded from 1.1 has its blank ones made NULL
 * here (on a fresh install there is none), which re-derives those cases,
 * before the constraint that keeps them out.  (A blank email was already
 * refused by custody_com_email_format.)
 */
UPDATE resettle.custody
SET com_name = CASE WHEN resettle.is_blank(com_name) THEN NULL ELSE com_name END,
    com_email = CASE WHEN resettle.is_blank(com_email) THEN NULL ELSE com_email END
WHERE resettle.is_blank(com_name) OR resettle.is_blank(com_email);

ALTER TABLE resettle.custody
	ADD CONSTRAINT custody_com_name_not_blank CHECK (NOT resettle.is_blank(com_name));
COMMENT ON COLUMN resettle.custody.com_name IS
	'The COM''s name; NULL when none is recorded (a blank name is stored as NULL)';
COMMENT ON COLUMN resettle.custody.com_email IS
	'The COM''s email; NULL when none is recorded (a blank email is stored as NULL)';
