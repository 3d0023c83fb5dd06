
/*
 * New in 1.2: the release outcome keeps ID held and ID applied for apart
 * (docs/rules.md "Release outcome"): id_document is an ID document held on
 * the day of release, the inspection's measure; id_applied, an ID
 * application pending or accepted that day.  1.1 counted an accepted
 * application as id_document; the upgrade re-derives both
 * (sql/upgrade/1.1--1.2-finish.sql).
 */
ALTER TABLE resettle.release_outcome ADD COLUMN id_applied boolean NOT NULL DEFAULT false;
ALTER TABLE resettle.release_outcome ALTER COLUMN id_applied DROP DEFAULT;
COMMENT ON COLUMN resettle.release_outcome.id_document IS
	'An ID document held on the day of release (an application, even accepted, is not: id_applied)';
COMMENT ON COLUMN resettle.release_outcome.id_applied IS
	'An ID application pending or accepted on the day of release';
COMMENT ON COLUMN resettle.release_outcome.handover_date IS
	'The handover date the rules give as of the day of release';
