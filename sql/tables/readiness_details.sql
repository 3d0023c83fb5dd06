
/*
 * New in 1.2: the stored readiness keeps its explanation.  Beside the codes
 * of the failing rules (readiness_gaps), each rule's severity, message and
 * due date as of readiness_as_of, as the recompute evaluated them, so that
 * the lists and the case card read a case's gaps in words without
 * gathering its facts again (resettle.gaps(), resettle.case_card()).
 * Derived, like the other readiness columns: written by the extension only.
 */
ALTER TABLE resettle.custody ADD COLUMN readiness_details jsonb;
COMMENT ON COLUMN resettle.custody.readiness_details IS
	'Derived: the failing rules as of readiness_as_of, in order: [{rule, severity, message, due_on}]';
