-- soak: a pathway status changes (a record first, then the trigger locks
-- the case to recompute it).  Cases are drawn with a skew so that sessions
-- collide on the same cases.
\set c random_zipfian(1, :ncases, 1.07)
\set p random(1, 7)
\set s random(1, 6)
UPDATE resettle.pathway_status
SET status = (enum_range(NULL::resettle.pathway_state))[:s]
WHERE custody_id = :c AND pathway = (enum_range(NULL::resettle.pathway))[:p];
