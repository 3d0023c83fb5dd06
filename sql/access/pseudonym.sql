
/*
 * Pseudonyms: a stable keyed hash (HMAC-SHA256, RFC 2104) of the prison
 * number, built on core sha256().  The key is in resettle.pseudonym_key,
 * which only admin can read; analysts see pseudonyms through views and can
 * neither read the key nor compute a pseudonym for a prison number they know.
 */

-- HMAC-SHA256 from the key's precomputed inner and outer pads.  A
-- SQL-standard body: inlined into the analyst views, its functions and
-- operators fixed when it was created (no caller's search_path reaches it).
CREATE FUNCTION resettle.hmac_sha256_pads(inner_pad bytea, outer_pad bytea, message bytea)
RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.sha256(outer_pad || pg_catalog.sha256(inner_pad || message));
COMMENT ON FUNCTION resettle.hmac_sha256_pads(bytea, bytea, bytea) IS
	'HMAC-SHA256 of a message given the key''s inner (0x36) and outer (0x5c) pads';

CREATE FUNCTION resettle.hmac_sha256(key bytea, message bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT resettle.hmac_sha256_pads(resettle.hmac_pad($1, 54), resettle.hmac_pad($1, 92), $2)
$$;
COMMENT ON FUNCTION resettle.hmac_sha256(bytea, bytea) IS
	'HMAC-SHA256 (RFC 2104) of a message under a key';

-- A pseudonym under a key: hex HMAC-SHA256 of the value's UTF-8 text.  A
-- SQL-standard body without SET, so that the analyst views inline it.
CREATE FUNCTION resettle.keyed_pseudonym(k resettle.pseudonym_key, value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.encode(resettle.hmac_sha256_pads(k.inner_pad, k.outer_pad,
	pg_catalog.convert_to(value, 'UTF8')), 'hex');
COMMENT ON FUNCTION resettle.keyed_pseudonym(resettle.pseudonym_key, text) IS
	'Hex HMAC-SHA256 of a value under a pseudonym key (the analyst views'' pseudonyms)';

/*
 * The pseudonym of a prison number under the current key: 64 hex digits.
 * SECURITY DEFINER so that a role may be allowed to look pseudonyms up
 * (EXECUTE granted to admin only by default) without reading the key.
 */
CREATE FUNCTION resettle.pseudonym(prison_number resettle.prison_number) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT resettle.keyed_pseudonym(k, $1::text)
	FROM resettle.pseudonym_key AS k
	WHERE k.current
$$;
COMMENT ON FUNCTION resettle.pseudonym(resettle.prison_number) IS
	'Pseudonym of a prison number (hex HMAC-SHA256 under the current key), as in the analyst views';
