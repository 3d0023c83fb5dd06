
/*
 * The key of the analysts' pseudonyms (sql/access/pseudonym.sql): one
 * random key, which only admin can read, and its rotation.
 */

-- The HMAC block-size pad of a key: key (hashed if longer than 64 bytes),
-- zero-padded to 64 bytes, each byte XOR pad.
CREATE FUNCTION resettle.hmac_pad(key bytea, pad integer) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT pg_catalog.decode(pg_catalog.string_agg(
		pg_catalog.lpad(pg_catalog.to_hex(
			CASE WHEN i OPERATOR(pg_catalog.<) pg_catalog.length(k.k)
			     THEN pg_catalog.get_byte(k.k, i) ELSE 0 END
			OPERATOR(pg_catalog.#) $2), 2, '0'), '' ORDER BY i), 'hex')
	FROM (SELECT CASE WHEN pg_catalog.length($1) OPERATOR(pg_catalog.>) 64
	                  THEN pg_catalog.sha256($1) ELSE $1 END AS k) AS k,
	     pg_catalog.generate_series(0, 63) AS i
$$;
COMMENT ON FUNCTION resettle.hmac_pad(bytea, integer) IS
	'HMAC-SHA256 key pad: the key in a 64-byte block, each byte XOR pad (0x36 inner, 0x5c outer)';

-- A fresh random 32-byte key (pg_strong_random through gen_random_uuid()).
CREATE FUNCTION resettle.random_key() RETURNS bytea
LANGUAGE sql VOLATILE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT pg_catalog.sha256(
		pg_catalog.uuid_send(pg_catalog.gen_random_uuid()) OPERATOR(pg_catalog.||)
		pg_catalog.uuid_send(pg_catalog.gen_random_uuid()) OPERATOR(pg_catalog.||)
		pg_catalog.uuid_send(pg_catalog.gen_random_uuid()))
$$;
COMMENT ON FUNCTION resettle.random_key() IS 'A random 32-byte key (366 random bits, hashed)';

/*
 * One current key.  The pads are stored so that the views compute a
 * pseudonym with two sha256() calls.  pg_dump keeps the key (so pseudonyms
 * survive a restore; protect dumps accordingly): on restore CREATE EXTENSION
 * has already made a key, and the restored row replaces it.
 */
CREATE TABLE resettle.pseudonym_key (
	current boolean PRIMARY KEY DEFAULT true
		CONSTRAINT pseudonym_key_one_row CHECK (current),
	key bytea NOT NULL
		CONSTRAINT pseudonym_key_length CHECK (pg_catalog.length(key) >= 32),
	inner_pad bytea NOT NULL,
	outer_pad bytea NOT NULL,
	created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	created_by name NOT NULL DEFAULT CURRENT_USER
);
COMMENT ON TABLE resettle.pseudonym_key IS
	'The secret key of analysts'' pseudonyms (HMAC-SHA256); admin only; rotate with resettle.rotate_pseudonym_key()';

CREATE FUNCTION resettle.pseudonym_key_set() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	NEW.inner_pad := resettle.hmac_pad(NEW.key, 54);
	NEW.outer_pad := resettle.hmac_pad(NEW.key, 92);
	IF TG_OP OPERATOR(pg_catalog.=) 'INSERT' THEN
		UPDATE resettle.pseudonym_key AS k
		SET key = NEW.key, created_at = NEW.created_at, created_by = NEW.created_by
		WHERE k.current;
		IF FOUND THEN
			RETURN NULL;
		END IF;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION resettle.pseudonym_key_set() IS
	'Trigger: derives the HMAC pads of the key; an insert (a restore) replaces the current key';
CREATE TRIGGER pseudonym_key_set BEFORE INSERT OR UPDATE OF key ON resettle.pseudonym_key
	FOR EACH ROW EXECUTE FUNCTION resettle.pseudonym_key_set();

INSERT INTO resettle.pseudonym_key (key) VALUES (resettle.random_key());
SELECT pg_catalog.pg_extension_config_dump('resettle.pseudonym_key', '');

/*
 * Rotation: a new random key; every pseudonym changes and the old ones can no
 * longer be linked to people or to the new ones.  Returns when the new key
 * was made.
 */
CREATE FUNCTION resettle.rotate_pseudonym_key() RETURNS timestamptz
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	made timestamptz;
BEGIN
	UPDATE resettle.pseudonym_key AS k
	SET key = resettle.random_key(), created_at = pg_catalog.now(), created_by = CURRENT_USER
	WHERE k.current
	RETURNING k.created_at INTO made;
	IF made IS NULL THEN
		INSERT INTO resettle.pseudonym_key (key) VALUES (resettle.random_key())
		RETURNING created_at INTO made;
	END IF;
	RETURN made;
END
$$;
COMMENT ON FUNCTION resettle.rotate_pseudonym_key() IS
	'Admin: replace the pseudonym key; every pseudonym changes';

