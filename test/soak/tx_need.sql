-- soak: a support need is recorded or its status changes
\set c random_zipfian(1, :ncases, 1.07)
\set n random(1, 4)
\set s random(1, 4)
INSERT INTO resettle.support_need (custody_id, need, status, responsible)
SELECT id, (ARRAY['benefit_claim', 'gp_registration', 'release_prescription', 'family_contact'])[:n],
       (ARRAY['not_started', 'in_progress', 'met', 'declined'])[:s], 'prison'
FROM resettle.custody WHERE id = :c AND released_on IS NULL
ON CONFLICT (custody_id, need) DO UPDATE SET status = EXCLUDED.status;
