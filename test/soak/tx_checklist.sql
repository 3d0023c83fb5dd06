-- soak: the POM ticks the handover checklist on its own (the record is
-- locked first, then the trigger locks the case): racing tx_com.sql on the
-- same case, this is the deadlock docs/operations.md describes
\set c random_zipfian(1, :ncases, 1.07)
UPDATE resettle.handover_checklist SET reviewed_oasys = NOT reviewed_oasys WHERE custody_id = :c;
