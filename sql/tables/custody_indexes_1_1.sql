
-- New in 1.1: the open cases whose COM is responsible but not named, by
-- handover date: what resettle.v_com_overdue and the client's overdue
-- handovers read (a few per cent of custody, so a partial index; the
-- views' conditions imply its predicate).
CREATE INDEX custody_com_unallocated_idx ON resettle.custody (handover_date)
	WHERE released_on IS NULL AND responsibility = 'community'
	  AND com_name IS NULL AND com_email IS NULL;
