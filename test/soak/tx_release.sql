-- soak: a case due for release within 60 days is released (a release
-- outcome is written, the level becomes released)
\set c random(1, :ncases)
UPDATE resettle.custody SET released_on = greatest(reception_date, resettle.today())
WHERE id = :c AND released_on IS NULL AND release_date <= resettle.today() + 60;
