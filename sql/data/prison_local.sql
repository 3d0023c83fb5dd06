
/*
 * Everything inserted after installation is a local addition: pg_dump keeps
 * those rows (the shipped ones are recreated by CREATE EXTENSION, so dumping
 * them too would make the restore fail on their primary keys).
 */
ALTER TABLE resettle.prison ALTER COLUMN shipped SET DEFAULT false;
SELECT pg_catalog.pg_extension_config_dump('resettle.prison', 'WHERE NOT shipped');
