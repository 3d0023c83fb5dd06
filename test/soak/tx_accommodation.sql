-- soak: an accommodation update under REPEATABLE READ, which fails with
-- 40001 when another transaction changed the same case meanwhile
-- (docs/operations.md: retry; pgbench --max-tries does)
\set c random_zipfian(1, :ncases, 1.07)
BEGIN ISOLATION LEVEL REPEATABLE READ;
UPDATE resettle.accommodation SET address_confirmed = NOT address_confirmed
WHERE custody_id = :c AND release_plan IN ('return_to_previous_address', 'approved_premises');
END;
