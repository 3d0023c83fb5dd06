-- soak: the daily re-evaluation, as of a day in the next two months (every
-- case not yet evaluated for that day, locked in id order)
\set d random(0, 60)
SELECT resettle.refresh(resettle.today() + :d);
