
/*
 * New in 1.2: what a blank text is, the one definition behind "a COM is
 * recorded" (docs/rules.md): empty, or nothing but white space (Unicode's
 * White_Space characters in a UTF-8 database, ASCII's in any other), as
 * Rails' String#blank?, which Manage POM Cases applies to the COM's name.
 * custody_derive stores a blank COM name or email as NULL; the constraint
 * custody_com_name_not_blank and resettle.nonblank() use this function.
 */
CREATE FUNCTION resettle.is_blank(value text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'resettle_is_blank'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION resettle.is_blank(text) IS
	'True if the text is empty or white space only (Unicode White_Space in a UTF-8 database)';
