-- soak: a COM is allocated and the POM ticks the checklist, in one
-- transaction that changes the case and then one of its records: the
-- interleaving docs/operations.md says can deadlock with a concurrent
-- record change (40P01, retried by pgbench --max-tries)
\set c random_zipfian(1, :ncases, 1.07)
BEGIN;
UPDATE resettle.custody
SET com_name = 'COM ' || :c, com_email = 'com' || :c || '@probation.example.org',
    com_allocated_on = resettle.today()
WHERE id = :c AND released_on IS NULL;
UPDATE resettle.handover_checklist SET contacted_com = NOT contacted_com WHERE custody_id = :c;
END;
